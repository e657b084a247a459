//! The content check: every rule over a loaded [`Site`], all problems collected in one report.

mod fields;
mod numbers;
mod people;
mod refs;
pub mod text;

use std::collections::BTreeMap;

use crate::codes::Code;
use crate::dates::Date;
use crate::diagnostics::{Report, SourceFile};
use crate::ids::{CaseId, MeetingId};
use crate::model::Anomaly;
use crate::site::Site;

/// Runs every rule over `site`, adding problems to `report`.
pub fn check(site: &Site, report: &mut Report) {
    let index = Index::build(site, report);
    fields::check(site, &index, report);
    numbers::check(site, &index, report);
    refs::check(site, &index, report);
    people::check(site, report);
    text::check(site, report);
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
    fn build(site: &Site, report: &mut Report) -> Index {
        let mut index = Index::default();
        for (id, doc) in &site.cases {
            match CaseId::from_slug(id) {
                Some(case) => {
                    index.cases.insert(id.clone(), case);
                }
                None => report.file_error(
                    Code::BadId,
                    &doc.file.rel,
                    format!("filnavnet «{id}.md» er ikke et saksnummer"),
                    Some("saker heter N-M-ÅÅÅÅ.md, for eksempel 48-6-2022.md for sak 48/6/2022".into()),
                ),
            }
        }
        for (id, doc) in &site.meetings {
            match MeetingId::from_slug(id) {
                Some(meeting) => {
                    let date = doc.front.date.as_ref().and_then(|d| Date::from_toml(d).ok());
                    index.meetings.insert(id.clone(), (meeting, date));
                }
                None => report.file_error(
                    Code::BadId,
                    &doc.file.rel,
                    format!("filnavnet «{id}.md» er ikke en møte-id"),
                    Some("møter heter ÅÅÅÅ-M.md, for eksempel 2022-6.md for møte 6/2022".into()),
                ),
            }
        }
        index
    }

    /// The date of the meeting a case belongs to.
    pub fn case_date(&self, site: &Site, case: &str) -> Option<Date> {
        let meeting = &site.cases.get(case)?.front.extra.meeting;
        self.meetings.get(meeting)?.1
    }
}

/// Whether a document acknowledges an anomaly of this kind.
pub fn acknowledged(anomalies: &[Anomaly], code: &str) -> bool {
    anomalies.iter().any(|a| a.code == code)
}

/// Reports an anomaly of the source unless the document acknowledges it.
pub fn require_ack(
    report: &mut Report,
    anomalies: &[Anomaly],
    code: Code,
    file: &SourceFile,
    offset: usize,
    message: String,
) {
    if !acknowledged(anomalies, code.as_str()) {
        report.error(
            code,
            file,
            offset,
            message,
            Some(format!(
                "står det slik i kilden, legg til [[extra.anomalies]] med code = \"{}\" og en kort forklaring; ellers rett feilen",
                code.as_str()
            )),
        );
    }
}
