//! The state of a meeting against what else the site says about it: a held meeting has an
//! attendance list; minutes are approved only for a meeting that was held and decided something;
//! a meeting whose date has passed is no longer `planned` (a warning: the minutes may simply not
//! be written yet).

use crate::codes::Code;
use crate::dates::Date;
use crate::diagnostics::{Key, Place, Report, Severity};
use crate::model::{MeetingStatus, MinutesStatus};
use crate::site::Site;

use super::acknowledged;

/// `today` is the build date (see `pipeline::build_date`), never the clock; `None` skips the
/// rules that depend on it.
pub fn check(site: &Site, today: Option<Date>, report: &mut Report) {
    for (id, doc) in &site.meetings {
        let e = &doc.front.extra;
        if doc.front.draft {
            continue;
        }
        if e.status == MeetingStatus::Held && e.attendance.is_empty() {
            let at = Key("status", Some("held"));
            if !acknowledged(&e.anomalies, Code::NoAttendance.as_str()) {
                report.error(
                    Code::NoAttendance,
                    &doc.file,
                    at,
                    format!("møte {id} er holdt (status = \"held\"), men har ingen oppmøteliste"),
                    Some(format!("legg til en blokk [[extra.attendance]] per person (`ho21 new minutes --meeting {id}` lager listen fra forrige møte); sier kildene ikke hvem som var til stede, legg til [[extra.anomalies]] med code = \"no-attendance\"")),
                );
            }
        }
        if let (MeetingStatus::Planned, Some(date), Some(today)) = (e.status, doc.date(), today) {
            if date < today {
                report.at(
                    Severity::Warning,
                    Code::PastPlanned,
                    &doc.file,
                    Key("status", Some("planned")),
                    format!(
                        "møte {id} var {}, men står fortsatt som planlagt (byggedato {})",
                        date.iso(),
                        today.iso()
                    ),
                    Some(format!(
                        "når møtet er holdt: `ho21 new minutes --meeting {id}` lager referatet og setter status = \"held\"; er møtet flyttet, rett `date`"
                    )),
                );
            }
        }
    }

    // Minutes approved by a case in a later meeting, or marked approved in `content/referater/`.
    let approvals = site
        .cases
        .values()
        // A case that is only on the agenda plans the approval; it approves once it has its
        // decision.
        .filter(|doc| {
            doc.front
                .extra
                .vedtak
                .as_deref()
                .is_some_and(|v| !v.trim().is_empty())
        })
        .flat_map(|doc| {
            doc.front.extra.approves_minutes_of.iter().map(move |m| {
                (
                    m,
                    &doc.file,
                    &doc.front.extra.anomalies,
                    "approves_minutes_of",
                )
            })
        })
        .chain(
            site.minutes
                .values()
                .filter(|doc| doc.front.extra.status == MinutesStatus::Approved)
                .map(|doc| {
                    let e = &doc.front.extra;
                    (&e.meeting, &doc.file, &e.anomalies, "status")
                }),
        );
    for (meeting, file, anomalies, key) in approvals {
        let Some(target) = site.meetings.get(meeting) else {
            continue; // reported as an unresolved reference
        };
        let value = if key == "status" {
            "approved"
        } else {
            meeting.as_str()
        };
        let at = Key(key, Some(value));
        // A stub is a meeting we know only by name: held, but its cases are not on the site.
        if target.front.extra.status == MeetingStatus::Stub {
            continue;
        }
        // A planned meeting whose day has passed was most likely held and not yet marked so: the
        // `past-planned` warning says that, and the approval is not the mistake.
        // Without a build date a dated meeting cannot be judged either way: no error.
        let may_have_happened = match (target.date(), today) {
            (Some(d), Some(t)) => d < t,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if target.front.extra.status == MeetingStatus::Planned && may_have_happened {
            continue;
        }
        if target.front.extra.status == MeetingStatus::Planned {
            too_early(
                report,
                anomalies,
                file,
                at,
                format!("referatet fra møte {meeting} godkjennes, men møtet står som planlagt"),
                format!("sett status = \"held\" i content/moter/{meeting}.md når møtet er holdt, eller godkjenn referatet i et senere møte"),
            );
        } else if !site.cases.values().any(|c| {
            c.front.extra.meeting == *meeting
                && c.front
                    .extra
                    .vedtak
                    .as_deref()
                    .is_some_and(|v| !v.trim().is_empty())
        }) {
            too_early(
                report,
                anomalies,
                file,
                at,
                format!(
                    "referatet fra møte {meeting} godkjennes, men ingen sak i møtet har vedtak ennå"
                ),
                format!("skriv vedtakene (`vedtak = …`) i sakene til møte {meeting} først"),
            );
        }
    }
}

fn too_early(
    report: &mut Report,
    anomalies: &[crate::model::Anomaly],
    file: &crate::diagnostics::SourceFile,
    at: impl Place,
    message: String,
    fix: String,
) {
    if !acknowledged(anomalies, Code::ApprovalTooEarly.as_str()) {
        report.error(
            Code::ApprovalTooEarly,
            file,
            at,
            message,
            Some(format!("{fix}; står det slik i kilden, legg til [[extra.anomalies]] med code = \"approval-too-early\"")),
        );
    }
}
