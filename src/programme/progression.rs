//! The progression rule: after a stretch session, read the last three sessions of that routine
//! at its current level and decide.
//!
//! - Pain after rose by 2 or more over pain before (the smallest change people notice) in any of
//!   them → step back a level, and say which session and by how much.
//! - A red flag at the emergency or urgent level is active → stay: the flag comes first.
//! - Fewer than three sessions, a session without both ratings, or a step left undone → stay,
//!   and say what is missing.
//! - All three rated, pain after at most 1 above pain before, every step done → offer the next
//!   level; the person chooses to go up or to stay.
//!
//! "At its current level" means the sessions since the level last changed or the person last
//! answered an offer, so one good week gives one offer, not one after every session.

use chrono::{DateTime, FixedOffset};

use super::dose::Dimension;
use crate::history::{SessionOutcome, SessionRecord};

/// How many sessions the rule reads.
pub const WINDOW: usize = 3;
/// A rise of pain after over pain before that means the dose was too much.
pub const STEP_BACK_RISE: u8 = 2;
/// The most pain after may exceed pain before for the dose to go up.
pub const TOLERATED_RISE: u8 = 1;

/// What the rule needs of a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionView {
    /// When it started.
    pub started: DateTime<FixedOffset>,
    /// Pain 0–10 before, if rated.
    pub pain_before: Option<u8>,
    /// Pain 0–10 after, if rated.
    pub pain_after: Option<u8>,
    /// Every step ran to the end.
    pub all_steps_done: bool,
}

impl From<&SessionRecord> for SessionView {
    fn from(s: &SessionRecord) -> Self {
        SessionView {
            started: s.started,
            pain_before: s.pain_before,
            pain_after: s.pain_after,
            all_steps_done: s.outcome == SessionOutcome::Completed
                && s.steps_total > 0
                && s.steps_done >= s.steps_total,
        }
    }
}

impl SessionView {
    fn rise(&self) -> Option<(u8, u8)> {
        match (self.pain_before, self.pain_after) {
            (Some(b), Some(a)) if a >= b.saturating_add(STEP_BACK_RISE) => Some((b, a)),
            _ => None,
        }
    }
}

/// What the rule says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Offer the next level; the person chooses.
    Offer {
        /// The level offered.
        to: u8,
        /// What changes.
        change: Dimension,
        /// Why, in words.
        reason: String,
    },
    /// Keep the level.
    Stay {
        /// Why, in words.
        reason: String,
    },
    /// Go down a level (or, at level 1, stay and say so).
    StepBack {
        /// The level to go to.
        to: u8,
        /// Why, in words.
        reason: String,
    },
}

impl Decision {
    /// The reason, whatever the decision.
    pub fn reason(&self) -> &str {
        match self {
            Decision::Offer { reason, .. }
            | Decision::Stay { reason }
            | Decision::StepBack { reason, .. } => reason,
        }
    }
}

/// The inputs besides the sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    /// The routine's current level.
    pub level: u8,
    /// The highest level allowed now (the week's `max_level`, or the routine's top level).
    pub max_level: u8,
    /// What the next level would change, or `None` when the dose is at its limits.
    pub next: Option<Dimension>,
    /// An emergency or urgent red flag is active.
    pub flag_active: bool,
}

/// Decides from `sessions` — the routine's sessions at the current level, oldest first.
pub fn decide(sessions: &[SessionView], ctx: Context) -> Decision {
    let recent = &sessions[sessions.len().saturating_sub(WINDOW)..];
    if let Some((s, (before, after))) = recent.iter().rev().find_map(|s| s.rise().map(|r| (s, r))) {
        let when = s.started.format("%a %-d %b");
        let why = format!(
            "pain went from {before} before to {after} after on {when}: a rise of {} or more means the dose was too much",
            STEP_BACK_RISE
        );
        return if ctx.level > 1 {
            Decision::StepBack {
                to: ctx.level - 1,
                reason: format!("{why}; back to level {}", ctx.level - 1),
            }
        } else {
            Decision::Stay {
                reason: format!("{why}; this is already the gentlest level"),
            }
        };
    }
    if ctx.flag_active {
        return Decision::Stay {
            reason: "a red flag is active: see the Flags screen first; the dose stays as it is"
                .into(),
        };
    }
    if recent.len() < WINDOW {
        let more = WINDOW - recent.len();
        return Decision::Stay {
            reason: format!(
                "{more} more session{} at this level before it can go up",
                if more == 1 { "" } else { "s" }
            ),
        };
    }
    if recent
        .iter()
        .any(|s| s.pain_before.is_none() || s.pain_after.is_none())
    {
        return Decision::Stay {
            reason: "rate your pain before and after each session so the dose can follow it".into(),
        };
    }
    if !recent.iter().all(|s| s.all_steps_done) {
        return Decision::Stay {
            reason: format!("do every step in {WINDOW} sessions in a row before going up"),
        };
    }
    let change = match ctx.next {
        Some(change) if ctx.level < ctx.max_level => change,
        Some(_) => {
            return Decision::Stay {
                reason: format!(
                    "level {} is the highest this week allows; the next week may go further",
                    ctx.level
                ),
            };
        }
        None => {
            return Decision::Stay {
                reason: "this routine is at the most its limits allow".into(),
            };
        }
    };
    Decision::Offer {
        to: ctx.level + 1,
        change,
        reason: format!(
            "your back took the last {WINDOW} sessions well: pain after never more than {TOLERATED_RISE} above pain before, every step done"
        ),
    }
}
