//! The check on fixture sites: the valid base passes; every invalid fixture (one per rule,
//! built from the real anomalies in the seed documents) fails with exactly the expected codes at
//! the expected file, line and column.

use crate::common;

use std::fs;

use crate::common::{fixtures, problems, stdout, TempSite};
use ho21_tools::codes::Code;

/// Fixtures whose code is a warning.
const WARNINGS: &[&str] = &["past-planned"];

/// The build date of every fixture run: 1 December 2025 (the fixture folders are not git
/// repositories, so without it the rules that compare with the build date would not run).
const BUILD_DATE_EPOCH: &str = "1764547200";

fn check_on_build_date(site: &TempSite, extra: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_ho21"))
        .arg("check")
        .args(extra)
        .arg("--root")
        .arg(site.path())
        .env("SOURCE_DATE_EPOCH", BUILD_DATE_EPOCH)
        .output()
        .expect("run ho21")
}

#[test]
fn valid_base_fixture_passes() {
    let site = TempSite::base();
    let out = site.ho21(&["check"]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).contains("ingen feil funnet"));
}

#[test]
fn every_invalid_fixture_reports_exactly_what_is_expected() {
    let mut failures = Vec::new();
    let mut count = 0;
    for entry in fs::read_dir(fixtures().join("invalid")).expect("invalid fixtures") {
        let dir = entry.expect("entry").path();
        let name = dir
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let expected: Vec<String> = {
            let mut lines: Vec<String> = fs::read_to_string(dir.join("expected"))
                .unwrap_or_else(|_| panic!("{name}: missing expected"))
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_owned)
                .collect();
            lines.sort();
            lines
        };
        assert!(!expected.is_empty(), "{name}: expected is empty");
        let site = TempSite::base();
        site.overlay(&dir);
        let out = check_on_build_date(&site, &[]);
        let report = stdout(&out);
        // Warnings do not fail the check: a fixture with only warnings passes with 0.
        let expected_exit = if WARNINGS.iter().any(|w| name == *w) {
            0
        } else {
            1
        };
        if out.status.code() != Some(expected_exit) {
            failures.push(format!(
                "{name}: exit code {:?}, expected {expected_exit}\n{report}",
                out.status.code()
            ));
        }
        let got = problems(&report);
        if got != expected {
            failures.push(format!(
                "{name}:\n  expected {expected:?}\n  got      {got:?}\n{report}"
            ));
        }
        count += 1;
    }
    assert!(count > 30, "only {count} fixtures");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every code the check can emit has a fixture named after it (codes of the built site are
/// covered by the build tests).
#[test]
fn every_content_code_has_a_fixture() {
    // Symlinks cannot be committed as fixtures: tests/inputs.rs makes them at run time.
    let build_level = [
        Code::BrokenLink,
        Code::UnsafeHtml,
        Code::BuildFailed,
        Code::Symlink,
    ];
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| !build_level.contains(c))
        .map(|c| c.as_str())
        .filter(|name| !fixtures().join("invalid").join(name).is_dir())
        .collect();
    assert!(missing.is_empty(), "no fixture for {missing:?}");
}

#[test]
fn report_shows_the_line_a_marker_and_a_hint() {
    let site = TempSite::base();
    site.overlay(&fixtures().join("invalid/weekday"));
    let report = stdout(&site.ho21(&["check"]));
    assert!(report.contains("content/moter/2022-6.md:7:20: error[weekday]: kilden sier «Onsdag 28. november 2022», men 2022-11-28 var en mandag"), "{report}");
    assert!(
        report.contains("7 | date_as_written = \"Onsdag 28. november 2022\""),
        "{report}"
    );
    assert!(report.contains("  |                    ^"), "{report}");
    assert!(
        report.contains("= hjelp: står det slik i kilden"),
        "{report}"
    );
    assert!(
        report.trim_end().ends_with("1 feil i 1 fil, 0 advarsler"),
        "{report}"
    );
}

#[test]
fn acknowledged_anomalies_pass() {
    let site = TempSite::base();
    site.overlay(&fixtures().join("invalid/weekday"));
    let meeting = site.read("content/moter/2022-6.md");
    let closing = meeting.rfind("+++\n").expect("closing +++");
    let meeting = format!(
        "{}[[extra.anomalies]]\ncode = \"weekday\"\ntext = \"Kilden skriver onsdag; 28.11.2022 var en mandag.\"\n{}",
        &meeting[..closing],
        &meeting[closing..]
    );
    site.write("content/moter/2022-6.md", &meeting);
    let out = site.ho21(&["check"]);
    assert!(out.status.success(), "{}", stdout(&out));
}

#[test]
fn usage_errors_exit_with_2() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ho21"))
        .arg("flyg")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ho21"))
        .args(["check", "--root", "/nonexistent/site"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_real_content_passes_the_check() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ho21"))
        .args(["check", "--root"])
        .arg(common::repo_root())
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", stdout(&out));
}

#[test]
fn a_past_meeting_still_planned_is_a_warning_only() {
    let site = TempSite::base();
    site.overlay(&fixtures().join("invalid/past-planned"));
    let out = check_on_build_date(&site, &[]);
    let report = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{report}");
    assert!(report.contains("content/moter/2022-6.md:6:11: warning[past-planned]: møte 2022-6 var 2022-11-28, men står fortsatt som planlagt (byggedato 2025-12-01)"), "{report}");
    assert!(report.contains("ingen feil, 1 advarsel"), "{report}");
    // The same meeting, judged on a build date before it, is fine: the date comes from
    // SOURCE_DATE_EPOCH, not the clock (2022-11-01).
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ho21"))
        .args(["check", "--root"])
        .arg(site.path())
        .env("SOURCE_DATE_EPOCH", "1667260800")
        .output()
        .expect("run ho21");
    assert!(
        stdout(&out).contains("ingen feil funnet"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn fix_repairs_curly_quotes_and_non_breaking_spaces() {
    let site = TempSite::base();
    site.overlay(&fixtures().join("invalid/typographic-char"));
    let rel = "content/arrangementer/2022-10-31-konferanse.md";
    let before = site.read(rel);
    let out = check_on_build_date(&site, &["--fix"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let after = site.read(rel);
    assert!(
        after.starts_with("+++\ntitle = \"HelseOmsorg21-konferansen 2022\"\n"),
        "{after}"
    );
    assert!(after.contains("\nkind = \"konferanse\"\n"), "{after}");
    let base = fs::read_to_string(fixtures().join("valid/base").join(rel)).expect("base");
    assert_eq!(after, base, "only the three characters change");
    assert_ne!(before, after);
}

#[test]
fn toml_mistakes_are_explained_where_they_are() {
    let site = TempSite::base();
    let rel = "content/moter/2022-6.md";
    let meeting = site.read(rel);
    site.write(
        rel,
        &meeting.replace("date = 2022-11-28", "date = 28.11.2022"),
    );
    let report = stdout(&check_on_build_date(&site, &[]));
    assert!(report.contains("content/moter/2022-6.md:3:8: error[bad-date]: datoen «28.11.2022» er skrevet på norsk måte"), "{report}");
    assert!(
        report.contains("= hjelp: skriv 2022-11-28 (uten anførselstegn)"),
        "{report}"
    );

    site.write(
        rel,
        &meeting.replace("date = 2022-11-28", "date = \"28.11.2022\""),
    );
    let report = stdout(&check_on_build_date(&site, &[]));
    assert!(
        report.contains("= hjelp: skriv 2022-11-28 (uten anførselstegn)"),
        "{report}"
    );

    // The parser stops at the end of the file; the report points at the opening quote.
    site.write(
        rel,
        &meeting.replace("title = \"Møte 6/2022\"", "title = \"Møte 6/2022"),
    );
    let report = stdout(&check_on_build_date(&site, &[]));
    assert!(report.contains("content/moter/2022-6.md:2:9: error[front-matter]: teksten som begynner her, mangler avsluttende anførselstegn"), "{report}");
}
