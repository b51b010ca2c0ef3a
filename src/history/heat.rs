//! When heat may be used again, from the sessions already done (CLINICAL, heat therapy safety:
//! at least an hour off between sessions, at most about three sessions a day). Pure: `now` is
//! passed in.
//!
//! Every recorded heat session counts, completed or stopped: a session stopped early may still
//! have had the pack on the skin. "A day" is the calendar day of `now`, in its time zone; a
//! session counts on the day it started. A session recorded as ending after `now` (a clock that
//! ran fast, a copy from another machine) counts as ending now, so it can never hold heat back
//! for longer than an hour.

use chrono::{DateTime, Duration, FixedOffset, NaiveTime};

use super::SessionRecord;
use crate::routine::Kind;

/// The least time between the end of one heat session and the start of the next.
pub const REST_BETWEEN: Duration = Duration::hours(1);
/// The most heat sessions in one day.
pub const PER_DAY: usize = 3;

/// Why heat is not offered now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeatWait {
    /// The last heat session ended less than an hour ago, at this time.
    TooSoon(DateTime<FixedOffset>),
    /// Three heat sessions have been done today.
    DailyLimit,
}

/// Heat held back: why, and when it is next available.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeatRest {
    /// Why.
    pub wait: HeatWait,
    /// The first moment heat is offered again (both rules met).
    pub until: DateTime<FixedOffset>,
}

/// Whether heat must wait at `now`, given every session in history (any order).
pub fn heat_rest(sessions: &[SessionRecord], now: DateTime<FixedOffset>) -> Option<HeatRest> {
    let heat = || sessions.iter().filter(|s| s.kind == Kind::Heat);
    let last_end = heat()
        .map(|s| s.ended.min(now).with_timezone(now.offset()))
        .max();
    let after_rest = last_end.map(|end| end + REST_BETWEEN);
    let today = now.date_naive();
    let today_count = heat()
        .filter(|s| s.started.with_timezone(now.offset()).date_naive() == today)
        .count();
    let tomorrow = (today_count >= PER_DAY).then(|| {
        let midnight = today
            .succ_opt()
            .unwrap_or(today)
            .and_time(NaiveTime::MIN)
            .and_local_timezone(*now.offset())
            .single();
        // A fixed offset always has one local midnight; fall back to a day from now.
        midnight.unwrap_or(now + Duration::days(1))
    });
    match (after_rest.filter(|&at| at > now), tomorrow) {
        (_, Some(midnight)) => Some(HeatRest {
            wait: HeatWait::DailyLimit,
            until: after_rest.map_or(midnight, |at| at.max(midnight)),
        }),
        (Some(at), None) => Some(HeatRest {
            wait: HeatWait::TooSoon(at - REST_BETWEEN),
            until: at,
        }),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::SessionOutcome;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    /// A heat session (or a stretch) that ended at `ended`, 15 minutes long.
    fn session(kind: Kind, ended: &str, outcome: SessionOutcome) -> SessionRecord {
        let ended = at(ended);
        SessionRecord {
            id: format!("s{}", ended.timestamp()),
            routine: "heat-pack".into(),
            kind,
            started: ended - Duration::minutes(15),
            ended,
            active_seconds: 900,
            outcome,
            steps_done: 1,
            steps_total: 1,
            pain_before: None,
            pain_after: None,
        }
    }

    fn heat(ended: &str) -> SessionRecord {
        session(Kind::Heat, ended, SessionOutcome::Completed)
    }

    #[test]
    fn an_hour_between_heat_sessions() {
        let now = at("2026-11-24T19:00:00+01:00");
        let cases: &[(&str, &[SessionRecord], Option<&str>)] = &[
            ("nothing yet", &[], None),
            (
                "ended 59 minutes ago",
                &[heat("2026-11-24T18:01:00+01:00")],
                Some("2026-11-24T19:01:00+01:00"),
            ),
            (
                "ended 61 minutes ago",
                &[heat("2026-11-24T17:59:00+01:00")],
                None,
            ),
            (
                "ended exactly an hour ago",
                &[heat("2026-11-24T18:00:00+01:00")],
                None,
            ),
            (
                "stopped 10 minutes ago still counts",
                &[session(
                    Kind::Heat,
                    "2026-11-24T18:50:00+01:00",
                    SessionOutcome::Stopped,
                )],
                Some("2026-11-24T19:50:00+01:00"),
            ),
            (
                "a stretch 10 minutes ago does not",
                &[session(
                    Kind::Stretch,
                    "2026-11-24T18:50:00+01:00",
                    SessionOutcome::Completed,
                )],
                None,
            ),
            (
                "the latest of several, recorded in another time zone",
                &[
                    heat("2026-11-24T12:00:00+01:00"),
                    heat("2026-11-24T17:30:00+00:00"),
                ],
                Some("2026-11-24T19:30:00+01:00"),
            ),
            (
                "dated ahead of the clock: counts as just ended",
                &[heat("2026-11-25T09:00:00+01:00")],
                Some("2026-11-24T20:00:00+01:00"),
            ),
        ];
        for (what, sessions, until) in cases {
            let rest = heat_rest(sessions, now);
            assert_eq!(rest.map(|r| r.until), until.map(at), "{what}");
            if let Some(rest) = rest {
                assert!(matches!(rest.wait, HeatWait::TooSoon(_)), "{what}");
            }
        }
    }

    #[test]
    fn three_heat_sessions_a_day() {
        let now = at("2026-11-24T21:00:00+01:00");
        let two = [
            heat("2026-11-24T08:00:00+01:00"),
            heat("2026-11-24T13:00:00+01:00"),
        ];
        assert_eq!(heat_rest(&two, now), None, "two today: a third is fine");
        let mut three = two.to_vec();
        three.push(heat("2026-11-24T18:00:00+01:00"));
        assert_eq!(
            heat_rest(&three, now),
            Some(HeatRest {
                wait: HeatWait::DailyLimit,
                until: at("2026-11-25T00:00:00+01:00"),
            }),
            "three today: tomorrow"
        );
        // Three yesterday do not count today.
        let yesterday: Vec<_> = three
            .iter()
            .map(|s| SessionRecord {
                started: s.started - Duration::days(1),
                ended: s.ended - Duration::days(1),
                ..s.clone()
            })
            .collect();
        assert_eq!(heat_rest(&yesterday, now), None);
        // The third just before midnight: tomorrow, but not before an hour has passed.
        let late = at("2026-11-24T23:50:00+01:00");
        let mut three_late = two.to_vec();
        three_late.push(heat("2026-11-24T23:40:00+01:00"));
        assert_eq!(
            heat_rest(&three_late, late).map(|r| (r.wait, r.until)),
            Some((HeatWait::DailyLimit, at("2026-11-25T00:40:00+01:00")))
        );
    }
}
