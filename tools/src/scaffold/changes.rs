//! All-or-nothing writes for `ho21 new` and `ho21 approve`: every new text is first written to a
//! temporary file beside its target; only when all of them are written are they renamed into
//! place. A failure before that leaves the repository as it was.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use toml_edit::DocumentMut;

use crate::errors::{Context, Error, Result};
use crate::frontmatter;

enum Step {
    Create {
        rel: String,
        text: String,
    },
    Update {
        rel: String,
        text: String,
        what: String,
    },
    Move {
        from: String,
        to: String,
        text: String,
        what: String,
    },
}

/// The files one command changes, written together by [`Changes::commit`].
pub(crate) struct Changes {
    root: PathBuf,
    steps: Vec<Step>,
}

impl Changes {
    pub fn new(root: &Path) -> Changes {
        Changes {
            root: root.to_path_buf(),
            steps: Vec::new(),
        }
    }

    pub fn create(&mut self, rel: String, text: String) {
        self.steps.push(Step::Create { rel, text });
    }

    /// `what` says how the file changed, for the person reading the output.
    pub(crate) fn update(&mut self, rel: String, text: String, what: String) {
        self.steps.push(Step::Update { rel, text, what });
    }

    pub fn rename(&mut self, from: String, to: String, text: String, what: String) {
        self.steps.push(Step::Move {
            from,
            to,
            text,
            what,
        });
    }

    fn target(step: &Step) -> &str {
        match step {
            Step::Create { rel, .. } | Step::Update { rel, .. } => rel,
            Step::Move { to, .. } => to,
        }
    }

    /// Writes everything or nothing; returns one line per file for the person.
    pub fn commit(self) -> Result<Vec<String>> {
        let targets: BTreeSet<&str> = self.steps.iter().map(Self::target).collect();
        let freed: BTreeSet<&str> = self
            .steps
            .iter()
            .filter_map(|s| match s {
                Step::Move { from, .. } => Some(from.as_str()),
                _ => None,
            })
            .collect();
        for step in &self.steps {
            if let Step::Create { rel, .. } | Step::Move { to: rel, .. } = step {
                if self.root.join(rel).exists() && !freed.contains(rel.as_str()) {
                    return Err(format!(
                        "{rel} finnes allerede; ingenting er endret (flytt eller slett filen først om den skal erstattes)"
                    ).into());
                }
            }
        }
        // 1. Every text to a temporary file beside its target.
        let mut temps: Vec<(PathBuf, PathBuf)> = Vec::new();
        for step in &self.steps {
            let (rel, text) = match step {
                Step::Create { rel, text } | Step::Update { rel, text, .. } => (rel, text),
                Step::Move { to, text, .. } => (to, text),
            };
            let target = self.root.join(rel);
            let name = target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let temp = target.with_file_name(format!(".{name}.ho21-ny"));
            let written = target
                .parent()
                .map_or(Ok(()), fs::create_dir_all)
                .and_then(|()| fs::write(&temp, text));
            if let Err(e) = written {
                for (t, _) in &temps {
                    let _ = fs::remove_file(t);
                }
                let _ = fs::remove_file(&temp);
                let message = format!("kan ikke skrive {rel}; ingenting er endret");
                return Err(Error::chain(message, e));
            }
            temps.push((temp, target));
        }
        // 2. Moved files leave their old place (unless another file takes it), then every
        // temporary file is renamed into place.
        for from in freed.iter().filter(|f| !targets.contains(*f)) {
            fs::remove_file(self.root.join(from))
                .with_context(|| format!("kan ikke flytte {from}"))?;
        }
        for (temp, target) in &temps {
            fs::rename(temp, target)
                .with_context(|| format!("kan ikke skrive {}", target.display()))?;
        }
        Ok(self
            .steps
            .iter()
            .map(|s| match s {
                Step::Create { rel, .. } => format!("laget {rel}"),
                Step::Update { rel, what, .. } => format!("endret {rel}: {what}"),
                Step::Move { from, to, what, .. } => format!("flyttet {from} → {to}: {what}"),
            })
            .collect())
    }
}

/// A new content file from its front matter.
pub fn page(doc: &DocumentMut) -> String {
    format!("+++\n{doc}+++\n")
}

/// Reads `rel` and changes its front matter with `edit`, keeping everything else (comments,
/// order, the body) as it was.
pub(crate) fn edit_front(
    root: &Path,
    rel: &str,
    edit: impl FnOnce(&mut DocumentMut) -> Result<()>,
) -> Result<String> {
    let text =
        fs::read_to_string(root.join(rel)).with_context(|| format!("kan ikke lese {rel}"))?;
    edit_front_text(rel, &text, edit)
}

pub(crate) fn edit_front_text(
    rel: &str,
    text: &str,
    edit: impl FnOnce(&mut DocumentMut) -> Result<()>,
) -> Result<String> {
    let split = frontmatter::split(text).with_context(|| rel.to_owned())?;
    let mut doc: DocumentMut = split
        .front
        .parse()
        .with_context(|| format!("{rel}: feltene kan ikke leses; kjør `ho21 check`"))?;
    edit(&mut doc)?;
    Ok(format!("+++\n{doc}+++\n{}", split.body))
}

/// The `[extra]` table of a front matter, created when missing.
pub fn extra(doc: &mut DocumentMut) -> Result<&mut toml_edit::Table> {
    doc.entry("extra")
        .or_insert(toml_edit::table())
        .as_table_mut()
        .ok_or_else(|| Error::msg("`extra` er ikke en tabell ([extra])"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder with these files in it.
    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp");
        for (name, text) in files {
            fs::write(dir.path().join(name), text).expect("write");
        }
        dir
    }

    #[test]
    fn a_failed_write_changes_nothing() {
        // `blocked` is a file, so nothing can be written below it.
        let dir = folder(&[("old.md", "old"), ("blocked", "")]);
        let root = dir.path();
        let mut changes = Changes::new(root);
        changes.update("old.md".into(), "new".into(), "test".into());
        changes.create("a.md".into(), "a".into());
        changes.create("blocked/b.md".into(), "b".into());
        assert!(changes.commit().is_err());
        assert_eq!(fs::read_to_string(root.join("old.md")).unwrap(), "old");
        let left: Vec<_> = fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(left.len(), 2, "{left:?}");
    }

    #[test]
    fn moves_free_the_places_they_leave() {
        let dir = folder(&[("18.md", "18"), ("19.md", "19")]);
        let root = dir.path();
        let mut changes = Changes::new(root);
        changes.create("18.md".into(), "new".into());
        changes.rename("18.md".into(), "19.md".into(), "18".into(), "".into());
        changes.rename("19.md".into(), "20.md".into(), "19".into(), "".into());
        changes.commit().expect("commit");
        for (file, text) in [("18.md", "new"), ("19.md", "18"), ("20.md", "19")] {
            assert_eq!(fs::read_to_string(root.join(file)).unwrap(), text);
        }
    }

    #[test]
    fn refuses_to_overwrite() {
        let dir = folder(&[("x.md", "x")]);
        let mut changes = Changes::new(dir.path());
        changes.create("x.md".into(), "y".into());
        assert!(changes
            .commit()
            .unwrap_err()
            .to_string()
            .contains("finnes allerede"));
    }
}
