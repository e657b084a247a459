//! The case index as open data (`apne-data/saker.json` and `saker.csv`): one record per case,
//! derived from the content and sorted, so two builds write the same bytes.

use serde::Serialize;

use crate::dates::Date;
use crate::ids::{find_mentions, CaseId, Target};
use crate::site::Site;
use crate::urls;

pub(crate) const OPEN_DATA_DIR: &str = "apne-data";
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
                    url: format!("{base}{}", urls::url(urls::CASES, id)),
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let rows = crate::finish::files::parse_csv(&csv).expect("valid CSV");
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
