//! The rules at many moments over one log, as the report asks for them (the flags raised
//! through a period: up to 27 moments over ten years of entries). [`evaluate_at`] at each moment
//! would read the whole log at each; here the log is put in order once and each rule's entry
//! conditions are tested once per entry, and each moment takes the first part of that timeline
//! and, per rule, the matching entries within it. The flags are the same as [`evaluate_at`]'s
//! (the tests in `many_tests` compare the two): both run the same evaluation, only the lookup
//! of matching entries differs.

use chrono::{DateTime, FixedOffset};

use super::timeline::Timeline;
use super::{Flags, Meeting, Moment, Profile, entry_matches, evaluate_at, evaluate_on};
use crate::flags::{Ack, Rule};
use crate::symptoms::SymptomEntry;

/// The rules, the profile and the acknowledgements over one log, ready to be evaluated at any
/// moment ([`Evaluator::at`]).
pub struct Evaluator<'a> {
    entries: &'a [SymptomEntry],
    profile: &'a Profile,
    rules: &'a [Rule],
    acks: &'a [Ack],
    /// The whole log in time order and, per rule, the positions in it of the entries meeting
    /// the rule's entry conditions; `None` when the log is not sorted by time, as then the
    /// entries counting at a moment are not the first ones of the log.
    sorted: Option<(Timeline<'a, 'a>, Vec<Vec<usize>>)>,
}

impl<'a> Evaluator<'a> {
    /// Reads `entries` once; cheap to evaluate at many moments afterwards.
    pub fn new(
        entries: &'a [SymptomEntry],
        profile: &'a Profile,
        rules: &'a [Rule],
        acks: &'a [Ack],
    ) -> Evaluator<'a> {
        let sorted = entries.is_sorted_by_key(|e| e.at).then(|| {
            let end_of_time = Moment::as_of(DateTime::<FixedOffset>::MAX_UTC.fixed_offset());
            let timeline = Timeline::new(entries, &end_of_time);
            let positions = rules
                .iter()
                .map(|rule| {
                    if !rule.when.has_entry_conditions() {
                        return Vec::new();
                    }
                    (timeline.entries.iter().enumerate())
                        .filter(|(_, e)| entry_matches(&rule.when, &e.reads()))
                        .map(|(i, _)| i)
                        .collect()
                })
                .collect();
            (timeline, positions)
        });
        Evaluator {
            entries,
            profile,
            rules,
            acks,
            sorted,
        }
    }

    /// Every rule that matches at `moment`: exactly what [`evaluate_at`] gives.
    pub fn at(&self, moment: Moment) -> Flags {
        match &self.sorted {
            Some((timeline, positions)) => evaluate_on(
                &timeline.until(&moment),
                &Meeting::Positions(positions),
                self.profile,
                self.rules,
                self.acks,
                moment,
            ),
            None => evaluate_at(self.entries, self.profile, self.rules, self.acks, moment),
        }
    }
}
