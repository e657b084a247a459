//! `ho21`: validates, builds and checks the HelseOmsorg21-rådet website.
//!
//! Exit codes: 0 = all good, 1 = problems in the content or the built site (the report says
//! what and where), 2 = usage error or the tools could not run (missing program, unreadable
//! file).

use std::path::PathBuf;
use std::process::ExitCode;

use ho21_tools::diagnostics::Report;
use ho21_tools::pipeline::{self, Failure, Options, Timings};
use ho21_tools::{codes, serve};

const USAGE: &str = "\
ho21 – verktøy for nettstedet til HelseOmsorg21-rådet

Bruk:
  ho21 check  [--root MAPPE]                 sjekk innholdet og vis alle feil
  ho21 build  [--root MAPPE] [--output MAPPE] [--timings]
                                              sjekk, bygg, kontroller lenker og publiser til public/
  ho21 serve  [--root MAPPE]                 sjekk og vis nettstedet lokalt mens du skriver
  ho21 codes                                  list alle feilkoder med forklaring

Miljøvariabler:
  ZOLA=/sti/til/zola   bruk en annen Zola enn den som er festet i package.json

Avslutningskoder: 0 = alt i orden, 1 = feil i innholdet eller nettstedet, 2 = feil bruk eller verktøyfeil.
";

struct Args {
    command: String,
    root: PathBuf,
    output: Option<PathBuf>,
    timings: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let command = args.next().ok_or_else(|| "mangler kommando".to_owned())?;
    let mut parsed = Args {
        command,
        root: PathBuf::from("."),
        output: None,
        timings: false,
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--root" => parsed.root = PathBuf::from(args.next().ok_or("--root trenger en mappe")?),
            "--output" => {
                parsed.output = Some(PathBuf::from(
                    args.next().ok_or("--output trenger en mappe")?,
                ))
            }
            "--timings" => parsed.timings = true,
            other => return Err(format!("ukjent argument «{other}»")),
        }
    }
    Ok(parsed)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if std::env::args()
                .nth(1)
                .is_some_and(|a| a == "--help" || a == "-h" || a == "help")
            {
                print!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            eprintln!("ho21: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match args.command.as_str() {
        "check" => run_check(&args),
        "build" => run_build(&args),
        "serve" => run_serve(&args),
        "codes" => {
            for code in codes::Code::ALL {
                println!("{:<20} {}", code.as_str(), code.description());
            }
            ExitCode::SUCCESS
        }
        "--help" | "-h" | "help" => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        "--version" | "-V" => {
            println!("ho21 {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("ho21: ukjent kommando «{other}»\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run_check(args: &Args) -> ExitCode {
    let mut report = Report::default();
    match pipeline::check_site(&args.root, &mut report) {
        Ok(site) => {
            print!("{}", report.render());
            if report.has_errors() {
                ExitCode::from(1)
            } else {
                eprintln!("sjekket {} sider", site.page_count());
                ExitCode::SUCCESS
            }
        }
        Err(failure) => fail(failure),
    }
}

fn run_build(args: &Args) -> ExitCode {
    let options = Options {
        root: args.root.clone(),
        output: args
            .output
            .clone()
            .unwrap_or_else(|| args.root.join("public")),
    };
    let mut report = Report::default();
    let mut timings = Timings::default();
    let result = pipeline::build(&options, &mut report, &mut timings);
    if args.timings {
        for (stage, time) in &timings.stages {
            eprintln!("{stage:<16} {:>8.3} s", time.as_secs_f64());
        }
    }
    match result {
        Ok(()) => {
            if report.warnings() > 0 {
                print!("{}", report.render());
            }
            eprintln!("nettstedet er bygget i {}", options.output.display());
            ExitCode::SUCCESS
        }
        Err(failure) => fail(failure),
    }
}

fn run_serve(args: &Args) -> ExitCode {
    let code = run_check(args);
    if code != ExitCode::SUCCESS {
        eprintln!("ho21: rett feilene over før forhåndsvisningen starter");
        return code;
    }
    match serve::run(&args.root) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("ho21: {message}");
            ExitCode::from(2)
        }
    }
}

fn fail(failure: Failure) -> ExitCode {
    match failure {
        Failure::Content(report) => {
            print!("{}", report.render());
            eprintln!("ho21: ingenting ble publisert; public/ er uendret");
            ExitCode::from(1)
        }
        Failure::Io(message) => {
            eprintln!("ho21: {message}");
            ExitCode::from(2)
        }
    }
}
