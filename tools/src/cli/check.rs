//! `ho21 check`

use std::path::PathBuf;
use std::process::ExitCode;

use ho21_tools::diagnostics::Report;
use ho21_tools::{fix, pipeline};

use super::{Args, Command, Next, Usage};

pub const COMMAND: Command = Command {
    name: "check",
    summary: "sjekk innholdet og vis alle feil",
    help: "\
Bruk: ho21 check [--fix] [--root MAPPE]

Sjekker alt innholdet og viser alle feil med fil og linje. Publiserer ingenting.

Valg:
  --fix          retter først saksnumre i id-felt skrevet slik folk skriver dem («48/6/22»)
                 til id-er («48-6-2022»), og krøllete anførselstegn og harde mellomrom
                 utenfor tekstverdiene i feltene; teksten røres ikke
  --root MAPPE   nettstedets mappe (standard: mappen du står i)
",
    run,
};

pub struct Check {
    pub root: PathBuf,
    pub fix: bool,
}

impl Check {
    pub fn parse(args: &mut Args) -> Result<Self, Usage> {
        let mut root = None;
        let mut fix = false;
        while let Some(next) = args.next()? {
            match next {
                Next::Option(name) if name == "root" => root = Some(args.path("root")?),
                Next::Option(name) if name == "fix" => fix = true,
                other => return Err(args.unexpected(other)),
            }
        }
        Ok(Check {
            root: root.unwrap_or_else(|| PathBuf::from(".")),
            fix,
        })
    }

    pub fn run(&self) -> ExitCode {
        if self.fix {
            match fix::fix_site(&self.root) {
                Ok((0, _)) => eprintln!("--fix: ingenting å rette"),
                Ok((files, values)) => {
                    eprintln!("--fix: rettet {values} saksnumre i {files} filer")
                }
                Err(message) => {
                    eprintln!("ho21: {message}");
                    return ExitCode::from(2);
                }
            }
        }
        let mut report = Report::default();
        match pipeline::check_site(&self.root, &mut report) {
            Ok(site) => {
                print!("{}", report.render());
                if report.has_errors() {
                    ExitCode::from(1)
                } else {
                    eprintln!("sjekket {} sider", site.page_count());
                    ExitCode::SUCCESS
                }
            }
            Err(failure) => super::fail(failure),
        }
    }
}

fn run(args: &mut Args) -> Result<ExitCode, Usage> {
    Ok(Check::parse(args)?.run())
}

/// What `ho21 new` and `ho21 approve` do once they have written: print each change, then check
/// the site, so the editor sees at once what is still missing. A failure to write is exit code 2.
pub fn print_then_check(root: PathBuf, written: Result<Vec<String>, String>) -> ExitCode {
    match written {
        Ok(lines) => {
            for line in lines {
                println!("{line}");
            }
            Check { root, fix: false }.run()
        }
        Err(message) => {
            eprintln!("ho21: {message}");
            ExitCode::from(2)
        }
    }
}
