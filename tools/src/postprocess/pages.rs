//! The one pass over the built pages: every HTML file is read once and written once, on all
//! cores. On the way its case and meeting mentions become links and its script policy is checked
//! (`linkify`), its anchors and links are collected for the link check in the same scan, with
//! line and column, and it is minified (`minify`).

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::linkify::{self, Targets};
use super::links::{local_part, Link};
use super::{minify, rel_path};

/// What the pass found on one page.
#[derive(Debug, Default)]
pub struct Page {
    /// Relative to the output folder (`saker/48-6-2022/index.html`).
    pub path: String,
    /// The links that the offline check looks at: everything but links to other sites.
    pub links: Vec<Link>,
    pub anchors: HashSet<String>,
    /// Script policy violations.
    pub problems: Vec<String>,
}

/// Finishes every page in `files` (under `dir`) and returns what was found, in the same order.
/// I/O failures end the run.
pub fn finish_all(
    dir: &Path,
    files: &[PathBuf],
    targets: &Targets,
    base_url: &str,
) -> Result<Vec<Page>, String> {
    let cfg = minify::config();
    files
        .par_iter()
        .map(|path| {
            let text = fs::read_to_string(path)
                .map_err(|e| format!("kan ikke lese {}: {e}", path.display()))?;
            let rel = rel_path(dir, path);
            let (page, minified) = finish(&rel, text, targets, base_url, &cfg);
            fs::write(path, minified)
                .map_err(|e| format!("kan ikke skrive {}: {e}", path.display()))?;
            Ok(page)
        })
        .collect()
}

/// Finishes one page: returns what was found and the text to write.
pub fn finish(
    rel: &str,
    html: String,
    targets: &Targets,
    base_url: &str,
    cfg: &minify_html::Cfg,
) -> (Page, String) {
    let scanned = linkify::scan(rel, &html, targets);
    let html = scanned.html.unwrap_or(html);
    let minified = minify::minify(&html, cfg);
    let page = Page {
        path: rel.to_owned(),
        // Links to other sites are checked by `ho21 links --external`, not in the build.
        links: scanned
            .links
            .into_iter()
            .filter(|l| local_part(&l.url, base_url).is_some())
            .collect(),
        anchors: scanned.anchors,
        problems: scanned.problems,
    };
    (page, minified)
}

