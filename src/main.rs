//! The `knotless` binary: parse the command line and dispatch. Everything else is in the library.

use std::process::ExitCode;

use clap::Parser;
use knotless::cli::{Cli, dispatch};

fn main() -> ExitCode {
    dispatch(Cli::parse())
}
