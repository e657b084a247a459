//! The secretariat's guide, `docs/veiledning.md`, explains every problem code under a heading of
//! its own, written exactly "### `code`". This test keeps the guide and `Code::ALL` in step: a
//! code without a section, a section for a code that does not exist, a section written twice, or
//! another heading in that style all fail, with the codes named.

use std::collections::BTreeSet;
use std::path::Path;

use ho21_tools::codes::Code;

/// The headings of a Markdown text, as (line number, level, text as written), found by the
/// Markdown parser the check uses, so code blocks and indented code are never headings.
fn headings(markdown: &str) -> Vec<(usize, usize, String)> {
    use pulldown_cmark::{Event, Parser, Tag};
    Parser::new(markdown)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Heading(level, ..)) => {
                let line = markdown[..range.start].matches('\n').count() + 1;
                let text = markdown[range].trim().trim_start_matches('#');
                let text = text.trim().trim_end_matches('#').trim().to_owned();
                Some((line, level as usize, text))
            }
            _ => None,
        })
        .collect()
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

// ---------------------------------------------------------------------------------------------
// Every shell command in the guide runs as written.
//
// The guide's commands are the ```sh blocks. The test runs them, part by part (each `## ` part
// on a fresh copy of the guide's example site), in order, in a temporary git repository with a
// bare `origin`, with `ho21` on the PATH, exactly as a reader would type them. What a reader does
// by hand between commands is done as the guide says: a ```toml block after a line that names a
// content file and ends in «legg til:» is added to that file's `[extra]`. A ```text block right
// after a command block is the output the guide promises: every `laget`/`endret`/`flyttet` line
// in it must be printed, «ingen feil» means no error, and each `error[code]` it shows must come.
// `git push` is followed by what merging the pull request does: `main` on `origin` moves to the
// pushed branch.

use crate::common;

use std::process::Command;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag};

/// The guide's example starts on 10 January 2026, before meeting 1/2026 took place.
const EXAMPLE_EPOCH: &str = "1768046400";
const EXAMPLE_GIT_DATE: &str = "2026-01-10T12:00:00+00:00";

/// What the test does at one place in the guide.
#[derive(Debug)]
enum Step {
    /// A new `## ` part: a fresh site.
    Part(String),
    /// The commands of a ```sh block.
    Commands(usize, String),
    /// The output the guide shows for the commands before.
    Expect(usize, String),
    /// TOML the reader adds to a content file's `[extra]`.
    Edit(usize, String, String),
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// The guide as steps, in order.
fn steps(guide: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut paragraph = String::new();
    // The last paragraph before a code block, and whether a command block came right before.
    let mut last_paragraph = String::new();
    let mut after_commands = false;
    let mut code: Option<(String, usize, String)> = None;
    let mut heading: Option<String> = None;
    for (event, range) in Parser::new(guide).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading(HeadingLevel::H2, ..)) => heading = Some(String::new()),
            Event::End(Tag::Heading(HeadingLevel::H2, ..)) => {
                steps.push(Step::Part(heading.take().unwrap_or_default()));
                after_commands = false;
            }
            Event::Start(Tag::Paragraph) => paragraph.clear(),
            Event::End(Tag::Paragraph) => {
                last_paragraph = std::mem::take(&mut paragraph);
                after_commands = false;
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => {
                code = Some((
                    lang.to_string(),
                    line_of(guide, range.start) + 1,
                    String::new(),
                ));
            }
            Event::End(Tag::CodeBlock(_)) => {
                let Some((lang, line, text)) = code.take() else {
                    continue;
                };
                match lang.as_str() {
                    "sh" => {
                        steps.push(Step::Commands(line, text));
                        after_commands = true;
                        continue;
                    }
                    "text" if after_commands => steps.push(Step::Expect(line, text)),
                    "toml" => {
                        if let Some(file) = edited_file(&last_paragraph) {
                            steps.push(Step::Edit(line, file, text));
                        }
                    }
                    _ => {}
                }
                after_commands = false;
            }
            Event::Text(text) => {
                if let Some((_, _, body)) = code.as_mut() {
                    body.push_str(&text);
                } else if let Some(h) = heading.as_mut() {
                    h.push_str(&text);
                } else {
                    paragraph.push_str(&text);
                }
            }
            Event::Code(text) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&text);
                } else {
                    paragraph.push_str(&format!("`{text}`"));
                }
            }
            Event::SoftBreak | Event::HardBreak => paragraph.push(' '),
            _ => {}
        }
    }
    steps
}

/// The content file a paragraph tells the reader to add to: «I `content/….md`, legg til:».
fn edited_file(paragraph: &str) -> Option<String> {
    let sentence = paragraph.trim().rsplit(". ").next()?;
    if !sentence.ends_with("legg til:") {
        return None;
    }
    let start = sentence.find("`content/")? + 1;
    let end = start + sentence[start..].find('`')?;
    let path = &sentence[start..end];
    path.ends_with(".md").then(|| path.to_owned())
}

/// Adds the keys of `toml` to the `[extra]` table of a content file's front matter.
fn edit(root: &std::path::Path, file: &str, toml: &str) -> Result<(), String> {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{file}: {e}"))?;
    let split = ho21_tools::frontmatter::split(&text).map_err(|e| format!("{file}: {e}"))?;
    let mut front: toml_edit::DocumentMut =
        split.front.parse().map_err(|e| format!("{file}: {e}"))?;
    let keys: toml_edit::DocumentMut =
        toml.parse().map_err(|e| format!("the guide's TOML: {e}"))?;
    for (key, item) in keys.iter() {
        front["extra"][key] = item.clone();
    }
    std::fs::write(&path, format!("+++\n{front}+++\n{}", split.body))
        .map_err(|e| format!("{file}: {e}"))
}

/// The guide's example site in a temporary git repository with a bare `origin`.
struct Example {
    site: common::TempSite,
    bin: tempfile::TempDir,
    _origin: tempfile::TempDir,
}

impl Example {
    fn new() -> Example {
        let site = common::TempSite::base();
        let repo = common::repo_root();
        common::copy_dir(&repo.join("data"), &site.path().join("data"));
        common::copy_dir(
            &repo.join("tests/fixtures/guide/content"),
            &site.path().join("content"),
        );
        // The importer's part reads the archive's own source documents.
        common::copy_dir(&repo.join("sources"), &site.path().join("sources"));
        let bin = tempfile::tempdir().expect("temp dir");
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_ho21"), bin.path().join("ho21"))
            .expect("link ho21");
        let origin = tempfile::tempdir().expect("temp dir");
        let example = Example {
            site,
            bin,
            _origin: origin,
        };
        let origin = example._origin.path().to_string_lossy().into_owned();
        for command in [
            "git init -q -b main".to_owned(),
            "git add -A".to_owned(),
            "git commit -q -m Eksempel".to_owned(),
            format!("git init -q --bare {origin}"),
            format!("git remote add origin {origin}"),
            "git push -q -u origin main".to_owned(),
        ] {
            let (ok, output) = example.run(&command);
            assert!(ok, "setting up the example site: {command}\n{output}");
        }
        example
    }

    /// Runs one shell command line in the site as a reader would; its success and output.
    fn run(&self, line: &str) -> (bool, String) {
        let path = format!(
            "{}:{}",
            self.bin.path().display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let out = Command::new("bash")
            .arg("-c")
            .arg(line)
            .current_dir(self.site.path())
            .env("PATH", path)
            .env("SOURCE_DATE_EPOCH", EXAMPLE_EPOCH)
            .env("GIT_AUTHOR_NAME", "Sekretariatet")
            .env("GIT_AUTHOR_EMAIL", "sekretariatet@example.invalid")
            .env("GIT_COMMITTER_NAME", "Sekretariatet")
            .env("GIT_COMMITTER_EMAIL", "sekretariatet@example.invalid")
            .env("GIT_AUTHOR_DATE", EXAMPLE_GIT_DATE)
            .env("GIT_COMMITTER_DATE", EXAMPLE_GIT_DATE)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("run bash");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    }
}

/// The lines of a ```sh block, continuation lines joined, comments and blank lines left out.
fn command_lines(block: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for line in block.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(start) = line.strip_suffix('\\') {
            current.push_str(start);
            continue;
        }
        current.push_str(line);
        lines.push(std::mem::take(&mut current));
    }
    lines
}

#[test]
fn every_shell_command_in_the_guide_runs_as_written() {
    let path = common::repo_root().join("docs/veiledning.md");
    let guide = std::fs::read_to_string(&path).expect("read the guide");
    let steps = steps(&guide);
    let mut problems = Vec::new();
    let mut ran = 0;
    let mut example: Option<Example> = None;
    let mut part = String::new();
    // The output of the last command block, its line, and whether every command succeeded.
    let mut last: Option<(usize, String, bool)> = None;
    let mut part_failed = false;
    for (index, step) in steps.iter().enumerate() {
        match step {
            Step::Part(title) => {
                part = title.clone();
                example = None;
                last = None;
                part_failed = false;
            }
            _ if part_failed => {}
            Step::Commands(line, block) => {
                let site = example.get_or_insert_with(Example::new);
                let shows_errors = matches!(
                    steps.get(index + 1),
                    Some(Step::Expect(_, text)) if text.contains("error[")
                );
                let mut output = String::new();
                let mut all_ok = true;
                for command in command_lines(block) {
                    let (ok, said) = site.run(&command);
                    ran += 1;
                    output.push_str(&said);
                    if ok && command.starts_with("git push") {
                        // What «Merge pull request» does on GitHub.
                        let (merged, said) = site.run("git push -q origin HEAD:main");
                        assert!(merged, "simulated merge after `{command}`: {said}");
                    }
                    if !ok {
                        all_ok = false;
                        if !shows_errors {
                            problems.push(format!(
                                "docs/veiledning.md:{line} («{part}»): `{command}` failed:\n{said}"
                            ));
                            part_failed = true;
                            break;
                        }
                    }
                }
                last = Some((*line, output, all_ok));
            }
            Step::Expect(line, expected) => {
                let Some((_, output, _)) = &last else {
                    continue;
                };
                for wanted in expected.lines().map(str::trim) {
                    let promised = ["laget ", "endret ", "flyttet "]
                        .iter()
                        .any(|p| wanted.starts_with(p));
                    if promised && !output.lines().any(|l| l.trim() == wanted) {
                        problems.push(format!(
                            "docs/veiledning.md:{line} («{part}»): the guide shows «{wanted}», the command printed:\n{output}"
                        ));
                    }
                }
                if expected.contains("ingen feil") && !output.contains("ingen feil") {
                    problems.push(format!(
                        "docs/veiledning.md:{line} («{part}»): the guide promises «ingen feil», the command printed:\n{output}"
                    ));
                }
                for code in expected
                    .split("error[")
                    .skip(1)
                    .filter_map(|s| s.split(']').next())
                {
                    if !output.contains(&format!("error[{code}]")) {
                        problems.push(format!(
                            "docs/veiledning.md:{line} («{part}»): the guide shows error[{code}], the command printed:\n{output}"
                        ));
                    }
                }
            }
            Step::Edit(line, file, toml) => {
                let Some(site) = example.as_ref() else {
                    continue;
                };
                if let Err(e) = edit(site.site.path(), file, toml) {
                    problems.push(format!("docs/veiledning.md:{line} («{part}»): {e}"));
                    part_failed = true;
                }
            }
        }
    }
    assert!(
        ran >= 10,
        "found only {ran} commands in the guide's ```sh blocks"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn guide_steps_are_read_as_a_reader_follows_them() {
    let text = "## Del\n\nSkriv:\n\n```sh\nho21 check\n```\n\n```text\nlaget x\n```\n\nI `content/saker/1-1-2026.md`, legg til:\n\n```toml\nvedtak = \"Ja.\"\n```\n\nFor eksempel:\n\n```toml\nx = 1\n```\n\n```text\nnot an expectation\n```\n";
    let found = format!("{:?}", steps(text));
    assert_eq!(
        found,
        "[Part(\"Del\"), Commands(6, \"ho21 check\\n\"), Expect(10, \"laget x\\n\"), Edit(16, \"content/saker/1-1-2026.md\", \"vedtak = \\\"Ja.\\\"\\n\")]"
    );
    assert_eq!(
        command_lines("# comment\ngit add content\nho21 new case \\\n  --meeting 2026-2\n"),
        ["git add content", "ho21 new case --meeting 2026-2"]
    );
}
