//! lychee-lib's own offline check of a built folder: internal pages, assets, fragments, folder
//! URLs (`index.html`) and absolute links under `base_url`, which are remapped to the output
//! folder. The build does not call it: its link check runs inside the one pass over the pages
//! (`pages`, `links`), because this reads and parses every page twice more. It is the reference
//! that `tools/tests/testsuite/linkcheck.rs` holds the build's check to, and the benchmark's stand-in for
//! the lychee CLI. External links are checked by `external`.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::errors::{Context, Error, Result};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use futures::{StreamExt, TryStreamExt};
use lychee_lib::remap::Remaps;
use lychee_lib::{ClientBuilder, FragmentCheckerOptions};

// The same report as the build's own check, so the two can be compared.
pub use crate::finish::links::Broken;

/// Distinct URLs checked at the same time, per core, so that the file reads overlap. Measured
/// with scripts/bench (M, 14 000 pages): 1 per core is as fast as 4 or 32 per core and keeps
/// the peak memory of the stage 20 % lower (every check in flight holds a page in memory).
const CHECKS_PER_CORE: usize = 1;

/// What checking one distinct URL found: nothing, or the URL as shown and why it is broken.
type Outcome = Option<(String, String)>;

/// Checks every link in the `.html` files under `dir`.
pub fn check_offline(dir: &Path, base_url: &str) -> Result<Vec<Broken>> {
    super::runtime()?.block_on(check(dir, base_url))
}

async fn check(dir: &Path, base_url: &str) -> Result<Vec<Broken>> {
    let root = std::path::absolute(dir).with_context(|| dir.display().to_string())?;
    let own_site = regex::Regex::new(&format!(
        "^{}/",
        regex::escape(base_url.trim_end_matches('/'))
    ))
    .context("base_url i config.toml gir ikke et gyldig mønster")?;
    let client = ClientBuilder::builder()
        // Only `file://` is checked: the same as `lychee --offline`; everything else is excluded.
        .schemes(HashSet::from(["file".to_owned()]))
        .remaps(Remaps::new(vec![(
            own_site,
            format!("file://{}/", root.display()),
        )]))
        // Zola writes pretty URLs (`/x/` → `x/index.html`); without this every `/x/#y` fails.
        .index_files(Some(vec!["index.html".to_owned()]))
        .fragment_checker_options(FragmentCheckerOptions {
            check_anchor_fragments: true,
            check_text_fragments: false,
        })
        .build()
        .client()
        .context("lenkesjekken kan ikke settes opp")?;

    let requests = super::links_in(&root)?;
    // A link's result depends only on its URL (after the remap, a file and an anchor in it), so
    // every distinct URL is checked once and the result shared by all its occurrences: a site
    // of n pages has about 100·n links but only a few distinct URLs per page (the header, the
    // footer and the breadcrumbs are on every page). The distinct checks run concurrently.
    let client = &client;
    let root_ref = &root;
    let mut seen: HashMap<String, Shared<LocalBoxFuture<'_, Outcome>>> = HashMap::new();
    let checks = requests.map(|request| {
        let request = request.context("kan ikke lese lenker")?;
        let page = request.source.to_string();
        let (line, col) = request
            .span
            .map_or((0, 0), |s| (s.line.get(), s.column.map_or(0, |c| c.get())));
        let url = request.uri.to_string();
        let outcome = match seen.get(&url) {
            Some(shared) => shared.clone(),
            None => {
                let key = url.clone();
                let shared = async move {
                    match client.check(request).await {
                        Err(e) => Some((url, e.to_string())),
                        Ok(response) if response.status().is_error() => {
                            Some((unmap(root_ref, &url, base_url), response.status().details()))
                        }
                        Ok(_) => None,
                    }
                }
                .boxed_local()
                .shared();
                seen.insert(key, shared.clone());
                shared
            }
        };
        Ok::<_, Error>(async move { Ok::<_, Error>((page, line, col, outcome.await)) })
    });
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut checks = std::pin::pin!(checks.try_buffer_unordered(CHECKS_PER_CORE * cores));
    let mut broken = Vec::new();
    while let Some((page, line, col, outcome)) = checks.try_next().await? {
        if let Some((url, reason)) = outcome {
            broken.push(Broken {
                page: relative(&root, &page),
                line,
                col,
                url,
                reason,
            });
        }
    }
    broken.sort();
    broken.dedup();
    Ok(broken)
}

fn relative(root: &Path, page: &str) -> String {
    let root = root.display().to_string();
    page.strip_prefix(&root)
        .unwrap_or(page)
        .trim_start_matches('/')
        .to_owned()
}

/// Shows a remapped link as the reader's URL again.
fn unmap(root: &Path, url: &str, base_url: &str) -> String {
    let local = format!("file://{}/", root.display());
    match url.strip_prefix(&local) {
        Some(rest) => format!("{}/{rest}", base_url.trim_end_matches('/')),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_occurrence_of_a_shared_broken_link_is_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        let page = |links: &str| {
            format!("<!doctype html><html><head><title>x</title></head><body><h2 id=\"ok\">x</h2>\n{links}\n</body></html>")
        };
        let links = "<a href=\"/missing/\">a</a> <a href=\"/b.html#nope\">b</a> <a href=\"/b.html#ok\">c</a> <a href=\"https://example.org/a.html\">d</a> <a href=\"https://example.org/gone/\">e</a>";
        std::fs::write(dir.path().join("a.html"), page(links)).expect("write");
        std::fs::write(dir.path().join("b.html"), page(links)).expect("write");
        let broken = check_offline(dir.path(), "https://example.org").expect("check");
        let found: Vec<(String, usize, String)> = broken
            .iter()
            .map(|b| (b.page.clone(), b.line, b.url.clone()))
            .collect();
        let mut expected = Vec::new();
        for p in ["a.html", "b.html"] {
            expected.push((
                p.to_owned(),
                2,
                "https://example.org/b.html#nope".to_owned(),
            ));
            expected.push((p.to_owned(), 2, "https://example.org/gone/".to_owned()));
            expected.push((p.to_owned(), 2, "https://example.org/missing".to_owned()));
        }
        expected.sort();
        let mut found_sorted = found.clone();
        found_sorted.sort();
        assert_eq!(found_sorted, expected, "{broken:#?}");
        assert!(broken.iter().all(|b| b.col > 0), "{broken:#?}");
    }
}
