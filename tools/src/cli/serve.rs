//! `ho21 serve`

use std::process::ExitCode;

use ho21_tools::serve;

use super::check::Check;
use super::{Args, Command, Usage};

pub const COMMAND: Command = Command {
    name: "serve",
    summary: "sjekk og vis nettstedet på http://127.0.0.1:1111 mens du skriver",
    help: "\
Bruk: ho21 serve [--fix] [--root MAPPE]

Sjekker innholdet og viser nettstedet på http://127.0.0.1:1111 mens du skriver.
Starter ikke før feilene i innholdet er rettet.

Valg:
  --fix          retter først saksnumre i id-felt, som «ho21 check --fix»
  --root MAPPE   nettstedets mappe (standard: mappen du står i)
",
    run,
};

fn run(args: &mut Args) -> Result<ExitCode, Usage> {
    // The same options as `ho21 check`.
    let check = Check::parse(args)?;
    let code = check.run();
    if code != ExitCode::SUCCESS {
        eprintln!("ho21: rett feilene over før forhåndsvisningen starter");
        return Ok(code);
    }
    Ok(match serve::run(&check.root) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("ho21: {message}");
            ExitCode::from(2)
        }
    })
}
