//! Reads a whole site (`content/` and `data/personer.toml`) into typed documents.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::codes::Code;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Report, Severity, SourceFile};
use crate::errors::Error;
use crate::frontmatter;
use crate::ids::{CaseId, MeetingId};
use crate::model::*;
use crate::urls;

/// One parsed content file.
#[derive(Debug, Clone)]
pub struct Doc<E> {
    /// The file name without `.md`: the id.
    pub id: String,
    pub file: SourceFile,
    pub front: FrontMatter<E>,
    pub body_offset: usize,
    pub front_offset: usize,
}

impl<E> Doc<E> {
    pub fn body(&self) -> &str {
        &self.file.text[self.body_offset..]
    }

    /// `date` as a calendar date, if it is one (the check reports it when it is not).
    pub fn date(&self) -> Option<crate::dates::Date> {
        self.front
            .date
            .as_ref()
            .and_then(|d| crate::dates::Date::from_toml(d).ok())
    }

    pub fn title(&self) -> &str {
        self.front.title.as_deref().unwrap_or("")
    }
}

impl Doc<CaseExtra> {
    /// Every text of a case that can cite other cases: the paper, the minutes' discussion, the
    /// decision and the proposal.
    pub(crate) fn texts(&self) -> [&str; 4] {
        let e = &self.front.extra;
        [
            self.body(),
            e.referat.as_deref().unwrap_or(""),
            e.vedtak.as_deref().unwrap_or(""),
            e.forslag_til_vedtak.as_deref().unwrap_or(""),
        ]
    }
}

/// The content types, by folder under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Meeting,
    Case,
    Minutes,
    Output,
    Event,
    Report,
    Page,
}

impl Kind {
    pub(crate) fn of_folder(folder: &str) -> Kind {
        match folder {
            urls::MEETINGS => Kind::Meeting,
            urls::CASES => Kind::Case,
            urls::MINUTES => Kind::Minutes,
            urls::OUTPUTS => Kind::Output,
            urls::EVENTS => Kind::Event,
            urls::REPORTS => Kind::Report,
            _ => Kind::Page,
        }
    }
}

#[derive(Debug, Default)]
pub struct Site {
    pub root: PathBuf,
    pub meetings: BTreeMap<String, Doc<MeetingExtra>>,
    pub cases: BTreeMap<String, Doc<CaseExtra>>,
    pub minutes: BTreeMap<String, Doc<MinutesExtra>>,
    pub outputs: BTreeMap<String, Doc<OutputExtra>>,
    pub events: BTreeMap<String, Doc<EventExtra>>,
    pub reports: BTreeMap<String, Doc<ReportExtra>>,
    /// Other pages, keyed by path relative to `content/` without `.md`.
    pub pages: BTreeMap<String, Doc<PageExtra>>,
    /// Section `_index.md` files, keyed by folder relative to `content/`.
    pub sections: BTreeMap<String, (SourceFile, SectionFront)>,
    pub people: Vec<Person>,
    pub people_file: Option<SourceFile>,
    /// The settings from `config.toml`.
    pub config: Config,
    /// Ids of files that exist but could not be read (already reported). They count as
    /// existing, so one broken file does not cause a cascade of "does not exist" errors.
    pub unreadable: BTreeSet<(Kind, String)>,
}

enum Parsed {
    /// A file that exists but failed to parse or has an invalid id.
    Unreadable(Kind, String),
    Meeting(Doc<MeetingExtra>),
    Case(Doc<CaseExtra>),
    Minutes(Doc<MinutesExtra>),
    Output(Doc<OutputExtra>),
    Event(Doc<EventExtra>),
    Report(Doc<ReportExtra>),
    Page(String, Doc<PageExtra>),
    Section(String, SourceFile, SectionFront),
}

impl Site {
    /// Loads every Markdown file under `root/content` and the people list. Content problems go
    /// to `report`; only unreadable files are an [`Error`].
    pub fn load(root: &Path, report: &mut Report) -> Result<Site, Error> {
        let content = root.join("content");
        if !content.is_dir() {
            return Err(Error::msg(format!(
                "fant ikke mappen {}",
                content.display()
            )));
        }
        let mut paths = Vec::new();
        for entry in walkdir::WalkDir::new(&content).sort_by_file_name() {
            let entry = entry
                .map_err(|e| Error::chain(format!("kan ikke lese {}", content.display()), e))?;
            if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md") {
                paths.push(entry.into_path());
            }
        }
        let results: Vec<Result<(Option<Parsed>, Report), Error>> = paths
            .par_iter()
            .map(|path| {
                let bytes = fs::read(path)
                    .map_err(|e| Error::chain(format!("kan ikke lese {}", path.display()), e))?;
                let mut local = Report::default();
                // A file that is not UTF-8 is reported and counts as existing; the check goes on.
                let Some(text) = decode(root, path, bytes, &mut local) else {
                    let (kind, id) = kind_and_id(&content, path);
                    return Ok((Some(Parsed::Unreadable(kind, id)), local));
                };
                let file = SourceFile::new(root, path, text);
                let parsed = parse_file(&content, path, file, &mut local);
                Ok((parsed, local))
            })
            .collect();

        let mut site = Site {
            root: root.to_path_buf(),
            ..Site::default()
        };
        for result in results {
            let (parsed, local) = result?;
            report.diagnostics.extend(local.diagnostics);
            match parsed {
                Some(Parsed::Meeting(d)) => insert(&mut site.meetings, d, report),
                Some(Parsed::Case(d)) => insert(&mut site.cases, d, report),
                Some(Parsed::Minutes(d)) => insert(&mut site.minutes, d, report),
                Some(Parsed::Output(d)) => insert(&mut site.outputs, d, report),
                Some(Parsed::Event(d)) => insert(&mut site.events, d, report),
                Some(Parsed::Report(d)) => insert(&mut site.reports, d, report),
                Some(Parsed::Page(key, d)) => {
                    site.pages.insert(key, d);
                }
                Some(Parsed::Section(key, file, front)) => {
                    site.sections.insert(key, (file, front));
                }
                Some(Parsed::Unreadable(kind, id)) => {
                    site.unreadable.insert((kind, id));
                }
                None => {}
            }
        }
        site.load_people(report)?;
        site.config = Config::load(root)?;
        Ok(site)
    }

    fn load_people(&mut self, report: &mut Report) -> Result<(), Error> {
        let path = self.root.join("data/personer.toml");
        if !path.exists() {
            report.file_error(
                Code::UnknownPerson,
                "data/personer.toml",
                "personlisten mangler",
                Some("lag filen med én [[person]]-blokk per person".into()),
            );
            return Ok(());
        }
        let bytes = fs::read(&path)
            .map_err(|e| Error::chain(format!("kan ikke lese {}", path.display()), e))?;
        let Some(text) = decode(&self.root, &path, bytes, report) else {
            return Ok(());
        };
        let file = SourceFile::new(&self.root, &path, text);
        match toml::from_str::<People>(&file.text) {
            Ok(people) => self.people = people.person,
            Err(err) => {
                let (code, message, hint) = frontmatter::explain(err.message());
                report.error(
                    code,
                    &file,
                    err.span().map_or(0, |s| s.start),
                    message,
                    hint,
                );
            }
        }
        self.people_file = Some(file);
        Ok(())
    }

    /// Every content file with the anomalies it acknowledges, in a stable order (meetings, cases,
    /// minutes, outputs, events, reports, other pages), for rules that read all text.
    pub fn documents(&self) -> impl Iterator<Item = (Kind, &str, &SourceFile, &[Anomaly])> {
        fn each<E>(
            kind: Kind,
            docs: &BTreeMap<String, Doc<E>>,
            anomalies: fn(&E) -> &[Anomaly],
        ) -> impl Iterator<Item = (Kind, &str, &SourceFile, &[Anomaly])> {
            docs.iter()
                .map(move |(id, d)| (kind, id.as_str(), &d.file, anomalies(&d.front.extra)))
        }
        each(Kind::Meeting, &self.meetings, |e| &e.anomalies)
            .chain(each(Kind::Case, &self.cases, |e| &e.anomalies))
            .chain(each(Kind::Minutes, &self.minutes, |e| &e.anomalies))
            .chain(each(Kind::Output, &self.outputs, |e| &e.anomalies))
            .chain(each(Kind::Event, &self.events, |e| &e.anomalies))
            .chain(each(Kind::Report, &self.reports, |e| &e.anomalies))
            .chain(each(Kind::Page, &self.pages, |e| &e.anomalies))
    }

    /// Whether a case with this id exists (possibly unreadable, which is reported elsewhere).
    pub(crate) fn case_exists(&self, id: &str) -> bool {
        self.cases.contains_key(id) || self.unreadable.contains(&(Kind::Case, id.to_owned()))
    }

    pub(crate) fn meeting_exists(&self, id: &str) -> bool {
        self.meetings.contains_key(id) || self.unreadable.contains(&(Kind::Meeting, id.to_owned()))
    }

    /// Number of content pages of every kind.
    pub fn page_count(&self) -> usize {
        self.meetings.len()
            + self.cases.len()
            + self.minutes.len()
            + self.outputs.len()
            + self.events.len()
            + self.reports.len()
            + self.pages.len()
    }
}

fn insert<E>(map: &mut BTreeMap<String, Doc<E>>, doc: Doc<E>, report: &mut Report) {
    if let Some(previous) = map.get(&doc.id) {
        report.file_error(
            Code::DuplicateId,
            &doc.file.rel,
            format!(
                "id-en «{}» er allerede brukt av {}",
                doc.id, previous.file.rel
            ),
            None,
        );
        return;
    }
    map.insert(doc.id.clone(), doc);
}

/// The kind and id of a content file, from its path alone.
fn kind_and_id(content: &Path, path: &Path) -> (Kind, String) {
    let rel = path.strip_prefix(content).unwrap_or(path);
    let folder = rel
        .components()
        .next()
        .filter(|_| rel.components().count() > 1)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    (Kind::of_folder(&folder), id)
}

fn parse_file(
    content: &Path,
    path: &Path,
    file: SourceFile,
    report: &mut Report,
) -> Option<Parsed> {
    let rel = path.strip_prefix(content).unwrap_or(path);
    let components: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let file_name = components.last().cloned().unwrap_or_default();
    let id = file_name.trim_end_matches(".md").to_owned();
    let folder = if components.len() > 1 {
        components[0].as_str()
    } else {
        ""
    };

    if file_name == "_index.md" {
        let key = components[..components.len() - 1].join("/");
        let (front, _) = frontmatter::parse::<SectionFront>(&file, report)?;
        return Some(Parsed::Section(key, file, front));
    }
    // A folder inside a content-type folder would get URLs the tools do not know about.
    if components.len() > 2 && Kind::of_folder(folder) != Kind::Page {
        report.file_error(
            Code::BadId,
            &file.rel,
            "innholdsfiler skal ligge rett i mappen for sin type, ikke i en undermappe",
            None,
        );
        return None;
    }
    let kind = Kind::of_folder(folder);
    let unreadable = Parsed::Unreadable(kind, id.clone());
    // Cases and meetings are found by their number: a file name that is not one is not loaded.
    let bad_id = match kind {
        Kind::Case => CaseId::from_slug(&id).is_none().then_some((
            format!("filnavnet «{id}.md» er ikke et saksnummer"),
            "saker heter N-M-ÅÅÅÅ.md, for eksempel 48-6-2022.md for sak 48/6/2022",
        )),
        Kind::Meeting | Kind::Minutes => MeetingId::from_slug(&id).is_none().then_some((
            format!("filnavnet «{id}.md» er ikke en møte-id"),
            "møter og referater heter ÅÅÅÅ-M.md, for eksempel 2022-6.md for møte 6/2022",
        )),
        _ => None,
    };
    if let Some((message, hint)) = bad_id {
        report.file_error(Code::BadId, &file.rel, message, Some(hint.to_owned()));
        return Some(unreadable);
    }
    Some(match kind {
        Kind::Meeting => doc(id, file, report).map_or(unreadable, Parsed::Meeting),
        Kind::Case => doc(id, file, report).map_or(unreadable, Parsed::Case),
        Kind::Minutes => doc(id, file, report).map_or(unreadable, Parsed::Minutes),
        Kind::Output => doc(id, file, report).map_or(unreadable, Parsed::Output),
        Kind::Event => doc(id, file, report).map_or(unreadable, Parsed::Event),
        Kind::Report => doc(id, file, report).map_or(unreadable, Parsed::Report),
        Kind::Page => {
            let key = rel
                .to_string_lossy()
                .trim_end_matches(".md")
                .replace('\\', "/");
            // Plain pages need no `[extra]` at all.
            doc::<Option<PageExtra>>(id, file, report).map_or(unreadable, |d| {
                let Doc {
                    id,
                    file,
                    front,
                    body_offset,
                    front_offset,
                } = d;
                let front = FrontMatter {
                    title: front.title,
                    description: front.description,
                    date: front.date,
                    weight: front.weight,
                    draft: front.draft,
                    template: front.template,
                    aliases: front.aliases,
                    taxonomies: front.taxonomies,
                    extra: front.extra.unwrap_or_default(),
                };
                Parsed::Page(
                    key,
                    Doc {
                        id,
                        file,
                        front,
                        body_offset,
                        front_offset,
                    },
                )
            })
        }
    })
}

fn doc<E: DeserializeOwned>(id: String, file: SourceFile, report: &mut Report) -> Option<Doc<E>> {
    let (front, split) = frontmatter::parse::<FrontMatter<E>>(&file, report)?;
    let (front_offset, body_offset) = (split.front_offset, split.body_offset);
    Some(Doc {
        id,
        file,
        front,
        body_offset,
        front_offset,
    })
}

/// The text of a file, or `None` after an `encoding` error naming the file and line. A BOM is
/// reported too, but the text (without it) is returned, so the other checks still run on it.
pub fn decode(root: &Path, path: &Path, bytes: Vec<u8>, report: &mut Report) -> Option<String> {
    let rel = SourceFile::new(root, path, String::new()).rel;
    const HINT: &str = "lagre filen som «UTF-8» (ikke «UTF-8 med BOM», «ANSI», «Windows-1252» eller «Latin-1»); i Notisblokk: Lagre som → Koding: UTF-8";
    match String::from_utf8(bytes) {
        Ok(text) => match text.strip_prefix('\u{feff}') {
            Some(rest) => {
                report.push(Diagnostic {
                    severity: Severity::Error,
                    code: Code::Encoding,
                    path: rel,
                    line: 1,
                    col: 1,
                    message: "filen begynner med et usynlig BOM-tegn (byte-rekkefølgemerke)".into(),
                    hint: Some(HINT.into()),
                    source_line: None,
                });
                Some(rest.to_owned())
            }
            None => Some(text),
        },
        Err(err) => {
            let bytes = err.as_bytes();
            let at = err.utf8_error().valid_up_to();
            let before = &bytes[..at];
            let line = before.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = before
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1);
            let col = String::from_utf8_lossy(&before[line_start..])
                .chars()
                .count()
                + 1;
            let line_end = bytes[at..]
                .iter()
                .position(|b| *b == b'\n')
                .map_or(bytes.len(), |i| at + i);
            report.push(Diagnostic {
                severity: Severity::Error,
                code: Code::Encoding,
                path: rel,
                line,
                col,
                message: format!(
                    "filen er ikke lagret som UTF-8 (byten 0x{:02X} kan ikke leses); æ, ø og å er trolig lagret i en eldre tegnkoding",
                    bytes[at]
                ),
                hint: Some(HINT.into()),
                source_line: Some(String::from_utf8_lossy(&bytes[line_start..line_end]).into_owned()),
            });
            None
        }
    }
}
