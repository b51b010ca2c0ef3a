//! The `knotless` binary: parse the command line and dispatch. Everything else is in the library.

use std::process::ExitCode;

use knotless::cli::{dispatch, parse};

fn main() -> ExitCode {
    // The process holds health data (notes, pain, red flags): a crash must not write it to a
    // core file, whatever `ulimit -c` says (issue 19, item 9). Best effort: it cannot fail on
    // Linux with these arguments, and elsewhere there is no prctl.
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_DUMPABLE takes one integer argument and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0 as libc::c_ulong);
    }
    match parse() {
        Ok(cli) => dispatch(cli),
        Err(code) => code,
    }
}
