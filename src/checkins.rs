//! The weekly check-in: the PEG (CLINICAL.md), three 0–10 answers — average pain in the past
//! week, how much pain interfered with enjoyment of life, and with general activity — whose mean
//! is the score a doctor recognises. Stored in `checkins.jsonl` through the durable
//! [`JsonlStore`]; an edit appends the same id again (the last line wins).
//!
//! Offering it: at most once a week (nothing in the last 7 days), and a "not now" waits until
//! the next calendar day. Pure: `now` is passed in. The app decides *when* it may ask (never
//! during a session, a form or a due break); this module only says whether it is due.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::store::{Cursor, JsonlStore, Loaded, StoreError, Tail};

mod stream;

pub use stream::CheckinStream;

/// The file's name in the data folder.
pub const FILE: &str = "checkins.jsonl";

/// How often the check-in is offered.
pub const EVERY_DAYS: i64 = 7;

/// A fall in the PEG score of this share (30%) is the usual line for a meaningful improvement.
pub const MEANINGFUL_FALL: f32 = 0.30;

/// One weekly check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkin {
    /// Unique, time-ordered id.
    pub id: String,
    /// When it was answered (local time with offset).
    pub at: DateTime<FixedOffset>,
    /// P: average pain in the past week, 0–10.
    pub pain: u8,
    /// E: how much pain interfered with enjoyment of life, 0–10.
    pub enjoyment: u8,
    /// G: how much pain interfered with general activity, 0–10.
    pub activity: u8,
}

impl Checkin {
    /// The PEG score: the mean of the three answers.
    pub fn score(&self) -> f32 {
        (f32::from(self.pain) + f32::from(self.enjoyment) + f32::from(self.activity)) / 3.0
    }
}

/// The three questions, in plain words, in the order asked.
pub const QUESTIONS: [&str; 3] = [
    "Over the past week, what was your pain on average? (0 none – 10 worst imaginable)",
    "Over the past week, how much did pain get in the way of enjoying life? (0 not at all – 10 completely)",
    "Over the past week, how much did pain get in the way of your general activity? (0 not at all – 10 completely)",
];

/// Which way the PEG score went from the first check-in to the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The score fell: pain got in the way less.
    Better,
    /// The same score.
    Same,
    /// The score rose: worse, whatever the size of the rise.
    Worse,
}

impl Direction {
    /// `better`, `no change` or `worse`, as the report writes it.
    pub fn word(self) -> &'static str {
        match self {
            Direction::Better => "better",
            Direction::Same => "no change",
            Direction::Worse => "worse",
        }
    }
}

/// The change of the PEG score from the first check-in to the last, as it is printed and
/// judged. One rounded percentage is both what a person reads and what is measured against the
/// 30% line: a fall printed as "−30%" is a meaningful improvement, even when the exact share is
/// 29.6%.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PegChange {
    /// The first score, to one decimal as printed.
    pub first: f64,
    /// The last score, to one decimal as printed.
    pub last: f64,
    /// `last − first` of the printed scores (negative: better).
    pub points: f64,
    /// The change as a whole percentage of the first score (negative: better); `None` when the
    /// first score is 0, where a percentage means nothing (the points still tell the change).
    pub percent: Option<i32>,
    /// Which way it went.
    pub direction: Direction,
}

impl PegChange {
    /// Whether the printed percentage is a fall of at least [`MEANINGFUL_FALL`].
    pub fn meaningful_improvement(&self) -> bool {
        let line = (f64::from(MEANINGFUL_FALL) * 100.0).round() as i32;
        self.percent.is_some_and(|p| p <= -line)
    }
}

/// The change from the first of `checkins` to the last; `None` with fewer than two.
pub fn change(checkins: &[Checkin]) -> Option<PegChange> {
    let (first, last) = (checkins.first()?, checkins.last()?);
    if checkins.len() < 2 {
        return None;
    }
    // The sums of the three answers are whole numbers: the share is exact before it is
    // rounded once, for printing and judging alike.
    let sum = |c: &Checkin| i32::from(c.pain) + i32::from(c.enjoyment) + i32::from(c.activity);
    let (a, b) = (sum(first), sum(last));
    let tenth = |s: i32| (f64::from(s) / 3.0 * 10.0).round() / 10.0;
    let percent = (a != 0).then(|| (f64::from(b - a) * 100.0 / f64::from(a)).round() as i32);
    Some(PegChange {
        first: tenth(a),
        last: tenth(b),
        points: ((tenth(b) - tenth(a)) * 10.0).round() / 10.0,
        percent,
        direction: match b.cmp(&a) {
            std::cmp::Ordering::Less => Direction::Better,
            std::cmp::Ordering::Equal => Direction::Same,
            std::cmp::Ordering::Greater => Direction::Worse,
        },
    })
}

/// Whether the check-in should be offered at `now`: none in the last week, and not put off
/// ("not now") earlier today.
pub fn due(
    checkins: &[Checkin],
    declined_on: Option<NaiveDate>,
    now: DateTime<FixedOffset>,
) -> bool {
    if declined_on.is_some_and(|d| d >= now.date_naive()) {
        return false;
    }
    // A check-in dated after now (a clock that ran fast, a copy from another machine) counts as
    // recent: asking again would only nag.
    !checkins
        .iter()
        .any(|c| c.at > now - Duration::days(EVERY_DAYS))
}

/// A line of the file: a check-in, or the tombstone of one taken back.
#[derive(Debug, Clone, Deserialize)]
struct Line {
    id: String,
    #[serde(default)]
    deleted: bool,
    at: Option<DateTime<FixedOffset>>,
    pain: Option<u8>,
    enjoyment: Option<u8>,
    activity: Option<u8>,
}

/// `checkins.jsonl` in a data folder.
#[derive(Debug, Clone)]
pub struct CheckinLog {
    store: JsonlStore,
}

impl CheckinLog {
    /// The check-ins in `data_dir`.
    pub fn new(data_dir: &Path) -> CheckinLog {
        CheckinLog {
            store: JsonlStore::new(data_dir, FILE),
        }
    }

    /// The underlying store (for its paths and warnings).
    pub fn store(&self) -> &JsonlStore {
        &self.store
    }

    /// Appends a check-in durably.
    pub fn save(&self, checkin: &Checkin) -> Result<(), StoreError> {
        self.store.append(checkin)
    }

    /// Every check-in in time order (the last line of an id wins; tombstones remove); lines
    /// that cannot be read are kept aside and reported, like the other files.
    pub fn load(&self) -> Result<Loaded<Checkin>, StoreError> {
        Ok(fold(self.store.load_checked(check_line)?))
    }

    /// Reads what was appended since `cursor` (see [`JsonlStore::follow`]): each appended
    /// line as (id, the check-in or `None` for a tombstone), or every check-in when the file
    /// was replaced or shrank.
    pub fn follow(
        &self,
        cursor: &mut Cursor,
    ) -> Result<Tail<(String, Option<Checkin>)>, StoreError> {
        Ok(match self.store.follow_checked(cursor, check_line)? {
            Tail::Whole(loaded) => {
                let Loaded {
                    records,
                    rejected,
                    notes,
                } = fold(loaded);
                Tail::Whole(Loaded {
                    records: records
                        .into_iter()
                        .map(|c| (c.id.clone(), Some(c)))
                        .collect(),
                    rejected,
                    notes,
                })
            }
            Tail::Appended(Loaded {
                records,
                rejected,
                notes,
            }) => Tail::Appended(Loaded {
                records: records
                    .into_iter()
                    .map(|l| (l.id.clone(), into_checkin(&l)))
                    .collect(),
                rejected,
                notes,
            }),
        })
    }
}

/// Applies check-ins read while following (see [`CheckinLog::follow`]) to `checkins` (in time
/// order): a check-in replaces the one with its id, a tombstone removes it.
pub fn apply(checkins: &mut Vec<Checkin>, changes: Vec<(String, Option<Checkin>)>) {
    for (id, checkin) in changes {
        checkins.retain(|c| c.id != id);
        if let Some(c) = checkin {
            let at = checkins.partition_point(|x| (x.at, &x.id) <= (c.at, &c.id));
            checkins.insert(at, c);
        }
    }
}

/// What a line of `checkins.jsonl` must hold.
fn check_line(line: &Line) -> Option<String> {
    let answer = |v: Option<u8>| v.is_some_and(|v| v <= 10);
    let complete = line.deleted
        || (line.at.is_some()
            && answer(line.pain)
            && answer(line.enjoyment)
            && answer(line.activity));
    crate::id::check(&line.id).or_else(|| {
        (!complete).then(|| {
            "a check-in needs `at` and `pain`, `enjoyment`, `activity` from 0 to 10".to_owned()
        })
    })
}

/// The check-in a line holds (`None` for a tombstone).
fn into_checkin(l: &Line) -> Option<Checkin> {
    if l.deleted {
        return None;
    }
    Some(Checkin {
        id: l.id.clone(),
        at: l.at?,
        pain: l.pain?,
        enjoyment: l.enjoyment?,
        activity: l.activity?,
    })
}

/// The lines folded: the last line of an id wins, tombstones remove; in time order.
fn fold(loaded: Loaded<Line>) -> Loaded<Checkin> {
    let Loaded {
        records,
        rejected,
        notes,
    } = loaded;
    let mut last: HashMap<&str, usize> = HashMap::with_capacity(records.len());
    for (i, line) in records.iter().enumerate() {
        last.insert(line.id.as_str(), i);
    }
    let mut checkins: Vec<Checkin> = last
        .into_values()
        .filter_map(|i| into_checkin(&records[i]))
        .collect();
    checkins.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    Loaded {
        records: checkins,
        rejected,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        s.parse().unwrap()
    }

    fn checkin(day: &str, p: u8, e: u8, g: u8) -> Checkin {
        let at = at(&format!("{day}T09:00:00+01:00"));
        Checkin {
            id: crate::id::new_id(at.timestamp_millis()),
            at,
            pain: p,
            enjoyment: e,
            activity: g,
        }
    }

    #[test]
    fn the_score_is_the_mean_and_change_is_against_the_first() {
        let a = checkin("2026-10-01", 6, 6, 6);
        let b = checkin("2026-11-01", 4, 4, 4);
        assert_eq!(a.score(), 6.0);
        let c = change(&[a.clone(), b]).unwrap();
        assert_eq!(
            (c.percent, c.points, c.direction),
            (Some(-33), -2.0, Direction::Better)
        );
        assert!(c.meaningful_improvement());
        assert_eq!(change(&[a]), None, "one check-in is no change");
    }

    /// The change of the sums of answers `from` → `to` (a single answer carries the sum).
    fn change_of(from: u8, to: u8) -> PegChange {
        let one = |day, sum: u8| {
            checkin(
                day,
                sum.min(10),
                sum.saturating_sub(10).min(10),
                sum.saturating_sub(20),
            )
        };
        change(&[one("2026-10-01", from), one("2026-11-01", to)]).unwrap()
    }

    #[test]
    fn a_fall_is_judged_on_the_percentage_it_prints() {
        // 27 → 19 is −29.6%: printed −30%, so it meets the 30% line.
        let c = change_of(27, 19);
        assert_eq!(c.percent, Some(-30));
        assert!(c.meaningful_improvement());
        // Its nearest miss: 17 → 12 is −29.4%, printed −29%: short of it.
        let c = change_of(17, 12);
        assert_eq!(c.percent, Some(-29));
        assert!(!c.meaningful_improvement());
        assert_eq!(c.direction, Direction::Better);
    }

    #[test]
    fn a_rise_is_worse_and_a_first_score_of_0_still_shows_the_points() {
        let c = change_of(12, 15);
        assert_eq!((c.percent, c.direction), (Some(25), Direction::Worse));
        assert!(!c.meaningful_improvement());
        let c = change_of(0, 7);
        assert_eq!((c.percent, c.points), (None, 2.3), "no percentage of 0");
        assert_eq!(c.direction, Direction::Worse);
        let c = change_of(0, 0);
        assert_eq!(
            (c.percent, c.points, c.direction),
            (None, 0.0, Direction::Same)
        );
        let c = change_of(9, 9);
        assert_eq!((c.percent, c.direction), (Some(0), Direction::Same));
    }

    #[test]
    fn offered_once_a_week_and_not_now_waits_a_day() {
        let done = [checkin("2026-11-20", 5, 5, 5)];
        assert!(!due(&done, None, at("2026-11-26T09:00:00+01:00")));
        assert!(due(&done, None, at("2026-11-27T09:01:00+01:00")));
        let declined = Some(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
        assert!(!due(&done, declined, at("2026-11-27T21:00:00+01:00")));
        assert!(due(&done, declined, at("2026-11-28T08:00:00+01:00")));
        assert!(due(&[], None, at("2026-11-28T08:00:00+01:00")));
    }

    #[test]
    fn saved_check_ins_load_back_in_time_order_and_bad_lines_are_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        let log = CheckinLog::new(dir.path());
        let late = checkin("2026-11-20", 5, 6, 7);
        let early = checkin("2026-11-01", 7, 7, 7);
        log.save(&late).unwrap();
        log.save(&early).unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(log.store().path())
            .and_then(|mut f| {
                std::io::Write::write_all(
                    &mut f,
                    b"{\"id\":\"01KAW3J8V4S9M2Q6C7D1E5F0GH\",\"pain\":11}\n",
                )
            })
            .unwrap();
        let loaded = log.load().unwrap();
        assert_eq!(loaded.records, [early, late]);
        assert_eq!(loaded.rejected.len(), 1);
    }
}
