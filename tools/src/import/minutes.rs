//! Reads minutes in the secretariat's 2022 template ("Referat Møte M/YYYY", `Dato`, `Sted`, the
//! attendance blocks, then each case as "Sak N/M/YY Title", its discussion and "Vedtak: …") and
//! fills what they say into the meeting and its cases: attendance, discussion (`referat`) and
//! decision (`vedtak`). Existing files are edited in place (toml_edit keeps everything else as it
//! was); cases without a file get one.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use toml_edit::{value, Array, ArrayOfTables, DocumentMut, Item, Table};

use super::text::{self, Line};
use super::write::{planned, Planned};
use super::{Error, Found, Options, Unplaced};
use crate::ids::{parse_case_number, CaseId};
use crate::urls;

/// Minutes as read.
#[derive(Debug, Default)]
pub struct Minutes {
    pub year: i32,
    pub number: u32,
    pub header: [u32; 2],
    pub notice: Notice,
    pub attendance: Vec<Person>,
    pub cases: Vec<CaseMinutes>,
}

/// One person in the attendance blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub org: Option<String>,
    pub role: &'static str,
    pub present: bool,
    pub digital: bool,
    pub from_case: Option<String>,
    pub to_case: Option<String>,
    pub note: Option<String>,
}

/// One case in the minutes.
#[derive(Debug, Clone)]
pub(crate) struct CaseMinutes {
    pub case: CaseId,
    pub as_written: String,
    pub title: String,
    pub referat: Option<String>,
    pub vedtak: Option<String>,
    pub lines: [u32; 2],
    /// Mistakes of the source the check must accept: (code, explanation).
    pub anomalies: Vec<(&'static str, String)>,
}

impl Minutes {
    /// Case `number` of this meeting.
    fn case(&self, number: u32) -> CaseId {
        CaseId {
            year: self.year,
            meeting: self.number,
            number,
        }
    }
}

impl CaseMinutes {
    /// A placeholder left in the decision ("NN", "[ ]") is kept as printed, and noted.
    fn note_placeholder(&mut self) {
        if let Some(p) = self.vedtak.as_deref().and_then(text::placeholder) {
            self.anomalies.push((
                "placeholder",
                format!("Vedtaket i referatet har plassholderen «{p}»; den er beholdt."),
            ));
        }
    }
}

static HEADER_RE: LazyLock<Regex> = regex!(r"^\s*Referat\s+[Mm]øte\s+(\d{1,2})/(\d{4})\s*$");

static CASE_RE: LazyLock<Regex> =
    regex!(r"^\s*(Sak\s+((\d{1,3})[/.](\d{1,2})[/.](\d{2,4})))\s+(\S.*?)\s*$");

static BOUND_RE: LazyLock<Regex> =
    regex!(r"(f\.o\.m\.|t\.o\.m\.|fra|til og med|til)\s+sak\s+(\d{1,3}[/.]\d{1,2}[/.]\d{2,4})");

/// The attendance blocks and the role of the people listed in each.
const BLOCKS: &[(&str, &str, bool)] = &[
    (
        "Til stede fra Forskningsrådet/HelseOmsorg21-sekretariatet",
        "secretariat",
        true,
    ),
    ("Til stede fra", "secretariat", true),
    ("Til stede", "member", true),
    ("Forfall", "member", false),
    ("Møtende vara", "substitute", true),
    ("Observatører", "observer", true),
];

static TABLE_HEADER_RE: LazyLock<Regex> = regex!(r"(?i)referat\s+møte\s+(\d{1,2})/(\d{4})\s*$");

static ROW_RE: LazyLock<Regex> = regex!(r"^\s*(Sak\s+(\d{1,3})[/.](\d{1,2})[/.](\d{2,4}))\s*$");

/// Reads minutes; `None` when the input is not minutes in a known template.
pub fn read(lines: &[Line], unplaced: &mut Vec<Unplaced>) -> Option<Minutes> {
    if !lines.iter().any(|l| HEADER_RE.is_match(&l.text)) {
        return read_table(lines, unplaced);
    }
    let start = lines.iter().position(|l| HEADER_RE.is_match(&l.text))?;
    let caps = HEADER_RE.captures(&lines[start].text)?;
    let (mut minutes, first_case) = numbered(lines, start, &caps, &CASE_RE)?;
    minutes.header = [lines[start].no, lines[first_case - 1].no];
    read_header(&lines[start + 1..first_case], &mut minutes, unplaced);

    for block in blocks(lines, first_case, &CASE_RE) {
        if let Some(mut item) = minutes.read_case(block, unplaced) {
            // A number used twice: the cases of a meeting are numbered in order, so the place
            // in the minutes gives the number (the source's number is kept as written).
            if let Some(taken) = minutes.cases.iter().find(|c| c.case == item.case) {
                let previous = minutes.cases.last().expect("a case was read before").case;
                let placed = CaseId {
                    number: previous.number + 1,
                    ..previous
                };
                if minutes.cases.iter().any(|c| c.case == placed) {
                    unplaced.push(Unplaced {
                        lines: item.lines,
                        what: format!(
                            "{} {}: samme saksnummer som en sak før i referatet; ikke importert",
                            item.as_written, item.title
                        ),
                    });
                    continue;
                }
                item.anomalies.push((
                    "duplicate-number",
                    format!(
                        "Referatet skriver «{} {}», men {} er allerede nummeret til {}. Etter \
                         plasseringen i referatet (etter sak {}) er dette sak {}.",
                        item.as_written,
                        item.title,
                        item.as_written.trim_start_matches("Sak "),
                        taken.title,
                        previous,
                        placed
                    ),
                ));
                unplaced.push(Unplaced {
                    lines: item.lines,
                    what: format!(
                        "kontroller: «{} {}» har samme nummer som en sak før; lest som sak {placed} \
                         etter plasseringen",
                        item.as_written, item.title
                    ),
                });
                item.case = placed;
            }
            minutes.cases.push(item);
        }
    }
    Some(minutes)
}

/// The 2025 template: a two-column Word table, flattened. The attendance comes first, then
/// "HelseOmsorg21-rådet, referat møte 1/2025" with `Dato`, the time and `Sted` each on their own
/// lines, then one row per case: "Sak N/M/YY" alone, the title, the discussion and the decision
/// as the last paragraph. The column header "Vedtak" lands anywhere in the row, so it does not
/// mark the decision, except where it is glued to it ("Vedtak Årsrapporten godkjennes").
/// Every line is followed by an empty line; a line of only spaces ends a paragraph.
fn read_table(lines: &[Line], unplaced: &mut Vec<Unplaced>) -> Option<Minutes> {
    let start = lines
        .iter()
        .position(|l| TABLE_HEADER_RE.is_match(l.text.trim()))?;
    let caps = TABLE_HEADER_RE.captures(lines[start].text.trim())?;
    let (mut minutes, first_case) = numbered(lines, start, &caps, &ROW_RE)?;
    minutes.header = [lines[0].no, lines[first_case - 1].no];
    read_header(&lines[..start], &mut minutes, unplaced);

    // `Dato`, `Sted` and the time, each label and value on separate lines.
    let notice: Vec<&str> = lines[start + 1..first_case]
        .iter()
        .map(|l| l.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let mut k = 0;
    while k < notice.len() {
        let next = notice.get(k + 1).copied();
        match (notice[k], next) {
            ("Dato", Some(date)) => {
                minutes.notice.read_line(&format!("Dato {date}"));
                k += 2;
            }
            ("Sted", Some(place)) => {
                minutes.notice.place = Some(place.to_owned());
                // The address, if any, is the line after the place.
                minutes.notice.address = notice.get(k + 2).map(|a| a.to_string());
                k += 3;
            }
            (other, _) => {
                let hours: Vec<u32> = other
                    .split(|c: char| !c.is_ascii_digit())
                    .filter_map(|n| n.parse().ok())
                    .collect();
                if other.to_lowercase().starts_with("kl") && hours.len() == 2 {
                    minutes.notice.time =
                        Some((format!("{:02}:00", hours[0]), format!("{:02}:00", hours[1])));
                }
                k += 1;
            }
        }
    }

    for block in blocks(lines, first_case, &ROW_RE) {
        if let Some(item) = minutes.read_row(block, unplaced) {
            minutes.cases.push(item);
        }
    }
    Some(minutes)
}

/// The minutes of the meeting the header `caps` numbers ("møte N/ÅÅÅÅ"), and the first line
/// after the header at `start` that begins a case.
fn numbered(
    lines: &[Line],
    start: usize,
    caps: &regex::Captures<'_>,
    case: &Regex,
) -> Option<(Minutes, usize)> {
    let minutes = Minutes {
        number: caps[1].parse().ok()?,
        year: caps[2].parse().ok()?,
        ..Minutes::default()
    };
    let first_case = lines[start..]
        .iter()
        .position(|l| case.is_match(&l.text))
        .map(|p| p + start)?;
    Some((minutes, first_case))
}

/// The lines of each case, from `first` on: from a line that begins a case to the next one.
fn blocks<'a>(lines: &'a [Line], first: usize, case: &Regex) -> Vec<&'a [Line]> {
    let starts: Vec<usize> = (first..lines.len())
        .filter(|&i| case.is_match(&lines[i].text))
        .collect();
    (0..starts.len())
        .map(|k| &lines[starts[k]..starts.get(k + 1).copied().unwrap_or(lines.len())])
        .collect()
}

impl Minutes {
    /// One case of minutes in the table template (see [`read_table`]): a row from its
    /// "Sak N/M/YY" line to the next.
    fn read_row(&self, lines: &[Line], unplaced: &mut Vec<Unplaced>) -> Option<CaseMinutes> {
        let caps = ROW_RE.captures(&lines[0].text)?;
        let case = self.case(caps[2].parse().ok()?);
        let as_written = text::squeeze(&caps[1]);
        // Empty lines are only the double spacing; lines of spaces end paragraphs.
        let mut content: Vec<Line> = Vec::new();
        let mut glued_decision: Option<usize> = None;
        for line in &lines[1..] {
            if line.text.is_empty() && !line.spaces {
                continue;
            }
            let t = line.text.trim();
            if t == "Vedtak" {
                continue;
            }
            if text::is_url_line(t) {
                unplaced.push(Unplaced::line(
                    line.no,
                    format!("nettadresse på egen linje i {as_written} (lenken hører til teksten foran): {t}"),
                ));
                continue;
            }
            let mut text_of = t.to_owned();
            if let Some(rest) = t.strip_prefix("Vedtak ") {
                glued_decision = Some(content.len());
                text_of = rest.to_owned();
            }
            content.push(Line {
                no: line.no,
                text: if t.is_empty() { String::new() } else { text_of },
                spaces: line.spaces,
            });
        }
        let first = content.iter().position(|l| !l.text.is_empty())?;
        let mut title = content[first].text.clone();
        let mut body_start = first + 1;
        if let Some(next) = content
            .get(body_start)
            .filter(|l| l.text.chars().next().is_some_and(char::is_lowercase))
        {
            title = text::join_lines([title.as_str(), next.text.as_str()]);
            body_start += 1;
        }
        let body = &content[body_start.min(content.len())..];
        let paragraphs = text::paragraphs(body, false);
        let (referat, vedtak) = match glued_decision {
            Some(at) if at >= body_start => {
                let cut = at - body_start;
                (
                    text::paragraphs(&body[..cut], false),
                    text::paragraphs(&body[cut..], false),
                )
            }
            _ => match paragraphs.split_last() {
                Some((last, rest)) => (rest.to_vec(), vec![last.clone()]),
                None => (Vec::new(), Vec::new()),
            },
        };
        let mut item = CaseMinutes {
            case,
            as_written,
            title,
            referat: (!referat.is_empty()).then(|| referat.join("\n\n")),
            vedtak: (!vedtak.is_empty()).then(|| vedtak.join("\n\n")),
            lines: [lines[0].no, lines[lines.len() - 1].no],
            anomalies: Vec::new(),
        };
        item.note_placeholder();
        Some(item)
    }
}

fn read_header(lines: &[Line], minutes: &mut Minutes, unplaced: &mut Vec<Unplaced>) {
    let mut block: Option<(&'static str, bool)> = None;
    let mut label_continues = false;
    for line in lines {
        let t = text::strip_bold(&line.text);
        let t = t.trim();
        if t.is_empty() || text::is_page_counter(t) || t.starts_with("HelseOmsorg") {
            continue;
        }
        if minutes.notice.read_line(t) {
            continue;
        }
        let mut entry = t;
        if let Some((label, role, present)) = BLOCKS.iter().find(|(l, ..)| {
            t.strip_prefix(l)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ':']))
        }) {
            block = Some((role, *present));
            entry = t[label.len()..].trim_start_matches(':').trim();
            // The 2025 minutes write "Observatører: Deltok på hele eller deler av møtet:".
            if entry.is_empty() || !looks_like_name(entry) {
                label_continues = true;
                continue;
            }
        }
        // A label over several lines ("Til stede fra" / "Sekretariatet/" / "Forskningsrådet").
        if label_continues && !looks_like_name(entry) {
            continue;
        }
        label_continues = false;
        match block {
            Some((role, present)) if looks_like_name(entry) => {
                minutes
                    .attendance
                    .push(person(entry, role, present, minutes));
            }
            _ => unplaced.push(Unplaced::line(
                line.no,
                format!("i oppmøtelisten, men ikke «Navn, organisasjon»: «{entry}»"),
            )),
        }
    }
}

/// "Per Morten Sandset, UiO": two to five capitalised words before the first comma.
fn looks_like_name(entry: &str) -> bool {
    let name = entry.split([',', '(']).next().unwrap_or("");
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || ["van", "der", "de", "von"].contains(w)
        })
}

/// When and where a meeting is held, as the notice or the minutes write it (`Dato …`, `Sted …`).
#[derive(Debug, Default, Clone)]
pub(crate) struct Notice {
    /// "Onsdag 28. november 2022".
    pub date_as_written: Option<String>,
    /// Only when the text gives day, month and year.
    pub date: Option<crate::dates::Date>,
    pub time: Option<(String, String)>,
    pub place: Option<String>,
    pub address: Option<String>,
}

impl Notice {
    /// Reads a `Dato` or `Sted` line; `false` for any other line.
    pub fn read_line(&mut self, line: &str) -> bool {
        if let Some(rest) = line.strip_prefix("Dato ") {
            read_date(rest, self);
            return true;
        }
        if let Some(rest) = line.strip_prefix("Sted ") {
            match rest.rsplit_once(" i ") {
                Some((place, address)) if address.chars().any(|c| c.is_ascii_digit()) => {
                    self.place = Some(place.trim().to_owned());
                    self.address = Some(address.trim().to_owned());
                }
                _ => self.place = Some(rest.trim().to_owned()),
            }
            return true;
        }
        false
    }
}

/// "Onsdag 28. november 2022, 10.00 – 15.00" or "14. januar, kl. 10.00 – 15.00".
fn read_date(rest: &str, minutes: &mut Notice) {
    let (date, time) = rest.split_once(',').unwrap_or((rest, ""));
    let time = time.trim().trim_start_matches("kl.").trim();
    minutes.date_as_written = Some(date.trim().to_owned());
    let words: Vec<&str> = date.split_whitespace().collect();
    for w in words.windows(3) {
        let day = w[0].trim_end_matches('.').parse::<u32>();
        let month = crate::dates::MONTHS
            .iter()
            .position(|m| w[1].eq_ignore_ascii_case(m));
        let year = w[2].parse::<i32>();
        if let (Ok(day), Some(month), Ok(year)) = (day, month, year) {
            if crate::dates::is_valid_date(year, month as u32 + 1, day) {
                minutes.date = Some(crate::dates::Date {
                    year,
                    month: month as u32 + 1,
                    day,
                });
            }
        }
    }
    let times: Vec<String> = time
        .split(['–', '-'])
        .map(|t| t.trim().replace('.', ":"))
        .filter(|t| crate::dates::is_valid_time(t))
        .collect();
    if let [start, end] = times.as_slice() {
        minutes.time = Some((start.clone(), end.clone()));
    }
}

/// "Ingrid Stenstadvold Ross, Kreftforeningen (digitalt t.o.m. sak 53.6.22)".
fn person(entry: &str, role: &'static str, present: bool, minutes: &Minutes) -> Person {
    let (main, note) = match entry.find('(') {
        Some(open) => (
            entry[..open].trim(),
            Some(
                entry[open + 1..]
                    .trim_end()
                    .trim_end_matches(')')
                    .trim()
                    .to_owned(),
            ),
        ),
        None => (entry, None),
    };
    let mut note = note;
    let (name, org) = match main.split_once(',') {
        Some((name, rest)) => {
            // "Universitetet i Sørøst-Norge, fra sak 7/1/2025": what follows the organisation
            // and says how the person took part is a note.
            let fields: Vec<&str> = rest.split(',').map(str::trim).collect();
            let first_note = fields
                .iter()
                .position(|f| is_note(f))
                .unwrap_or(fields.len());
            if first_note < fields.len() && note.is_none() {
                note = Some(fields[first_note..].join(", "));
            }
            let org = fields[..first_note].join(", ");
            (
                name.trim(),
                Some(org.trim_end_matches(',').trim().to_owned()),
            )
        }
        None => (main.trim(), None),
    };
    let mut p = Person {
        name: name.to_owned(),
        org: org.filter(|o| !o.is_empty()),
        role,
        present,
        ..Person::default()
    };
    if let Some(note) = &note {
        if note == "leder" {
            p.role = "leader";
        }
        if note == "møtende vara" {
            p.role = "substitute";
        }
        p.digital = note.contains("digitalt");
        for caps in BOUND_RE.captures_iter(note) {
            let slug = parse_case_number(&caps[2]).map(|(id, _)| minutes.case(id.number).slug());
            match &caps[1] {
                "f.o.m." | "fra" => p.from_case = slug,
                _ => p.to_case = slug,
            }
        }
    }
    p.note = note;
    p
}

/// A part of an attendance entry that says how the person took part, not where they are from.
fn is_note(field: &str) -> bool {
    ["digitalt", "deler av", "sak ", "delvis", "deltok"]
        .iter()
        .any(|w| field.contains(w))
}

impl Minutes {
    /// One case of minutes in the heading template: "Sak N/M/YY Title", the discussion, and the
    /// decision after "Vedtak:".
    fn read_case(&self, lines: &[Line], unplaced: &mut Vec<Unplaced>) -> Option<CaseMinutes> {
        let caps = CASE_RE.captures(&lines[0].text)?;
        let number: u32 = caps[3].parse().ok()?;
        let case = self.case(number);
        let as_written = text::squeeze(&caps[1]);
        let written = parse_case_number(&caps[2]).map(|(id, _)| id);
        let mut anomalies = Vec::new();
        if let Some(w) = written.filter(|w| *w != case) {
            let code = if w.year != case.year {
                "wrong-year"
            } else {
                "number-collision"
            };
            anomalies.push((
                code,
                format!(
                    "Referatet skriver «{as_written}»; riktig nummer er {}/{}/{} (møte {}/{}).",
                    number, self.number, self.year, self.number, self.year
                ),
            ));
        }
        // A long title wraps onto the next line, which then starts in lower case.
        let mut title = caps[6].trim().to_owned();
        if let Some(next) = lines.get(1).filter(|l| {
            let t = l.text.trim_start();
            !text::is_blank(t) && t.chars().next().is_some_and(char::is_lowercase)
        }) {
            title = text::join_lines([title.as_str(), next.text.as_str()]);
        }
        let title_lines = if title == caps[6].trim() { 1 } else { 2 };
        let mut item = CaseMinutes {
            case,
            as_written,
            title,
            lines: [lines[0].no, lines[lines.len() - 1].no],
            referat: None,
            vedtak: None,
            anomalies,
        };
        let vedtak_at = lines.iter().position(|l| {
            text::strip_bold(&l.text)
                .trim_start()
                .starts_with("Vedtak:")
        });
        let discussion = &lines[title_lines.min(lines.len())..vedtak_at.unwrap_or(lines.len())];
        let referat = text::paragraphs(discussion, false);
        if !referat.is_empty() {
            item.referat = Some(referat.join("\n\n"));
        }
        if let Some(v) = vedtak_at {
            let mut decision: Vec<Line> = vec![Line {
                spaces: false,
                no: lines[v].no,
                text: text::strip_bold(&lines[v].text)
                    .trim_start()
                    .trim_start_matches("Vedtak:")
                    .to_owned(),
            }];
            let mut i = v + 1;
            while i < lines.len() && !text::is_blank(&lines[i].text) {
                decision.push(lines[i].clone());
                i += 1;
            }
            let decision = text::paragraphs(&decision, false);
            if !decision.is_empty() {
                item.vedtak = Some(decision.join("\n\n"));
                item.note_placeholder();
            }
            let rest: Vec<&Line> = lines[i..]
                .iter()
                .filter(|l| !text::is_blank(&l.text) && !text::is_page_counter(&l.text))
                .collect();
            unplaced.extend(Unplaced::span(&rest, || {
                format!(
                    "tekst etter vedtaket i {} (et vedlegg til referatet?)",
                    item.as_written
                )
            }));
        }
        Some(item)
    }
}

impl Minutes {
    pub fn found(&self) -> Vec<Found> {
        let mut found = vec![Found {
            lines: self.header,
            what: format!(
                "referat fra møte {}/{}: {} personer i oppmøtelisten",
                self.number,
                self.year,
                self.attendance.len()
            ),
        }];
        found.extend(self.cases.iter().map(|c| Found {
            lines: c.lines,
            what: format!(
                "{} {}{}",
                c.as_written,
                c.title,
                if c.vedtak.is_some() {
                    ""
                } else {
                    " (uten vedtak)"
                }
            ),
        }));
        found
    }
}

fn parse_doc(path: &Path) -> Result<(DocumentMut, String), Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::chain(format!("kan ikke lese {}", path.display()), e))?;
    let split = crate::frontmatter::split(&text)
        .map_err(|e| Error::chain(path.display().to_string(), e))?;
    let doc: DocumentMut = split.front.parse().map_err(|e| {
        Error::chain(
            format!(
                "{}: front matter kan ikke leses, rett den med `ho21 check` først",
                path.display()
            ),
            e,
        )
    })?;
    Ok((doc, split.body.to_owned()))
}

fn render(doc: &DocumentMut, body: &str) -> String {
    let mut toml = doc.to_string();
    if !toml.ends_with('\n') {
        toml.push('\n');
    }
    format!("+++\n{toml}+++\n{body}")
}

fn extra(doc: &mut DocumentMut) -> &mut Table {
    let item = doc.entry("extra").or_insert(Item::Table(Table::new()));
    if !item.is_table() {
        *item = Item::Table(Table::new());
    }
    item.as_table_mut().expect("just made a table")
}

fn push_unique(table: &mut Table, key: &str, text: &str) {
    let item = table.entry(key).or_insert(value(Array::new()));
    if let Some(array) = item.as_array_mut() {
        if !array.iter().any(|v| v.as_str() == Some(text)) {
            array.push(text);
        }
    }
}

fn push_anomaly(table: &mut Table, code: &str, text: &str) {
    let item = table
        .entry("anomalies")
        .or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
    if let Some(list) = item.as_array_of_tables_mut() {
        if !list
            .iter()
            .any(|t| t.get("code").and_then(Item::as_str) == Some(code))
        {
            let mut entry = Table::new();
            entry["code"] = value(code);
            entry["text"] = value(text);
            list.push(entry);
        }
    }
}

fn push_source(table: &mut Table, source: &str, lines: [u32; 2]) {
    let mut entry = Table::new();
    entry["file"] = value(source);
    let mut range = Array::new();
    range.push(lines[0] as i64);
    range.push(lines[1] as i64);
    entry["lines"] = value(range);
    entry["part"] = value("minutes");
    let item = table
        .entry("sources")
        .or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
    if let Some(list) = item.as_array_of_tables_mut() {
        let already = list.iter().any(|t| {
            t.get("file").and_then(Item::as_str) == Some(source)
                && t.get("part").and_then(Item::as_str) == Some("minutes")
        });
        if !already {
            list.push(entry);
        }
    }
}

/// The meeting file and the case files, with the minutes filled in.
pub(super) fn plan_files(
    root: &Path,
    source: &str,
    minutes: &Minutes,
    options: &Options,
) -> Result<Vec<Planned>, Error> {
    let meeting_id = format!("{}-{}", minutes.year, minutes.number);
    let mut files = Vec::new();
    let date = options.date.or(minutes.notice.date);

    // The meeting.
    let meeting_path = root.join(urls::source(urls::MEETINGS, &meeting_id));
    let (mut doc, body) = if meeting_path.exists() {
        parse_doc(&meeting_path)?
    } else {
        let mut doc = DocumentMut::new();
        doc["title"] = value(format!("Møte {}/{}", minutes.number, minutes.year));
        extra(&mut doc)["number"] = value(minutes.number as i64);
        (doc, String::new())
    };
    if let Some(d) = date {
        let parsed: toml_edit::Datetime = d.iso().parse().expect("an ISO date");
        doc["date"] = value(parsed);
    }
    let e = extra(&mut doc);
    e["status"] = value("held");
    if let Some(w) = &minutes.notice.date_as_written {
        e["date_as_written"] = value(w.as_str());
    }
    if let Some((start, end)) = &minutes.notice.time {
        e["time_start"] = value(start.as_str());
        e["time_end"] = value(end.as_str());
    }
    if let Some(p) = &minutes.notice.place {
        e["place"] = value(p.as_str());
    }
    if let Some(a) = &minutes.notice.address {
        e["address"] = value(a.as_str());
    }
    let agenda = e.entry("agenda").or_insert(value(Array::new()));
    if let Some(list) = agenda.as_array_mut() {
        for c in &minutes.cases {
            let slug = c.case.slug();
            if !list.iter().any(|v| v.as_str() == Some(slug.as_str())) {
                list.push(slug);
            }
        }
    }
    let mut people = ArrayOfTables::new();
    for p in &minutes.attendance {
        let mut t = Table::new();
        t["name"] = value(p.name.as_str());
        if let Some(org) = &p.org {
            t["org"] = value(org.as_str());
        }
        t["role"] = value(p.role);
        t["status"] = value(if p.present { "present" } else { "absent" });
        if p.digital {
            t["mode"] = value("digital");
        }
        if p.from_case.is_some() || p.to_case.is_some() {
            t["partial"] = value(true);
        }
        if let Some(c) = &p.from_case {
            t["from_case"] = value(c.as_str());
        }
        if let Some(c) = &p.to_case {
            t["to_case"] = value(c.as_str());
        }
        if let Some(n) = &p.note {
            t["note"] = value(n.as_str());
        }
        people.push(t);
    }
    e["attendance"] = Item::ArrayOfTables(people);
    push_source(e, source, minutes.header);
    files.push(planned(
        root,
        urls::source(urls::MEETINGS, &meeting_id),
        render(&doc, &body),
    ));

    // The cases.
    for item in &minutes.cases {
        let path = root.join(urls::source(urls::CASES, item.case.slug()));
        let (mut doc, body) = if path.exists() {
            parse_doc(&path)?
        } else {
            let mut doc = DocumentMut::new();
            doc["title"] = value(item.title.as_str());
            let e = extra(&mut doc);
            e["meeting"] = value(meeting_id.as_str());
            e["has_paper"] = value(false);
            e["stub"] = value(false);
            (doc, String::new())
        };
        if let Some(d) = date {
            let parsed: toml_edit::Datetime = d.iso().parse().expect("an ISO date");
            doc["date"] = value(parsed);
        }
        let existing_title = doc.get("title").and_then(Item::as_str).map(str::to_owned);
        let e = extra(&mut doc);
        push_unique(e, "number_as_written", &item.as_written);
        if existing_title.as_deref().is_some_and(|t| t != item.title) {
            push_unique(e, "title_variants", &item.title);
            push_anomaly(
                e,
                "title-drift",
                &format!("Referatet bruker tittelen «{}».", item.title),
            );
        }
        e["in_minutes"] = value(true);
        match &item.referat {
            Some(r) => e["referat"] = value(r.as_str()),
            None => {
                e.remove("referat");
            }
        }
        match &item.vedtak {
            Some(v) => e["vedtak"] = value(v.as_str()),
            None => {
                e.remove("vedtak");
                push_anomaly(
                    e,
                    "missing-vedtak",
                    "Referatet har ikke noe vedtak i denne saken.",
                );
            }
        }
        for (code, text) in &item.anomalies {
            push_anomaly(e, code, text);
        }
        push_source(e, source, item.lines);
        files.push(planned(
            root,
            urls::source(urls::CASES, item.case.slug()),
            render(&doc, &body),
        ));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attendance_entry() {
        let m = Minutes {
            year: 2022,
            number: 6,
            ..Minutes::default()
        };
        let p = person(
            "Ingrid Stenstadvold Ross, Kreftforeningen (digitalt t.o.m. sak 53.6.22)",
            "member",
            true,
            &m,
        );
        assert_eq!(p.name, "Ingrid Stenstadvold Ross");
        assert_eq!(p.org.as_deref(), Some("Kreftforeningen"));
        assert!(p.digital);
        assert_eq!(p.to_case.as_deref(), Some("53-6-2022"));
        assert_eq!(p.note.as_deref(), Some("digitalt t.o.m. sak 53.6.22"));
        let leader = person("Per Morten Sandset, UiO (leder)", "member", true, &m);
        assert_eq!(leader.role, "leader");
    }

    #[test]
    fn date_and_time() {
        let mut m = Notice::default();
        read_date("Onsdag 28. november 2022, 10.00 – 15.00", &mut m);
        assert_eq!(
            m.date_as_written.as_deref(),
            Some("Onsdag 28. november 2022")
        );
        assert_eq!(m.date.map(|d| d.iso()), Some("2022-11-28".to_owned()));
        assert_eq!(m.time, Some(("10:00".to_owned(), "15:00".to_owned())));
    }
}
