//! The command line: one module per command, each with a struct for its options, a parser that
//! accepts only those options (each at most once) and its own `--help`.
//!
//! Parsing uses lexopt: it only splits the arguments (`--name value`, `--name=value`, `-h`) and
//! leaves every message to us, so all of them stay in Norwegian, and it adds no dependencies.
//!
//! To add a command: write `cli/<name>.rs` with its `COMMAND` (name, summary, help text and what
//! runs it) and an options struct with `parse` and `run` (see `check.rs`), and add
//! `<name>::COMMAND` to `COMMANDS`.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use ho21_tools::dates::Date;
use ho21_tools::diagnostics::Report;
use ho21_tools::errors::Error;
use ho21_tools::pipeline::Failure;
use lexopt::Arg;

mod approve;
mod build;
mod check;
mod codes;
mod diff;
mod import;
mod links;
mod new;
mod serve;

/// A command: its name, a one-line summary for `ho21 --help`, its own help text and what runs it.
pub struct Command {
    pub name: &'static str,
    pub summary: &'static str,
    pub help: &'static str,
    pub run: fn(&mut Args) -> Result<ExitCode, Stop>,
}

/// Every command, in the order `ho21 --help` lists them.
const COMMANDS: &[Command] = &[
    check::COMMAND,
    build::COMMAND,
    serve::COMMAND,
    new::COMMAND,
    approve::COMMAND,
    import::COMMAND,
    links::COMMAND,
    diff::COMMAND,
    codes::COMMAND,
];

const ABOUT: &str = "ho21 – verktøy for nettstedet til HelseOmsorg21-rådet";

/// The end of every help text.
const FOOTER: &str = "\
Miljøvariabler:
  ZOLA=/sti/til/zola          bruk en annen Zola enn den som er festet i package.json
  PAGEFIND=/sti/til/pagefind  bruk en annen Pagefind

Avslutningskoder: 0 = alt i orden, 1 = feil i innholdet eller nettstedet, 2 = feil bruk eller verktøyfeil.
";

/// The help of one command, as `ho21 KOMMANDO --help` prints it.
fn full_help(command_help: &str) -> String {
    format!("{ABOUT}\n\n{command_help}\n{FOOTER}")
}

fn usage() -> String {
    let mut text = format!("{ABOUT}\n\nBruk: ho21 KOMMANDO [VALG]\n\nKommandoer:\n");
    for command in COMMANDS {
        text.push_str(&format!("  {:<8} {}\n", command.name, command.summary));
    }
    text.push_str(
        "\nAlle kommandoer tar --root MAPPE (standard: mappen du står i).\n\
         «ho21 KOMMANDO --help» viser valgene til en kommando.\n\n",
    );
    text.push_str(FOOTER);
    text
}

/// Why a command stopped before it could finish: `main` prints each kind in one place.
#[derive(Debug)]
pub enum Stop {
    /// `--help` was asked for: print this text and succeed.
    Help(String),
    /// A usage error: the message, and the help text of the command it concerns (exit code 2).
    Usage(String, String),
    /// Problems in the content or the built pages, all in the report: the editor can fix them
    /// (exit code 1). Nothing was published.
    Content(Report),
    /// The tools could not do their job: missing program, unreadable file (exit code 2).
    Failed(Error),
}

impl From<Error> for Stop {
    fn from(error: Error) -> Self {
        Stop::Failed(error)
    }
}

impl From<Failure> for Stop {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::Content(report) => Stop::Content(report),
            Failure::Io(error) => Stop::Failed(error),
        }
    }
}

/// The arguments after the command name, with the help text of the command being parsed.
pub struct Args {
    parser: lexopt::Parser,
    help: String,
    /// Options seen so far, to refuse one given twice.
    seen: Vec<String>,
}

impl Args {
    fn new(parser: lexopt::Parser, help: String) -> Self {
        Args {
            parser,
            help,
            seen: Vec::new(),
        }
    }

    /// The next option as its long name (`"root"` for `--root`), or a positional word.
    /// Answers `--help`/`-h` itself and refuses an option given twice.
    pub fn next(&mut self) -> Result<Option<Next>, Stop> {
        let arg = match self.parser.next() {
            Ok(Some(arg)) => arg,
            Ok(None) => return Ok(None),
            Err(e) => return Err(self.lexopt_error(e)),
        };
        match arg {
            Arg::Long("help") | Arg::Short('h') => Err(Stop::Help(self.help.clone())),
            Arg::Long(name) => {
                let name = name.to_owned();
                if self.seen.contains(&name) {
                    return Err(self.error(format!("--{name} er gitt mer enn én gang")));
                }
                self.seen.push(name.clone());
                Ok(Some(Next::Option(name)))
            }
            Arg::Short(c) => Err(self.error(format!("ukjent argument «-{c}»"))),
            Arg::Value(word) => Ok(Some(Next::Word(word))),
        }
    }

    /// The value of the option just returned by `next`.
    pub fn value(&mut self, option: &str) -> Result<String, Stop> {
        match self.parser.value() {
            Ok(value) => value
                .into_string()
                .map_err(|_| self.error(format!("--{option}: verdien er ikke gyldig tekst"))),
            Err(_) => Err(self.error(format!("--{option} trenger en verdi"))),
        }
    }

    /// A path option, `--root` by default.
    pub fn path(&mut self, option: &str) -> Result<PathBuf, Stop> {
        match self.parser.value() {
            Ok(value) => Ok(PathBuf::from(value)),
            Err(_) => Err(self.error(format!("--{option} trenger en verdi"))),
        }
    }

    /// Switches to the help of a subcommand (`ho21 new meeting`).
    pub fn set_help(&mut self, command_help: &str) {
        self.help = full_help(command_help);
    }

    /// A usage error about this command.
    pub fn error(&self, message: impl Into<String>) -> Stop {
        Stop::Usage(message.into(), self.help.clone())
    }

    /// The error for an argument this command does not take.
    pub fn unexpected(&self, next: Next) -> Stop {
        match next {
            Next::Option(name) => self.error(format!("ukjent argument «--{name}»")),
            Next::Word(word) => self.error(format!("ukjent argument «{}»", word.to_string_lossy())),
        }
    }

    fn lexopt_error(&self, error: lexopt::Error) -> Stop {
        let message = match error {
            lexopt::Error::MissingValue {
                option: Some(option),
            } => format!("{option} trenger en verdi"),
            lexopt::Error::UnexpectedValue { option, .. } => format!("{option} tar ingen verdi"),
            lexopt::Error::NonUnicodeValue(_) => "et argument er ikke gyldig tekst".to_owned(),
            other => format!("kunne ikke lese argumentene: {other}"),
        };
        self.error(message)
    }
}

/// What `Args::next` found.
pub enum Next {
    /// A long option, without the dashes.
    Option(String),
    /// A word that is not an option.
    Word(OsString),
}

/// Parses `--date ÅÅÅÅ-MM-DD`.
fn date(args: &mut Args) -> Result<Date, Stop> {
    let raw = args.value("date")?;
    let parsed: toml::value::Datetime = raw
        .parse()
        .map_err(|_| args.error(format!("--date «{raw}» er ikke en dato (ÅÅÅÅ-MM-DD)")))?;
    Date::from_toml(&parsed).map_err(|e| args.error(format!("--date: {e}")))
}

/// Requires an option the command cannot do without.
pub fn required<T>(args: &Args, value: Option<T>, option: &str) -> Result<T, Stop> {
    value.ok_or_else(|| args.error(format!("mangler --{option}")))
}

/// The exit code for a usage error.
pub fn usage_error(message: &str, help: &str) -> ExitCode {
    eprintln!("ho21: {message}\n\n{help}");
    ExitCode::from(2)
}

/// Parses the command line and runs the command.
pub fn main() -> ExitCode {
    let mut parser = lexopt::Parser::from_env();
    // The command name, or `--help`/`--version` in its place.
    let name = match parser.next() {
        Ok(Some(Arg::Value(word))) => word.to_string_lossy().into_owned(),
        Ok(Some(Arg::Long("help") | Arg::Short('h'))) => {
            print!("{}", usage());
            return ExitCode::SUCCESS;
        }
        Ok(Some(Arg::Long("version"))) => {
            println!("ho21 {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Ok(Some(Arg::Long(option))) => {
            return usage_error(&format!("mangler kommando foran «--{option}»"), &usage())
        }
        Ok(Some(Arg::Short(c))) => {
            return usage_error(&format!("ukjent argument «-{c}»"), &usage())
        }
        Ok(None) => return usage_error("mangler kommando", &usage()),
        Err(e) => return usage_error(&e.to_string(), &usage()),
    };
    if name == "help" {
        print!("{}", usage());
        return ExitCode::SUCCESS;
    }
    let Some(command) = COMMANDS.iter().find(|c| c.name == name) else {
        return usage_error(&format!("ukjent kommando «{name}»"), &usage());
    };
    let mut args = Args::new(parser, full_help(command.help));
    match (command.run)(&mut args) {
        Ok(code) => code,
        Err(Stop::Help(text)) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(Stop::Usage(message, help)) => usage_error(&message, &help),
        Err(Stop::Content(report)) => {
            print!("{}", report.render());
            eprintln!("ho21: ingenting ble publisert; public/ er uendret");
            ExitCode::from(1)
        }
        // The one place an error is printed: its message, then each cause.
        Err(Stop::Failed(error)) => {
            eprint!("{}", error.render());
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Args {
        Args::new(lexopt::Parser::from_args(words), "HJELP".to_owned())
    }

    fn error(result: Result<impl Sized, Stop>) -> String {
        match result {
            Err(Stop::Usage(message, help)) => {
                assert_eq!(help, "HJELP");
                message
            }
            Err(Stop::Help(_)) => panic!("help instead of an error"),
            Err(other) => panic!("not a usage error: {other:?}"),
            Ok(_) => panic!("accepted"),
        }
    }

    #[test]
    fn every_command_has_its_own_help() {
        for command in COMMANDS {
            assert!(
                command
                    .help
                    .starts_with(&format!("Bruk: ho21 {}", command.name)),
                "{}",
                command.name
            );
            let mut a = args(&["--help"]);
            match (command.run)(&mut a) {
                Err(Stop::Help(text)) => assert_eq!(text, "HJELP"),
                _ => panic!("{}: --help not answered", command.name),
            }
        }
    }

    #[test]
    fn options_are_parsed_into_the_command_struct() {
        let check = check::Check::parse(&mut args(&["--fix", "--root", "site"])).expect("ok");
        assert!(check.fix);
        assert_eq!(check.root, PathBuf::from("site"));
        let check = check::Check::parse(&mut args(&["--root=other"])).expect("ok");
        assert!(!check.fix);
        assert_eq!(check.root, PathBuf::from("other"));
    }

    #[test]
    fn unknown_repeated_and_incomplete_options_are_refused_in_norwegian() {
        let e = error(check::Check::parse(&mut args(&["--date", "2026-01-01"])));
        assert_eq!(e, "ukjent argument «--date»");
        let e = error(check::Check::parse(&mut args(&[
            "--root", "a", "--root", "b",
        ])));
        assert_eq!(e, "--root er gitt mer enn én gang");
        let e = error(check::Check::parse(&mut args(&["--root"])));
        assert_eq!(e, "--root trenger en verdi");
        let e = error(check::Check::parse(&mut args(&["--fix=ja"])));
        assert_eq!(e, "--fix tar ingen verdi");
        let e = error(check::Check::parse(&mut args(&["ekstra"])));
        assert_eq!(e, "ukjent argument «ekstra»");
        let e = error(new::NewCase::parse(&mut args(&["--meeting", "2026-1"])));
        assert_eq!(e, "mangler --title");
        let e = error(new::NewMeeting::parse(&mut args(&["--date", "14.01.2026"])));
        assert_eq!(e, "--date «14.01.2026» er ikke en dato (ÅÅÅÅ-MM-DD)");
        let e = error(new::NewMeeting::parse(&mut args(&[
            "--date",
            "2026-01-14",
            "--number",
            "første",
        ])));
        assert_eq!(e, "--number «første» er ikke et tall");
        let e = error(links::Links::parse(&mut args(&["--site", "public"])));
        assert!(e.starts_with("mangler --external"), "{e}");
    }

    #[test]
    fn new_meeting_takes_its_options() {
        let new = new::NewMeeting::parse(&mut args(&[
            "--date",
            "2026-01-14",
            "--time",
            "10:00 - 15:00",
            "--place",
            "Oslo",
        ]))
        .expect("ok");
        assert_eq!(new.meeting.date.iso(), "2026-01-14");
        // Passed on as given; `scaffold::new_meeting` checks it with the other inputs.
        assert_eq!(new.meeting.time.as_deref(), Some("10:00 - 15:00"));
        assert_eq!(new.meeting.place.as_deref(), Some("Oslo"));
        assert_eq!(new.meeting.number, None);
    }
}
