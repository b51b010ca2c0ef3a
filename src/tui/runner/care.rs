//! The runner's words about a routine fitted to the person ([`crate::routine::adapt`]): each
//! swap or step left out with its reason, the fragile-bones caution naming the steps that bend
//! or twist the spine, the holds kept as written, and the gentle-pressure caution for
//! self-massage on blood thinners. The briefing lists them all; a posture break, which has no
//! briefing, shows each under the cue of the step it is about.

use crate::routine::adapt::{Care, Change, Reason};
use crate::routine::{Load, Routine};

/// One note, and the step of the fitted routine it is about (`None`: a step left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Note {
    /// The step it concerns.
    pub step: Option<usize>,
    /// What to say.
    pub text: String,
}

/// Why a load is avoided, as the end of a sentence.
fn because(load: Load, why: Reason) -> &'static str {
    match (why, load) {
        (Reason::Pregnancy, Load::Prone) => "in pregnancy, avoid lying face down",
        (Reason::Pregnancy, Load::BellyHeat) => "in pregnancy, keep heat away from the belly",
        (Reason::Pregnancy, _) => "in pregnancy, avoid deep twists",
        (Reason::FragileBones, Load::Twist) => {
            "with osteoporosis or long-term steroids, held twists strain the bones of the spine"
        }
        (Reason::FragileBones, _) => {
            "with osteoporosis or long-term steroids, held or loaded forward bends strain the \
             bones of the spine"
        }
    }
}

fn names(routine: &Routine, steps: &[usize]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for name in steps
        .iter()
        .filter_map(|&i| routine.steps.get(i).map(|s| s.name.as_str()))
    {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join(", ")
}

/// Every note about `routine` as fitted, in the order the briefing shows them: what changed,
/// then the cautions.
pub(super) fn notes(routine: &Routine, care: &Care) -> Vec<Note> {
    let mut notes = Vec::new();
    for change in &care.changes {
        notes.push(match change {
            Change::Swapped {
                step,
                instead_of,
                load,
                why,
            } => Note {
                step: Some(*step),
                text: format!(
                    "{} replaces {instead_of}: {}.",
                    routine.steps.get(*step).map_or("", |s| s.name.as_str()),
                    because(*load, *why)
                ),
            },
            Change::LeftOut { name, load, why } => Note {
                step: None,
                text: format!("{name} is left out: {}.", because(*load, *why)),
            },
        });
    }
    // One sentence per caution, naming its steps, repeated for each step it is about.
    let mut out = notes;
    if !care.spine_steps.is_empty() {
        let text = format!(
            "Go gently in {}: with fragile bones, keep a forward bend or twist small and slow, \
             never forced, weighted or held long.",
            names(routine, &care.spine_steps)
        );
        out.extend(care.spine_steps.iter().map(|&i| Note {
            step: Some(i),
            text: text.clone(),
        }));
    }
    if !care.kept_dose.is_empty() {
        let text = format!(
            "Holds kept as written in {}: from 65 with fragile bones, forward bends and \
             twists are not made longer, for age or by a programme level.",
            names(routine, &care.kept_dose)
        );
        out.extend(care.kept_dose.iter().map(|&i| Note {
            step: Some(i),
            text: text.clone(),
        }));
    }
    if !care.massage_steps.is_empty() {
        let text = format!(
            "Press gently in {}, never hard: blood thinners make bruises come easily. Stop if \
             you find you bruise.",
            names(routine, &care.massage_steps)
        );
        out.extend(care.massage_steps.iter().map(|&i| Note {
            step: Some(i),
            text: text.clone(),
        }));
    }
    out
}

/// The notes for the briefing, each once.
pub(super) fn briefing(routine: &Routine, care: &Care) -> Vec<String> {
    let mut texts: Vec<String> = Vec::new();
    for note in notes(routine, care) {
        if !texts.contains(&note.text) {
            texts.push(note.text);
        }
    }
    texts
}

/// The notes a posture break shows under step `step`'s cue: its own, and on the first step
/// the steps left out.
pub(super) fn for_step(routine: &Routine, care: &Care, step: usize) -> Vec<String> {
    notes(routine, care)
        .into_iter()
        .filter(|n| n.step == Some(step) || (n.step.is_none() && step == 0))
        .map(|n| n.text)
        .collect()
}
