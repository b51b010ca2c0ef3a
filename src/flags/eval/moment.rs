//! The moment flags are evaluated at and which entries count then; when an entry was written;
//! and, for heat, when numb skin was last logged.

use chrono::{DateTime, Duration, FixedOffset};

use crate::symptoms::SymptomEntry;

/// Live, entries dated up to this many hours ahead of the clock count as now.
pub const AHEAD_HOURS: i64 = 24;

/// The moment flags are evaluated at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    /// Now: windows end here and acknowledgements after it do not count.
    pub now: DateTime<FixedOffset>,
    /// Entries dated up to here count (as of `now` when they are later than it).
    pub counts_until: DateTime<FixedOffset>,
}

impl Moment {
    /// The clock's reading: entries dated up to a day ahead count as now.
    pub fn live(now: DateTime<FixedOffset>) -> Moment {
        Moment {
            now,
            counts_until: now + Duration::hours(AHEAD_HOURS),
        }
    }

    /// As things stood at `at`: entries dated after it are left out.
    pub fn as_of(at: DateTime<FixedOffset>) -> Moment {
        Moment {
            now: at,
            counts_until: at,
        }
    }

    /// When an entry dated `at` counts: never later than now.
    pub(super) fn effective(&self, at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        if at > self.now { self.now } else { at }
    }
}

/// When an entry was written: the time in its id, or, for an id that carries none (imported
/// data), the time it is dated — or, when an edit changed what the rules read, the time of that
/// edit.
pub fn recorded(e: &SymptomEntry) -> DateTime<FixedOffset> {
    let first = crate::id::timestamp_ms(&e.id)
        .and_then(DateTime::from_timestamp_millis)
        .map_or(e.at, |t| t.fixed_offset());
    e.edited.map_or(first, |edited| edited.max(first))
}

/// For heat: the latest time numbness or tingling was logged in the default window, if any.
/// Numb skin cannot feel a burn, so heat is refused while this is `Some`. Entries dated up to a
/// day ahead count, as for the flags.
pub fn numb_skin(
    entries: &[SymptomEntry],
    now: DateTime<FixedOffset>,
) -> Option<DateTime<FixedOffset>> {
    let moment = Moment::live(now);
    let from = now - Duration::days(crate::flags::rules::DEFAULT_WITHIN_DAYS);
    entries
        .iter()
        .filter(|e| e.at >= from && e.at <= moment.counts_until)
        .filter(|e| {
            ["numbness", "tingling", "saddle-numbness"]
                .iter()
                .any(|s| e.reads().symptoms.contains(s))
        })
        .map(|e| moment.effective(e.at))
        .max()
}
