//! The real content against the seed documents: which meetings, cases, outputs and events exist,
//! the agendas, the attendance, the acknowledged anomalies, and a spot-check of decisions and
//! proposals against the exact wording of the sources. The expected strings are copied from the
//! seed documents (line breaks of the PDF text joined with single spaces); the test never reads
//! them, so it runs with the repository alone.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use ho21_tools::diagnostics::Report;
use ho21_tools::ids::CaseId;
use ho21_tools::model::{
    CaseExtra, EventStatus, MeetingStatus, MinutesStatus, OutputStatus, Presence, Role,
};
use ho21_tools::site::{Doc, Site};

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let mut report = Report::default();
        let site = Site::load(&common::repo_root(), &mut report).expect("content is readable");
        assert!(!report.has_errors(), "{}", report.render());
        site
    })
}

fn case(id: &str) -> &'static Doc<CaseExtra> {
    site()
        .cases
        .get(id)
        .unwrap_or_else(|| panic!("content/saker/{id}.md is missing"))
}

/// Whitespace-insensitive: the sources break lines anywhere, the content keeps paragraphs.
fn norm(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn ids(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn range(meeting: u32, year: i32, numbers: std::ops::RangeInclusive<u32>) -> Vec<String> {
    numbers.map(|n| format!("{n}-{meeting}-{year}")).collect()
}

#[test]
fn the_content_passes_the_check() {
    let mut report = Report::default();
    ho21_tools::check::check(site(), &mut report);
    assert!(!report.has_errors(), "{}", report.render());
}

#[test]
fn cases_per_year_match_the_seed_inventory() {
    // (real cases, stubs) per year: inventory §9.5.
    let mut counts: BTreeMap<i32, (usize, usize)> = BTreeMap::new();
    for (id, doc) in &site().cases {
        let year = CaseId::from_slug(id).expect("case id").year;
        let entry = counts.entry(year).or_default();
        if doc.front.extra.stub {
            entry.1 += 1;
        } else {
            entry.0 += 1;
        }
    }
    let expected: BTreeMap<i32, (usize, usize)> = [
        (2020, (0, 2)),
        (2021, (0, 2)),
        (2022, (21, 1)),
        (2023, (11, 0)),
        (2025, (27, 0)),
        (2026, (12, 0)),
    ]
    .into_iter()
    .collect();
    assert_eq!(counts, expected);
    let real: usize = counts.values().map(|c| c.0).sum();
    let stubs: usize = counts.values().map(|c| c.1).sum();
    assert_eq!((real, stubs), (71, 5));

    let stub_ids: BTreeSet<String> = site()
        .cases
        .iter()
        .filter(|(_, d)| d.front.extra.stub)
        .map(|(id, _)| id.clone())
        .collect();
    assert_eq!(
        stub_ids,
        ids(&[
            "31-2-2020",
            "53-5-2020",
            "22-3-2021",
            "43-5-2021",
            "29-3-2022"
        ])
    );
}

#[test]
fn meetings_full_and_stub() {
    let site = site();
    let with_status = |status: MeetingStatus| -> BTreeSet<String> {
        site.meetings
            .iter()
            .filter(|(_, d)| d.front.extra.status == status)
            .map(|(id, _)| id.clone())
            .collect()
    };
    assert_eq!(
        with_status(MeetingStatus::Held),
        ids(&["2020-02-03", "2022-5", "2022-6", "2025-1", "2025-3"])
    );
    // Only the case papers of these two are in the sources.
    assert_eq!(
        with_status(MeetingStatus::Planned),
        ids(&["2023-1", "2026-1"])
    );
    assert_eq!(
        with_status(MeetingStatus::Stub),
        ids(&["2020-2", "2020-5", "2021-3", "2021-5", "2022-3", "2022-4", "2024-4", "2025-2"])
    );
    assert_eq!(site.meetings.len(), 15);

    let minutes: BTreeSet<String> = site.minutes.keys().cloned().collect();
    assert_eq!(minutes, ids(&["2022-5", "2022-6", "2025-1", "2025-3"]));
    // Only 5/2022 is approved in the sources (sak 49/6/22); 6/2022 and 3/2025 are the drafts
    // attached to an approval proposal.
    let m = &site.minutes;
    assert_eq!(m["2022-5"].front.extra.status, MinutesStatus::Approved);
    assert_eq!(
        m["2022-5"].front.extra.approved_by.as_deref(),
        Some("49-6-2022")
    );
    assert_eq!(m["2022-6"].front.extra.status, MinutesStatus::Draft);
    assert_eq!(m["2025-3"].front.extra.status, MinutesStatus::Draft);

    for (id, date) in [
        ("2022-5", "2022-09-28"),
        ("2022-6", "2022-11-28"),
        ("2025-1", "2025-02-24"),
        ("2025-3", "2025-10-08"),
        ("2026-1", "2026-01-14"),
        ("2022-3", "2022-06-03"),
        ("2020-02-03", "2020-02-03"),
    ] {
        let doc = &site.meetings[id];
        assert_eq!(
            doc.front.date.as_ref().map(|d| d.to_string()).as_deref(),
            Some(date),
            "date of meeting {id}"
        );
    }
    assert!(site.meetings["2023-1"].front.date.is_none());
}

#[test]
fn every_agenda_item_has_its_case() {
    let site = site();
    let expected: [(&str, Vec<String>); 6] = [
        ("2022-5", range(5, 2022, 37..=46)),
        ("2022-6", range(6, 2022, 47..=57)),
        ("2023-1", range(1, 2023, 1..=11)),
        ("2025-1", range(1, 2025, 1..=15)),
        ("2025-3", range(3, 2025, 30..=41)),
        ("2026-1", range(1, 2026, 1..=12)),
    ];
    for (meeting, agenda) in &expected {
        let doc = &site.meetings[*meeting];
        assert_eq!(&doc.front.extra.agenda, agenda, "agenda of {meeting}");
        for id in agenda {
            let c = case(id);
            assert_eq!(c.front.extra.meeting, *meeting, "{id} belongs to {meeting}");
            assert!(!c.front.extra.stub, "{id} is an agenda item, not a stub");
        }
    }
    // Every real case is on the agenda of its meeting; stubs belong to stub meetings.
    for (id, doc) in &site.cases {
        let meeting = &site.meetings[&doc.front.extra.meeting];
        if doc.front.extra.stub {
            assert_eq!(meeting.front.extra.status, MeetingStatus::Stub, "{id}");
        } else {
            assert!(
                meeting.front.extra.agenda.contains(id),
                "{id} not on agenda"
            );
        }
    }
    // The stub meetings have no agenda.
    for (id, doc) in &site.meetings {
        if doc.front.extra.status == MeetingStatus::Stub {
            assert!(doc.front.extra.agenda.is_empty(), "{id}");
        }
    }
}

#[test]
fn papers_and_minutes_per_meeting() {
    let site = site();
    for (id, doc) in &site.cases {
        let e = &doc.front.extra;
        if e.stub {
            continue;
        }
        let (paper, minutes) = match e.meeting.as_str() {
            "2022-5" | "2025-1" | "2025-3" => (false, true),
            "2022-6" => (true, true),
            "2023-1" => (true, false),
            // 7/1/2026 is on the agenda but its paper is missing.
            "2026-1" => (id != "7-1-2026", false),
            other => panic!("{id}: unexpected meeting {other}"),
        };
        assert_eq!((e.has_paper, e.in_minutes), (paper, minutes), "{id}");
        let no_forslag = ["12-1-2026", "7-1-2026"];
        if paper && !no_forslag.contains(&id.as_str()) {
            assert!(e.forslag_til_vedtak.is_some(), "{id}: forslag til vedtak");
        }
        let no_vedtak = ["40-5-2022", "50-6-2022"];
        if minutes && !no_vedtak.contains(&id.as_str()) {
            assert!(e.vedtak.is_some(), "{id}: vedtak");
        }
        if !minutes {
            assert!(e.vedtak.is_none(), "{id}: no minutes, so no vedtak");
        }
    }
    for id in ["40-5-2022", "50-6-2022"] {
        assert!(case(id).front.extra.vedtak.is_none(), "{id}");
    }
    assert!(case("12-1-2026").front.extra.forslag_til_vedtak.is_none());
}

#[test]
fn attendance_as_in_the_minutes() {
    let site = site();
    // (members present incl. the leader, members absent, substitutes, observers, secretariat)
    let expected = [
        ("2022-5", (13, 3, 1, 2, 5)),
        ("2022-6", (10, 5, 1, 1, 5)),
        ("2025-1", (10, 6, 0, 4, 5)),
        ("2025-3", (9, 5, 0, 3, 4)),
    ];
    for (meeting, counts) in expected {
        let list = &site.meetings[meeting].front.extra.attendance;
        let member = |r: Role| matches!(r, Role::Member | Role::Leader);
        let got = (
            list.iter()
                .filter(|a| member(a.role) && a.status == Presence::Present)
                .count(),
            list.iter()
                .filter(|a| member(a.role) && a.status == Presence::Absent)
                .count(),
            list.iter().filter(|a| a.role == Role::Substitute).count(),
            list.iter().filter(|a| a.role == Role::Observer).count(),
            list.iter().filter(|a| a.role == Role::Secretariat).count(),
        );
        assert_eq!(got, counts, "attendance of {meeting}");
    }
    let find = |meeting: &str, name: &str| {
        site.meetings[meeting]
            .front
            .extra
            .attendance
            .iter()
            .find(|a| a.name == name)
            .unwrap_or_else(|| panic!("{name} missing in {meeting}"))
            .clone()
    };
    let pia = find("2025-1", "Pia Cecilie Bing-Jonsson");
    assert_eq!(pia.from_case.as_deref(), Some("7-1-2025"));
    let ross = find("2022-6", "Ingrid Stenstadvold Ross");
    assert_eq!(ross.to_case.as_deref(), Some("53-6-2022"));
    assert_eq!(ross.note.as_deref(), Some("digitalt t.o.m. sak 53.6.22"));
    let borge = find("2022-6", "Ole Johan Borge");
    assert_eq!(borge.from_case.as_deref(), Some("54-6-2022"));
    // The spelling of the source is kept.
    find("2025-3", "Leif Rune Skymoene");
    find("2022-6", "Hjørdis Møller Sandberg");
    find("2025-1", "Hjørdis Møller Sandborg");
    assert_eq!(
        find("2022-5", "Monica Fossnes Petersson").status,
        Presence::Absent
    );
}

#[test]
fn outputs_and_events() {
    let site = site();
    let count = |status: OutputStatus| {
        site.outputs
            .values()
            .filter(|d| d.front.extra.status == status)
            .count()
    };
    // Inventory §6: 31 attested (29 here + the annual reports 2022 and 2024), 4 ambiguous, 5
    // planned.
    assert_eq!(count(OutputStatus::Published), 29);
    assert_eq!(count(OutputStatus::Ambiguous), 4);
    assert_eq!(count(OutputStatus::Planned), 5);
    assert_eq!(site.outputs.len(), 38);
    let reports: BTreeSet<String> = site.reports.keys().cloned().collect();
    assert_eq!(reports, ids(&["2022", "2024"]));
    // The two undated outputs carry the latest date the sources allow, and say so.
    for id in [
        "2022-11-28-helseomsorg21-delrapport-om-naeringsutvikling",
        "2022-11-28-innspill-revidert-langtidsplan-for-forskning-og-hoyere-utdanning",
    ] {
        let doc = &site.outputs[id];
        assert!(
            doc.front
                .extra
                .anomalies
                .iter()
                .any(|a| a.code == "missing-date"),
            "{id}"
        );
    }
    let decided = |id: &str| site.outputs[id].front.extra.decided_by.clone();
    assert_eq!(
        decided("2025-12-18-horingssvar-nou-2025-8-folkehelse"),
        ["34-3-2025"]
    );
    assert_eq!(
        decided("2022-11-30-innspill-nasjonalt-eksportrad"),
        ["51-6-2022"]
    );
    assert_eq!(
        decided("2022-12-02-horingssvar-forskrift-helsedata"),
        ["52-6-2022"]
    );

    let events = |status: EventStatus| {
        site.events
            .values()
            .filter(|d| d.front.extra.status == status)
            .count()
    };
    assert_eq!(events(EventStatus::Held), 29);
    assert_eq!(events(EventStatus::Planned), 5);
    assert_eq!(site.events.len(), 34);
    assert_eq!(
        site.events.values().filter(|d| d.front.extra.own).count(),
        12
    );
    let ki = &site.events["2026-03-04-seminar-om-kunstig-intelligens-i-norsk-helsetjeneste"];
    assert_eq!(ki.front.extra.programme.len(), 6);
    let cancer = &site.events["2022-12-20-toppledermote-mission-cancer"];
    assert_eq!(cancer.front.extra.programme.len(), 9);
}

#[test]
fn decisions_and_proposals_as_in_the_seeds() {
    // (case, field, exact text of the source)
    let expected: &[(&str, &str, &str)] = &[
        // 000:196–197 and 003:526
        ("51-6-2022", "vedtak", "Rådet stiller seg bak innspillet til Nasjonalt Eksportråd om helseindustri som eksportsatsing."),
        ("51-6-2022", "forslag", "Rådet stiller seg bak innspillet til Nasjonal Eksportråd om helsenæring som eksportnæring."),
        // 002:389–397
        ("8-1-2025", "vedtak", "Rådet ber sekretariatet om å følge opp saken i tråd med diskusjonene i møtet. Esperanza Diaz, Bjørn Egil Vikse og en fra henholdsvis LMI og KS med spesialkompetanse på helsedata vil delta i arbeidsgruppen for dialog med FHI."),
        // 004:206–210
        ("34-3-2025", "vedtak", "Rådet slutter seg til sekretariatets forslag om å gi høringssvar til NOU 2025:8 Folkehelse – verdier, kunnskap og prioritering. Marte Kvittum Tangen, Esperanza Diaz og Lilly Ann Elvestad deltar i arbeidsgruppe for oppfølgingen. Rådet ber sekretariatet også forespørre relevante medlemmer som ikke var til stede på møtet om å delta i arbeidsgruppen. Rådet vil invitere leder av Helsereformutvalget til neste rådsmøte og vil da ta stilling til om hvem som bør inngå i en arbeidsgruppe for innspill til utvalgets arbeid. Meldinger der rådet ikke vil ha en oppfølging, fjernes fra listen."),
        // 000:66–67
        ("3-1-2023", "forslag", "Referatet for møte 6/2022 godkjennes."),
        // 004:240–242
        ("37-3-2025", "vedtak", "Tarje Bjørgum, Per Morten Sandset, Mari Trommald og Arild Kristensen deltar i en arbeidsgruppe som skal komme tilbake til rådet med forslag til konkrete handlingspunkter om hvordan saken tas videre. Rådet ber sekretariatet også forespørre relevante medlemmer som ikke var til stede på møtet om å delta i arbeidsgruppen."),
        // 004:252–254
        ("38-3-2025", "vedtak", "Informasjonen om arbeidsgruppens arbeid og sammensetning og om rundebordsmøtet tas til orientering. Rådet vil diskutere videre arbeid med å løse flaskehalsen for tilgang til helsedata når de har fått framlagt endelig rapport om intervjufunnene og blitt orientert om utfallet av rundebordsmøtet."),
        // 002:700–706
        ("13-1-2025", "vedtak", "Rådet ber sekretariatet følge opp saken i tråd med diskusjonen på møtet. Pia Cecilie Bing-Jonsson, Leif Rune Skymoen og Bjørn Egil Vikse deltar i planleggingsgruppen for arrangementet på Arendalsuka"),
        // 000:1704–1708 (placeholder kept)
        ("5-1-2023", "forslag", "Rådet ber sekretariatet ta med seg kommentarene som kommer på møtet i det videre arbeidet. NN, NN, NN deltar i arbeidsgruppen(e) for planlegging av arrangement våren 2023 og Arendalsuka."),
        // 000:1930–1931 (placeholder kept)
        ("8-1-2023", "forslag", "Rådet ber sekretariatet følge opp saken med de innspillene som kom fram i møtet. [Følgende medlemmer deltar i arbeidsgruppen for representantforslaget: ]"),
        // 004:504 (placeholder kept)
        ("6-1-2026", "forslag", "Det settes ned en arbeidsgruppe bestående av []. Arbeidsgruppen skal også utarbeide en tidsplan for arbeidet frem mot endelig innspill."),
        // 004:72
        ("2-1-2026", "forslag", "Utformes på møtet."),
        // 003:621 and 000:212
        ("52-6-2022", "forslag", "Rådet slutter seg til innspillet med de kommentarer som kommer frem på møtet."),
        ("52-6-2022", "vedtak", "Rådet slutter seg til innspillet med de kommentarer som kom på møtet."),
        // 003:1083 and 000:267
        ("54-6-2022", "forslag", "Rådet tar informasjonen med seg i det videre arbeidet med området."),
        ("54-6-2022", "vedtak", "Rådet tar informasjonen og innspillene med seg i det videre arbeidet med området."),
        // 000:281 (the headerless paper 55/6/2022)
        ("55-6-2022", "vedtak", "Rådet slutter seg til innspillet med de kommentarer som kom på møtet."),
        ("55-6-2022", "forslag", "Rådet slutter seg til innspillet med de kommentarer som kommer på møtet."),
        // 003:69 and 000:145
        ("49-6-2022", "forslag", "Referatet for møte 5/2022 godkjennes."),
        ("49-6-2022", "vedtak", "Referatet godkjennes."),
        // 003:351 (printed "Sak 41/5/22 Eventuelt")
        ("45-5-2022", "vedtak", "Rådet ber sekretariatet om å følge opp punktene og ta kontakt med rådet der det er behov."),
        // 003:136
        ("37-5-2022", "vedtak", "Innkallingen og sakslisten godkjennes med de innmeldte sakene til eventuelt."),
        // 002:441
        ("9-1-2025", "vedtak", "Rådet sluttet seg til revisjonen av HO21-strategiens utfordringsbilde og rådets handlingsplan."),
        // 002:210
        ("5-1-2025", "vedtak", "Årsrapporten godkjennes"),
        // 004:840 (printed "Sak 10/1/2025")
        ("10-1-2026", "forslag", "Rådet ber sekretariatet om å følge opp saken i tråd med diskusjonene på møtet."),
        // 004:560
        ("8-1-2026", "forslag", "Rådet ber arbeidsgruppen og sekretariatet om å følge opp de konkrete tiltakspunktene i tråd med diskusjonene på møtet."),
        // 004:270
        ("39-3-2025", "vedtak", "Rådet ber sekretariatet planlegge seminaret i tråd med innspillene fra rådet."),
        // 000:306 and 003:1873
        ("57-6-2022", "vedtak", "Intet."),
        ("57-6-2022", "forslag", "Intet"),
    ];
    assert!(expected.len() >= 10);
    for (id, field, text) in expected {
        let e = &case(id).front.extra;
        let got = match *field {
            "vedtak" => e.vedtak.as_deref(),
            "forslag" => e.forslag_til_vedtak.as_deref(),
            other => panic!("unknown field {other}"),
        };
        assert_eq!(
            got.map(norm).as_deref(),
            Some(norm(text).as_str()),
            "{field} of {id}"
        );
    }
}

#[test]
fn numbers_as_printed_and_their_anomalies() {
    let has = |id: &str, code: &str| {
        case(id)
            .front
            .extra
            .anomalies
            .iter()
            .any(|a| a.code == code)
    };
    let written = |id: &str| case(id).front.extra.number_as_written.clone();
    assert!(written("48-6-2022").contains(&"Sak 48/6/21".to_string()));
    assert!(has("48-6-2022", "wrong-year"));
    assert!(written("38-5-2022").contains(&"Sak 38/5/21".to_string()));
    assert!(has("38-5-2022", "wrong-year"));
    for id in ["45-5-2022", "46-5-2022"] {
        assert_eq!(written(id), ["Sak 41/5/22"], "{id}");
        assert!(has(id, "duplicate-number"), "{id}");
    }
    assert!(written("10-1-2026").contains(&"Sak 10/1/2025".to_string()));
    assert!(has("10-1-2026", "wrong-year") && has("10-1-2026", "number-collision"));
    assert!(has("7-1-2026", "missing-paper"));
    assert!(has("55-6-2022", "headerless-paper"));
    assert!(has("40-5-2022", "missing-vedtak") && has("50-6-2022", "missing-vedtak"));
    assert!(has("12-1-2026", "missing-forslag"));
    for id in ["5-1-2023", "8-1-2023", "6-1-2026", "2-1-2026"] {
        assert!(has(id, "placeholder"), "{id}");
    }
    for id in ["54-6-2022", "5-1-2026", "8-1-2026"] {
        assert!(has(id, "title-drift"), "{id}");
    }
    assert_eq!(written("38-3-2025"), ["Sak 38/3/2025"]);

    let meeting_has = |id: &str, code: &str| {
        site().meetings[id]
            .front
            .extra
            .anomalies
            .iter()
            .any(|a| a.code == code)
    };
    assert!(meeting_has("2022-6", "weekday"));
    assert!(meeting_has("2022-6", "dotted-number"));
    assert!(meeting_has("2022-5", "ambiguous-bound"));
    assert!(meeting_has("2026-1", "missing-year"));
    assert!(meeting_has("2023-1", "missing-date"));
}

#[test]
fn references_between_cases_and_meetings() {
    let tb = |id: &str| case(id).front.extra.tidligere_behandlet.clone();
    assert_eq!(tb("51-6-2022"), ["42-5-2022"]);
    assert_eq!(tb("7-1-2023"), ["42-5-2022"]);
    assert_eq!(tb("8-1-2023"), ["43-5-2022"]);
    assert_eq!(
        tb("54-6-2022"),
        ["31-2-2020", "53-5-2020", "22-3-2021", "43-5-2021"]
    );
    // The 2026 case papers have no "Tidligere behandlet" field: the follow-up is in the text.
    assert!(tb("8-1-2026").is_empty());
    assert!(case("8-1-2026")
        .body()
        .contains("Saken er en oppfølging av Sak 37/3/2025"));

    let approves = |id: &str| case(id).front.extra.approves_minutes_of.clone();
    assert_eq!(approves("39-5-2022"), ["2022-3", "2022-4"]);
    assert_eq!(approves("49-6-2022"), ["2022-5"]);
    assert_eq!(approves("3-1-2023"), ["2022-6"]);
    assert_eq!(approves("3-1-2025"), ["2024-4"]);
    assert_eq!(approves("32-3-2025"), ["2025-2"]);
    assert_eq!(approves("3-1-2026"), ["2025-3"]);
}

#[test]
fn no_extraction_residue_in_the_text() {
    let site = site();
    let files = site
        .cases
        .values()
        .map(|d| &d.file)
        .chain(site.meetings.values().map(|d| &d.file))
        .chain(site.minutes.values().map(|d| &d.file))
        .chain(site.outputs.values().map(|d| &d.file))
        .chain(site.events.values().map(|d| &d.file))
        .chain(site.reports.values().map(|d| &d.file));
    for file in files {
        let text = &file.text;
        assert!(!text.contains("](#)"), "{}: lost link kept", file.rel);
        assert!(!text.contains("****"), "{}: doubled bold markers", file.rel);
        assert!(
            !text.contains("<ul") && !text.contains("<ol"),
            "{}: raw HTML",
            file.rel
        );
        assert!(
            !text.contains('\u{f0a7}') && !text.contains('\u{f0d8}'),
            "{}: PUA bullet",
            file.rel
        );
    }
}
