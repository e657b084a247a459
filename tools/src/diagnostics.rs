//! One place that collects problems and prints them.
//!
//! Every check pushes [`Diagnostic`]s into a [`Report`]; nothing is printed until the end, so the
//! secretariat sees all problems of a pull request at once, sorted by file and line.

use std::fmt::Write as _;
use std::path::Path;

use crate::codes::Code;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
    /// The offending source line, shown under the message.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub(crate) fn location(&self) -> String {
        if self.line == 0 {
            self.path.clone()
        } else {
            format!("{}:{}:{}", self.path, self.line, self.col)
        }
    }

    /// Renders the diagnostic as `path:line:col: error[code]: message`, the source line with a
    /// caret under the column, and the hint.
    pub fn render(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!(
            "{}: {kind}[{}]: {}\n",
            visible(&self.location()),
            self.code.as_str(),
            visible(&self.message)
        );
        if let Some(src) = &self.source_line {
            let (src, col) = window(src, self.col);
            let gutter = self.line.to_string();
            let pad = " ".repeat(gutter.len());
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{gutter} | {}", visible(&src));
            let caret_at = src
                .chars()
                .take(col.saturating_sub(1))
                .map(|c| {
                    if c == '\t' {
                        "\t".to_owned()
                    } else {
                        " ".repeat(visible(c.encode_utf8(&mut [0; 4])).chars().count())
                    }
                })
                .collect::<String>();
            let _ = writeln!(out, "{pad} | {caret_at}^");
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "  = hjelp: {}", visible(hint));
        }
        out
    }
}

/// Text from content as it may be printed to a terminal or a CI log: control characters (which
/// can move the cursor, recolour or clear the screen) and invisible direction marks are written
/// as `\u{…}`. Tabs and line breaks stay.
pub(crate) fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let hidden = (c.is_control() && c != '\t' && c != '\n')
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}');
        if hidden {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// At most about 100 characters of a long line, around the column; returns the new column.
fn window(line: &str, col: usize) -> (String, usize) {
    const WIDTH: usize = 100;
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= WIDTH {
        return (line.to_owned(), col);
    }
    let start = col
        .saturating_sub(WIDTH / 2)
        .min(chars.len().saturating_sub(WIDTH));
    let end = (start + WIDTH).min(chars.len());
    let mut out = String::new();
    let mut new_col = col - start;
    if start > 0 {
        out.push('…');
        new_col += 1;
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    (out, new_col)
}

/// A text file as read from disk, kept so that diagnostics can quote the offending line.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root, with `/` separators.
    pub rel: String,
    pub text: String,
}

impl SourceFile {
    pub fn new(root: &Path, path: &Path, text: String) -> SourceFile {
        let rel = path
            .strip_prefix(root)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        SourceFile { rel, text }
    }

    /// Line and column (both 1-based, column in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }

    pub(crate) fn line_text(&self, line: usize) -> Option<&str> {
        if line == 0 {
            return None;
        }
        self.text.lines().nth(line - 1)
    }

    /// Byte offset of the first occurrence of `needle` at or after `from`.
    pub(crate) fn find_from(&self, from: usize, needle: &str) -> Option<usize> {
        let from = floor_char_boundary(&self.text, from.min(self.text.len()));
        self.text[from..].find(needle).map(|i| i + from)
    }

    /// Best-effort location of a front-matter value: the quoted value after `key`, else the key,
    /// else the start of the file. Used for problems found after parsing, where the TOML parser
    /// no longer knows positions.
    pub fn locate(&self, key: &str, value: Option<&str>) -> usize {
        let key_at = self.find_key(key);
        if let Some(value) = value {
            let quoted = format!("\"{value}\"");
            let start = key_at.unwrap_or(0);
            if let Some(at) = self.find_from(start, &quoted) {
                return at + 1;
            }
            if let Some(at) = self.find_from(0, &quoted) {
                return at + 1;
            }
            if let Some(at) = self.find_from(start, value) {
                return at;
            }
        }
        key_at.unwrap_or(0)
    }

    fn find_key(&self, key: &str) -> Option<usize> {
        let mut offset = 0;
        for line in self.text.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if let Some(rest) = trimmed.strip_prefix(key) {
                if rest.trim_start().starts_with('=') {
                    return Some(offset + (line.len() - trimmed.len()));
                }
            }
            offset += line.len();
        }
        None
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Where in a file a problem is: a byte offset, or a front-matter [`Key`].
pub trait Place {
    fn offset(self, file: &SourceFile) -> usize;
}

impl Place for usize {
    fn offset(self, _: &SourceFile) -> usize {
        self
    }
}

/// "This key of this file": the key's value (the given one, where the key holds several), found
/// by [`SourceFile::locate`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Key<'a>(pub &'a str, pub Option<&'a str>);

impl Place for Key<'_> {
    fn offset(self, file: &SourceFile) -> usize {
        file.locate(self.0, self.1)
    }
}

/// All diagnostics of one run.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Adds a problem at a place in `file`.
    pub fn at(
        &mut self,
        severity: Severity,
        code: Code,
        file: &SourceFile,
        place: impl Place,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        let (line, col) = file.line_col(place.offset(file));
        self.push(Diagnostic {
            severity,
            code,
            path: file.rel.clone(),
            line,
            col,
            message: message.into(),
            hint,
            source_line: file.line_text(line).map(str::to_owned),
        });
    }

    pub fn error(
        &mut self,
        code: Code,
        file: &SourceFile,
        place: impl Place,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        self.at(Severity::Error, code, file, place, message, hint);
    }

    /// A problem that concerns a whole file or folder rather than a line in it.
    pub(crate) fn file_error(
        &mut self,
        code: Code,
        path: &str,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        self.push(Diagnostic {
            severity: Severity::Error,
            code,
            path: path.to_owned(),
            line: 0,
            col: 0,
            message: message.into(),
            hint,
            source_line: None,
        });
    }

    pub(crate) fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    /// Identical problems (the same message at the same place) count once, as they print once.
    fn count(&self, severity: Severity) -> usize {
        self.sorted()
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    /// Sorted by file, line, column, then code; duplicates removed. Output is stable.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut all = self.diagnostics.clone();
        all.sort_by(|a, b| {
            (&a.path, a.line, a.col, a.code.as_str(), &a.message).cmp(&(
                &b.path,
                b.line,
                b.col,
                b.code.as_str(),
                &b.message,
            ))
        });
        all.dedup();
        all
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        for d in self.sorted() {
            out.push_str(&d.render());
            out.push('\n');
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    pub fn summary(&self) -> String {
        let files = {
            let mut paths: Vec<&str> = self
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.path.as_str())
                .collect();
            paths.sort_unstable();
            paths.dedup();
            paths.len()
        };
        match (self.errors(), self.warnings()) {
            (0, 0) => "ingen feil funnet".to_owned(),
            (0, w) => format!("ingen feil, {w} {}", plural(w, "advarsel", "advarsler")),
            (e, w) => format!(
                "{e} {} i {files} {}, {w} {}",
                plural(e, "feil", "feil"),
                plural(files, "fil", "filer"),
                plural(w, "advarsel", "advarsler")
            ),
        }
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_escapes_are_made_visible() {
        assert_eq!(visible("a\u{1b}[2Jb\u{7}"), "a\\u{1b}[2Jb\\u{7}");
        assert_eq!(visible("høy\u{202e}fdp.exe"), "høy\\u{202e}fdp.exe");
        assert_eq!(visible("tab\there\nnext"), "tab\there\nnext");
        let d = Diagnostic {
            severity: Severity::Error,
            code: Code::RawHtml,
            path: "content/a.md".into(),
            line: 3,
            col: 6,
            message: "rå HTML «\u{1b}]0;x\u{7}»".into(),
            hint: None,
            source_line: Some("\u{1b}[31m<x>".into()),
        };
        let shown = d.render();
        assert!(!shown.contains('\u{1b}'), "{shown}");
        assert!(shown.contains("3 | \\u{1b}[31m<x>"), "{shown}");
        // The caret still points at `<`, after the escape written out in full.
        assert!(
            shown.contains(&format!("  | {}^", " ".repeat(10))),
            "{shown}"
        );
    }
}
