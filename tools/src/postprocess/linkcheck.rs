//! Offline check of every link and `#anchor` in the built site with lychee-lib: internal pages,
//! assets, fragments, folder URLs (`index.html`) and absolute links under `base_url`, which are
//! remapped to the output folder. External links are not touched here (see `external`).

use std::collections::HashSet;
use std::path::Path;

use futures::StreamExt;
use lychee_lib::remap::Remaps;
use lychee_lib::{
    BaseInfo, ClientBuilder, Collector, FileType, FragmentCheckerOptions, Input, InputSource,
};

/// A broken link: the page it is on, where on the page, the link, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Broken {
    pub page: String,
    pub line: usize,
    pub col: usize,
    pub url: String,
    pub reason: String,
}

/// Checks every link in the `.html` files under `dir`.
pub fn check_offline(dir: &Path, base_url: &str) -> Result<Vec<Broken>, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("kan ikke starte lenkesjekken: {e}"))?;
    runtime.block_on(check(dir, base_url))
}

async fn check(dir: &Path, base_url: &str) -> Result<Vec<Broken>, String> {
    let root = std::path::absolute(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let own_site = regex::Regex::new(&format!(
        "^{}/",
        regex::escape(base_url.trim_end_matches('/'))
    ))
    .map_err(|e| e.to_string())?;
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
        .map_err(|e| format!("lenkesjekken kan ikke settes opp: {e}"))?;

    let inputs = HashSet::from([Input::from_input_source(InputSource::FsPath(root.clone()))]);
    let requests = Collector::new(Some(root.clone()), BaseInfo::none())
        .map_err(|e| format!("lenkesjekken kan ikke settes opp: {e}"))?
        .skip_hidden(false)
        .skip_ignored(false)
        .collect_links_from_file_types(inputs, FileType::html_extensions());
    let mut requests = std::pin::pin!(requests);
    let mut broken = Vec::new();
    while let Some(request) = requests.next().await {
        let request = request.map_err(|e| format!("kan ikke lese lenker: {e}"))?;
        let page = request.source.to_string();
        let (line, col) = request
            .span
            .map_or((0, 0), |s| (s.line.get(), s.column.map_or(0, |c| c.get())));
        let url = request.uri.to_string();
        let response = match client.check(request).await {
            Ok(response) => response,
            Err(e) => {
                broken.push(Broken {
                    page: relative(&root, &page),
                    line,
                    col,
                    url,
                    reason: e.to_string(),
                });
                continue;
            }
        };
        if response.status().is_error() {
            let reason = response.status().details();
            broken.push(Broken {
                page: relative(&root, &page),
                line,
                col,
                url: unmap(&root, &url, base_url),
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
