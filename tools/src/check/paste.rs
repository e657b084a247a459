//! Text pasted from Word or a spreadsheet: bullets Markdown does not know, tab-separated tables,
//! and case numbers whose year cannot be read ("Sak 13/2/206"). Each is published silently as
//! something other than what the writer saw, so each is reported with the fix.
//!
//! The rules read the lines of the whole file (the body and the multi-line text fields of the
//! front matter, such as `vedtak`), skipping fenced code blocks. They work on lines rather than
//! parsed Markdown on purpose: a pasted bullet is a line-start matter, and the Markdown parser
//! would read "• punkt" as an ordinary paragraph without saying anything.

use std::sync::LazyLock;

use regex::Regex;

use crate::codes::Code;
use crate::diagnostics::{Report, SourceFile};
use crate::ids::{word_bounded, Edges};
use crate::site::Site;

/// Bullets Word and PDF readers leave at the start of a pasted list line: the real bullet, the
/// Symbol-font bullets from Word's private use area, and other list signs.
const BULLETS: &[char] = &[
    '•', '◦', '▪', '▫', '●', '○', '■', '□', '·', '➢', '➤', '►', '✓', '✔', '→', '\u{F0B7}',
    '\u{F0A7}', '\u{F076}', '\u{F0D8}', '\u{F0FC}', '\u{F0A8}', '\u{F06E}', '\u{F0E0}',
];
/// Dashes that start a list line in Word, but also a quotation in Norwegian ("– Vi er enige,
/// sier …"); reported only when two lines in a row start with one.
const DASHES: &[char] = &['–', '—', '‒', '−'];

/// Keys whose values quote the source as written, mistakes included.
const AS_WRITTEN_KEYS: &[&str] = &["number_as_written", "text", "title_variants", "note"];

static CASE_LIKE: LazyLock<Regex> =
    regex!(r"(?i)(?-u:\b)(?:sak(?:en|ene)?|saker|saksnr\.?)\s+(\d{1,3})([/.])(\d{1,2})[/.](\d+)");

pub fn check(site: &Site, report: &mut Report) {
    for (_, _, file, _) in site.documents() {
        check_file(file, report);
    }
}

/// One line of a file, with its byte offset.
struct Line<'a> {
    /// 0-based line number in the file.
    no: usize,
    at: usize,
    text: &'a str,
}

/// The lines outside fenced code blocks, and outside the front-matter values that quote the
/// source as written.
fn lines(file: &SourceFile) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut offset = 0;
    let mut in_front = false;
    for (i, raw) in file.text.split_inclusive('\n').enumerate() {
        let at = offset;
        offset += raw.len();
        let text = raw.trim_end_matches(['\n', '\r']);
        if text.trim_end() == "+++" && (i == 0 || in_front) {
            in_front = i == 0;
            continue;
        }
        let trimmed = text.trim_start();
        if in_front {
            let key = trimmed.split('=').next().unwrap_or("").trim();
            if AS_WRITTEN_KEYS.contains(&key) {
                continue;
            }
        }
        let first = trimmed.chars().next().unwrap_or(' ');
        let run = trimmed.chars().take_while(|c| *c == first).count();
        if let Some((c, len)) = fence {
            if first == c && run >= len && trimmed[run * c.len_utf8()..].trim().is_empty() {
                fence = None;
            }
            continue;
        }
        if !in_front && (first == '`' || first == '~') && run >= 3 {
            fence = Some((first, run));
            continue;
        }
        out.push(Line { no: i, at, text });
    }
    out
}

fn check_file(file: &SourceFile, report: &mut Report) {
    let lines = lines(file);
    let starts_with_dash = |l: &Line| {
        l.text
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| DASHES.contains(&c))
    };
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.text.trim_start();
        let indent = line.text.len() - trimmed.len();
        if let Some(first) = trimmed.chars().next() {
            let neighbour = |n: &Line| n.no.abs_diff(line.no) == 1 && starts_with_dash(n);
            let dash_list = DASHES.contains(&first)
                && (i.checked_sub(1).is_some_and(|p| neighbour(&lines[p]))
                    || lines.get(i + 1).is_some_and(neighbour));
            if BULLETS.contains(&first) || dash_list {
                report.error(
                    Code::PastedBullet,
                    file,
                    line.at + indent,
                    format!(
                        "linjen begynner med «{}», et punkttegn limt inn fra Word; det blir ikke en punktliste på nettsiden",
                        visible(first)
                    ),
                    Some("skriv «- » (bindestrek og mellomrom) i stedet for tegnet, og ha en tom linje før listen".into()),
                );
            }
        }
        if let Some(tab) = trimmed.find('\t') {
            report.error(
                Code::PastedTable,
                file,
                line.at + indent + tab,
                "tabulator inne i linjen: ser ut som en tabell limt inn fra Word eller Excel; på nettsiden blir kolonnene til én lang linje",
                Some("skriv tabellen i Markdown: «| Kolonne 1 | Kolonne 2 |», så «|---|---|», så én linje per rad (se docs/veiledning.md, «Tabeller»)".into()),
            );
        }
        for caps in CASE_LIKE.captures_iter(line.text) {
            let (Some(all), Some(year)) = (caps.get(0), caps.get(4)) else {
                continue;
            };
            if !word_bounded(line.text, all.start(), all.end(), Edges::Start) {
                continue;
            }
            let digits = year.as_str();
            let good = match digits.len() {
                2 => true,
                4 => digits.starts_with("20"),
                _ => false,
            };
            if good {
                continue;
            }
            let written = all.as_str();
            let sep = &caps[2];
            report.error(
                Code::BadCaseRef,
                file,
                line.at + year.start(),
                format!("«{written}»: årstallet «{digits}» i saksnummeret kan ikke leses"),
                Some(format!(
                    "skriv saksnummeret som «Sak {}{sep}{}{sep}ÅÅÅÅ» (for eksempel «Sak 13/2/2026») eller med to sifre («13/2/26»)",
                    &caps[1], &caps[3]
                )),
            );
        }
    }
}

/// Private-use characters show as empty boxes; name them by their code point.
fn visible(c: char) -> String {
    if ('\u{E000}'..='\u{F8FF}').contains(&c) {
        format!("U+{:04X} (Word-symbol)", c as u32)
    } else {
        c.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(Code, usize)> {
        let file = SourceFile {
            rel: "content/saker/1-1-2026.md".into(),
            text: text.into(),
        };
        let mut report = Report::default();
        check_file(&file, &mut report);
        report
            .sorted()
            .into_iter()
            .map(|d| (d.code, d.line))
            .collect()
    }

    #[test]
    fn pasted_bullets_and_dash_lists() {
        let text = "+++\ntitle = \"x\"\n+++\n• første\n\u{F0B7}\tandre\n\n– Vi er enige, sier hun.\n\n– punkt én\n– punkt to\n```\n• i kode\n```\n- riktig\n";
        assert_eq!(
            codes(text),
            [
                (Code::PastedBullet, 4),
                (Code::PastedBullet, 5),
                (Code::PastedTable, 5),
                (Code::PastedBullet, 9),
                (Code::PastedBullet, 10),
            ]
        );
    }

    #[test]
    fn malformed_years_in_case_numbers() {
        let text = "+++\nnumber_as_written = [\"Sak 13/2/206\"]\nvedtak = \"Se sak 13/2/206.\"\n+++\nSak 13/2/206 og sak 12/2/26 og sak 11/2/2026 og sak 1/1/20266.\n";
        assert_eq!(
            codes(text),
            [
                (Code::BadCaseRef, 3),
                (Code::BadCaseRef, 5),
                (Code::BadCaseRef, 5)
            ]
        );
    }
}
