//! Field-level rules: dates, times, enumerations, themes and anomaly codes.

use toml::value::Datetime;

use super::require_ack;
use crate::codes::Code;
use crate::dates::{self, Date};
use crate::diagnostics::{Key, Report, SourceFile};
use crate::model::{
    Anomaly, DatePrecision, EventExtra, OutputExtra, Taxonomies, ANOMALY_CODES, EVENT_KINDS,
    OUTPUT_KINDS, THEMES,
};
use crate::site::{Doc, Site};

pub fn check(site: &Site, report: &mut Report) {
    for d in site.meetings.values() {
        common(d, &d.front.extra.anomalies, report);
        let e = &d.front.extra;
        times(
            &d.file,
            &[("time_start", &e.time_start), ("time_end", &e.time_end)],
            report,
        );
        if let Some(written) = &e.date_as_written {
            date_as_written(d, written, &e.anomalies, true, report);
        }
    }
    for d in site.cases.values() {
        common(d, &d.front.extra.anomalies, report);
    }
    for d in site.minutes.values() {
        common(d, &d.front.extra.anomalies, report);
        date_field(
            &d.file,
            "draft_sent",
            d.front.extra.draft_sent.as_ref(),
            report,
        );
        date_field(
            &d.file,
            "comment_deadline",
            d.front.extra.comment_deadline.as_ref(),
            report,
        );
    }
    for d in site.outputs.values() {
        dated(d, report);
        let deadline = d.front.extra.hearing_deadline.as_ref();
        date_field(&d.file, "hearing_deadline", deadline, report);
    }
    for d in site.events.values() {
        let e = &d.front.extra;
        dated(d, report);
        times(
            &d.file,
            &[("time_start", &e.time_start), ("time_end", &e.time_end)],
            report,
        );
    }
    for d in site.reports.values() {
        common(d, &d.front.extra.anomalies, report);
        if d.id != d.front.extra.year.to_string() {
            report.error(
                Code::BadId,
                &d.file,
                Key("year", None),
                format!(
                    "årsrapporten for {} skal hete {}.md",
                    d.front.extra.year, d.front.extra.year
                ),
                None,
            );
        }
    }
    for d in site.pages.values() {
        common(d, &d.front.extra.anomalies, report);
    }
}

/// What outputs and events share: a `kind` from a fixed list, and a date that the sources may
/// give only to the month or the year, or as a bound.
trait DatedExtra {
    const KINDS: &'static [&'static str];
    fn kind(&self) -> &str;
    fn date_precision(&self) -> DatePrecision;
    fn date_as_written(&self) -> Option<&str>;
    fn anomalies(&self) -> &[Anomaly];
}

macro_rules! dated_extra {
    ($extra:ty, $kinds:expr) => {
        impl DatedExtra for $extra {
            const KINDS: &'static [&'static str] = $kinds;
            fn kind(&self) -> &str {
                &self.kind
            }
            fn date_precision(&self) -> DatePrecision {
                self.date_precision
            }
            fn date_as_written(&self) -> Option<&str> {
                self.date_as_written.as_deref()
            }
            fn anomalies(&self) -> &[Anomaly] {
                &self.anomalies
            }
        }
    };
}

dated_extra!(OutputExtra, OUTPUT_KINDS);
dated_extra!(EventExtra, EVENT_KINDS);

/// Rules for outputs and events: the [`common`] ones, a `kind` from its list, and a date, which
/// may be less precise than a day.
fn dated<E: DatedExtra>(d: &Doc<E>, report: &mut Report) {
    let e = &d.front.extra;
    common(d, e.anomalies(), report);
    one_of(&d.file, "kind", e.kind(), E::KINDS, report);
    precision(d, e.date_precision(), report);
    require_date(d, report);
    if let Some(written) = e.date_as_written() {
        date_as_written(d, written, e.anomalies(), false, report);
    }
}

/// Rules for every page: a title, a real date, known themes and anomaly codes, and an id that
/// can be part of a URL.
fn common<E>(d: &Doc<E>, anomalies: &[Anomaly], report: &mut Report) {
    match d.front.title.as_deref() {
        None => report.error(
            Code::MissingField,
            &d.file,
            0,
            "siden mangler `title`",
            Some("legg til title = \"…\" øverst".into()),
        ),
        // Written but empty: point at it, not at the top of the file.
        Some(t) if t.trim().is_empty() => report.error(
            Code::MissingField,
            &d.file,
            d.file.locate("title", None),
            "`title` er tom",
            Some("skriv sidens tittel mellom anførselstegnene".into()),
        ),
        Some(_) => {}
    }
    date_field(&d.file, "date", d.front.date.as_ref(), report);
    themes(&d.file, &d.front.taxonomies, report);
    for a in anomalies {
        if !ANOMALY_CODES.contains(&a.code.as_str()) {
            report.error(
                Code::AnomalyCode,
                &d.file,
                Key("code", Some(&a.code)),
                format!("ukjent avvikskode «{}»", a.code),
                Some(format!("tillatte koder: {}", ANOMALY_CODES.join(", "))),
            );
        }
        if a.text.trim().is_empty() {
            report.error(
                Code::MissingField,
                &d.file,
                Key("code", Some(&a.code)),
                "avviket mangler forklaring i `text`",
                None,
            );
        }
    }
    if !d
        .id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    {
        report.file_error(
            Code::BadId,
            &d.file.rel,
            format!(
                "filnavnet «{}» kan bare ha små bokstaver a–z, sifre og bindestrek",
                d.id
            ),
            Some("skriv æ som ae, ø som o og å som a".into()),
        );
    }
}

/// A date known only by month or year is written as the first day of it.
fn precision<E>(d: &Doc<E>, precision: DatePrecision, report: &mut Report) {
    let Some(date) = d.date() else {
        return;
    };
    let ok = match precision {
        DatePrecision::Year => date.month == 1 && date.day == 1,
        DatePrecision::Month => date.day == 1,
        DatePrecision::Day | DatePrecision::Before | DatePrecision::After => true,
    };
    if !ok {
        report.error(
            Code::BadDate,
            &d.file,
            Key("date_precision", None),
            format!(
                "`date_precision` sier at bare {} er kjent, men datoen er {}",
                if precision == DatePrecision::Year {
                    "året"
                } else {
                    "måneden"
                },
                date.iso()
            ),
            Some(
                "skriv den første dagen i perioden: ÅÅÅÅ-01-01 for et år, ÅÅÅÅ-MM-01 for en måned"
                    .into(),
            ),
        );
    }
}

fn require_date<E>(d: &Doc<E>, report: &mut Report) {
    if d.front.date.is_none() {
        report.error(
            Code::MissingField,
            &d.file,
            0,
            "siden mangler `date`",
            Some("legg til date = ÅÅÅÅ-MM-DD".into()),
        );
    }
}

fn date_field(file: &SourceFile, key: &str, value: Option<&Datetime>, report: &mut Report) {
    if let Some(Err(message)) = value.map(Date::from_toml) {
        let at = Key(key, None);
        report.error(Code::BadDate, file, at, format!("`{key}`: {message}"), None);
    }
}

fn times(file: &SourceFile, fields: &[(&str, &Option<String>)], report: &mut Report) {
    for (key, value) in fields {
        if let Some(value) = value {
            if !dates::is_valid_time(value) {
                let at = Key(key, Some(value));
                report.error(
                    Code::BadDate,
                    file,
                    at,
                    format!("`{key}` = «{value}» er ikke et klokkeslett"),
                    Some("skriv klokkeslett som \"TT:MM\", for eksempel \"10:00\"".into()),
                );
            }
        }
    }
}

fn one_of(file: &SourceFile, key: &str, value: &str, allowed: &[&str], report: &mut Report) {
    if !allowed.contains(&value) {
        let at = Key(key, Some(value));
        let candidates: Vec<String> = allowed.iter().map(|s| s.to_string()).collect();
        let hint = crate::frontmatter::closest(value, &candidates)
            .map(|c| format!("mente du «{c}»?"))
            .unwrap_or_else(|| format!("tillatte verdier: {}", allowed.join(", ")));
        report.error(
            Code::BadValue,
            file,
            at,
            format!("`{key}` = «{value}» er ikke tillatt"),
            Some(hint),
        );
    }
}

fn themes(file: &SourceFile, taxonomies: &Taxonomies, report: &mut Report) {
    for theme in &taxonomies.temaer {
        one_of(file, "temaer", theme, THEMES, report);
    }
}

/// A weekday stated in the source must match the date; a meeting date printed without a year
/// must be acknowledged.
fn date_as_written<E>(
    d: &Doc<E>,
    written: &str,
    anomalies: &[Anomaly],
    is_meeting: bool,
    report: &mut Report,
) {
    let Some(date) = d.date() else {
        return;
    };
    let at = Key("date_as_written", Some(written));
    if let Some(stated) = dates::stated_weekday(written) {
        if stated != date.weekday() {
            require_ack(
                report,
                anomalies,
                Code::Weekday,
                &d.file,
                at,
                format!(
                    "kilden sier «{written}», men {} var en {}",
                    date.iso(),
                    dates::WEEKDAYS[date.weekday() as usize]
                ),
            );
        }
    }
    if is_meeting && !dates::mentions_year(written) {
        require_ack(
            report,
            anomalies,
            Code::MissingYear,
            &d.file,
            at,
            format!("datoen i kilden, «{written}», har ikke årstall"),
        );
    }
}
