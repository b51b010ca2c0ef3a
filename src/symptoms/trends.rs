//! Trends over the symptom log for the Review screen: pain per day (worst and average), which
//! areas hurt and how much, and the triggers and reliefs logged most often. Pure: the entries
//! and "today" are passed in. Each entry counts on the calendar day of its own time stamp.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use super::SymptomEntry;
use crate::vocabulary::IdSet;
use crate::vocabulary::id_set::IdKind;

/// Pain on one day that has entries.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DayPain {
    /// The worst rating that day.
    pub max: u8,
    /// The average rating that day.
    pub mean: f32,
    /// How many entries.
    pub entries: usize,
}

/// One row of a "how often" list.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    /// The vocabulary id.
    pub id: String,
    /// Entries that name it.
    pub entries: usize,
    /// Average pain in those entries.
    pub mean_pain: f32,
}

/// What the log says about the last `days` days.
#[derive(Debug, Clone, PartialEq)]
pub struct Trends {
    /// The first day of the period.
    pub from: NaiveDate,
    /// The last day (today).
    pub to: NaiveDate,
    /// One slot per day from `from` to `to`; `None` where nothing was logged.
    pub daily: Vec<Option<DayPain>>,
    /// Entries in the period.
    pub entries: usize,
    /// Average of all ratings in the period.
    pub mean_pain: Option<f32>,
    /// Areas, most often logged first.
    pub areas: Vec<Count>,
    /// Triggers, most often logged first.
    pub triggers: Vec<Count>,
    /// Reliefs, most often logged first.
    pub relief: Vec<Count>,
}

impl Trends {
    /// Trends over the `days` days ending with `today` (entries dated after today are left out).
    pub fn compute(entries: &[SymptomEntry], today: NaiveDate, days: u32) -> Trends {
        let days = days.max(1);
        let from = today - Duration::days(i64::from(days) - 1);
        let in_period: Vec<&SymptomEntry> = entries
            .iter()
            .filter(|e| (from..=today).contains(&e.at.date_naive()))
            .collect();

        let mut sums = vec![(0u8, 0u32, 0usize); days as usize];
        for e in &in_period {
            let slot = &mut sums[(e.at.date_naive() - from).num_days() as usize];
            slot.0 = slot.0.max(e.pain);
            slot.1 += u32::from(e.pain);
            slot.2 += 1;
        }
        let daily = sums
            .into_iter()
            .map(|(max, sum, n)| {
                (n > 0).then(|| DayPain {
                    max,
                    mean: sum as f32 / n as f32,
                    entries: n,
                })
            })
            .collect();
        let total: u32 = in_period.iter().map(|e| u32::from(e.pain)).sum();
        Trends {
            from,
            to: today,
            daily,
            entries: in_period.len(),
            mean_pain: (!in_period.is_empty()).then(|| total as f32 / in_period.len() as f32),
            areas: count(&in_period, |e| e.areas),
            triggers: count(&in_period, |e| e.triggers),
            relief: count(&in_period, |e| e.relief),
        }
    }

    /// Days in the period with at least one entry.
    pub fn days_logged(&self) -> usize {
        self.daily.iter().flatten().count()
    }

    /// The worst rating in the period.
    pub fn worst(&self) -> Option<u8> {
        self.daily.iter().flatten().map(|d| d.max).max()
    }
}

/// Counts each id over the entries, most frequent first (ties: higher pain first, then by id).
fn count<K: IdKind>(
    entries: &[&SymptomEntry],
    ids: impl Fn(&SymptomEntry) -> IdSet<K>,
) -> Vec<Count> {
    let mut by_id: HashMap<&str, (usize, u32)> = HashMap::new();
    for e in entries {
        for id in ids(e).iter() {
            let slot = by_id.entry(id).or_default();
            slot.0 += 1;
            slot.1 += u32::from(e.pain);
        }
    }
    let mut counts: Vec<Count> = by_id
        .into_iter()
        .map(|(id, (n, sum))| Count {
            id: id.to_owned(),
            entries: n,
            mean_pain: sum as f32 / n as f32,
        })
        .collect();
    counts.sort_by(|a, b| {
        b.entries
            .cmp(&a.entries)
            .then(b.mean_pain.total_cmp(&a.mean_pain))
            .then_with(|| a.id.cmp(&b.id))
    });
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(
        at: &str,
        pain: u8,
        areas: &[&str],
        triggers: &[&str],
        relief: &[&str],
    ) -> SymptomEntry {
        SymptomEntry {
            edited: None,
            id: format!("id-{at}"),
            at: at.parse().unwrap(),
            pain,
            onset: None,
            areas: IdSet::of(areas),
            symptoms: IdSet::new(),
            denied: IdSet::new(),
            triggers: IdSet::of(triggers),
            relief: IdSet::of(relief),
            note: String::new(),
        }
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn daily_max_and_mean_on_each_entrys_own_day() {
        let log = [
            entry("2026-11-20T08:00:00+01:00", 6, &[], &[], &[]),
            entry("2026-11-20T21:00:00+01:00", 3, &[], &[], &[]),
            entry("2026-11-22T23:30:00-05:00", 8, &[], &[], &[]),
            entry("2026-11-25T07:00:00+01:00", 2, &[], &[], &[]),
        ];
        let t = Trends::compute(&log, day("2026-11-25"), 7);
        assert_eq!((t.from, t.to), (day("2026-11-19"), day("2026-11-25")));
        assert_eq!(t.daily.len(), 7);
        assert_eq!(t.daily[0], None);
        let d = t.daily[1].unwrap();
        assert_eq!((d.max, d.mean, d.entries), (6, 4.5, 2));
        // 23:30 in New York is the 22nd there, whatever the date in Europe.
        assert_eq!(t.daily[3].map(|d| d.max), Some(8));
        assert_eq!(t.daily[6].map(|d| d.max), Some(2));
        assert_eq!((t.entries, t.days_logged(), t.worst()), (4, 3, Some(8)));
        assert_eq!(t.mean_pain, Some(4.75));
    }

    #[test]
    fn entries_outside_the_period_are_left_out() {
        let log = [
            entry("2026-10-26T12:00:00+00:00", 9, &["hip-left"], &[], &[]),
            entry("2026-10-27T12:00:00+00:00", 4, &["lower-back"], &[], &[]),
            entry("2026-11-26T12:00:00+00:00", 7, &["neck"], &[], &[]),
        ];
        let t = Trends::compute(&log, day("2026-11-25"), 30);
        assert_eq!(t.from, day("2026-10-27"));
        assert_eq!(t.entries, 1);
        assert_eq!(t.areas.len(), 1);
        assert_eq!(t.areas[0].id, "lower-back");
        assert_eq!(Trends::compute(&log, day("2026-11-25"), 90).entries, 2);
    }

    #[test]
    fn areas_triggers_and_reliefs_most_common_first_with_their_average_pain() {
        let log = [
            entry(
                "2026-11-20T08:00:00Z",
                6,
                &["lower-back", "hip-left"],
                &["sitting"],
                &["heat"],
            ),
            entry(
                "2026-11-21T08:00:00Z",
                4,
                &["lower-back"],
                &["sitting", "lifting"],
                &["heat"],
            ),
            entry(
                "2026-11-22T08:00:00Z",
                8,
                &["hip-left"],
                &["lifting"],
                &["stretching"],
            ),
            entry(
                "2026-11-23T08:00:00Z",
                2,
                &["lower-back"],
                &[],
                &["heat", "walking"],
            ),
        ];
        let t = Trends::compute(&log, day("2026-11-25"), 30);
        let rows = |c: &[Count]| {
            c.iter()
                .map(|c| (c.id.clone(), c.entries, c.mean_pain))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            rows(&t.areas),
            [("lower-back".into(), 3, 4.0), ("hip-left".into(), 2, 7.0)]
        );
        // A tie in count: the one with worse pain first.
        assert_eq!(
            rows(&t.triggers),
            [("lifting".into(), 2, 6.0), ("sitting".into(), 2, 5.0)]
        );
        assert_eq!(t.relief[0].id, "heat");
        assert_eq!(t.relief[0].entries, 3);
    }

    #[test]
    fn an_empty_log_has_no_averages() {
        let t = Trends::compute(&[], day("2026-11-25"), 90);
        assert_eq!(t.daily.len(), 90);
        assert_eq!((t.entries, t.mean_pain, t.worst()), (0, None, None));
    }
}
