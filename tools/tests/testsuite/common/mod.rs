//! Shared helpers for the integration tests: fixture sites copied into temporary folders, and
//! running the real `ho21` binary on them.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("repo root")
        .to_path_buf()
}

/// Environment variable that points the tests about the real content at another copy of the
/// site (the living-archive test runs them against a copy with new meetings).
pub const CONTENT_ROOT: &str = "HO21_CONTENT_ROOT";

/// The site whose content the content-facing tests read: the repository, or `HO21_CONTENT_ROOT`.
pub fn content_root() -> PathBuf {
    std::env::var_os(CONTENT_ROOT)
        .map(PathBuf::from)
        .unwrap_or_else(repo_root)
}

pub fn fixtures() -> PathBuf {
    repo_root().join("tests/fixtures")
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("readable fixture");
        let rel = entry.path().strip_prefix(from).expect("inside");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("create dir");
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// What makes up the site (everything Zola and `ho21` read), copied for tests on the real site.
pub const SITE_PARTS: [&str; 8] = [
    "config.toml",
    "admin",
    "content",
    "data",
    "templates",
    "sass",
    "i18n",
    "static",
];

/// A temporary site: the valid base fixture, with the repository's templates, styles and UI
/// strings, so that it also builds.
pub struct TempSite {
    pub dir: tempfile::TempDir,
}

impl TempSite {
    pub fn base() -> TempSite {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&fixtures().join("valid/base"), dir.path());
        for part in ["templates", "sass", "i18n", "static"] {
            let from = repo_root().join(part);
            if from.exists() {
                copy_dir(&from, &dir.path().join(part));
            }
        }
        TempSite { dir }
    }

    /// A copy of the whole real site (content, data, templates, …), without build output, from
    /// [`content_root`].
    pub fn real() -> TempSite {
        let dir = tempfile::tempdir().expect("temp dir");
        for part in SITE_PARTS {
            let from = content_root().join(part);
            if from.is_dir() {
                copy_dir(&from, &dir.path().join(part));
            } else if from.is_file() {
                fs::copy(&from, dir.path().join(part)).expect("copy");
            }
        }
        TempSite { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Copies an invalid fixture's files over the site and deletes the files it lists in
    /// `remove`.
    pub fn overlay(&self, fixture: &Path) {
        if let Ok(list) = fs::read_to_string(fixture.join("remove")) {
            for line in list.lines().filter(|l| !l.trim().is_empty()) {
                fs::remove_file(self.path().join(line.trim())).expect("remove listed file");
            }
        }
        for entry in walkdir::WalkDir::new(fixture) {
            let entry = entry.expect("readable fixture");
            let rel = entry.path().strip_prefix(fixture).expect("inside");
            if entry.file_type().is_file()
                && rel != Path::new("remove")
                && rel != Path::new("expected")
            {
                let target = self.path().join(rel);
                fs::create_dir_all(target.parent().expect("parent")).expect("dir");
                fs::copy(entry.path(), &target).expect("copy");
            }
        }
    }

    pub fn write(&self, rel: &str, text: &str) {
        let target = self.path().join(rel);
        fs::create_dir_all(target.parent().expect("parent")).expect("dir");
        fs::write(target, text).expect("write");
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn ho21(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_ho21"))
            .args(args)
            .arg("--root")
            .arg(self.path())
            .output()
            .expect("run ho21")
    }
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `path:line:col code` for every error and warning in a check report.
pub fn problems(report: &str) -> Vec<String> {
    let re = regex::Regex::new(r"^(\S+): (?:error|warning)\[([a-z-]+)\]").expect("regex");
    let mut out: Vec<String> = report
        .lines()
        .filter_map(|l| re.captures(l).map(|c| format!("{} {}", &c[1], &c[2])))
        .collect();
    out.sort();
    out
}

/// Parses a YAML document (the workflows, the editor's configuration) into a JSON value, merging
/// `<<:` keys as GitHub and the editor do: explicit keys win over merged ones.
pub fn yaml(name: &str, text: &str) -> serde_json::Value {
    use serde_json::Value;
    use yaml_rust2::Yaml;
    fn convert(y: &Yaml) -> Value {
        match y {
            Yaml::Real(r) => r.parse::<f64>().map_or(Value::Null, Value::from),
            Yaml::Integer(i) => Value::from(*i),
            Yaml::String(s) => Value::from(s.as_str()),
            Yaml::Boolean(b) => Value::Bool(*b),
            Yaml::Array(items) => Value::Array(items.iter().map(convert).collect()),
            Yaml::Hash(hash) => {
                let mut map = serde_json::Map::new();
                let mut merged = serde_json::Map::new();
                for (k, v) in hash {
                    let key = match k {
                        Yaml::String(s) => s.clone(),
                        other => convert(other).to_string(),
                    };
                    if key == "<<" {
                        let sources = match v {
                            Yaml::Array(list) => list.clone(),
                            one => vec![one.clone()],
                        };
                        for source in &sources {
                            if let Value::Object(entries) = convert(source) {
                                for (k, v) in entries {
                                    merged.entry(k).or_insert(v);
                                }
                            }
                        }
                    } else {
                        map.insert(key, convert(v));
                    }
                }
                for (k, v) in merged {
                    map.entry(k).or_insert(v);
                }
                Value::Object(map)
            }
            Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => Value::Null,
        }
    }
    let docs = yaml_rust2::YamlLoader::load_from_str(text)
        .unwrap_or_else(|e| panic!("{name}: invalid YAML: {e}"));
    docs.first().map_or(Value::Null, convert)
}
