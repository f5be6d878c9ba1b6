//! The `bukusop` command: parses the arguments and runs one subcommand.
//! Everything it does is in the library; `cli` only translates and prints.

mod cli;

fn main() -> std::process::ExitCode {
    // `bukusop check | head -1`: a closed pipe ends the program quietly, as
    // it ends `cat` (exit 141 in a shell), instead of a panic in println!.
    #[cfg(unix)]
    // SAFETY: done first, before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    cli::keluar::pipa_tertutup_diam();
    cli::run().into()
}
