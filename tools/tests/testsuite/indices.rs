//! Generated indices: snapshot of the indices for a fixed fixture site, and stale generated
//! files. The same on the real content (chains, backlinks, feeds, calendar, open data) is in the
//! `content` tests, which also run against a copy with new meetings.

use crate::common::{repo_root, stderr, stdout, TempSite};

#[test]
fn relations_of_the_base_fixture_match_the_snapshot() {
    let site = TempSite::base();
    let out = site.ho21(&["build"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let got = site.read("generated/relations.json");
    // On a difference insta writes the new version beside it (`.snap.new`); review it with
    // `cargo insta review`, or accept with INSTA_UPDATE=always.
    insta::with_settings!({
        snapshot_path => repo_root().join("tests/snapshots"),
        prepend_module_to_snapshot => false,
    }, {
        insta::assert_snapshot!("base-relations", got);
    });
}

#[test]
fn generated_files_of_deleted_pages_are_removed_and_unchanged_ones_kept() {
    let site = TempSite::base();
    let out = site.ho21(&["build"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let moter = site.path().join("generated/moter");
    let kept: Vec<_> = std::fs::read_dir(&moter)
        .expect("generated/moter")
        .map(|e| e.expect("entry").path())
        .collect();
    assert!(!kept.is_empty());
    let modified = |p: &std::path::Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let before: Vec<_> = kept.iter().map(|p| modified(p)).collect();
    // A meeting that no longer exists, and a file of the old per-case layout.
    site.write("generated/moter/1999-1.json", "{}");
    site.write("generated/saker/1-1-1999.json", "{}");
    let out = site.ho21(&["build"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(
        !moter.join("1999-1.json").exists(),
        "stale meeting file kept"
    );
    assert!(
        !site.path().join("generated/saker").exists(),
        "old layout kept"
    );
    let after: Vec<_> = kept.iter().map(|p| modified(p)).collect();
    assert_eq!(before, after, "unchanged data files were rewritten");
}
