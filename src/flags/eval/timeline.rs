//! The entries that count at a moment, oldest first, and the current episode among them.

use std::borrow::Cow;

use chrono::{DateTime, Duration, FixedOffset};

use super::Moment;
use crate::symptoms::SymptomEntry;

/// Gaps longer than this end an episode.
pub const EPISODE_GAP_DAYS: i64 = 7;
/// The smallest fall on the 0–10 scale that people notice as real.
pub const NOTICEABLE_CHANGE: u8 = 2;
/// An episode condition needs entries on different days at least this many days apart.
pub const LINGER_SPAN_DAYS: i64 = 4;

/// The current episode: its first and latest entries.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Episode<'a> {
    /// Where it began.
    pub first: &'a SymptomEntry,
    /// The newest entry.
    pub latest: &'a SymptomEntry,
    /// Whole days from the first entry to `now`.
    pub days: i64,
}

impl Episode<'_> {
    /// Whether it has entries on different days at least [`LINGER_SPAN_DAYS`] apart.
    pub fn lingers(&self) -> bool {
        (self.latest.at.date_naive() - self.first.at.date_naive()).num_days() >= LINGER_SPAN_DAYS
    }
}

/// The current episode in `entries` (any order) as of `now`, live.
pub fn episode(entries: &[SymptomEntry], now: DateTime<FixedOffset>) -> Option<Episode<'_>> {
    let moment = Moment::live(now);
    let past = Timeline::new(entries, &moment);
    past.episode(&moment)
}

/// The entries that count at a moment, oldest first: its own list, or the first part of a
/// longer timeline's (see [`Timeline::until`]).
pub(super) struct Timeline<'t, 'a> {
    pub(super) entries: Cow<'t, [&'a SymptomEntry]>,
}

impl<'a> Timeline<'a, 'a> {
    pub(super) fn new(entries: &'a [SymptomEntry], moment: &Moment) -> Timeline<'a, 'a> {
        let mut entries: Vec<&SymptomEntry> = entries
            .iter()
            .filter(|e| e.at <= moment.counts_until)
            .collect();
        // The log loads sorted; sort only what is not.
        if !entries.is_sorted_by_key(|e| e.at) {
            entries.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
        }
        Timeline {
            entries: Cow::Owned(entries),
        }
    }
}

impl<'a> Timeline<'_, 'a> {
    /// The entries that count at `moment`, when this timeline is a log sorted by time (not
    /// re-sorted): those dated up to `counts_until` are its first ones, in the same order
    /// [`Timeline::new`] would give them.
    pub(super) fn until(&self, moment: &Moment) -> Timeline<'_, 'a> {
        let end = self
            .entries
            .partition_point(|e| e.at <= moment.counts_until);
        Timeline {
            entries: Cow::Borrowed(&self.entries[..end]),
        }
    }

    /// Index of the first entry of the episode that entry `i` belongs to, if it has pain.
    pub(super) fn episode_start(&self, i: usize) -> Option<usize> {
        let gap = Duration::days(EPISODE_GAP_DAYS);
        let mut first = i;
        if self.entries[i].reads().pain == 0 {
            return None;
        }
        while first > 0 {
            let (before, e) = (self.entries[first - 1], self.entries[first]);
            if before.reads().pain == 0 || e.at - before.at > gap {
                break;
            }
            first -= 1;
        }
        Some(first)
    }

    pub(super) fn episode(&self, moment: &Moment) -> Option<Episode<'a>> {
        let last = self.entries.len().checked_sub(1)?;
        let latest = self.entries[last];
        if latest.reads().pain == 0 || moment.now - latest.at > Duration::days(EPISODE_GAP_DAYS) {
            return None;
        }
        let first = self.entries[self.episode_start(last)?];
        Some(Episode {
            first,
            latest,
            days: (moment.now - first.at).num_days().max(0),
        })
    }
}
