//! The secretariat's guide, `docs/veiledning.md`, explains every problem code under a heading of
//! its own, written exactly "### `code`". This test keeps the guide and `Code::ALL` in step: a
//! code without a section, a section for a code that does not exist, a section written twice, or
//! another heading in that style all fail, with the codes named.

use std::collections::BTreeSet;
use std::path::Path;

use ho21_tools::codes::Code;

/// The headings of a Markdown text, as (line number, level, text), outside fenced code blocks.
fn headings(markdown: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    // The character and length of the open code fence, if inside one.
    let mut fence: Option<(char, usize)> = None;
    for (i, line) in markdown.lines().enumerate() {
        let trimmed = line.trim_start();
        let first = trimmed.chars().next().unwrap_or(' ');
        let run = trimmed.chars().take_while(|c| *c == first).count();
        if let Some((c, len)) = fence {
            if first == c && run >= len && trimmed[run * c.len_utf8()..].trim().is_empty() {
                fence = None;
            }
            continue;
        }
        if (first == '`' || first == '~') && run >= 3 {
            fence = Some((first, run));
            continue;
        }
        if line.starts_with("    ") {
            continue;
        }
        let level = trimmed.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&level) && trimmed[level..].starts_with(' ') {
            out.push((
                i + 1,
                level,
                trimmed[level..]
                    .trim()
                    .trim_end_matches('#')
                    .trim()
                    .to_owned(),
            ));
        }
    }
    out
}

/// The word inside a heading written entirely as one code span: "`unknown-field`".
fn code_span(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('`')?.strip_suffix('`')?;
    (!inner.is_empty() && !inner.contains('`')).then_some(inner)
}

#[test]
fn the_guide_has_one_section_per_problem_code() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/veiledning.md");
    let guide =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));

    let mut problems = Vec::new();
    let mut documented = BTreeSet::new();
    for (line, level, text) in headings(&guide) {
        let Some(code) = code_span(&text) else {
            continue;
        };
        if level != 3 {
            problems.push(format!(
                "docs/veiledning.md:{line}: «{text}» must be a level-3 heading, \"### `{code}`\""
            ));
        }
        if !documented.insert(code.to_owned()) {
            problems.push(format!(
                "docs/veiledning.md:{line}: section for `{code}` written twice"
            ));
        }
    }

    let known: BTreeSet<String> = Code::ALL.iter().map(|c| c.as_str().to_owned()).collect();
    let missing: Vec<&String> = known.difference(&documented).collect();
    let extra: Vec<&String> = documented.difference(&known).collect();
    if !missing.is_empty() {
        problems.push(format!(
            "codes without a \"### `code`\" section in the guide: {missing:?}"
        ));
    }
    if !extra.is_empty() {
        problems.push(format!(
            "sections in the guide for codes that `ho21 codes` does not know: {extra:?}"
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn headings_are_found_outside_code_blocks_only() {
    let text = "# Title\n\n### `a-code`\n\n```toml\n### `not-a-heading`\n```\n\n## Part\n~~~\n# no\n~~~\n### `b`\n";
    let found: Vec<(usize, String)> = headings(text)
        .into_iter()
        .map(|(_, level, t)| (level, t))
        .collect();
    assert_eq!(
        found,
        [
            (1, "Title".to_owned()),
            (3, "`a-code`".to_owned()),
            (2, "Part".to_owned()),
            (3, "`b`".to_owned())
        ]
    );
    assert_eq!(code_span("`unknown-field`"), Some("unknown-field"));
    assert_eq!(code_span("Møte (`content/moter/`)"), None);
}
