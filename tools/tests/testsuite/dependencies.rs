//! The everyday build stays lean: lychee-lib and its async stack (tokio, futures, an HTTP/3
//! stack, a GitHub API client, TLS back-ends) come only with the `external-links` feature, which
//! only the weekly external link check enables.

use std::process::Command;

fn cargo(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo");
    assert!(
        out.status.success(),
        "cargo {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn the_default_build_has_no_lychee_lib() {
    // What `scripts/build` compiles: the normal dependencies with the default features.
    let tree = cargo(&[
        "tree",
        "-e",
        "normal",
        "-p",
        "ho21-tools",
        "--locked",
        "--offline",
        "--prefix",
        "none",
        "--format",
        "{p}",
    ]);
    let crates: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    // The tree was really listed (a crate we always need is in it)…
    for always in ["ho21-tools", "serde", "minify-html", "url", "csv"] {
        assert!(crates.contains(&always), "{always} missing from:\n{tree}");
    }
    // …and lychee-lib and its async stack are not.
    for heavy in ["lychee-lib", "tokio", "futures", "reqwest", "hyper"] {
        assert!(
            !crates.contains(&heavy),
            "{heavy} in the default build:\n{tree}"
        );
    }
}

#[test]
fn lychee_lib_comes_only_with_the_external_links_feature() {
    let metadata = cargo(&[
        "metadata",
        "--format-version",
        "1",
        "--no-deps",
        "--locked",
        "--offline",
    ]);
    let metadata: serde_json::Value = serde_json::from_str(&metadata).expect("JSON");
    let package = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .find(|p| p["name"] == "ho21-tools")
        .expect("ho21-tools");
    assert_eq!(package["features"]["default"], serde_json::Value::Null);
    let feature = package["features"]["external-links"]
        .as_array()
        .expect("external-links feature");
    for dep in ["lychee-lib", "tokio", "futures"] {
        let declared = package["dependencies"]
            .as_array()
            .expect("dependencies")
            .iter()
            .find(|d| d["name"] == dep && d["kind"].is_null())
            .unwrap_or_else(|| panic!("{dep} not a dependency"));
        assert_eq!(declared["optional"], true, "{dep}");
        assert!(
            feature.contains(&serde_json::Value::from(format!("dep:{dep}"))),
            "{dep} not enabled by external-links: {feature:?}"
        );
    }
}

/// Without the feature the command is there (with its help) but says how to get the check.
#[cfg(not(feature = "external-links"))]
#[test]
fn without_the_feature_the_external_check_says_how_to_get_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = Command::new(env!("CARGO_BIN_EXE_ho21"))
        .args(["links", "--external", "--root"])
        .arg(dir.path())
        .output()
        .expect("run ho21");
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(
        message.contains("er ikke med i denne byggingen")
            && message.contains("cargo build --release -p ho21-tools --features external-links"),
        "{message}"
    );
    assert!(out.stdout.is_empty());
}
