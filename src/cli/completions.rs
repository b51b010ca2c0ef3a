//! `knotless completions SHELL` (bash, zsh, fish) and `knotless man`: generated from the same
//! argument definitions the binary parses with, so they cannot drift from it. Both print to
//! standard output; the README shows where to install them.

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, ValueEnum};

use super::Cli;

/// The shells completions are written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// bash (bash-completion)
    Bash,
    /// zsh
    Zsh,
    /// fish
    Fish,
}

/// Prints the completion script for `shell`.
pub fn completions(shell: Shell) -> ExitCode {
    let mut command = Cli::command();
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut command, "knotless", &mut out);
    match out.flush() {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

/// Prints the man page, `knotless.1`, in roff.
pub fn man() -> ExitCode {
    let page = clap_mangen::Man::new(Cli::command());
    let mut out = std::io::stdout().lock();
    match page.render(&mut out).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}
