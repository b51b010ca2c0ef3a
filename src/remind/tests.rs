//! The reminder over a simulated clock: rings, answers, snoozes, an unanswered question, no
//! terminal, working hours and the plan's times. No sleeps: time is an argument.

use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveTime};

use super::*;
use crate::config::ALL_DAYS;

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn time(hh: u32, mm: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hh, mm, 0).unwrap()
}

fn every(routine: &str, seconds: u64) -> BreakPlan {
    BreakPlan {
        routine: routine.into(),
        every: secs(seconds),
        days: ALL_DAYS.to_vec(),
        from: time(0, 0),
        to: time(0, 0),
    }
}

/// Wednesday 25 November 2026 at `hh:mm`.
fn at(hh: u32, mm: u32) -> Now {
    Now {
        instant: Instant::now(),
        wall: format!("2026-11-25T{hh:02}:{mm:02}:00+01:00")
            .parse()
            .unwrap(),
    }
}

fn pass(now: &Now, d: Duration) -> Now {
    Now {
        instant: now.instant + d,
        wall: now.wall + chrono::Duration::from_std(d).unwrap(),
    }
}

fn nothing_planned(_: NaiveDate) -> Vec<(String, Option<NaiveTime>)> {
    Vec::new()
}

fn nothing_done(_: NaiveDate, _: &str) -> bool {
    false
}

#[test]
fn a_three_second_break_rings_asks_and_records_the_answer() {
    let start = at(10, 0);
    let mut r = Reminder::new(vec![every("posture-check", 3)], secs(300), true, &start);
    assert_eq!(
        r.next_deadline(&start, &nothing_planned),
        Some(start.instant + secs(3)),
        "sleeps until the break is due"
    );
    let now = pass(&start, secs(1));
    assert!(r.wake(&now, &nothing_planned, &nothing_done).is_empty());
    assert_eq!(r.answer("y", &now), Reply::NothingAsked);
    let now = pass(&start, secs(3));
    assert_eq!(
        r.wake(&now, &nothing_planned, &nothing_done),
        [Event::Break {
            routine: "posture-check".into(),
            asked: true
        }]
    );
    // Asked once: waking again says nothing more.
    assert!(r.wake(&now, &nothing_planned, &nothing_done).is_empty());
    assert_eq!(r.answer("what?", &now), Reply::NotUnderstood);
    let Reply::Recorded(record) = r.answer("", &now) else {
        panic!("Enter means did it");
    };
    assert_eq!(record.outcome, BreakOutcome::Taken);
    assert_eq!(record.routine, "posture-check");
    assert_eq!(record.at, now.wall);
    assert_eq!(r.asking(), None);
    assert_eq!(
        r.next_deadline(&now, &nothing_planned),
        Some(now.instant + secs(3)),
        "the interval restarts from the answer"
    );
}

#[test]
fn snooze_puts_it_off_and_skip_asks_why() {
    let start = at(10, 0);
    let mut r = Reminder::new(vec![every("desk-reset", 60)], secs(300), true, &start);
    let now = pass(&start, secs(60));
    r.wake(&now, &nothing_planned, &nothing_done);
    let Reply::Recorded(record) = r.answer("Z", &now) else {
        panic!("z snoozes");
    };
    assert_eq!(record.outcome, BreakOutcome::Snoozed);
    assert_eq!(
        r.next_deadline(&now, &nothing_planned),
        Some(now.instant + secs(300))
    );
    let now = pass(&now, secs(300));
    r.wake(&now, &nothing_planned, &nothing_done);
    assert_eq!(r.answer("s", &now), Reply::AskWhy);
    assert_eq!(r.answer("7", &now), Reply::NotUnderstood);
    let Reply::Recorded(record) = r.answer("3", &now) else {
        panic!("a reason number");
    };
    assert_eq!(record.outcome, BreakOutcome::Skipped);
    assert_eq!(record.reason.as_deref(), Some("in pain"));
    // n: not done.
    let now = pass(&now, secs(60));
    r.wake(&now, &nothing_planned, &nothing_done);
    let Reply::Recorded(record) = r.answer("no", &now) else {
        panic!("n");
    };
    assert_eq!(record.outcome, BreakOutcome::NotDone);
}

#[test]
fn an_unanswered_question_is_let_go_after_the_interval_and_nothing_is_recorded() {
    let start = at(10, 0);
    let mut r = Reminder::new(vec![every("posture-check", 1800)], secs(300), true, &start);
    let due = pass(&start, secs(1800));
    r.wake(&due, &nothing_planned, &nothing_done);
    assert_eq!(
        r.next_deadline(&due, &nothing_planned),
        Some(due.instant + secs(1800)),
        "while asking, only the let-go time wakes it"
    );
    let later = pass(&due, secs(1800));
    assert_eq!(
        r.wake(&later, &nothing_planned, &nothing_done),
        [Event::Unanswered {
            routine: "posture-check".into()
        },]
    );
    assert_eq!(r.answer("y", &later), Reply::NothingAsked);
    assert_eq!(
        r.next_deadline(&later, &nothing_planned),
        Some(later.instant + secs(1800))
    );
}

#[test]
fn without_a_terminal_a_break_is_a_reminder_only() {
    let start = at(10, 0);
    let mut r = Reminder::new(vec![every("posture-check", 3)], secs(300), false, &start);
    let now = pass(&start, secs(3));
    assert_eq!(
        r.wake(&now, &nothing_planned, &nothing_done),
        [Event::Break {
            routine: "posture-check".into(),
            asked: false
        }]
    );
    assert_eq!(r.asking(), None);
    assert_eq!(
        r.next_deadline(&now, &nothing_planned),
        Some(now.instant + secs(3))
    );
}

#[test]
fn outside_working_hours_it_sleeps_until_they_start() {
    let start = at(7, 0);
    let mut plan = every("posture-check", 1800);
    plan.from = time(9, 0);
    plan.to = time(17, 0);
    let r = Reminder::new(vec![plan], secs(300), true, &start);
    assert_eq!(
        r.next_deadline(&start, &nothing_planned),
        Some(start.instant + secs(2 * 3600)),
        "wakes at 09:00 to start the countdown, not before"
    );
}

#[test]
fn a_planned_time_reminds_once_when_not_done() {
    let planned = |_: NaiveDate| {
        vec![
            ("morning-mobility".to_owned(), Some(time(8, 0))),
            ("lower-back-release".to_owned(), Some(time(18, 0))),
            ("core-starter".to_owned(), None),
        ]
    };
    // Started at 07:00: the first wake is 08:00.
    let start = at(7, 0);
    let mut r = Reminder::new(Vec::new(), secs(300), true, &start);
    assert_eq!(
        r.next_deadline(&start, &planned),
        Some(start.instant + secs(3600))
    );
    let eight = pass(&start, secs(3600));
    assert_eq!(
        r.wake(&eight, &planned, &nothing_done),
        [Event::Plan {
            routine: "morning-mobility".into(),
            time: time(8, 0)
        }]
    );
    assert!(r.wake(&eight, &planned, &nothing_done).is_empty(), "once");
    assert_eq!(
        r.next_deadline(&eight, &planned),
        Some(eight.instant + secs(10 * 3600)),
        "then 18:00"
    );
    // Done by 18:00: no reminder.
    let six = pass(&eight, secs(10 * 3600));
    let done = |_: NaiveDate, routine: &str| routine == "lower-back-release";
    assert!(r.wake(&six, &planned, &done).is_empty());
    // Next: tomorrow at 08:00.
    assert_eq!(
        r.next_deadline(&six, &planned),
        Some(six.instant + secs(14 * 3600))
    );
}

#[test]
fn times_that_passed_before_it_started_are_not_reminded() {
    let planned = |_: NaiveDate| vec![("morning-mobility".to_owned(), Some(time(8, 0)))];
    let start = at(9, 0);
    let mut r = Reminder::new(Vec::new(), secs(300), true, &start);
    assert!(r.wake(&start, &planned, &nothing_done).is_empty());
    assert_eq!(
        r.next_deadline(&start, &planned),
        Some(start.instant + secs(23 * 3600))
    );
}

#[test]
fn a_notification_button_answers_the_open_question_only() {
    let start = at(10, 0);
    let mut r = Reminder::new(vec![every("posture-check", 3)], secs(300), true, &start);
    let now = pass(&start, secs(3));
    r.wake(&now, &nothing_planned, &nothing_done);
    assert_eq!(
        r.answer_button(1, BreakOutcome::Taken, &now),
        Reply::NothingAsked,
        "another break's button"
    );
    let Reply::Recorded(record) = r.answer_button(0, BreakOutcome::Skipped, &now) else {
        panic!("skip from the notification");
    };
    assert_eq!(
        (record.outcome, record.reason),
        (BreakOutcome::Skipped, None)
    );
    assert_eq!(
        r.answer_button(0, BreakOutcome::Taken, &now),
        Reply::NothingAsked,
        "already answered in the terminal or by another button"
    );
}

/// `now` after `asleep` of suspend: the wall clock moved, the monotonic clock did not.
fn resume(now: &Now, asleep: Duration) -> Now {
    Now {
        instant: now.instant,
        wall: now.wall + chrono::Duration::from_std(asleep).unwrap(),
    }
}

#[test]
fn after_sixteen_hours_asleep_one_break_is_asked_and_the_plan_time_missed_is_given_once() {
    // 17:00, suspended until 09:00: the 08:00 plan time passed while asleep, as did 32 breaks.
    let planned = |_: NaiveDate| vec![("morning-mobility".to_owned(), Some(time(8, 0)))];
    let start = at(17, 0);
    let mut r = Reminder::new(
        vec![every("posture-check", 1800), every("desk-reset", 3600)],
        secs(300),
        true,
        &start,
    );
    let before = pass(&start, secs(60));
    assert!(r.wake(&before, &planned, &nothing_done).is_empty());
    let woke = resume(&before, secs(16 * 3600));
    assert_eq!(
        r.wake(&woke, &planned, &nothing_done),
        [
            Event::Break {
                routine: "desk-reset".into(),
                asked: true
            },
            Event::Plan {
                routine: "morning-mobility".into(),
                time: time(8, 0)
            }
        ],
        "one break, the longest; the plan time once"
    );
    assert!(r.wake(&woke, &planned, &nothing_done).is_empty(), "once");
    let Reply::Recorded(record) = r.answer("y", &woke) else {
        panic!("answered");
    };
    assert_eq!(record.routine, "desk-reset");
    let later = pass(&woke, secs(60));
    assert!(
        r.wake(&later, &planned, &nothing_done).is_empty(),
        "the half-hourly check was covered: no pile of missed breaks"
    );
    assert_eq!(
        r.next_deadline(&later, &planned),
        Some(woke.instant + secs(1800)),
        "the next counts from the answer"
    );
}

#[test]
fn a_question_left_open_over_a_suspend_is_asked_afresh_once() {
    let start = at(10, 0);
    let mut r = Reminder::new(vec![every("posture-check", 1800)], secs(300), true, &start);
    let due = pass(&start, secs(1800));
    r.wake(&due, &nothing_planned, &nothing_done);
    let woke = resume(&due, secs(3 * 3600));
    assert_eq!(
        r.wake(&woke, &nothing_planned, &nothing_done),
        [
            Event::Unanswered {
                routine: "posture-check".into()
            },
            Event::Break {
                routine: "posture-check".into(),
                asked: true
            }
        ]
    );
    assert_eq!(
        r.asking(),
        Some(Asking::DidYouDoIt {
            i: 0,
            since: woke.instant
        })
    );
    assert!(r.wake(&woke, &nothing_planned, &nothing_done).is_empty());
}

#[test]
fn a_clock_set_back_repeats_no_break_and_no_plan_time() {
    let planned = |_: NaiveDate| vec![("morning-mobility".to_owned(), Some(time(10, 15)))];
    let start = at(10, 0);
    let mut r = Reminder::new(vec![every("posture-check", 1800)], secs(300), true, &start);
    let now = pass(&start, secs(1800));
    assert_eq!(r.wake(&now, &planned, &nothing_done).len(), 2);
    assert!(matches!(r.answer("y", &now), Reply::Recorded(_)));
    // 10:30 set back to 10:05: neither the 10:15 plan time nor the break comes again early.
    let back = Now {
        instant: now.instant,
        wall: now.wall - chrono::Duration::minutes(25),
    };
    assert!(r.wake(&back, &planned, &nothing_done).is_empty());
    let later = pass(&back, secs(20 * 60));
    assert!(
        r.wake(&later, &planned, &nothing_done).is_empty(),
        "10:25 by the clock: 10:15 was reminded already"
    );
    let due = pass(&back, secs(1800));
    assert_eq!(
        r.wake(&due, &planned, &nothing_done),
        [Event::Break {
            routine: "posture-check".into(),
            asked: true
        }],
        "one interval after the answer"
    );
}

#[test]
fn a_follower_shows_the_due_break_and_follows_the_answer_recorded_elsewhere() {
    let start = at(10, 0);
    let mut r = Reminder::new(vec![every("posture-check", 1800)], secs(300), true, &start);
    r.set_follower(true);
    let due = pass(&start, secs(1800));
    assert_eq!(
        r.wake(&due, &nothing_planned, &nothing_done),
        [Event::BreakElsewhere {
            routine: "posture-check".into()
        }],
        "shown, not asked"
    );
    assert!(
        r.wake(&due, &nothing_planned, &nothing_done).is_empty(),
        "once"
    );
    assert_eq!(
        r.answer("y", &due),
        Reply::NothingAsked,
        "nothing recorded here"
    );
    let answered = pass(&due, secs(20));
    let record = BreakRecord {
        id: "01JDX0000000000000000000AA".into(),
        routine: "posture-check".into(),
        at: answered.wall,
        outcome: BreakOutcome::Skipped,
        reason: Some("in a meeting".into()),
    };
    assert_eq!(
        r.follow(&record, &answered),
        Some(Event::AnsweredElsewhere {
            routine: "posture-check".into(),
            outcome: BreakOutcome::Skipped,
            reason: Some("in a meeting".into())
        })
    );
    assert_eq!(r.asking(), None);
    assert_eq!(
        r.next_deadline(&answered, &nothing_planned),
        Some(answered.instant + secs(1800)),
        "the interval restarts from the answer given elsewhere"
    );
    // The holder ended and this one took the lock: the next due break is asked here.
    r.set_follower(false);
    let next = pass(&answered, secs(1800));
    assert_eq!(
        r.wake(&next, &nothing_planned, &nothing_done),
        [Event::Break {
            routine: "posture-check".into(),
            asked: true
        }]
    );
    // A snooze answered elsewhere about a break not due here moves nothing; other routines
    // change nothing.
    let mut r = Reminder::new(vec![every("posture-check", 1800)], secs(300), true, &start);
    let soon = pass(&start, secs(60));
    let snoozed = BreakRecord {
        outcome: BreakOutcome::Snoozed,
        reason: None,
        ..record.clone()
    };
    assert_eq!(r.follow(&snoozed, &soon), None);
    let other = BreakRecord {
        routine: "desk-reset".into(),
        ..record
    };
    assert_eq!(r.follow(&other, &soon), None);
    assert_eq!(
        r.next_deadline(&soon, &nothing_planned),
        Some(start.instant + secs(1800))
    );
}
