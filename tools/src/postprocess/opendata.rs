//! Files the tools add to the built site: the case index as open data (JSON and CSV), an
//! iCalendar feed of meetings and events and a file of its own for each, and short case URLs
//! (`/sak/48-6-2022/`). Everything is derived from the content and sorted, so two builds write
//! the same bytes.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use rayon::prelude::*;

use serde::Serialize;

use crate::dates::Date;
use crate::ids::{find_mentions, CaseId, Target};
use crate::model::{DatePrecision, MeetingStatus};
use crate::site::Site;
use crate::urls;

pub(crate) const OPEN_DATA_DIR: &str = "apne-data";
pub(crate) const CALENDAR: &str = "kalender.ics";
/// A meeting's or event's own calendar file, in its page's folder (`moter/2022-6/kalender.ics`).
pub(crate) const PAGE_CALENDAR: &str = "kalender.ics";
const CALENDAR_NAME: &str = "HelseOmsorg21-rådet: møter og arrangementer";
/// Version of the open-data format; raise it only when a field changes meaning or disappears.
pub(crate) const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Serialize)]
pub(crate) struct CaseRecord {
    pub id: String,
    pub number: String,
    pub year: i32,
    pub meeting: String,
    pub meeting_date: Option<String>,
    /// How much of `meeting_date` is known (`day`, `month`, `year`, `before`, `after`; see
    /// `dates::Dated`): the same column in every dated data set.
    pub date_precision: Option<&'static str>,
    pub title: String,
    pub case_types: Vec<String>,
    pub stub: bool,
    pub has_paper: bool,
    pub in_minutes: bool,
    pub proposal: Option<String>,
    pub decision: Option<String>,
    /// Ids of cases this case refers to (earlier treatment and mentions), sorted.
    pub references: Vec<String>,
    pub url: String,
}

#[derive(Debug, Serialize)]
struct CaseIndex<'a> {
    format: &'static str,
    version: u32,
    cases: &'a [CaseRecord],
}

/// One record per case, ordered by year and number.
pub(crate) fn case_records(site: &Site, base_url: &str) -> Vec<CaseRecord> {
    let base = base_url.trim_end_matches('/');
    let mut records: Vec<(CaseId, CaseRecord)> = site
        .cases
        .iter()
        .filter(|(_, d)| !d.front.draft)
        .filter_map(|(id, d)| {
            let case = CaseId::from_slug(id)?;
            let e = &d.front.extra;
            let mut references: Vec<String> = e.tidligere_behandlet.clone();
            for text in d.texts() {
                for m in find_mentions(text) {
                    if let Target::Case(other, _) = m.target {
                        if other != case && site.cases.contains_key(&other.slug()) {
                            references.push(other.slug());
                        }
                    }
                }
            }
            references.sort_by_key(|r| CaseId::from_slug(r));
            references.dedup();
            let meeting_date = site
                .meetings
                .get(&e.meeting)
                .and_then(|m| m.front.date.as_ref())
                .and_then(|d| Date::from_toml(d).ok());
            Some((
                case,
                CaseRecord {
                    id: id.clone(),
                    number: case.to_string(),
                    year: case.year,
                    meeting: e.meeting.clone(),
                    meeting_date: meeting_date.map(|d| d.iso()),
                    // A meeting's date is a day or unknown (then the field is left out).
                    date_precision: meeting_date.map(|_| "day"),
                    title: d.title().to_owned(),
                    case_types: e.case_types.iter().map(|t| format!("{t:?}")).collect(),
                    stub: e.stub,
                    has_paper: e.has_paper,
                    in_minutes: e.in_minutes,
                    proposal: e.forslag_til_vedtak.as_ref().map(|s| s.trim().to_owned()),
                    decision: e.vedtak.as_ref().map(|s| s.trim().to_owned()),
                    references,
                    url: format!("{base}/saker/{id}/"),
                },
            ))
        })
        .collect();
    records.sort_by_key(|(c, _)| (c.year, c.number));
    records.into_iter().map(|(_, r)| r).collect()
}

pub(crate) fn cases_json(records: &[CaseRecord]) -> String {
    let mut json = serde_json::to_string_pretty(&CaseIndex {
        format: "ho21-saker",
        version: FORMAT_VERSION,
        cases: records,
    })
    .expect("serialisable");
    json.push('\n');
    json
}

/// A CSV cell that a spreadsheet would not run as a formula: a cell that starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP, "CSV Injection"). Spreadsheets
/// show the text without running it; the JSON keeps the text as it is.
pub(crate) fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// RFC 4180: comma-separated, every field quoted, quotes doubled, CRLF line ends, UTF-8; every
/// cell neutralised against formula injection (`neutralise`).
pub(crate) fn cases_csv(records: &[CaseRecord]) -> String {
    const HEADER: [&str; 15] = [
        "id",
        "number",
        "year",
        "meeting",
        "meeting_date",
        "date_precision",
        "title",
        "case_types",
        "stub",
        "has_paper",
        "in_minutes",
        "proposal",
        "decision",
        "references",
        "url",
    ];
    let mut writer = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing into memory cannot fail.
    writer.write_record(HEADER).expect("in memory");
    for r in records {
        let row = [
            r.id.clone(),
            r.number.clone(),
            r.year.to_string(),
            r.meeting.clone(),
            r.meeting_date.clone().unwrap_or_default(),
            r.date_precision.unwrap_or_default().to_owned(),
            r.title.clone(),
            r.case_types.join(";"),
            r.stub.to_string(),
            r.has_paper.to_string(),
            r.in_minutes.to_string(),
            r.proposal.clone().unwrap_or_default(),
            r.decision.clone().unwrap_or_default(),
            r.references.join(";"),
            r.url.clone(),
        ];
        writer
            .write_record(row.iter().map(|cell| neutralise(cell).into_owned()))
            .expect("in memory");
    }
    let bytes = writer.into_inner().expect("in memory");
    String::from_utf8(bytes).expect("written from strings")
}

/// Europe/Oslo with the EU summer-time rules, as calendar apps expect it.
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Oslo\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/// A TEXT value (RFC 5545 §3.3.11): backslash, `;` and `,` escaped, every line break (CRLF, CR
/// or LF) written as `\n`, and every other control character left out (TEXT cannot hold them, and
/// a raw CR would end the line and start a property of its own). Tab is allowed.
fn ics_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A value that is not TEXT (UID, URL): the same without control characters, which could only
/// come from a file name.
fn ics_clean(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

/// Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in line.chars() {
        let w = c.len_utf8();
        if len + w > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += w;
    }
    out.push_str("\r\n");
    out
}

/// A meeting or event in the calendar.
pub struct CalendarEntry {
    /// The page for `get_page`: `moter/2022-6.md`.
    pub page: String,
    /// The built page's folder, where its own calendar file goes: `moter/2022-6/`.
    pub dir: String,
    uid: String,
    date: Date,
    start: Option<String>,
    end: Option<String>,
    summary: String,
    location: Option<String>,
    url: String,
}

fn ics_time(date: &Date, hhmm: &str) -> String {
    format!(
        "{:04}{:02}{:02}T{}00",
        date.year,
        date.month,
        date.day,
        hhmm.replace(':', "")
    )
}

/// The meetings and events a calendar can hold, in date order: those with a known day (a
/// meeting only mentioned elsewhere, a draft or an event known only by month is left out).
/// UIDs are derived from ids, so they stay the same across builds.
pub(crate) fn calendar_entries(site: &Site, base_url: &str) -> Vec<CalendarEntry> {
    let base = base_url.trim_end_matches('/');
    let mut entries = Vec::new();
    for (id, d) in &site.meetings {
        let e = &d.front.extra;
        let Some(date) = d.date() else {
            continue;
        };
        if e.status == MeetingStatus::Stub || d.front.draft {
            continue;
        }
        let location = match (&e.place, &e.address) {
            (Some(p), Some(a)) => Some(format!("{p}, {a}")),
            (Some(p), None) => Some(p.clone()),
            (None, a) => a.clone(),
        };
        let dir = format!("{}/{id}/", urls::MEETINGS);
        entries.push(CalendarEntry {
            page: urls::page(urls::MEETINGS, id),
            uid: format!("mote-{id}@helseomsorg21.no"),
            date,
            start: e.time_start.clone(),
            end: e.time_end.clone(),
            summary: format!("HelseOmsorg21-rådet: {}", d.title()),
            location,
            url: format!("{base}/{dir}"),
            dir,
        });
    }
    for (id, d) in &site.events {
        let e = &d.front.extra;
        let Some(date) = d.date() else {
            continue;
        };
        // An event known only by month or year, or as "before"/"after" a date, is left out:
        // RFC 5545 would allow an all-day entry spanning the whole month or year, but readers'
        // calendars would then show an event lasting a month, and a reminder on a day the
        // sources never gave. The event page shows the date as precisely as it is known.
        if d.front.draft || e.date_precision != DatePrecision::Day {
            continue;
        }
        let place: Vec<&str> = [&e.venue, &e.address, &e.city]
            .iter()
            .filter_map(|s| s.as_deref())
            .filter(|s| !s.is_empty())
            .collect();
        let dir = format!("{}/{}/", urls::EVENTS, urls::without_date(id));
        entries.push(CalendarEntry {
            page: urls::page(urls::EVENTS, id),
            uid: format!("arrangement-{id}@helseomsorg21.no"),
            date,
            start: e.time_start.clone(),
            end: e.time_end.clone(),
            summary: d.title().to_owned(),
            location: (!place.is_empty()).then(|| place.join(", ")),
            url: format!("{base}/{dir}"),
            dir,
        });
    }
    entries.sort_by(|a, b| (a.date, &a.uid).cmp(&(b.date, &b.uid)));
    entries
}

/// An iCalendar file of `entries`; `name` names a calendar to subscribe to (a file with one
/// meeting or event is imported into the reader's own calendar and has none). DTSTAMP is the
/// entry's own date (no build time), so two builds write the same bytes.
pub fn ics(name: Option<&str>, entries: &[&CalendarEntry]) -> String {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//HelseOmsorg21-rådet//ho21-site//NO\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
    if let Some(name) = name {
        out.push_str(&fold(&format!("X-WR-CALNAME:{}", ics_escape(name))));
        out.push_str("X-WR-TIMEZONE:Europe/Oslo\r\n");
    }
    out.push_str(VTIMEZONE);
    for e in entries {
        out.push_str("BEGIN:VEVENT\r\n");
        out.push_str(&fold(&format!("UID:{}", ics_clean(&e.uid))));
        let _ = write!(
            out,
            "DTSTAMP:{:04}{:02}{:02}T000000Z\r\n",
            e.date.year, e.date.month, e.date.day
        );
        match (&e.start, &e.end) {
            (Some(start), end) => {
                out.push_str(&format!(
                    "DTSTART;TZID=Europe/Oslo:{}\r\n",
                    ics_time(&e.date, start)
                ));
                if let Some(end) = end {
                    out.push_str(&format!(
                        "DTEND;TZID=Europe/Oslo:{}\r\n",
                        ics_time(&e.date, end)
                    ));
                }
            }
            (None, _) => {
                let next = e.date.next_day();
                let _ = write!(
                    out,
                    "DTSTART;VALUE=DATE:{:04}{:02}{:02}\r\n",
                    e.date.year, e.date.month, e.date.day
                );
                let _ = write!(
                    out,
                    "DTEND;VALUE=DATE:{:04}{:02}{:02}\r\n",
                    next.year, next.month, next.day
                );
            }
        }
        out.push_str(&fold(&format!("SUMMARY:{}", ics_escape(&e.summary))));
        if let Some(location) = &e.location {
            out.push_str(&fold(&format!("LOCATION:{}", ics_escape(location))));
        }
        out.push_str(&fold(&format!("URL:{}", ics_clean(&e.url))));
        out.push_str("END:VEVENT\r\n");
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

/// The pages (`moter/2022-6.md`) that have their own calendar file: what the templates link.
pub(crate) fn calendar_pages(site: &Site) -> Vec<String> {
    calendar_entries(site, "")
        .into_iter()
        .map(|e| e.page)
        .collect()
}

/// The whole calendar: every meeting and event, to subscribe to.
pub fn calendar(entries: &[CalendarEntry]) -> String {
    let all: Vec<&CalendarEntry> = entries.iter().collect();
    ics(Some(CALENDAR_NAME), &all)
}

/// A page that sends `/sak/<id>/` on to the case: the same page as Zola's alias pages
/// (`templates/internal/alias.html`), which only pages' own `aliases` can produce, with the same
/// Content-Security-Policy as every page.
fn redirect_page(target: &str, csp: Option<&str>) -> String {
    let csp = csp
        .map(|csp| {
            format!(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n",
                escape_attribute(csp)
            )
        })
        .unwrap_or_default();
    format!(
        "<!doctype html>\n<html lang=\"nb\">\n<head>\n<meta charset=\"utf-8\">\n{csp}<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Siden er flyttet</title>\n<link rel=\"canonical\" href=\"{target}\">\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n</head>\n<body>\n<main><h1>Siden er flyttet</h1><p>Siden er flyttet til <a href=\"{target}\">{target}</a>.</p></main>\n</body>\n</html>\n"
    )
}

/// `s` as the value of a double-quoted HTML attribute.
fn escape_attribute(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `_headers` (Netlify/Cloudflare Pages format): the same Content-Security-Policy as the pages'
/// `<meta>` tag, plus what only a header can say (`frame-ancestors`).
pub fn headers(csp: Option<&str>) -> String {
    let mut text = String::from("# Written by ho21 build from config.toml; do not edit.\n/*\n");
    if let Some(csp) = csp {
        text.push_str(&format!(
            "  Content-Security-Policy: {csp}; frame-ancestors 'none'\n"
        ));
    }
    text.push_str(
        "  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n",
    );
    text
}

/// Every file this module adds to the built site, as (path relative to the site, text): the
/// open data, the calendar and each meeting's and event's own, `_headers` and the short case
/// URLs. Rendering is separate from
/// writing so that the link check knows these files before they are on disk.
pub fn render(site: &Site, base_url: &str, csp: Option<&str>) -> Vec<(String, String)> {
    let records = case_records(site, base_url);
    let entries = calendar_entries(site, base_url);
    let mut files = vec![
        (format!("{OPEN_DATA_DIR}/saker.json"), cases_json(&records)),
        (format!("{OPEN_DATA_DIR}/saker.csv"), cases_csv(&records)),
        (CALENDAR.to_owned(), calendar(&entries)),
        ("_headers".to_owned(), headers(csp)),
    ];
    // One file per meeting and event, for «Legg i kalenderen» on its page.
    for e in &entries {
        files.push((format!("{}{PAGE_CALENDAR}", e.dir), ics(None, &[e])));
    }
    // Minified like every other page: the template once, then the case filled in.
    const CASE: &str = "/saker/__ID__/";
    let redirect = super::minify::minify(&redirect_page(CASE, csp), &super::minify::config());
    for r in &records {
        files.push((
            format!("sak/{}/index.html", r.id),
            redirect.replace(CASE, &format!("/saker/{}/", r.id)),
        ));
    }
    files
}

/// Writes `files` (from `render`) into the built site `out`, in parallel.
pub fn write(out: &Path, files: &[(String, String)]) -> Result<(), String> {
    files.par_iter().try_for_each(|(rel, text)| {
        let path = out.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("kan ikke lage {}: {e}", dir.display()))?;
        }
        fs::write(&path, text).map_err(|e| format!("kan ikke skrive {}: {e}", path.display()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_lines_short_and_characters_whole() {
        let long = format!("SUMMARY:{}", "ø".repeat(60));
        let folded = fold(&long);
        for line in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), long);
    }

    #[test]
    fn escaping() {
        assert_eq!(ics_escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }

    /// A case record with every text field set to `text`.
    fn record_with(text: &str) -> CaseRecord {
        CaseRecord {
            id: "1-1-2025".into(),
            number: "1/1/2025".into(),
            year: 2025,
            meeting: "2025-1".into(),
            meeting_date: None,
            date_precision: None,
            title: text.into(),
            case_types: vec![text.into()],
            stub: false,
            has_paper: false,
            in_minutes: false,
            proposal: Some(text.into()),
            decision: Some(text.into()),
            references: vec![text.into()],
            url: "https://www.example.no/saker/1-1-2025/".into(),
        }
    }

    #[test]
    fn json_stays_valid_for_any_text() {
        let nasty = [
            "\u{0}\u{1}\u{c}\u{1b}[31m\u{7f}",
            "\"</script><!--\\\"",
            "\u{2028}\u{2029}\u{feff}\u{fffe}\u{ffff}",
            "\r\n\t\\u0041\\",
            "🦀 ø æ å \u{10ffff}",
            "",
        ];
        let records: Vec<CaseRecord> = nasty.iter().map(|t| record_with(t)).collect();
        let json = cases_json(&records);
        let back: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        for (i, text) in nasty.iter().enumerate() {
            let case = &back["cases"][i];
            for key in ["title", "proposal", "decision"] {
                assert_eq!(case[key], *text, "{key} of {text:?}");
            }
            assert_eq!(case["case_types"][0], *text);
            assert_eq!(case["references"][0], *text);
        }
    }

    #[test]
    fn a_carriage_return_cannot_start_a_new_event() {
        let title = "Møte\r\nEND:VEVENT\r\nBEGIN:VEVENT\rUID:x\u{1}\u{c}\u{7f}\u{85}\tslutt";
        let escaped = ics_escape(title);
        assert_eq!(escaped, "Møte\\nEND:VEVENT\\nBEGIN:VEVENT\\nUID:x\tslutt");
        assert!(!escaped.contains(['\r', '\n']));
        assert_eq!(ics_clean("mote-1\r\nX@y"), "mote-1X@y");
        // Folding never splits into a line that starts a property: continuation lines begin
        // with a space.
        let folded = fold(&format!("SUMMARY:{}", ics_escape(&title.repeat(20))));
        for line in folded.trim_end_matches("\r\n").split("\r\n").skip(1) {
            assert!(line.starts_with(' '), "{line:?}");
        }
        assert_eq!(folded.matches('\r').count(), folded.matches("\r\n").count());
        assert!(!folded.contains("\nEND:") && !folded.contains("\nBEGIN:"));
    }

    #[test]
    fn csv_cells_that_start_a_formula_are_neutralised() {
        for (cell, safe) in [
            (
                "=HYPERLINK(\"https://evil.example\")",
                "'=HYPERLINK(\"https://evil.example\")",
            ),
            ("+47 22", "'+47 22"),
            ("-1+1", "'-1+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("Rådet ber = sekretariatet", "Rådet ber = sekretariatet"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), safe, "{cell:?}");
        }
        let mut record = record_with("=1+1");
        record.proposal = Some("Linje 1\r\n\"sitat\", og mer".into());
        record.decision = Some("@rådet".into());
        record.case_types = vec!["-x".into()];
        let csv = cases_csv(&[record]);
        let rows = super::super::files::parse_csv(&csv).expect("valid CSV");
        assert_eq!(rows.len(), 2);
        let column = |name: &str| rows[0].iter().position(|h| h == name).expect(name);
        assert_eq!(rows[1][column("title")], "'=1+1");
        assert_eq!(rows[1][column("case_types")], "'-x");
        assert_eq!(rows[1][column("proposal")], "Linje 1\r\n\"sitat\", og mer");
        assert_eq!(rows[1][column("decision")], "'@rådet");
        assert_eq!(rows[1][column("references")], "'=1+1");
        assert!(csv.starts_with("\"id\",\"number\","), "{csv}");
        assert!(csv.ends_with("\r\n"));
        // No cell of the file starts a formula.
        for row in &rows {
            for cell in row {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{cell:?}"
                );
            }
        }
    }
}
