//! Local preview: Zola's live server on 127.0.0.1, and a check of the content every time a file
//! under `content/` or `data/` changes, printed in the terminal.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime};

use crate::diagnostics::Report;
use crate::{generate, pipeline, zola};

pub fn run(root: &Path) -> Result<(), String> {
    let mut report = Report::default();
    let site = pipeline::check_site(root, &mut report)
        .map_err(|_| "kan ikke lese innholdet".to_owned())?;
    generate::write(&site, root)?;
    let zola = zola::locate(root)?;
    let mut child = Command::new(&zola)
        .arg("--root")
        .arg(root)
        .args(["serve", "--interface", "127.0.0.1", "--port", "1111"])
        .spawn()
        .map_err(|e| format!("kunne ikke starte {}: {e}", zola.display()))?;
    eprintln!("forhåndsvisning på http://127.0.0.1:1111 – Ctrl+C avslutter");
    let mut last = newest_change(root);
    loop {
        std::thread::sleep(Duration::from_millis(500));
        if let Ok(Some(status)) = child.try_wait() {
            return if status.success() {
                Ok(())
            } else {
                Err(format!("zola serve stoppet ({status})"))
            };
        }
        let now = newest_change(root);
        if now > last {
            last = now;
            let mut report = Report::default();
            if let Ok(site) = pipeline::check_site(root, &mut report) {
                let _ = generate::write(&site, root);
            }
            eprintln!("\n--- sjekk etter endring ---\n{}", report.render());
        }
    }
}

/// The newest modification time under `content/` and `data/`.
fn newest_change(root: &Path) -> SystemTime {
    ["content", "data"]
        .iter()
        .flat_map(|dir| {
            walkdir::WalkDir::new(root.join(dir))
                .into_iter()
                .filter_map(Result::ok)
        })
        .filter_map(|e| e.metadata().ok()?.modified().ok())
        .max()
        .unwrap_or(SystemTime::UNIX_EPOCH)
}
