//! Programmes: weeks of routines with a dose that follows the person's own pain (issue 13).
//!
//! - [`file`]: the programme file format (`programmes/*.toml`, bundled and in the config dir),
//!   checked like routine files, with located errors.
//! - [`dose`]: dose levels — level 1 is a routine as written; each level above changes one thing
//!   (holds, then reps, then sets) by about 10–20 %, never past the limits in CLINICAL.md.
//! - [`progression`]: the rule that reads the last sessions of a routine and offers the next
//!   level, steps back, or stays — and says why.
//! - [`hold`]: what the red flags ask of the dose (a serious flag or a nerve flag holds it).
//! - [`flare`]: when to offer the flare plan, and when the normal programme resumes.
//! - [`state`]: what was chosen (programme started or stopped, level changes with their reasons,
//!   flare plan on or off), stored in `programme.jsonl` through the durable store, and folded
//!   into the current state.
//! - [`schedule`]: which routines are due on a day, at which level.
//!
//! Everything here is pure: `today`/`now` are arguments, nothing reads a clock or a terminal.

pub mod asked;
pub mod dose;
pub mod file;
pub mod flare;
pub mod hold;
pub mod offer;
pub mod progression;
pub mod schedule;
pub mod state;

pub use dose::{DoseLimits, MAX_LEVEL};
pub use file::{BrokenProgramme, Programme, ProgrammeLibrary, Week};
pub use progression::{Decision, SessionView};
pub use state::{ProgrammeRecord, ProgrammeState};

#[cfg(test)]
mod schedule_tests;
#[cfg(test)]
mod tests;
