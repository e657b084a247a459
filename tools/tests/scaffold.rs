//! The secretariat's workflow end to end, in a copy of the real site: scaffold the next free meeting,
//! add a case, draft minutes, an output and an event; the check passes at once and the build
//! shows the new meeting.

mod common;

use common::{stderr, stdout, TempSite};
use ho21_tools::diagnostics::Report;
use ho21_tools::ids::{CaseId, MeetingId};
use ho21_tools::site::Site;

/// What the next meeting of the real site is, worked out independently of the tools: the next
/// number of the latest meeting's year, its first case after the year's last case, four weeks
/// after the latest meeting.
struct Next {
    date: String,
    id: String,
    label: String,
    previous: String,
    first_case: u32,
    year: i32,
}

fn next_meeting(root: &std::path::Path) -> Next {
    let mut report = Report::default();
    let site = Site::load(root, &mut report).expect("site");
    let (latest, previous) = site
        .meetings
        .iter()
        .filter_map(|(id, doc)| match MeetingId::from_slug(id)? {
            MeetingId::Numbered { year, number } => Some(((year, number), id.clone(), doc)),
            MeetingId::Dated { .. } => None,
        })
        .max_by_key(|(key, _, _)| *key)
        .map(|(key, id, _)| (key, id))
        .expect("a numbered meeting");
    let latest_date = site.meetings[&previous].date().expect("dated");
    // Mid-month four weeks later; the meeting day itself does not matter here.
    let (year, month) = if latest_date.month == 12 {
        (latest_date.year + 1, 1)
    } else {
        (latest_date.year, latest_date.month + 1)
    };
    let number = if year == latest.0 { latest.1 + 1 } else { 1 };
    let first_case = site
        .cases
        .keys()
        .filter_map(|k| CaseId::from_slug(k))
        .filter(|c| c.year == year)
        .map(|c| c.number)
        .max()
        .map_or(1, |n| n + 1);
    Next {
        date: format!("{year:04}-{month:02}-15"),
        id: format!("{year}-{number}"),
        label: format!("{number}/{year}"),
        previous,
        first_case: if number == 1 { 1 } else { first_case },
        year,
    }
}

#[test]
fn scaffold_the_next_meeting_and_build_it() {
    let site = TempSite::real();
    let next = next_meeting(site.path());
    let Next {
        date,
        id,
        label,
        previous,
        first_case: f,
        year,
    } = &next;
    let case = |offset: u32| {
        let n = f + offset;
        format!("{n}-{}-{year}", id.rsplit('-').next().expect("number"))
    };
    let out = site.ho21(&[
        "new",
        "meeting",
        "--date",
        date,
        "--time",
        "10:00-15:00",
        "--place",
        "Forskningsrådets lokaler",
    ]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains(&format!("laget content/moter/{id}.md")),
        "{}",
        stdout(&out)
    );

    // Case numbers continue the year.
    let first = site.read(&format!("content/saker/{}.md", case(0)));
    assert!(
        first.contains("title = \"Godkjenning av innkalling og saksliste\""),
        "{first}"
    );
    let approval = site.read(&format!("content/saker/{}.md", case(2)));
    assert!(
        approval.contains(&format!("approves_minutes_of = [\"{previous}\"]")),
        "{approval}"
    );
    let meeting = site.read(&format!("content/moter/{id}.md"));
    assert!(meeting.contains("status = \"planned\""));
    assert!(meeting.contains(&format!("\"{}\"]", case(6))), "{meeting}");

    // A new case goes before "Eventuelt", which moves up.
    let out = site.ho21(&[
        "new",
        "case",
        "--meeting",
        id,
        "--title",
        "Tilgang til helsedata",
    ]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(site
        .read(&format!("content/saker/{}.md", case(5)))
        .contains("Tilgang til helsedata"));
    assert!(site
        .read(&format!("content/saker/{}.md", case(6)))
        .contains("Eventuelt"));
    assert!(site
        .read(&format!("content/saker/{}.md", case(7)))
        .contains("Evaluering av møtet"));

    for args in [
        vec!["new", "minutes", "--meeting", id.as_str()],
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
        format!("content/saker/{}.md", case(0)),
        format!("content/saker/{}.md", case(5)),
        format!("content/moter/{id}.md"),
    ] {
        let text = site.read(&file);
        for placeholder in ["TODO", "NN", "xx", "[]", "FYLL"] {
            assert!(!text.contains(placeholder), "{file} contains {placeholder}");
        }
    }

    let out = site.ho21(&["build"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let page = site.read(&format!("public/moter/{id}/index.html"));
    let first_label = format!("Sak {}", case(0).replace('-', "/"));
    assert!(
        page.contains(&format!("Møte {label}")) && page.contains(&first_label),
        "{page}"
    );
    let approval = site.read(&format!("public/saker/{}/index.html", case(2)));
    assert!(
        approval.contains(&format!("/moter/{previous}/>")),
        "approval case does not link meeting {previous}: {approval}"
    );
    // Draft minutes are not published.
    assert!(!site.path().join(format!("public/referater/{id}")).exists());
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
