//! The programme file format: a name, a source line, cautions, the flare plan and a list of
//! weeks; each week names its starting dose level and the routines for each weekday.
//!
//! ```toml
//! name = "Steady back: four weeks"
//! summary = "Daily mobility, with core endurance three days a week."
//! source = "knotless; from NICE NG59 and McGill's work on back endurance"
//! cautions = ["Stop, and see a doctor, if pain spreads into a leg or gets worse or severe."]
//! flare = ["flare-first-days", "flare-walk-break"]   # routines for every day of a flare
//!
//! [[weeks]]
//! level = 1            # the dose level the week starts at (1 = as written)
//! max_level = 2        # the highest level this week may reach (default: level + 2)
//! note = "Learn the moves."
//! mon = ["morning-mobility", "core-starter"]
//! tue = ["morning-mobility"]
//! ```
//!
//! Files are read like routines: the bundled ones, then the config dir's `programmes/`, a later
//! file overriding an earlier one of the same id (the file stem). Unknown keys are errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::dose::MAX_LEVEL;
use crate::diagnostic::{Checker, Diagnostic};
use crate::paths::Paths;
use crate::routine::{Kind, Library, Origin};

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/programmes.rs"));
}

/// The most weeks a programme may have (a year).
pub const MAX_WEEKS: usize = 52;
/// The most routines one day may name.
pub const MAX_PER_DAY: usize = 6;
/// Routines for a flare when a programme names none, and when no programme is active.
pub const DEFAULT_FLARE: &[&str] = &["flare-first-days", "flare-walk-break"];

/// The weekday keys, Monday first.
pub const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgrammeFile {
    name: Spanned<String>,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    cautions: Vec<String>,
    flare: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    weeks: Vec<Spanned<WeekFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WeekFile {
    level: Option<Spanned<i64>>,
    max_level: Option<Spanned<i64>>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    mon: Vec<Spanned<String>>,
    #[serde(default)]
    tue: Vec<Spanned<String>>,
    #[serde(default)]
    wed: Vec<Spanned<String>>,
    #[serde(default)]
    thu: Vec<Spanned<String>>,
    #[serde(default)]
    fri: Vec<Spanned<String>>,
    #[serde(default)]
    sat: Vec<Spanned<String>>,
    #[serde(default)]
    sun: Vec<Spanned<String>>,
}

/// One week of a programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week {
    /// The dose level the week starts at.
    pub level: u8,
    /// The highest level progression may reach this week.
    pub max_level: u8,
    /// A line on what the week is for.
    pub note: String,
    /// Routine ids for each weekday, Monday first.
    pub days: [Vec<String>; 7],
}

/// A checked programme.
#[derive(Debug, Clone, PartialEq)]
pub struct Programme {
    /// The file stem.
    pub id: String,
    /// Display name.
    pub name: String,
    /// One line on what it is.
    pub summary: String,
    /// Where it comes from.
    pub source: String,
    /// Safety notes shown when it starts.
    pub cautions: Vec<String>,
    /// Routines offered every day of a flare.
    pub flare: Vec<String>,
    /// The weeks, in order.
    pub weeks: Vec<Week>,
    /// Bundled or a file.
    pub origin: Origin,
}

/// A programme file that failed its checks.
#[derive(Debug, Clone, PartialEq)]
pub struct BrokenProgramme {
    /// The file stem.
    pub id: String,
    /// Where it is.
    pub origin: Origin,
    /// Every problem found.
    pub errors: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn level(&mut self, value: &Spanned<i64>, what: &str) -> u8 {
        let n = *value.get_ref();
        match u8::try_from(n) {
            Ok(level) if (1..=MAX_LEVEL).contains(&level) => level,
            _ => {
                self.error(
                    value,
                    format!("`{what}` must be a level from 1 to {MAX_LEVEL} (got {n})"),
                    "level 1 is each routine as written; every level above adds about 10–20 %",
                );
                1
            }
        }
    }

    fn routines(&mut self, ids: &[Spanned<String>], known: &dyn Fn(&str) -> Option<Kind>) {
        for id in ids {
            if known(id.get_ref()).is_none() {
                self.error(
                    id,
                    format!("unknown routine `{}`", id.get_ref()),
                    "use an id from `knotless routines` (the routine file's name without .toml)",
                );
            }
        }
    }
}

/// Parses and checks one programme file. `known` says whether a routine id exists, and its kind.
pub fn parse(
    id: &str,
    file: &str,
    text: &str,
    origin: Origin,
    known: &dyn Fn(&str) -> Option<Kind>,
) -> Result<Programme, Vec<Diagnostic>> {
    let raw: ProgrammeFile =
        toml::from_str(text).map_err(|e| vec![Diagnostic::from_toml(file, text, &e)])?;
    let mut c = Checker::new(file, text);
    if raw.name.get_ref().trim().is_empty() {
        c.error(
            &raw.name,
            "the programme's `name` is empty",
            "give it a name people will recognise",
        );
    }
    if raw.weeks.is_empty() {
        c.error(
            &raw.name,
            "the programme has no weeks",
            "add a [[weeks]] table with a level and routines for some days, e.g. mon = [\"morning-mobility\"]",
        );
    }
    if raw.weeks.len() > MAX_WEEKS {
        c.error(
            &raw.weeks[MAX_WEEKS],
            format!(
                "a programme may have at most {MAX_WEEKS} weeks (this one has {})",
                raw.weeks.len()
            ),
            "split it into two programmes",
        );
    }
    let flare = match &raw.flare {
        Some(ids) => {
            c.routines(ids, known);
            ids.iter().map(|s| s.get_ref().clone()).collect()
        }
        None => DEFAULT_FLARE.iter().map(|s| (*s).to_owned()).collect(),
    };
    let mut weeks = Vec::with_capacity(raw.weeks.len().min(MAX_WEEKS));
    for week in raw.weeks.iter().take(MAX_WEEKS) {
        let w = week.get_ref();
        let level = w.level.as_ref().map_or(1, |l| c.level(l, "level"));
        let max_level = match &w.max_level {
            Some(m) => {
                let max = c.level(m, "max_level");
                if max < level {
                    c.error(
                        m,
                        format!("`max_level` ({max}) is below the week's `level` ({level})"),
                        "max_level is the highest the dose may go this week; make it at least `level`",
                    );
                }
                max.max(level)
            }
            None => level.saturating_add(2).min(MAX_LEVEL),
        };
        let lists = [&w.mon, &w.tue, &w.wed, &w.thu, &w.fri, &w.sat, &w.sun];
        let mut days: [Vec<String>; 7] = Default::default();
        for (i, list) in lists.iter().enumerate() {
            c.routines(list, known);
            if list.len() > MAX_PER_DAY {
                c.error(
                    &list[MAX_PER_DAY],
                    format!(
                        "`{}` names {} routines; a day may have at most {MAX_PER_DAY}",
                        DAYS[i],
                        list.len()
                    ),
                    "spread them over the week",
                );
            }
            for (j, id) in list.iter().enumerate() {
                if list[..j].iter().any(|o| o.get_ref() == id.get_ref()) {
                    c.error(
                        id,
                        format!("`{}` is named twice on `{}`", id.get_ref(), DAYS[i]),
                        "name each routine once a day",
                    );
                }
            }
            days[i] = list.iter().map(|s| s.get_ref().clone()).collect();
        }
        if days.iter().all(Vec::is_empty) {
            c.error(
                week,
                "this week names no routines",
                "add routines for some days, e.g. mon = [\"morning-mobility\"]",
            );
        }
        weeks.push(Week {
            level,
            max_level,
            note: w.note.trim().to_owned(),
            days,
        });
    }
    if c.errors.is_empty() {
        Ok(Programme {
            id: id.to_owned(),
            name: raw.name.into_inner(),
            summary: raw.summary,
            source: raw.source,
            cautions: raw.cautions,
            flare,
            weeks,
            origin,
        })
    } else {
        Err(c.errors)
    }
}

/// Every programme the app can offer, and the files that could not be loaded.
#[derive(Debug, Clone, Default)]
pub struct ProgrammeLibrary {
    /// Valid programmes, by name.
    pub programmes: Vec<Programme>,
    /// Files with errors.
    pub broken: Vec<BrokenProgramme>,
}

/// The folders user programmes are read from: the config dir's `programmes/`.
pub fn dirs(paths: &Paths) -> Vec<PathBuf> {
    paths
        .config_file
        .parent()
        .map(|p| p.join("programmes"))
        .into_iter()
        .collect()
}

fn kind_in(routines: &Library) -> impl Fn(&str) -> Option<Kind> + '_ {
    |id| routines.get(id).map(|r| r.kind)
}

impl ProgrammeLibrary {
    /// Loads the bundled programmes, then every `*.toml` in each folder; routine ids are checked
    /// against `routines`.
    pub fn load(dirs: &[PathBuf], routines: &Library) -> ProgrammeLibrary {
        let known = kind_in(routines);
        let mut by_id: BTreeMap<String, Programme> = BTreeMap::new();
        let mut broken = Vec::new();
        for (id, text) in bundled::PROGRAMMES {
            let file = format!("bundled:programmes/{id}.toml");
            match parse(id, &file, text, Origin::Bundled, &known) {
                Ok(p) => {
                    by_id.insert(p.id.clone(), p);
                }
                Err(errors) => broken.push(BrokenProgramme {
                    id: (*id).to_owned(),
                    origin: Origin::Bundled,
                    errors,
                }),
            }
        }
        for dir in dirs {
            for path in crate::routine::routine_files(dir).unwrap_or_default() {
                match load_file(&path, routines) {
                    Ok(p) => {
                        by_id.insert(p.id.clone(), p);
                    }
                    Err(b) => broken.push(b),
                }
            }
        }
        let mut programmes: Vec<Programme> = by_id.into_values().collect();
        programmes.sort_by(|a, b| a.name.cmp(&b.name));
        ProgrammeLibrary { programmes, broken }
    }

    /// The programme with this id.
    pub fn get(&self, id: &str) -> Option<&Programme> {
        self.programmes.iter().find(|p| p.id == id)
    }

    /// Every id, sorted.
    pub fn ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.programmes.iter().map(|p| p.id.as_str()).collect();
        ids.sort_unstable();
        ids
    }
}

/// The bundled programme files, `(id, text)`.
pub fn bundled_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    bundled::PROGRAMMES.iter().copied()
}

/// Loads one programme file from disk.
pub fn load_file(path: &Path, routines: &Library) -> Result<Programme, BrokenProgramme> {
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let label = path.display().to_string();
    let origin = Origin::File(path.to_path_buf());
    let broken = |errors| BrokenProgramme {
        id: id.clone(),
        origin: origin.clone(),
        errors,
    };
    let text = Diagnostic::read_bounded(path, crate::routine::MAX_FILE_BYTES)
        .map_err(|d| broken(vec![d]))?;
    parse(&id, &label, &text, origin.clone(), &kind_in(routines)).map_err(broken)
}
