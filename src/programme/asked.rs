//! What Today asked of each day, and on how many days all of it was done: the report's plan
//! adherence.
//!
//! A day asks what Today showed that day: the flare plan's routines while it was on; the running
//! programme's routines from its first day; otherwise the config's `[[plan]]`, from the day of
//! the first session ever recorded (the plan is a default every install has, so a log of symptom
//! entries alone asks nothing). The programme's records are read as they stood at the end of each
//! day. Days on which nothing was asked (rest days, days before anything started) are not
//! counted. A day counts as done when every routine asked was done that day, by the one rule
//! for "done" ([`SessionRecord::done`]). Pure.

use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate};

use super::file::ProgrammeLibrary;
use super::schedule;
use super::state::{ProgrammeRecord, ProgrammeState};
use crate::config::PlanEntry;
use crate::history::SessionRecord;

/// Days on which Today asked for something, and on how many all of it was done.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Adherence {
    /// Days with at least one routine asked.
    pub days_asked: usize,
    /// Of those, the days on which every routine asked was done.
    pub days_done: usize,
}

/// What the adherence is read from.
#[derive(Debug, Clone, Copy)]
pub struct Asked<'a> {
    /// Every programme.
    pub programmes: &'a ProgrammeLibrary,
    /// The programme's records, in file order.
    pub records: &'a [ProgrammeRecord],
    /// The config's `[[plan]]`.
    pub plan: &'a [PlanEntry],
    /// Every session, any order.
    pub sessions: &'a [SessionRecord],
}

impl Asked<'_> {
    /// The routines Today asked of `day`, given the programme `state` at the end of that day and
    /// the first day of the `[[plan]]`.
    fn on(
        &self,
        state: &ProgrammeState,
        plan_from: Option<NaiveDate>,
        day: NaiveDate,
    ) -> Vec<String> {
        match schedule::day(self.programmes, state, day) {
            Some(d) => d.due.into_iter().map(|due| due.routine).collect(),
            None if plan_from.is_some_and(|from| day >= from) => self
                .plan
                .iter()
                .filter(|p| p.days.contains(&day.weekday()))
                .map(|p| p.routine.clone())
                .collect(),
            None => Vec::new(),
        }
    }

    /// The adherence over the days `first..=last`.
    pub fn adherence(&self, first: NaiveDate, last: NaiveDate) -> Adherence {
        let mut out = Adherence::default();
        let plan_from = self.sessions.iter().map(|s| s.started.date_naive()).min();
        // Nothing is asked before the first session or the first programme record: start there
        // (a period "since the beginning" does not walk from year 1).
        let Some(earliest) = self
            .records
            .iter()
            .map(ProgrammeRecord::effective_day)
            .chain(plan_from)
            .min()
        else {
            return out;
        };
        let first = first.max(earliest);
        if first > last {
            return out;
        }
        let done: HashSet<(&str, NaiveDate)> = self
            .sessions
            .iter()
            .filter(|s| s.done())
            .map(|s| (s.routine.as_str(), s.started.date_naive()))
            .filter(|(_, day)| (first..=last).contains(day))
            .collect();
        // The state changes only on days with a record: fold again on those days alone.
        let mut changes: Vec<NaiveDate> = self
            .records
            .iter()
            .map(ProgrammeRecord::effective_day)
            .collect();
        changes.sort_unstable();
        changes.dedup();
        let mut next_change = changes.partition_point(|d| *d <= first);
        let mut state = ProgrammeState::fold_through(self.records, first);
        let mut day = first;
        while day <= last {
            if changes.get(next_change) == Some(&day) {
                state = ProgrammeState::fold_through(self.records, day);
                next_change += 1;
            }
            let asked = self.on(&state, plan_from, day);
            if !asked.is_empty() {
                out.days_asked += 1;
                if asked.iter().all(|r| done.contains(&(r.as_str(), day))) {
                    out.days_done += 1;
                }
            }
            day += Duration::days(1);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::history::SessionOutcome;
    use crate::programme::state::{FlareChange, ProgrammeRecord};
    use crate::routine::{Kind, Library};

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn session(
        routine: &str,
        on: &str,
        outcome: SessionOutcome,
        steps_done: usize,
    ) -> SessionRecord {
        let started = format!("{on}T08:00:00+01:00").parse().unwrap();
        SessionRecord {
            id: format!("{routine}{on}"),
            routine: routine.into(),
            kind: Kind::Stretch,
            started,
            ended: started,
            active_seconds: 300,
            outcome,
            steps_done,
            steps_total: 4,
            pain_before: None,
            pain_after: None,
        }
    }

    fn done(routine: &str, on: &str) -> SessionRecord {
        session(routine, on, SessionOutcome::Completed, 4)
    }

    fn start(on: &str, start_date: &str) -> ProgrammeRecord {
        ProgrammeRecord::Start {
            id: on.into(),
            at: format!("{on}T07:00:00+01:00").parse().unwrap(),
            programme: "steady-back".into(),
            start_date: day(start_date),
        }
    }

    fn adherence(
        records: &[ProgrammeRecord],
        sessions: &[SessionRecord],
        first: &str,
        last: &str,
    ) -> Adherence {
        let programmes = ProgrammeLibrary::load(&[], &Library::load(&[]));
        let config = Config::default();
        Asked {
            programmes: &programmes,
            records,
            plan: &config.plan,
            sessions,
        }
        .adherence(day(first), day(last))
    }

    /// Steady back's first week, followed in full: Monday 2 Nov to Saturday 7 Nov 2026.
    fn six_days() -> Vec<SessionRecord> {
        let mut s = Vec::new();
        for (on, routines) in [
            (
                "2026-11-02",
                ["morning-mobility", "core-starter"].as_slice(),
            ),
            ("2026-11-03", &["morning-mobility", "desk-stretch"]),
            ("2026-11-04", &["morning-mobility", "core-starter"]),
            ("2026-11-05", &["morning-mobility", "desk-stretch"]),
            ("2026-11-06", &["morning-mobility", "core-starter"]),
            ("2026-11-07", &["hips-and-glutes"]),
        ] {
            s.extend(routines.iter().map(|r| done(r, on)));
        }
        s
    }

    #[test]
    fn a_programme_followed_for_six_days_reads_six_of_six_from_its_first_day() {
        let records = [start("2026-11-02", "2026-11-02")];
        // The period starts a month before the programme: those days asked nothing.
        let a = adherence(&records, &six_days(), "2026-10-01", "2026-11-07");
        assert_eq!(
            a,
            Adherence {
                days_asked: 6,
                days_done: 6
            }
        );
        // The `[[plan]]`'s routines (lower back release every day) were never asked meanwhile.
        let mut missed = six_days();
        missed.retain(|s| {
            !(s.routine == "desk-stretch" && s.started.date_naive() == day("2026-11-05"))
        });
        assert_eq!(
            adherence(&records, &missed, "2026-10-01", "2026-11-07"),
            Adherence {
                days_asked: 6,
                days_done: 5
            }
        );
    }

    #[test]
    fn the_plan_counts_from_the_first_session_and_a_log_alone_asks_nothing() {
        assert_eq!(
            adherence(&[], &[], "2026-09-01", "2026-11-29"),
            Adherence::default(),
            "no session ever: the default plan was never started"
        );
        // The default plan: morning mobility and lower back release, every day.
        let sessions = [
            done("morning-mobility", "2026-11-20"),
            done("lower-back-release", "2026-11-20"),
            done("morning-mobility", "2026-11-21"),
        ];
        assert_eq!(
            adherence(&[], &sessions, "2026-09-01", "2026-11-22"),
            Adherence {
                days_asked: 3,
                days_done: 1
            }
        );
    }

    #[test]
    fn a_stopped_programme_gives_way_to_the_plan_and_a_flare_to_its_routines() {
        let stop = ProgrammeRecord::Stop {
            id: "stop".into(),
            at: "2026-11-04T20:00:00+01:00".parse().unwrap(),
        };
        let mut sessions = six_days();
        sessions.truncate(6); // Mon to Wed
        sessions.push(done("lower-back-release", "2026-11-05"));
        sessions.push(done("morning-mobility", "2026-11-05"));
        let records = [start("2026-11-02", "2026-11-02"), stop.clone()];
        assert_eq!(
            adherence(&records, &sessions, "2026-11-01", "2026-11-05"),
            Adherence {
                days_asked: 4,
                days_done: 4
            },
            "Mon–Wed the programme, Thu the plan"
        );
        let flare = ProgrammeRecord::Flare(FlareChange {
            id: "flare".into(),
            at: "2026-11-05T07:00:00+01:00".parse().unwrap(),
            on: true,
            from_pain: Some(7),
            reason: "pain 7".into(),
        });
        let records = [start("2026-11-02", "2026-11-02"), stop, flare];
        assert_eq!(
            adherence(&records, &sessions, "2026-11-01", "2026-11-05"),
            Adherence {
                days_asked: 4,
                days_done: 3
            },
            "Thu asked the flare plan's routines, not done"
        );
    }

    #[test]
    fn a_day_counts_only_what_was_done_by_the_one_rule() {
        let records = [start("2026-11-02", "2026-11-02")];
        let mut sessions = vec![done("morning-mobility", "2026-11-02")];
        // Every step skipped: ran to the end, but nothing was done.
        sessions.push(session(
            "core-starter",
            "2026-11-02",
            SessionOutcome::Partial,
            0,
        ));
        assert_eq!(
            adherence(&records, &sessions, "2026-11-02", "2026-11-02"),
            Adherence {
                days_asked: 1,
                days_done: 0
            }
        );
    }

    #[test]
    fn a_programme_whose_first_day_is_to_come_asks_nothing_before_it() {
        let records = [start("2026-11-02", "2026-11-09")];
        assert_eq!(
            adherence(&records, &six_days(), "2026-11-02", "2026-11-08"),
            Adherence {
                days_asked: 7,
                days_done: 0
            },
            "the plan asked (lower back release daily), as Today showed"
        );
    }

    #[test]
    fn a_programme_started_from_a_past_day_asks_from_that_day() {
        // Started on Saturday 7 Nov with Monday 2 Nov as its first day.
        let records = [start("2026-11-07", "2026-11-02")];
        assert_eq!(
            adherence(&records, &six_days(), "2026-10-01", "2026-11-07"),
            Adherence {
                days_asked: 6,
                days_done: 6
            }
        );
        let state = ProgrammeState::fold(&records, None);
        assert_eq!(
            state.active.map(|a| a.started_at),
            Some("2026-11-02T00:00:00+01:00".parse().unwrap())
        );
    }
}
