//! The build pipeline: check → generate → zola build → finish (and add the outputs) → publish.
//! Each stage is timed; nothing reaches `public/` unless every stage passed.

use std::fs;
use std::path::{Path, PathBuf};

use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Report, Severity};
use crate::errors::{Context, Error, Result};
use crate::finish::{self, links::SiteMap, mentions::Targets, verify::Policy};
use crate::site::Site;
use crate::timing::Timings;
use crate::{check, generate, outputs, zola};

/// Why a build stopped.
#[derive(Debug)]
pub enum Failure {
    /// Problems in the content or the built pages: the editor can fix them (exit code 1).
    Content(Report),
    /// The tools could not do their job: missing program, unreadable file (exit code 2).
    Io(Error),
}

pub struct Options {
    pub root: PathBuf,
    /// Where the finished site goes; `public/` by default.
    pub output: PathBuf,
}

/// Loads and checks the content. Returns the site, with every problem found in `report`; an error
/// only when a file cannot be read at all.
pub fn check_site(root: &Path, report: &mut Report) -> Result<Site, Failure> {
    // The files themselves first: no symlink, no file type Zola would publish unread.
    check::files::check(root, report);
    let site = Site::load(root, report).map_err(Failure::Io)?;
    check::check(&site, report);
    Ok(site)
}

/// A build folder beside `public/` (same file system, so the final rename is atomic), removed
/// again if the build stops early.
struct Staging {
    path: PathBuf,
    keep: bool,
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.keep {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

pub fn build(options: &Options, report: &mut Report, timings: &mut Timings) -> Result<(), Failure> {
    let root = &options.root;
    let site = timings.time("check", || check_site(root, report))?;
    if report.has_errors() {
        return Err(Failure::Content(std::mem::take(report)));
    }
    timings
        .time("generate", || generate::write(&site, root))
        .map_err(Failure::Io)?;

    let parent = options
        .output
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.clone());
    let work = parent.join(".build");
    fs::create_dir_all(&work)
        .with_context(|| format!("kan ikke lage {}", work.display()))
        .map_err(Failure::Io)?;
    clean_stale(&work);
    let nonce = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut staging = Staging {
        path: work.join(format!("site-{}-{nonce}", std::process::id())),
        keep: false,
    };

    timings
        .time("zola build", || zola::build(root, &staging.path))
        .map_err(|error| {
            if zola::locate(root).is_err() {
                return Failure::Io(error);
            }
            let mut r = Report::default();
            r.push(Diagnostic {
                severity: Severity::Error,
                code: Code::BuildFailed,
                path: "zola".into(),
                line: 0,
                col: 0,
                message: error.one_line(),
                hint: Some("Zola nevner filen som feiler; rett den og bygg på nytt".into()),
                source_line: None,
            });
            Failure::Content(r)
        })?;

    finish_site(site, root, &staging.path, report, timings)?;
    if report.has_errors() {
        return Err(Failure::Content(std::mem::take(report)));
    }
    timings
        .time("publish", || publish(&staging.path, &options.output, &work))
        .map_err(Failure::Io)?;
    staging.keep = true;
    Ok(())
}

fn finish_site(
    site: Site,
    root: &Path,
    out: &Path,
    report: &mut Report,
    timings: &mut Timings,
) -> Result<(), Failure> {
    let config = site.config.clone();
    let base_url = config.base_url.as_str();
    let csp = config.content_security_policy();
    let policy = Policy::new(base_url, csp).map_err(Failure::Io)?;
    let (open_data, rendered_problems) = timings
        .time("open data", || {
            let files = outputs::render(&site, base_url, csp)?;
            let problems = finish::pages::verify_rendered(&files, &policy);
            Ok((files, problems))
        })
        .map_err(Failure::Io)?;
    // From here on only the ids are needed: free the texts (a third of the memory at 30 000
    // pages) before the pass over the built pages.
    let targets = Targets {
        cases: site.cases.keys().cloned().collect(),
        meetings: site.meetings.keys().cloned().collect(),
    };
    let sources = Sources::of(&site);
    drop(site);

    // The editor at /admin/ (its own page and policy), before the list of built files is made
    // so that links to it count; its page is checked on its own, below, not by the allow-list.
    let editor = finish::admin::write(root, out).map_err(Failure::Io)?;
    let mut files = finish::all_files(out).map_err(Failure::Io)?;
    let html: Vec<PathBuf> = files
        .iter()
        .filter(|f| f.ends_with(".html") && !(editor && f == &finish::admin::PAGE_PATH))
        .map(|f| out.join(f))
        .collect();
    files.extend(open_data.iter().map(|(rel, _)| rel.clone()));
    let mut site_map = SiteMap {
        files: files.iter().cloned().collect(),
        ..SiteMap::default()
    };
    // Every page is read and written once, here; the checks below look up what this found.
    // The open data is written at the same time: creating 30 000 small files is work for the
    // kernel, which fills the gaps while the pages wait for their reads and writes.
    let (written, pages) = timings.time("post-process", || {
        rayon::join(
            || outputs::write(out, &open_data),
            || finish::pages::finish_all(out, &html, &site_map, &targets, &policy, base_url),
        )
    });
    written.map_err(Failure::Io)?;
    let mut pages = pages.map_err(Failure::Io)?;
    drop(open_data);

    let broken = timings.time("link check", || {
        finish::pages::check_links(&mut site_map, &mut pages)
    });
    let editor_problem = editor
        .then(|| finish::admin::verify(out))
        .flatten()
        .map(|message| (finish::admin::PAGE_PATH.to_owned(), vec![message]));
    let problems = pages
        .into_iter()
        .map(|page| (page.path, page.problems))
        .chain(rendered_problems)
        .chain(editor_problem);
    for (page, messages) in problems {
        let from = sources
            .of_page(&page)
            .map(|src| format!(" (siden er laget fra {src})"))
            .unwrap_or_default();
        for message in messages {
            report.push(Diagnostic {
                severity: Severity::Error,
                code: Code::UnsafeHtml,
                path: format!("public/{page}"),
                line: 0,
                col: 0,
                message: format!("{message}{from}"),
                hint: Some(
                    "nettsidene får bare inneholde det malene bruker; skriv teksten i Markdown uten HTML".into(),
                ),
                source_line: None,
            });
        }
    }
    for b in broken {
        let from = sources
            .of_page(&b.page)
            .map(|src| format!(" (siden er laget fra {src})"))
            .unwrap_or_default();
        report.push(Diagnostic {
            severity: Severity::Error,
            code: Code::BrokenLink,
            path: format!("public/{}", b.page),
            line: b.line,
            col: b.col,
            message: format!("lenken «{}» virker ikke: {}{from}", b.url, b.reason),
            hint: Some(
                "lenker i maler og Markdown må peke på en side eller et anker som finnes".into(),
            ),
            source_line: None,
        });
    }
    let problems = timings
        .time("file check", || {
            finish::files::check(out, &files, &site_map, base_url)
        })
        .map_err(|message| Failure::Io(message.into()))?;
    drop(site_map);
    for (file, message) in problems {
        report.push(Diagnostic {
            severity: Severity::Error,
            code: Code::BrokenLink,
            path: format!("public/{file}"),
            line: 0,
            col: 0,
            message,
            hint: Some("filen lages av Zola eller verktøyene; feilen ligger i malen eller innholdet den kommer fra".into()),
            source_line: None,
        });
    }
    if report.has_errors() {
        return Ok(());
    }
    // Pagefind reads the finished (minified) pages: the same text, fewer bytes to parse.
    timings
        .time("search index", || crate::search::index(root, out))
        .map_err(Failure::Io)
}

/// What is needed to name the content file a built page came from.
struct Sources {
    content: PathBuf,
    /// Dated file names (`2025-06-12-innspill`) of outputs and events.
    outputs: Vec<String>,
    events: Vec<String>,
    /// Alias pages (`gammel-sak/index.html`) → the content file whose `aliases` made them.
    aliases: std::collections::HashMap<String, String>,
}

impl Sources {
    fn of(site: &Site) -> Self {
        fn add<E>(
            aliases: &mut std::collections::HashMap<String, String>,
            docs: &std::collections::BTreeMap<String, crate::site::Doc<E>>,
        ) {
            for doc in docs.values() {
                for alias in &doc.front.aliases {
                    let alias = alias.trim_matches('/');
                    let page = if alias.ends_with(".html") {
                        alias.to_owned()
                    } else {
                        format!("{alias}/index.html")
                    };
                    aliases.insert(page, doc.file.rel.clone());
                }
            }
        }
        let mut aliases = std::collections::HashMap::new();
        add(&mut aliases, &site.meetings);
        add(&mut aliases, &site.cases);
        add(&mut aliases, &site.minutes);
        add(&mut aliases, &site.outputs);
        add(&mut aliases, &site.events);
        add(&mut aliases, &site.reports);
        add(&mut aliases, &site.pages);
        Sources {
            content: site.root.join("content"),
            outputs: site.outputs.keys().cloned().collect(),
            events: site.events.keys().cloned().collect(),
            aliases,
        }
    }

    /// The content file a built page came from, where it can be traced:
    /// `saker/48-6-2022/index.html` → `content/saker/48-6-2022.md`. Zola drops a leading date
    /// from file names in URLs. Alias pages and short case URLs (`sak/48-6-2022/`) name the
    /// page they send on to.
    fn of_page(&self, page: &str) -> Option<String> {
        if let Some(file) = self.aliases.get(page) {
            return Some(file.clone());
        }
        if let Some(case) = page.strip_prefix("sak/") {
            return self.of_page(&format!("{}/{case}", crate::urls::CASES));
        }
        let dir = page.strip_suffix("/index.html")?;
        let (folder, slug) = dir.split_once('/')?;
        if self
            .content
            .join(folder)
            .join(format!("{slug}.md"))
            .is_file()
        {
            return Some(format!("content/{folder}/{slug}.md"));
        }
        let dated = |id: &&String| id.as_str() != slug && crate::urls::without_date(id) == slug;
        let ids = match folder {
            "mener" => &self.outputs,
            "arrangementer" => &self.events,
            _ => return None,
        };
        ids.iter()
            .find(dated)
            .map(|id| format!("content/{folder}/{id}.md"))
    }
}

/// Removes what a killed build left in `.build/`: the staging and old-site folders of processes
/// that no longer run, or whose process id this process now has.
pub(crate) fn clean_stale(work: &Path) {
    let Ok(entries) = fs::read_dir(work) else {
        return;
    };
    let own = std::process::id();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let pid = name
            .strip_prefix("site-")
            .or_else(|| name.strip_prefix("old-"))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok());
        if let Some(pid) = pid {
            if pid == own || !running(pid) {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// Whether a process with this id exists (signal 0 only asks).
fn running(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: kill with signal 0 sends nothing; it only checks that the process exists.
    let found = unsafe { libc::kill(pid, 0) } == 0;
    found || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Replaces `public` with the finished build. Two renames on one file system: at every moment
/// `public` is either the complete old site or the complete new one (or, for an instant
/// between the renames, absent), never a mix.
fn publish(staging: &Path, public: &Path, work: &Path) -> Result<()> {
    let old = work.join(format!("old-{}", std::process::id()));
    if old.exists() {
        // Left by a killed build that had this process id: a rename onto it would fail.
        fs::remove_dir_all(&old).with_context(|| format!("kan ikke slette {}", old.display()))?;
    }
    if public.exists() {
        fs::rename(public, &old)
            .with_context(|| format!("kan ikke flytte {}", public.display()))?;
    }
    if let Err(e) = fs::rename(staging, public) {
        // Put the old site back before giving up.
        let _ = fs::rename(&old, public);
        let message = format!(
            "kan ikke flytte det nye nettstedet til {}",
            public.display()
        );
        return Err(Error::chain(message, e));
    }
    if old.exists() {
        fs::remove_dir_all(&old).with_context(|| format!("kan ikke slette {}", old.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_staging_folders_are_removed() {
        let work = tempfile::tempdir().expect("temp dir");
        let own = work.path().join(format!("old-{}", std::process::id()));
        // Process ids are at most 2^22 on Linux: this one cannot run.
        let dead = work.path().join("site-4294967-123");
        let live = work.path().join("site-1-123");
        let other = work.path().join("notes");
        for dir in [&own, &dead, &live, &other] {
            fs::create_dir_all(dir.join("saker")).expect("dir");
            fs::write(dir.join("saker/index.html"), "x").expect("file");
        }
        clean_stale(work.path());
        assert!(!own.exists(), "a folder with this process's id is stale");
        assert!(
            !dead.exists(),
            "a folder of a process that no longer runs is stale"
        );
        assert!(live.exists(), "process 1 runs: its folder stays");
        assert!(other.exists(), "folders the build did not make stay");
    }
}
