//! Characters that XML 1.0 forbids (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE,
//! U+FFFF) anywhere in a content file, typed or written as a TOML escape (`\f`, `\u0001`). Zola
//! prints the texts into the Atom feeds as they are, and one such character makes every feed
//! that carries the text invalid XML, which feed readers refuse whole.
//!
//! Rejected with file and line rather than stripped: such a character is always an accident
//! (pasted from a PDF or Word), it is invisible in an editor, and removing it silently would
//! publish a text that differs from the file without anyone knowing. The build checks the feeds
//! again (`finish::files`) in case one comes from elsewhere (templates, data).

use std::sync::LazyLock;

use regex::Regex;

use crate::codes::Code;
use crate::diagnostics::{Report, SourceFile};
use crate::site::Site;

/// Whether XML 1.0 forbids `c` (tab, line feed and carriage return are allowed).
pub(crate) fn forbidden_in_xml(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// The character as the report names it: "U+000C (sideskift)".
fn describe(c: char) -> String {
    let name = match c {
        '\u{0}' => " (nulltegn)",
        '\u{8}' => " (tilbake-tegn)",
        '\u{b}' => " (vertikal tabulator)",
        '\u{c}' => " (sideskift)",
        '\u{1b}' => " (escape)",
        _ => "",
    };
    format!("U+{:04X}{name}", c as u32)
}

static TOML_ESCAPE: LazyLock<Regex> = regex!(r"\\(?:[bf]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})");

pub fn check(site: &Site, report: &mut Report) {
    for (_, _, file, _) in site.documents() {
        check_file(file, report);
    }
    for (file, _) in site.sections.values() {
        check_file(file, report);
    }
}

fn check_file(file: &SourceFile, report: &mut Report) {
    const HINT: &str = "slett tegnet (det er usynlig i de fleste redigeringsprogrammer, og kommer ofte med når tekst kopieres fra PDF eller Word)";
    let mut last_line = 0;
    for (offset, c) in file
        .text
        .char_indices()
        .filter(|(_, c)| forbidden_in_xml(*c))
    {
        // One report per line is enough to find them.
        let (line, _) = file.line_col(offset);
        if line == last_line {
            continue;
        }
        last_line = line;
        report.error(
            Code::ControlChar,
            file,
            offset,
            format!(
                "tegnet {} kan ikke stå i teksten: det gjør feedene (Atom) ugyldige",
                describe(c)
            ),
            Some(HINT.into()),
        );
    }
    // Escapes are decoded before the templates print the text: look at what TOML makes of them.
    let Ok(split) = crate::frontmatter::split(&file.text) else {
        return;
    };
    if !split.front.contains('\\') {
        return;
    }
    let Ok(value) = split.front.parse::<toml::Table>() else {
        return; // reported by the front-matter check
    };
    if !strings(&toml::Value::Table(value)).any(|s| s.chars().any(forbidden_in_xml)) {
        return;
    }
    for m in TOML_ESCAPE.find_iter(split.front) {
        let code = match &m.as_str()[1..2] {
            "b" => 8,
            "f" => 12,
            _ => u32::from_str_radix(&m.as_str()[2..], 16).unwrap_or(0x20),
        };
        let Some(c) = char::from_u32(code).filter(|c| forbidden_in_xml(*c)) else {
            continue;
        };
        report.error(
            Code::ControlChar,
            file,
            split.front_offset + m.start(),
            format!(
                "«{}» blir tegnet {}, som ikke kan stå i teksten: det gjør feedene (Atom) ugyldige",
                m.as_str(),
                describe(c)
            ),
            Some("slett «".to_owned() + m.as_str() + "»"),
        );
    }
}

/// Every string in a TOML value, however deep.
fn strings(value: &toml::Value) -> Box<dyn Iterator<Item = &str> + '_> {
    match value {
        toml::Value::String(s) => Box::new(std::iter::once(s.as_str())),
        toml::Value::Array(items) => Box::new(items.iter().flat_map(strings)),
        toml::Value::Table(table) => Box::new(
            table
                .iter()
                .flat_map(|(k, v)| std::iter::once(k.as_str()).chain(strings(v))),
        ),
        _ => Box::new(std::iter::empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_xml_forbids() {
        for c in [
            '\u{0}', '\u{1}', '\u{8}', '\u{b}', '\u{c}', '\u{e}', '\u{1f}', '\u{fffe}',
        ] {
            assert!(forbidden_in_xml(c), "{c:?}");
        }
        for c in ['\t', '\n', '\r', ' ', 'ø', '\u{7f}', '\u{a0}', '\u{fffd}'] {
            assert!(!forbidden_in_xml(c), "{c:?}");
        }
    }
}
