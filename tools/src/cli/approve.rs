//! `ho21 approve`

use std::path::PathBuf;
use std::process::ExitCode;

use ho21_tools::scaffold;

use super::check::print_then_check;
use super::{required, Args, Command, Next, Stop};

pub const COMMAND: Command = Command {
    name: "approve",
    summary: "merk et referat som godkjent i saken som godkjente det",
    help: "\
Bruk: ho21 approve --minutes ÅÅÅÅ-N [--root MAPPE]

Merker referatet fra møte ÅÅÅÅ-N som godkjent: status = \"approved\", approved_by = saken i et
senere møte som godkjente det (approves_minutes_of), og fjerner draft. Godkjenningsmøtet må være
holdt og saken ha et vedtak.

Valg:
  --minutes ÅÅÅÅ-N   møtet referatet er fra, for eksempel 2026-1 (påkrevd)
  --root MAPPE       nettstedets mappe (standard: mappen du står i)
",
    run,
};

fn run(args: &mut Args) -> Result<ExitCode, Stop> {
    let mut root = PathBuf::from(".");
    let mut minutes = None;
    while let Some(next) = args.next()? {
        match next {
            Next::Option(name) => match name.as_str() {
                "root" => root = args.path("root")?,
                "minutes" => minutes = Some(args.value("minutes")?),
                _ => return Err(args.unexpected(Next::Option(name))),
            },
            other => return Err(args.unexpected(other)),
        }
    }
    let minutes = required(args, minutes, "minutes")?;
    let written = scaffold::approve(&root, &minutes)?;
    print_then_check(root, written)
}
