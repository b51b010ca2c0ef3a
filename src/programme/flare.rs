//! The flare plan: when to offer it, and when the normal programme resumes.
//!
//! Offered when a pain rating of [`FLARE_PAIN`] or more is logged, or pain after a session rose
//! by 2 or more over pain before — never while an emergency or urgent red flag is active (the flag
//! and its advice come first; a flag at the "soon" level does not hold the plan back, moving
//! gently is still the advice).
//!
//! The plan ends, and the programme resumes, only once the pain has settled on two days, not on
//! one lower rating (CLINICAL.md, "At the edges"): a rating counts as settled when it is below
//! [`SETTLED_BELOW`] (5) and at least [`STEP_BACK_RISE`] (2) below the rating the plan started
//! from (7 when that is not known). Read in time order, the ratings logged after the plan started
//! must end in a run of settled ratings whose first and last are at least a day (24 hours) apart
//! — so on two different days. A rating that is not settled starts the count again: 4 on Monday,
//! 7 on Tuesday, 4 on Wednesday has not settled yet. The plan is never ended by a rating before
//! it started.
//!
//! Severe pain on its own is a reason to see a doctor: when the flare plan is offered or on while
//! the `severe-pain` red flag is active, or the rating it started from was [`SEVERE_PAIN`] or more,
//! its text says so beside it ([`see_a_doctor`]). Both are read, so the note does not depend on a
//! rules file carrying that flag (pain 9–10 in one entry is that flag's own threshold).

use chrono::{DateTime, FixedOffset, TimeDelta};

use super::progression::STEP_BACK_RISE;
use super::state::Flare;
use crate::flags::Flags;

pub use super::hold::serious_flag;

/// A logged pain rating from which a flare plan is offered.
pub const FLARE_PAIN: u8 = 7;
/// A rating counts towards the end of the plan only below this.
pub const SETTLED_BELOW: u8 = 5;
/// How far apart the first and last settled ratings must be.
pub const SETTLED_SPAN: TimeDelta = TimeDelta::days(1);
/// The red flag for severe pain on its own.
pub const SEVERE_PAIN_FLAG: &str = "severe-pain";
/// A starting rating this high is severe pain on its own.
pub const SEVERE_PAIN: u8 = 9;

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

/// What the ratings say about a flare plan that is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settling {
    /// Not settled: the plan goes on.
    NotYet,
    /// Settled on one day so far: the plan goes on; says what ends it.
    OneDay(String),
    /// Settled on two days: the plan ends; says why.
    Ends(String),
}

/// Reads the ratings (`ratings`, any order) against the flare plan (see the module docs).
pub fn settling(flare: &Flare, ratings: &[(DateTime<FixedOffset>, u8)]) -> Settling {
    let from = flare.from_pain.unwrap_or(FLARE_PAIN);
    let settled = |p: u8| p < SETTLED_BELOW && p.saturating_add(STEP_BACK_RISE) <= from;
    let mut after: Vec<(DateTime<FixedOffset>, u8)> = ratings
        .iter()
        .filter(|(at, _)| *at > flare.since)
        .copied()
        .collect();
    after.sort_by_key(|(at, _)| *at);
    let run_start = after
        .iter()
        .rposition(|(_, p)| !settled(*p))
        .map_or(0, |i| i + 1);
    let run = &after[run_start..];
    let (Some(first), Some(last)) = (run.first(), run.last()) else {
        return Settling::NotYet;
    };
    let day = |at: &DateTime<FixedOffset>| at.format("%a %-d %b").to_string();
    if last.0 - first.0 >= SETTLED_SPAN {
        Settling::Ends(format!(
            "pain has stayed down on two days ({} on {}, {} on {}; it started at {from}): the programme resumes",
            first.1,
            day(&first.0),
            last.1,
            day(&last.0)
        ))
    } else {
        // The highest rating that counts as settled (a settled rating exists, so this is ≥ 0).
        let most = (SETTLED_BELOW - 1).min(from.saturating_sub(STEP_BACK_RISE));
        Settling::OneDay(format!(
            "pain is down to {} from {from}; the plan ends once it is {most} or lower again a day or more later",
            last.1
        ))
    }
}

/// Whether the flare plan ends (see the module docs). Returns the reason.
pub fn resumes(flare: &Flare, ratings: &[(DateTime<FixedOffset>, u8)]) -> Option<String> {
    match settling(flare, ratings) {
        Settling::Ends(reason) => Some(reason),
        _ => None,
    }
}

/// The note beside the flare plan when the pain is severe on its own: the `severe-pain` flag is
/// active, or the plan starts (or started) from a rating of [`SEVERE_PAIN`] or more.
pub fn see_a_doctor(flags: &Flags, from_pain: Option<u8>) -> Option<&'static str> {
    let flagged = flags.active.iter().any(|f| f.rule.id == SEVERE_PAIN_FLAG);
    (flagged || from_pain.is_some_and(|p| p >= SEVERE_PAIN)).then_some(
        "Book a doctor's appointment: severe pain is reason enough on its own, even with nothing else.",
    )
}
