//! The benchmark behind `scripts/bench` (binary `ho21-bench`): for each scale, a synthetic
//! archive ([`crate::synth`]) is generated into `target/bench/<scale>`, the whole pipeline
//! ([`ho21_tools::pipeline::build`]) runs on it in-process, and every stage is measured: wall time,
//! CPU time of this process and of its child processes (Zola, Pagefind), and peak resident
//! memory. Then the naive tool chain runs one tool after another on the same content: `zola
//! build`, the lychee CLI, a minifier CLI and the Pagefind CLI.
//!
//! Each scale runs in a fresh worker process (the same binary with `--worker`), so that the peak
//! memory and the children's figures of one scale are not those of the previous one.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::synth::{self, Scale, Spec, Stats};
use ho21_tools::diagnostics::Report;
use ho21_tools::pipeline::{self, Failure, Options};
use ho21_tools::timing::{reset_peak, rusage, timeval, vm_hwm_kib, Timings};

/// Stages that are other programs; every other stage is our own code.
pub const FOREIGN_STAGES: &[&str] = &["zola build", "search index"];

/// Wall time, CPU time and peak memory of one measured step.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Row {
    pub name: String,
    /// Seconds.
    pub wall: f64,
    /// CPU seconds (user + system) of this process, all threads.
    pub cpu_self: f64,
    /// CPU seconds of the child processes that ended in the step.
    pub cpu_child: f64,
    /// Peak resident memory of this process in the step, KiB.
    pub peak_self_kib: u64,
    /// Peak resident memory of the step's child process, KiB, when known exactly.
    pub peak_child_kib: Option<u64>,
    /// When the child's peak is not known exactly: it was at most this (KiB).
    pub peak_child_at_most_kib: Option<u64>,
    /// A remark shown under the table (a stand-in, a tool that was missing).
    pub note: Option<String>,
}

/// Everything measured for one scale.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ScaleReport {
    pub scale: String,
    pub years: u32,
    pub seed: u64,
    pub stats: Stats,
    pub generate_wall: f64,
    pub html_files: usize,
    pub site_bytes: u64,
    /// How many times the pipeline ran; the tables show the run with the median total.
    pub runs: usize,
    pub stages: Vec<Row>,
    pub total: Row,
    /// Wall time of our own stages (all but Zola and Pagefind) and of `zola build`.
    pub own_wall: f64,
    pub zola_wall: f64,
    pub naive: Vec<Row>,
    pub naive_total_wall: f64,
}

impl ScaleReport {
    pub fn ratio(&self) -> f64 {
        if self.zola_wall > 0.0 {
            self.own_wall / self.zola_wall
        } else {
            f64::NAN
        }
    }
}

/// Measures a closure run in this process: wall, CPU (getrusage) and peak memory (VmHWM, reset
/// first).
pub fn in_process<T>(name: &str, f: impl FnOnce() -> T) -> (T, Row) {
    let cpu_before = rusage(libc::RUSAGE_SELF).0;
    reset_peak();
    let start = Instant::now();
    let value = f();
    let wall = start.elapsed();
    let (cpu_after, maxrss) = rusage(libc::RUSAGE_SELF);
    let row = Row {
        name: name.to_owned(),
        wall: wall.as_secs_f64(),
        cpu_self: cpu_after.saturating_sub(cpu_before).as_secs_f64(),
        peak_self_kib: vm_hwm_kib().unwrap_or(maxrss),
        ..Row::default()
    };
    (value, row)
}

/// Runs a child process to the end and measures it exactly with `wait4`: wall, CPU and its own
/// peak memory. Its output goes to `log`. Any exit code but 0 is a failure.
pub fn child(name: &str, cmd: &mut Command, log: &Path) -> Result<Row, String> {
    child_allowing(name, cmd, log, &[0])
}

/// Like [`child`], accepting the exit codes in `ok`.
pub fn child_allowing(
    name: &str,
    cmd: &mut Command,
    log: &Path,
    ok: &[i32],
) -> Result<Row, String> {
    let out = fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let err = out
        .try_clone()
        .map_err(|e| format!("{}: {e}", log.display()))?;
    let start = Instant::now();
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::from(out))
        .stderr(Stdio::from(err))
        .spawn()
        .map_err(|e| format!("kunne ikke starte {name}: {e}"))?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: wait4 writes into the zeroed rusage and status we own; the child is ours and is
    // reaped here, so `child` (which is not waited on again) is only dropped.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    drop(child);
    if waited != pid {
        return Err(format!("{name}: wait4 feilet"));
    }
    if !(libc::WIFEXITED(status) && ok.contains(&libc::WEXITSTATUS(status))) {
        let text = fs::read_to_string(log).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(15).collect();
        return Err(format!(
            "{name} feilet (status {status}):\n{}",
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        ));
    }
    Ok(Row {
        name: name.to_owned(),
        wall: wall.as_secs_f64(),
        cpu_child: (timeval(usage.ru_utime) + timeval(usage.ru_stime)).as_secs_f64(),
        peak_child_kib: Some(usage.ru_maxrss.max(0) as u64),
        ..Row::default()
    })
}

/// The repository root: `dir` or the nearest folder above it with `tools/Cargo.toml` and
/// `config.toml`.
pub fn find_repo(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join("tools/Cargo.toml").is_file() && d.join("config.toml").is_file())
        .map(Path::to_path_buf)
}

/// Where the benchmark's own tools are installed (`scripts/bench` puts them there).
pub fn tools_dir(repo: &Path) -> PathBuf {
    repo.join("target/bench/tools")
}

/// The lychee CLI: `LYCHEE=/path`, else `target/bench/tools/bin/lychee`, else on `PATH`.
pub fn find_lychee(repo: &Path) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("LYCHEE").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let local = tools_dir(repo).join("bin/lychee");
    if local.is_file() {
        return Some(local);
    }
    on_path("lychee")
}

fn on_path(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

/// The minifier CLI of the naive chain: minify-html's own Node package, run over every page by a
/// few lines of Node (the package has no command of its own). Installed by `scripts/bench` into
/// `target/bench/tools/npm`.
fn minify_html_node(repo: &Path) -> Option<(PathBuf, PathBuf)> {
    let modules = tools_dir(repo).join("npm/node_modules");
    let node = on_path("node")?;
    modules
        .join("@minify-html/node/package.json")
        .is_file()
        .then_some((node, modules))
}

/// The same settings as `finish::minify::config`, in the Node package's names.
const NODE_MINIFY: &str = r#"
const fs = require("fs"), path = require("path");
const { minify } = require("@minify-html/node");
const cfg = { keep_html_and_head_opening_tags: true, keep_closing_tags: true, minify_doctype: false,
  allow_noncompliant_unquoted_attribute_values: false, allow_removing_spaces_between_attributes: false,
  minify_css: false, minify_js: false, keep_comments: false };
let n = 0;
function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith(".html")) { fs.writeFileSync(p, minify(fs.readFileSync(p), cfg)); n++; }
  }
}
walk(process.argv[1]);
console.log(`minified ${n} files`);
"#;

/// Options of one benchmark run.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    pub repo: PathBuf,
    pub out: PathBuf,
    pub seed: u64,
    pub runs: usize,
    pub naive: bool,
}

/// Where earlier outputs wait to be deleted: `<out>/.trash`.
pub fn trash_dir(out: &Path) -> PathBuf {
    out.join(".trash")
}

/// Moves `path` out of the way, into the trash beside the archives, without deleting it.
///
/// Deleting thousands of files makes creating files slow for the next minute or more on ext4
/// (it does not reuse recently freed inodes and searches past them), so a run right after a
/// deletion would measure the deletion, not the pipeline. `empty_trash` deletes the trash after
/// the last measurement.
fn remove(path: &Path, trash: &Path) -> Result<(), String> {
    if !path.exists() {
        return Ok(());
    }
    fs::create_dir_all(trash).map_err(|e| format!("kan ikke lage {}: {e}", trash.display()))?;
    let nonce = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let target = trash.join(format!("{}-{nonce}", std::process::id()));
    fs::rename(path, &target).map_err(|e| {
        format!(
            "kan ikke flytte {} til {}: {e}",
            path.display(),
            trash.display()
        )
    })
}

/// Deletes what `remove` set aside (after the measurements).
pub fn empty_trash(out: &Path) -> Result<(), String> {
    let trash = trash_dir(out);
    if trash.exists() {
        fs::remove_dir_all(&trash)
            .map_err(|e| format!("kan ikke slette {}: {e}", trash.display()))?;
    }
    Ok(())
}

/// Writes everything cached to disk before a measurement, so that the previous step's writes and
/// deletions (which this machine's disk, mounted with `discard`, pays for when they reach it) are
/// not charged to the next one.
fn settle() {
    // SAFETY: sync takes no arguments and cannot fail.
    unsafe { libc::sync() };
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// A size to benchmark: a scale (`S`, `M`, `L`) or a number of years (`20y`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Size {
    pub name: String,
    pub years: u32,
}

impl Size {
    pub fn parse(s: &str) -> Option<Size> {
        if let Some(scale) = Scale::parse(s) {
            return Some(Size::of(scale));
        }
        let years: u32 = s.strip_suffix(['y', 'Y'])?.parse().ok()?;
        (1..=1000).contains(&years).then(|| Size {
            name: format!("{years}y"),
            years,
        })
    }

    pub fn of(scale: Scale) -> Size {
        Size {
            name: scale.name().to_owned(),
            years: scale.years(),
        }
    }
}

/// Generates the archive for `size` and measures the pipeline and the naive chain on it.
pub fn run_scale(size: &Size, opts: &BenchOptions) -> Result<ScaleReport, String> {
    let scale = size;
    let dir = opts.out.join(&scale.name);
    let trash = trash_dir(&opts.out);
    let spec = Spec {
        seed: opts.seed,
        years: scale.years,
        ..Spec::of(Scale::S)
    };
    eprintln!(
        "==> {}: genererer {} år i {}",
        scale.name,
        spec.years,
        dir.display()
    );
    // Deleting the previous archive (Pagefind writes thousands of files) is not generating.
    if dir.join(synth::MARKER).is_file() {
        remove(&dir, &trash)?;
    }
    let start = Instant::now();
    let stats = synth::generate(&opts.repo, &dir, &spec)?;
    let generate_wall = secs(start.elapsed());

    let mut runs: Vec<(f64, Vec<Row>)> = Vec::new();
    for run in 0..opts.runs.max(1) {
        eprintln!(
            "==> {}: pipeline, kjøring {} av {}",
            scale.name,
            run + 1,
            opts.runs.max(1)
        );
        remove(&dir.join("public"), &trash)?;
        remove(&dir.join(".build"), &trash)?;
        settle();
        let options = Options {
            root: dir.clone(),
            output: dir.join("public"),
        };
        let mut report = Report::default();
        let mut timings = Timings::default();
        let start = Instant::now();
        let result = pipeline::build(&options, &mut report, &mut timings);
        let total = secs(start.elapsed());
        match result {
            Ok(()) => {}
            Err(Failure::Content(report)) => {
                return Err(format!(
                    "det genererte arkivet bygger ikke:\n{}",
                    report.render()
                ))
            }
            Err(Failure::Io(error)) => return Err(error.one_line()),
        }
        let mut rows: Vec<Row> = Vec::new();
        for ((name, wall), usage) in timings.stages.iter().zip(&timings.usage) {
            // getrusage keeps only the largest child so far: a later, smaller child's peak is
            // unknown. The same tool on the same content in an earlier run is the best estimate.
            let earlier = runs
                .first()
                .and_then(|(_, first)| first.iter().find(|r| r.name == *name))
                .and_then(|r| r.peak_child_kib);
            let peak_child = usage.peak_children_kib.or(earlier);
            let child_max = rows.iter().filter_map(|r| r.peak_child_kib).max();
            let at_most =
                child_max.filter(|_| peak_child.is_none() && usage.cpu_children > Duration::ZERO);
            rows.push(Row {
                name: (*name).to_owned(),
                wall: secs(*wall),
                cpu_self: secs(usage.cpu_self),
                cpu_child: secs(usage.cpu_children),
                peak_self_kib: usage.peak_self_kib,
                peak_child_kib: peak_child,
                peak_child_at_most_kib: at_most,
                note: (!usage.peak_self_reset)
                    .then(|| "peak memory since the process started".to_owned()),
            });
        }
        runs.push((total, rows));
    }
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (total_wall, stages) = runs.swap_remove(runs.len() / 2);

    let public = dir.join("public");
    let (html_files, site_bytes) = walk_size(&public);
    let total = Row {
        name: "total".into(),
        wall: total_wall,
        cpu_self: stages.iter().map(|r| r.cpu_self).sum(),
        cpu_child: stages.iter().map(|r| r.cpu_child).sum(),
        peak_self_kib: stages.iter().map(|r| r.peak_self_kib).max().unwrap_or(0),
        peak_child_kib: stages.iter().filter_map(|r| r.peak_child_kib).max(),
        ..Row::default()
    };
    let zola_wall: f64 = stages
        .iter()
        .filter(|r| r.name == "zola build")
        .map(|r| r.wall)
        .sum();
    let own_wall: f64 = stages
        .iter()
        .filter(|r| !FOREIGN_STAGES.contains(&r.name.as_str()))
        .map(|r| r.wall)
        .sum();

    let naive = if opts.naive {
        eprintln!("==> {}: den naive verktøykjeden", scale.name);
        naive_chain(&opts.repo, &dir, &trash)?
    } else {
        Vec::new()
    };
    let naive_total_wall = naive.iter().map(|r| r.wall).sum();
    Ok(ScaleReport {
        scale: scale.name.clone(),
        years: spec.years,
        seed: spec.seed,
        stats,
        generate_wall,
        html_files,
        site_bytes,
        runs: opts.runs.max(1),
        stages,
        total,
        own_wall,
        zola_wall,
        naive,
        naive_total_wall,
    })
}

fn walk_size(dir: &Path) -> (usize, u64) {
    let mut html = 0;
    let mut bytes = 0;
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_file() {
            if entry.path().extension().is_some_and(|e| e == "html") {
                html += 1;
            }
            bytes += entry.metadata().map_or(0, |m| m.len());
        }
    }
    (html, bytes)
}

/// `zola build`, the lychee CLI, a minifier and the Pagefind CLI, one after another, on the
/// archive in `dir` (whose `generated/` the pipeline has just written).
fn naive_chain(repo: &Path, dir: &Path, trash: &Path) -> Result<Vec<Row>, String> {
    let site = dir.join("naive");
    remove(&site, trash)?;
    let logs = dir.join("logs");
    fs::create_dir_all(&logs).map_err(|e| format!("{}: {e}", logs.display()))?;
    settle();
    let mut rows = Vec::new();

    let zola = ho21_tools::zola::locate(dir).map_err(|e| e.one_line())?;
    rows.push(child(
        "zola build",
        Command::new(&zola)
            .arg("--root")
            .arg(dir)
            .arg("build")
            .arg("--output-dir")
            .arg(&site),
        &logs.join("zola.log"),
    )?);

    let base_url = ho21_tools::config::Config::load(dir)
        .map_err(|e| e.one_line())?
        .base_url;
    let abs = std::path::absolute(&site).map_err(|e| e.to_string())?;
    match find_lychee(repo) {
        Some(lychee) => {
            let version = Command::new(&lychee)
                .arg("--version")
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
                .unwrap_or_default();
            // Exit code 2: links are broken. The naive chain has no open-data stage, so the
            // links to those files are; the run is complete all the same.
            let log = logs.join("lychee.log");
            let mut row = child_allowing(
                "lychee CLI",
                Command::new(&lychee)
                    .args(["--offline", "--include-fragments", "--no-progress"])
                    .arg("--root-dir")
                    .arg(&abs)
                    .args(["--index-files", "index.html"])
                    .arg("--remap")
                    .arg(format!(
                        "^{}/ file://{}/",
                        regex::escape(base_url.trim_end_matches('/')),
                        abs.display()
                    ))
                    .arg(&abs),
                &log,
                &[0, 2],
            )?;
            let summary = fs::read_to_string(&log)
                .unwrap_or_default()
                .lines()
                .find(|l| l.contains("Total"))
                .map(|l| l.trim().to_owned())
                .unwrap_or_default();
            row.note = Some(format!("{version}, offline, with anchors: {summary}"));
            rows.push(row);
        }
        #[cfg(feature = "external-links")]
        None => {
            let (result, mut row) = in_process("lychee-lib (stand-in)", || {
                ho21_tools::external::reference::check_offline(&site, &base_url)
            });
            result.map_err(|e| e.one_line())?;
            row.note = Some("the lychee CLI is not installed: lychee-lib's own offline check of the folder stands in for it (`cargo install lychee --locked --root target/bench/tools` takes about 10 minutes on 2 cores)".into());
            rows.push(row);
        }
        // The everyday build has no lychee-lib: the link check of the naive chain is left out,
        // which favours the naive chain in the comparison, and the table says so.
        #[cfg(not(feature = "external-links"))]
        None => {
            let _ = (&base_url, &abs);
            rows.push(Row {
                name: "lychee (not measured)".into(),
                note: Some("neither the lychee CLI nor lychee-lib is here, so the naive chain's total leaves its link check out (which favours the naive chain): install the CLI (`cargo install lychee --locked --root target/bench/tools`, about 10 minutes on 2 cores) or build with `--features external-links` for lychee-lib's offline check as a stand-in".into()),
                ..Row::default()
            });
        }
    }

    match minify_html_node(repo) {
        Some((node, modules)) => {
            let mut row = child(
                "minify-html (Node)",
                Command::new(node)
                    .env("NODE_PATH", modules)
                    .arg("-e")
                    .arg(NODE_MINIFY)
                    .arg(&site),
                &logs.join("minify.log"),
            )?;
            row.note = Some("@minify-html/node over every page, one thread".into());
            rows.push(row);
        }
        None => {
            let (result, mut row) = in_process("minify-html (stand-in)", || minify_all(&site));
            result?;
            row.note = Some("@minify-html/node is not installed (scripts/bench installs it): our own minify stage stands in".into());
            rows.push(row);
        }
    }

    let pagefind = ho21_tools::search::locate(dir).map_err(|e| e.one_line())?;
    rows.push(child(
        "pagefind CLI",
        Command::new(pagefind)
            .arg("--site")
            .arg(&site)
            .arg("--quiet"),
        &logs.join("pagefind.log"),
    )?);
    Ok(rows)
}

/// `ho21 check` on the real content: in-process (best of `runs`) and as a process.
pub fn check_real(repo: &Path, runs: usize) -> Result<(usize, usize, Row, Option<Row>), String> {
    let mut best: Option<Row> = None;
    let mut pages = 0;
    let mut problems = 0;
    for _ in 0..runs.max(1) {
        let mut report = Report::default();
        let (site, row) = in_process("check (in-process)", || {
            pipeline::check_site(repo, &mut report)
        });
        let site = site.map_err(|f| match f {
            Failure::Io(e) => e.one_line(),
            Failure::Content(r) => r.render(),
        })?;
        pages = site.page_count();
        problems = report.diagnostics.len();
        if best.as_ref().is_none_or(|b| row.wall < b.wall) {
            best = Some(row);
        }
    }
    let exe = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(|d| d.join("ho21")))
        .filter(|p| p.is_file());
    let process = match exe {
        Some(ho21) => {
            let log =
                std::env::temp_dir().join(format!("ho21-bench-check-{}.log", std::process::id()));
            let row = child(
                "ho21 check (process)",
                Command::new(ho21).arg("check").arg("--root").arg(repo),
                &log,
            );
            let _ = fs::remove_file(&log);
            // Problems in content others are editing are not the benchmark's concern.
            row.ok()
        }
        None => None,
    };
    Ok((pages, problems, best.unwrap_or_default(), process))
}

// ---------------------------------------------------------------------------------------------
// Printing

fn mib(kib: u64) -> String {
    format!("{:.0}", kib as f64 / 1024.0)
}

fn peak_child(r: &Row) -> String {
    match (r.peak_child_kib, r.peak_child_at_most_kib) {
        (Some(k), _) => mib(k),
        (None, Some(k)) => format!("≤ {}", mib(k)),
        _ => "–".into(),
    }
}

fn cpu_cell(v: f64) -> String {
    if v > 0.0 {
        format!("{v:.2}")
    } else {
        "–".into()
    }
}

/// The tables for one scale, as Markdown.
pub fn render(r: &ScaleReport) -> String {
    let s = &r.stats;
    let mut out = format!(
        "### {} — {} years: {} meetings, {} cases, {} other pages ({} Markdown files, {:.1} MB); built: {} HTML pages, {:.0} MB\n\n",
        r.scale,
        r.years,
        s.meetings,
        s.cases,
        s.pages() - s.meetings - s.cases,
        s.pages(),
        s.content_bytes as f64 / 1e6,
        r.html_files,
        r.site_bytes as f64 / 1e6
    );
    out.push_str(&format!(
        "Archive generated in {:.2} s (seed {}). Pipeline: median of {} run(s).\n\n",
        r.generate_wall, r.seed, r.runs
    ));
    out.push_str("| stage | wall s | CPU s (ho21) | CPU s (child) | peak RSS ho21 MiB | peak RSS child MiB |\n|---|---:|---:|---:|---:|---:|\n");
    for row in r.stages.iter().chain(std::iter::once(&r.total)) {
        let name = if row.name == "total" {
            "**total**".to_owned()
        } else {
            row.name.clone()
        };
        out.push_str(&format!(
            "| {name} | {:.3} | {} | {} | {} | {} |\n",
            row.wall,
            cpu_cell(row.cpu_self),
            cpu_cell(row.cpu_child),
            mib(row.peak_self_kib),
            peak_child(row)
        ));
    }
    out.push_str(&format!(
        "\nOwn stages (all but zola build and search index): {:.3} s; zola build: {:.3} s.\n\nratio own/zola: {:.2}\n",
        r.own_wall,
        r.zola_wall,
        r.ratio()
    ));
    if !r.naive.is_empty() {
        out.push_str("\nNaive tool chain, one after another on the same content:\n\n| tool | wall s | CPU s | peak RSS MiB |\n|---|---:|---:|---:|\n");
        for row in &r.naive {
            let peak = row.peak_child_kib.unwrap_or(row.peak_self_kib);
            out.push_str(&format!(
                "| {} | {:.3} | {:.2} | {} |\n",
                row.name,
                row.wall,
                row.cpu_self + row.cpu_child,
                mib(peak)
            ));
        }
        out.push_str(&format!(
            "| **total** | {:.3} | {:.2} | |\n",
            r.naive_total_wall,
            r.naive
                .iter()
                .map(|x| x.cpu_self + x.cpu_child)
                .sum::<f64>()
        ));
        for row in &r.naive {
            if let Some(note) = &row.note {
                out.push_str(&format!("\n- {}: {note}", row.name));
            }
        }
        let naive_zola: f64 = r
            .naive
            .iter()
            .filter(|x| x.name == "zola build")
            .map(|x| x.wall)
            .sum();
        let ours_cpu = r.total.cpu_self + r.total.cpu_child;
        let naive_cpu: f64 = r.naive.iter().map(|x| x.cpu_self + x.cpu_child).sum();
        out.push_str(&format!(
            "\n\nEnd to end (wall): our pipeline {:.3} s vs the naive chain {:.3} s: ours is {}. Ours also checks the content, writes the indices and open data, and links mentions.\n",
            r.total.wall,
            r.naive_total_wall,
            verdict(r.total.wall, r.naive_total_wall)
        ));
        out.push_str(&format!(
            "\nLike for like, without zola build (the same program on the same content in both; {:.3} s vs {:.3} s here): ours {:.3} s vs naive {:.3} s: ours is {}. CPU time, everything: ours {:.2} s vs naive {:.2} s.\n",
            r.zola_wall,
            naive_zola,
            r.total.wall - r.zola_wall,
            r.naive_total_wall - naive_zola,
            verdict(r.total.wall - r.zola_wall, r.naive_total_wall - naive_zola),
            ours_cpu,
            naive_cpu
        ));
    }
    out
}

fn verdict(ours: f64, naive: f64) -> String {
    if ours < naive {
        format!("faster, by {:.2}×", naive / ours)
    } else {
        format!("slower, by {:.2}×", ours / naive)
    }
}

/// One line per scale: time per page, to judge whether the pipeline scales linearly.
pub fn render_summary(reports: &[ScaleReport]) -> String {
    let mut out = String::from("| scale | pages | HTML pages | total s | ms per HTML page | own s | zola s | own/zola | Pagefind s | peak RSS ho21 MiB | peak RSS child MiB | naive s |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for r in reports {
        let pagefind: f64 = r
            .stages
            .iter()
            .filter(|s| s.name == "search index")
            .map(|s| s.wall)
            .sum();
        let child = r
            .stages
            .iter()
            .filter_map(|s| s.peak_child_kib)
            .max()
            .unwrap_or(0);
        out.push_str(&format!(
            "| {} | {} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {} | {} | {} |\n",
            r.scale,
            r.stats.pages(),
            r.html_files,
            r.total.wall,
            r.total.wall * 1000.0 / r.html_files.max(1) as f64,
            r.own_wall,
            r.zola_wall,
            r.ratio(),
            pagefind,
            mib(r.total.peak_self_kib),
            mib(child),
            if r.naive.is_empty() {
                "–".into()
            } else {
                format!("{:.2}", r.naive_total_wall)
            }
        ));
    }
    out
}

/// The stand-in for the minifier CLI: our own minify settings over every HTML page under
/// `site`, in parallel, written in place.
fn minify_all(site: &Path) -> Result<(), String> {
    use rayon::prelude::*;
    let cfg = ho21_tools::finish::minify::config();
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(site) {
        let entry = entry.map_err(|e| format!("kan ikke lese {}: {e}", site.display()))?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "html") {
            files.push(entry.into_path());
        }
    }
    files.par_iter().try_for_each(|path| {
        let html = fs::read_to_string(path)
            .map_err(|e| format!("kan ikke lese {}: {e}", path.display()))?;
        let minified = ho21_tools::finish::minify::minify(&html, &cfg);
        fs::write(path, minified).map_err(|e| format!("kan ikke skrive {}: {e}", path.display()))
    })
}
