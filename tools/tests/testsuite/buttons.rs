//! The editors' buttons (`.github/workflows/workflow-buttons.yml`): every choice in the workflow
//! is run through `scripts/workflow-button`, as the workflow runs it, in a temporary copy of the
//! real site, and what it writes must pass `ho21 check`. The order is a month's work: a meeting,
//! its minutes, the next meeting and its minutes (which approve the previous ones: the check
//! asks for «Godkjenn referat», and after it passes), a new case; and a case-paper bundle
//! imported from innboks/.

use std::fs;
use std::process::{Command, Output};

use crate::common::{repo_root, stderr, stdout, TempSite};
use ho21_tools::import::{plan, Options};
use serde_json::Value;

/// 1 June 2026, 00:00 UTC: after every meeting the scenario holds.
const BUILD_EPOCH: &str = "1780272000";

fn workflow() -> Value {
    let text = fs::read_to_string(repo_root().join(".github/workflows/workflow-buttons.yml"))
        .expect("workflow");
    crate::common::yaml("workflow-buttons.yml", &text)
}

/// Runs the button in `site` with the inputs in `env`, as the workflow does.
fn button(site: &TempSite, env: &[(&str, &str)]) -> Output {
    Command::new(repo_root().join("scripts/workflow-button"))
        .current_dir(site.path())
        .env("HO21", env!("CARGO_BIN_EXE_ho21"))
        .env("BUTTON_TITLE", site.path().join("title.txt"))
        .env("BUTTON_REPORT", site.path().join("report.txt"))
        .env("SOURCE_DATE_EPOCH", BUILD_EPOCH)
        .envs(env.iter().copied())
        .output()
        .expect("scripts/workflow-button")
}

fn check(site: &TempSite) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ho21"))
        .args(["check", "--root"])
        .arg(site.path())
        .env("SOURCE_DATE_EPOCH", BUILD_EPOCH)
        .output()
        .expect("ho21 check")
}

/// Runs the button and asserts that it succeeded and that the site passes the check.
fn passes(site: &TempSite, env: &[(&str, &str)]) -> String {
    let out = button(site, env);
    assert!(
        out.status.success(),
        "{env:?}:\n{}{}",
        stdout(&out),
        stderr(&out)
    );
    let checked = check(site);
    assert!(
        checked.status.success(),
        "{env:?}: ho21 check fails:\n{}",
        stdout(&checked)
    );
    site.read("title.txt").trim().to_owned()
}

#[test]
fn the_workflow_offers_every_button_and_passes_inputs_only_through_env() {
    let yaml = workflow();
    let inputs = &yaml["on"]["workflow_dispatch"]["inputs"];
    let choices: Vec<&str> = inputs["handling"]["options"]
        .as_array()
        .expect("choices")
        .iter()
        .map(|v| v.as_str().expect("choice"))
        .collect();
    assert_eq!(
        choices,
        [
            "Nytt møte",
            "Ny sak",
            "Referat",
            "Godkjenn referat",
            "Importer dokument"
        ]
    );
    let steps = yaml["jobs"]["button"]["steps"].as_array().expect("steps");
    let run = steps
        .iter()
        .find(|s| s["run"].as_str() == Some("scripts/workflow-button"))
        .expect("a step runs scripts/workflow-button");
    for (input, var) in [
        ("handling", "HANDLING"),
        ("dato", "DATO"),
        ("mote", "MOTE"),
        ("tittel", "TITTEL"),
        ("fil", "FIL"),
    ] {
        assert!(inputs[input].is_object(), "no input {input}");
        assert_eq!(
            run["env"][var].as_str(),
            Some(format!("${{{{ inputs.{input} }}}}").as_str()),
            "{var}"
        );
    }
    let script = fs::read_to_string(repo_root().join("scripts/workflow-button")).expect("script");
    for choice in choices {
        assert!(
            script.contains(&format!("\"{choice}\")")),
            "scripts/workflow-button does not handle «{choice}»"
        );
    }
    // The pull request is opened with the workflow token and gh, nothing else.
    let text = fs::read_to_string(repo_root().join(".github/workflows/workflow-buttons.yml"))
        .expect("workflow");
    assert!(!text.contains("secrets."), "only the workflow token");
    assert!(text.contains("gh pr create"));
}

#[test]
fn a_months_buttons_write_content_that_passes_the_check() {
    let site = TempSite::real();
    let title = passes(&site, &[("HANDLING", "Nytt møte"), ("DATO", "2026-03-04")]);
    assert_eq!(title, "Nytt møte 2026-03-04");
    assert!(site.path().join("content/moter/2026-2.md").is_file());
    passes(&site, &[("HANDLING", "Referat"), ("MOTE", "2026-2")]);
    assert!(site.path().join("content/referater/2026-2.md").is_file());
    passes(&site, &[("HANDLING", "Nytt møte"), ("DATO", "2026-04-15")]);

    // The minutes of 2026-3 approve those of 2026-2: the button writes them, and the check
    // (in the pull request) says that the approval is missing and how to add it.
    let out = button(&site, &[("HANDLING", "Referat"), ("MOTE", "2026-3")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = site.read("report.txt");
    assert!(
        report.contains("minutes-chain") && report.contains("ho21 approve --minutes 2026-2"),
        "{report}"
    );
    let title = passes(
        &site,
        &[("HANDLING", "Godkjenn referat"), ("MOTE", "2026-2")],
    );
    assert_eq!(title, "Referatet fra møte 2026-2 er godkjent");
    assert!(site
        .read("content/referater/2026-2.md")
        .contains("status = \"approved\""));

    passes(&site, &[("HANDLING", "Nytt møte"), ("DATO", "2026-09-02")]);
    let title = passes(
        &site,
        &[
            ("HANDLING", "Ny sak"),
            ("MOTE", "2026-4"),
            ("TITTEL", "Prøvesak fra knappen"),
        ],
    );
    assert_eq!(title, "Ny sak i møte 2026-4: Prøvesak fra knappen");
}

#[test]
fn an_uploaded_bundle_is_imported_and_removed_from_the_inbox() {
    let site = TempSite::real();
    let name = "004_ae8740df151b928c.txt";
    let text = fs::read_to_string(repo_root().join("sources").join(name)).expect("source");
    // The hand-made files of meeting 1/2026 go: the import writes them again.
    let options = Options {
        file: name.into(),
        date: None,
        replace: true,
        dry_run: true,
    };
    let outcome = plan(site.path(), name, &text, &options).expect("recognised");
    assert!(outcome.files.len() > 5, "{}", outcome.files.len());
    for file in &outcome.files {
        let _ = fs::remove_file(&file.path);
    }
    site.write(&format!("innboks/{name}"), &text);
    let title = passes(
        &site,
        &[
            ("HANDLING", "Importer dokument"),
            ("FIL", name),
            ("DATO", "2026-01-14"),
        ],
    );
    assert_eq!(title, format!("Importert fra {name}"));
    assert!(!site.path().join("innboks").join(name).exists());
    assert!(site.path().join("content/moter/2026-1.md").is_file());
}

#[test]
fn bad_inputs_change_nothing_and_say_why() {
    let site = TempSite::real();
    for (env, wanted) in [
        (
            vec![("HANDLING", "Importer dokument"), ("FIL", "../config.toml")],
            "bare filnavnet",
        ),
        (
            vec![
                ("HANDLING", "Importer dokument"),
                ("FIL", "finnes-ikke.pdf"),
            ],
            "fant ikke innboks/finnes-ikke.pdf",
        ),
        (vec![("HANDLING", "Ny sak"), ("MOTE", "2026-1")], "tittel"),
        (vec![("HANDLING", "Slett alt")], "ukjent handling"),
        (
            vec![("HANDLING", "Nytt møte"), ("DATO", "4. mars")],
            "avviste inndataene",
        ),
    ] {
        let out = button(&site, &env);
        assert_eq!(out.status.code(), Some(2), "{env:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(wanted), "{env:?}: {}", stderr(&out));
    }
    assert!(!site.path().join("content/moter/2026-2.md").exists());
    assert!(!site.path().join("title.txt").exists());
}
