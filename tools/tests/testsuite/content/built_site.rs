//! The real site built: chains and backlinks, feeds, calendar and open data read back by
//! independent parsers (Python's json, csv, xml and a line-level iCalendar reader) and compared
//! with the content. Reads the site at `HO21_CONTENT_ROOT` when set (see `living.rs`).

use std::process::Command;

use crate::common::{stderr, stdout, TempSite};

fn built_real_site() -> TempSite {
    let site = TempSite::real();
    let out = site.ho21(&["build"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    site
}

#[test]
fn the_real_site_builds_with_meeting_6_2022() {
    let site = built_real_site();

    for page in [
        "public/index.html",
        "public/moter/2022-6/index.html",
        "public/referater/2022-6/index.html",
        "public/saker/47-6-2022/index.html",
        "public/saker/57-6-2022/index.html",
    ] {
        assert!(site.path().join(page).is_file(), "{page} missing");
    }
    let meeting = site.read("public/moter/2022-6/index.html");
    assert!(meeting.contains("Sak 52/6/2022"), "agenda missing");
    let case = site.read("public/saker/48-6-2022/index.html");
    assert!(case.contains("Sak 48/6/21"), "correction note missing");
}

#[test]
fn chains_and_backlinks_in_the_real_content() {
    let site = built_real_site();
    let later = site.read("public/saker/8-1-2026/index.html");
    let history = &later[later
        .find("id=saksgang")
        .expect("8/1/2026 has a case history")..];
    assert!(
        history.contains("/saker/37-3-2025/"),
        "8/1/2026 does not link 37/3/2025 in its history"
    );
    let earlier = site.read("public/saker/37-3-2025/index.html");
    let mentioned = &earlier[earlier
        .find("id=omtalt-i")
        .expect("37/3/2025 has backlinks")..];
    assert!(
        mentioned.contains("/saker/8-1-2026/"),
        "37/3/2025 does not list 8/1/2026 under Omtalt i"
    );
    // Access to health data across three meetings.
    let health = site.read("public/saker/38-3-2025/index.html");
    assert!(
        health.contains("/saker/8-1-2025/") && health.contains("/saker/7-1-2026/"),
        "health-data chain incomplete"
    );
    // Mentions in text are links; short case URLs lead to the case.
    let text = site.read("public/saker/6-1-2023/index.html");
    assert!(
        text.contains("<a href=/saker/29-3-2022/>sak 29/3/22</a>"),
        "mention not linked"
    );
    assert!(site
        .read("public/sak/48-6-2022/index.html")
        .contains("url=https://www.helseomsorg21.no/saker/48-6-2022/"));
    assert!(
        site.path()
            .join("public/sak/29-3-2022/index.html")
            .is_file(),
        "stub without a short URL"
    );
}

const PY_CHECK: &str = r#"
import csv, io, json, sys, xml.etree.ElementTree as ET, pathlib
root = pathlib.Path(sys.argv[1])
data = json.loads((root / "apne-data/saker.json").read_text("utf-8"))
assert data["format"] == "ho21-saker" and data["version"] == 1
cases = {c["id"]: c for c in data["cases"]}
rows = list(csv.DictReader(io.StringIO((root / "apne-data/saker.csv").read_text("utf-8"), newline="")))
assert [r["id"] for r in rows] == [c["id"] for c in data["cases"]], "csv and json disagree"
for r in rows:
    assert r["decision"] == (cases[r["id"]]["decision"] or ""), r["id"]
for feed in ["atom.xml", "moter/atom.xml", "saker/atom.xml", "referater/atom.xml", "mener/atom.xml", "arrangementer/atom.xml", "sitemap.xml"]:
    ET.parse(root / feed)
raw = (root / "kalender.ics").read_bytes()
assert b"\n" not in raw.replace(b"\r\n", b""), "bare LF"
lines = []
for line in raw.decode("utf-8").split("\r\n"):
    if line.startswith(" "):
        lines[-1] += line[1:]
    elif line:
        lines.append(line)
events, current = [], None
for line in lines:
    name, _, value = line.partition(":")
    if line == "BEGIN:VEVENT":
        current = {}
    elif line == "END:VEVENT":
        events.append(current); current = None
    elif current is not None:
        current[name.split(";")[0]] = (name, value)
uids = [e["UID"][1] for e in events]
assert len(uids) == len(set(uids)), "duplicate UID"
print(json.dumps({"cases": len(cases), "events": len(events), "uids": sorted(uids),
                  "m20226": events[[e["UID"][1] for e in events].index("mote-2022-6@helseomsorg21.no")]["DTSTART"],
                  "d516": cases["51-6-2022"]["decision"]}))
"#;

#[test]
fn feeds_calendar_and_open_data_parse_and_agree_with_the_content() {
    let site = built_real_site();
    let out = Command::new("python3")
        .arg("-c")
        .arg(PY_CHECK)
        .arg(site.path().join("public"))
        .output()
        .expect("python3");
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let facts: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json from python");
    let case_files = std::fs::read_dir(site.path().join("content/saker"))
        .expect("saker")
        .filter(|e| e.as_ref().is_ok_and(|e| e.file_name() != "_index.md"))
        .count();
    assert_eq!(facts["cases"], case_files, "every case is in the open data");
    assert_eq!(facts["m20226"][0], "DTSTART;TZID=Europe/Oslo");
    assert_eq!(facts["m20226"][1], "20221128T100000");
    assert!(
        facts["d516"]
            .as_str()
            .unwrap_or("")
            .starts_with("Rådet stiller seg bak innspillet til Nasjonalt Eksportråd"),
        "{}",
        facts["d516"]
    );

    // UIDs are stable across builds.
    let again = Command::new("python3")
        .arg("-c")
        .arg(PY_CHECK)
        .arg(built_real_site().path().join("public"))
        .output()
        .expect("python3");
    let facts_again: serde_json::Value = serde_json::from_slice(&again.stdout).expect("json");
    assert_eq!(facts["uids"], facts_again["uids"]);
}

#[test]
fn mener_groups_kinds_into_families_with_the_kind_as_a_tag() {
    let site = built_real_site();
    let page = site.read("public/mener/index.html");
    let nav_end = page.find("id=etter-ar-nav").expect("year navigation");
    let nav = &page[..nav_end];
    for family in ["Høringssvar og innspill", "Kronikker og innlegg"] {
        assert!(nav.contains(family), "{family} missing from the navigation");
    }
    // The finer kinds are tags, not navigation entries of their own.
    for kind in ["Høringsinnspill", "Uttalelse", "Fellesinnspill"] {
        assert!(
            !nav.contains(kind),
            "{kind} is still its own navigation entry"
        );
    }
    // An archived hearing response sits under its family, tagged with its kind.
    let family = &page[page
        .find("id=type-horingssvar-og-innspill")
        .expect("family section")..];
    let item = &family[family
        .find("/mener/horingssvar-forskrift-helsedata/")
        .expect("archived hearing response under its family")..];
    assert!(
        item[..400].contains("høringssvar</span>"),
        "{}",
        &item[..400]
    );
    // Year navigation down to the first archived year.
    assert!(page.contains("href=#ar-2016"), "year 2016 missing");
}

#[test]
fn long_documents_have_contents_and_the_agenda_leads_into_the_minutes() {
    let site = built_real_site();
    // The 6/2022 minutes: a contents list with the attendance and every case, 47 to 57.
    let minutes = site.read("public/referater/2022-6/index.html");
    let toc = &minutes[minutes.find("class=toc").expect("contents of the minutes")..];
    let toc = &toc[..toc.find("</nav>").expect("end of contents")];
    assert!(toc.contains("href=#oppmote"), "{toc}");
    for n in 47..=57 {
        let anchor = format!("href=#sak-{n}-6-2022");
        assert!(toc.contains(&anchor), "{anchor} missing: {toc}");
        assert!(
            minutes.contains(&format!("id=sak-{n}-6-2022")),
            "case {n} has no anchor"
        );
    }
    // Attendance summarised, names one click away.
    let meeting = site.read("public/moter/2022-6/index.html");
    assert!(
        meeting.contains("til stede, 5 med forfall"),
        "attendance summary missing"
    );
    assert!(
        meeting.contains("class=attendance__details"),
        "names not foldable"
    );
    // Each agenda item of a meeting with minutes leads to its place in the minutes.
    assert!(
        meeting.contains("/referater/2022-6/#sak-52-6-2022"),
        "agenda does not link into the minutes"
    );
    // The annual report: contents from its own headings.
    let report = site.read("public/arsrapporter/2022/index.html");
    assert!(
        report.contains("class=toc"),
        "annual report without contents"
    );
}

#[test]
fn section_pages_offer_their_own_feed_and_the_calendar() {
    let site = built_real_site();
    for (section, calendar) in [
        ("moter", true),
        ("arrangementer", true),
        ("saker", false),
        ("referater", false),
        ("mener", false),
    ] {
        let page = site.read(&format!("public/{section}/index.html"));
        let feed = format!("/{section}/atom.xml");
        let head = &page[..page.find("</head>").expect("head")];
        assert!(
            head.contains(&feed) && head.contains("rel=alternate"),
            "{section}: <link rel=alternate> is not the section's own feed"
        );
        let follow = &page[page.find("id=folg-med").expect("Følg med block")..];
        assert!(follow.contains(&feed), "{section}: no feed in «Følg med»");
        assert_eq!(
            follow.contains("webcal://") && follow.contains("/kalender.ics"),
            calendar,
            "{section}: calendar links"
        );
        assert!(
            site.path()
                .join(format!("public/{section}/atom.xml"))
                .is_file(),
            "{section}: the feed it links to is missing"
        );
    }
}

#[test]
fn the_menu_marks_where_the_reader_is() {
    let site = built_real_site();
    let nav = |page: &str| {
        let html = site.read(page);
        let start = html.find("class=site-nav").expect("main menu");
        let end = start + html[start..].find("</nav>").expect("end of menu");
        html[start..end].to_owned()
    };
    assert!(nav("public/moter/index.html")
        .contains("aria-current=page href=https://www.helseomsorg21.no/moter/>"));
    // A meeting and its minutes are in «Rådsmøter»; a case in «Saksoversikt».
    assert!(nav("public/moter/2022-6/index.html")
        .contains("aria-current=true href=https://www.helseomsorg21.no/moter/>"));
    assert!(nav("public/referater/2022-6/index.html")
        .contains("aria-current=true href=https://www.helseomsorg21.no/moter/>"));
    assert!(nav("public/saker/52-6-2022/index.html")
        .contains("aria-current=true href=https://www.helseomsorg21.no/saker/>"));
    // One section at a time; none on the front page.
    assert_eq!(
        nav("public/saker/52-6-2022/index.html")
            .matches("aria-current")
            .count(),
        1
    );
    assert!(!nav("public/index.html").contains("aria-current"));
}

#[test]
fn each_meeting_and_event_has_its_own_calendar_file() {
    let site = built_real_site();
    // The file the page links to, from the link on the built page.
    let linked = |page: &str| -> Option<String> {
        let html = site.read(page);
        let end = html.find(">Legg i kalenderen</a>")?;
        let start = html[..end].rfind("href=").expect("href") + "href=".len();
        let href = html[start..end].trim_matches('"');
        let path = href
            .strip_prefix("https://www.helseomsorg21.no/")
            .unwrap_or_else(|| panic!("{page}: «{href}» is not on the site"));
        assert!(path.ends_with(".ics"), "{page}: {href}");
        Some(format!("public/{path}"))
    };
    let file = linked("public/moter/2022-6/index.html").expect("6/2022 links its calendar file");
    assert!(site.path().join(&file).is_file(), "{file} is missing");
    let ics = site.read(&file);
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1, "{ics}");
    // Monday 28 November 2022, 10:00-15:00 (the minutes of 6/2022).
    assert!(
        ics.contains("\r\nDTSTART;TZID=Europe/Oslo:20221128T100000\r\n"),
        "{ics}"
    );
    assert!(ics.contains("\r\nUID:mote-2022-6@helseomsorg21.no\r\n"));
    assert!(ics.contains("\r\nURL:https://www.helseomsorg21.no/moter/2022-6/\r\n"));
    // The same event as in the calendar to subscribe to (same UID, so calendars keep one).
    assert!(site
        .read("public/kalender.ics")
        .contains("\r\nUID:mote-2022-6@helseomsorg21.no\r\n"));
    // An event with a known day has one too; a meeting only mentioned elsewhere (2/2025, no
    // date) has neither link nor file.
    let event = linked("public/arrangementer/helseomsorg21-konferansen-2022/index.html")
        .expect("the 2022 conference links its calendar file");
    let event = site.read(&event);
    assert_eq!(event.matches("BEGIN:VEVENT").count(), 1);
    assert!(event.contains("20221031"), "31 October 2022: {event}");
    assert_eq!(linked("public/moter/2025-2/index.html"), None);
    assert!(!site
        .path()
        .join("public/moter/2025-2/kalender.ics")
        .exists());
}
