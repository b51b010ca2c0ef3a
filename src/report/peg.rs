//! The weekly check-in section: each PEG check-in (pain, enjoyment of life, general activity)
//! in the period, and whether the score fell far enough to count as a meaningful improvement.

use super::common::r1;
use super::{CheckinOut, CheckinsOut, Period};
use crate::checkins::{self, Checkin, MEANINGFUL_FALL};

pub(super) fn checkins_out(all: &[Checkin], period: Period) -> CheckinsOut {
    let items: Vec<Checkin> = all
        .iter()
        .filter(|c| period.contains(c.at))
        .cloned()
        .collect();
    let change = checkins::change(&items);
    CheckinsOut {
        items: items
            .iter()
            .map(|c| CheckinOut {
                at: c.at,
                pain: c.pain,
                enjoyment: c.enjoyment,
                activity: c.activity,
                score: r1(f64::from(c.score())),
            })
            .collect(),
        change_percent: change.map(|c| (f64::from(c) * 100.0).round()),
        meaningful_improvement: change.map(|c| c <= -MEANINGFUL_FALL),
    }
}
