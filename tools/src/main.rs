//! `ho21`: validates, builds and checks the HelseOmsorg21-rådet website.
//!
//! Exit codes: 0 = all good, 1 = problems in the content or the built site (the report says
//! what and where), 2 = usage error or the tools could not run (missing program, unreadable
//! file).
//!
//! The commands live in `cli/`, one module each.

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    cli::main()
}
