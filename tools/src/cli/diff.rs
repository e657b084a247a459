//! `ho21 diff --old MAPPE --new MAPPE`

use std::path::PathBuf;
use std::process::ExitCode;

use super::{required, Args, Command, Next, Usage};

pub const COMMAND: Command = Command {
    name: "diff",
    summary: "hva som er endret mellom to bygde nettsteder, som Markdown",
    help: "\
Bruk: ho21 diff --old MAPPE --new MAPPE

Viser hva som er endret mellom to bygde nettsteder (sider, feeder, kalender, åpne data), som
Markdown. Skriver ingenting når ingenting er endret.

Valg:
  --old MAPPE   nettstedet før endringen (påkrevd)
  --new MAPPE   nettstedet etter endringen (påkrevd)
  --root MAPPE  godtas som for de andre kommandoene, men brukes ikke
",
    run,
};

pub struct Diff {
    pub old: PathBuf,
    pub new: PathBuf,
}

impl Diff {
    pub fn parse(args: &mut Args) -> Result<Self, Usage> {
        let (mut old, mut new) = (None, None);
        while let Some(next) = args.next()? {
            match next {
                Next::Option(name) if name == "old" => old = Some(args.path("old")?),
                Next::Option(name) if name == "new" => new = Some(args.path("new")?),
                // Every command takes --root; the two sites are named in full.
                Next::Option(name) if name == "root" => drop(args.path("root")?),
                other => return Err(args.unexpected(other)),
            }
        }
        Ok(Diff {
            old: required(args, old, "old")?,
            new: required(args, new, "new")?,
        })
    }

    pub fn run(self) -> ExitCode {
        match ho21_tools::diff::diff_sites(&self.old, &self.new) {
            Ok(report) => {
                print!("{report}");
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("ho21 diff: {message}");
                ExitCode::from(2)
            }
        }
    }
}

fn run(args: &mut Args) -> Result<ExitCode, Usage> {
    Ok(Diff::parse(args)?.run())
}
