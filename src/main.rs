//! The `knotless` binary: parse the command line and dispatch. Everything else is in the library.

use std::process::ExitCode;

use knotless::cli::{dispatch, parse};

fn main() -> ExitCode {
    match parse() {
        Ok(cli) => dispatch(cli),
        Err(code) => code,
    }
}
