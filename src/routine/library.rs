//! Where routines come from: the bundled set compiled into the binary, then the config dir's
//! `routines/`, then each `--routines` folder in order. A later source overrides an earlier one of
//! the same id. A broken file never hides the others: it is listed with its errors, and when it
//! meant to override a bundled routine the bundled one stays available until the file is fixed.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::{Origin, Routine, parse, parse_with_art};
use crate::diagnostic::Diagnostic;

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// The bundled pose drawings, `(name, text)`.
pub fn bundled_art() -> impl Iterator<Item = (&'static str, &'static str)> {
    bundled::ART.iter().copied()
}

/// The TOML text of a bundled routine, to copy into the config dir and change.
pub fn bundled_source(id: &str) -> Option<&'static str> {
    bundled::ROUTINES
        .iter()
        .find(|(name, _)| *name == id)
        .map(|(_, text)| *text)
}

/// A routine file that failed its checks.
#[derive(Debug, Clone, PartialEq)]
pub struct BrokenRoutine {
    /// The id it would have had (file stem).
    pub id: String,
    /// Where it is.
    pub origin: Origin,
    /// Every problem found.
    pub errors: Vec<Diagnostic>,
}

/// All routines the app can offer, and the files that could not be loaded.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Valid routines, sorted by kind, then phase (see [`super::phase`]), then name.
    pub routines: Vec<Routine>,
    /// Files with errors, in the order they were read.
    pub broken: Vec<BrokenRoutine>,
}

impl Library {
    /// Loads the bundled routines, then every `*.toml` in each folder in order (missing folders
    /// are skipped: the config dir's `routines/` usually does not exist).
    pub fn load(dirs: &[PathBuf]) -> Library {
        let mut by_id: BTreeMap<String, Routine> = BTreeMap::new();
        let mut broken = Vec::new();
        for (id, text) in bundled::ROUTINES {
            let file = format!("bundled:routines/{id}.toml");
            match parse(id, &file, text, Origin::Bundled, &|name| {
                find_bundled_art(name)
            }) {
                Ok(r) => {
                    by_id.insert(r.id.clone(), r);
                }
                Err(errors) => broken.push(BrokenRoutine {
                    id: (*id).to_owned(),
                    origin: Origin::Bundled,
                    errors,
                }),
            }
        }
        for dir in dirs {
            for path in routine_files(dir).unwrap_or_default() {
                match load_file(&path) {
                    Ok(r) => {
                        by_id.insert(r.id.clone(), r);
                    }
                    Err(b) => broken.push(b),
                }
            }
        }
        let mut routines: Vec<Routine> = by_id.into_values().collect();
        routines.sort_by(|a, b| {
            (a.kind, super::phase::Phase::of(a), &a.name).cmp(&(
                b.kind,
                super::phase::Phase::of(b),
                &b.name,
            ))
        });
        Library { routines, broken }
    }

    /// The routine with this id.
    pub fn get(&self, id: &str) -> Option<&Routine> {
        self.routines.iter().find(|r| r.id == id)
    }

    /// Every id, sorted, for "did you mean" lists.
    pub fn ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.routines.iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        ids
    }
}

fn find_bundled_art(name: &str) -> Option<String> {
    bundled_art()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| t.to_owned())
}

/// The `*.toml` files directly inside `dir`, sorted by name.
pub fn routine_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    // Anything but a folder: a FIFO or a socket named `*.toml` is listed, and loading it says
    // what it is, rather than being passed over in silence.
    let mut files: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && !p.is_dir())
        .collect();
    files.sort();
    Ok(files)
}

/// Loads one routine file from disk. Its drawings come from an `art/` folder beside it, then from
/// the bundled set.
pub fn load_file(path: &Path) -> Result<Routine, BrokenRoutine> {
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let label = path.display().to_string();
    let origin = Origin::File(path.to_path_buf());
    let broken = |errors| BrokenRoutine {
        id: id.clone(),
        origin: origin.clone(),
        errors,
    };
    let text =
        Diagnostic::read_bounded(path, super::file::MAX_FILE_BYTES).map_err(|d| broken(vec![d]))?;
    let art_dir = path.parent().map(|p| p.join("art"));
    // A drawing beside the file wins over a bundled one; one that is there but cannot be read
    // (a FIFO, a folder) is an error naming it rather than a wait or a silent fallback.
    let find_art = |name: &str| {
        let beside = art_dir.as_ref().map(|dir| dir.join(format!("{name}.txt")));
        match beside.map(|file| (crate::disk::read_to_string(&file), file)) {
            Some((Ok(text), _)) => Ok(Some(text)),
            Some((Err(e), _)) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok(find_bundled_art(name))
            }
            Some((Err(e), file)) => Err(format!("cannot read {}: {e}", file.display())),
            None => Ok(find_bundled_art(name)),
        }
    };
    parse_with_art(&id, &label, &text, origin.clone(), &find_art).map_err(broken)
}
