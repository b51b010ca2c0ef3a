//! What the red-flag rules read of an entry: one projection ([`Reads`]) that the rule matching
//! in `flags` takes and that an edit is compared by ([`SymptomEntry::edit_of`]). Were the two
//! lists apart, they could drift, and an acknowledgement given before an edit could cover what
//! the edit added. A rule condition can read only what [`Reads`] offers; each condition and the
//! fields it reads are listed in `flags::rules::CONDITIONS`.

use chrono::{DateTime, FixedOffset};

use super::{Onset, SymptomEntry};
use crate::vocabulary::{Areas, Symptoms, Triggers};

/// The part of an entry the red-flag rules read. Two versions of an entry with the same
/// projection are the same to the rules; an edit that changes it is marked `edited`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reads {
    /// When the symptoms were felt: windows, episodes, dates and how near two sides are.
    pub at: DateTime<FixedOffset>,
    /// 0–10.
    pub pain: u8,
    /// How the pain began; `None` is "not sure" (read as sudden).
    pub onset: Option<Onset>,
    /// Body areas.
    pub areas: Areas,
    /// Symptoms felt.
    pub symptoms: Symptoms,
    /// Screening questions answered "no". No condition matches on a denial (a "no" is never a
    /// symptom), but it is what sets "no numbness" apart from a question not answered, so a
    /// changed answer is a changed entry for the rules.
    pub denied: Symptoms,
    /// What set it off.
    pub triggers: Triggers,
}

/// A field of [`Reads`], to name what a rule condition reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// [`Reads::at`].
    At,
    /// [`Reads::pain`].
    Pain,
    /// [`Reads::onset`].
    Onset,
    /// [`Reads::areas`].
    Areas,
    /// [`Reads::symptoms`].
    Symptoms,
    /// [`Reads::denied`].
    Denied,
    /// [`Reads::triggers`].
    Triggers,
}

impl Field {
    /// Every field of [`Reads`], in its order.
    pub const ALL: [Field; 7] = [
        Field::At,
        Field::Pain,
        Field::Onset,
        Field::Areas,
        Field::Symptoms,
        Field::Denied,
        Field::Triggers,
    ];

    /// The entry's key for it, as in `symptoms.jsonl`.
    pub fn key(self) -> &'static str {
        match self {
            Field::At => "at",
            Field::Pain => "pain",
            Field::Onset => "onset",
            Field::Areas => "areas",
            Field::Symptoms => "symptoms",
            Field::Denied => "denied",
            Field::Triggers => "triggers",
        }
    }
}

impl SymptomEntry {
    /// What the red-flag rules read of this entry.
    pub fn reads(&self) -> Reads {
        // Every field of an entry, each with its decision. A field added to `SymptomEntry`
        // does not compile here until it is decided: read by the rules (then it goes into
        // `Reads`, `Field` and the tests in `symptoms::tests`), or not (named with `_` and
        // why). Nothing else lists what the rules read.
        let SymptomEntry {
            // When it was written and last edited in a way the rules see: what the
            // acknowledgements are compared with (`flags::eval::recorded`), not what it says.
            id: _,
            edited: _,
            at,
            pain,
            onset,
            areas,
            symptoms,
            denied,
            triggers,
            // What helped, and the free text: never read by the rules (a note is never a flag;
            // `flags::notice` only hints from it), so an edit of them stays covered.
            relief: _,
            note: _,
        } = self;
        Reads {
            at: *at,
            pain: *pain,
            onset: *onset,
            areas: *areas,
            symptoms: *symptoms,
            denied: *denied,
            triggers: *triggers,
        }
    }
}
