//! The `importimage-lint` command: a thin face over the library. It reads files, prints
//! reports and sets the exit code; every rule lives in the library.
//!
//! | module | what |
//! |---|---|
//! | `args` | the command line, as clap structs |
//! | `commands` | one module per command: lint, role, rules and explain |
//! | `emit` | one emitter per output format behind one trait |
//! | `files` | finding and reading inputs |
//! | `settings` | `importimage-lint.toml` discovery, and one linter per configuration |
//! | `rewrite` | `--fix` (atomic rewrites) and `--diff` (unified diffs) |
//! | `server` | `importimage-lint server`: the language server for editors |
#![forbid(unsafe_code)]

mod args;
mod commands;
mod emit;
mod files;
mod lines;
mod rewrite;
mod server;
mod settings;
#[cfg(test)]
mod synthetic_revision;
mod ui;

fn main() {
    std::process::exit(commands::run());
}
