//! `knotless log rm`: deleting an entry by its id or a unique start of it.

use std::process::ExitCode;

use super::{load, usage_error};
use crate::paths::Paths;
use crate::symptoms::{SymptomEntry, SymptomLog};

/// The shortest id prefix `log rm` accepts.
const MIN_PREFIX: usize = 6;

pub(super) fn rm(paths: &Paths, log: &SymptomLog, id: &str) -> ExitCode {
    let contents = match load(paths) {
        Ok(c) => c,
        Err(code) => return code,
    };
    // Ids are upper-case Crockford base32; a prefix copied in lower case is the same id.
    let raw = id.trim();
    let upper = raw.to_ascii_uppercase();
    let id = upper.as_str();
    if id.chars().count() < MIN_PREFIX && !contents.entries.iter().any(|e| e.id == raw) {
        return usage_error(&format!(
            "`{id}` is too short to pick an entry: give at least {MIN_PREFIX} characters of the \
             id (see `knotless log list` for ids)"
        ));
    }
    let matches: Vec<&SymptomEntry> = contents
        .entries
        .iter()
        .filter(|e| e.id == raw || e.id.to_ascii_uppercase().starts_with(id))
        .collect();
    let entry = match matches.as_slice() {
        [one] => *one,
        [] => {
            return usage_error(&format!(
                "no entry with id `{id}` (see `knotless log list` for ids)"
            ));
        }
        _ => {
            return usage_error(&format!(
                "`{id}` matches {} entries; give more of the id",
                matches.len()
            ));
        }
    };
    if let Err(e) = log.delete(&entry.id) {
        return usage_error(&e.to_string());
    }
    println!(
        "deleted {} ({}, pain {})",
        entry.id,
        entry.at.format("%Y-%m-%d %H:%M"),
        entry.pain
    );
    ExitCode::SUCCESS
}
