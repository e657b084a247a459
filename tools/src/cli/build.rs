//! `ho21 build`

use std::path::PathBuf;
use std::process::ExitCode;

use ho21_tools::diagnostics::Report;
use ho21_tools::pipeline::{self, Options};
use ho21_tools::timing::Timings;

use super::{Args, Command, Next, Stop};

pub const COMMAND: Command = Command {
    name: "build",
    summary: "sjekk, bygg, kontroller lenker og publiser til public/",
    help: "\
Bruk: ho21 build [--output MAPPE] [--timings] [--root MAPPE]

Sjekker innholdet, bygger nettstedet med Zola, kontrollerer alle lenker og publiserer til
public/. Ved feil publiseres ingenting, og public/ er uendret.

Valg:
  --output MAPPE   publiser hit i stedet for til public/
  --timings        vis tiden hvert trinn tok
  --root MAPPE     nettstedets mappe (standard: mappen du står i)
",
    run,
};

pub struct Build {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub timings: bool,
}

impl Build {
    pub fn parse(args: &mut Args) -> Result<Self, Stop> {
        let mut build = Build {
            root: PathBuf::from("."),
            output: None,
            timings: false,
        };
        while let Some(next) = args.next()? {
            match next {
                Next::Option(name) if name == "root" => build.root = args.path("root")?,
                Next::Option(name) if name == "output" => build.output = Some(args.path("output")?),
                Next::Option(name) if name == "timings" => build.timings = true,
                other => return Err(args.unexpected(other)),
            }
        }
        Ok(build)
    }

    pub fn run(self) -> Result<ExitCode, Stop> {
        let options = Options {
            output: self.output.unwrap_or_else(|| self.root.join("public")),
            root: self.root,
        };
        let mut report = Report::default();
        let mut timings = Timings::default();
        let result = pipeline::build(&options, &mut report, &mut timings);
        if self.timings {
            for (stage, time) in &timings.stages {
                eprintln!("{stage:<16} {:>8.3} s", time.as_secs_f64());
            }
        }
        result?;
        if report.warnings() > 0 {
            print!("{}", report.render());
        }
        eprintln!("nettstedet er bygget i {}", options.output.display());
        Ok(ExitCode::SUCCESS)
    }
}

fn run(args: &mut Args) -> Result<ExitCode, Stop> {
    Build::parse(args)?.run()
}
