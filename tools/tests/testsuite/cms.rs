//! The CMS configuration (`admin/config.yml`) against the check: every drop-down offers exactly
//! the values `ho21 check` accepts (the lists in `model.rs`, or every variant of the enum the
//! front matter is read into), relation pickers point at collections that exist, and every
//! content folder has a collection. A new variant in the model makes this test fail (the
//! `variants!` lists are exhaustive matches) until the form offers it too.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use crate::common::repo_root;
use ho21_tools::model::{
    CaseType, DatePrecision, EventStatus, MeetingStatus, MinutesStatus, Mode, OutputStatus,
    Presence, Role, SourcePart, ANOMALY_CODES, EVENT_KINDS, OUTPUT_KINDS, THEMES,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

fn config() -> Value {
    let text = fs::read_to_string(repo_root().join("admin/config.yml")).expect("admin/config.yml");
    crate::common::yaml("admin/config.yml", &text)
}

/// Every field as (collection, dotted path, field), depth first.
fn fields(config: &Value) -> Vec<(String, String, Value)> {
    fn walk(collection: &str, prefix: &str, list: &Value, out: &mut Vec<(String, String, Value)>) {
        for field in list.as_array().into_iter().flatten() {
            let name = field["name"].as_str().expect("every field has a name");
            let path = if prefix.is_empty() {
                name.to_owned()
            } else {
                format!("{prefix}.{name}")
            };
            out.push((collection.to_owned(), path.clone(), field.clone()));
            walk(collection, &path, &field["fields"], out);
        }
    }
    let mut out = Vec::new();
    for c in config["collections"].as_array().expect("collections") {
        let name = c["name"].as_str().expect("collection name");
        walk(name, "", &c["fields"], &mut out);
        for file in c["files"].as_array().into_iter().flatten() {
            walk(name, "", &file["fields"], &mut out);
        }
    }
    out
}

/// The values a select offers (plain strings or `{label, value}`).
fn options(field: &Value) -> Vec<String> {
    field["options"]
        .as_array()
        .expect("a select has options")
        .iter()
        .map(|o| {
            o.as_str()
                .or_else(|| o["value"].as_str())
                .expect("option value")
                .to_owned()
        })
        .collect()
}

/// Every variant of an enum, through an exhaustive match: adding a variant to the model fails
/// to compile here until it is listed.
macro_rules! variants {
    ($t:ident: $($v:ident),+ $(,)?) => {{
        #[allow(dead_code)]
        fn exhaustive(x: $t) {
            match x {
                $($t::$v => {}),+
            }
        }
        vec![$($t::$v),+]
    }};
}

/// The options must be exactly the serialized names of `all` (each read by serde as the check
/// reads the front matter).
fn same_as_enum<T: DeserializeOwned + PartialEq + std::fmt::Debug>(
    what: &str,
    offered: &[String],
    all: Vec<T>,
    problems: &mut Vec<String>,
) {
    let mut covered = Vec::new();
    for value in offered {
        match serde_json::from_value::<T>(serde_json::Value::String(value.clone())) {
            Ok(v) => covered.push(v),
            Err(_) => problems.push(format!("{what}: «{value}» is not accepted by the check")),
        }
    }
    for v in &all {
        if !covered.contains(v) {
            problems.push(format!("{what}: the form does not offer {v:?}"));
        }
    }
    if offered.len() != all.len() {
        problems.push(format!(
            "{what}: {} options for {} values",
            offered.len(),
            all.len()
        ));
    }
}

fn same_as_list(what: &str, offered: &[String], list: &[&str], problems: &mut Vec<String>) {
    if offered != list {
        problems.push(format!(
            "{what}: the form offers {offered:?}, the check accepts {list:?}"
        ));
    }
}

#[test]
fn every_drop_down_offers_exactly_what_the_check_accepts() {
    let config = config();
    let mut problems = Vec::new();
    let mut selects = 0;
    for (collection, path, field) in fields(&config) {
        if field["widget"].as_str() != Some("select") {
            continue;
        }
        selects += 1;
        let offered = options(&field);
        let what = format!("{collection} {path}");
        let p = &mut problems;
        match (collection.as_str(), path.as_str()) {
            (_, "taxonomies.temaer") => same_as_list(&what, &offered, THEMES, p),
            (_, "extra.anomalies.code") => same_as_list(&what, &offered, ANOMALY_CODES, p),
            (_, "extra.sources.part") => same_as_enum(
                &what,
                &offered,
                variants!(SourcePart: Papers, Minutes, Agenda, Slides, Report, Attachment),
                p,
            ),
            (_, "extra.date_precision") => same_as_enum(
                &what,
                &offered,
                variants!(DatePrecision: Day, Month, Year, Before, After),
                p,
            ),
            ("moter", "extra.status") => same_as_enum(
                &what,
                &offered,
                variants!(MeetingStatus: Planned, Held, Stub),
                p,
            ),
            ("moter", "extra.attendance.role") | ("personer", "person.role") => same_as_enum(
                &what,
                &offered,
                variants!(Role: Leader, Member, Substitute, Observer, Secretariat, Guest),
                p,
            ),
            ("moter", "extra.attendance.status") => {
                same_as_enum(&what, &offered, variants!(Presence: Present, Absent), p)
            }
            ("moter", "extra.attendance.mode") => {
                same_as_enum(&what, &offered, variants!(Mode: Physical, Digital), p)
            }
            ("saker", "extra.case_types") => same_as_enum(
                &what,
                &offered,
                variants!(CaseType: Vedtakssak, Orienteringssak, Diskusjonssak),
                p,
            ),
            ("referater", "extra.status") => same_as_enum(
                &what,
                &offered,
                variants!(MinutesStatus: Draft, Approved, Unknown),
                p,
            ),
            ("mener", "extra.status") => same_as_enum(
                &what,
                &offered,
                variants!(OutputStatus: Published, Planned, Ambiguous, Unknown),
                p,
            ),
            ("mener", "extra.kind") => same_as_list(&what, &offered, OUTPUT_KINDS, p),
            ("arrangementer", "extra.status") => {
                same_as_enum(&what, &offered, variants!(EventStatus: Planned, Held), p)
            }
            ("arrangementer", "extra.kind") => same_as_list(&what, &offered, EVENT_KINDS, p),
            _ => problems.push(format!(
                "{what}: a drop-down this test does not compare with the check; add it here"
            )),
        }
    }
    assert!(selects >= 20, "only {selects} drop-downs");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_content_folder_has_a_collection_and_every_relation_a_target() {
    let config = config();
    let collections: BTreeMap<String, Value> = config["collections"]
        .as_array()
        .expect("collections")
        .iter()
        .map(|c| (c["name"].as_str().expect("name").to_owned(), c.clone()))
        .collect();
    let folders: BTreeSet<String> = collections
        .values()
        .filter_map(|c| c["folder"].as_str().map(str::to_owned))
        .collect();
    let mut missing = Vec::new();
    for entry in fs::read_dir(repo_root().join("content")).expect("content") {
        let entry = entry.expect("entry");
        if entry.file_type().expect("type").is_dir() {
            let folder = format!("content/{}", entry.file_name().to_string_lossy());
            if !folders.contains(&folder) {
                missing.push(folder);
            }
        }
    }
    assert!(missing.is_empty(), "no collection for {missing:?}");

    for c in collections.values().filter(|c| c["folder"].is_string()) {
        assert_eq!(c["format"].as_str(), Some("toml-frontmatter"), "{c:?}");
        assert_eq!(c["extension"].as_str(), Some("md"), "{c:?}");
    }
    let mut relations = 0;
    for (collection, path, field) in fields(&config) {
        if field["widget"].as_str() != Some("relation") {
            continue;
        }
        relations += 1;
        let target = field["collection"].as_str().expect("relation collection");
        assert!(
            collections.contains_key(target),
            "{collection} {path}: no collection «{target}»"
        );
    }
    assert!(relations >= 15, "only {relations} relation pickers");
    // People are picked from data/personer.toml, the file the people check reads.
    let people = &collections["personer"]["files"][0];
    assert_eq!(people["file"].as_str(), Some("data/personer.toml"));
}

#[test]
fn dates_are_written_as_toml_dates() {
    // A datetime field with a `format` would be saved as a quoted string, which the check
    // rejects; without one the CMS writes a TOML date (`date = 2026-01-14`).
    let config = config();
    let mut dates = 0;
    for (collection, path, field) in fields(&config) {
        if field["widget"].as_str() == Some("datetime") {
            dates += 1;
            assert!(
                field["format"].is_null() && field["time_format"] == Value::Bool(false),
                "{collection} {path}: a date picker must have time_format: false and no format"
            );
        }
    }
    assert!(dates >= 8, "{dates}");
    assert_eq!(
        config["output"]["omit_empty_optional_fields"],
        Value::Bool(true),
        "empty optional fields would be written as empty strings"
    );
}

#[test]
fn an_uploaded_attachment_is_a_valid_link_once_the_file_is_there() {
    // The CMS uploads attachments to static/vedlegg/ and writes `link = "/vedlegg/name.pdf"`.
    let site = common::TempSite::base();
    let case = "content/saker/37-5-2022.md";
    let text = site.read(case).replacen("+++\n", "", 1);
    let text = text.replacen(
        "+++",
        "[[extra.vedlegg]]\nnr = 1\ntitle = \"Notat\"\nlink = \"/vedlegg/notat.pdf\"\n+++",
        1,
    );
    site.write(case, &format!("+++\n{text}"));
    let out = site.ho21(&["check"]);
    let report = common::stdout(&out);
    assert!(!out.status.success(), "{report}");
    assert!(
        report.contains("missing-target") && report.contains("static/vedlegg/notat.pdf"),
        "{report}"
    );
    site.write("static/vedlegg/notat.pdf", "%PDF-1.4\n");
    let out = site.ho21(&["check"]);
    assert!(out.status.success(), "{}", common::stdout(&out));
    // Nothing but a file name directly in the folder.
    let escaped = site
        .read(case)
        .replace("/vedlegg/notat.pdf", "/vedlegg/../config.toml");
    site.write(case, &escaped);
    assert!(!site.ho21(&["check"]).status.success());
}
