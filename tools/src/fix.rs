//! `ho21 check --fix`: rewrites only what is mechanical, and only in the front matter:
//! - case and meeting numbers written the way people write them ("48/6/22", "Sak 48/6/2022",
//!   "6/2022") in fields that hold ids become ids ("48-6-2022", "2022-6");
//! - curly quotes used where TOML needs a straight one (`title = ”Møte”`, often made by Word or
//!   an e-mail program) and non-breaking spaces between the fields become plain characters.
//!   Quotes and spaces *inside* a text are part of the text and stay.
//!
//! Text and the body are never touched, and a file is written only if its front matter reads as
//! TOML afterwards (a repair that does not help leaves the file as it was).

use std::fs;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use crate::errors::{Context, Result};
use crate::frontmatter::{self, scan};
use crate::ids::parse_case_number;

/// Front-matter keys whose values are case ids.
const CASE_KEYS: &[&str] = &[
    "agenda",
    "tidligere_behandlet",
    "approved_by",
    "decided_by",
    "reported_in",
    "related_cases",
    "from_case",
    "to_case",
    "presented_in",
    "approved_in",
];
/// Keys whose values are meeting ids.
const MEETING_KEYS: &[&str] = &["meeting", "approves_minutes_of"];

static QUOTED: LazyLock<Regex> = regex!(r#""([^"\\]*)""#);

static MEETING_NUMBER: LazyLock<Regex> = regex!(r"^(?i:(?:råds)?møte\s+)?(\d{1,2})/(\d{4})$");

/// The id a value should have, if it is a number written another way.
fn normalise(key_is_case: bool, value: &str) -> Option<String> {
    if key_is_case {
        let (id, _) = parse_case_number(value)?;
        let slug = id.slug();
        (slug != value).then_some(slug)
    } else {
        let caps = MEETING_NUMBER.captures(value.trim())?;
        Some(format!("{}-{}", &caps[2], caps[1].trim_start_matches('0')))
    }
}

/// Replaces the typographic characters found by [`scan`] in `front`.
fn repair_typography(front: &str) -> (String, usize) {
    let found = scan(front).typographic;
    let mut out = front.to_owned();
    for t in found.iter().rev() {
        out.replace_range(t.at..t.at + t.found.len_utf8(), &t.replacement.to_string());
    }
    (out, found.len())
}

/// Fixes one file's front matter; returns the new text and the number of values changed.
pub(crate) fn fix_text(text: &str) -> (String, usize) {
    let Ok(parts) = frontmatter::split(text) else {
        return (text.to_owned(), 0);
    };
    let (front, typographic) = repair_typography(parts.front);
    if typographic > 0 {
        if toml::from_str::<toml::Table>(&front).is_err() {
            return (text.to_owned(), 0);
        }
        let repaired = format!(
            "{}{front}{}",
            &text[..parts.front_offset],
            &text[parts.front_offset + parts.front.len()..]
        );
        let (fixed, numbers) = fix_numbers(&repaired);
        return (fixed, typographic + numbers);
    }
    fix_numbers(text)
}

/// Rewrites case and meeting numbers in id fields.
fn fix_numbers(text: &str) -> (String, usize) {
    let Ok(parts) = frontmatter::split(text) else {
        return (text.to_owned(), 0);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..parts.front_offset]);
    let mut changes = 0;
    let mut current: Option<bool> = None; // Some(is_case) while inside an id-valued key
    for line in parts.front.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some((key, _)) = trimmed.split_once('=') {
            let key = key.trim();
            current = if CASE_KEYS.contains(&key) {
                Some(true)
            } else if MEETING_KEYS.contains(&key) {
                Some(false)
            } else {
                None
            };
        } else if trimmed.starts_with('[') && !trimmed.starts_with("[\"") {
            current = None; // a new table
        }
        let Some(is_case) = current else {
            out.push_str(line);
            continue;
        };
        let fixed = QUOTED.replace_all(line, |caps: &regex::Captures| {
            match normalise(is_case, &caps[1]) {
                Some(id) => {
                    changes += 1;
                    format!("\"{id}\"")
                }
                None => caps[0].to_owned(),
            }
        });
        out.push_str(&fixed);
    }
    // The closing `+++` line and the body, unchanged.
    out.push_str(&text[parts.front_offset + parts.front.len()..]);
    (out, changes)
}

/// Fixes every content file under `root/content`; returns (files changed, values changed).
pub fn fix_site(root: &Path) -> Result<(usize, usize)> {
    let (mut files, mut values) = (0, 0);
    for entry in walkdir::WalkDir::new(root.join("content")).sort_by_file_name() {
        let entry = entry.context("kan ikke lese content/")?;
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = fs::read_to_string(entry.path())
            .with_context(|| format!("kan ikke lese {}", entry.path().display()))?;
        let (fixed, n) = fix_text(&text);
        if n > 0 {
            fs::write(entry.path(), fixed)
                .with_context(|| format!("kan ikke skrive {}", entry.path().display()))?;
            files += 1;
            values += n;
        }
    }
    Ok((files, values))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_numbers_in_id_fields_only() {
        let text = "+++\ntitle = \"Sak 48/6/22\"\n[extra]\nmeeting = \"6/2022\"\ntidligere_behandlet = [\"Sak 42/5/22\", \"43-5-2022\"]\nagenda = [\n  \"47/6/2022\",\n]\nnumber_as_written = [\"Sak 48/6/21\"]\n+++\nSe sak 48/6/22.\n";
        let (fixed, n) = fix_text(text);
        assert_eq!(n, 3);
        assert!(fixed.contains("meeting = \"2022-6\""));
        assert!(fixed.contains("tidligere_behandlet = [\"42-5-2022\", \"43-5-2022\"]"));
        assert!(fixed.contains("  \"47-6-2022\",\n"));
        assert!(fixed.contains("title = \"Sak 48/6/22\""), "titles are text");
        assert!(
            fixed.contains("number_as_written = [\"Sak 48/6/21\"]"),
            "as written stays as written"
        );
        assert!(
            fixed.ends_with("+++\nSe sak 48/6/22.\n"),
            "closing line and body untouched"
        );
        assert_eq!(fix_text(&fixed).1, 0, "idempotent");
    }

    #[test]
    fn repairs_curly_quotes_and_nbsp_outside_texts_only() {
        let text = "+++\ntitle\u{A0}= ”Møte 2/2026”\ndescription = \"Han sa «ja» og ’nei’\u{A0}i dag\"\nplace = \"Oslo”\n[extra]\nmeeting = “2/2026”\n+++\nTekst med ”anførsel”\u{A0}her.\n";
        let (fixed, n) = fix_text(text);
        assert_eq!(
            fixed,
            "+++\ntitle = \"Møte 2/2026\"\ndescription = \"Han sa «ja» og ’nei’\u{A0}i dag\"\nplace = \"Oslo\"\n[extra]\nmeeting = \"2026-2\"\n+++\nTekst med ”anførsel”\u{A0}her.\n"
        );
        assert_eq!(n, 7);
        assert_eq!(fix_text(&fixed).1, 0, "idempotent");
    }

    #[test]
    fn a_repair_that_does_not_help_writes_nothing() {
        let text = "+++\ntitle = ”Møte\ndate = 18.03.2026\n+++\n";
        assert_eq!(fix_text(text), (text.to_owned(), 0));
    }

    #[test]
    fn finds_strings_that_never_close() {
        let front = "title = \"Møte\nplace = 'Oslo'\nagenda = [\"1-1-2026\", \"2-1-2026]\nvedtak = \"\"\"\nTo\nlinjer\"\"\"\n";
        let s = scan(front);
        assert_eq!(s.unterminated, [8, front.find("\"2-1").unwrap()]);
        assert!(s.typographic.is_empty());
    }
}
