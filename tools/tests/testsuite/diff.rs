//! `ho21 diff` on two real builds: the archive against itself (nothing), and the archive against
//! the archive plus a meeting scaffolded with `ho21 new meeting` (the new pages, the feeds, the
//! calendar and the open data).

use std::path::Path;

use crate::common::{stderr, stdout, TempSite};

fn build(site: &TempSite, out: &Path) {
    let run = site.ho21(&["build", "--output", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}{}", stdout(&run), stderr(&run));
}

fn diff(site: &TempSite, old: &Path, new: &Path) -> String {
    let run = site.ho21(&[
        "diff",
        "--old",
        old.to_str().unwrap(),
        "--new",
        new.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}{}", stdout(&run), stderr(&run));
    stdout(&run)
}

#[test]
fn identical_builds_give_nothing_and_a_new_meeting_is_reported() {
    let site = TempSite::real();
    let outputs = tempfile::tempdir().unwrap();
    let (first, second, with_meeting) = (
        outputs.path().join("a"),
        outputs.path().join("b"),
        outputs.path().join("c"),
    );
    build(&site, &first);
    build(&site, &second);
    assert_eq!(
        diff(&site, &first, &second),
        "",
        "two builds of the same content"
    );

    // A meeting far ahead, so that it is the next one whatever the archive holds by then.
    let out = site.ho21(&["new", "meeting", "--date", "2099-03-11"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    build(&site, &with_meeting);
    let report = diff(&site, &first, &with_meeting);
    assert!(
        report.starts_with("## Endringer på nettstedet\n"),
        "{report}"
    );
    let new_pages = report
        .split("### ")
        .find(|s| s.starts_with("Nye sider"))
        .unwrap_or_else(|| panic!("no new pages: {report}"));
    assert!(new_pages.contains("`/moter/2099-1/`"), "{new_pages}");
    assert!(new_pages.contains("`/saker/1-1-2099/`"), "{new_pages}");
    assert!(!report.contains("### Fjernede sider"), "{report}");
    let data = report
        .split("### ")
        .find(|s| s.starts_with("Feeder, kalender og åpne data"))
        .unwrap_or_else(|| panic!("no data section: {report}"));
    for file in [
        "kalender.ics",
        "apne-data/saker.json",
        "apne-data/saker.csv",
    ] {
        assert!(
            data.contains(&format!("`{file}`")),
            "{file} missing: {data}"
        );
    }
    // Pages that list meetings changed, with the new meeting in their text.
    assert!(report.contains("### Endrede sider"), "{report}");
    assert!(!report.contains('<'), "no markup in the report: {report}");
}

#[test]
fn a_missing_folder_is_a_usage_error() {
    let site = TempSite::base();
    let run = site.ho21(&["diff", "--old", "finnes-ikke", "--new", "heller-ikke"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(stderr(&run).contains("finnes-ikke"), "{}", stderr(&run));
}

#[test]
fn a_failure_is_printed_once_with_its_cause_under_it() {
    let site = TempSite::base();
    let folder = site.path().to_str().unwrap().to_owned();
    let run = site.ho21(&[
        "diff",
        "--old",
        &folder,
        "--new",
        &folder,
        "--pages",
        "mappe-som-ikke-finnes/sider.txt",
    ]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    let lines: Vec<String> = stderr(&run).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(
        lines[0],
        "ho21: kan ikke skrive mappe-som-ikke-finnes/sider.txt"
    );
    assert!(lines[1].starts_with("  årsak: "), "{lines:?}");
}
