//! `ho21 diff --old MAPPE --new MAPPE`

use std::path::PathBuf;
use std::process::ExitCode;

use ho21_tools::errors::Context;

use super::{required, Args, Command, Next, Stop};

pub const COMMAND: Command = Command {
    name: "diff",
    summary: "hva som er endret mellom to bygde nettsteder, som Markdown",
    help: "\
Bruk: ho21 diff --old MAPPE --new MAPPE [--pages FIL]

Viser hva som er endret mellom to bygde nettsteder (sider, feeder, kalender, åpne data), som
Markdown. Skriver ingenting når ingenting er endret.

Valg:
  --old MAPPE   nettstedet før endringen (påkrevd)
  --new MAPPE   nettstedet etter endringen (påkrevd)
  --pages FIL   skriv også adressene til sidene som er nye eller endret (også bare i
                markupen), én per linje, til FIL; nettlesertestene kjører axe på dem
  --root MAPPE  godtas som for de andre kommandoene, men brukes ikke
",
    run,
};

pub struct Diff {
    pub old: PathBuf,
    pub new: PathBuf,
    pub pages: Option<PathBuf>,
}

impl Diff {
    pub fn parse(args: &mut Args) -> Result<Self, Stop> {
        let (mut old, mut new, mut pages) = (None, None, None);
        while let Some(next) = args.next()? {
            match next {
                Next::Option(name) if name == "old" => old = Some(args.path("old")?),
                Next::Option(name) if name == "new" => new = Some(args.path("new")?),
                Next::Option(name) if name == "pages" => pages = Some(args.path("pages")?),
                // Every command takes --root; the two sites are named in full.
                Next::Option(name) if name == "root" => drop(args.path("root")?),
                other => return Err(args.unexpected(other)),
            }
        }
        Ok(Diff {
            old: required(args, old, "old")?,
            new: required(args, new, "new")?,
            pages,
        })
    }

    pub fn run(self) -> Result<ExitCode, Stop> {
        let diff = ho21_tools::diff::compare(&self.old, &self.new)?;
        if let Some(file) = &self.pages {
            let text: String = diff.touched.iter().map(|p| format!("{p}\n")).collect();
            std::fs::write(file, text)
                .with_context(|| format!("kan ikke skrive {}", file.display()))?;
        }
        print!("{}", diff.report);
        Ok(ExitCode::SUCCESS)
    }
}

fn run(args: &mut Args) -> Result<ExitCode, Stop> {
    Diff::parse(args)?.run()
}
