//! The input boundary, for what a committed fixture cannot hold: symlinks are made here, at run
//! time (a symlink in the repository would itself be an attack on whoever checks it out).

use std::os::unix::fs::symlink;

use crate::common::{problems, stdout, TempSite};

#[test]
fn symlinks_anywhere_zola_reads_are_refused() {
    let site = TempSite::base();
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        outside.path().join("2022-7.md"),
        "+++\ntitle = \"Utenfra\"\n+++\n<script>alert(1)</script>\n",
    )
    .expect("write");
    let root = site.path();
    // A file of the build machine, the checkout's git config (holds the CI token), a page from
    // outside the repository, a whole folder from outside, and a template.
    symlink("/etc/passwd", root.join("content/om/passwd.txt")).expect("symlink");
    symlink("../../.git/config", root.join("content/om/config.md")).expect("symlink");
    symlink(
        outside.path().join("2022-7.md"),
        root.join("content/moter/2022-7.md"),
    )
    .expect("symlink");
    symlink(outside.path(), root.join("static/utenfra")).expect("symlink");
    symlink("/etc/hostname", root.join("templates/vert.html")).expect("symlink");
    symlink("/etc/passwd", root.join("config.toml.lenke")).expect("symlink");

    let out = site.ho21(&["check"]);
    let report = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert_eq!(
        problems(&report),
        [
            "content/moter/2022-7.md symlink",
            "content/om/config.md symlink",
            "content/om/passwd.txt symlink",
            "static/utenfra symlink",
            "templates/vert.html symlink",
        ],
        "{report}"
    );
    assert!(
        report.contains(
            "content/om/passwd.txt: error[symlink]: dette er en symbolsk lenke (til «/etc/passwd»)"
        ),
        "{report}"
    );
    // Nothing of the linked page was read: its raw HTML is not even reported.
    assert!(!report.contains("raw-html"), "{report}");

    // The build stops at the check: nothing is published.
    let out = site.ho21(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(!root.join("public").exists());
}

#[test]
fn symlinked_top_folders_and_config_are_refused() {
    let site = TempSite::base();
    let root = site.path();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    std::fs::rename(root.join("data"), elsewhere.path().join("data")).expect("move");
    symlink(elsewhere.path().join("data"), root.join("data")).expect("symlink");
    std::fs::rename(
        root.join("config.toml"),
        elsewhere.path().join("config.toml"),
    )
    .expect("move");
    symlink(
        elsewhere.path().join("config.toml"),
        root.join("config.toml"),
    )
    .expect("symlink");
    let out = site.ho21(&["check"]);
    let report = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    let got = problems(&report);
    assert!(got.contains(&"config.toml symlink".to_owned()), "{report}");
    assert!(got.contains(&"data symlink".to_owned()), "{report}");
}
