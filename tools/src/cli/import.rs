//! `ho21 import FIL`

use std::path::PathBuf;
use std::process::ExitCode;

use ho21_tools::import;

use super::{date, Args, Command, Next, Stop};

pub const COMMAND: Command = Command {
    name: "import",
    summary: "les saksframlegg eller referat (.txt, .pdf, .docx) inn i innholdet",
    help: "\
Bruk: ho21 import FIL [--date ÅÅÅÅ-MM-DD] [--dry-run] [--replace] [--root MAPPE]

Leser sakspapirene eller referatet fra et møte (Word, PDF eller tekst) inn i innholdet.
Les gjennom filene og kjør «ho21 check» før du lager en pull request.

Valg:
  --date ÅÅÅÅ-MM-DD   møtedatoen, der dokumentet ikke sier den
  --dry-run           vis hva som ville blitt skrevet, uten å skrive noe
  --replace           skriv over filer som finnes fra før
  --root MAPPE        nettstedets mappe (standard: mappen du står i)
",
    run,
};

pub struct Import {
    pub root: PathBuf,
    pub options: import::Options,
}

impl Import {
    pub fn parse(args: &mut Args) -> Result<Self, Stop> {
        let mut root = PathBuf::from(".");
        let (mut file, mut date_) = (None, None);
        let (mut replace, mut dry_run) = (false, false);
        while let Some(next) = args.next()? {
            match next {
                Next::Option(name) => match name.as_str() {
                    "root" => root = args.path("root")?,
                    "date" => date_ = Some(date(args)?),
                    "replace" => replace = true,
                    "dry-run" => dry_run = true,
                    _ => return Err(args.unexpected(Next::Option(name))),
                },
                Next::Word(word) if file.is_none() => file = Some(PathBuf::from(word)),
                other => return Err(args.unexpected(other)),
            }
        }
        let Some(file) = file else {
            return Err(args.error("mangler FIL: dokumentet som skal leses inn"));
        };
        Ok(Import {
            root,
            options: import::Options {
                file,
                date: date_,
                replace,
                dry_run,
            },
        })
    }

    pub fn run(self) -> Result<ExitCode, Stop> {
        let outcome = import::import(&self.root, &self.options)?;
        print!("{}", outcome.report(self.options.dry_run));
        if !self.options.dry_run {
            println!("\nKjør `ho21 check` og les gjennom filene før du lager en pull request.");
        }
        Ok(ExitCode::SUCCESS)
    }
}

fn run(args: &mut Args) -> Result<ExitCode, Stop> {
    Import::parse(args)?.run()
}
