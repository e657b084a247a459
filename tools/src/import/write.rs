//! Turns what the importer read into content files, in the content model the check knows, and
//! writes them all or none.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::papers::{AgendaItem, Bundle, Paper};
use super::{Error, Options, Unplaced};
use crate::ids::CaseId;
use crate::model::CaseType;
use crate::urls;

/// A file to write.
#[derive(Debug, Clone)]
pub struct Planned {
    pub path: PathBuf,
    pub content: String,
    /// An existing file is replaced (only with `--replace`).
    pub replaces: bool,
}

#[derive(Serialize)]
struct CaseFile<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<toml::value::Datetime>,
    extra: CaseFields<'a>,
}

#[derive(Serialize)]
struct CaseFields<'a> {
    meeting: String,
    number_as_written: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    title_variants: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    case_types: Vec<CaseType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    til: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fra: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    saksbehandlere: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tidligere_behandlet: &'a [String],
    has_paper: bool,
    in_minutes: bool,
    stub: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    forslag_til_vedtak: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    vedlegg: Vec<VedleggOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    approves_minutes_of: Vec<String>,
    sources: Vec<SourceOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    anomalies: Vec<AnomalyOut>,
}

/// A known kind of mistake in the source, recorded so that the check accepts the text as the
/// source printed it (see `model::ANOMALY_CODES`).
#[derive(Serialize)]
pub(super) struct AnomalyOut {
    pub code: &'static str,
    pub text: String,
}

#[derive(Serialize)]
struct VedleggOut<'a> {
    nr: u32,
    title: &'a str,
    present: bool,
}

#[derive(Serialize)]
pub(super) struct SourceOut<'a> {
    pub file: &'a str,
    pub lines: [u32; 2],
    pub part: &'a str,
}

#[derive(Serialize)]
struct MeetingFile {
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<toml::value::Datetime>,
    extra: MeetingFields,
}

#[derive(Serialize)]
struct MeetingFields {
    number: u32,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_as_written: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    time_start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    time_end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<String>,
    agenda: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    anomalies: Vec<AnomalyOut>,
}

fn case_type(name: &str) -> Option<CaseType> {
    match name {
        "Vedtakssak" => Some(CaseType::Vedtakssak),
        "Orienteringssak" => Some(CaseType::Orienteringssak),
        "Diskusjonssak" => Some(CaseType::Diskusjonssak),
        _ => None,
    }
}

fn toml_date(date: &crate::dates::Date) -> toml::value::Datetime {
    date.iso().parse().expect("an ISO date is a TOML date")
}

fn front_matter<T: Serialize>(front: &T, body: &str) -> Result<String, Error> {
    let toml =
        toml::to_string(front).map_err(|e| Error::chain("kunne ikke lage front matter", e))?;
    let mut out = format!("+++\n{toml}+++\n");
    if !body.is_empty() {
        out.push_str(body);
        if !body.ends_with('\n') {
            out.push('\n');
        }
    }
    Ok(out)
}

/// The meeting whose minutes a case approves, from the template's title "Godkjenning av
/// referat fra møte 5/2022".
fn approved_minutes(title: &str) -> Option<String> {
    let rest = title.strip_prefix("Godkjenning av referat")?;
    let (_, tail) = rest.split_once("møte ")?;
    let number: String = tail
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '/')
        .collect();
    let (m, y) = number.split_once('/')?;
    let (m, y): (u32, i32) = (m.parse().ok()?, y.parse().ok()?);
    (y > 1999).then(|| format!("{y}-{m}"))
}

/// The case file for one paper: its key block, proposal and sections.
fn case_file(
    paper: &Paper,
    case: CaseId,
    source: &str,
    options: &Options,
    listed: Option<&AgendaItem>,
    mut anomalies: Vec<AnomalyOut>,
    unplaced: &mut Vec<Unplaced>,
) -> Result<String, Error> {
    // The paper's title is the case's title; the agenda's wording, where it differs, is a
    // variant.
    let title = paper.title.as_str();
    let mut title_variants = Vec::new();
    let mut number_as_written = vec![paper.as_written.as_str()];
    if let Some(item) = listed {
        if item.as_written != paper.as_written {
            number_as_written.insert(0, &item.as_written);
        }
        if item.title != paper.title {
            title_variants.push(item.title.as_str());
            anomalies.push(AnomalyOut {
                code: "title-drift",
                text: format!("Sakslisten bruker tittelen «{}».", item.title),
            });
        }
    }
    if paper.forslag_til_vedtak.is_none() {
        anomalies.push(AnomalyOut {
            code: "missing-forslag",
            text: "Saksframlegget har ikke noe «Forslag til vedtak».".to_owned(),
        });
    }
    if let Some(p) = paper
        .forslag_til_vedtak
        .as_deref()
        .and_then(super::text::placeholder)
    {
        anomalies.push(AnomalyOut {
            code: "placeholder",
            text: format!("Forslaget til vedtak i kilden har plassholderen «{p}»; den er beholdt."),
        });
    }
    let mut case_types = Vec::new();
    for name in &paper.case_types {
        match case_type(name) {
            Some(t) => case_types.push(t),
            None => unplaced.push(Unplaced {
                lines: paper.lines,
                what: format!(
                    "{}: ukjent «Type sak» «{name}» (kjenner Vedtakssak, Orienteringssak og Diskusjonssak)",
                    paper.as_written
                ),
            }),
        }
    }
    let mut sources = vec![SourceOut {
        file: source,
        lines: paper.lines,
        part: "papers",
    }];
    if let Some(item) = listed {
        sources.insert(
            0,
            SourceOut {
                file: source,
                lines: [item.line, item.line],
                part: "agenda",
            },
        );
    }
    let front = CaseFile {
        title,
        date: options.date.as_ref().map(toml_date),
        extra: CaseFields {
            meeting: case.meeting_id().slug(),
            number_as_written,
            title_variants,
            case_types,
            til: paper.til.as_deref(),
            fra: paper.fra.as_deref(),
            saksbehandlere: &paper.saksbehandlere,
            tidligere_behandlet: &paper.tidligere_behandlet,
            has_paper: true,
            in_minutes: false,
            stub: false,
            forslag_til_vedtak: paper.forslag_til_vedtak.as_deref(),
            approves_minutes_of: approved_minutes(title).into_iter().collect(),
            vedlegg: paper
                .vedlegg
                .iter()
                .map(|(nr, title)| VedleggOut {
                    nr: *nr,
                    title,
                    present: false,
                })
                .collect(),
            sources,
            anomalies,
        },
    };
    let mut body = String::new();
    for (heading, paragraphs) in &paper.sections {
        if let Some(h) = heading {
            if paragraphs.is_empty() {
                continue;
            }
            body.push_str(&format!("### {h}\n\n"));
        }
        for p in paragraphs {
            body.push_str(p);
            body.push_str("\n\n");
        }
    }
    front_matter(&front, body.trim_end())
}

/// The meeting file and one case file per paper of a bundle.
pub(super) fn papers(
    root: &Path,
    source: &str,
    bundle: &Bundle,
    options: &Options,
    unplaced: &mut Vec<Unplaced>,
) -> Result<Vec<Planned>, Error> {
    let Some((year, number)) = bundle.meeting.or_else(|| {
        bundle
            .papers
            .iter()
            .find_map(|p| p.case.map(|c| (c.year, c.meeting)))
    }) else {
        return Err(Error::msg(format!(
            "{source}: fant ikke hvilket møte saksframleggene gjelder («Saksframlegg Møte M/ÅÅÅÅ»)"
        )));
    };
    let mut files = Vec::new();
    let mut agenda: BTreeSet<CaseId> = BTreeSet::new();
    for paper in &bundle.papers {
        let Some(mut case) = paper.case else {
            unplaced.push(Unplaced {
                lines: paper.lines,
                what: format!("{}: saksnummeret kan ikke leses", paper.as_written),
            });
            continue;
        };
        let mut anomalies = Vec::new();
        // "Sak 10/1/2025" among the papers for møte 1/2026: the year is a slip, the meeting
        // number and the place in the bundle say which case it is.
        if case.meeting == number && case.year != year {
            let placed = CaseId { year, ..case };
            anomalies.push(AnomalyOut {
                code: "wrong-year",
                text: format!(
                    "Saksframlegget skriver «{}»; riktig nummer er {placed}.",
                    paper.as_written
                ),
            });
            unplaced.push(Unplaced {
                lines: paper.lines,
                what: format!(
                    "kontroller: «{}» står blant saksframleggene til møte {number}/{year}; lest som sak {placed}",
                    paper.as_written
                ),
            });
            // The misprinted number may be a real case of another meeting.
            let other = CaseId {
                year: case.year,
                ..case
            };
            if root.join(urls::source(urls::CASES, other.slug())).exists() {
                anomalies.push(AnomalyOut {
                    code: "number-collision",
                    text: format!(
                        "Det feiltrykte nummeret «{}» er også nummeret på en annen sak, sak {other}. Denne saken er {placed}.",
                        paper.as_written
                    ),
                });
            }
            case = placed;
        }
        if (case.year, case.meeting) != (year, number) {
            unplaced.push(Unplaced {
                lines: paper.lines,
                what: format!(
                    "{}: saksnummeret hører ikke til møte {number}/{year}; ikke importert",
                    paper.as_written
                ),
            });
            continue;
        }
        if !agenda.insert(case) {
            unplaced.push(Unplaced {
                lines: paper.lines,
                what: format!(
                    "{}: samme saksnummer to ganger; bare det første er importert",
                    paper.as_written
                ),
            });
            continue;
        }
        let listed = bundle.agenda.iter().find(|a| a.case == case);
        let content = case_file(paper, case, source, options, listed, anomalies, unplaced)?;
        files.push(planned(
            root,
            urls::source(urls::CASES, case.slug()),
            content,
        ));
    }
    // On the agenda without a paper: the case exists, its paper is missing.
    for item in &bundle.agenda {
        if (item.case.year, item.case.meeting) != (year, number) || agenda.contains(&item.case) {
            continue;
        }
        agenda.insert(item.case);
        let front = CaseFile {
            title: &item.title,
            date: options.date.as_ref().map(toml_date),
            extra: CaseFields {
                meeting: item.case.meeting_id().slug(),
                number_as_written: vec![&item.as_written],
                title_variants: Vec::new(),
                case_types: Vec::new(),
                til: None,
                fra: None,
                saksbehandlere: &[],
                tidligere_behandlet: &[],
                has_paper: false,
                in_minutes: false,
                stub: false,
                forslag_til_vedtak: None,
                vedlegg: Vec::new(),
                approves_minutes_of: Vec::new(),
                sources: vec![SourceOut {
                    file: source,
                    lines: [item.line, item.line],
                    part: "agenda",
                }],
                anomalies: vec![AnomalyOut {
                    code: "missing-paper",
                    text: format!(
                        "Saken står på sakslisten («{} {}»), men saksframlegget mangler i sakspapirene.",
                        item.as_written, item.title
                    ),
                }],
            },
        };
        unplaced.push(Unplaced {
            lines: [item.line, item.line],
            what: format!(
                "{} {}: står på sakslisten, men har ikke noe saksframlegg; saken er skrevet uten",
                item.as_written, item.title
            ),
        });
        files.push(planned(
            root,
            urls::source(urls::CASES, item.case.slug()),
            front_matter(&front, "")?,
        ));
    }
    // A gap in the numbering is a paper the importer did not recognise (a paper without its
    // header, for example). The meeting's cases are numbered without gaps, so the number goes
    // on the agenda; its file is for a person to write: never invented here.
    let found: Vec<CaseId> = agenda.iter().copied().collect();
    if let (Some(first), Some(last)) = (found.first(), found.last()) {
        for n in first.number..last.number {
            if !found.iter().any(|c| c.number == n) {
                let missing = CaseId {
                    number: n,
                    ..*first
                };
                agenda.insert(missing);
                unplaced.push(Unplaced {
                    lines: [0, 0],
                    what: format!(
                        "sak {n}/{number}/{year} mangler: fant ikke «Sak {n}/{number}/{year}» på egen linje \
                         (et saksframlegg uten overskrift står da i teksten til saken foran); saken står i \
                         sakslisten, skriv content/saker/{}.md for hånd",
                        missing.slug()
                    ),
                });
            }
        }
    }
    let notice = &bundle.notice;
    let meeting = MeetingFile {
        title: format!("Møte {number}/{year}"),
        date: options.date.as_ref().map(toml_date),
        extra: MeetingFields {
            number,
            status: "planned",
            date_as_written: notice.date_as_written.clone(),
            time_start: notice.time.as_ref().map(|t| t.0.clone()),
            time_end: notice.time.as_ref().map(|t| t.1.clone()),
            place: notice.place.clone(),
            address: notice.address.clone(),
            agenda: agenda.iter().map(CaseId::slug).collect(),
            anomalies: notice
                .date_as_written
                .as_deref()
                .filter(|w| !crate::dates::mentions_year(w))
                .map(|w| AnomalyOut {
                    code: "missing-year",
                    text: format!("Innkallingen skriver datoen «{w}» uten årstall."),
                })
                .into_iter()
                .collect(),
        },
    };
    files.sort_by_key(|f| {
        f.path
            .file_stem()
            .and_then(|s| CaseId::from_slug(&s.to_string_lossy()))
    });
    files.insert(
        0,
        planned(
            root,
            urls::source(urls::MEETINGS, format!("{year}-{number}")),
            front_matter(&meeting, "")?,
        ),
    );
    Ok(files)
}

pub(super) fn planned(root: &Path, relative: String, content: String) -> Planned {
    let path = root.join(relative);
    Planned {
        replaces: path.exists(),
        path,
        content,
    }
}

/// Writes every file or none: refuses before writing anything if a file exists (without
/// `--replace`), writes each to a temporary file beside it, then renames them into place.
pub(super) fn write_all(files: &[Planned], replace: bool) -> Result<(), Error> {
    let existing: Vec<String> = files
        .iter()
        .filter(|f| f.path.exists())
        .map(|f| f.path.display().to_string())
        .collect();
    if !replace && !existing.is_empty() {
        return Err(Error::msg(format!(
            "finnes allerede, ingenting er skrevet (bruk --replace for å erstatte, --dry-run for å se hva som ville blitt skrevet):\n  {}",
            existing.join("\n  ")
        )));
    }
    let mut temps: Vec<(PathBuf, &Path)> = Vec::new();
    let cleanup = |temps: &[(PathBuf, &Path)]| {
        for (tmp, _) in temps {
            let _ = std::fs::remove_file(tmp);
        }
    };
    for file in files {
        let dir = file.path.parent().expect("content files are in a folder");
        if let Err(e) = std::fs::create_dir_all(dir) {
            cleanup(&temps);
            return Err(Error::chain(
                format!("kan ikke lage mappen {}", dir.display()),
                e,
            ));
        }
        let tmp = dir.join(format!(
            ".{}.import-{}",
            file.path.file_name().unwrap_or_default().to_string_lossy(),
            std::process::id()
        ));
        if let Err(e) = std::fs::write(&tmp, &file.content) {
            cleanup(&temps);
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::chain(
                format!("kan ikke skrive {}", file.path.display()),
                e,
            ));
        }
        temps.push((tmp, &file.path));
    }
    for (tmp, path) in &temps {
        std::fs::rename(tmp, path)
            .map_err(|e| Error::chain(format!("kan ikke skrive {}", path.display()), e))?;
    }
    Ok(())
}
