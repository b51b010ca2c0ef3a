//! The flare plan: when to offer it, and when the normal programme resumes.
//!
//! Offered when a pain rating of [`FLARE_PAIN`] or more is logged, or pain after a session rose
//! by 2 or more over pain before — never while an emergency or urgent red flag is active (the flag
//! and its advice come first; a flag at the "soon" level does not hold the plan back, moving
//! gently is still the advice). The plan ends, and the programme resumes, when a rating taken
//! after the plan started is below the rating it started from and below [`FLARE_PAIN`].

use chrono::{DateTime, FixedOffset};

use super::progression::STEP_BACK_RISE;
use super::state::Flare;
use crate::flags::{Flags, Level};

/// A logged pain rating from which a flare plan is offered.
pub const FLARE_PAIN: u8 = 7;

/// What started the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// A rating in the symptom log.
    Logged(u8),
    /// A session's pain before and after.
    Session {
        /// Pain before.
        before: u8,
        /// Pain after.
        after: u8,
    },
}

/// What to say about the flare plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Advice {
    /// Offer the flare plan, starting from this rating.
    Offer {
        /// The rating it starts from.
        from_pain: u8,
        /// Why, in words.
        reason: String,
    },
    /// A serious flag is active: show the flag, not the plan.
    FlagFirst,
    /// Nothing to offer.
    Nothing,
}

/// Whether an emergency or urgent flag is active.
pub fn serious_flag(flags: &Flags) -> bool {
    flags.active.iter().any(|f| f.rule.level >= Level::Urgent)
}

/// Decides whether a new rating offers the flare plan.
pub fn offer(trigger: Trigger, serious_flag: bool, flare: Option<&Flare>) -> Advice {
    let (from_pain, reason) = match trigger {
        Trigger::Logged(p) if p >= FLARE_PAIN => (p, format!("you logged pain of {p} out of 10")),
        Trigger::Session { before, after } if after >= before.saturating_add(STEP_BACK_RISE) => (
            after,
            format!("your pain went from {before} to {after} over the session"),
        ),
        _ => return Advice::Nothing,
    };
    if serious_flag {
        return Advice::FlagFirst;
    }
    if flare.is_some() {
        return Advice::Nothing;
    }
    Advice::Offer { from_pain, reason }
}

/// Whether the flare plan ends: a rating taken after it started (`ratings`, any order) is below
/// the rating it started from and below [`FLARE_PAIN`]. Returns the reason.
pub fn resumes(flare: &Flare, ratings: &[(DateTime<FixedOffset>, u8)]) -> Option<String> {
    let latest = ratings
        .iter()
        .filter(|(at, _)| *at > flare.since)
        .max_by_key(|(at, _)| *at)?;
    let from = flare.from_pain.unwrap_or(FLARE_PAIN);
    (latest.1 < from && latest.1 < FLARE_PAIN).then(|| {
        format!(
            "pain is down to {} from {from}: the programme resumes",
            latest.1
        )
    })
}
