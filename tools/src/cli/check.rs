//! `ho21 check`

use std::path::PathBuf;
use std::process::ExitCode;

use ho21_tools::diagnostics::Report;
use ho21_tools::{fix, pipeline};

use super::{Args, Command, Next, Stop};

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
    pub fn parse(args: &mut Args) -> Result<Self, Stop> {
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

    pub fn run(&self) -> Result<ExitCode, Stop> {
        if self.fix {
            match fix::fix_site(&self.root)? {
                (0, _) => eprintln!("--fix: ingenting å rette"),
                (files, values) => eprintln!("--fix: rettet {values} saksnumre i {files} filer"),
            }
        }
        let mut report = Report::default();
        let site = pipeline::check_site(&self.root, &mut report)?;
        print!("{}", report.render());
        if report.has_errors() {
            Ok(ExitCode::from(1))
        } else {
            eprintln!("sjekket {} sider", site.page_count());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn run(args: &mut Args) -> Result<ExitCode, Stop> {
    Check::parse(args)?.run()
}

/// What `ho21 new` and `ho21 approve` do once they have written: print each change, then check
/// the site, so the editor sees at once what is still missing.
pub fn print_then_check(root: PathBuf, written: Vec<String>) -> Result<ExitCode, Stop> {
    for line in written {
        println!("{line}");
    }
    Check { root, fix: false }.run()
}
