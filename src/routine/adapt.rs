//! A routine fitted to the person who runs it, from their `[profile]` (CLINICAL, "At the edges"
//! and "Stretching safety"). Steps say what they load (`loads` in the routine file, [`Load`]);
//! a step may name a safer `alternative`. Pure: the runner calls [`adapt`] as it opens a routine,
//! the programme's dose levels read [`Person::keeps_spine_dose`] through `DoseLimits`.
//!
//! The rules, and the decisions taken where CLINICAL.md leaves room:
//! - Fragile bones (`osteoporosis` or `long-term-steroids`), at any age: a step that bends the
//!   spine forward or twists it (`flexion`, `twist`) is replaced by its alternative where it names
//!   one (a neutral-spine step: knee rocking or a pelvic tilt for knees to chest, a bridge for a
//!   curl-up); without one it stays, and the briefing names it in a caution. The advice to avoid
//!   sustained or loaded bending and twisting is not tied to an age, so neither is the swap.
//! - Fragile bones at 65 or over (the age the person turns this year, as everywhere in the
//!   app): such steps also keep their written dose. The 30-second hold for older adults is not
//!   applied to them, and programme levels leave them at level 1 (`programme::dose`).
//! - Pregnancy: lying face down (`prone`), heat over the belly (`belly-heat`) and twists
//!   (`twist`, which marks a held or end-range turn, i.e. the deep twists to avoid) are replaced
//!   by the step's alternative, or left out when it names none. The profile does not say which
//!   trimester, so the rule for after the first trimester applies throughout.
//! - An alternative is used only if it carries none of the loads that would leave it out
//!   (the loader already refuses one that shares its step's loads); otherwise the step is left
//!   out. An alternative runs as written: programme levels do not grow it.
//! - Blood thinners: self-massage steps (`massage`) stay, with a caution to press gently.

use super::{Load, OLDER_ADULT_AGE, OLDER_ADULT_HOLD, Routine, Step};
use crate::vocabulary::ProfileConditions;

/// The profile conditions that make bones fragile.
pub const FRAGILE_BONES: [&str; 2] = ["osteoporosis", "long-term-steroids"];
/// The profile condition for pregnancy.
pub const PREGNANCY: &str = "pregnancy";
/// The profile condition for blood thinners (anticoagulants).
pub const BLOOD_THINNERS: &str = "blood-thinners";

/// What the runner knows about the person, from `[profile]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Person {
    /// The age they turn this year, if the birth year is known.
    pub age: Option<i32>,
    /// Osteoporosis or long-term steroids.
    pub fragile_bones: bool,
    /// Pregnant.
    pub pregnant: bool,
    /// Taking blood thinners.
    pub blood_thinners: bool,
}

impl Person {
    /// The person of this age with these profile conditions.
    pub fn new(age: Option<i32>, conditions: &ProfileConditions) -> Person {
        Person {
            age,
            fragile_bones: FRAGILE_BONES.iter().any(|c| conditions.contains(c)),
            pregnant: conditions.contains(PREGNANCY),
            blood_thinners: conditions.contains(BLOOD_THINNERS),
        }
    }

    /// 65 or over.
    pub fn older_adult(&self) -> bool {
        self.age.is_some_and(|a| a >= OLDER_ADULT_AGE)
    }

    /// Fragile bones at 65 or over: steps that bend or twist the spine keep their written dose.
    pub fn keeps_spine_dose(&self) -> bool {
        self.fragile_bones && self.older_adult()
    }

    /// Why this person avoids `load`, if they do.
    fn avoids(&self, load: Load) -> Option<Reason> {
        match load {
            Load::Prone | Load::BellyHeat | Load::Twist if self.pregnant => Some(Reason::Pregnancy),
            Load::Flexion | Load::Twist if self.fragile_bones => Some(Reason::FragileBones),
            _ => None,
        }
    }
}

/// Why a step was changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Osteoporosis or long-term steroids: the step bends forward or twists.
    FragileBones,
    /// Pregnancy: the step lies face down, heats the belly or twists.
    Pregnancy,
}

impl Reason {
    /// Whether a step with no alternative is left out (rather than kept with a caution).
    fn leaves_out(self) -> bool {
        self == Reason::Pregnancy
    }
}

/// One change made to the routine as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Step `step` of the fitted routine is the alternative done instead of `instead_of`.
    Swapped {
        /// Its index in the fitted routine.
        step: usize,
        /// The name of the step it replaces.
        instead_of: String,
        /// The load that ruled the step out.
        load: Load,
        /// Why.
        why: Reason,
    },
    /// The step `name` is left out: it names no alternative that fits.
    LeftOut {
        /// The step's name.
        name: String,
        /// The load that ruled it out.
        load: Load,
        /// Why.
        why: Reason,
    },
}

/// A routine fitted to a person, and what was changed and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Adapted {
    /// What runs.
    pub routine: Routine,
    /// What the briefing says about it.
    pub care: Care,
}

/// What was changed in a routine for a person, and what needs a word of caution; step indices
/// are those of the fitted routine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Care {
    /// Steps swapped or left out, in the routine's order.
    pub changes: Vec<Change>,
    /// Steps that bend forward or twist, for someone with fragile bones.
    pub spine_steps: Vec<usize>,
    /// Of those, the steps that keep their written dose (fragile bones at 65+).
    pub kept_dose: Vec<usize>,
    /// Holds lengthened to [`OLDER_ADULT_HOLD`] for age.
    pub lengthened: Vec<usize>,
    /// Self-massage steps, for someone on blood thinners.
    pub massage_steps: Vec<usize>,
}

impl Care {
    /// Whether anything in the routine is different for this person or needs a word.
    pub fn has_notes(&self) -> bool {
        !self.changes.is_empty()
            || !self.spine_steps.is_empty()
            || !self.massage_steps.is_empty()
            || !self.lengthened.is_empty()
    }
}

/// The most serious reason `person` avoids a step: one that leaves it out comes first.
fn ruled_out(step: &Step, person: &Person) -> Option<(Load, Reason)> {
    let mut found = step
        .loads
        .iter()
        .filter_map(|&l| person.avoids(l).map(|why| (l, why)));
    let first = found.next()?;
    Some(
        std::iter::once(first)
            .chain(found)
            .find(|(_, why)| why.leaves_out())
            .unwrap_or(first),
    )
}

/// `routine` fitted to `person`: alternatives in place of steps they avoid, steps left out, and
/// for 65 and over holds under 30 seconds lengthened, except the spine-bending ones of someone
/// with fragile bones.
pub fn adapt(routine: &Routine, person: &Person) -> Adapted {
    let mut fitted = routine.clone();
    fitted.steps = Vec::with_capacity(routine.steps.len());
    let mut changes = Vec::new();
    for step in &routine.steps {
        let Some((load, why)) = ruled_out(step, person) else {
            fitted.steps.push(step.clone());
            continue;
        };
        let fits = |alt: &&Step| {
            alt.loads
                .iter()
                .all(|&l| person.avoids(l).is_none_or(|r| !r.leaves_out()))
        };
        match step.alternative.as_deref().filter(fits) {
            Some(alt) => {
                changes.push(Change::Swapped {
                    step: fitted.steps.len(),
                    instead_of: step.name.clone(),
                    load,
                    why,
                });
                fitted.steps.push(alt.clone());
            }
            None if why.leaves_out() => changes.push(Change::LeftOut {
                name: step.name.clone(),
                load,
                why,
            }),
            None => fitted.steps.push(step.clone()),
        }
    }
    let pick = |want: &dyn Fn(&Step) -> bool| -> Vec<usize> {
        (0..fitted.steps.len())
            .filter(|&i| want(&fitted.steps[i]))
            .collect()
    };
    let spine_steps = if person.fragile_bones {
        pick(&|s| s.bends_spine())
    } else {
        Vec::new()
    };
    let kept_dose = if person.keeps_spine_dose() {
        spine_steps.clone()
    } else {
        Vec::new()
    };
    let massage_steps = if person.blood_thinners {
        pick(&|s| s.loads(Load::Massage))
    } else {
        Vec::new()
    };
    let lengthened = if person.older_adult() {
        let keep = person.keeps_spine_dose();
        fitted.lengthen_short_holds_but(OLDER_ADULT_HOLD, |s| keep && s.bends_spine())
    } else {
        Vec::new()
    };
    Adapted {
        routine: fitted,
        care: Care {
            changes,
            spine_steps,
            kept_dose,
            lengthened,
            massage_steps,
        },
    }
}

#[cfg(test)]
#[path = "adapt_tests.rs"]
mod tests;
