//! Routines: the checked domain model, loaded from TOML files (DESIGN §4).
//!
//! `file` mirrors the TOML and turns it into these types, with every check the design lists;
//! `library` gathers routines from the bundled set, the config dir and `--routines` folders;
//! `plan` expands a routine into the timed phases a session runs through; `adapt` fits a routine
//! to the person (a step's `loads` and its `alternative`, against fragile bones, pregnancy and
//! blood thinners in the profile). Nothing here knows about terminals or clocks.

pub mod adapt;
mod file;
mod library;
pub mod phase;
pub mod plan;

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use file::{
    ArtFound, MAX_FILE_BYTES, MAX_HEAT, MAX_POSTURE_BREAK, MAX_SKIN_CHECK, parse, parse_with_art,
};
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

/// What a step puts the body through that matters for some people (CLINICAL, "At the edges"):
/// written in a step's `loads`. Fragile bones avoid sustained or loaded forward bending and
/// twisting; pregnancy avoids lying face down, heat over the belly and deep twists; with blood
/// thinners self-massage is done gently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Load {
    /// A held or loaded forward bend of the spine (knees to chest, curl-up, child's pose,
    /// a seated forward bend, cat-cow's rounded back).
    Flexion,
    /// A held or end-range turn of the trunk (lower back rotation, seated twist). A small
    /// rocking within comfort, not held, is not marked.
    Twist,
    /// Lying face down (sphinx, cobra, prone press-ups).
    Prone,
    /// Heat over the belly (heat steps only).
    BellyHeat,
    /// Pressing on muscle with a ball or roller.
    Massage,
}

impl Load {
    /// Every load, in the order `check` lists them.
    pub const ALL: [Load; 5] = [
        Load::Flexion,
        Load::Twist,
        Load::Prone,
        Load::BellyHeat,
        Load::Massage,
    ];

    /// The name written in routine files.
    pub fn id(self) -> &'static str {
        match self {
            Load::Flexion => "flexion",
            Load::Twist => "twist",
            Load::Prone => "prone",
            Load::BellyHeat => "belly-heat",
            Load::Massage => "massage",
        }
    }

    /// The load named `id` in a routine file.
    pub fn from_id(id: &str) -> Option<Load> {
        Load::ALL.into_iter().find(|l| l.id() == id)
    }

    /// Whether this load bends or twists the spine (what fragile bones avoid).
    pub fn bends_spine(self) -> bool {
        matches!(self, Load::Flexion | Load::Twist)
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
    /// What the step loads (`loads` in the file), each once, in [`Load::ALL`] order.
    pub loads: Vec<Load>,
    /// A safer step to do instead when the person's profile rules one of `loads` out; it
    /// never has an alternative of its own, nor any load of this step.
    pub alternative: Option<Box<Step>>,
}

impl Step {
    /// Whether the step carries `load`.
    pub fn loads(&self, load: Load) -> bool {
        self.loads.contains(&load)
    }

    /// Whether the step bends forward or twists the spine.
    pub fn bends_spine(&self) -> bool {
        self.loads.iter().any(|l| l.bends_spine())
    }
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

    /// The routine with every step that names an alternative replaced by it: the longest
    /// variant a profile can produce, so the loader checks its bounds too.
    pub fn with_alternatives(&self) -> Routine {
        let mut routine = self.clone();
        for step in &mut routine.steps {
            if let Some(alt) = step.alternative.take() {
                *step = *alt;
            }
        }
        routine
    }

    /// Lengthens holds shorter than `at_least` to it, and returns the steps changed. Heat is not
    /// a stretch: a heat routine is left as it is. Nor are core-endurance holds (a routine
    /// tagged `core`): the curl-up, side bridge and bird-dog are held 8–10 s at any age, built
    /// up in sets, not lengthened.
    pub fn lengthen_short_holds(&mut self, at_least: Duration) -> Vec<usize> {
        self.lengthen_short_holds_but(at_least, |_| false)
    }

    /// [`Routine::lengthen_short_holds`], leaving the steps `keep` picks as they are.
    pub fn lengthen_short_holds_but(
        &mut self,
        at_least: Duration,
        keep: impl Fn(&Step) -> bool,
    ) -> Vec<usize> {
        if self.kind == Kind::Heat || self.tags.iter().any(|t| t == "core") {
            return Vec::new();
        }
        let mut changed = Vec::new();
        for (i, step) in self.steps.iter_mut().enumerate() {
            if keep(step) {
                continue;
            }
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
mod loads_tests;
#[cfg(test)]
mod tests;
