//! `ho21 serve`

use std::process::ExitCode;

use ho21_tools::serve::{self, Preview};

use super::check::Check;
use super::{Args, Command, Next, Stop};

pub const COMMAND: Command = Command {
    name: "serve",
    summary: "sjekk og vis nettstedet på http://127.0.0.1:1111 mens du skriver",
    help: "\
Bruk: ho21 serve [--fix] [--port PORT] [--root MAPPE]

Sjekker innholdet og viser nettstedet på http://127.0.0.1:1111 mens du skriver.
Starter ikke før feilene i innholdet er rettet. Når du lagrer en fil, sjekkes
innholdet på nytt, og siden i nettleseren lastes på nytt av seg selv. Feil fra
Zola (på engelsk) vises etter sjekken, merket «zola:». Ctrl+C avslutter, også Zola.

Valg:
  --fix          retter først saksnumre i id-felt, som «ho21 check --fix»
  --port PORT    porten forhåndsvisningen bruker (standard: 1111)
  --root MAPPE   nettstedets mappe (standard: mappen du står i)
",
    run,
};

fn run(args: &mut Args) -> Result<ExitCode, Stop> {
    let mut check = Check {
        root: ".".into(),
        fix: false,
    };
    let mut port = 1111;
    while let Some(next) = args.next()? {
        match next {
            Next::Option(name) if name == "root" => check.root = args.path("root")?,
            Next::Option(name) if name == "fix" => check.fix = true,
            Next::Option(name) if name == "port" => {
                let raw = args.value("port")?;
                port = raw
                    .parse::<u16>()
                    .ok()
                    .filter(|p| *p >= 1024)
                    .ok_or_else(|| {
                        args.error(format!("--port «{raw}» er ikke en port fra 1024 til 65535"))
                    })?;
            }
            other => return Err(args.unexpected(other)),
        }
    }
    let code = check.run()?;
    if code != ExitCode::SUCCESS {
        eprintln!("ho21: rett feilene over før forhåndsvisningen starter");
        return Ok(code);
    }
    let preview = Preview {
        root: check.root,
        port,
    };
    serve::run(&preview)?;
    Ok(ExitCode::SUCCESS)
}
