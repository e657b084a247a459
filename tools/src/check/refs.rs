//! Cross-references: case → case, case → meeting, the minutes approval chain, outputs, events,
//! attachments, and every mention of a case or meeting in running text.

use std::collections::BTreeMap;

use super::{require_ack, unresolved_case, unresolved_meeting, Index};
use crate::codes::Code;
use crate::dates::{Date, Dated};
use crate::diagnostics::{Key, Place, Report, Severity, SourceFile};
use crate::ids::{find_mentions, quotes_the_source, MeetingId, NumberFormat, Target};
use crate::model::{Anomaly, MeetingStatus, MinutesStatus};
use crate::site::Site;

pub fn check(site: &Site, index: &Index, report: &mut Report) {
    case_links(site, index, report);
    minutes_chain(site, index, report);
    outputs_and_events(site, index, report);
    attendance(site, report);
    mentions(site, index, report);
}

fn case_links(site: &Site, index: &Index, report: &mut Report) {
    for (id, doc) in &site.cases {
        let e = &doc.front.extra;
        let own = index.cases.get(id);
        for (key, item) in e
            .tidligere_behandlet
            .iter()
            .map(|i| ("tidligere_behandlet", i))
            .chain(e.follows_up.iter().map(|i| ("follows_up", i)))
        {
            let at = Key(key, Some(item));
            let Some(target) = index.cases.get(item) else {
                if !site.case_exists(item) {
                    unresolved_case(report, &doc.file, at, item);
                }
                continue;
            };
            if let Some(own) = own {
                if (target.year, target.number) >= (own.year, own.number) {
                    report.error(
                        Code::RefOrder,
                        &doc.file,
                        at,
                        format!("sak {own} viser bakover til sak {target} (`{key}`), men den saken er ikke tidligere"),
                        None,
                    );
                }
            }
        }
        for meeting in &e.approves_minutes_of {
            let at = Key("approves_minutes_of", Some(meeting));
            let Some((target, _)) = index.meetings.get(meeting) else {
                if site.meeting_exists(meeting) {
                    continue;
                }
                unresolved_meeting(report, &doc.file, at, meeting);
                continue;
            };
            if let (Some(own), MeetingId::Numbered { year, number }) = (own, target) {
                if (*year, *number) >= (own.year, own.meeting) {
                    report.error(
                        Code::RefOrder,
                        &doc.file,
                        at,
                        format!("sak {own} godkjenner referatet fra møte {target}, som ikke er et tidligere møte"),
                        None,
                    );
                }
            }
        }
        for v in &e.vedlegg {
            if let Some(link) = &v.link {
                let at = Key("link", Some(link));
                internal_or_url(site, &doc.file, at, link, report);
            }
        }
    }
}

/// Where uploaded attachments lie (the CMS's media folder, `admin/config.yml`), and the address
/// they are published at.
const UPLOADS: &str = "static/vedlegg";
const UPLOADS_URL: &str = "/vedlegg/";

/// `@/folder/page.md` must exist under `content/`; `/vedlegg/name.pdf` must be a file uploaded to
/// `static/vedlegg/`; anything else must be a full https URL.
fn internal_or_url(
    site: &Site,
    file: &SourceFile,
    at: impl Place,
    link: &str,
    report: &mut Report,
) {
    if let Some(name) = link.strip_prefix(UPLOADS_URL) {
        let plain =
            !name.is_empty() && !name.contains(['/', '\\', '#', '?']) && !name.starts_with('.');
        if !plain || !site.root.join(UPLOADS).join(name).is_file() {
            report.error(
                Code::MissingTemplateLink,
                file,
                at,
                format!("lenken «{link}» peker på {UPLOADS}/{name}, som ikke finnes"),
                Some(format!(
                    "last opp filen til {UPLOADS}/, eller rett filnavnet i lenken"
                )),
            );
        }
    } else if let Some(path) = link.strip_prefix("@/") {
        let path = path.split('#').next().unwrap_or(path);
        if !site.root.join("content").join(path).is_file() {
            report.error(
                Code::MissingTemplateLink,
                file,
                at,
                format!("lenken «{link}» peker på content/{path}, som ikke finnes"),
                None,
            );
        }
    } else if super::text::host(link)
        .is_some_and(|h| Some(h) == super::text::host(&site.config.base_url))
    {
        report.error(
            Code::OwnSiteLink,
            file,
            at,
            format!(
                "«{link}» er en adresse på dette nettstedets eget domene, men ikke en side her"
            ),
            Some("bruk en intern lenke som \"@/mener/….md\", eller fjern adressen".into()),
        );
    } else if !(link.starts_with("https://") || link.starts_with("http://"))
        || link.contains(char::is_whitespace)
    {
        report.error(
            Code::BadUrl,
            file,
            at,
            format!("«{link}» er verken en side på nettstedet (@/…) eller en hel nettadresse"),
            Some("skriv en intern lenke som \"@/mener/….md\" eller en adresse som begynner med https://".into()),
        );
    }
}

/// Every meeting's minutes are approved exactly once, by a case in a later meeting.
fn minutes_chain(site: &Site, index: &Index, report: &mut Report) {
    let cases_unreadable = site
        .unreadable
        .iter()
        .any(|(kind, _)| *kind == crate::site::Kind::Case);
    let mut approvals: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (id, doc) in &site.cases {
        for meeting in &doc.front.extra.approves_minutes_of {
            approvals
                .entry(meeting.as_str())
                .or_default()
                .push(id.as_str());
        }
    }
    for (meeting, cases) in &approvals {
        if cases.len() > 1 {
            for case in cases {
                let doc = &site.cases[*case];
                report.error(
                    Code::MinutesChain,
                    &doc.file,
                    Key("approves_minutes_of", Some(meeting)),
                    format!(
                        "referatet fra møte {meeting} godkjennes i flere saker: {}",
                        cases.join(", ")
                    ),
                    Some("et referat godkjennes bare én gang".into()),
                );
            }
        }
    }
    for (id, doc) in &site.minutes {
        let e = &doc.front.extra;
        if e.meeting != *id {
            report.error(
                Code::BadId,
                &doc.file,
                Key("meeting", Some(&e.meeting)),
                format!("referatet heter {id}.md, men `meeting` er «{}»", e.meeting),
                Some(format!(
                    "referatet fra møte {} skal hete {}.md",
                    e.meeting, e.meeting
                )),
            );
        }
        if !site.meeting_exists(&e.meeting) {
            unresolved_meeting(
                report,
                &doc.file,
                Key("meeting", Some(&e.meeting)),
                &e.meeting,
            );
            continue;
        }
        let approving = approvals
            .get(e.meeting.as_str())
            .cloned()
            .unwrap_or_default();
        match (&e.approved_by, e.status) {
            (Some(by), _) => {
                let at = Key("approved_by", Some(by));
                if !site.case_exists(by) {
                    unresolved_case(report, &doc.file, at, by);
                } else if !approving.contains(&by.as_str()) {
                    report.error(
                        Code::MinutesChain,
                        &doc.file,
                        at,
                        format!("referatet sier det er godkjent i sak {by}, men den saken har ikke approves_minutes_of = [\"{}\"]", e.meeting),
                        Some(format!("legg \"{}\" til approves_minutes_of i content/saker/{by}.md", e.meeting)),
                    );
                }
                if e.status == MinutesStatus::Draft {
                    report.error(
                        Code::MinutesChain,
                        &doc.file,
                        Key("status", None),
                        "et utkast til referat kan ikke ha `approved_by`",
                        Some("sett status = \"approved\"".into()),
                    );
                }
            }
            (None, MinutesStatus::Approved) => {
                if let Some(case) = approving.first() {
                    report.error(
                        Code::MinutesChain,
                        &doc.file,
                        Key("status", None),
                        format!(
                            "referatet er godkjent i sak {}, men `approved_by` mangler",
                            case.replace('-', "/")
                        ),
                        Some(format!("legg til approved_by = \"{case}\"")),
                    );
                } else if !cases_unreadable && !next_meeting_unpublished(site, index, &e.meeting) {
                    report.error(
                        Code::MinutesChain,
                        &doc.file,
                        Key("status", None),
                        "referatet er merket godkjent, men ingen sak godkjenner det",
                        Some("legg til approved_by, og approves_minutes_of i saken som godkjente referatet".into()),
                    );
                }
            }
            (None, MinutesStatus::Draft | MinutesStatus::Unknown) => {
                // Approval happens at the meeting: until it is held, the minutes stay a draft.
                let held = |case: &&&str| {
                    site.cases
                        .get(**case)
                        .and_then(|c| site.meetings.get(&c.front.extra.meeting))
                        .is_some_and(|m| m.front.extra.status == MeetingStatus::Held)
                };
                if let Some(case) = approving.iter().find(held) {
                    report.error(
                        Code::MinutesChain,
                        &doc.file,
                        Key("status", None),
                        format!(
                            "referatet er godkjent i sak {}, men står som utkast eller med ukjent status",
                            case.replace('-', "/")
                        ),
                        Some(format!(
                            "kjør `ho21 approve --minutes {}`, eller sett status = \"approved\" og approved_by = \"{case}\"",
                            e.meeting
                        )),
                    );
                }
            }
        }
    }
    // A held meeting followed by a meeting whose agenda is published must be approved there.
    // Skipped when a case file could not be read: it may be the approving case.
    for (id, doc) in site.meetings.iter().filter(|_| !cases_unreadable) {
        if doc.front.extra.status != MeetingStatus::Held || approvals.contains_key(id.as_str()) {
            continue;
        }
        let Some((MeetingId::Numbered { year, number }, _)) = index.meetings.get(id) else {
            continue;
        };
        let Some(next) = next_meeting(site, index, *year, *number) else {
            continue;
        };
        let next_doc = &site.meetings[next];
        if next_doc.front.extra.status != MeetingStatus::Stub
            && !next_doc.front.extra.agenda.is_empty()
        {
            report.error(
                Code::MinutesChain,
                &next_doc.file,
                Key("agenda", None),
                format!(
                    "referatet fra møte {number}/{year} godkjennes ikke i noen sak i møte {next}"
                ),
                Some(format!(
                    "sett approves_minutes_of = [\"{id}\"] i godkjenningssaken (vanligvis sak 3)"
                )),
            );
        }
    }
}

/// The next numbered meeting after `year`/`number`: the next number that year, else the first
/// meeting of a later year.
fn next_meeting<'a>(site: &'a Site, index: &Index, year: i32, number: u32) -> Option<&'a String> {
    site.meetings
        .keys()
        .filter_map(|k| match index.meetings.get(k) {
            Some((MeetingId::Numbered { year: y, number: n }, _)) if (*y, *n) > (year, number) => {
                Some(((*y, *n), k))
            }
            _ => None,
        })
        .min()
        .map(|(_, k)| k)
}

/// Whether the meeting that approved `meeting`'s minutes is not on the site: the next known
/// meeting is a stub, or there is none yet.
fn next_meeting_unpublished(site: &Site, index: &Index, meeting: &str) -> bool {
    let Some((MeetingId::Numbered { year, number }, _)) = index.meetings.get(meeting) else {
        return true;
    };
    next_meeting(site, index, *year, *number)
        .is_none_or(|next| site.meetings[next].front.extra.status == MeetingStatus::Stub)
}

fn outputs_and_events(site: &Site, index: &Index, report: &mut Report) {
    for doc in site.outputs.values() {
        let e = &doc.front.extra;
        let date = doc.date();
        for case in &e.decided_by {
            let at = Key("decided_by", Some(case));
            if !site.case_exists(case) {
                unresolved_case(report, &doc.file, at, case);
                continue;
            }
            // With its precision, the date is a period: the output must be able to fall on or
            // after the deciding meeting, so the period's last day is what counts.
            let dated = date.map(|date| Dated {
                date,
                precision: e.date_precision,
            });
            if let (Some(dated), Some(decided)) = (dated, index.case_date(site, case)) {
                if dated.range().1.is_some_and(|latest| decided > latest) {
                    report.error(
                        Code::OutputLink,
                        &doc.file,
                        at,
                        format!("uttalelsen er datert {}, men saken som vedtok den, sak {}, ble behandlet {}", dated.nb(), case.replace('-', "/"), decided.nb()),
                        None,
                    );
                }
            }
        }
        cases_exist(site, &doc.file, "reported_in", &e.reported_in, report);
        if let (Some(date), Some(Ok(deadline))) =
            (date, e.hearing_deadline.as_ref().map(Date::from_toml))
        {
            if date > deadline {
                report.at(
                    Severity::Warning,
                    Code::OutputLink,
                    &doc.file,
                    Key("hearing_deadline", None),
                    format!(
                        "uttalelsen ({}) er datert etter høringsfristen ({})",
                        date.iso(),
                        deadline.iso()
                    ),
                    None,
                );
            }
        }
        if let Some(url) = e.external_url.as_deref().filter(|u| !u.is_empty()) {
            let at = Key("external_url", Some(url));
            internal_or_url(site, &doc.file, at, url, report);
        }
    }
    for doc in site.events.values() {
        let e = &doc.front.extra;
        cases_exist(site, &doc.file, "related_cases", &e.related_cases, report);
        for output in &e.related_outputs {
            if !site.outputs.contains_key(output) {
                report.error(
                    Code::UnresolvedRef,
                    &doc.file,
                    Key("related_outputs", Some(output)),
                    format!("uttalelsen «{output}» finnes ikke i content/mener/"),
                    None,
                );
            }
        }
        for url in &e.urls {
            let at = Key("urls", Some(url));
            internal_or_url(site, &doc.file, at, url, report);
        }
        if let (Some(p), Some(d), Some(r)) = (e.attended_physical, e.attended_digital, e.registered)
        {
            if p + d > r && !super::acknowledged(&e.anomalies, "conflicting-figures") {
                report.at(
                    Severity::Warning,
                    Code::OutputLink,
                    &doc.file,
                    Key("registered", None),
                    format!("{p} fysisk + {d} digitalt er flere enn {r} påmeldte"),
                    None,
                );
            }
        }
    }
    for doc in site.reports.values() {
        let e = &doc.front.extra;
        cases_exist(site, &doc.file, "presented_in", &e.presented_in, report);
        cases_exist(site, &doc.file, "approved_in", &e.approved_in, report);
    }
}

/// Every case in the list `key` exists.
fn cases_exist(site: &Site, file: &SourceFile, key: &str, cases: &[String], report: &mut Report) {
    for case in cases {
        if !site.case_exists(case) {
            unresolved_case(report, file, Key(key, Some(case)), case);
        }
    }
}

/// Attendance bounds point into the same meeting, and nobody is both present and absent.
fn attendance(site: &Site, report: &mut Report) {
    for (id, doc) in &site.meetings {
        let e = &doc.front.extra;
        let mut status_of: BTreeMap<&str, crate::model::Presence> = BTreeMap::new();
        for a in &e.attendance {
            for (key, bound) in [("from_case", &a.from_case), ("to_case", &a.to_case)] {
                let Some(bound) = bound else { continue };
                if !e.agenda.contains(bound) {
                    report.error(
                        Code::Attendance,
                        &doc.file,
                        Key(key, Some(bound)),
                        format!("`{key}` = «{bound}» er ikke en sak i møte {id}"),
                        Some("grensen for oppmøte må være en sak på dette møtets saksliste".into()),
                    );
                }
            }
            if let Some(previous) = status_of.insert(a.name.as_str(), a.status) {
                if previous != a.status {
                    require_ack(
                        report,
                        &e.anomalies,
                        Code::Attendance,
                        &doc.file,
                        Key("name", Some(&a.name)),
                        format!("{} står både som til stede og med forfall", a.name),
                    );
                }
            }
            if let Some(note) = &a.note {
                bound_mentions(site, doc, note, &e.anomalies, report);
            }
        }
    }
}

/// A bound printed in a note ("t.o.m. sak 41/5/22") that several cases of the meeting were
/// printed with is ambiguous; a dotted one is reported too.
fn bound_mentions(
    site: &Site,
    doc: &crate::site::Doc<crate::model::MeetingExtra>,
    note: &str,
    anomalies: &[Anomaly],
    report: &mut Report,
) {
    for m in find_mentions(note) {
        let Target::Case(printed, format) = m.target else {
            continue;
        };
        let at = doc.file.locate("note", Some(note)) + m.number_start;
        if format == NumberFormat::Dotted {
            require_ack(
                report,
                anomalies,
                Code::DottedNumber,
                &doc.file,
                at,
                format!(
                    "oppmøtenotatet skriver saksnummeret med punktum: «{}»",
                    &note[m.start..m.end]
                ),
            );
        }
        let printed_as = doc
            .front
            .extra
            .agenda
            .iter()
            .filter(|case| {
                site.cases.get(*case).is_some_and(|c| {
                    case.as_str() == printed.slug()
                        || c.front.extra.number_as_written.iter().any(|w| {
                            crate::ids::parse_case_number(w).is_some_and(|(p, _)| p == printed)
                        })
                })
            })
            .count();
        if printed_as > 1 {
            require_ack(
                report,
                anomalies,
                Code::AmbiguousBound,
                &doc.file,
                at,
                format!(
                    "«{}» er tvetydig: {printed_as} saker i møtet er skrevet med dette nummeret",
                    &note[m.start..m.end]
                ),
            );
        }
    }
}

/// Mentions of cases and meetings in any text resolve to a page, and a case text does not
/// refer forward to a later meeting's case.
fn mentions(site: &Site, index: &Index, report: &mut Report) {
    let docs = site.documents().map(|(kind, id, file, anomalies)| {
        let own = if kind == crate::site::Kind::Case {
            index.cases.get(id)
        } else {
            None
        };
        (file, anomalies, own)
    });
    for (file, anomalies, own) in docs {
        let mut offset = 0;
        for line in file.text.split_inclusive('\n') {
            let here = offset;
            offset += line.len();
            // Numbers as printed and anomaly texts quote the source's mistakes on purpose; anomaly
            // notes are checked on their own (`bound_mentions`).
            if quotes_the_source(line) || line.trim_start().starts_with("note =") {
                continue;
            }
            for m in find_mentions(line) {
                let at = here + m.number_start;
                let written = &line[m.start..m.end];
                match m.target {
                    Target::Case(case, format) => {
                        if !site.case_exists(&case.slug()) {
                            report.error(
                                Code::UnresolvedRef,
                                file,
                                at,
                                format!("«{written}» viser til sak {case}, som ikke finnes"),
                                Some(format!("lag content/saker/{}.md (stub = true holder), eller rett nummeret", case.slug())),
                            );
                        } else if let Some(own) = own {
                            if case.meeting_id() != own.meeting_id()
                                && (case.year, case.number) > (own.year, own.number)
                            {
                                report.error(
                                    Code::RefOrder,
                                    file,
                                    at,
                                    format!("sak {own} viser til en senere sak, {case}"),
                                    Some("en sak kan bare vise til tidligere saker eller saker i samme møte".into()),
                                );
                            }
                        }
                        if format == NumberFormat::Dotted {
                            require_ack(
                                report,
                                anomalies,
                                Code::DottedNumber,
                                file,
                                at,
                                format!("«{written}» er skrevet med punktum"),
                            );
                        }
                    }
                    Target::Meeting(meeting) => {
                        if !site.meeting_exists(&meeting.slug()) {
                            report.error(
                                Code::UnresolvedRef,
                                file,
                                at,
                                format!("«{written}» viser til møte {meeting}, som ikke finnes"),
                                Some(format!(
                                    "lag content/moter/{}.md (status = \"stub\" holder)",
                                    meeting.slug()
                                )),
                            );
                        }
                    }
                }
            }
        }
    }
}
