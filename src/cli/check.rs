//! `knotless check [PATH...]`: validates routine files and folders and lists every error.
//! Exit 0 when all are valid, 1 when any has errors, 2 when a path does not exist.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{EXIT_INVALID, usage_error};
use crate::paths::Paths;
use crate::routine::{BrokenRoutine, Library, load_file, routine_files};

pub fn run(paths: &Paths, targets: &[PathBuf]) -> ExitCode {
    let mut checked = 0usize;
    let mut broken: Vec<BrokenRoutine> = Vec::new();
    if targets.is_empty() {
        // Every source: bundled, the config dir's routines/, --routines.
        let library = Library::load(&paths.routine_dirs());
        checked = library.routines.len() + library.broken.len();
        broken = library.broken;
    } else {
        for target in targets {
            let files = if target.is_dir() {
                match routine_files(target) {
                    Ok(files) => files,
                    Err(e) => {
                        return usage_error(&format!("cannot read {}: {e}", target.display()));
                    }
                }
            } else if target.is_file() {
                vec![target.clone()]
            } else {
                return usage_error(&format!(
                    "{}: no such file or folder (give routine *.toml files or folders of them)",
                    target.display()
                ));
            };
            for file in files {
                checked += 1;
                if let Err(b) = load_file(&file) {
                    broken.push(b);
                }
            }
        }
    }
    let mut out = std::io::stdout().lock();
    let errors: usize = broken.iter().map(|b| b.errors.len()).sum();
    for b in &broken {
        for e in &b.errors {
            let _ = writeln!(out, "{e}\n");
        }
    }
    let _ = if broken.is_empty() {
        writeln!(
            out,
            "checked {checked} routine file{}: all valid",
            plural(checked)
        )
    } else {
        writeln!(
            out,
            "checked {checked} routine file{}: {} with errors ({errors} error{})",
            plural(checked),
            broken.len(),
            plural(errors)
        )
    };
    if broken.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_INVALID)
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
