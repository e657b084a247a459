//! The secretariat's workflow end to end, in a copy of the real site: scaffold the next meeting,
//! add a case, draft minutes, an output and an event; the check passes at once and the build
//! shows the new meeting.

mod common;

use common::{stderr, stdout, TempSite};

#[test]
fn scaffold_meeting_2_2026_and_build_it() {
    let site = TempSite::real();
    let out = site.ho21(&[
        "new",
        "meeting",
        "--date",
        "2026-03-11",
        "--time",
        "10:00-15:00",
        "--place",
        "Forskningsrådets lokaler",
    ]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("laget content/moter/2026-2.md"));

    // Case numbers continue the year: meeting 1/2026 ended with case 12.
    let first = site.read("content/saker/13-2-2026.md");
    assert!(
        first.contains("title = \"Godkjenning av innkalling og saksliste\""),
        "{first}"
    );
    let approval = site.read("content/saker/15-2-2026.md");
    assert!(
        approval.contains("approves_minutes_of = [\"2026-1\"]"),
        "{approval}"
    );
    let meeting = site.read("content/moter/2026-2.md");
    assert!(meeting.contains("status = \"planned\""));
    assert!(meeting.contains("\"19-2-2026\"]"), "{meeting}");

    // A new case goes before "Eventuelt", which moves up.
    let out = site.ho21(&[
        "new",
        "case",
        "--meeting",
        "2026-2",
        "--title",
        "Tilgang til helsedata",
    ]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(site
        .read("content/saker/18-2-2026.md")
        .contains("Tilgang til helsedata"));
    assert!(site
        .read("content/saker/19-2-2026.md")
        .contains("Eventuelt"));
    assert!(site
        .read("content/saker/20-2-2026.md")
        .contains("Evaluering av møtet"));

    for args in [
        vec!["new", "minutes", "--meeting", "2026-1"],
        vec![
            "new",
            "output",
            "--date",
            "2026-02-15",
            "--kind",
            "høringssvar",
            "--title",
            "Høringssvar om alternativkostnaden",
            "--decided-by",
            "5-1-2026",
        ],
        vec![
            "new",
            "event",
            "--date",
            "2026-03-04",
            "--kind",
            "seminar",
            "--title",
            "KI i helsetjenestene",
        ],
    ] {
        let out = site.ho21(&args);
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            stdout(&out),
            stderr(&out)
        );
    }
    // No placeholder text that could be published by mistake.
    for file in [
        "content/saker/13-2-2026.md",
        "content/saker/18-2-2026.md",
        "content/moter/2026-2.md",
    ] {
        let text = site.read(file);
        for placeholder in ["TODO", "NN", "xx", "[]", "FYLL"] {
            assert!(!text.contains(placeholder), "{file} contains {placeholder}");
        }
    }

    let out = site.ho21(&["build"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let page = site.read("public/moter/2026-2/index.html");
    assert!(
        page.contains("Møte 2/2026") && page.contains("Sak 13/2/2026"),
        "{page}"
    );
    let case = site.read("public/saker/15-2-2026/index.html");
    assert!(
        case.contains("/moter/2026-1/>"),
        "approval case does not link meeting 1/2026: {case}"
    );
    // Draft minutes are not published.
    assert!(!site.path().join("public/referater/2026-1").exists());
}

#[test]
fn refuses_a_meeting_number_that_exists() {
    let site = TempSite::real();
    let out = site.ho21(&["new", "meeting", "--date", "2026-01-14", "--number", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("finnes allerede"));
}

#[test]
fn fix_rewrites_number_formats_and_then_the_check_passes() {
    let site = TempSite::base();
    let case = site.read("content/saker/40-6-2022.md").replace(
        "tidligere_behandlet = [\"38-5-2022\"]",
        "tidligere_behandlet = [\"Sak 38/5/22\"]",
    );
    site.write("content/saker/40-6-2022.md", &case);
    assert_eq!(site.ho21(&["check"]).status.code(), Some(1));
    let out = site.ho21(&["check", "--fix"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(stderr(&out).contains("rettet 1 saksnumre i 1 filer"));
    assert!(site
        .read("content/saker/40-6-2022.md")
        .contains("tidligere_behandlet = [\"38-5-2022\"]"));
}
