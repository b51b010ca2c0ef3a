//! Scheduler tests over simulated days: working-hour edges, snoozes, skips, a suspend, a clock
//! set back, and no drift over an 8-hour day.

use std::time::{Duration, Instant};

use chrono::{NaiveTime, Weekday};
use proptest::prelude::*;

use super::*;

fn mins(n: u64) -> Duration {
    Duration::from_secs(n * 60)
}

fn plan(routine: &str, minutes: u64) -> BreakPlan {
    BreakPlan {
        routine: routine.into(),
        every: mins(minutes),
        days: vec![
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ],
        from: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        to: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
    }
}

/// A simulated clock: both clocks move together unless a test says otherwise.
struct Sim {
    now: Now,
    start: Instant,
}

impl Sim {
    /// Wednesday 25 November 2026 at `hh:mm`.
    fn at(hh: u32, mm: u32) -> Sim {
        let instant = Instant::now();
        Sim {
            now: Now {
                instant,
                wall: format!("2026-11-25T{hh:02}:{mm:02}:00+01:00")
                    .parse()
                    .unwrap(),
            },
            start: instant,
        }
    }

    fn pass(&mut self, d: Duration) -> &Now {
        self.now.instant += d;
        self.now.wall += chrono::Duration::from_std(d).unwrap();
        &self.now
    }

    fn minutes(&self) -> u64 {
        (self.now.instant - self.start).as_secs() / 60
    }

    fn wall(&self) -> String {
        self.now.wall.format("%a %H:%M").to_string()
    }
}

fn waiting_until(s: &Scheduler, i: usize, sim: &Sim) -> u64 {
    match s.state(i, &sim.now) {
        BreakState::Waiting(at) => (at - sim.start).as_secs() / 60,
        other => panic!("break {i} is {other:?} at {}", sim.wall()),
    }
}

#[test]
fn the_first_break_comes_one_interval_after_work_starts() {
    let mut sim = Sim::at(8, 30);
    let mut s = Scheduler::new(vec![plan("posture-check", 30)], &sim.now);
    assert_eq!(s.state(0, &sim.now), BreakState::OffHours);
    assert_eq!(s.next_wake(&sim.now), None, "nothing to wake for before 9");
    sim.pass(mins(30));
    s.tick(&sim.now);
    assert_eq!(sim.wall(), "Wed 09:00");
    assert_eq!(waiting_until(&s, 0, &sim), 60, "due at 09:30");
    sim.pass(mins(29));
    s.tick(&sim.now);
    assert_eq!(s.due(&sim.now), None);
    sim.pass(mins(1));
    s.tick(&sim.now);
    assert_eq!(s.due(&sim.now), Some(0));
}

#[test]
fn a_due_break_waits_for_the_person_then_counts_from_when_it_was_done() {
    let mut sim = Sim::at(9, 0);
    let mut s = Scheduler::new(vec![plan("posture-check", 30)], &sim.now);
    sim.pass(mins(30));
    s.tick(&sim.now);
    assert_eq!(s.due(&sim.now), Some(0));
    // Still due ten minutes later, offered as one break.
    sim.pass(mins(10));
    s.tick(&sim.now);
    assert_eq!(s.due(&sim.now), Some(0));
    assert_eq!(
        s.next_wake(&sim.now),
        None,
        "no timer to wake for while it waits"
    );
    s.done(0, &sim.now);
    assert_eq!(waiting_until(&s, 0, &sim), 70, "09:40 + 30 min");
}

#[test]
fn snooze_puts_it_off_and_skip_restarts_the_interval() {
    let mut sim = Sim::at(9, 0);
    let mut s = Scheduler::new(vec![plan("posture-check", 30)], &sim.now);
    sim.pass(mins(30));
    s.snooze(0, mins(5), &sim.now);
    assert_eq!(waiting_until(&s, 0, &sim), 35);
    sim.pass(mins(5));
    assert_eq!(s.due(&sim.now), Some(0));
    s.snooze(0, mins(5), &sim.now);
    sim.pass(mins(5));
    assert_eq!(s.due(&sim.now), Some(0), "snoozed twice");
    s.done(0, &sim.now); // skipped: the scheduler treats it like taken
    assert_eq!(waiting_until(&s, 0, &sim), 70);
}

#[test]
fn working_hours_end_at_five_and_start_again_the_next_weekday() {
    let mut sim = Sim::at(16, 45);
    let mut s = Scheduler::new(vec![plan("posture-check", 30)], &sim.now);
    assert_eq!(waiting_until(&s, 0, &sim), 30, "would be 17:15");
    sim.pass(mins(15));
    s.tick(&sim.now);
    assert_eq!(sim.wall(), "Wed 17:00");
    assert_eq!(s.state(0, &sim.now), BreakState::OffHours);
    sim.pass(mins(16 * 60)); // Thursday 09:00
    s.tick(&sim.now);
    assert_eq!(sim.wall(), "Thu 09:00");
    assert_eq!(waiting_until(&s, 0, &sim), 16 * 60 + 15 + 30);
    // Saturday: nothing.
    sim.pass(mins(2 * 24 * 60));
    s.tick(&sim.now);
    assert_eq!(sim.wall(), "Sat 09:00");
    assert_eq!(s.state(0, &sim.now), BreakState::OffHours);
    assert_eq!(s.due(&sim.now), None);
}

#[test]
fn the_hourly_reset_covers_the_half_hourly_check_due_at_the_same_time() {
    let mut sim = Sim::at(9, 0);
    let mut s = Scheduler::new(
        vec![plan("posture-check", 30), plan("desk-reset", 60)],
        &sim.now,
    );
    sim.pass(mins(30));
    assert_eq!(s.due(&sim.now), Some(0));
    s.done(0, &sim.now);
    sim.pass(mins(30));
    assert_eq!(
        s.due(&sim.now),
        Some(1),
        "both due at 10:00: the longer one is offered"
    );
    s.done(1, &sim.now);
    assert_eq!(s.due(&sim.now), None, "the check counts as done too");
    assert_eq!(waiting_until(&s, 0, &sim), 90);
    assert_eq!(waiting_until(&s, 1, &sim), 120);
}

#[test]
fn after_a_three_hour_suspend_the_overdue_break_is_offered_once() {
    let mut sim = Sim::at(9, 0);
    let mut s = Scheduler::new(
        vec![plan("posture-check", 30), plan("desk-reset", 60)],
        &sim.now,
    );
    sim.pass(mins(10));
    // Asleep for three hours; this clock counts the time asleep.
    sim.pass(mins(3 * 60));
    s.tick(&sim.now);
    assert_eq!(s.due(&sim.now), Some(1), "one offer, the longer break");
    s.done(1, &sim.now);
    assert_eq!(s.due(&sim.now), None, "not six missed breaks");
    assert_eq!(waiting_until(&s, 0, &sim), 190 + 30);
    assert_eq!(waiting_until(&s, 1, &sim), 190 + 60);

    // The monotonic clock stops while asleep (Linux's CLOCK_MONOTONIC, Rust's `Instant`): the
    // wall clock shows the three hours, and the same one break is due.
    let mut sim = Sim::at(9, 0);
    let mut s = Scheduler::new(
        vec![plan("posture-check", 30), plan("desk-reset", 60)],
        &sim.now,
    );
    sim.pass(mins(10));
    sim.now.wall += chrono::Duration::hours(3);
    assert_eq!(
        s.tick(&sim.now),
        mins(3 * 60),
        "the time asleep is caught up on"
    );
    assert_eq!(s.due(&sim.now), Some(1), "one offer, the longer break");
    s.done(1, &sim.now);
    assert_eq!(s.due(&sim.now), None, "not six missed breaks");
    assert_eq!(waiting_until(&s, 0, &sim), 10 + 30);
    assert_eq!(waiting_until(&s, 1, &sim), 10 + 60);
    // Looking again finds nothing more to catch up on.
    assert_eq!(s.tick(&sim.now), Duration::ZERO);
    assert_eq!(s.due(&sim.now), None);
}

#[test]
fn a_suspend_of_sixteen_hours_past_many_breaks_offers_one() {
    // Wednesday 16:50, asleep until Thursday 08:50 by the wall clock; the monotonic clock moved
    // not at all. Work starts at nine: the first break comes at half past, as if awake.
    let all_day = |minutes| BreakPlan {
        from: NaiveTime::MIN,
        to: NaiveTime::MIN,
        days: Vec::new(),
        ..plan("posture-check", minutes)
    };
    let mut sim = Sim::at(16, 50);
    let mut s = Scheduler::new(vec![plan("posture-check", 30)], &sim.now);
    sim.now.wall += chrono::Duration::hours(16);
    s.tick(&sim.now);
    assert_eq!(s.state(0, &sim.now), BreakState::OffHours);
    sim.pass(mins(10));
    s.tick(&sim.now);
    assert_eq!(waiting_until(&s, 0, &sim), 40, "09:30");

    // Asleep from 16:50 until Thursday 09:10: hours began at nine, during the suspend.
    let mut sim = Sim::at(16, 50);
    let mut s = Scheduler::new(vec![plan("posture-check", 30)], &sim.now);
    sim.now.wall += chrono::Duration::minutes(16 * 60 + 20);
    s.tick(&sim.now);
    assert_eq!(s.due(&sim.now), None, "not due at 09:10");
    assert_eq!(
        waiting_until(&s, 0, &sim),
        20,
        "due at 09:30, counted from nine"
    );

    // All day: sixteen hours past 32 half-hourly breaks, one is due, once.
    let mut sim = Sim::at(16, 50);
    let mut s = Scheduler::new(vec![all_day(30), all_day(60)], &sim.now);
    sim.pass(mins(5));
    sim.now.wall += chrono::Duration::hours(16);
    s.tick(&sim.now);
    assert_eq!(s.due(&sim.now), Some(1));
    s.done(1, &sim.now);
    for _ in 0..3 {
        sim.pass(Duration::from_secs(1));
        s.tick(&sim.now);
        assert_eq!(s.due(&sim.now), None, "one break, not a pile");
    }

    // Answered only after the resume, without a look at the clocks in between: the answer
    // catches up first, so the interval it restarts is not eaten by the suspend.
    let mut sim = Sim::at(10, 0);
    let mut s = Scheduler::new(vec![all_day(30)], &sim.now);
    sim.pass(mins(30));
    s.tick(&sim.now);
    assert_eq!(s.due(&sim.now), Some(0));
    sim.now.wall += chrono::Duration::hours(16);
    s.done(0, &sim.now);
    s.tick(&sim.now);
    assert_eq!(s.due(&sim.now), None);
    assert_eq!(waiting_until(&s, 0, &sim), 60);
}

#[test]
fn a_clock_set_back_and_forward_again_fires_nothing_early_or_twice() {
    let mut sim = Sim::at(10, 0);
    let mut s = Scheduler::new(vec![plan("posture-check", 30)], &sim.now);
    sim.pass(mins(30));
    s.tick(&sim.now);
    assert_eq!(s.due(&sim.now), Some(0));
    s.done(0, &sim.now);
    // Set back 20 minutes (to 10:10), then an NTP step forward again 20 minutes later.
    sim.now.wall -= chrono::Duration::minutes(20);
    assert_eq!(
        s.tick(&sim.now),
        Duration::ZERO,
        "going back takes no time off"
    );
    assert_eq!(s.due(&sim.now), None, "not again");
    sim.pass(mins(10));
    s.tick(&sim.now);
    assert_eq!(waiting_until(&s, 0, &sim), 60, "the interval is untouched");
    sim.now.wall += chrono::Duration::minutes(20);
    s.tick(&sim.now);
    assert_eq!(
        s.due(&sim.now),
        None,
        "the step forward makes up the step back: not early"
    );
    sim.pass(mins(19));
    s.tick(&sim.now);
    assert_eq!(s.due(&sim.now), None);
    sim.pass(mins(1));
    s.tick(&sim.now);
    assert_eq!(s.due(&sim.now), Some(0), "one interval after it was done");
}

#[test]
fn a_clock_set_back_an_hour_moves_only_the_working_hours() {
    let mut sim = Sim::at(10, 15);
    let mut s = Scheduler::new(vec![plan("posture-check", 30)], &sim.now);
    sim.now.wall -= chrono::Duration::hours(1);
    s.tick(&sim.now);
    assert_eq!(waiting_until(&s, 0, &sim), 30, "the interval is untouched");
    // Set back to before nine: off hours, then the interval starts again at nine.
    let mut sim = Sim::at(9, 20);
    let mut s = Scheduler::new(vec![plan("posture-check", 30)], &sim.now);
    sim.now.wall -= chrono::Duration::hours(1);
    s.tick(&sim.now);
    assert_eq!(s.state(0, &sim.now), BreakState::OffHours);
    sim.pass(mins(40));
    s.tick(&sim.now);
    assert_eq!(waiting_until(&s, 0, &sim), 70);
}

#[test]
fn overnight_hours_and_all_day() {
    let mut p = plan("x", 30);
    p.days.clear();
    p.from = NaiveTime::from_hms_opt(22, 0, 0).unwrap();
    p.to = NaiveTime::from_hms_opt(6, 0, 0).unwrap();
    assert!(p.in_hours(&Sim::at(23, 0).now) && p.in_hours(&Sim::at(5, 59).now));
    assert!(!p.in_hours(&Sim::at(6, 0).now) && !p.in_hours(&Sim::at(12, 0).now));
    p.to = p.from;
    assert!(p.in_hours(&Sim::at(12, 0).now));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// However irregularly the app wakes, each break falls due exactly one interval after the
    /// last was done: nothing drifts over an 8-hour day.
    #[test]
    fn no_drift_over_an_eight_hour_day(gaps in proptest::collection::vec(1u64..900, 200..400)) {
        let mut sim = Sim::at(9, 0);
        let mut s = Scheduler::new(vec![plan("posture-check", 30), plan("desk-reset", 60)], &sim.now);
        let mut last_done = [0u64; 2];
        for gap in gaps {
            if sim.minutes() >= 8 * 60 {
                break;
            }
            // The person responds after `gap` seconds or at the next wake, whichever is first.
            let wake = s.next_wake(&sim.now);
            let step = Duration::from_secs(gap);
            match wake {
                Some(at) if at - sim.now.instant < step => {
                    let d = at - sim.now.instant;
                    sim.pass(d);
                }
                _ => {
                    sim.pass(step);
                }
            }
            s.tick(&sim.now);
            for (i, done) in last_done.iter().enumerate() {
                if let BreakState::Waiting(at) = s.state(i, &sim.now) {
                    let due = (at - sim.start).as_secs();
                    let every = s.plans()[i].every.as_secs();
                    prop_assert_eq!(due, done + every, "exactly one interval on");
                }
            }
            if let Some(i) = s.due(&sim.now) {
                let at_secs = (sim.now.instant - sim.start).as_secs();
                let every = s.plans()[i].every.as_secs();
                prop_assert!(at_secs >= last_done[i] + every, "never early");
                s.done(i, &sim.now);
                for (j, plan) in s.plans().iter().enumerate() {
                    if let BreakState::Waiting(at) = s.state(j, &sim.now)
                        && (at - sim.start).as_secs() == at_secs + plan.every.as_secs()
                    {
                        last_done[j] = at_secs;
                    }
                }
            }
        }
    }
}

#[test]
fn off_hours_the_next_change_is_when_work_starts() {
    // Wednesday 08:30: the timer starts at 09:00 the same day.
    let sim = Sim::at(8, 30);
    let s = Scheduler::new(vec![plan("posture-check", 30)], &sim.now);
    let at = s.next_hours_start(&sim.now).expect("work starts at 9");
    assert_eq!((at - sim.now.instant).as_secs(), 30 * 60);
    // Wednesday 17:30: Thursday 09:00.
    let sim = Sim::at(17, 30);
    let mut s = Scheduler::new(vec![plan("posture-check", 30)], &sim.now);
    s.tick(&sim.now);
    let at = s.next_hours_start(&sim.now).expect("Thursday at 9");
    assert_eq!((at - sim.now.instant).as_secs(), (15 * 60 + 30) * 60);
    // Running timers need no such wake.
    let sim = Sim::at(10, 0);
    let s = Scheduler::new(vec![plan("posture-check", 30)], &sim.now);
    assert_eq!(s.next_hours_start(&sim.now), None);
}
