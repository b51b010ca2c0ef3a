//! The daily plan (`[[plan]]` in the config): which routines are meant for today, which are done,
//! and how many days in a row every planned routine was done. Pure: sessions and today passed in.
//!
//! A planned routine counts as done on a day when a session of it was done that day, by the one
//! rule for "done" ([`SessionRecord::done`]: every step done; a session with every step skipped
//! is not done). A day
//! with nothing planned neither extends nor breaks the streak. The current streak stays alive
//! until today is over.

use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};

use crate::config::PlanEntry;
use crate::history::SessionRecord;

/// One planned routine for today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// The routine's id.
    pub routine: String,
    /// The time of day it is meant for, if any.
    pub time: Option<NaiveTime>,
    /// Done today ([`SessionRecord::done`]).
    pub done: bool,
}

/// Today's plan and the streak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Today {
    /// Today's planned routines, by time (untimed last), in config order otherwise.
    pub items: Vec<Planned>,
    /// Days in a row on which every planned routine was done.
    pub streak: u32,
}

fn planned_on(plan: &[PlanEntry], day: NaiveDate) -> impl Iterator<Item = &PlanEntry> {
    plan.iter().filter(move |p| p.days.contains(&day.weekday()))
}

/// How far back the streak looks.
const STREAK_DAYS: i64 = 366;

/// The plan as of `today`.
pub fn today(plan: &[PlanEntry], sessions: &[SessionRecord], today: NaiveDate) -> Today {
    today_with(
        |day| {
            planned_on(plan, day)
                .map(|p| (p.routine.clone(), p.time))
                .collect()
        },
        sessions,
        today,
    )
}

/// Today's list and streak for any plan: `planned_on` names the routines (and times) of a day.
/// A running programme uses this with its own schedule. `sessions` are oldest first (as
/// loaded), so only the last year of them is read: the cost does not grow with years of
/// history.
pub fn today_with(
    planned_on: impl Fn(NaiveDate) -> Vec<(String, Option<NaiveTime>)>,
    sessions: &[SessionRecord],
    today: NaiveDate,
) -> Today {
    let from = today - Duration::days(STREAK_DAYS + 1);
    let recent = &sessions[sessions.partition_point(|s| s.started.date_naive() < from)..];
    // Routines completed, by day: one pass over the last year.
    let done: HashSet<(&str, NaiveDate)> = recent
        .iter()
        .filter(|s| s.done())
        .map(|s| (s.routine.as_str(), s.started.date_naive()))
        .collect();
    let done_on = |routine: &str, day: NaiveDate| done.contains(&(routine, day));
    let mut items: Vec<Planned> = planned_on(today)
        .into_iter()
        .map(|(routine, time)| Planned {
            done: done_on(&routine, today),
            routine,
            time,
        })
        .collect();
    items.sort_by_key(|p| p.time.is_none());
    let all_done = |day: NaiveDate| {
        let planned = planned_on(day);
        (!planned.is_empty()).then(|| planned.iter().all(|(routine, _)| done_on(routine, day)))
    };
    let mut streak = 0;
    let mut day = today;
    if all_done(today) != Some(true) {
        day -= Duration::days(1);
    }
    // Look back at most a year (and stop at the first day with a plan left undone).
    for _ in 0..STREAK_DAYS {
        match all_done(day) {
            Some(true) => streak += 1,
            Some(false) => break,
            None => {}
        }
        day -= Duration::days(1);
    }
    Today { items, streak }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::history::SessionOutcome;
    use crate::routine::Kind;

    fn done(routine: &str, day: &str) -> SessionRecord {
        let started = format!("{day}T08:00:00+01:00").parse().unwrap();
        SessionRecord {
            id: format!("{routine}{day}"),
            routine: routine.into(),
            kind: Kind::Stretch,
            started,
            ended: started,
            active_seconds: 300,
            outcome: SessionOutcome::Completed,
            steps_done: 5,
            steps_total: 5,
            pain_before: None,
            pain_after: None,
        }
    }

    #[test]
    fn todays_plan_marks_what_is_done_and_counts_full_days() {
        let plan = Config::default().plan;
        let day = |d: &str| d.parse::<NaiveDate>().unwrap();
        let mut sessions = vec![
            done("morning-mobility", "2026-11-22"),
            done("lower-back-release", "2026-11-22"),
            done("morning-mobility", "2026-11-23"),
            done("lower-back-release", "2026-11-23"),
            done("morning-mobility", "2026-11-24"),
            done("lower-back-release", "2026-11-24"),
            done("morning-mobility", "2026-11-25"),
        ];
        let t = today(&plan, &sessions, day("2026-11-25"));
        assert_eq!(
            t.items
                .iter()
                .map(|p| (p.routine.as_str(), p.done))
                .collect::<Vec<_>>(),
            [("morning-mobility", true), ("lower-back-release", false)]
        );
        assert_eq!(t.streak, 3, "today is not over");
        sessions.push(done("lower-back-release", "2026-11-25"));
        assert_eq!(today(&plan, &sessions, day("2026-11-25")).streak, 4);
        assert_eq!(
            today(&plan, &sessions, day("2026-11-27")).streak,
            0,
            "a day missed"
        );
        // A stopped session does not count.
        let mut stopped = done("lower-back-release", "2026-11-21");
        stopped.outcome = SessionOutcome::Stopped;
        let t = today(&plan, &[stopped], day("2026-11-21"));
        assert!(
            t.items
                .iter()
                .any(|p| p.routine == "lower-back-release" && !p.done)
        );
        // Nor does one that ran to the end with every step skipped.
        let mut skipped = done("lower-back-release", "2026-11-21");
        skipped.outcome = SessionOutcome::Partial;
        skipped.steps_done = 0;
        let t = today(&plan, &[skipped], day("2026-11-21"));
        assert!(
            t.items
                .iter()
                .any(|p| p.routine == "lower-back-release" && !p.done)
        );
    }
}
