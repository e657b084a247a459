//! Typed front matter of every content type. Unknown keys are errors (`deny_unknown_fields`), so a
//! misspelt field never disappears silently. See `docs/content-model.md`.

use serde::Deserialize;
use toml::value::Datetime;

/// Declares the `[extra]` table of a content type: unknown keys are refused (a misspelt field is
/// an error, not a silent loss), and every type carries the sources it was written from and the
/// anomalies found in them. (serde cannot combine `flatten` with `deny_unknown_fields`, so the
/// two shared fields are added here rather than in a flattened struct.)
macro_rules! extra_table {
    ($(#[$meta:meta])* pub struct $name:ident { $($fields:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($fields)*
            /// `[[extra.sources]]`: the lines of the source documents the page was written from.
            #[serde(default)]
            pub sources: Vec<Source>,
            /// `[[extra.anomalies]]`: mistakes and gaps found in those sources.
            #[serde(default)]
            pub anomalies: Vec<Anomaly>,
        }
    };
}

/// Zola's own top-level keys, with our fields in `extra`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter<E> {
    pub title: Option<String>,
    pub description: Option<String>,
    pub date: Option<Datetime>,
    pub weight: Option<i64>,
    #[serde(default)]
    pub draft: bool,
    pub template: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub taxonomies: Taxonomies,
    pub extra: E,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomies {
    #[serde(default)]
    pub temaer: Vec<String>,
}

/// The fixed list of themes (`[taxonomies] temaer`).
pub const THEMES: &[&str] = &[
    "Helsedata",
    "Innovasjon og næring",
    "Kommunene og kunnskap",
    "Folkehelse",
    "Forskning og finansiering",
    "Livsvitenskap",
    "Helsetjenesten",
    "Rådets arbeid",
];

/// Front matter of a section `_index.md`: Zola's section keys only.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFront {
    pub title: Option<String>,
    pub description: Option<String>,
    pub sort_by: Option<String>,
    pub template: Option<String>,
    pub page_template: Option<String>,
    pub paginate_by: Option<u32>,
    pub weight: Option<i64>,
    pub generate_feed: Option<bool>,
    pub transparent: Option<bool>,
    pub render: Option<bool>,
    pub in_search_index: Option<bool>,
    #[serde(default)]
    pub extra: toml::Table,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub file: String,
    pub lines: [u32; 2],
    pub part: SourcePart,
    /// These lines say that the page's status happened (an output was sent or published): the
    /// citation `check::claims` asks for before the site may say so.
    #[serde(default)]
    pub shows_status: bool,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SourcePart {
    Papers,
    Minutes,
    Agenda,
    Slides,
    Report,
    Attachment,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anomaly {
    pub code: String,
    pub text: String,
}

/// Codes allowed in `[[extra.anomalies]]`: known kinds of mistakes in the source documents.
pub const ANOMALY_CODES: &[&str] = &[
    "wrong-year",
    "duplicate-number",
    "dotted-number",
    "number-collision",
    "missing-paper",
    "headerless-paper",
    "weekday",
    "missing-year",
    "missing-date",
    "malformed-date",
    "missing-vedtak",
    "missing-forslag",
    "placeholder",
    "ambiguous-bound",
    "attendance",
    "title-drift",
    "conflicting-figures",
    "typo",
    "no-attendance",
    "approval-too-early",
];

/// Anomaly codes for which the site shows something other than what the source printed (a
/// number, a date): only these make a case "rettet" in the case index. The others record a
/// mistake or a gap that is kept as printed.
pub(crate) const CORRECTING_CODES: &[&str] = &[
    "wrong-year",
    "duplicate-number",
    "dotted-number",
    "number-collision",
    "malformed-date",
];

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MeetingStatus {
    Planned,
    Held,
    Stub,
}

extra_table! {
    pub struct MeetingExtra {
        pub number: Option<u32>,
        pub status: MeetingStatus,
        pub date_as_written: Option<String>,
        pub time_start: Option<String>,
        pub time_end: Option<String>,
        pub place: Option<String>,
        pub address: Option<String>,
        #[serde(default)]
        pub agenda: Vec<String>,
        #[serde(default)]
        pub attendance: Vec<Attendance>,
        /// Lines of the attendance list that name no one ("I tillegg andre observatører …"), as
        /// printed.
        #[serde(default)]
        pub attendance_notes: Vec<String>,
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Leader,
    Member,
    Substitute,
    Observer,
    Secretariat,
    Guest,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Presence {
    Present,
    Absent,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    #[default]
    Physical,
    Digital,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    pub name: String,
    pub org: Option<String>,
    pub role: Role,
    pub status: Presence,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub partial: bool,
    pub from_case: Option<String>,
    pub to_case: Option<String>,
    pub note: Option<String>,
}

extra_table! {
    pub struct CaseExtra {
        pub meeting: String,
        #[serde(default)]
        pub number_as_written: Vec<String>,
        #[serde(default)]
        pub title_variants: Vec<String>,
        #[serde(default)]
        pub case_types: Vec<CaseType>,
        pub til: Option<String>,
        pub fra: Option<String>,
        #[serde(default)]
        pub saksbehandlere: Vec<String>,
        #[serde(default)]
        pub tidligere_behandlet: Vec<String>,
        #[serde(default)]
        pub approves_minutes_of: Vec<String>,
        /// Editorial: earlier cases of the same matter that the source does not cite explicitly.
        #[serde(default)]
        pub follows_up: Vec<String>,
        #[serde(default)]
        pub has_paper: bool,
        #[serde(default)]
        pub in_minutes: bool,
        #[serde(default)]
        pub stub: bool,
        pub forslag_til_vedtak: Option<String>,
        pub referat: Option<String>,
        pub vedtak: Option<String>,
        #[serde(default)]
        pub vedlegg: Vec<Vedlegg>,
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, serde::Serialize)]
pub enum CaseType {
    Vedtakssak,
    Orienteringssak,
    Diskusjonssak,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vedlegg {
    pub nr: u32,
    pub title: String,
    #[serde(default)]
    pub present: bool,
    pub link: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MinutesStatus {
    Draft,
    /// A claim: needs `approved_by` (`check::claims`).
    Approved,
    /// Neither the approval nor a draft put forward for approval is in the sources.
    Unknown,
}

extra_table! {
    pub struct MinutesExtra {
        pub meeting: String,
        pub status: MinutesStatus,
        pub approved_by: Option<String>,
        pub draft_sent: Option<Datetime>,
        pub comment_deadline: Option<Datetime>,
        pub pages: Option<String>,
    }
}

/// Kinds of "HelseOmsorg21-rådet mener" outputs.
pub const OUTPUT_KINDS: &[&str] = &[
    "høringssvar",
    "høringsinnspill",
    "innspill",
    "fellesinnspill",
    "brev",
    "notat",
    "kronikk",
    "innlegg",
    "debattinnlegg",
    "presentasjon",
    "uttalelse",
    "rapport",
    "plan",
    "kommentar",
];

/// The families the «mener» page groups its kinds into, with their labels: what a reader looks
/// for first (the hearing responses and inputs) is one family, whatever the source called it;
/// the finer kind is shown as a tag. Every kind in [`OUTPUT_KINDS`] is in exactly one family.
pub(crate) const OUTPUT_FAMILIES: &[(&str, &str, &[&str])] = &[
    (
        "horingssvar-og-innspill",
        "Høringssvar og innspill",
        &[
            "høringssvar",
            "høringsinnspill",
            "innspill",
            "fellesinnspill",
            "uttalelse",
            "brev",
        ],
    ),
    (
        "kronikker-og-innlegg",
        "Kronikker og innlegg",
        &["kronikk", "innlegg", "debattinnlegg", "kommentar"],
    ),
    (
        "rapporter-planer-og-notater",
        "Rapporter, planer, notater og presentasjoner",
        &["rapport", "plan", "notat", "presentasjon"],
    ),
];

/// How much of `date` the sources give: outputs and events are sometimes known only by month or
/// year, or only as "not later than" a date. Shown that way; `date` still orders them.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    #[default]
    Day,
    Month,
    Year,
    /// Only known to be not later than `date`.
    Before,
    /// Only known to be not earlier than `date` ("i etterkant av" a dated event).
    After,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum OutputStatus {
    /// Published or sent: a claim, so it needs a source (`check::claims`).
    Published,
    Planned,
    Ambiguous,
    /// The sources do not say whether it was published or sent.
    Unknown,
}

extra_table! {
    pub struct OutputExtra {
        pub kind: String,
        pub status: OutputStatus,
        pub date_as_written: Option<String>,
        #[serde(default)]
        pub date_precision: DatePrecision,
        pub recipient: Option<String>,
        pub medium: Option<String>,
        pub hearing_deadline: Option<Datetime>,
        #[serde(default)]
        pub decided_by: Vec<String>,
        #[serde(default)]
        pub reported_in: Vec<String>,
        #[serde(default)]
        pub co_authors: Vec<String>,
        pub external_url: Option<String>,
        /// The document's address on the council's previous website, when the sources give no
        /// other pointer to it. Shown as text, marked as the old address: it may no longer work.
        pub old_address: Option<String>,
    }
}

pub const EVENT_KINDS: &[&str] = &[
    "arendalsuka",
    "konferanse",
    "seminar",
    "frokostmote",
    "webinar",
    "toppledermote",
    "rundebordsmote",
    "dialogmote",
    "workshop",
    "innspillsmote",
    "komitehoring",
    "radsmote",
];

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    Planned,
    Held,
}

extra_table! {
    pub struct EventExtra {
        pub kind: String,
        #[serde(default)]
        pub own: bool,
        pub status: EventStatus,
        pub date_as_written: Option<String>,
        #[serde(default)]
        pub date_precision: DatePrecision,
        pub time_start: Option<String>,
        pub time_end: Option<String>,
        pub venue: Option<String>,
        pub address: Option<String>,
        pub city: Option<String>,
        #[serde(default)]
        pub organisers: Vec<String>,
        pub registered: Option<u32>,
        pub attended_physical: Option<u32>,
        pub attended_digital: Option<u32>,
        pub attendance_notes: Option<String>,
        #[serde(default)]
        pub related_cases: Vec<String>,
        #[serde(default)]
        pub related_outputs: Vec<String>,
        #[serde(default)]
        pub urls: Vec<String>,
        #[serde(default)]
        pub programme: Vec<ProgrammeItem>,
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeItem {
    pub time: Option<String>,
    pub title: String,
    #[serde(default)]
    pub speakers: Vec<String>,
}

extra_table! {
    pub struct ReportExtra {
        pub year: i32,
        #[serde(default)]
        pub presented_in: Vec<String>,
        #[serde(default)]
        pub approved_in: Vec<String>,
    }
}

extra_table! {
    #[derive(Default)]
    pub struct PageExtra {}
}

/// `data/personer.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct People {
    #[serde(default)]
    pub person: Vec<Person>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    pub name: String,
    /// As in the latest minutes; copied into new minutes' attendance.
    pub org: Option<String>,
    pub role: Option<Role>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_output_kind_is_in_exactly_one_family() {
        for kind in super::OUTPUT_KINDS {
            let families = super::OUTPUT_FAMILIES
                .iter()
                .filter(|(_, _, kinds)| kinds.contains(kind))
                .count();
            assert_eq!(families, 1, "{kind} is in {families} families");
        }
        let listed: usize = super::OUTPUT_FAMILIES.iter().map(|(_, _, k)| k.len()).sum();
        assert_eq!(
            listed,
            super::OUTPUT_KINDS.len(),
            "a family lists an unknown kind"
        );
    }
}
