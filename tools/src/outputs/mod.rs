//! Files the tools add to the built site beside Zola's pages: the case index as open data, the
//! calendar and each meeting's and event's own, short case URLs and `_headers`. Everything is
//! derived from the content and sorted, so two builds write the same bytes.

pub mod calendar;
pub mod opendata;
pub mod redirects;

use std::fs;
use std::path::Path;

use rayon::prelude::*;

use crate::errors::{Context, Result};
use crate::site::Site;
use calendar::{calendar, calendar_entries, ics, CALENDAR, PAGE_CALENDAR};
use opendata::{case_records, cases_csv, cases_json, OPEN_DATA_DIR};

/// `_headers` (Netlify/Cloudflare Pages format): the same Content-Security-Policy as the pages'
/// `<meta>` tag, plus what only a header can say (`frame-ancestors`).
pub fn headers(csp: Option<&str>) -> String {
    let mut text = String::from("# Written by ho21 build from config.toml; do not edit.\n/*\n");
    if let Some(csp) = csp {
        text.push_str(&format!(
            "  Content-Security-Policy: {csp}; frame-ancestors 'none'\n"
        ));
    }
    text.push_str(
        "  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n",
    );
    text
}

/// Every file this module adds to the built site, as (path relative to the site, text): the
/// open data, the calendar and each meeting's and event's own, `_headers` and the short case
/// URLs. Rendering is separate from writing so that the link check knows these files before
/// they are on disk.
pub fn render(site: &Site, base_url: &str, csp: Option<&str>) -> Result<Vec<(String, String)>> {
    let records = case_records(site, base_url);
    let entries = calendar_entries(site, base_url);
    let mut files = vec![
        (format!("{OPEN_DATA_DIR}/saker.json"), cases_json(&records)),
        (format!("{OPEN_DATA_DIR}/saker.csv"), cases_csv(&records)),
        (CALENDAR.to_owned(), calendar(&entries)),
        ("_headers".to_owned(), headers(csp)),
    ];
    // One file per meeting and event, for «Legg i kalenderen» on its page.
    for e in &entries {
        files.push((format!("{}{PAGE_CALENDAR}", e.dir), ics(None, &[e])));
    }
    let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
    files.extend(redirects::pages(&site.root, base_url, &ids)?);
    Ok(files)
}

/// Writes `files` (from `render`) into the built site `out`, in parallel.
pub fn write(out: &Path, files: &[(String, String)]) -> Result<()> {
    files.par_iter().try_for_each(|(rel, text)| {
        let path = out.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).with_context(|| format!("kan ikke lage {}", dir.display()))?;
        }
        fs::write(&path, text).with_context(|| format!("kan ikke skrive {}", path.display()))
    })
}
