//! A routine expanded into the phases a session runs through: prepare, then for every set and side
//! the work, with side switches and rests in between. The plan is fixed before the session starts,
//! so its total and every boundary are known in advance.

use std::time::Duration;

use super::{Routine, Sides};

/// What the person is doing in a phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseKind {
    /// Getting into position before the first step.
    Prepare,
    /// Doing the step.
    Work,
    /// Changing from the left to the right side.
    SwitchSides,
    /// Resting between sets or steps.
    Rest,
}

/// Which side a phase is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The step has no sides.
    Both,
    /// Left side.
    Left,
    /// Right side.
    Right,
}

impl Side {
    /// "Left", "Right", or `None` for a two-sided step.
    pub fn label(self) -> Option<&'static str> {
        match self {
            Side::Both => None,
            Side::Left => Some("Left"),
            Side::Right => Some("Right"),
        }
    }
}

/// One phase of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phase {
    /// Prepare, work, switch or rest.
    pub kind: PhaseKind,
    /// The step this phase belongs to (for rests and switches: the step just done); for prepare,
    /// the first step.
    pub step: usize,
    /// 1-based set number.
    pub set: u32,
    /// The side being worked (or about to be, for a switch).
    pub side: Side,
    /// Planned length; `None` for counted reps the person ends with Enter.
    pub duration: Option<Duration>,
}

/// Expands a routine into its phases, in order. Zero-length rests and prepares are left out.
pub fn expand(routine: &Routine) -> Vec<Phase> {
    let mut phases = Vec::new();
    if !routine.prepare.is_zero() && !routine.steps.is_empty() {
        phases.push(Phase {
            kind: PhaseKind::Prepare,
            step: 0,
            set: 1,
            side: first_side(routine.steps[0].sides),
            duration: Some(routine.prepare),
        });
    }
    let last_step = routine.steps.len().saturating_sub(1);
    for (index, step) in routine.steps.iter().enumerate() {
        let sides: &[Side] = match step.sides {
            Sides::None => &[Side::Both],
            Sides::LeftRight => &[Side::Left, Side::Right],
        };
        for set in 1..=step.sets {
            for (i, &side) in sides.iter().enumerate() {
                if i > 0 {
                    phases.push(Phase {
                        kind: PhaseKind::SwitchSides,
                        step: index,
                        set,
                        side,
                        duration: Some(step.switch),
                    });
                }
                phases.push(Phase {
                    kind: PhaseKind::Work,
                    step: index,
                    set,
                    side,
                    duration: step.work.duration(),
                });
            }
            let very_last = index == last_step && set == step.sets;
            if !very_last && !step.rest.is_zero() {
                phases.push(Phase {
                    kind: PhaseKind::Rest,
                    step: index,
                    set,
                    side: sides[sides.len() - 1],
                    duration: Some(step.rest),
                });
            }
        }
    }
    phases
}

fn first_side(sides: Sides) -> Side {
    match sides {
        Sides::None => Side::Both,
        Sides::LeftRight => Side::Left,
    }
}
