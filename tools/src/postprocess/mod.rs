//! Finishing the built site: link case and meeting mentions, check every page against the
//! output allow-list, check every link and anchor, and minify. Works on a fresh build folder,
//! never on `public/`.

pub mod admin;
pub mod collect;
#[cfg(feature = "external-links")]
pub mod external;
pub mod files;
#[cfg(feature = "external-links")]
pub mod linkcheck;
pub mod links;
pub mod mentions;
pub mod minify;
pub mod opendata;
pub mod pages;
pub mod scan;
pub mod verify;

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Report, Severity};

/// Every file under `dir`, relative to it (`saker/x/index.html`), sorted.
pub fn all_files(dir: &Path) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| format!("kan ikke lese {}: {e}", dir.display()))?;
        if entry.file_type().is_file() {
            files.push(rel_path(dir, entry.path()));
        }
    }
    Ok(files)
}

/// Every `.html` file under `dir`, sorted.
pub fn html_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| format!("kan ikke lese {}: {e}", dir.display()))?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "html") {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// Applies `f` to every HTML file in parallel, writing back the files it changes. Problems found
/// go to the report; I/O failures end the run.
pub fn rewrite_all<F>(
    dir: &Path,
    files: &[PathBuf],
    report: &mut Report,
    f: F,
) -> Result<(), String>
where
    F: Fn(&str, &str) -> (Option<String>, Vec<String>) + Sync,
{
    let results: Vec<Result<Vec<Diagnostic>, String>> = files
        .par_iter()
        .map(|path| {
            let text = fs::read_to_string(path)
                .map_err(|e| format!("kan ikke lese {}: {e}", path.display()))?;
            let rel = rel_path(dir, path);
            let (changed, problems) = f(&rel, &text);
            if let Some(new) = changed {
                fs::write(path, new)
                    .map_err(|e| format!("kan ikke skrive {}: {e}", path.display()))?;
            }
            Ok(problems
                .into_iter()
                .map(|message| Diagnostic {
                    severity: Severity::Error,
                    code: Code::BrokenLink,
                    path: format!("public/{rel}"),
                    line: 0,
                    col: 0,
                    message,
                    hint: None,
                    source_line: None,
                })
                .collect())
        })
        .collect();
    for r in results {
        report.diagnostics.extend(r?);
    }
    Ok(())
}

pub fn rel_path(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
