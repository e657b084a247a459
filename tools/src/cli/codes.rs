//! `ho21 codes`

use std::process::ExitCode;

use ho21_tools::codes::Code;

use super::{Args, Command, Stop};

pub const COMMAND: Command = Command {
    name: "codes",
    summary: "list alle feilkoder med forklaring",
    help: "\
Bruk: ho21 codes

Lister alle feilkodene sjekken kan melde, med en kort forklaring. Hver kode har et avsnitt i
veiledningen (docs/veiledning.md).
",
    run,
};

fn run(args: &mut Args) -> Result<ExitCode, Stop> {
    if let Some(next) = args.next()? {
        return Err(args.unexpected(next));
    }
    for code in Code::ALL {
        println!("{:<20} {}", code.as_str(), code.description());
    }
    Ok(ExitCode::SUCCESS)
}
