//! Red flags (DESIGN §6): the rules (`rules`), their evaluation against the log and the profile
//! (`eval`), and acknowledgements (`acks`). Evaluation is pure: the log, profile, rules,
//! acknowledgements and `now` are passed in.

pub mod acks;
pub mod eval;
pub mod lapsed;
pub mod matched;
pub mod notice;
pub mod rules;

#[cfg(test)]
mod edges_tests;
#[cfg(test)]
mod eval_tests;
#[cfg(test)]
mod history_tests;
#[cfg(test)]
mod keys_tests;
#[cfg(test)]
mod lifetime_tests;
#[cfg(test)]
mod many_tests;
#[cfg(test)]
mod notice_tests;
#[cfg(test)]
mod review_tests;
#[cfg(test)]
mod rule_cases;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use acks::{Ack, AckLog};
pub use eval::{Evaluator, Evidence, Flag, Flags, Moment, Profile, evaluate, evaluate_at};
pub use rules::{Rule, RuleSet};

/// How soon to act, least severe first so that `max` is the most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Book an appointment.
    Soon,
    /// See a doctor today.
    Urgent,
    /// Call the emergency number now.
    Emergency,
}

impl Level {
    /// The stored name.
    pub fn id(self) -> &'static str {
        match self {
            Level::Soon => "soon",
            Level::Urgent => "urgent",
            Level::Emergency => "emergency",
        }
    }

    /// The warning bar's label: how soon, in capitals, agreeing with every action of the level.
    pub fn label(self) -> &'static str {
        match self {
            Level::Emergency => "EMERGENCY",
            Level::Urgent => "URGENT",
            Level::Soon => "SEE A DOCTOR SOON",
        }
    }

    /// The words every action of this level starts with (after an optional "If this is new
    /// for you,"), so the action never says more or less than the level.
    pub fn action_lead(self) -> &'static str {
        match self {
            Level::Emergency => "call {emergency}",
            Level::Urgent => "get an urgent appointment with a doctor today",
            Level::Soon => "book a doctor's appointment",
        }
    }

    /// Whether the [`CAVEATS`] go with a flag of this level: under an emergency only its action
    /// is shown (CLINICAL.md, "At the edges"); urgent and soon flags keep them.
    pub fn shows_caveats(self) -> bool {
        self != Level::Emergency
    }

    /// A heading for this level.
    pub fn heading(self) -> &'static str {
        match self {
            Level::Emergency => "Emergency: act now",
            Level::Urgent => "Urgent: see a doctor today",
            Level::Soon => "Soon: book an appointment",
        }
    }
}

/// The wording used when no emergency number is configured.
pub const DEFAULT_EMERGENCY: &str = "your local emergency number";

/// Caveats shown with urgent and soon flags (never under an emergency: see
/// [`Level::shows_caveats`]), from CLINICAL.md, in our words.
pub const CAVEATS: &[&str] = &[
    "Most single warning signs are weak evidence and false alarms are common; a flag means \
     \"get this checked\", not \"something is wrong\".",
    "Serious does not always mean emergency: follow the action each flag gives.",
    "Only a small share of back pain has a specific serious cause. These flags exist so that the \
     rare serious case is never missed.",
];
