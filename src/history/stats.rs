//! What the History screen shows, computed from the session records: which days had sessions,
//! the current and best streak, this week's minutes by kind, and per routine how pain changed
//! from before to after. Pure: the records and "today" are passed in.
//!
//! Decisions: a session belongs to the calendar day it started on, in the offset it was recorded
//! with. A day counts towards a streak when at least one session was completed that day (a
//! stopped one is still marked on the calendar). The current streak is still alive when today
//! has nothing yet but yesterday counted. Weeks run Monday to Sunday.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};

use super::SessionRecord;
use crate::routine::Kind;

/// How a day looks on the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DayMark {
    /// Only stopped sessions.
    Stopped,
    /// At least one completed session.
    Completed,
}

/// Active minutes in one week, by kind of routine.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WeekTime {
    /// Seconds of stretching.
    pub stretch: u64,
    /// Seconds of heat.
    pub heat: u64,
    /// Seconds of posture breaks.
    pub posture_break: u64,
}

/// Fewer sessions rated before and after than this and a routine's change is "too few to
/// tell": the History tab and the report use this one threshold.
pub const TOO_FEW: usize = 5;

/// How one routine went on average.
#[derive(Debug, Clone, PartialEq)]
pub struct RoutineEffect {
    /// The routine's id.
    pub routine: String,
    /// Sessions recorded (completed or stopped).
    pub sessions: usize,
    /// Sessions rated both before and after.
    pub rated: usize,
    /// Average pain before, over the rated sessions.
    pub before: f32,
    /// Average pain after, over the rated sessions.
    pub after: f32,
}

impl RoutineEffect {
    /// Average change after − before (negative: pain went down).
    pub fn change(&self) -> Option<f32> {
        (self.rated > 0).then_some(self.after - self.before)
    }
}

/// Everything the History screen shows.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryStats {
    /// Days with at least one session.
    pub days: BTreeMap<NaiveDate, DayMark>,
    /// Completed days in a row up to today (or yesterday, if today has none yet).
    pub current_streak: u32,
    /// The longest run of completed days.
    pub best_streak: u32,
    /// The Monday of this week.
    pub week_start: NaiveDate,
    /// Time this week.
    pub week: WeekTime,
    /// Per routine, the ones that helped most first; routines never rated come last.
    pub routines: Vec<RoutineEffect>,
}

impl HistoryStats {
    /// Statistics over `sessions` as of `today`.
    pub fn compute(sessions: &[SessionRecord], today: NaiveDate) -> HistoryStats {
        let mut days = BTreeMap::new();
        for s in sessions {
            // Only a session with every step done makes a day count; the rest show as tried.
            let mark = if s.done() {
                DayMark::Completed
            } else {
                DayMark::Stopped
            };
            let slot = days.entry(s.started.date_naive()).or_insert(mark);
            *slot = (*slot).max(mark);
        }
        let done = |d: &NaiveDate| days.get(d) == Some(&DayMark::Completed);

        let mut best_streak = 0;
        let mut run = 0;
        let mut previous: Option<NaiveDate> = None;
        for day in days.keys().filter(|d| done(d)) {
            run = match previous {
                Some(p) if *day - p == Duration::days(1) => run + 1,
                _ => 1,
            };
            best_streak = best_streak.max(run);
            previous = Some(*day);
        }
        let mut current_streak = 0;
        let mut day = if done(&today) {
            today
        } else {
            today - Duration::days(1)
        };
        while done(&day) {
            current_streak += 1;
            day -= Duration::days(1);
        }

        let week_start = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
        let mut week = WeekTime::default();
        for s in sessions {
            let d = s.started.date_naive();
            if d < week_start || d > today {
                continue;
            }
            let slot = match s.kind {
                Kind::Stretch => &mut week.stretch,
                Kind::Heat => &mut week.heat,
                Kind::PostureBreak => &mut week.posture_break,
            };
            *slot += s.active_seconds;
        }

        HistoryStats {
            days,
            current_streak,
            best_streak,
            week_start,
            week,
            routines: effects(sessions),
        }
    }
}

/// What a routine's sessions add up to: how many, how many rated before and after, and the
/// sums of those ratings (the History tab and the report both work their averages from it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Sessions of the routine.
    pub sessions: usize,
    /// Those with a pain rating before and after.
    pub rated: usize,
    /// The sum of the ratings before, over the rated ones.
    pub before: u32,
    /// The sum of the ratings after, over the rated ones.
    pub after: u32,
}

/// `sessions` added up per routine, by routine id.
pub fn tally<'a>(
    sessions: impl IntoIterator<Item = &'a SessionRecord>,
) -> BTreeMap<&'a str, Tally> {
    let mut by_routine: BTreeMap<&str, Tally> = BTreeMap::new();
    for s in sessions {
        let slot = by_routine.entry(s.routine.as_str()).or_default();
        slot.sessions += 1;
        if let (Some(before), Some(after)) = (s.pain_before, s.pain_after) {
            slot.rated += 1;
            slot.before += u32::from(before);
            slot.after += u32::from(after);
        }
    }
    by_routine
}

fn effects(sessions: &[SessionRecord]) -> Vec<RoutineEffect> {
    let by_routine = tally(sessions);
    let mut effects: Vec<RoutineEffect> = by_routine
        .into_iter()
        .map(|(routine, t)| {
            let Tally {
                sessions,
                rated,
                before,
                after,
            } = t;
            let mean = |sum: u32| {
                if rated == 0 {
                    0.0
                } else {
                    sum as f32 / rated as f32
                }
            };
            RoutineEffect {
                routine: routine.to_owned(),
                sessions,
                rated,
                before: mean(before),
                after: mean(after),
            }
        })
        .collect();
    effects.sort_by(|a, b| {
        helps_first(
            (a.change().map(f64::from), a.sessions, &a.routine),
            (b.change().map(f64::from), b.sessions, &b.routine),
        )
    });
    effects
}

/// The order routines are listed in by what they do for pain, each as (mean change, sessions,
/// id): the largest fall first, then those without a change by how often they were done, ties
/// by id. The History tab and the report list them the same way.
pub fn helps_first(
    (change_a, sessions_a, a): (Option<f64>, usize, &str),
    (change_b, sessions_b, b): (Option<f64>, usize, &str),
) -> std::cmp::Ordering {
    match (change_a, change_b) {
        (Some(x), Some(y)) => x.total_cmp(&y).then_with(|| a.cmp(b)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => sessions_b.cmp(&sessions_a).then_with(|| a.cmp(b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::SessionOutcome;

    fn session(
        routine: &str,
        kind: Kind,
        started: &str,
        minutes: u64,
        outcome: SessionOutcome,
        pain: Option<(u8, u8)>,
    ) -> SessionRecord {
        let started: chrono::DateTime<chrono::FixedOffset> = started.parse().unwrap();
        SessionRecord {
            id: format!("{routine}-{started}"),
            routine: routine.into(),
            kind,
            started,
            ended: started + Duration::minutes(minutes as i64),
            active_seconds: minutes * 60,
            outcome,
            steps_done: 1,
            steps_total: 1,
            pain_before: pain.map(|p| p.0),
            pain_after: pain.map(|p| p.1),
        }
    }

    fn done(day: &str) -> SessionRecord {
        session(
            "lower-back-release",
            Kind::Stretch,
            &format!("{day}T08:00:00+01:00"),
            10,
            SessionOutcome::Completed,
            None,
        )
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn streaks_count_completed_days_in_a_row() {
        let mut log: Vec<SessionRecord> = ["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04"]
            .iter()
            .chain(&["2026-11-10", "2026-11-22", "2026-11-23", "2026-11-24"])
            .map(|d| done(d))
            .collect();
        // A second session on a day does not count twice.
        log.push(done("2026-11-24"));
        let stats = HistoryStats::compute(&log, day("2026-11-25"));
        assert_eq!(stats.best_streak, 4);
        // Nothing yet today: the streak from yesterday is still alive.
        assert_eq!(stats.current_streak, 3);
        assert_eq!(
            HistoryStats::compute(&log, day("2026-11-26")).current_streak,
            0
        );
        log.push(done("2026-11-25"));
        assert_eq!(
            HistoryStats::compute(&log, day("2026-11-25")).current_streak,
            4
        );
    }

    #[test]
    fn a_stopped_session_marks_the_day_but_does_not_keep_a_streak() {
        let log = [
            done("2026-11-23"),
            session(
                "heat-pack",
                Kind::Heat,
                "2026-11-24T20:00:00+01:00",
                3,
                SessionOutcome::Stopped,
                None,
            ),
            done("2026-11-25"),
        ];
        let stats = HistoryStats::compute(&log, day("2026-11-25"));
        assert_eq!(stats.days[&day("2026-11-24")], DayMark::Stopped);
        assert_eq!(stats.days[&day("2026-11-25")], DayMark::Completed);
        assert_eq!((stats.current_streak, stats.best_streak), (1, 1));
    }

    #[test]
    fn the_day_is_the_one_the_session_started_on_in_its_own_offset() {
        let log = [session(
            "x",
            Kind::Stretch,
            "2026-11-24T23:50:00-08:00",
            20,
            SessionOutcome::Completed,
            None,
        )];
        let stats = HistoryStats::compute(&log, day("2026-11-25"));
        assert!(stats.days.contains_key(&day("2026-11-24")));
    }

    #[test]
    fn this_weeks_minutes_by_kind_from_monday() {
        let c = SessionOutcome::Completed;
        let log = [
            // Sunday before: another week.
            session("a", Kind::Stretch, "2026-11-22T09:00:00+01:00", 30, c, None),
            session("a", Kind::Stretch, "2026-11-23T09:00:00+01:00", 10, c, None),
            session("h", Kind::Heat, "2026-11-24T09:00:00+01:00", 15, c, None),
            session(
                "a",
                Kind::Stretch,
                "2026-11-25T09:00:00+01:00",
                5,
                SessionOutcome::Stopped,
                None,
            ),
            session(
                "p",
                Kind::PostureBreak,
                "2026-11-25T11:00:00+01:00",
                1,
                c,
                None,
            ),
        ];
        let stats = HistoryStats::compute(&log, day("2026-11-25"));
        assert_eq!(stats.week_start, day("2026-11-23"));
        assert_eq!(
            stats.week,
            WeekTime {
                stretch: 15 * 60,
                heat: 15 * 60,
                posture_break: 60
            }
        );
    }

    #[test]
    fn per_routine_pain_change_what_helps_most_first() {
        let c = SessionOutcome::Completed;
        let at = "2026-11-20T09:00:00+01:00";
        let log = [
            session("desk-stretch", Kind::Stretch, at, 4, c, Some((5, 4))),
            session("heat-pack", Kind::Heat, at, 15, c, Some((6, 3))),
            session("heat-pack", Kind::Heat, at, 15, c, Some((7, 5))),
            // Not rated: counted as a session, left out of the averages.
            session("heat-pack", Kind::Heat, at, 15, c, None),
            session("evening-wind-down", Kind::Stretch, at, 7, c, None),
        ];
        let stats = HistoryStats::compute(&log, day("2026-11-25"));
        let rows: Vec<_> = stats
            .routines
            .iter()
            .map(|r| (r.routine.as_str(), r.sessions, r.rated, r.change()))
            .collect();
        assert_eq!(
            rows,
            [
                ("heat-pack", 3, 2, Some(-2.5)),
                ("desk-stretch", 1, 1, Some(-1.0)),
                ("evening-wind-down", 1, 0, None),
            ]
        );
        assert_eq!(
            (stats.routines[0].before, stats.routines[0].after),
            (6.5, 4.0)
        );
    }
}
