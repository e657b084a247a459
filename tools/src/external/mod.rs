//! `ho21 links --external`: checks the links from the built site to other websites, online. For a
//! scheduled CI job, never for the normal build or tests: with retries, a cache of good results,
//! and a committed, commented exclude list (`links-exclude.txt`). Reports dead links per page.

pub(crate) mod netguard;
pub mod reference;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::errors::{Context, Result};
use futures::{Stream, StreamExt};
use lychee_lib::{
    BaseInfo, ClientBuilder, Collector, FileType, Input, InputSource, Request, RequestError,
};
use regex::Regex;
use serde::{Deserialize, Serialize};

/// Good results are trusted this long; dead links are always checked again.
const CACHE_MAX_AGE: Duration = Duration::from_secs(7 * 24 * 3600);

/// One regex per line; `#` starts a comment; blank lines are ignored.
pub fn read_excludes(text: &str) -> Result<Vec<Regex>> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i, l.split(" #").next().unwrap_or("").trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            Regex::new(l).with_context(|| format!("links-exclude.txt:{}: ugyldig mønster", i + 1))
        })
        .collect()
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Cache {
    /// URL → seconds since the epoch of the last successful check.
    pub ok: BTreeMap<String, u64>,
}

impl Cache {
    pub fn load(path: &Path) -> Cache {
        fs::read_to_string(path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).with_context(|| format!("kan ikke lage {}", dir.display()))?;
        }
        fs::write(
            path,
            serde_json::to_string_pretty(self).expect("serialisable"),
        )
        .with_context(|| format!("kan ikke skrive {}", path.display()))
    }

    fn fresh(&self, url: &str, now: u64) -> bool {
        self.ok
            .get(url)
            .is_some_and(|t| now.saturating_sub(*t) < CACHE_MAX_AGE.as_secs())
    }
}

/// The result of a run: dead links per page, and counts.
#[derive(Debug, Default)]
pub struct Outcome {
    pub dead: BTreeMap<String, BTreeSet<(String, String)>>,
    pub checked: usize,
    pub cached: usize,
    pub excluded: usize,
}

impl Outcome {
    /// Marks `url` dead, for `reason`, on each of the `pages` that link to it.
    fn mark_dead(&mut self, pages: &BTreeSet<String>, url: &str, reason: &str) {
        for page in pages {
            self.dead
                .entry(page.clone())
                .or_default()
                .insert((url.to_owned(), reason.to_owned()));
        }
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        for (page, links) in &self.dead {
            out.push_str(&format!("{page}\n"));
            for (url, reason) in links {
                out.push_str(&format!("  {url}\n    {reason}\n"));
            }
        }
        let dead: usize = self.dead.values().map(BTreeSet::len).sum();
        out.push_str(&format!(
            "{dead} døde eksterne lenker på {} sider ({} sjekket, {} fra hurtigbufferen, {} unntatt)\n",
            self.dead.len(),
            self.checked,
            self.cached,
            self.excluded
        ));
        out
    }
}

pub fn check(
    site: &Path,
    base_url: &str,
    excludes: &[Regex],
    cache: &mut Cache,
) -> Result<Outcome> {
    runtime()?.block_on(run(site, base_url, excludes, cache))
}

/// The runtime lychee-lib's async API runs on (this check and the offline reference).
fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("kan ikke starte lenkesjekken")
}

/// Every link in the HTML files under `root`, as lychee-lib finds them; hidden and git-ignored
/// files too, since a built site is all there is.
fn links_in(root: &Path) -> Result<impl Stream<Item = Result<Request, RequestError>>> {
    let inputs = HashSet::from([Input::from_input_source(InputSource::FsPath(
        root.to_path_buf(),
    ))]);
    Ok(Collector::new(Some(root.to_path_buf()), BaseInfo::none())
        .context("lenkesjekken kan ikke settes opp")?
        .skip_hidden(false)
        .skip_ignored(false)
        .collect_links_from_file_types(inputs, FileType::html_extensions()))
}

async fn run(
    site: &Path,
    base_url: &str,
    excludes: &[Regex],
    cache: &mut Cache,
) -> Result<Outcome> {
    let root = std::path::absolute(site).with_context(|| site.display().to_string())?;
    let own = base_url.trim_end_matches('/');
    let mut requests = std::pin::pin!(links_in(&root)?);
    // URL → pages that link to it.
    let mut pages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    while let Some(request) = requests.next().await {
        let request = request.context("kan ikke lese lenker")?;
        let url = request.uri.to_string();
        if !(url.starts_with("http://") || url.starts_with("https://")) || url.starts_with(own) {
            continue;
        }
        let page = request.source.to_string();
        let page = page
            .strip_prefix(&root.display().to_string())
            .unwrap_or(&page)
            .trim_start_matches('/')
            .to_owned();
        pages.entry(url).or_default().insert(page);
    }
    let mut outcome = Outcome::default();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut to_check = Vec::new();
    // Never request loopback, private, link-local or metadata addresses from the runner
    // (`netguard`); they are reported instead. The test of this command serves its pages on
    // 127.0.0.1 and sets HO21_TEST_ALLOW_LOOPBACK, which lets loopback (only) through.
    let allow_loopback = std::env::var_os("HO21_TEST_ALLOW_LOOPBACK").is_some();
    let mut refused = Vec::new();
    for url in pages.keys() {
        if excludes.iter().any(|re| re.is_match(url)) {
            outcome.excluded += 1;
        } else if cache.fresh(url, now) {
            outcome.cached += 1;
        } else {
            let reason = netguard::refusal_with(url, |host, port| {
                let ips = netguard::system_resolver(host, port)?.into_iter();
                Ok(ips
                    .filter(|ip| !(allow_loopback && ip.is_loopback()))
                    .collect())
            })
            .filter(|_| !(allow_loopback && is_loopback_literal(url)));
            match reason {
                Some(reason) => refused.push((url.clone(), reason)),
                None => to_check.push(url.clone()),
            }
        }
    }
    for (url, reason) in refused {
        outcome.mark_dead(&pages[&url], &url, &reason);
    }
    let client = ClientBuilder::builder()
        .max_retries(3u64)
        .retry_wait_time(Duration::from_secs(2))
        .timeout(Duration::from_secs(20))
        .user_agent("ho21-site link checker (+https://www.helseomsorg21.no)".to_owned())
        .build()
        .client()
        .context("lenkesjekken kan ikke settes opp")?;
    let results: Vec<(String, Result<(), String>)> = futures::stream::iter(to_check)
        .map(|url| {
            let client = &client;
            async move {
                let result = match client.check(url.as_str()).await {
                    Ok(r) if r.status().is_success() || r.status().is_excluded() => Ok(()),
                    Ok(r) => Err(r.status().details()),
                    Err(e) => Err(e.to_string()),
                };
                (url, result)
            }
        })
        .buffer_unordered(16)
        .collect()
        .await;
    for (url, result) in results {
        outcome.checked += 1;
        match result {
            Ok(()) => {
                cache.ok.insert(url, now);
            }
            Err(reason) => {
                cache.ok.remove(&url);
                outcome.mark_dead(&pages[&url], &url, &reason);
            }
        }
    }
    Ok(outcome)
}

/// Whether the host of `url` is a loopback address written as such (`127.0.0.1`, `[::1]`).
fn is_loopback_literal(url: &str) -> bool {
    match url::Url::parse(url)
        .ok()
        .and_then(|u| u.host().map(|h| h.to_owned()))
    {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclude_list_with_comments() {
        let res = read_excludes(
            "# comment\n\n^https://www\\.linkedin\\.com/ # LinkedIn blocks robots\nexample\\.org\n",
        )
        .unwrap();
        assert_eq!(res.len(), 2);
        assert!(res[0].is_match("https://www.linkedin.com/company/x"));
        assert!(read_excludes("(unclosed\n").is_err());
    }

    #[test]
    fn cache_freshness() {
        let mut cache = Cache::default();
        cache.ok.insert("https://a/".into(), 1_000_000);
        assert!(cache.fresh("https://a/", 1_000_000 + 3600));
        assert!(!cache.fresh("https://a/", 1_000_000 + CACHE_MAX_AGE.as_secs() + 1));
        assert!(!cache.fresh("https://b/", 1_000_000));
    }
}
