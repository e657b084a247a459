//! A living archive: in a copy of the site kept in git, the next two meetings are added with the
//! tools as the secretariat does it every month (meeting, cases, minutes, approval of the previous
//! minutes), each step committed;
//! then every other test of this binary (the facts about the archive and the built site) runs
//! again against that copy and must pass. A test that pins a growing total fails here.

use std::path::Path;
use std::process::{Command, Output};

use ho21_tools::dates::{days_in_month, Date};
use ho21_tools::diagnostics::Report;
use ho21_tools::ids::MeetingId;
use ho21_tools::site::Site;

use crate::common::{stderr, stdout, TempSite, CONTENT_ROOT};

fn ok(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "{what}:\n{}{}",
        stdout(out),
        stderr(out)
    );
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Sekretariatet",
            "-c",
            "user.email=post@example.no",
        ])
        .args(args)
        .output()
        .expect("git");
    ok(&out, &format!("git {args:?}"));
}

fn add_days(mut d: Date, days: u32) -> Date {
    for _ in 0..days {
        d.day += 1;
        if d.day > days_in_month(d.year, d.month) {
            d.day = 1;
            d.month += 1;
            if d.month > 12 {
                d.month = 1;
                d.year += 1;
            }
        }
    }
    d
}

/// Four weeks after the latest numbered meeting of the site.
fn next_meeting_date(root: &Path) -> Date {
    let mut report = Report::default();
    let site = Site::load(root, &mut report).expect("site");
    let latest = site
        .meetings
        .iter()
        .filter(|(id, _)| matches!(MeetingId::from_slug(id), Some(MeetingId::Numbered { .. })))
        .filter_map(|(_, doc)| doc.date())
        .max()
        .expect("a dated meeting");
    add_days(latest, 28)
}

/// The meeting id from `laget content/moter/<id>.md`.
fn created_meeting(out: &Output) -> String {
    stdout(out)
        .lines()
        .find_map(|l| l.strip_prefix("laget content/moter/")?.strip_suffix(".md"))
        .unwrap_or_else(|| panic!("no meeting created: {}", stdout(out)))
        .to_owned()
}

#[test]
fn the_next_two_meetings_keep_every_content_test_green() {
    let site = TempSite::real();
    let root = site.path();
    git(root, &["init", "--quiet"]);
    git(root, &["add", "--all"]);
    git(root, &["commit", "--quiet", "-m", "Arkivet"]);

    let mut added: Vec<String> = Vec::new();
    for _ in 0..2 {
        let date = next_meeting_date(root).iso();
        let out = site.ho21(&[
            "new",
            "meeting",
            "--date",
            &date,
            "--time",
            "10:00-15:00",
            "--place",
            "Forskningsrådet, Lysaker",
        ]);
        ok(&out, "new meeting");
        let meeting = created_meeting(&out);
        for title in ["Første nye sak", "Andre nye sak"] {
            let out = site.ho21(&["new", "case", "--meeting", &meeting, "--title", title]);
            ok(&out, "new case");
            // The person writes the paper: has_paper and the proposed decision.
            let file = stdout(&out)
                .lines()
                .find_map(|l| l.strip_prefix("laget ").map(str::to_owned))
                .expect("new case file");
            let text = site.read(&file).replacen(
                "[extra]\n",
                "[extra]\nhas_paper = true\nforslag_til_vedtak = \"Forslag skrevet i testen.\"\n",
                1,
            );
            site.write(&file, &text);
        }
        ok(&site.ho21(&["check"]), "check of the agenda");
        git(root, &["add", "--all"]);
        git(
            root,
            &[
                "commit",
                "--quiet",
                "-m",
                &format!("Saksliste for møte {meeting}"),
            ],
        );
        // The meeting is held: minutes, then the approval of the previous meeting's minutes
        // when the copy has them (the first new meeting approves 1/2026, whose minutes are not
        // in the sources).
        let out = site.ho21(&["new", "minutes", "--meeting", &meeting]);
        assert!(
            stdout(&out).contains("laget content/referater/"),
            "{}{}",
            stdout(&out),
            stderr(&out)
        );
        if let Some(previous) = added.last() {
            ok(
                &site.ho21(&["approve", "--minutes", previous.as_str()]),
                "approve",
            );
        }
        ok(&site.ho21(&["check"]), "check");
        git(root, &["add", "--all"]);
        git(
            root,
            &["commit", "--quiet", "-m", &format!("Møte {meeting}")],
        );
        added.push(meeting);
    }
    assert_ne!(added[0], added[1]);

    // Every other content test, against the copy.
    let out = Command::new(std::env::current_exe().expect("test binary"))
        .env(CONTENT_ROOT, root)
        .args(["content::", "--skip", "content::living::", "--quiet"])
        .output()
        .expect("run the content tests");
    assert!(
        out.status.success(),
        "the content tests fail after adding meetings {added:?} as the secretariat does:\n{}{}",
        stdout(&out),
        stderr(&out)
    );
    // The child really ran the tests (not filtered away).
    assert!(stdout(&out).contains("test result: ok"), "{}", stdout(&out));
}
