//! The content check: every rule over a loaded [`Site`], all problems collected in one report.

pub mod chars;
mod claims;
mod decoded;
mod fields;
pub mod files;
mod meetings;
mod numbers;
mod paste;
mod paths;
mod people;
mod refs;
mod svg;
pub mod text;

use std::collections::BTreeMap;

use crate::codes::Code;
use crate::dates::Date;
use crate::diagnostics::{Place, Report, SourceFile};
use crate::ids::{CaseId, MeetingId};
use crate::model::Anomaly;
use crate::site::Site;

/// Runs every rule over `site`, adding problems to `report`.
pub fn check(site: &Site, report: &mut Report) {
    let index = Index::build(site);
    fields::check(site, report);
    numbers::check(site, &index, report);
    refs::check(site, &index, report);
    people::check(site, report);
    text::check(site, report);
    paths::check(site, report);
    claims::check(site, report);
    paste::check(site, report);
    meetings::check(site, crate::history::build_date(&site.root), report);
    chars::check(site, report);
}

/// Facts derived once from the whole site and shared by the rules.
#[derive(Debug, Default)]
pub struct Index {
    /// Every case with a valid id.
    pub cases: BTreeMap<String, CaseId>,
    /// Every meeting with a valid id, and its date when known.
    pub meetings: BTreeMap<String, (MeetingId, Option<Date>)>,
}

impl Index {
    /// Loading skipped files whose names are not valid ids, so every id here parses.
    fn build(site: &Site) -> Index {
        let cases = site
            .cases
            .keys()
            .filter_map(|id| Some((id.clone(), CaseId::from_slug(id)?)))
            .collect();
        let meetings = site
            .meetings
            .iter()
            .filter_map(|(id, doc)| {
                let date = doc.date();
                Some((id.clone(), (MeetingId::from_slug(id)?, date)))
            })
            .collect();
        Index { cases, meetings }
    }

    /// The date of the meeting a case belongs to.
    pub(crate) fn case_date(&self, site: &Site, case: &str) -> Option<Date> {
        let meeting = &site.cases.get(case)?.front.extra.meeting;
        self.meetings.get(meeting)?.1
    }
}

/// Whether a document acknowledges an anomaly of this kind.
pub fn acknowledged(anomalies: &[Anomaly], code: &str) -> bool {
    anomalies.iter().any(|a| a.code == code)
}

/// How a case id is written, for every message about one that is not.
const CASE_ID_HINT: &str = "skriv saker som \"N-M-ÅÅÅÅ\", for eksempel \"48-6-2022\"";

/// A value that should be a case id and is not.
pub(crate) fn not_a_case_id(report: &mut Report, file: &SourceFile, at: impl Place, item: &str) {
    let message = format!("«{item}» er ikke en saks-id");
    report.error(
        Code::BadNumber,
        file,
        at,
        message,
        Some(CASE_ID_HINT.into()),
    );
}

/// A case id that names no case: how to make it, or how to write it.
pub(crate) fn unresolved_case(report: &mut Report, file: &SourceFile, at: impl Place, item: &str) {
    let hint = match CaseId::from_slug(item) {
        Some(_) => {
            format!("lag content/saker/{item}.md (stub = true holder hvis bare nummeret er kjent)")
        }
        None => CASE_ID_HINT.into(),
    };
    report.error(
        Code::UnresolvedRef,
        file,
        at,
        format!("saken «{item}» finnes ikke"),
        Some(hint),
    );
}

/// A meeting id that names no meeting.
pub(crate) fn unresolved_meeting(report: &mut Report, file: &SourceFile, at: impl Place, id: &str) {
    let hint = match MeetingId::from_slug(id) {
        Some(_) => {
            format!("lag content/moter/{id}.md (status = \"stub\" holder hvis lite er kjent)")
        }
        None => "skriv møter som \"ÅÅÅÅ-N\", for eksempel \"2022-6\"".into(),
    };
    report.error(
        Code::UnresolvedRef,
        file,
        at,
        format!("møtet «{id}» finnes ikke"),
        Some(hint),
    );
}

/// Reports an anomaly of the source unless the document acknowledges it.
pub(crate) fn require_ack(
    report: &mut Report,
    anomalies: &[Anomaly],
    code: Code,
    file: &SourceFile,
    place: impl Place,
    message: String,
) {
    if !acknowledged(anomalies, code.as_str()) {
        report.error(
            code,
            file,
            place,
            message,
            Some(format!(
                "står det slik i kilden, legg til [[extra.anomalies]] med code = \"{}\" og en kort forklaring; ellers rett feilen",
                code.as_str()
            )),
        );
    }
}
