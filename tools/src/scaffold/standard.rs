//! `data/standardsaker.toml`: the standard cases of every meeting and their standard texts, kept
//! by the secretariat. The tools hold no council wording of their own.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::SourceFile;
use crate::errors::{Context, Error, Result};
use crate::model::CaseType;

pub const FILE: &str = "data/standardsaker.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Standard {
    /// Fields every new case gets.
    #[serde(default)]
    pub alle_saker: Common,
    #[serde(default)]
    pub standardsak: Vec<StandardCase>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Common {
    pub til: Option<String>,
    pub fra: Option<String>,
    #[serde(default)]
    pub saksbehandlere: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StandardCase {
    pub title: String,
    #[serde(default)]
    pub approves_previous_minutes: bool,
    #[serde(default)]
    pub new_cases_before: bool,
    pub til: Option<String>,
    pub fra: Option<String>,
    pub saksbehandlere: Option<Vec<String>>,
    #[serde(default)]
    pub case_types: Vec<CaseType>,
    #[serde(default)]
    pub has_paper: bool,
    pub forslag_til_vedtak: Option<String>,
}

/// Placeholder for the previous meeting's number (`1/2026`) in titles and proposals.
pub(crate) const PREVIOUS: &str = "{forrige_møte}";

impl Standard {
    pub fn load(root: &Path) -> Result<Standard> {
        let path = root.join(FILE);
        let text = std::fs::read_to_string(&path).with_context(|| {
            format!("kan ikke lese {FILE}: filen med standardsakene og tekstene deres må finnes")
        })?;
        let file = SourceFile::new(root, &path, text);
        let standard: Standard = toml::from_str(&file.text).map_err(|e| {
            let line = e.span().map_or(1, |s| file.line_col(s.start).0);
            format!("{FILE}:{line}: {}", e.message().trim())
        })?;
        let mut problems = Vec::new();
        for (flag, count) in [
            (
                "approves_previous_minutes",
                standard
                    .standardsak
                    .iter()
                    .filter(|s| s.approves_previous_minutes)
                    .count(),
            ),
            (
                "new_cases_before",
                standard
                    .standardsak
                    .iter()
                    .filter(|s| s.new_cases_before)
                    .count(),
            ),
        ] {
            if count > 1 {
                problems.push(format!(
                    "{FILE}: `{flag} = true` står i {count} standardsaker; det kan bare stå i én"
                ));
            }
        }
        for s in &standard.standardsak {
            if s.title.trim().is_empty() || s.title.contains('\n') {
                problems.push(format!("{FILE}: en standardsak har tom tittel eller tittel over flere linjer; skriv tittelen på én linje"));
            }
            if s.has_paper && s.forslag_til_vedtak.is_none() {
                problems.push(format!("{FILE}: «{}» har has_paper = true, men ikke forslag_til_vedtak; skriv forslaget eller fjern has_paper", s.title));
            }
        }
        if standard.standardsak.is_empty() {
            problems.push(format!("{FILE}: ingen [[standardsak]]; skriv minst én"));
        }
        if problems.is_empty() {
            Ok(standard)
        } else {
            Err(Error::msg(problems.join("\n")))
        }
    }
}

impl StandardCase {
    /// `til` and `fra` of the case itself, else those for all cases.
    pub fn til<'a>(&'a self, common: &'a Common) -> Option<&'a str> {
        self.til.as_deref().or(common.til.as_deref())
    }

    pub fn saksbehandlere<'a>(&'a self, common: &'a Common) -> &'a [String] {
        self.saksbehandlere
            .as_deref()
            .unwrap_or(&common.saksbehandlere)
    }

    pub fn fra<'a>(&'a self, common: &'a Common) -> Option<&'a str> {
        self.fra.as_deref().or(common.fra.as_deref())
    }
}
