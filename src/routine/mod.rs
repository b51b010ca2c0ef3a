//! Routines: the checked domain model, loaded from TOML files (DESIGN §4).
//!
//! `file` mirrors the TOML and turns it into these types, with every check the design lists;
//! `library` gathers routines from the bundled set, the config dir and `--routines` folders;
//! `plan` expands a routine into the timed phases a session runs through. Nothing here knows about
//! terminals or clocks.

mod file;
mod library;
pub mod phase;
pub mod plan;

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use file::{MAX_FILE_BYTES, MAX_HEAT, MAX_POSTURE_BREAK, MAX_SKIN_CHECK, parse};
pub use library::{BrokenRoutine, Library, bundled_art, bundled_source, load_file, routine_files};

/// From this age, holds under [`OLDER_ADULT_HOLD`] are lengthened to it (CLINICAL, stretching
/// safety: holds of 10–30 seconds, 30–60 for older adults).
pub const OLDER_ADULT_AGE: i32 = 65;
/// The shortest hold for an older adult.
pub const OLDER_ADULT_HOLD: Duration = Duration::from_secs(30);

/// What a routine is for; decides its safety rules and where the app offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Stretches and mobility work.
    Stretch,
    /// A heat pack or hot water bottle, with skin checks.
    Heat,
    /// A short break from sitting, offered by the break timer.
    PostureBreak,
}

impl Kind {
    /// The name used in files and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Stretch => "stretch",
            Kind::Heat => "heat",
            Kind::PostureBreak => "posture-break",
        }
    }

    /// A heading for a group of routines of this kind.
    pub fn plural_label(self) -> &'static str {
        match self {
            Kind::Stretch => "Stretches",
            Kind::Heat => "Heat",
            Kind::PostureBreak => "Posture breaks",
        }
    }
}

/// Whether a step is done once, or once per side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sides {
    /// Done once.
    #[default]
    None,
    /// Done on the left, then (after a switch) on the right.
    LeftRight,
}

/// What the person does in a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// Hold a position for this long.
    Hold(Duration),
    /// Repeat a movement; with a tempo it is timed (`count × tempo`), without it the person says
    /// when they are done.
    Reps {
        /// How many repetitions.
        count: u32,
        /// Time per repetition, if the step is paced.
        tempo: Option<Duration>,
    },
}

impl Work {
    /// How long the work lasts, or `None` when the person ends it themselves.
    pub fn duration(self) -> Option<Duration> {
        match self {
            Work::Hold(d) => Some(d),
            Work::Reps { count, tempo } => tempo.map(|t| t * count),
        }
    }
}

/// A pose drawing, resolved when the routine is loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Art {
    /// The name the routine file used.
    pub name: String,
    /// The drawing itself, lines of plain text.
    pub text: String,
}

/// One exercise in a routine.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// What the exercise is called.
    pub name: String,
    /// Hold or repetitions.
    pub work: Work,
    /// Once, or once per side.
    pub sides: Sides,
    /// Time to change sides.
    pub switch: Duration,
    /// How many times the whole step is done.
    pub sets: u32,
    /// Rest after the step and between its sets.
    pub rest: Duration,
    /// How to do it, in plain words.
    pub cue: String,
    /// The pose drawing, if any.
    pub art: Option<Art>,
    /// For heat: how often to prompt a skin check.
    pub check_every: Option<Duration>,
}

/// Where a routine came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the binary.
    Bundled,
    /// A file on disk (config dir or `--routines`).
    File(PathBuf),
}

impl Origin {
    /// `bundled` or the file path, as shown to the user.
    pub fn label(&self) -> String {
        match self {
            Origin::Bundled => "bundled".to_owned(),
            Origin::File(path) => path.display().to_string(),
        }
    }
}

/// A checked routine, ready to run.
#[derive(Debug, Clone, PartialEq)]
pub struct Routine {
    /// The file stem; how commands refer to it.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Stretch, heat or posture break.
    pub kind: Kind,
    /// One line on what it is.
    pub summary: String,
    /// Free-form tags (`lower-back`, `massage`, ...).
    pub tags: Vec<String>,
    /// Who prescribed it or where it comes from (the file's `source`).
    pub source: String,
    /// Get-ready time before the first step.
    pub prepare: Duration,
    /// Safety notes shown before starting; for heat, a checklist to confirm.
    pub cautions: Vec<String>,
    /// Posture breaks: how often the break timer offers it.
    pub every: Option<Duration>,
    /// The exercises, in order.
    pub steps: Vec<Step>,
    /// Bundled or a file path.
    pub origin: Origin,
}

impl Routine {
    /// Planned time including prepare, rests and side switches; untimed rep steps count zero.
    pub fn total(&self) -> Duration {
        plan::expand(self)
            .iter()
            .filter_map(|phase| phase.duration)
            .fold(Duration::ZERO, Duration::saturating_add)
    }

    /// Lengthens holds shorter than `at_least` to it, and returns the steps changed. Heat is not
    /// a stretch: a heat routine is left as it is. Nor are core-endurance holds (a routine
    /// tagged `core`): the curl-up, side bridge and bird-dog are held 8–10 s at any age, built
    /// up in sets, not lengthened.
    pub fn lengthen_short_holds(&mut self, at_least: Duration) -> Vec<usize> {
        if self.kind == Kind::Heat || self.tags.iter().any(|t| t == "core") {
            return Vec::new();
        }
        let mut changed = Vec::new();
        for (i, step) in self.steps.iter_mut().enumerate() {
            if let Work::Hold(hold) = step.work
                && hold < at_least
            {
                step.work = Work::Hold(at_least);
                changed.push(i);
            }
        }
        changed
    }
}

#[cfg(test)]
mod bounds_tests;
#[cfg(test)]
mod library_tests;
#[cfg(test)]
mod tests;
