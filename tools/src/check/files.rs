//! The input boundary on disk: every file Zola reads must be a plain file (no symlink, which Zola
//! would follow out of the repository), of a type that is allowed where it lies, and text must be
//! UTF-8 without a BOM. Runs before anything parses the content.

use std::fmt::Display;
use std::fs;
use std::path::Path;

use crate::codes::Code;
use crate::diagnostics::{Report, SourceFile};

/// Folders Zola reads (or copies to the built site), and its files at the root.
pub(crate) const ZOLA_FOLDERS: &[&str] =
    &["content", "static", "templates", "sass", "data", "i18n"];
pub(crate) const ZOLA_FILES: &[&str] = &["config.toml"];

/// What may lie under `content/`, beside Markdown: types a browser shows but never runs.
/// Zola copies any other file in a section or page folder to the built site as it is.
const CONTENT_ASSETS: &[&str] = &["png", "jpg", "jpeg", "webp", "pdf"];
/// What may lie under `static/`: the same, fonts, and SVG that passes `check/svg.rs`.
const STATIC_ASSETS: &[&str] = &["png", "jpg", "jpeg", "webp", "pdf", "woff2", "svg"];
/// Folders of the site's own code under `static/`, with the extra types allowed there. Code is
/// reviewed like the templates, not checked like content; keep this list short.
const CODE_FOLDERS: &[(&str, &[&str])] = &[("static/js/", &["js"])];

/// Extensions read as text: checked for UTF-8 here (Markdown in `content/` is checked when it is
/// loaded, see `site.rs`).
const TEXT: &[&str] = &[
    "md", "toml", "html", "xml", "scss", "css", "svg", "js", "txt", "json",
];

/// Checks every file in the folders Zola reads.
pub fn check(root: &Path, report: &mut Report) {
    for name in ZOLA_FILES {
        let path = root.join(name);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => symlink(root, &path, report),
            Ok(meta) if meta.is_file() => text_file(root, &path, report),
            _ => {}
        }
    }
    for folder in ZOLA_FOLDERS {
        let top = root.join(folder);
        match fs::symlink_metadata(&top) {
            Ok(meta) if meta.file_type().is_symlink() => {
                symlink(root, &top, report);
                continue;
            }
            Ok(meta) if meta.is_dir() => {}
            _ => continue,
        }
        // `follow_links(false)`: a symlinked folder is reported, never entered.
        for entry in walkdir::WalkDir::new(&top)
            .follow_links(false)
            .sort_by_file_name()
        {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let path = err.path().unwrap_or(&top);
                    unreadable(report, Code::FileType, &rel(root, path), "mappen", err);
                    continue;
                }
            };
            let path = entry.path();
            let kind = entry.file_type();
            if kind.is_symlink() {
                symlink(root, path, report);
            } else if kind.is_dir() {
            } else if !kind.is_file() {
                report.file_error(
                    Code::Symlink,
                    &rel(root, path),
                    "dette er ingen vanlig fil (men for eksempel en FIFO eller en enhet)",
                    Some("slett den; bare vanlige filer kan ligge her".into()),
                );
            } else if allowed_type(root, folder, path, report) {
                let is_content_md = *folder == "content" && extension(path) == Some("md");
                let is_people = rel(root, path) == "data/personer.toml";
                if !is_content_md && !is_people {
                    text_file(root, path, report);
                }
            }
        }
    }
}

fn symlink(root: &Path, path: &Path, report: &mut Report) {
    let target = fs::read_link(path)
        .map(|t| format!(" (til «{}»)", t.display()))
        .unwrap_or_default();
    report.file_error(
        Code::Symlink,
        &rel(root, path),
        format!("dette er en symbolsk lenke{target}; Zola ville publisere det lenken peker på, som ingen kontroll har lest"),
        Some("legg inn selve filen i stedet for en lenke til den".into()),
    );
}

/// The extension exactly as written: Zola treats only `.md` (lower case) as Markdown.
fn extension(path: &Path) -> Option<&str> {
    path.extension().and_then(|e| e.to_str())
}

/// Whether a file's type is allowed in `folder`; reports it when not.
fn allowed_type(root: &Path, folder: &str, path: &Path, report: &mut Report) -> bool {
    let rel = rel(root, path);
    let ext = extension(path).unwrap_or("");
    let lower = ext.to_ascii_lowercase();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let hidden = name.starts_with('.');
    let (ok, allowed): (bool, &[&str]) = match folder {
        "content" => (
            !hidden && (ext == "md" || CONTENT_ASSETS.contains(&lower.as_str())),
            CONTENT_ASSETS,
        ),
        "static" => (
            !hidden
                && (STATIC_ASSETS.contains(&lower.as_str())
                    || CODE_FOLDERS
                        .iter()
                        .any(|(folder, types)| rel.starts_with(folder) && types.contains(&ext))),
            STATIC_ASSETS,
        ),
        _ => return true,
    };
    if !ok {
        let what = if hidden {
            format!("skjulte filer («{name}») er ikke tillatt her")
        } else if ext.is_empty() {
            "filer uten filtype publiseres ikke".to_owned()
        } else {
            format!("filtypen «.{ext}» er ikke tillatt i {folder}/")
        };
        let md = if folder == "content" {
            "Markdown (.md) og "
        } else {
            ""
        };
        report.file_error(
            Code::FileType,
            &rel,
            format!("{what}; Zola ville publisere filen som den er, uten kontroll"),
            Some(format!(
                "tillatt her: {md}{}. Er det en sikkerhetskopi eller en fil fra Finder/Utforsker, slett den",
                allowed.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(", ")
            )),
        );
        return false;
    }
    if let Some(magic) = magic(&lower) {
        if !starts_with_any(path, magic) {
            report.file_error(
                Code::FileType,
                &rel,
                format!(
                    "filen heter «.{ext}», men innholdet er ikke en {}-fil",
                    lower.to_uppercase()
                ),
                Some("lagre filen på nytt i riktig format, eller gi den riktig filtype".into()),
            );
            return false;
        }
    }
    true
}

/// The first bytes of a file of each binary type: a file must be what its name says, or a
/// browser might guess another type (such as HTML) from its content.
fn magic(ext: &str) -> Option<&'static [&'static [u8]]> {
    Some(match ext {
        "png" => &[b"\x89PNG\r\n\x1a\n"],
        "jpg" | "jpeg" => &[b"\xff\xd8\xff"],
        "webp" => &[b"RIFF"],
        "pdf" => &[b"%PDF-"],
        "woff2" => &[b"wOF2"],
        _ => return None,
    })
}

fn starts_with_any(path: &Path, magic: &[&[u8]]) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    let n = fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    magic.iter().any(|m| head[..n].starts_with(m))
}

fn text_file(root: &Path, path: &Path, report: &mut Report) {
    let ext = extension(path).unwrap_or("").to_ascii_lowercase();
    if !TEXT.contains(&ext.as_str()) {
        return;
    }
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            unreadable(report, Code::Encoding, &rel(root, path), "filen", err);
            return;
        }
    };
    if let Some(text) = crate::site::decode(root, path, bytes, report) {
        if ext == "svg" {
            super::svg::check(&SourceFile::new(root, path, text), report);
        }
    }
}

fn rel(root: &Path, path: &Path) -> String {
    SourceFile::new(root, path, String::new()).rel
}

/// A file or folder the check could not read: reported, never passed over in silence.
fn unreadable(report: &mut Report, code: Code, path: &str, what: &str, err: impl Display) {
    report.file_error(code, path, format!("kan ikke lese {what}: {err}"), None);
}
