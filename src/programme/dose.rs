//! Dose levels. Level 1 is a routine as written. Each level above changes one thing — the holds,
//! then the repetitions, then one more set, in turn — by about 10–20 % (CLINICAL, phases and
//! dose: progress one thing at a time by roughly 10–20 %). A change that would pass a limit is
//! not made; when nothing can change any more, there is no higher level.
//!
//! Limits, from CLINICAL.md and the routine bounds:
//! - a stretch hold grows to at most 30 s (60 s for older adults); a core-endurance hold
//!   (a routine tagged `core`) to at most 10 s, the McGill hold; a hold written longer is kept,
//!   never lengthened;
//! - repetitions grow to at most [`MAX_REPS`] (back exercises are 8–10 repetitions, a slow breath
//!   each; 12 is one 20 % step above that);
//! - a step gains at most [`MAX_EXTRA_SETS`] sets over what is written, and never passes
//!   [`MAX_SETS`];
//! - the whole routine never passes [`MAX_ROUTINE`];
//! - heat and posture breaks are never dosed: their limits are about safety, not training;
//! - with fragile bones at 65 or over, a step that bends the spine forward or twists it
//!   (`loads = ["flexion"]` or `["twist"]`) stays at level 1 in every dimension (CLINICAL, "At
//!   the edges": such holds are not lengthened; the runner's briefing says why, see
//!   `routine::adapt`).

use std::time::Duration;

use crate::routine::{Kind, Routine, Work};

/// The highest level any programme may name.
pub const MAX_LEVEL: u8 = 8;
/// The longest a stretch hold grows to.
pub const MAX_STRETCH_HOLD: Duration = Duration::from_secs(30);
/// The longest a stretch hold grows to for an older adult.
pub const MAX_OLDER_ADULT_HOLD: Duration = Duration::from_secs(60);
/// The longest a core-endurance hold grows to.
pub const MAX_CORE_HOLD: Duration = Duration::from_secs(10);
/// The most repetitions progression gives a step.
pub const MAX_REPS: u32 = 12;
/// The most sets progression adds to a step.
pub const MAX_EXTRA_SETS: u32 = 2;
/// The routine bound on sets.
pub const MAX_SETS: u32 = 20;
/// The routine bound on a whole routine.
pub const MAX_ROUTINE: Duration = Duration::from_secs(4 * 3600);
/// The routine bound on one hold.
pub const MAX_HOLD: Duration = Duration::from_secs(3600);

/// Who the dose is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DoseLimits {
    /// 65 or over: stretch holds may grow to 60 s.
    pub older_adult: bool,
    /// Osteoporosis or long-term steroids in the profile.
    pub fragile_bones: bool,
}

impl DoseLimits {
    /// The limits for someone born in `birth_year` (unknown: the general limits), on `today`.
    pub fn for_birth_year(birth_year: Option<i32>, today: chrono::NaiveDate) -> DoseLimits {
        use chrono::Datelike;
        DoseLimits {
            older_adult: birth_year
                .is_some_and(|y| today.year() - y >= crate::routine::OLDER_ADULT_AGE),
            fragile_bones: false,
        }
    }

    /// The limits for the person of `profile` on `today`.
    pub fn for_profile(profile: &crate::flags::Profile, today: chrono::NaiveDate) -> Self {
        DoseLimits {
            fragile_bones: crate::routine::adapt::FRAGILE_BONES
                .iter()
                .any(|c| profile.conditions.contains(c)),
            ..DoseLimits::for_birth_year(profile.birth_year, today)
        }
    }

    /// Fragile bones at 65 or over: steps that bend or twist the spine are not dosed up.
    pub fn keeps_spine_dose(self) -> bool {
        self.fragile_bones && self.older_adult
    }

    /// The longest a hold in `routine` may grow to.
    pub fn hold_cap(self, routine: &Routine) -> Duration {
        if routine.tags.iter().any(|t| t == "core") {
            MAX_CORE_HOLD
        } else if self.older_adult {
            MAX_OLDER_ADULT_HOLD
        } else {
            MAX_STRETCH_HOLD
        }
    }
}

/// What one level changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    /// Longer holds.
    Hold,
    /// More repetitions.
    Reps,
    /// One more set.
    Sets,
}

impl Dimension {
    const ORDER: [Dimension; 3] = [Dimension::Hold, Dimension::Reps, Dimension::Sets];

    /// In words, for the offer: "longer holds".
    pub fn label(self) -> &'static str {
        match self {
            Dimension::Hold => "longer holds",
            Dimension::Reps => "more repetitions",
            Dimension::Sets => "one more set",
        }
    }
}

/// One 10–20 % step up: `floor(n × 1.2)`, which is never more than 20 % and, for n ≥ 5, at
/// least 10 % (smaller numbers do not grow).
fn step_up(n: u64) -> u64 {
    n * 6 / 5
}

fn grow(routine: &mut Routine, dim: Dimension, written: &Routine, limits: DoseLimits) -> bool {
    let cap = limits.hold_cap(written).min(MAX_HOLD);
    let mut changed = false;
    for (step, orig) in routine.steps.iter_mut().zip(&written.steps) {
        if limits.keeps_spine_dose() && orig.bends_spine() {
            continue;
        }
        match (dim, &mut step.work) {
            (Dimension::Hold, Work::Hold(hold)) => {
                let next = Duration::from_secs(step_up(hold.as_secs())).min(cap);
                if next > *hold {
                    *hold = next;
                    changed = true;
                }
            }
            (Dimension::Reps, Work::Reps { count, .. }) => {
                let next = u32::try_from(step_up(u64::from(*count)))
                    .unwrap_or(u32::MAX)
                    .min(MAX_REPS);
                if next > *count {
                    *count = next;
                    changed = true;
                }
            }
            (Dimension::Sets, _) => {
                let cap = orig.sets.saturating_add(MAX_EXTRA_SETS).min(MAX_SETS);
                if step.sets < cap {
                    step.sets += 1;
                    changed = true;
                }
            }
            _ => {}
        }
    }
    changed
}

/// The routine at `level` (1 = as written), and what each level above 1 changed. A level past
/// the last one that changes anything is the same as that one.
pub fn at_level(written: &Routine, level: u8, limits: DoseLimits) -> (Routine, Vec<Dimension>) {
    let mut routine = written.clone();
    let mut changes = Vec::new();
    if written.kind != Kind::Stretch {
        return (routine, changes);
    }
    let mut next = 0;
    for _ in 1..level.min(MAX_LEVEL) {
        let mut grew = None;
        for k in 0..Dimension::ORDER.len() {
            let dim = Dimension::ORDER[(next + k) % Dimension::ORDER.len()];
            let mut candidate = routine.clone();
            if grow(&mut candidate, dim, written, limits) && candidate.total() <= MAX_ROUTINE {
                grew = Some((candidate, dim, (next + k + 1) % Dimension::ORDER.len()));
                break;
            }
        }
        match grew {
            Some((candidate, dim, after)) => {
                routine = candidate;
                changes.push(dim);
                next = after;
            }
            None => break,
        }
    }
    (routine, changes)
}

/// The highest level of `written` that differs from the one below it (1 when nothing can grow).
pub fn top_level(written: &Routine, limits: DoseLimits) -> u8 {
    let (_, changes) = at_level(written, MAX_LEVEL, limits);
    u8::try_from(changes.len() + 1).unwrap_or(MAX_LEVEL)
}

/// What going from `level` to `level + 1` changes, if anything.
pub fn next_change(written: &Routine, level: u8, limits: DoseLimits) -> Option<Dimension> {
    let (_, changes) = at_level(written, level.saturating_add(1), limits);
    changes.get(usize::from(level.max(1)) - 1).copied()
}
