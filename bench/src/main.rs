//! `ho21-bench`: the whole pipeline on synthetic archives of growing size, and where the time
//! goes. Run it through `scripts/bench [S|M|L ...]`, which builds in release mode and installs
//! the tools first. See `docs/benchmark.md`.

use std::path::PathBuf;
use std::process::{Command, ExitCode};

mod bench;
mod synth;

use bench::{BenchOptions, ScaleReport, Size};
use synth::{Scale, Spec};

const USAGE: &str = "\
ho21-bench – måler hele byggeløpet på syntetiske arkiv

Bruk:
  ho21-bench [S|M|L|<N>y ...] [--runs N] [--seed N] [--no-naive] [--repo MAPPE] [--out MAPPE]
  ho21-bench --render target/bench/S.json ...   vis lagrede resultater på nytt

  S ≈ 10 år (40 møter, 600 saker, 200 andre sider), M = 10 × S, L = 50 × S; 20y = 20 år.
  Arkivene lages i MAPPE/<skala> (standard target/bench/ i prosjektet); resultatene skrives
  også til target/bench/results.md.
";

struct Args {
    /// Reports to print again (`--render FILE.json ...`) instead of measuring.
    render: Vec<PathBuf>,
    scales: Vec<Size>,
    opts: BenchOptions,
    worker: Option<(Size, PathBuf)>,
}

fn parse() -> Result<Args, String> {
    let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
    let mut repo: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    let mut scales = Vec::new();
    let mut seed = Spec::DEFAULT_SEED;
    let mut runs = 1;
    let mut naive = true;
    let mut worker = None;
    let mut render = Vec::new();
    let mut rendering = false;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} trenger en verdi"));
        match arg.as_str() {
            "--repo" => repo = Some(PathBuf::from(value("--repo")?)),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--seed" => seed = value("--seed")?.parse().map_err(|_| "--seed: et tall")?,
            "--runs" => runs = value("--runs")?.parse().map_err(|_| "--runs: et tall")?,
            "--no-naive" => naive = false,
            "--render" => rendering = true,
            other if rendering => render.push(PathBuf::from(other)),
            "--worker" => {
                let scale =
                    Size::parse(&value("--worker")?).ok_or("--worker: S, M, L eller 20y")?;
                worker = Some((scale, PathBuf::from(value("--worker")?)));
            }
            "-h" | "--help" | "help" => return Err(String::new()),
            other => match Size::parse(other) {
                Some(s) => scales.push(s),
                None => return Err(format!("ukjent argument «{other}»")),
            },
        }
    }
    if scales.is_empty() {
        scales.push(Size::of(Scale::S));
    }
    let repo = match repo {
        Some(r) => r,
        None => bench::find_repo(&cwd).ok_or("fant ikke prosjektmappen; bruk --repo")?,
    };
    let out = out.unwrap_or_else(|| repo.join("target/bench"));
    Ok(Args {
        render,
        scales,
        opts: BenchOptions {
            repo,
            out,
            seed,
            runs,
            naive,
        },
        worker,
    })
}

fn main() -> ExitCode {
    let args = match parse() {
        Ok(a) => a,
        Err(m) if m.is_empty() => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(m) => {
            eprintln!("ho21-bench: {m}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(m) => {
            eprintln!("ho21-bench: {m}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<(), String> {
    let opts = &args.opts;
    // A worker measures one scale and writes its report as JSON for the parent.
    if let Some((scale, json)) = &args.worker {
        let report = bench::run_scale(scale, opts)?;
        let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
        return std::fs::write(json, text).map_err(|e| format!("{}: {e}", json.display()));
    }
    if !args.render.is_empty() {
        let mut reports = Vec::new();
        for json in &args.render {
            let text =
                std::fs::read_to_string(json).map_err(|e| format!("{}: {e}", json.display()))?;
            let report: ScaleReport = serde_json::from_str(&text).map_err(|e| e.to_string())?;
            println!("{}", bench::render(&report));
            reports.push(report);
        }
        println!("{}", bench::render_summary(&reports));
        return Ok(());
    }
    std::fs::create_dir_all(&opts.out).map_err(|e| format!("{}: {e}", opts.out.display()))?;
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut reports: Vec<ScaleReport> = Vec::new();
    let mut text = String::new();
    for scale in &args.scales {
        let json = opts.out.join(format!("{}.json", scale.name));
        let _ = std::fs::remove_file(&json);
        let mut cmd = Command::new(&exe);
        cmd.arg("--worker")
            .arg(&scale.name)
            .arg(&json)
            .arg("--repo")
            .arg(&opts.repo)
            .arg("--out")
            .arg(&opts.out)
            .arg("--seed")
            .arg(opts.seed.to_string())
            .arg("--runs")
            .arg(opts.runs.to_string());
        if !opts.naive {
            cmd.arg("--no-naive");
        }
        let status = cmd.status().map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("skala {} feilet", scale.name));
        }
        let report: ScaleReport = serde_json::from_str(
            &std::fs::read_to_string(&json).map_err(|e| format!("{}: {e}", json.display()))?,
        )
        .map_err(|e| e.to_string())?;
        let table = bench::render(&report);
        println!("{table}");
        text.push_str(&table);
        text.push('\n');
        reports.push(report);
    }
    let summary = bench::render_summary(&reports);
    println!("{summary}");
    text.push_str(&summary);

    let (pages, problems, best, process) = bench::check_real(&opts.repo, 5)?;
    let mut check = format!(
        "\nCheck only, real content ({}, {pages} pages, {problems} problems): {:.0} ms in-process (best of 5, peak {:.0} MiB)",
        opts.repo.display(),
        best.wall * 1000.0,
        best.peak_self_kib as f64 / 1024.0
    );
    if let Some(p) = process {
        check.push_str(&format!(
            "; `ho21 check` as a process: {:.0} ms wall, {:.0} ms CPU, peak {:.0} MiB",
            p.wall * 1000.0,
            p.cpu_child * 1000.0,
            p.peak_child_kib.unwrap_or(0) as f64 / 1024.0
        ));
    }
    check.push_str(".\n");
    println!("{check}");
    text.push_str(&check);
    let machine = machine();
    println!("{machine}");
    text.push_str(&format!("\n{machine}\n"));
    let results = opts.out.join("results.md");
    std::fs::write(&results, text).map_err(|e| format!("{}: {e}", results.display()))?;
    eprintln!("resultatene er skrevet til {}", results.display());
    // Only now, after every measurement (see `bench::remove`).
    bench::empty_trash(&opts.out)
}

/// `nproc`, CPU model and memory of this machine.
fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split_once(':'))
        .map_or("unknown", |(_, m)| m.trim())
        .to_owned();
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_kib: u64 = meminfo
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    format!(
        "Machine: {cpus} CPUs (nproc), {model}, {:.1} GiB RAM.",
        mem_kib as f64 / 1024.0 / 1024.0
    )
}
