//! Case numbers: case ↔ meeting, agendas in both directions, consecutive numbering through the
//! year, and numbers printed differently in the source.

use std::collections::BTreeMap;

use super::{acknowledged, not_a_case_id, require_ack, unresolved_meeting, Index};
use crate::codes::Code;
use crate::dates::Date;
use crate::diagnostics::{Key, Report};
use crate::ids::{parse_case_number, CaseId, MeetingId, NumberFormat};
use crate::model::MeetingStatus;
use crate::site::Site;

pub fn check(site: &Site, index: &Index, report: &mut Report) {
    cases(site, index, report);
    unique_per_year(site, index, report);
    agendas(site, index, report);
}

fn cases(site: &Site, index: &Index, report: &mut Report) {
    for (id, doc) in &site.cases {
        let Some(case) = index.cases.get(id) else {
            continue;
        };
        let e = &doc.front.extra;
        let expected_meeting = case.meeting_id().slug();
        if e.meeting != expected_meeting {
            report.error(
                Code::MeetingMismatch,
                &doc.file,
                Key("meeting", Some(&e.meeting)),
                format!(
                    "sak {case} hører etter nummeret til møte {}, men `meeting` er «{}»",
                    case.meeting_id(),
                    e.meeting
                ),
                Some(format!(
                    "skriv meeting = \"{expected_meeting}\", eller gi filen riktig saksnummer"
                )),
            );
        } else if let Some((_, meeting_date)) = index.meetings.get(&e.meeting) {
            let case_date = doc.date();
            if case_date != *meeting_date && (case_date.is_some() || meeting_date.is_some()) {
                let at = Key("date", None);
                let show = |d: Option<Date>| d.map_or("ingen dato".to_owned(), |d| d.iso());
                report.error(
                    Code::MeetingMismatch,
                    &doc.file,
                    at,
                    format!(
                        "sakens dato ({}) er ikke møtets dato ({})",
                        show(case_date),
                        show(*meeting_date)
                    ),
                    Some(match meeting_date {
                        Some(d) => format!("skriv date = {}", d.iso()),
                        None => "møtet har ingen dato; fjern `date` fra saken".into(),
                    }),
                );
            }
        } else if !site.meeting_exists(&e.meeting) {
            unresolved_meeting(
                report,
                &doc.file,
                Key("meeting", Some(&e.meeting)),
                &e.meeting,
            );
        }

        for written in &e.number_as_written {
            as_written(site, doc, case, written, report);
        }

        let ack = |code: &str| acknowledged(&e.anomalies, code);
        if !e.title_variants.is_empty() && !ack("title-drift") && !ack("typo") {
            require_ack(
                report,
                &e.anomalies,
                Code::TitleDrift,
                &doc.file,
                Key("title_variants", None),
                "saken har andre titler i kildene (`title_variants`)".into(),
            );
        }
        if e.stub {
            continue;
        }
        if e.in_minutes && e.vedtak.is_none() {
            require_ack(
                report,
                &e.anomalies,
                Code::MissingVedtak,
                &doc.file,
                Key("in_minutes", None),
                format!("sak {case} står i referatet, men har ikke `vedtak`"),
            );
        }
        if e.has_paper && e.forslag_til_vedtak.is_none() {
            require_ack(
                report,
                &e.anomalies,
                Code::MissingForslag,
                &doc.file,
                Key("has_paper", None),
                format!("sak {case} har saksframlegg, men ikke `forslag_til_vedtak`"),
            );
        }
        // A planned meeting's agenda is published before its papers are written.
        let planned = site
            .meetings
            .get(&e.meeting)
            .is_some_and(|m| m.front.extra.status == MeetingStatus::Planned);
        if !e.has_paper && !e.in_minutes && !planned {
            require_ack(
                report,
                &e.anomalies,
                Code::MissingPaper,
                &doc.file,
                Key("has_paper", None),
                format!("sak {case} har verken saksframlegg eller referat"),
            );
        }
    }
}

/// A number as printed in the source must be this case's number, or its deviation acknowledged.
fn as_written(
    site: &Site,
    doc: &crate::site::Doc<crate::model::CaseExtra>,
    own: &CaseId,
    written: &str,
    report: &mut Report,
) {
    let e = &doc.front.extra;
    let at = Key("number_as_written", Some(written));
    let Some((printed, format)) = parse_case_number(written) else {
        report.error(
            Code::BadNumber,
            &doc.file,
            at,
            format!("«{written}» er ikke et saksnummer"),
            Some("skriv nummeret slik kilden har det, for eksempel \"Sak 48/6/21\"".into()),
        );
        return;
    };
    if format == NumberFormat::Dotted {
        require_ack(
            report,
            &e.anomalies,
            Code::DottedNumber,
            &doc.file,
            at,
            format!("kilden skriver nummeret med punktum: «{written}»"),
        );
    }
    if printed == *own {
        return;
    }
    let other_case = site.cases.contains_key(&printed.slug());
    if printed.year != own.year {
        let hint_year = CaseId {
            year: own.year,
            ..printed
        };
        if printed.number == own.number && printed.meeting == own.meeting {
            require_ack(
                report,
                &e.anomalies,
                Code::WrongYear,
                &doc.file,
                at,
                format!("kilden skriver «{written}» (år {}), men saken hører til {} (mente kilden Sak {hint_year}?)", printed.year, own.year),
            );
        }
        if other_case {
            require_ack(
                report,
                &e.anomalies,
                Code::NumberCollision,
                &doc.file,
                at,
                format!("«{written}» er nummeret til en annen sak, sak {printed}, i et annet møte"),
            );
        }
        if printed.number != own.number || printed.meeting != own.meeting {
            report.error(
                Code::BadNumber,
                &doc.file,
                at,
                format!("«{written}» kan ikke være sak {own}"),
                Some("number_as_written skal bare ha former kilden brukte for denne saken".into()),
            );
        }
    } else if other_case {
        require_ack(
            report,
            &e.anomalies,
            Code::DuplicateNumber,
            &doc.file,
            at,
            format!("kilden bruker «{written}», som også er nummeret til sak {printed}"),
        );
    } else {
        report.error(
            Code::BadNumber,
            &doc.file,
            at,
            format!("«{written}» er ikke nummeret til sak {own}, og ingen annen sak har det"),
            Some("number_as_written skal bare ha former kilden brukte for denne saken".into()),
        );
    }
}

/// Case numbers run through the year: (year, number) is unique.
fn unique_per_year(site: &Site, index: &Index, report: &mut Report) {
    let mut seen: BTreeMap<(i32, u32), &str> = BTreeMap::new();
    for (id, case) in &index.cases {
        if let Some(first) = seen.insert((case.year, case.number), id) {
            let doc = &site.cases[id];
            report.file_error(
                Code::DuplicateId,
                &doc.file.rel,
                format!(
                    "saksnummer {} i {} er brukt to ganger: av {first} og {id}",
                    case.number, case.year
                ),
                Some("saksnumrene løper fortløpende gjennom året, på tvers av møtene".into()),
            );
        }
    }
}

fn agendas(site: &Site, index: &Index, report: &mut Report) {
    // Cases that claim each meeting.
    let mut by_meeting: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (id, doc) in &site.cases {
        by_meeting
            .entry(doc.front.extra.meeting.as_str())
            .or_default()
            .push(id);
    }
    // (year, meeting number) → (first, last) case number of a known agenda.
    let mut ranges: BTreeMap<(i32, u32), (u32, u32)> = BTreeMap::new();

    for (id, doc) in &site.meetings {
        let e = &doc.front.extra;
        let Some((meeting, _)) = index.meetings.get(id) else {
            continue;
        };
        if let (Some(n), MeetingId::Numbered { number, .. }) = (e.number, meeting) {
            if n != *number {
                report.error(
                    Code::MeetingMismatch,
                    &doc.file,
                    Key("number", None),
                    format!("`number` = {n}, men filnavnet sier møte {meeting}"),
                    None,
                );
            }
        }
        if e.status == MeetingStatus::Stub {
            if !e.agenda.is_empty() {
                report.error(
                    Code::AgendaMismatch,
                    &doc.file,
                    Key("agenda", None),
                    "et stub-møte har ingen saksliste",
                    Some("fjern `agenda`, eller sett status = \"held\"".into()),
                );
            }
            continue;
        }
        let mut numbers = Vec::new();
        for item in &e.agenda {
            let at = Key("agenda", Some(item));
            let Some(case) = CaseId::from_slug(item) else {
                not_a_case_id(report, &doc.file, at, item);
                continue;
            };
            match site.cases.get(item) {
                None if site.case_exists(item) => {}
                None => report.error(
                    Code::AgendaMismatch,
                    &doc.file,
                    at,
                    format!("sak {case} står på sakslisten, men content/saker/{item}.md finnes ikke"),
                    Some("lag saken; mangler saksframlegget, kvitter ut avviket «missing-paper» i saken".into()),
                ),
                Some(c) if c.front.extra.meeting != *id => report.error(
                    Code::AgendaMismatch,
                    &doc.file,
                    at,
                    format!("sak {case} står på sakslisten, men saken sier den hører til møte «{}»", c.front.extra.meeting),
                    None,
                ),
                Some(_) => {}
            }
            numbers.push(case.number);
        }
        for case_id in by_meeting.get(id.as_str()).into_iter().flatten() {
            if !e.agenda.iter().any(|a| a == case_id) {
                let c = &site.cases[*case_id];
                report.error(
                    Code::AgendaMismatch,
                    &c.file,
                    Key("meeting", Some(id)),
                    format!("saken hører til møte {id}, men står ikke på møtets saksliste"),
                    Some(format!(
                        "legg \"{case_id}\" til `agenda` i content/moter/{id}.md"
                    )),
                );
            }
        }
        for pair in numbers.windows(2) {
            if pair[1] != pair[0] + 1 {
                report.error(
                    Code::NumberSequence,
                    &doc.file,
                    Key("agenda", None),
                    format!("sakslisten hopper fra sak {} til sak {}", pair[0], pair[1]),
                    Some("sakene i et møte har fortløpende numre".into()),
                );
            }
        }
        if let (Some(first), Some(last), MeetingId::Numbered { year, number }) =
            (numbers.first(), numbers.last(), meeting)
        {
            ranges.insert((*year, *number), (*first, *last));
            if *number == 1 && *first != 1 {
                report.error(
                    Code::NumberSequence,
                    &doc.file,
                    Key("agenda", None),
                    format!("årets første møte skal begynne med sak 1, ikke sak {first}"),
                    None,
                );
            }
        }
    }
    // Numbering continues from the previous meeting of the same year, when its agenda is known.
    for (&(year, number), &(first, _)) in &ranges {
        if let Some(&(_, prev_last)) = ranges.get(&(year, number.wrapping_sub(1))) {
            if first != prev_last + 1 {
                let id = format!("{year}-{number}");
                let doc = &site.meetings[&id];
                report.error(
                    Code::NumberSequence,
                    &doc.file,
                    Key("agenda", None),
                    format!("møte {number}/{year} begynner med sak {first}, men møte {}/{year} sluttet med sak {prev_last}", number - 1),
                    Some(format!("første sak skal være {}/{number}/{year}", prev_last + 1)),
                );
            }
        }
    }
}
