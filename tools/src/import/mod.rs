//! `ho21 import`: turns the secretariat's own documents (a bundle of case papers or the minutes,
//! as the text layer of the PDF, the PDF itself or the Word file) into content files.
//!
//! The importer writes what the document says and nothing else: text as written, with only the
//! damage of the extraction repaired (`text`). What it cannot place in the content model goes
//! into the report with its lines, for a person to decide; it never guesses and never drops text
//! silently. Files are written all or none, and never over an existing file without `--replace`.

mod minutes;
mod papers;
mod text;
mod write;

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::dates::Date;

pub use write::Planned;

/// What `ho21 import` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub file: PathBuf,
    /// The meeting's date where the document gives none.
    pub date: Option<Date>,
    /// Overwrite existing files.
    pub replace: bool,
    /// Print what would be written, write nothing.
    pub dry_run: bool,
}

/// Text the importer could not place, with its lines in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced {
    pub lines: [u32; 2],
    pub what: String,
}

impl Unplaced {
    /// One line of the input.
    pub(crate) fn line(no: u32, what: String) -> Self {
        Unplaced {
            lines: [no, no],
            what,
        }
    }

    /// The text left over in `rest`, from its first line to its last, as one piece a person
    /// must place; none when nothing is left.
    pub(crate) fn span(rest: &[&text::Line], what: impl FnOnce() -> String) -> Option<Self> {
        let (first, last) = (rest.first()?, rest.last()?);
        Some(Unplaced {
            lines: [first.no, last.no],
            what: what(),
        })
    }
}

/// Something the importer recognised, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub lines: [u32; 2],
    pub what: String,
}

/// The result: the files to write (or written) and the report.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Name of the input file, as the report and `[[extra.sources]]` cite it.
    pub source: String,
    pub found: Vec<Found>,
    pub files: Vec<Planned>,
    pub unplaced: Vec<Unplaced>,
}

impl Outcome {
    /// The Norwegian report: what was read, what was (or would be) written, and what a person
    /// must place by hand.
    pub fn report(&self, dry_run: bool) -> String {
        let mut out = String::new();
        out.push_str(&format!("Lest fra {}:\n", self.source));
        for f in &self.found {
            out.push_str(&format!("  linje {}: {}\n", span(f.lines), f.what));
        }
        out.push_str(if dry_run {
            "\nVille skrevet (ingenting er skrevet, --dry-run):\n"
        } else {
            "\nSkrevet:\n"
        });
        for file in &self.files {
            let verb = if file.replaces { "erstatter" } else { "ny" };
            out.push_str(&format!("  {} ({verb})\n", file.path.display()));
        }
        if self.unplaced.is_empty() {
            out.push_str("\nAlt i dokumentet er plassert.\n");
        } else {
            out.push_str(&format!(
                "\nIkke plassert ({}): les disse linjene i kilden og før inn det som skal med for hånd.\n",
                self.unplaced.len()
            ));
            for u in &self.unplaced {
                if u.lines[0] == 0 {
                    out.push_str(&format!("  {}: {}\n", self.source, u.what));
                } else {
                    out.push_str(&format!(
                        "  {}:{}: {}\n",
                        self.source,
                        span(u.lines),
                        u.what
                    ));
                }
            }
        }
        out
    }
}

fn span([a, b]: [u32; 2]) -> String {
    if a == b {
        a.to_string()
    } else {
        format!("{a}–{b}")
    }
}

/// Why an import could not be done. Nothing was written.
pub use crate::errors::Error;

/// Reads the document, plans the files and, unless it is a dry run, writes them all (or none).
pub fn import(root: &Path, options: &Options) -> Result<Outcome, Error> {
    let input = read_document(&options.file)?;
    let source = options.file.file_name().map_or_else(
        || options.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut outcome = plan(root, &source, &input, options)?;
    outcome.source = source;
    if !options.dry_run {
        write::write_all(&outcome.files, options.replace)?;
    }
    Ok(outcome)
}

/// Plans the files for a document's text without writing anything.
pub fn plan(root: &Path, source: &str, input: &str, options: &Options) -> Result<Outcome, Error> {
    let lines = text::lines(input);
    let mut outcome = Outcome {
        source: source.to_owned(),
        ..Outcome::default()
    };
    if papers::is_bundle(&lines) {
        let bundle = papers::read(&lines, &mut outcome.unplaced);
        outcome.found = bundle.papers.iter().map(papers::Paper::found).collect();
        outcome.files = write::papers(root, source, &bundle, options, &mut outcome.unplaced)?;
    } else if let Some(found) = minutes::read(&lines, &mut outcome.unplaced) {
        outcome.found = found.found();
        outcome.files = minutes::plan_files(root, source, &found, options)?;
    } else {
        return Err(Error::msg(format!(
            "{source}: kjenner ikke igjen dokumentet som saksframlegg («Saksframlegg Møte M/ÅÅÅÅ» \
             og «Sak N/M/ÅÅÅÅ» på egne linjer) eller referat («Referat Møte M/ÅÅÅÅ» eller \
             «referat møte M/ÅÅÅÅ»)"
        )));
    }
    outcome
        .unplaced
        .sort_by_key(|u| (u.lines[0], u.lines[1], u.what.clone()));
    outcome.unplaced.dedup();
    Ok(outcome)
}

/// The document's text: a `.txt` as it is, a `.pdf` through `pdftotext -layout`-free text
/// extraction (poppler-utils), a `.docx` through pandoc.
fn read_document(file: &Path) -> Result<String, Error> {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let shown = file.display();
    match ext.as_str() {
        "pdf" => run_converter("pdftotext", &[file.as_os_str(), "-".as_ref()], file),
        "docx" => run_converter(
            "pandoc",
            &[
                file.as_os_str(),
                "--from=docx".as_ref(),
                "--to=markdown_strict".as_ref(),
                "--wrap=none".as_ref(),
            ],
            file,
        ),
        "txt" | "md" | "" => {
            let bytes = std::fs::read(file)
                .map_err(|e| Error::chain(format!("kan ikke lese {shown}"), e))?;
            String::from_utf8(bytes).map_err(|_| {
                Error::msg(format!(
                    "{shown} er ikke UTF-8-tekst: lagre filen som «UTF-8» (i Word: Lagre som → Ren tekst → Unicode (UTF-8))"
                ))
            })
        }
        _ => Err(Error::msg(format!(
            "{shown}: kan bare importere .txt, .pdf og .docx (ikke .{ext})"
        ))),
    }
}

fn run_converter(program: &str, args: &[&std::ffi::OsStr], file: &Path) -> Result<String, Error> {
    let output = Command::new(program).args(args).output().map_err(|e| {
        Error::chain(format!(
            "fant ikke {program} for å lese {} (installer poppler-utils og pandoc; scripts/setup gjør det)",
            file.display()
        ), e)
    })?;
    if !output.status.success() {
        return Err(Error::msg(format!(
            "{program} kunne ikke lese {}: {}",
            file.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    String::from_utf8(output.stdout).map_err(|_| {
        Error::msg(format!(
            "{program} ga ikke UTF-8-tekst for {}",
            file.display()
        ))
    })
}
