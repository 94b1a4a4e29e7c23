//! The `importimage-lint` command: a thin face over the library. It reads files, prints
//! reports and sets the exit code; every rule lives in the library.
#![forbid(unsafe_code)]

mod cli;

fn main() {
    std::process::exit(cli::run());
}
