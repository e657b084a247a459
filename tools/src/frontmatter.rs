//! Splits a content file into TOML front matter and Markdown body, and deserialises the front
//! matter into a typed struct, turning serde's errors into located, plain-language diagnostics.

use serde::de::DeserializeOwned;

use crate::codes::Code;
use crate::diagnostics::{Report, SourceFile};

/// The two halves of a content file.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    pub front: &'a str,
    /// Byte offset of `front` in the file.
    pub front_offset: usize,
    pub body: &'a str,
    pub body_offset: usize,
}

pub fn split(text: &str) -> Result<Split<'_>, &'static str> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "+++" {
        return Err("filen må begynne med en linje `+++`, så feltene, så en ny linje `+++`");
    }
    let front_offset = (first_line_end + 1).min(text.len());
    let mut offset = front_offset;
    for line in text[front_offset..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body_offset = offset + line.len();
            return Ok(Split {
                front: &text[front_offset..offset],
                front_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err("fant ingen avsluttende linje `+++` etter feltene")
}

/// Parses the front matter of `file` into `T`, reporting a failure in `report`.
pub fn parse<'f, T: DeserializeOwned>(
    file: &'f SourceFile,
    report: &mut Report,
) -> Option<(T, Split<'f>)> {
    let parts = match split(&file.text) {
        Ok(parts) => parts,
        Err(message) => {
            report.error(Code::FrontMatter, file, 0, message, None);
            return None;
        }
    };
    match toml::from_str::<T>(parts.front) {
        Ok(value) => Some((value, parts)),
        Err(err) => {
            let offset = parts.front_offset + err.span().map_or(0, |s| s.start);
            if !explain_by_text(file, &parts, offset, report) {
                let (code, message, hint) = explain(err.message());
                report.error(code, file, offset, message, hint);
            }
            None
        }
    }
}

/// Names the usual causes of a TOML error by looking at the text itself, where the parser's
/// message would be unhelpful: curly quotes and non-breaking spaces (often pasted from Word), a
/// text without its closing quote (the parser points at the end, we point at the start), and a
/// date written the Norwegian way. Returns whether it reported something.
fn explain_by_text(
    file: &SourceFile,
    parts: &Split<'_>,
    offset: usize,
    report: &mut Report,
) -> bool {
    let scan = scan(parts.front);
    for t in &scan.typographic {
        report.error(
            Code::TypographicChar,
            file,
            parts.front_offset + t.at,
            if t.replacement == ' ' {
                format!("{} der TOML krever et vanlig mellomrom", t.name())
            } else {
                format!("{} («{}») der TOML krever «{}»", t.name(), t.found, t.replacement)
            },
            Some(format!(
                "`ho21 check --fix` retter det; eller skriv et vanlig {} (slå av «smarte anførselstegn» i programmet du skriver i)",
                if t.replacement == ' ' { "mellomrom" } else { "anførselstegn fra tastaturet" }
            )),
        );
    }
    if !scan.typographic.is_empty() {
        return true;
    }
    if let Some(open) = scan.unterminated.first() {
        report.error(
            Code::FrontMatter,
            file,
            parts.front_offset + open,
            "teksten som begynner her, mangler avsluttende anførselstegn",
            Some("sett \" på slutten av teksten, på samme linje; tekst over flere linjer skrives mellom \"\"\" og \"\"\"".into()),
        );
        return true;
    }
    // A date as `18.03.2026` or `"18.03.2026"` on the line of the error.
    let (line, _) = file.line_col(offset);
    if let Some(caps) = line_text_date(file.line_text(line).unwrap_or("")) {
        let (day, month, year) = caps;
        let start = file.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let at = file
            .find_from(start, &format!("{day}.{month}."))
            .unwrap_or(offset);
        report.error(
            Code::BadDate,
            file,
            at,
            format!(
                "datoen «{day}.{month}.{year}» er skrevet på norsk måte; feltene krever ÅÅÅÅ-MM-DD"
            ),
            Some(format!(
                "skriv {year}-{month:0>2}-{day:0>2} (uten anførselstegn)"
            )),
        );
        return true;
    }
    false
}

/// `(day, month, year)` of a date written `18.03.2026` after `=` on a front-matter line.
fn line_text_date(line: &str) -> Option<(String, String, String)> {
    let value = line.split_once('=')?.1.trim().trim_matches(['"', '\'']);
    let mut parts = value.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    (parts.next().is_none() && digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4))
        .then(|| (d.to_owned(), m.to_owned(), y.to_owned()))
}

/// Turns a serde/TOML message into a code, a message and a hint.
pub(crate) fn explain(raw: &str) -> (Code, String, Option<String>) {
    let raw = raw.trim();
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let candidates = backticked(expected);
        let hint = closest(field, &candidates)
            .map(|c| format!("mente du `{c}`?"))
            .or_else(|| {
                (!candidates.is_empty())
                    .then(|| format!("tillatte felt her: {}", candidates.join(", ")))
            });
        return (Code::UnknownField, format!("ukjent felt `{field}`"), hint);
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (
            Code::MissingField,
            format!("feltet `{field}` mangler"),
            Some(if field == "extra" {
                "legg til en linje [extra] og sidetypens felt under den (se docs/veiledning.md)"
                    .to_owned()
            } else {
                format!("legg til `{field} = …`")
            }),
        );
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let (value, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let candidates = backticked(expected);
        let hint = closest(value, &candidates)
            .map(|c| format!("mente du «{c}»?"))
            .or_else(|| Some(format!("tillatte verdier: {}", candidates.join(", "))));
        return (
            Code::BadValue,
            format!("«{value}» er ikke en tillatt verdi"),
            hint,
        );
    }
    if raw.starts_with("invalid type") {
        return (
            Code::WrongType,
            format!("feil type verdi: {}", translate_type(raw)),
            None,
        );
    }
    if raw.contains("date") || raw.contains("time") {
        return (
            Code::BadDate,
            if raw.contains("out of range") {
                "datoen finnes ikke i kalenderen".to_owned()
            } else {
                format!("ugyldig dato eller tid ({raw})")
            },
            Some("skriv datoer som ÅÅÅÅ-MM-DD uten anførselstegn".into()),
        );
    }
    (
        Code::FrontMatter,
        format!("TOML-feil i feltene: {raw}"),
        None,
    )
}

fn translate_type(raw: &str) -> String {
    raw.replace("invalid type: ", "")
        .replace("expected", "forventet")
        .replace("a string", "tekst")
        .replace("string", "tekst")
        .replace("a sequence", "en liste")
        .replace("sequence", "liste")
        .replace("integer", "heltall")
        .replace("a boolean", "true/false")
        .replace("boolean", "true/false")
        .replace("map", "tabell")
        .replace(
            "a TOML datetime",
            "en dato (ÅÅÅÅ-MM-DD, uten anførselstegn)",
        )
}

fn backticked(s: &str) -> Vec<String> {
    s.split('`').skip(1).step_by(2).map(str::to_owned).collect()
}

/// The candidate nearest to `word` by edit distance, if it is close enough to be a typo.
pub(crate) fn closest<'a>(word: &str, candidates: &'a [String]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(&word.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.as_str())
}

pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// A character in the front matter that TOML does not accept where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Typographic {
    /// Byte offset in the front matter.
    pub at: usize,
    pub found: char,
    /// What TOML needs instead.
    pub replacement: char,
}

impl Typographic {
    /// Its name in Norwegian, for the report.
    pub fn name(&self) -> &'static str {
        match self.replacement {
            ' ' => "hardt mellomrom (non-breaking space)",
            '"' => "krøllete anførselstegn",
            _ => "krøllete apostrof",
        }
    }
}

/// What a scan of the front matter found, without parsing it as TOML.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Scan {
    pub typographic: Vec<Typographic>,
    /// Where each one-line text that is never closed starts (the opening quote).
    pub unterminated: Vec<usize>,
}

const NBSP: &[char] = &['\u{A0}', '\u{202F}', '\u{2007}'];
const CURLY_DOUBLE: &[char] = &['“', '”', '„', '«', '»', '″'];
const CURLY_SINGLE: &[char] = &['‘', '’', '‚'];

/// Walks the front matter like a TOML reader does (strings, comments), noting typographic
/// characters outside strings and strings that never close.
pub fn scan(front: &str) -> Scan {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Out,
        Comment,
        /// A one-line string opened at this offset with this quote.
        Line(usize, char),
        /// A string opened with a curly quote.
        Curly(usize, char),
        Multi(&'static str),
    }
    let mut found = Scan::default();
    let mut state = State::Out;
    let mut chars = front.char_indices().peekable();
    // The last curly double quote inside the current one-line string: if the line ends without
    // a straight closing quote, that was the closing quote.
    let mut curly_in_line: Option<(usize, char)> = None;
    while let Some((at, c)) = chars.next() {
        match state {
            State::Out => {
                if c == '#' {
                    state = State::Comment;
                } else if c == '"' || c == '\'' {
                    let triple = if c == '"' { "\"\"\"" } else { "'''" };
                    if front[at..].starts_with(triple) {
                        chars.next();
                        chars.next();
                        state = State::Multi(triple);
                    } else {
                        state = State::Line(at, c);
                        curly_in_line = None;
                    }
                } else if NBSP.contains(&c) {
                    found.typographic.push(Typographic {
                        at,
                        found: c,
                        replacement: ' ',
                    });
                } else if CURLY_DOUBLE.contains(&c) || CURLY_SINGLE.contains(&c) {
                    let replacement = if CURLY_DOUBLE.contains(&c) { '"' } else { '\'' };
                    found.typographic.push(Typographic {
                        at,
                        found: c,
                        replacement,
                    });
                    state = State::Curly(at, replacement);
                }
            }
            State::Comment => {
                if c == '\n' {
                    state = State::Out;
                }
            }
            State::Line(open, quote) => {
                if c == '\\' && quote == '"' {
                    chars.next();
                } else if c == quote {
                    state = State::Out;
                } else if c == '\n' {
                    match curly_in_line.take() {
                        Some((at, found_char)) if quote == '"' => {
                            found.typographic.push(Typographic {
                                at,
                                found: found_char,
                                replacement: '"',
                            });
                        }
                        _ => found.unterminated.push(open),
                    }
                    state = State::Out;
                } else if quote == '"' && CURLY_DOUBLE.contains(&c) {
                    curly_in_line = Some((at, c));
                }
            }
            State::Curly(open, replacement) => {
                let closes = if replacement == '"' {
                    CURLY_DOUBLE.contains(&c) || c == '"'
                } else {
                    CURLY_SINGLE.contains(&c) || c == '\''
                };
                if closes {
                    if c != replacement {
                        found.typographic.push(Typographic {
                            at,
                            found: c,
                            replacement,
                        });
                    }
                    state = State::Out;
                } else if c == '\n' {
                    found.unterminated.push(open);
                    state = State::Out;
                }
            }
            State::Multi(triple) => {
                if c == '\\' && triple.starts_with('"') {
                    chars.next();
                } else if front[at..].starts_with(triple) {
                    chars.next();
                    chars.next();
                    state = State::Out;
                }
            }
        }
    }
    if let State::Line(open, _) | State::Curly(open, _) = state {
        found.unterminated.push(open);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let s = split("+++\ntitle = \"x\"\n+++\nBody\n").unwrap();
        assert_eq!(s.front, "title = \"x\"\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.front_offset, 4);
        assert!(split("title = 1\n").is_err());
        assert!(split("+++\ntitle = 1\n").is_err());
    }

    #[test]
    fn explains_unknown_fields_with_a_suggestion() {
        let (code, msg, hint) =
            explain("unknown field `meetng`, expected one of `meeting`, `title`");
        assert_eq!(code, Code::UnknownField);
        assert_eq!(msg, "ukjent felt `meetng`");
        assert_eq!(hint.as_deref(), Some("mente du `meeting`?"));
    }

    #[test]
    fn norwegian_dates_are_recognised() {
        assert_eq!(
            line_text_date("date = 18.03.2026"),
            Some(("18".into(), "03".into(), "2026".into()))
        );
        assert!(line_text_date("date = \"8.3.2026\"").is_some());
        assert!(line_text_date("date = 2026-03-18").is_none());
        assert!(line_text_date("title = \"Sak 1.2.26\"").is_none());
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("Skymoene", "Skymoen"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
