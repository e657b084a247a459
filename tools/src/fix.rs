//! `ho21 check --fix`: rewrites only what is mechanical: case and meeting numbers written the
//! way people write them ("48/6/22", "Sak 48/6/2022", "6/2022") in fields that hold ids become
//! ids ("48-6-2022", "2022-6"). Text is never touched.

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use regex::Regex;

use crate::frontmatter;
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

fn quoted() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r#""([^"\\]*)""#).expect("valid regex"))
}

fn meeting_number() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?i:(?:råds)?møte\s+)?(\d{1,2})/(\d{4})$").expect("valid regex")
    })
}

/// The id a value should have, if it is a number written another way.
fn normalise(key_is_case: bool, value: &str) -> Option<String> {
    if key_is_case {
        let (id, _) = parse_case_number(value)?;
        let slug = id.slug();
        (slug != value).then_some(slug)
    } else {
        let caps = meeting_number().captures(value.trim())?;
        Some(format!("{}-{}", &caps[2], caps[1].trim_start_matches('0')))
    }
}

/// Fixes one file's front matter; returns the new text and the number of values changed.
pub fn fix_text(text: &str) -> (String, usize) {
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
        let fixed = quoted().replace_all(line, |caps: &regex::Captures| {
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
pub fn fix_site(root: &Path) -> Result<(usize, usize), String> {
    let (mut files, mut values) = (0, 0);
    for entry in walkdir::WalkDir::new(root.join("content")).sort_by_file_name() {
        let entry = entry.map_err(|e| e.to_string())?;
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = fs::read_to_string(entry.path())
            .map_err(|e| format!("{}: {e}", entry.path().display()))?;
        let (fixed, n) = fix_text(&text);
        if n > 0 {
            fs::write(entry.path(), fixed)
                .map_err(|e| format!("{}: {e}", entry.path().display()))?;
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
}
