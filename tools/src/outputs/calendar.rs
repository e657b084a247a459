//! The iCalendar feed of meetings and events (`kalender.ics`) and a file of its own for each
//! (`moter/2022-6/kalender.ics`, for «Legg i kalenderen»). UIDs and stamps come from the
//! content, so two builds write the same bytes.

use std::fmt::Write as _;

use crate::dates::Date;
use crate::model::{DatePrecision, MeetingStatus};
use crate::site::Site;
use crate::urls;

pub(crate) const CALENDAR: &str = "kalender.ics";
/// A meeting's or event's own calendar file, in its page's folder (`moter/2022-6/kalender.ics`).
pub(crate) const PAGE_CALENDAR: &str = "kalender.ics";
const CALENDAR_NAME: &str = "HelseOmsorg21-rådet: møter og arrangementer";

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
}
