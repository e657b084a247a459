//! Local preview: Zola's live server on 127.0.0.1 with live reload, and a check of the content
//! every time a file under `content/` or `data/` (or `config.toml`) changes, printed in the
//! terminal before what Zola itself says.
//!
//! Live reload: `zola serve` adds `<script src="/livereload.js?port=…">` to every page, and the
//! script opens a WebSocket on another port of the same host. The published policy
//! (`connect-src 'self'`) forbids that socket, so the preview, and only the preview, runs Zola
//! with a copy of `config.toml` whose policy also allows `ws://` to this machine. The copy lives
//! in `.build/` (never published, never read by `ho21 build`); the output check of every real
//! build still requires the policy exactly as `config.toml` has it.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use crate::diagnostics::Report;
use crate::errors::{Context, Result};
use crate::{generate, pipeline, zola};

/// The hosts the browser may open the preview's live-reload socket on.
const PREVIEW_SOCKETS: &str = "ws://127.0.0.1:* ws://localhost:*";

/// How long to wait for Zola to finish rebuilding after a change, so that its messages come after
/// the check's report rather than in the middle of it.
const REBUILD_WAIT: Duration = Duration::from_secs(5);

/// What `ho21 serve` was asked for.
pub struct Preview {
    pub root: PathBuf,
    pub port: u16,
}

/// Runs the preview until Ctrl+C, SIGTERM or SIGHUP (which also stop Zola), or until Zola stops.
pub fn run(preview: &Preview) -> Result<()> {
    let root = preview.root.as_path();
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .with_context(|| format!("kan ikke lytte etter signal {signal}"))?;
    }

    let config = write_preview_config(root)?;
    check_and_generate(root);
    let (lines, output) = mpsc::channel();
    let mut zola = Zola::start(root, &config, preview.port, lines)?;
    eprintln!(
        "forhåndsvisning på http://127.0.0.1:{} – siden lastes på nytt når du lagrer; Ctrl+C avslutter",
        preview.port
    );

    let mut last = newest_change(root);
    let mut generated = newest(&root.join(generate::DIR));
    let mut messages = ZolaMessages::default();
    loop {
        std::thread::sleep(Duration::from_millis(500));
        if stop.load(Ordering::Relaxed) {
            zola.stop();
            messages.take(&output);
            messages.print();
            eprintln!("forhåndsvisningen er avsluttet");
            return Ok(());
        }
        if let Some(status) = zola.exited() {
            messages.take(&output);
            messages.print();
            return Err(format!("Zola stoppet ({status}); forhåndsvisningen er avsluttet").into());
        }
        let now = newest_change(root);
        if now.stamp > last.stamp {
            // Zola rebuilds on its own when content changes; wait for it so that its messages
            // follow the report instead of interleaving with it.
            if now.content > last.content {
                messages.wait_for_rebuild(&output, REBUILD_WAIT);
            }
            if now.config > last.config {
                write_preview_config(root)?;
            }
            last = now;
            let report = check_and_generate(root);
            let fresh = newest(&root.join(generate::DIR));
            if fresh > generated {
                // The case indices and statuses changed, but Zola does not watch `generated/`:
                // touching its config makes it rebuild everything with the new data.
                generated = fresh;
                touch(&config);
                messages.wait_for_rebuild(&output, REBUILD_WAIT);
            }
            eprintln!("\n--- sjekk etter endring ---\n{report}");
        } else {
            messages.take(&output);
        }
        messages.print();
    }
}

/// Checks the site and writes the generated data the templates read; returns the report.
fn check_and_generate(root: &Path) -> String {
    let mut report = Report::default();
    if let Ok(site) = pipeline::check_site(root, &mut report) {
        if let Err(message) = generate::write(&site, root) {
            return format!("{}ho21: {message}\n", report.render());
        }
    }
    report.render()
}

/// Writes `.build/preview-config.toml`: `config.toml` with the live-reload socket allowed.
fn write_preview_config(root: &Path) -> Result<PathBuf> {
    let source = root.join("config.toml");
    let text = std::fs::read_to_string(&source)
        .with_context(|| format!("kan ikke lese {}", source.display()))?;
    let preview = preview_config(&text).with_context(|| format!("{}", source.display()))?;
    let dir = root.join(".build");
    std::fs::create_dir_all(&dir).with_context(|| format!("kan ikke lage {}", dir.display()))?;
    let path = dir.join("preview-config.toml");
    std::fs::write(&path, preview)
        .with_context(|| format!("kan ikke skrive {}", path.display()))?;
    Ok(path)
}

/// `config.toml` with `extra.content_security_policy` also allowing the live-reload socket.
pub(crate) fn preview_config(config: &str) -> Result<String> {
    let mut doc: toml_edit::DocumentMut = config.parse().context("ugyldig TOML")?;
    let policy = doc
        .get("extra")
        .and_then(|extra| extra.get("content_security_policy"))
        .and_then(|item| item.as_str())
        .ok_or("mangler extra.content_security_policy")?;
    doc["extra"]["content_security_policy"] = toml_edit::value(allow_sockets(policy));
    Ok(doc.to_string())
}

/// Adds the preview's sockets to the policy's `connect-src` (or adds a `connect-src`).
fn allow_sockets(policy: &str) -> String {
    let mut found = false;
    let mut directives: Vec<String> = policy
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|directive| {
            if directive.split_whitespace().next() == Some("connect-src") {
                found = true;
                format!("{directive} {PREVIEW_SOCKETS}")
            } else {
                directive.to_owned()
            }
        })
        .collect();
    if !found {
        directives.push(format!("connect-src 'self' {PREVIEW_SOCKETS}"));
    }
    directives.join("; ")
}

/// The running `zola serve`, its output read line by line into a channel.
struct Zola {
    child: Child,
}

impl Zola {
    fn start(root: &Path, config: &Path, port: u16, lines: Sender<String>) -> Result<Self> {
        let zola = zola::locate(root)?;
        let mut child = Command::new(&zola)
            .arg("--root")
            .arg(root)
            .arg("--config")
            .arg(config)
            .args(["serve", "--interface", "127.0.0.1", "--port"])
            .arg(port.to_string())
            // Assets only; the pages stay in memory. Under .build/ so that `public/` keeps the
            // last real build.
            .arg("--output-dir")
            .arg(root.join(".build").join("preview"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("kunne ikke starte {}", zola.display()))?;
        forward(child.stdout.take(), lines.clone());
        forward(child.stderr.take(), lines);
        Ok(Zola { child })
    }

    fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Zola {
    /// Whatever ends the preview (an error, a panic), Zola does not outlive it.
    fn drop(&mut self) {
        if self.exited().is_none() {
            self.stop();
        }
    }
}

/// Sends every line a pipe gives to the channel, from a thread of its own.
fn forward(pipe: Option<impl Read + Send + 'static>, lines: Sender<String>) {
    if let Some(pipe) = pipe {
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
    }
}

/// What Zola said since it was last printed, sorted into errors and everything else.
#[derive(Default)]
struct ZolaMessages {
    errors: Vec<String>,
    other: Vec<String>,
    rebuilt: Option<String>,
    /// Whether the first build was reported (the next ones are rebuilds).
    built_once: bool,
}

impl ZolaMessages {
    /// Takes every line waiting in the channel.
    fn take(&mut self, output: &Receiver<String>) {
        while let Ok(line) = output.try_recv() {
            self.add(line);
        }
    }

    /// Takes lines until Zola says it finished (or failed) a rebuild, or `limit` passes.
    fn wait_for_rebuild(&mut self, output: &Receiver<String>, limit: Duration) {
        let until = Instant::now() + limit;
        while let Some(left) = until.checked_duration_since(Instant::now()) {
            match output.recv_timeout(left) {
                Ok(line) => {
                    let done = line.starts_with("Done in") || line.starts_with("Error");
                    self.add(line);
                    if done {
                        // An error's reasons follow on their own lines.
                        std::thread::sleep(Duration::from_millis(100));
                        self.take(output);
                        return;
                    }
                }
                Err(_) => return,
            }
        }
    }

    fn add(&mut self, line: String) {
        let line = line.trim_end().to_owned();
        if line.is_empty() {
            return;
        }
        if line.starts_with("Error") || line.starts_with("Failed") || line.contains("panicked") {
            self.errors.push(line);
        } else if let Some(time) = line.strip_prefix("Done in ") {
            self.rebuilt = Some(time.trim_end_matches('.').to_owned());
        } else if !self.errors.is_empty() && !routine(&line) {
            // The rest of an error: the file, the line and Tera's explanation.
            self.errors.push(line);
        } else if !routine(&line) {
            self.other.push(line);
        }
    }

    /// Prints what is new: errors under a clear label, after the check's report.
    fn print(&mut self) {
        if !self.errors.is_empty() {
            eprintln!("\n--- Zola melder feil (Zolas egne meldinger, på engelsk) ---");
            for line in self.errors.drain(..) {
                eprintln!("  zola: {line}");
            }
            eprintln!("--- siden i nettleseren viser forrige versjon til feilen er rettet ---");
            self.rebuilt = None;
            self.built_once = true;
        } else if let Some(time) = self.rebuilt.take() {
            let again = if self.built_once { " på nytt" } else { "" };
            eprintln!("zola: bygget{again} ({time})");
            self.built_once = true;
        }
        for line in self.other.drain(..) {
            eprintln!("  zola: {line}");
        }
    }
}

/// Zola's progress lines, which say nothing the preview's own messages do not.
fn routine(line: &str) -> bool {
    const ROUTINE: &[&str] = &[
        "Building site",
        "Checking all internal links",
        "> Successfully checked",
        "-> ",
        "Listening for changes",
        "Press Ctrl+C",
        "Web server is available",
        "Change detected",
        "Content changed",
        "Template changed",
        "Config changed",
        "Reloading",
        "Rebuilding",
    ];
    ROUTINE.iter().any(|prefix| line.starts_with(prefix))
}

/// When the preview's inputs last changed.
#[derive(Clone, Copy)]
struct Changes {
    /// The newest of all below and `data/`.
    stamp: SystemTime,
    /// `content/` (which Zola watches and rebuilds itself).
    content: SystemTime,
    /// `config.toml`.
    config: SystemTime,
}

fn newest_change(root: &Path) -> Changes {
    let content = newest(&root.join("content"));
    let data = newest(&root.join("data"));
    let config = newest(&root.join("config.toml"));
    Changes {
        stamp: content.max(data).max(config),
        content,
        config,
    }
}

/// The newest modification time of a file or of anything in a folder.
fn newest(path: &Path) -> SystemTime {
    walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok()?.modified().ok())
        .max()
        .unwrap_or(SystemTime::UNIX_EPOCH)
}

/// Sets a file's modification time to now (what Zola's watcher listens for).
fn touch(path: &Path) {
    if let Ok(file) = std::fs::OpenOptions::new().append(true).open(path) {
        let _ = file.set_modified(SystemTime::now());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_policy_adds_the_socket_to_connect_src_only() {
        let policy = "default-src 'self'; connect-src 'self'; object-src 'none'";
        assert_eq!(
            allow_sockets(policy),
            format!("default-src 'self'; connect-src 'self' {PREVIEW_SOCKETS}; object-src 'none'")
        );
        assert_eq!(
            allow_sockets("default-src 'self'"),
            format!("default-src 'self'; connect-src 'self' {PREVIEW_SOCKETS}")
        );
    }

    #[test]
    fn preview_config_keeps_everything_else() {
        let config = "base_url = \"https://example.org\"\n# comment\n[extra]\ncontent_security_policy = \"connect-src 'self'\"\nother = 1\n";
        let preview = preview_config(config).unwrap();
        assert!(preview.contains("# comment"));
        assert!(preview.contains("other = 1"));
        assert!(preview.contains(&format!("connect-src 'self' {PREVIEW_SOCKETS}")));
        assert!(preview_config("[extra]\n").is_err());
    }

    #[test]
    fn zola_errors_are_kept_with_their_reasons_and_progress_is_not() {
        let mut messages = ZolaMessages::default();
        for line in [
            "Building site...",
            "-> Creating 3 pages (0 orphan) and 1 sections",
            "Error: Failed to build the site",
            "* Failed to parse \"templates/base.html\"",
            "  --> 27:7",
            "Done in 12ms.",
        ] {
            messages.add(line.to_owned());
        }
        assert_eq!(messages.errors.len(), 3);
        assert!(messages.other.is_empty());
        assert_eq!(messages.rebuilt.as_deref(), Some("12ms"));
    }
}
