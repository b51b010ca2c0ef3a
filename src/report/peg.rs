//! The weekly check-in section: each PEG check-in (pain, enjoyment of life, general activity)
//! in the period, which way the score went, and whether it fell far enough to count as a
//! meaningful improvement (judged on the percentage as printed: see [`checkins::PegChange`]).

use super::common::r1;
use super::{CheckinOut, CheckinsOut, Period};
use crate::checkins::{self, Checkin};

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
        change_percent: change.and_then(|c| c.percent).map(f64::from),
        change_points: change.map(|c| c.points),
        direction: change.map(|c| c.direction.word()),
        meaningful_improvement: change.map(|c| c.meaningful_improvement()),
    }
}
