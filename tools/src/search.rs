//! The search index: Pagefind over the built site (it knows Norwegian bokmål, `nb`, with
//! stemming; Zola's own index does not). Pinned in `package.json`; `PAGEFIND=/path` overrides.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::errors::{Context, Error, Result};

pub(crate) const PAGEFIND_ENV: &str = "PAGEFIND";
const CANDIDATES: &[&str] = &[
    "node_modules/@pagefind/linux-x64/bin/pagefind_extended",
    "node_modules/@pagefind/linux-x64/bin/pagefind",
];

pub fn locate(root: &Path) -> Result<PathBuf> {
    if let Some(custom) = std::env::var_os(PAGEFIND_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(custom));
    }
    crate::zola::find_npm_binary(root, CANDIDATES).ok_or_else(|| {
        Error::msg(format!(
            "fant ikke Pagefind ({}); kjør `npm ci`, eller sett {PAGEFIND_ENV}=/sti/til/pagefind",
            CANDIDATES[0]
        ))
    })
}

/// Indexes the built site in `site` (writes `site/pagefind/`).
pub fn index(root: &Path, site: &Path) -> Result<()> {
    let pagefind = locate(root)?;
    let out = Command::new(&pagefind)
        .arg("--site")
        .arg(site)
        .arg("--quiet")
        .output()
        .with_context(|| format!("kunne ikke starte {}", pagefind.display()))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "Pagefind feilet:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
        .into())
    }
}
