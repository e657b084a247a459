//! `ho21 diff --old DIR --new DIR`: what a change does to the built site, for the reviewer of a
//! pull request. Compares two built sites and writes Norwegian Markdown: pages added, removed and
//! changed (title, address, and an excerpt of what changed in the text a reader sees), changes to
//! the feeds, the calendar and the open data, and other files. Two identical builds give an empty
//! string.
//!
//! Pages are read with an HTML5 tokenizer (html5gum): the visible text is the text outside
//! `<head>`, `<script>`, `<style>` and `<template>`, one line per block element, so a change in
//! markup alone (a class, minification) is not a change. The search index (`pagefind/`) is left
//! out: it changes with every text change and says nothing new.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use crate::errors::{Context, Result};
use html5gum::{Token, Tokenizer};

/// Lines shown per changed page, added and removed each.
const EXCERPT_LINES: usize = 3;
/// Characters shown per excerpt line.
const EXCERPT_CHARS: usize = 160;
/// Lines compared per page with the exact line diff; longer pages fall back to set difference.
const DIFF_LIMIT: usize = 4000;

/// The text a reader sees on one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageText {
    pub title: String,
    pub lines: Vec<String>,
}

/// Reads the title (the first `<h1>`, else `<title>`) and the visible text of an HTML page.
pub fn page_text(html: &str) -> PageText {
    const SKIPPED: [&[u8]; 6] = [
        b"head",
        b"script",
        b"style",
        b"template",
        b"noscript",
        b"svg",
    ];
    const BLOCKS: [&[u8]; 34] = [
        b"p",
        b"div",
        b"li",
        b"ul",
        b"ol",
        b"dl",
        b"dt",
        b"dd",
        b"h1",
        b"h2",
        b"h3",
        b"h4",
        b"h5",
        b"h6",
        b"tr",
        b"td",
        b"th",
        b"table",
        b"section",
        b"article",
        b"header",
        b"footer",
        b"nav",
        b"main",
        b"aside",
        b"blockquote",
        b"pre",
        b"summary",
        b"details",
        b"figure",
        b"figcaption",
        b"br",
        b"hr",
        b"caption",
    ];
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut skip: Vec<Vec<u8>> = Vec::new();
    let (mut in_title, mut in_h1) = (false, false);
    let (mut title, mut h1) = (String::new(), None::<String>);
    let flush = |line: &mut String, lines: &mut Vec<String>| {
        let text = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            lines.push(text);
        }
        line.clear();
    };
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name: &[u8] = &tag.name;
                if name == b"title" {
                    in_title = true;
                } else if SKIPPED.contains(&name) && !tag.self_closing {
                    skip.push(name.to_vec());
                } else if skip.is_empty() {
                    if BLOCKS.contains(&name) {
                        flush(&mut line, &mut lines);
                    }
                    if name == b"h1" && h1.is_none() {
                        in_h1 = true;
                        h1 = Some(String::new());
                    }
                }
            }
            Token::EndTag(tag) => {
                let name: &[u8] = &tag.name;
                if name == b"title" {
                    in_title = false;
                } else if skip.last().is_some_and(|s| s == name) {
                    skip.pop();
                } else if skip.is_empty() {
                    if BLOCKS.contains(&name) {
                        flush(&mut line, &mut lines);
                    }
                    if name == b"h1" {
                        in_h1 = false;
                    }
                }
            }
            Token::String(text) => {
                let text = String::from_utf8_lossy(&text);
                if in_title {
                    title.push_str(&text);
                } else if skip.is_empty() {
                    line.push_str(&text);
                    if in_h1 {
                        if let Some(h1) = h1.as_mut() {
                            h1.push_str(&text);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    flush(&mut line, &mut lines);
    let title = h1
        .filter(|h| !h.trim().is_empty())
        .unwrap_or(title)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    PageText { title, lines }
}

/// What kind of output a built file is, for the sections of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Page,
    /// Feeds, the calendar and the open data: text files compared line by line.
    Data,
    Other,
}

fn kind(rel: &str) -> Kind {
    let ext = rel.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" => Kind::Page,
        "xml" | "ics" | "json" | "csv" => Kind::Data,
        _ => Kind::Other,
    }
}

/// Every file of a built site, by path relative to its root ("/"-separated), without the search
/// index.
fn files(root: &Path) -> Result<BTreeMap<String, PathBuf>> {
    if !root.is_dir() {
        return Err(format!("fant ikke mappen {}", root.display()).into());
    }
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.with_context(|| format!("kunne ikke lese {}", root.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(root)
            .expect("inside root")
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if rel.starts_with("pagefind/") {
            continue;
        }
        out.insert(rel, entry.path().to_path_buf());
    }
    Ok(out)
}

/// The address of a built file: `moter/2026-1/index.html` → `/moter/2026-1/`.
fn url(rel: &str) -> String {
    match rel.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{rel}"),
    }
}

/// Lines only in `old` and only in `new`, in order: a longest-common-subsequence diff, or a set
/// difference for very long inputs.
fn changed_lines<'a>(old: &'a [String], new: &'a [String]) -> (Vec<&'a str>, Vec<&'a str>) {
    if old.len() > DIFF_LIMIT || new.len() > DIFF_LIMIT {
        let (o, n): (BTreeSet<&str>, BTreeSet<&str>) = (
            old.iter().map(String::as_str).collect(),
            new.iter().map(String::as_str).collect(),
        );
        return (
            old.iter()
                .map(String::as_str)
                .filter(|l| !n.contains(l))
                .collect(),
            new.iter()
                .map(String::as_str)
                .filter(|l| !o.contains(l))
                .collect(),
        );
    }
    // Trim the common start and end first: most changes touch a few lines of a long page.
    let start = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let end = old[start..]
        .iter()
        .rev()
        .zip(new[start..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (a, b) = (&old[start..old.len() - end], &new[start..new.len() - end]);
    let mut table = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            table[i][j] = if a[i] == b[j] {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || table[i][j + 1] >= table[i + 1][j]) {
            added.push(b[j].as_str());
            j += 1;
        } else {
            removed.push(a[i].as_str());
            i += 1;
        }
    }
    (removed, added)
}

/// Text from the site shown as text in Markdown: never as markup, links or emphasis.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn excerpt(line: &str) -> String {
    let mut short: String = line.chars().take(EXCERPT_CHARS).collect();
    if short.len() < line.len() {
        short.push('…');
    }
    escape(&short)
}

fn excerpts(out: &mut String, label: &str, lines: &[&str]) {
    for line in lines.iter().take(EXCERPT_LINES) {
        let _ = writeln!(out, "  - {label}: «{}»", excerpt(line));
    }
    if lines.len() > EXCERPT_LINES {
        let _ = writeln!(out, "  - … og {} linjer til", lines.len() - EXCERPT_LINES);
    }
}

fn page_link(title: &str, rel: &str) -> String {
    let title = if title.is_empty() {
        "(uten tittel)"
    } else {
        title
    };
    format!("**{}** `{}`", escape(title), url(rel))
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What one comparison of two built sites found.
pub struct SiteDiff {
    /// The report as Markdown, empty when nothing a reader can see changed.
    pub report: String,
    /// The addresses of the pages that are new or differ in any byte, markup included: what the
    /// browser tests must look at again.
    pub touched: Vec<String>,
}

/// Compares two built sites in one pass over their files: the report and the touched pages.
pub fn compare(old_root: &Path, new_root: &Path) -> Result<SiteDiff> {
    let (old, new) = (files(old_root)?, files(new_root)?);
    let mut touched = Vec::new();
    let read = |p: &Path| fs::read(p).with_context(|| format!("kunne ikke lese {}", p.display()));
    let text = |p: &Path| read(p).map(|b| String::from_utf8_lossy(&b).into_owned());

    let (mut added, mut removed, mut changed) = (String::new(), String::new(), String::new());
    let (mut n_added, mut n_removed, mut n_changed) = (0, 0, 0);
    let mut data = String::new();
    let mut other = String::new();
    for (rel, path) in &new {
        let Some(old_path) = old.get(rel) else {
            match kind(rel) {
                Kind::Page => {
                    touched.push(url(rel));
                    let page = page_text(&text(path)?);
                    n_added += 1;
                    let _ = writeln!(added, "- {}", page_link(&page.title, rel));
                    // The first line under the heading, past the navigation.
                    let heading = page.lines.iter().position(|l| *l == page.title);
                    let first = page.lines[heading.map_or(0, |h| h + 1)..]
                        .iter()
                        .find(|l| **l != page.title);
                    if let Some(first) = first {
                        let _ = writeln!(added, "  - «{}»", excerpt(first));
                    }
                }
                Kind::Data => {
                    let _ = writeln!(data, "- `{}`: ny fil", escape(rel));
                }
                Kind::Other => {
                    let _ = writeln!(other, "- `{}`: ny fil", escape(rel));
                }
            }
            continue;
        };
        let (old_bytes, new_bytes) = (read(old_path)?, read(path)?);
        if old_bytes == new_bytes {
            continue;
        }
        match kind(rel) {
            Kind::Page => {
                touched.push(url(rel));
                let (before, after) = (
                    page_text(&String::from_utf8_lossy(&old_bytes)),
                    page_text(&String::from_utf8_lossy(&new_bytes)),
                );
                if before == after {
                    continue; // markup only
                }
                n_changed += 1;
                let (gone, came) = changed_lines(&before.lines, &after.lines);
                let _ = writeln!(changed, "- {}", page_link(&after.title, rel));
                if before.title != after.title {
                    let _ = writeln!(changed, "  - tittel før: «{}»", excerpt(&before.title));
                }
                excerpts(&mut changed, "ny tekst", &came);
                excerpts(&mut changed, "fjernet tekst", &gone);
            }
            Kind::Data if rel.ends_with(".xml") => {
                let (before, after) = (
                    String::from_utf8_lossy(&old_bytes),
                    String::from_utf8_lossy(&new_bytes),
                );
                if let (Some(before), Some(after)) = (feed_entries(&before), feed_entries(&after)) {
                    feed_changes(&mut data, rel, &before, &after);
                } else {
                    data_lines(&mut data, rel, &old_bytes, &new_bytes);
                }
            }
            Kind::Data => data_lines(&mut data, rel, &old_bytes, &new_bytes),
            Kind::Other => {
                let _ = writeln!(other, "- `{}`: endret", escape(rel));
            }
        }
    }
    for (rel, path) in &old {
        if new.contains_key(rel) {
            continue;
        }
        match kind(rel) {
            Kind::Page => {
                let page = page_text(&text(path)?);
                n_removed += 1;
                let _ = writeln!(removed, "- {}", page_link(&page.title, rel));
            }
            Kind::Data => {
                let _ = writeln!(data, "- `{}`: fjernet", escape(rel));
            }
            Kind::Other => {
                let _ = writeln!(other, "- `{}`: fjernet", escape(rel));
            }
        }
    }

    let mut out = String::new();
    let sections = [
        (format!("Nye sider ({n_added})"), added),
        (format!("Fjernede sider ({n_removed})"), removed),
        (format!("Endrede sider ({n_changed})"), changed),
        ("Feeder, kalender og åpne data".to_owned(), data),
        ("Andre filer".to_owned(), other),
    ];
    for (title, body) in sections {
        if !body.is_empty() {
            let _ = write!(out, "### {title}\n\n{body}\n");
        }
    }
    let report = if out.is_empty() {
        out
    } else {
        format!(
            "## Endringer på nettstedet\n\n{} nye, {} fjernede og {} endrede sider.\n\n{out}",
            n_added, n_removed, n_changed
        )
    };
    Ok(SiteDiff { report, touched })
}

/// A data file (calendar, open data, a non-feed XML file) compared line by line.
fn data_lines(out: &mut String, rel: &str, old: &[u8], new: &[u8]) {
    let lines = |b: &[u8]| {
        String::from_utf8_lossy(b)
            .lines()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let (before, after) = (lines(old), lines(new));
    let (gone, came) = changed_lines(&before, &after);
    let _ = writeln!(
        out,
        "- `{}`: {} lagt til, {} fjernet",
        escape(rel),
        count(came.len(), "linje", "linjer"),
        count(gone.len(), "linje", "linjer")
    );
    excerpts(out, "ny", &came);
    excerpts(out, "fjernet", &gone);
}

/// One entry of an Atom feed, as a reader of the feed sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FeedEntry {
    title: String,
    /// The visible text of the entry's content, by block.
    lines: Vec<String>,
}

/// The entries of an Atom feed by `<id>`, or `None` when the file is not an Atom feed.
fn feed_entries(xml: &str) -> Option<BTreeMap<String, FeedEntry>> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut entries = BTreeMap::new();
    let (mut is_feed, mut in_entry) = (false, false);
    // The element whose text is being read, and that text, escapes still in it.
    let mut field: Option<Vec<u8>> = None;
    let mut raw = String::new();
    let (mut id, mut title, mut content) = (String::new(), String::new(), String::new());
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_vec();
                match name.as_slice() {
                    b"feed" => is_feed = true,
                    b"entry" => {
                        in_entry = true;
                        (id, title, content) = Default::default();
                    }
                    b"id" | b"title" | b"content" if in_entry => {
                        field = Some(name);
                        raw.clear();
                    }
                    _ => {}
                }
            }
            Event::Text(t) if field.is_some() => raw.push_str(&t.decode().ok()?),
            Event::GeneralRef(r) if field.is_some() => {
                raw.push('&');
                raw.push_str(&r.decode().ok()?);
                raw.push(';');
            }
            Event::CData(c) if field.is_some() => {
                raw.push_str(&quick_xml::escape::escape(c.decode().ok()?.as_ref()))
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"entry" => {
                    in_entry = false;
                    let text = page_text(&format!("<body>{content}</body>"));
                    // Atom requires an id; without one, the title names the entry.
                    let key = if id.is_empty() {
                        title.clone()
                    } else {
                        std::mem::take(&mut id)
                    };
                    entries.insert(
                        key,
                        FeedEntry {
                            title: std::mem::take(&mut title),
                            lines: text.lines,
                        },
                    );
                }
                name if field.as_deref() == Some(name) => {
                    let value = quick_xml::escape::unescape(&raw).ok()?.trim().to_owned();
                    match name {
                        b"id" => id = value,
                        b"title" => title = value,
                        _ => content = value,
                    }
                    field = None;
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    is_feed.then_some(entries)
}

/// What changed in a feed, by entry: new, removed and changed entries with their titles and the
/// changed text (the feed's markup is escaped HTML; a line diff of it would be noise).
fn feed_changes(
    out: &mut String,
    rel: &str,
    old: &BTreeMap<String, FeedEntry>,
    new: &BTreeMap<String, FeedEntry>,
) {
    let mut lines = Vec::new();
    for (id, entry) in new {
        match old.get(id) {
            None => lines.push(format!("  - ny oppføring: «{}»", excerpt(&entry.title))),
            Some(before) if before != entry => {
                lines.push(format!("  - endret oppføring: «{}»", excerpt(&entry.title)));
                let (gone, came) = changed_lines(&before.lines, &entry.lines);
                for line in came.iter().take(EXCERPT_LINES) {
                    lines.push(format!("    - ny tekst: «{}»", excerpt(line)));
                }
                for line in gone.iter().take(EXCERPT_LINES) {
                    lines.push(format!("    - fjernet tekst: «{}»", excerpt(line)));
                }
            }
            Some(_) => {}
        }
    }
    for (id, entry) in old {
        if !new.contains_key(id) {
            lines.push(format!(
                "  - fjernet oppføring: «{}»",
                excerpt(&entry.title)
            ));
        }
    }
    if lines.is_empty() {
        return; // only the feed's markup or dates changed
    }
    let _ = writeln!(out, "- `{}`:", escape(rel));
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The report alone, as Markdown.
    fn diff_sites(old_root: &Path, new_root: &Path) -> Result<String> {
        compare(old_root, new_root).map(|d| d.report)
    }

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            let path = dir.path().join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        dir
    }

    fn page(title: &str, body: &str) -> String {
        format!(
            "<!doctype html><html lang=nb><head><title>{title} – HO21</title>\
             <style>p{{color:red}}</style><script src=/x.js></script></head>\
             <body><nav><a href=/>Forsiden</a></nav><main><h1>{title}</h1>{body}</main></body></html>"
        )
    }

    #[test]
    fn visible_text_is_read_by_block_without_head_scripts_or_markup() {
        let text = page_text(&page(
            "Sak 5/1/2026",
            "<p>Rådet <em>vedtok</em>\n  saken.<p>Neste<br>linje<script>var x = '<p>nei';</script>",
        ));
        assert_eq!(text.title, "Sak 5/1/2026");
        assert_eq!(
            text.lines,
            [
                "Forsiden",
                "Sak 5/1/2026",
                "Rådet vedtok saken.",
                "Neste",
                "linje"
            ]
        );
        // A page without h1 takes its <title>.
        assert_eq!(page_text("<title> A  b </title><p>x").title, "A b");
        // Entities are decoded.
        assert_eq!(page_text("<p>a &amp; b&nbsp;c").lines, ["a & b c"]);
    }

    #[test]
    fn identical_sites_and_markup_only_changes_give_an_empty_diff() {
        let a = site(&[("om/index.html", &page("Om", "<p>Tekst"))]);
        let b = site(&[("om/index.html", &page("Om", "<p>Tekst"))]);
        assert_eq!(diff_sites(a.path(), b.path()).unwrap(), "");
        let c = site(&[(
            "om/index.html",
            &page("Om", "<p class=\"ny\">Tekst</p>").replace("color:red", "color:blue"),
        )]);
        assert_eq!(diff_sites(a.path(), c.path()).unwrap(), "");
        // The search index is left out.
        let d = site(&[
            ("om/index.html", &page("Om", "<p>Tekst")),
            ("pagefind/x.pf_index", "bin"),
        ]);
        assert_eq!(diff_sites(a.path(), d.path()).unwrap(), "");
    }

    #[test]
    fn pages_added_removed_and_changed_with_title_url_and_excerpt() {
        let old = site(&[
            (
                "om/index.html",
                &page("Om rådet", "<p>Rådet har ti medlemmer.<p>Sekretariat"),
            ),
            ("gammel/index.html", &page("Gammel", "<p>Borte")),
            (
                "atom.xml",
                "<feed>\n<entry><title>A</title></entry>\n</feed>\n",
            ),
            ("vedlegg/a.pdf", "%PDF-1"),
        ]);
        let new = site(&[
            ("om/index.html", &page("Om rådet", "<p>Rådet har tolv medlemmer.<p>Sekretariat")),
            ("moter/2026-2/index.html", &page("Møte 2/2026", "<p>Dato: 4. mars 2026")),
            (
                "atom.xml",
                "<feed>\n<entry><title>Møte 2/2026</title></entry>\n<entry><title>A</title></entry>\n</feed>\n",
            ),
            ("vedlegg/a.pdf", "%PDF-2"),
        ]);
        let diff = diff_sites(old.path(), new.path()).unwrap();
        assert!(
            diff.starts_with("## Endringer på nettstedet\n\n1 nye, 1 fjernede og 1 endrede sider."),
            "{diff}"
        );
        assert!(
            diff.contains(
                "### Nye sider (1)\n\n- **Møte 2/2026** `/moter/2026-2/`\n  - «Dato: 4. mars 2026»"
            ),
            "{diff}"
        );
        assert!(
            diff.contains("### Fjernede sider (1)\n\n- **Gammel** `/gammel/`"),
            "{diff}"
        );
        assert!(diff.contains("- **Om rådet** `/om/`\n  - ny tekst: «Rådet har tolv medlemmer.»\n  - fjernet tekst: «Rådet har ti medlemmer.»\n"), "{diff}");
        assert!(
            !diff.contains("Sekretariat"),
            "unchanged lines are not excerpts: {diff}"
        );
        assert!(
            diff.contains("- `atom.xml`:\n  - ny oppføring: «Møte 2/2026»\n"),
            "{diff}"
        );
        assert!(
            diff.contains("### Andre filer\n\n- `vedlegg/a.pdf`: endret"),
            "{diff}"
        );
    }

    #[test]
    fn site_text_cannot_inject_markdown_or_html() {
        let old = site(&[("a/index.html", &page("A", "<p>x"))]);
        let new = site(&[(
            "a/index.html",
            &page(
                "A",
                "<p>[klikk](https://evil.example) &lt;img src=x onerror=alert(1)&gt;",
            ),
        )]);
        let diff = diff_sites(old.path(), new.path()).unwrap();
        assert!(
            diff.contains("\\[klikk\\]\\(https://evil.example\\) &lt;img"),
            "{diff}"
        );
        assert!(!diff.contains("<img"), "{diff}");
    }

    #[test]
    fn line_diff_reports_only_the_changed_lines_in_order() {
        let v = |s: &str| s.split(' ').map(str::to_owned).collect::<Vec<_>>();
        let (old, new) = (v("a b c d e"), v("a x c d y e z"));
        let (gone, came) = changed_lines(&old, &new);
        assert_eq!(gone, ["b"]);
        assert_eq!(came, ["x", "y", "z"]);
        let (gone, came) = changed_lines(&old, &old);
        assert!(gone.is_empty() && came.is_empty());
    }

    /// A site with only an Atom feed of these entries: (id, title, HTML content).
    fn feed_site(entries: &[(&str, &str, &str)]) -> tempfile::TempDir {
        let mut xml = String::from("<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>HO21</title>");
        for (id, title, html) in entries {
            let html = html
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            xml.push_str(&format!("<entry><title>{title}</title><id>{id}</id><content type=\"html\">{html}</content></entry>"));
        }
        site(&[("atom.xml", &(xml + "</feed>"))])
    }

    #[test]
    fn feeds_are_compared_by_entry_and_visible_text() {
        let unchanged = ("b", "Sak B", "<p>Uendret &amp; lik</p>");
        let old = feed_site(&[
            ("a", "Sak A", "<p>Gammel tekst</p>"),
            unchanged,
            ("c", "Sak C", "<p>Borte</p>"),
        ]);
        let new = feed_site(&[
            ("a", "Sak A", "<p>Ny tekst</p>"),
            unchanged,
            ("d", "Sak D &amp; mer", "<p>Helt ny</p>"),
        ]);
        let report = diff_sites(old.path(), new.path()).unwrap();
        assert!(report.contains("  - endret oppføring: «Sak A»"), "{report}");
        assert!(report.contains("    - ny tekst: «Ny tekst»"), "{report}");
        assert!(
            report.contains("    - fjernet tekst: «Gammel tekst»"),
            "{report}"
        );
        assert!(
            report.contains("  - ny oppføring: «Sak D & mer»")
                || report.contains("  - ny oppføring: «Sak D &amp; mer»"),
            "{report}"
        );
        assert!(
            report.contains("  - fjernet oppføring: «Sak C»"),
            "{report}"
        );
        assert!(!report.contains("Sak B"), "{report}");
        assert!(!report.contains("&lt;p"), "markup noise: {report}");
    }

    #[test]
    fn touched_pages_are_the_new_and_changed_ones_markup_included() {
        let old = site(&[
            ("index.html", &page("Forside", "<p>Hei</p>")),
            ("a/index.html", &page("A", "<p>Samme</p>")),
            ("b/index.html", &page("B", "<p>Tekst</p>")),
            ("gone/index.html", &page("Borte", "<p>x</p>")),
        ]);
        let new = site(&[
            ("index.html", &page("Forside", "<p>Hei</p>")),
            ("a/index.html", &page("A", "<p class=\"ny\">Samme</p>")),
            ("b/index.html", &page("B", "<p>Tekst</p>")),
            ("c/index.html", &page("C", "<p>Ny</p>")),
            ("feed.xml", "<feed/>"),
        ]);
        assert_eq!(
            compare(old.path(), new.path()).unwrap().touched,
            ["/a/", "/c/"]
        );
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_it() {
        let a = site(&[]);
        let err = diff_sites(a.path(), Path::new("finnes/ikke")).unwrap_err();
        assert!(err.to_string().contains("finnes/ikke"), "{err}");
    }
}
