//! The `bukusop` command: parses the arguments and runs one subcommand.
//! Everything it does is in the library; `cli` only translates and prints.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run().into()
}
