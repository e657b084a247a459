//! Claims need a source. A status that says something happened (minutes approved, an output
//! published or sent, a decision taken in a case) is accepted only from a field that cites where
//! it is known; otherwise the content must say what is known (`status = "unknown"`, a draft "lagt
//! fram for godkjenning"). See "Påstander trenger kilde" in docs/veiledning.md.

use crate::codes::Code;
use crate::diagnostics::{Key, Report, SourceFile};
use crate::model::{MinutesStatus, OutputStatus};
use crate::site::Site;

pub fn check(site: &Site, report: &mut Report) {
    for doc in site.minutes.values() {
        let e = &doc.front.extra;
        // Which case approved them is the source of "Godkjent"; the case's own file is checked
        // against it in `refs` (minutes-chain).
        if e.status == MinutesStatus::Approved && e.approved_by.is_none() {
            unsourced_status(
                report,
                &doc.file,
                "approved",
                "referatet står som godkjent, men det står ikke hvilken sak som godkjente det",
                "skriv approved_by = \"N-M-ÅÅÅÅ\" (saken som godkjente referatet), eller status = \"unknown\" hvis kildene ikke sier det",
            );
        }
    }
    for doc in site.outputs.values() {
        let e = &doc.front.extra;
        let cited = e.sources.iter().any(|s| s.shows_status)
            || e.external_url.as_deref().is_some_and(|u| !u.is_empty());
        if e.status == OutputStatus::Published && !cited {
            unsourced_status(
                report,
                &doc.file,
                "published",
                "uttalelsen står som publisert, men ingen kilde er oppgitt for at den ble publisert eller sendt",
                "merk kilden som sier det med shows_status = true under [[extra.sources]], eller skriv status = \"unknown\"",
            );
        }
        for case in &e.decided_by {
            decision(site, report, &doc.file, "decided_by", case);
        }
    }
    for doc in site.reports.values() {
        for case in &doc.front.extra.approved_in {
            decision(site, report, &doc.file, "approved_in", case);
        }
    }
}

/// A `status` that says something happened, with nothing that says where it is known.
fn unsourced_status(
    report: &mut Report,
    file: &SourceFile,
    status: &str,
    message: &str,
    hint: &str,
) {
    let at = Key("status", Some(status));
    report.error(Code::UnsourcedClaim, file, at, message, Some(hint.into()));
}

/// "Vedtatt i sak …" needs a decision in that case's minutes.
fn decision(site: &Site, report: &mut Report, file: &SourceFile, key: &str, case: &str) {
    let Some(c) = site.cases.get(case) else {
        return; // reported as unresolved-ref
    };
    // Only a case the minutes record can show its decision; one known from its papers alone
    // (an agenda being prepared, papers imported before the minutes) is not judged yet.
    if !c.front.extra.in_minutes {
        return;
    }
    if c.front
        .extra
        .vedtak
        .as_deref()
        .is_none_or(|v| v.trim().is_empty())
    {
        let at = Key(key, Some(case));
        report.error(
            Code::UnsourcedClaim,
            file,
            at,
            format!(
                "sak {} har ikke noe vedtak i referatet, så siden kan ikke si at det ble vedtatt der",
                case.replace('-', "/")
            ),
            Some("flytt saken til reported_in (omtalt i sak), eller legg inn vedtaket i saken".into()),
        );
    }
}
