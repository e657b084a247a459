//! Finishing the built site: link case and meeting mentions, check every page against the
//! output allow-list, check every link and anchor, and minify. Works on a fresh build folder,
//! never on `public/`.

pub mod admin;
pub mod collect;
pub mod files;
pub mod links;
pub mod mentions;
pub mod minify;
pub mod pages;
pub mod scan;
pub mod verify;

use std::path::Path;

use crate::errors::{Context, Result};

/// Every file under `dir`, relative to it (`saker/x/index.html`), sorted.
pub fn all_files(dir: &Path) -> Result<Vec<String>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("kan ikke lese {}", dir.display()))?;
        if entry.file_type().is_file() {
            files.push(rel_path(dir, entry.path()));
        }
    }
    Ok(files)
}

pub(crate) fn rel_path(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
