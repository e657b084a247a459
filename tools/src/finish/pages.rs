//! The one pass over the built pages: every HTML file is read once and written once, on all
//! cores. On the way it is read by the tokenizer once (`scan`): it is checked against the output
//! allow-list (`verify`), its case and meeting mentions become links (`mentions`) and its anchors
//! and links are collected (`collect`); then its links are checked against the list of built
//! files and its own anchors, the anchors are kept for links from other pages, and it is
//! minified (`minify`).

use std::collections::HashSet;
use std::fs;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::links::{anchor_problem, resolve, Broken, Link, Look, SiteMap};
use super::mentions::Targets;
use super::scan;
use super::verify::Policy;
use super::{minify, rel_path};
use crate::errors::Result;

/// What the pass found on one page.
#[derive(Debug, Default)]
pub struct Page {
    /// Relative to the output folder (`saker/48-6-2022/index.html`).
    pub path: String,
    /// The `id` and `name` values on the page, for links from other pages.
    pub anchors: HashSet<String>,
    /// Links that do not work.
    pub broken: Vec<Broken>,
    /// Links to an anchor on another page: decided when every page has been read.
    pub to_anchors: Vec<AnchorLink>,
    /// What breaks the rules of the output check (`verify`).
    pub problems: Vec<String>,
}

/// A link to `#fragment` on the page `file`.
#[derive(Debug, Clone)]
pub struct AnchorLink {
    pub link: Link,
    pub file: String,
    pub fragment: String,
}

/// Finishes every page in `html` (files under `dir`) and returns what was found, in the same
/// order. `site` lists every file of the build (its anchors are not known yet). I/O failures
/// end the run.
pub fn finish_all(
    dir: &Path,
    html: &[PathBuf],
    site: &SiteMap,
    targets: &Targets,
    policy: &Policy,
    base_url: &str,
) -> Result<Vec<Page>> {
    let cfg = minify::config();
    html.par_iter()
        .map(|path| {
            let failed =
                |e: std::io::Error| format!("kan ikke lese eller skrive {}: {e}", path.display());
            // One open per page, for reading and writing: the file is overwritten in place and
            // cut to its new length (a minified page is shorter than Zola's), which spares the
            // file system freeing and allocating all its blocks again.
            let mut file = fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(path)
                .map_err(failed)?;
            let mut text = String::new();
            file.read_to_string(&mut text).map_err(failed)?;
            let rel = rel_path(dir, path);
            let (page, minified) = finish(&rel, text, site, targets, policy, base_url, &cfg);
            file.seek(SeekFrom::Start(0)).map_err(failed)?;
            file.write_all(minified.as_bytes()).map_err(failed)?;
            file.set_len(minified.len() as u64).map_err(failed)?;
            Ok(page)
        })
        .collect()
}

/// Finishes one page: returns what was found and the text to write.
pub fn finish(
    rel: &str,
    html: String,
    site: &SiteMap,
    targets: &Targets,
    policy: &Policy,
    base_url: &str,
    cfg: &minify_html::Cfg,
) -> (Page, String) {
    let scanned = scan::scan(rel, &html, targets, policy);
    let html = scanned.html.unwrap_or(html);
    let minified = minify::minify(&html, cfg);
    let mut page = Page {
        path: rel.to_owned(),
        problems: scanned.problems,
        ..Page::default()
    };
    for link in scanned.links {
        // Links to other sites are checked by `ho21 links --external`, not in the build.
        let Some(target) = resolve(rel, &link.url, base_url) else {
            continue;
        };
        let reason = match site.first_look(&target) {
            Look::Fine => continue,
            Look::Broken(reason) => reason,
            Look::Anchor { file, fragment } if file == rel => {
                match anchor_problem(&scanned.anchors, &file, fragment) {
                    Some(reason) => reason,
                    None => continue,
                }
            }
            Look::Anchor { file, fragment } => {
                let fragment = fragment.to_owned();
                page.to_anchors.push(AnchorLink {
                    link,
                    file,
                    fragment,
                });
                continue;
            }
        };
        page.broken.push(Broken {
            page: rel.to_owned(),
            line: link.line,
            col: link.col,
            url: link.url,
            reason,
        });
    }
    page.anchors = scanned.anchors;
    (page, minified)
}

/// Checks the HTML pages among `files` (rendered by the tools, not yet written: the short case
/// URLs) against the output rules, in parallel. Returns (page, problems) for the pages with
/// problems.
pub fn verify_rendered(files: &[(String, String)], policy: &Policy) -> Vec<(String, Vec<String>)> {
    let none = Targets {
        cases: Default::default(),
        meetings: Default::default(),
    };
    files
        .par_iter()
        .filter(|(rel, _)| rel.ends_with(".html"))
        .filter_map(|(rel, text)| {
            let problems = scan::scan(rel, text, &none, policy).problems;
            (!problems.is_empty()).then(|| (rel.clone(), problems))
        })
        .collect()
}

/// Completes the link check once every page has been read: adds the anchors of `pages` to
/// `site` and returns every broken link, sorted by page and position.
pub fn check_links(site: &mut SiteMap, pages: &mut [Page]) -> Vec<Broken> {
    for page in pages.iter_mut() {
        site.anchors
            .insert(page.path.clone(), std::mem::take(&mut page.anchors));
    }
    let mut broken = Vec::new();
    for page in pages.iter_mut() {
        broken.append(&mut page.broken);
        for a in std::mem::take(&mut page.to_anchors) {
            if let Some(reason) = site.anchor_problem(&a.file, &a.fragment) {
                broken.push(Broken {
                    page: page.path.clone(),
                    line: a.link.line,
                    col: a.link.col,
                    url: a.link.url,
                    reason,
                });
            }
        }
    }
    broken.sort();
    broken
}
