//! `ho21`: validates, builds and checks the HelseOmsorg21-rådet website.
//!
//! Exit codes: 0 = all good, 1 = problems in the content or the built site (the report says
//! what and where), 2 = usage error or the tools could not run (missing program, unreadable
//! file).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use ho21_tools::dates::Date;
use ho21_tools::diagnostics::Report;
use ho21_tools::pipeline::{self, Failure, Options, Timings};
use ho21_tools::{codes, fix, import, scaffold, serve};

const USAGE: &str = "\
ho21 – verktøy for nettstedet til HelseOmsorg21-rådet

Bruk:
  ho21 check  [--fix]                    sjekk innholdet og vis alle feil (--fix retter saksnumre i id-felt først)
  ho21 build  [--output MAPPE] [--timings]
                                         sjekk, bygg, kontroller lenker og publiser til public/
  ho21 serve                             sjekk og vis nettstedet på http://127.0.0.1:1111 mens du skriver
  ho21 new meeting --date ÅÅÅÅ-MM-DD [--number N] [--first-case N] [--time 10:00-15:00]
                   [--place \"…\"] [--address \"…\"]
                                         nytt møte med standardsakene, nummerert videre fra årets saker
  ho21 new case --meeting ÅÅÅÅ-N --title \"…\"
                                         ny sak foran «Eventuelt» i et planlagt møte
  ho21 new minutes --meeting ÅÅÅÅ-N       utkast til referat (publiseres ikke før draft = false)
  ho21 new output --date ÅÅÅÅ-MM-DD --kind KIND --title \"…\" [--decided-by N-M-ÅÅÅÅ]
  ho21 new event --date ÅÅÅÅ-MM-DD --kind KIND --title \"…\"
  ho21 import FIL [--date ÅÅÅÅ-MM-DD] [--dry-run] [--replace]
                                         les saksframlegg eller referat (.txt, .pdf, .docx) inn i innholdet
  ho21 links --external [--site MAPPE] [--cache FIL]
                                         sjekk lenker til andre nettsteder i det bygde nettstedet (på nett;
                                         for den ukentlige jobben, ikke for vanlige bygg)
  ho21 diff --old MAPPE --new MAPPE      hva som er endret mellom to bygde nettsteder (sider, feeder,
                                         kalender, åpne data), som Markdown; tomt når ingenting er endret
  ho21 codes                             list alle feilkoder med forklaring

Alle kommandoer tar --root MAPPE (standard: mappen du står i).

Miljøvariabler:
  ZOLA=/sti/til/zola          bruk en annen Zola enn den som er festet i package.json
  PAGEFIND=/sti/til/pagefind  bruk en annen Pagefind

Avslutningskoder: 0 = alt i orden, 1 = feil i innholdet eller nettstedet, 2 = feil bruk eller verktøyfeil.
";

const FLAGS: &[&str] = &["--timings", "--fix", "--external", "--dry-run", "--replace"];
const OPTIONS: &[&str] = &[
    "--root",
    "--output",
    "--old",
    "--new",
    "--date",
    "--number",
    "--first-case",
    "--time",
    "--place",
    "--address",
    "--meeting",
    "--title",
    "--kind",
    "--decided-by",
    "--site",
    "--cache",
];

struct Args {
    words: Vec<String>,
    options: BTreeMap<String, String>,
    flags: Vec<String>,
}

impl Args {
    fn parse() -> Result<Args, String> {
        let mut args = Args {
            words: Vec::new(),
            options: BTreeMap::new(),
            flags: Vec::new(),
        };
        let mut it = std::env::args().skip(1);
        while let Some(arg) = it.next() {
            if FLAGS.contains(&arg.as_str()) {
                args.flags.push(arg);
            } else if OPTIONS.contains(&arg.as_str()) {
                let value = it.next().ok_or_else(|| format!("{arg} trenger en verdi"))?;
                args.options.insert(arg, value);
            } else if arg.starts_with("--") && !matches!(arg.as_str(), "--help" | "--version") {
                return Err(format!("ukjent argument «{arg}»"));
            } else {
                args.words.push(arg);
            }
        }
        Ok(args)
    }

    fn root(&self) -> PathBuf {
        PathBuf::from(self.options.get("--root").map_or(".", String::as_str))
    }

    fn opt(&self, name: &str) -> Option<&str> {
        self.options.get(name).map(String::as_str)
    }

    fn required(&self, name: &str) -> Result<&str, String> {
        self.opt(name).ok_or_else(|| format!("mangler {name}"))
    }

    fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    fn date(&self) -> Result<Date, String> {
        let raw = self.required("--date")?;
        let parsed: toml::value::Datetime = raw
            .parse()
            .map_err(|_| format!("--date «{raw}» er ikke en dato (ÅÅÅÅ-MM-DD)"))?;
        Date::from_toml(&parsed).map_err(|e| format!("--date: {e}"))
    }

    fn number(&self, name: &str) -> Result<Option<u32>, String> {
        self.opt(name)
            .map(|n| {
                n.parse()
                    .map_err(|_| format!("{name} «{n}» er ikke et tall"))
            })
            .transpose()
    }
}

fn main() -> ExitCode {
    let args = match Args::parse() {
        Ok(args) => args,
        Err(message) => return usage_error(&message),
    };
    let words: Vec<&str> = args.words.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["check"] => run_check(&args),
        ["build"] => run_build(&args),
        ["serve"] => run_serve(&args),
        ["new", what] => run_new(&args, what),
        ["import", file] => run_import(&args, file),
        ["links"] if args.flag("--external") => run_external_links(&args),
        ["diff"] => run_diff(&args),
        ["codes"] => {
            for code in codes::Code::ALL {
                println!("{:<20} {}", code.as_str(), code.description());
            }
            ExitCode::SUCCESS
        }
        [] => usage_error("mangler kommando"),
        ["--help"] | ["help"] => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        ["--version"] => {
            println!("ho21 {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        _ => usage_error(&format!("ukjent kommando «{}»", words.join(" "))),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("ho21: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

fn run_check(args: &Args) -> ExitCode {
    let root = args.root();
    if args.flag("--fix") {
        match fix::fix_site(&root) {
            Ok((0, _)) => eprintln!("--fix: ingenting å rette"),
            Ok((files, values)) => eprintln!("--fix: rettet {values} saksnumre i {files} filer"),
            Err(message) => {
                eprintln!("ho21: {message}");
                return ExitCode::from(2);
            }
        }
    }
    let mut report = Report::default();
    match pipeline::check_site(&root, &mut report) {
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
    let root = args.root();
    let options = Options {
        output: args
            .opt("--output")
            .map_or_else(|| root.join("public"), PathBuf::from),
        root,
    };
    let mut report = Report::default();
    let mut timings = Timings::default();
    let result = pipeline::build(&options, &mut report, &mut timings);
    if args.flag("--timings") {
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
    match serve::run(&args.root()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("ho21: {message}");
            ExitCode::from(2)
        }
    }
}

fn run_new(args: &Args, what: &str) -> ExitCode {
    let root = args.root();
    let result = (|| -> Result<Vec<PathBuf>, String> {
        match what {
            "meeting" => {
                let time = args
                    .opt("--time")
                    .map(|t| {
                        t.split_once('-')
                            .map(|(a, b)| (a.trim().to_owned(), b.trim().to_owned()))
                            .ok_or("--time skrives 10:00-15:00")
                    })
                    .transpose()?;
                scaffold::new_meeting(
                    &root,
                    &scaffold::NewMeeting {
                        date: args.date()?,
                        number: args.number("--number")?,
                        first_case: args.number("--first-case")?,
                        time,
                        place: args.opt("--place").map(str::to_owned),
                        address: args.opt("--address").map(str::to_owned),
                    },
                )
            }
            "case" => scaffold::new_case(
                &root,
                args.required("--meeting")?,
                args.required("--title")?,
            ),
            "minutes" => scaffold::new_minutes(&root, args.required("--meeting")?),
            "output" | "event" => {
                let page = scaffold::NewDated {
                    date: args.date()?,
                    kind: args.required("--kind")?,
                    title: args.required("--title")?,
                    decided_by: args.opt("--decided-by"),
                };
                if what == "output" {
                    scaffold::new_output(&root, &page)
                } else {
                    scaffold::new_event(&root, &page)
                }
            }
            other => Err(format!(
                "ukjent innholdstype «{other}»: bruk meeting, case, minutes, output eller event"
            )),
        }
    })();
    match result {
        Ok(files) => {
            for f in files {
                println!("laget {}", f.strip_prefix(&root).unwrap_or(&f).display());
            }
            run_check(args)
        }
        Err(message) => {
            eprintln!("ho21: {message}");
            ExitCode::from(2)
        }
    }
}

fn run_import(args: &Args, file: &str) -> ExitCode {
    let date = match args.opt("--date").map(|_| args.date()).transpose() {
        Ok(date) => date,
        Err(message) => return usage_error(&message),
    };
    let options = import::Options {
        file: PathBuf::from(file),
        date,
        replace: args.flag("--replace"),
        dry_run: args.flag("--dry-run"),
    };
    match import::import(&args.root(), &options) {
        Ok(outcome) => {
            print!("{}", outcome.report(options.dry_run));
            if !options.dry_run {
                println!("\nKjør `ho21 check` og les gjennom filene før du lager en pull request.");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("feil: {error}");
            ExitCode::from(2)
        }
    }
}

fn run_diff(args: &Args) -> ExitCode {
    let (old, new) = match (args.required("--old"), args.required("--new")) {
        (Ok(old), Ok(new)) => (PathBuf::from(old), PathBuf::from(new)),
        (Err(message), _) | (_, Err(message)) => return usage_error(&message),
    };
    match ho21_tools::diff::diff_sites(&old, &new) {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("ho21 diff: {message}");
            ExitCode::from(2)
        }
    }
}

fn run_external_links(args: &Args) -> ExitCode {
    use ho21_tools::postprocess::external;
    let root = args.root();
    let site = args
        .opt("--site")
        .map_or_else(|| root.join("public"), PathBuf::from);
    let cache_path = args
        .opt("--cache")
        .map_or_else(|| root.join(".cache/external-links.json"), PathBuf::from);
    let result = (|| -> Result<external::Outcome, String> {
        if !site.join("index.html").is_file() {
            return Err(format!(
                "fant ikke et bygget nettsted i {}; kjør scripts/build først",
                site.display()
            ));
        }
        let exclude_path = root.join("links-exclude.txt");
        let excludes = match std::fs::read_to_string(&exclude_path) {
            Ok(text) => external::read_excludes(&text)?,
            Err(_) => Vec::new(),
        };
        let mut cache = external::Cache::load(&cache_path);
        let outcome = external::check(&site, &pipeline::base_url(&root)?, &excludes, &mut cache)?;
        cache.save(&cache_path)?;
        Ok(outcome)
    })();
    match result {
        Ok(outcome) => {
            print!("{}", outcome.render());
            if outcome.dead.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
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
