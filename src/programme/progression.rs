//! The progression rule: after a stretch session, read the last three sessions of that routine
//! at its current level and decide. It follows the pain-monitoring model (Thomeé 1997): the dose
//! goes up only while pain during and right after stays moderate and is back to its usual level
//! by the next day. In this order:
//!
//! 1. Pain after rose by 2 or more over pain before (the smallest change people notice) in any
//!    of them → step back a level, and say which session and by how much. This comes first, over
//!    everything below: a step back is the safe direction.
//! 2. A red flag at the emergency or urgent level is active → stay: the flag comes first.
//! 3. The flare plan is on → stay until it ends.
//! 4. A nerve flag (symptoms on one side or both) is in its window → stay until it settles
//!    (see [`super::hold`]).
//! 5. Any session read had pain above [`MOST_PAIN`] (5 out of 10) before or after → stay.
//! 6. Pain logged the day after a session read (the highest rating logged on the calendar day
//!    after the session's day) is higher than the pain rated just before that session → stay:
//!    the pain was not back to its usual level by the next day.
//! 7. Fewer than three sessions done in a row ([`SessionRecord::done`], the one rule for "done":
//!    every step done; a session with a step skipped — every step skipped included —, stopped or
//!    cut off does not count, and the reason names it), a session without both ratings → stay,
//!    and say what is missing.
//! 8. The baseline creeps: each of the later sessions read started with more pain than the first
//!    of them (befores 3, 4, 4 creep; 3, 4, 3 do not: one session a point up that comes back is
//!    within the day-to-day noise) → stay.
//! 9. The week's highest level, the dose limits → stay, and say so.
//! 10. Otherwise → offer the next level; the person chooses to go up or to stay.
//!
//! "At its current level" means the sessions since the level last changed or the person last
//! answered an offer, so one good week gives one offer, not one after every session.

use chrono::{DateTime, FixedOffset};

use super::dose::Dimension;
use super::hold::FlagHold;
use crate::history::{SessionOutcome, SessionRecord};

/// How many sessions the rule reads.
pub const WINDOW: usize = 3;
/// A rise of pain after over pain before that means the dose was too much.
pub const STEP_BACK_RISE: u8 = 2;
/// The most pain after may exceed pain before for the dose to go up.
pub const TOLERATED_RISE: u8 = 1;
/// The most pain, before or after a session, with which the dose may go up.
pub const MOST_PAIN: u8 = 5;

/// What the rule needs of a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionView {
    /// When it started.
    pub started: DateTime<FixedOffset>,
    /// Pain 0–10 before, if rated.
    pub pain_before: Option<u8>,
    /// Pain 0–10 after, if rated.
    pub pain_after: Option<u8>,
    /// `None` when the session is done ([`SessionRecord::done`]); otherwise why it is not, in
    /// words ("every step was skipped").
    pub not_done: Option<&'static str>,
    /// The highest pain logged in the symptom log on the calendar day after the session's day.
    pub next_day_pain: Option<u8>,
}

impl From<&SessionRecord> for SessionView {
    fn from(s: &SessionRecord) -> Self {
        SessionView {
            started: s.started,
            pain_before: s.pain_before,
            pain_after: s.pain_after,
            not_done: why_not_done(s),
            next_day_pain: None,
        }
    }
}

/// Why a session is not done, or `None` when it is.
fn why_not_done(s: &SessionRecord) -> Option<&'static str> {
    if s.done() {
        return None;
    }
    Some(match s.outcome {
        SessionOutcome::Partial | SessionOutcome::Completed if s.steps_done == 0 => {
            "every step was skipped"
        }
        SessionOutcome::Partial | SessionOutcome::Completed => "a step was skipped",
        SessionOutcome::Stopped => "it was stopped early",
        SessionOutcome::Interrupted => "it was cut off before the end",
    })
}

impl SessionView {
    fn rise(&self) -> Option<(u8, u8)> {
        match (self.pain_before, self.pain_after) {
            (Some(b), Some(a)) if a >= b.saturating_add(STEP_BACK_RISE) => Some((b, a)),
            _ => None,
        }
    }

    /// The pain above [`MOST_PAIN`], before or after (the higher), and which it was.
    fn too_much_pain(&self) -> Option<(u8, &'static str)> {
        // On a tie the later reading (after) is named.
        [(self.pain_before, "before"), (self.pain_after, "after")]
            .into_iter()
            .filter_map(|(p, when)| p.map(|p| (p, when)))
            .filter(|(p, _)| *p > MOST_PAIN)
            .max_by_key(|(p, _)| *p)
    }

    /// The next day's logged pain and the pain before, when the next day's is higher.
    fn lingering(&self) -> Option<(u8, u8)> {
        match (self.pain_before, self.next_day_pain) {
            (Some(before), Some(next)) if next > before => Some((before, next)),
            _ => None,
        }
    }

    fn day(&self) -> impl std::fmt::Display {
        self.started.format("%a %-d %b")
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
    /// What the red flags ask of the dose.
    pub flags: FlagHold,
    /// The flare plan is on.
    pub flare: bool,
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
    let stay = |reason: String| Decision::Stay { reason };
    match ctx.flags {
        FlagHold::Serious => {
            return stay(
                "a red flag is active: see the Flags screen first; the dose stays as it is".into(),
            );
        }
        _ if ctx.flare => {
            return stay(
                "the flare plan is on: the dose stays as it is until the plan ends".into(),
            );
        }
        FlagHold::Nerve => {
            return stay(
                "nerve symptoms (tingling, numbness, weakness or pain down a leg) are in your recent log: the dose stays as it is until they settle"
                    .into(),
            );
        }
        FlagHold::Clear => {}
    }
    if let Some((s, (pain, when))) = recent
        .iter()
        .rev()
        .find_map(|s| s.too_much_pain().map(|p| (s, p)))
    {
        return stay(format!(
            "pain was {pain} {when} the session on {}: the dose goes up only while pain stays at {MOST_PAIN} or below",
            s.day()
        ));
    }
    if let Some((s, (before, next))) = recent
        .iter()
        .rev()
        .find_map(|s| s.lingering().map(|l| (s, l)))
    {
        return stay(format!(
            "you logged pain of {next} the day after the session on {}, which started at {before}: the dose goes up only once pain is back to its usual level by the next day",
            s.day()
        ));
    }
    // Only sessions done (every step) count, and three in a row.
    let in_a_row = recent
        .iter()
        .rev()
        .take_while(|s| s.not_done.is_none())
        .count();
    if in_a_row < WINDOW {
        let more = WINDOW - in_a_row;
        let sessions = if more == 1 { "session" } else { "sessions" };
        return stay(
            match recent
                .iter()
                .rev()
                .find_map(|s| s.not_done.map(|why| (s, why)))
            {
                Some((s, why)) => format!(
                    "the session on {} does not count, as {why}: {more} more {sessions} with every step done at this level before it can go up",
                    s.day()
                ),
                None => format!("{more} more {sessions} at this level before it can go up"),
            },
        );
    }
    if recent
        .iter()
        .any(|s| s.pain_before.is_none() || s.pain_after.is_none())
    {
        return Decision::Stay {
            reason: "rate your pain before and after each session so the dose can follow it".into(),
        };
    }
    if let Some(befores) = creeping(recent) {
        return stay(format!(
            "each session started with more pain than the first ({befores}): the dose waits until your usual pain settles back"
        ));
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
            "your back took the last {WINDOW} sessions well: pain at {MOST_PAIN} or below, never more than {TOLERATED_RISE} higher after than before nor higher the next day, every step done"
        ),
    }
}

/// The pains before, in words ("3, then 4, 4"), when each session after the first started
/// higher than the first.
fn creeping(sessions: &[SessionView]) -> Option<String> {
    let befores: Vec<u8> = sessions.iter().filter_map(|s| s.pain_before).collect();
    let (first, later) = befores.split_first()?;
    (!later.is_empty() && later.iter().all(|b| b > first)).then(|| {
        let later: Vec<String> = later.iter().map(u8::to_string).collect();
        format!("{first}, then {}", later.join(", "))
    })
}
