//! The build's link check (links collected in the one pass over the pages, resolved in memory)
//! against lychee-lib's own offline check of the same folder: they must find the same broken
//! links, at the same places.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use ho21_tools::external::reference;
use ho21_tools::finish::{all_files, links::SiteMap, mentions::Targets, pages, verify::Policy};

const BASE: &str = "https://www.example.no";

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, text).expect("write");
}

fn page(body: &str) -> String {
    format!("<!doctype html>\n<html lang=\"nb\">\n<head><title>x</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head>\n<body>\n{body}\n</body>\n</html>\n")
}

#[test]
fn finds_the_same_broken_links_as_lychee() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, "css/site.css", "body{}");
    write(root, "img/p.png", "png");
    write(root, "data/saker.json", "[]");
    write(
        root,
        "index.html",
        &page(concat!(
            "<a id=\"self\" href=\"/saker/\">ok</a> <a href=\"/saker\">ok, folder</a>\n",
            "<a href=\"/saker/#vedtak\">ok</a> <a href=\"/saker/#forslag\">no anchor</a>\n",
            "<a href=\"/moter/\">no page</a> <a href=\"saker/#vedtak\">ok, relative</a>\n",
            "<a href=\"https://www.example.no/saker/#gammel\">ok, name</a>\n",
            "<a href=\"https://www.example.no/borte/\">no page, absolute</a>\n",
            "<img src=\"/img/p.png\" alt=\"\"> <img src=\"/img/mangler.png\" alt=\"\">\n",
            "<img srcset=\"/img/p.png 1x, /img/mangler2.png 2x\" alt=\"\">\n",
            "<a href=\"#top\">ok</a> <a href=\"#self\">ok</a> <a href=\"#nei\">no anchor</a>\n",
            "<a href=\"mailto:post@example.no\">mail</a> <a href=\"https://other.example.org/x/\">other site</a>\n",
            "<a href=\"/saker/?side=2#vedtak\">ok, query</a> <a href=\"/data/saker.json\">ok</a>\n",
            "<a href=\"/saker/#%C3%A6rlig\">ok, encoded</a> <a href=\"/saker/#%C3%B8\">no anchor</a>\n",
        )),
    );
    write(
        root,
        "saker/index.html",
        &page(concat!(
            "<h2 id=\"vedtak\">Vedtak</h2><a name=\"gammel\"></a><p id=\"ærlig\">x</p>\n",
            "<a href=\"../#self\">ok</a> <a href=\"../index.html#nei\">no anchor</a>\n",
            "<a href=\"../../\">ok, up to the root</a> <a href=\"./vedlegg.pdf\">no file</a>\n",
        )),
    );

    // lychee first: our pass minifies the pages in place.
    let mut lychee: BTreeSet<(String, usize, usize)> = reference::check_offline(root, BASE)
        .expect("lychee check")
        .into_iter()
        .map(|b| (b.page, b.line, b.col))
        .collect();
    // The one difference: lychee resolves `../../` on /saker/ as a file path, above the site's
    // folder; a browser (and our check) stops at the site's root, which exists.
    assert!(lychee.remove(&("saker/index.html".to_owned(), 7, 10)));

    let files = all_files(root).expect("files");
    let html: Vec<_> = files
        .iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| root.join(f))
        .collect();
    let targets = Targets {
        cases: BTreeSet::new(),
        meetings: BTreeSet::new(),
    };
    let mut map = SiteMap {
        files: files.iter().cloned().collect(),
        ..SiteMap::default()
    };
    // The fixture pages are not built from the templates: only the links are compared here.
    let policy = Policy::new(BASE, None).expect("base url");
    let mut found =
        pages::finish_all(root, &html, &map, &targets, &policy, BASE).expect("one pass");
    let broken = pages::check_links(&mut map, &mut found);
    let ours: BTreeSet<(String, usize, usize)> = broken
        .iter()
        .map(|b| (b.page.clone(), b.line, b.col))
        .collect();

    assert_eq!(ours, lychee, "ours: {broken:#?}");
    // The fixture's broken links: 7 on the front page, 2 on /saker/.
    assert_eq!(ours.len(), 9, "{broken:#?}");
    let urls: BTreeSet<&str> = broken.iter().map(|b| b.url.as_str()).collect();
    for expected in [
        "/saker/#forslag",
        "/moter/",
        "https://www.example.no/borte/",
        "/img/mangler.png",
        "/img/mangler2.png",
        "#nei",
        "/saker/#%C3%B8",
        "../index.html#nei",
        "./vedlegg.pdf",
    ] {
        assert!(
            urls.contains(expected),
            "{expected} not reported: {broken:#?}"
        );
    }
}
