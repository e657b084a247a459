//! `ho21 new meeting|case|minutes|output|event`: one struct per kind of page.

use std::path::PathBuf;
use std::process::ExitCode;

use ho21_tools::dates::Date;
use ho21_tools::scaffold;

use super::check::print_then_check;
use super::{date, required, Args, Command, Next, Stop};

pub const COMMAND: Command = Command {
    name: "new",
    summary: "lag et nytt møte, en ny sak, et referat, en uttalelse eller et arrangement",
    help: "\
Bruk: ho21 new TYPE [VALG]

Lager nye sider med alt utfylt som kan fylles ut, og sjekker innholdet etterpå.

Typer:
  meeting   nytt møte med standardsakene, nummerert videre fra årets saker
  case      ny sak foran «Eventuelt» i et planlagt møte
  minutes   utkast til referat (publiseres ikke før draft = false); møtet merkes holdt,
            oppmøtet kopieres fra forrige møte, og hvert vedtak begynner som forslaget
  output    ny uttalelse, ny rapport eller nytt høringssvar
  event     nytt arrangement

«ho21 new TYPE --help» viser valgene til hver type.
",
    run,
};

/// The kinds of page, with their help and what makes them.
const KINDS: &[(&str, &str, Make)] = &[
    ("meeting", MEETING_HELP, NewMeeting::make),
    ("case", CASE_HELP, NewCase::make),
    ("minutes", MINUTES_HELP, NewMinutes::make),
    ("output", OUTPUT_HELP, make_output),
    ("event", EVENT_HELP, make_event),
];

type Make = fn(&mut Args) -> Result<(PathBuf, Vec<String>), Stop>;

fn run(args: &mut Args) -> Result<ExitCode, Stop> {
    let kind = match args.next()? {
        Some(Next::Word(word)) => word.to_string_lossy().into_owned(),
        Some(other) => return Err(args.unexpected(other)),
        None => return Err(args.error("mangler type: meeting, case, minutes, output eller event")),
    };
    let Some((_, help, make)) = KINDS.iter().find(|(name, ..)| *name == kind) else {
        return Err(args.error(format!(
            "ukjent innholdstype «{kind}»: bruk meeting, case, minutes, output eller event"
        )));
    };
    args.set_help(help);
    let (root, result) = make(args)?;
    print_then_check(root, result)
}

/// Parses a number option.
fn number(args: &mut Args, option: &str) -> Result<u32, Stop> {
    let raw = args.value(option)?;
    raw.parse()
        .map_err(|_| args.error(format!("--{option} «{raw}» er ikke et tall")))
}

const MEETING_HELP: &str = "\
Bruk: ho21 new meeting --date ÅÅÅÅ-MM-DD [--number N] [--first-case N] [--time 10:00-15:00]
                       [--place \"…\"] [--address \"…\"] [--root MAPPE]

Lager et planlagt møte med standardsakene, nummerert videre fra årets saker, med tekstene
fra data/standardsaker.toml.

Valg:
  --date ÅÅÅÅ-MM-DD    møtedatoen (påkrevd)
  --number N           møtets nummer i året (standard: neste ledige)
  --first-case N       nummeret til første sak (standard: neste ledige i året)
  --time 10:00-15:00   når møtet begynner og slutter
  --place \"…\"          møtested
  --address \"…\"        adresse
  --root MAPPE         nettstedets mappe (standard: mappen du står i)
";

pub struct NewMeeting {
    pub root: PathBuf,
    pub meeting: scaffold::NewMeeting,
}

impl NewMeeting {
    pub fn parse(args: &mut Args) -> Result<Self, Stop> {
        let mut root = PathBuf::from(".");
        let (mut date_, mut number_, mut first_case, mut time) = (None, None, None, None);
        let (mut place, mut address) = (None, None);
        while let Some(next) = args.next()? {
            match next {
                Next::Option(name) => match name.as_str() {
                    "root" => root = args.path("root")?,
                    "date" => date_ = Some(date(args)?),
                    "number" => number_ = Some(number(args, "number")?),
                    "first-case" => first_case = Some(number(args, "first-case")?),
                    // Checked with the other inputs by `scaffold::new_meeting`.
                    "time" => time = Some(args.value("time")?),
                    "place" => place = Some(args.value("place")?),
                    "address" => address = Some(args.value("address")?),
                    _ => return Err(args.unexpected(Next::Option(name))),
                },
                other => return Err(args.unexpected(other)),
            }
        }
        Ok(NewMeeting {
            root,
            meeting: scaffold::NewMeeting {
                date: required(args, date_, "date")?,
                number: number_,
                first_case,
                time,
                place,
                address,
            },
        })
    }

    fn make(args: &mut Args) -> Result<(PathBuf, Vec<String>), Stop> {
        let new = Self::parse(args)?;
        let result = scaffold::new_meeting(&new.root, &new.meeting)?;
        Ok((new.root, result))
    }
}

const CASE_HELP: &str = "\
Bruk: ho21 new case --meeting ÅÅÅÅ-N --title \"…\" [--root MAPPE]

Lager en ny sak foran «Eventuelt» i et planlagt møte og nummererer sakene etter den videre.

Valg:
  --meeting ÅÅÅÅ-N   møtet saken hører til, for eksempel 2026-1 (påkrevd)
  --title \"…\"        sakens tittel (påkrevd)
  --root MAPPE       nettstedets mappe (standard: mappen du står i)
";

pub struct NewCase {
    pub root: PathBuf,
    pub meeting: String,
    pub title: String,
}

impl NewCase {
    pub fn parse(args: &mut Args) -> Result<Self, Stop> {
        let (mut root, mut meeting, mut title) = (PathBuf::from("."), None, None);
        while let Some(next) = args.next()? {
            match next {
                Next::Option(name) if name == "root" => root = args.path("root")?,
                Next::Option(name) if name == "meeting" => meeting = Some(args.value("meeting")?),
                Next::Option(name) if name == "title" => title = Some(args.value("title")?),
                other => return Err(args.unexpected(other)),
            }
        }
        Ok(NewCase {
            root,
            meeting: required(args, meeting, "meeting")?,
            title: required(args, title, "title")?,
        })
    }

    fn make(args: &mut Args) -> Result<(PathBuf, Vec<String>), Stop> {
        let new = Self::parse(args)?;
        let result = scaffold::new_case(&new.root, &new.meeting, &new.title)?;
        Ok((new.root, result))
    }
}

const MINUTES_HELP: &str = "\
Bruk: ho21 new minutes --meeting ÅÅÅÅ-N [--root MAPPE]

Lager et utkast til referat for et møte. Utkastet publiseres ikke før draft = false.

Valg:
  --meeting ÅÅÅÅ-N   møtet referatet gjelder, for eksempel 2026-1 (påkrevd)
  --root MAPPE       nettstedets mappe (standard: mappen du står i)
";

pub struct NewMinutes {
    pub root: PathBuf,
    pub meeting: String,
}

impl NewMinutes {
    pub fn parse(args: &mut Args) -> Result<Self, Stop> {
        let (mut root, mut meeting) = (PathBuf::from("."), None);
        while let Some(next) = args.next()? {
            match next {
                Next::Option(name) if name == "root" => root = args.path("root")?,
                Next::Option(name) if name == "meeting" => meeting = Some(args.value("meeting")?),
                other => return Err(args.unexpected(other)),
            }
        }
        Ok(NewMinutes {
            root,
            meeting: required(args, meeting, "meeting")?,
        })
    }

    fn make(args: &mut Args) -> Result<(PathBuf, Vec<String>), Stop> {
        let new = Self::parse(args)?;
        let result = scaffold::new_minutes(&new.root, &new.meeting)?;
        Ok((new.root, result))
    }
}

const OUTPUT_HELP: &str = "\
Bruk: ho21 new output --date ÅÅÅÅ-MM-DD --kind KIND --title \"…\" [--decided-by N-M-ÅÅÅÅ]
                      [--root MAPPE]

Lager en ny uttalelse, rapport eller et nytt høringssvar.

Valg:
  --date ÅÅÅÅ-MM-DD        datoen (påkrevd)
  --kind KIND              hva slags utgivelse (påkrevd)
  --title \"…\"              tittelen (påkrevd)
  --decided-by N-M-ÅÅÅÅ    saken der rådet vedtok den
  --root MAPPE             nettstedets mappe (standard: mappen du står i)
";

const EVENT_HELP: &str = "\
Bruk: ho21 new event --date ÅÅÅÅ-MM-DD --kind KIND --title \"…\" [--root MAPPE]

Lager et nytt arrangement.

Valg:
  --date ÅÅÅÅ-MM-DD   datoen (påkrevd)
  --kind KIND         hva slags arrangement (påkrevd)
  --title \"…\"         tittelen (påkrevd)
  --root MAPPE        nettstedets mappe (standard: mappen du står i)
";

/// `ho21 new output` and `ho21 new event`: a dated page.
pub struct NewDated {
    pub root: PathBuf,
    pub date: Date,
    pub kind: String,
    pub title: String,
    pub decided_by: Option<String>,
}

impl NewDated {
    pub fn parse(args: &mut Args, takes_decided_by: bool) -> Result<Self, Stop> {
        let mut root = PathBuf::from(".");
        let (mut date_, mut kind, mut title, mut decided_by) = (None, None, None, None);
        while let Some(next) = args.next()? {
            match next {
                Next::Option(name) => match name.as_str() {
                    "root" => root = args.path("root")?,
                    "date" => date_ = Some(date(args)?),
                    "kind" => kind = Some(args.value("kind")?),
                    "title" => title = Some(args.value("title")?),
                    "decided-by" if takes_decided_by => {
                        decided_by = Some(args.value("decided-by")?)
                    }
                    _ => return Err(args.unexpected(Next::Option(name))),
                },
                other => return Err(args.unexpected(other)),
            }
        }
        Ok(NewDated {
            root,
            date: required(args, date_, "date")?,
            kind: required(args, kind, "kind")?,
            title: required(args, title, "title")?,
            decided_by,
        })
    }

    fn page(&self) -> scaffold::NewDated<'_> {
        scaffold::NewDated {
            date: self.date,
            kind: &self.kind,
            title: &self.title,
            decided_by: self.decided_by.as_deref(),
        }
    }
}

fn make_output(args: &mut Args) -> Result<(PathBuf, Vec<String>), Stop> {
    let new = NewDated::parse(args, true)?;
    let result = scaffold::new_output(&new.root, &new.page())?;
    Ok((new.root, result))
}

fn make_event(args: &mut Args) -> Result<(PathBuf, Vec<String>), Stop> {
    let new = NewDated::parse(args, false)?;
    let result = scaffold::new_event(&new.root, &new.page())?;
    Ok((new.root, result))
}
