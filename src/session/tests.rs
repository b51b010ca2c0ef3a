//! Session timeline tests: time is driven by hand, so an hour passes in a microsecond. The heat
//! limits (restarts, pausing, skin checks) are tested in `heat_tests`, with these helpers.

use std::time::{Duration, Instant};

use proptest::prelude::*;

use super::*;
use crate::routine::{Origin, parse};

pub(super) fn routine(text: &str) -> Routine {
    parse("t", "t.toml", text, Origin::Bundled, &|_| None).unwrap()
}

pub(super) fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

const SHORT: &str = r#"
name = "Short"
kind = "stretch"
prepare = "5s"
[[steps]]
name = "Hold"
hold = "30s"
sides = "left-right"
switch = "5s"
rest = "10s"
[[steps]]
name = "Count"
reps = 8
[[steps]]
name = "Paced"
reps = 4
tempo = "3s"
"#;

/// A long routine: every kind of phase, many sets and sides, about 40 minutes.
fn long_routine() -> Routine {
    let mut text =
        String::from("name = \"Long\"\nkind = \"stretch\"\nprepare = \"7s\"\nrest = \"9s\"\n");
    for i in 0..20 {
        text.push_str(&format!(
            "[[steps]]\nname = \"s{i}\"\nhold = \"{}s\"\nsets = {}\n{}\n",
            17 + i * 3,
            1 + i % 3,
            if i % 2 == 0 {
                "sides = \"left-right\"\nswitch = \"4s\""
            } else {
                ""
            },
        ));
        if i % 5 == 4 {
            text.push_str("[[steps]]\nname = \"paced\"\nreps = 6\ntempo = \"4s\"\n");
        }
    }
    routine(&text)
}

#[test]
fn runs_through_prepare_work_switch_rest_and_waits_for_counted_reps() {
    let t0 = Instant::now();
    let mut s = Session::start(&routine(SHORT), t0);
    assert_eq!(s.current().unwrap().kind, PhaseKind::Prepare);
    assert_eq!(s.remaining(t0), Some(secs(5)));
    s.tick(t0 + secs(5));
    assert_eq!(s.current().unwrap().kind, PhaseKind::Work);
    s.tick(t0 + secs(35));
    assert_eq!(s.current().unwrap().kind, PhaseKind::SwitchSides);
    s.tick(t0 + secs(70));
    assert_eq!(s.current().unwrap().kind, PhaseKind::Rest);
    s.tick(t0 + secs(80));
    let count = *s.current().unwrap();
    assert_eq!((count.kind, count.duration), (PhaseKind::Work, None));
    // Untimed: an hour later it still waits, and there is nothing to wake up for.
    s.tick(t0 + secs(3680));
    assert_eq!(s.current(), Some(&count));
    assert_eq!(s.next_wake(t0 + secs(3680)), None);
    s.done(t0 + secs(3700));
    assert_eq!(
        s.current().unwrap().kind,
        PhaseKind::Work,
        "no routine rest: straight on"
    );
    assert_eq!(s.remaining(t0 + secs(3700)), Some(secs(12)), "4 reps × 3s");
    s.tick(t0 + secs(3712));
    assert_eq!(s.ended(), Some((t0 + secs(3712), Outcome::Completed)));
    assert_eq!(s.steps_done(), (3, 3));
    assert_eq!(s.take_cues().last(), Some(&Cue::Finished));
}

#[test]
fn pause_freezes_the_countdown_and_shifts_every_later_boundary() {
    let t0 = Instant::now();
    let mut s = Session::start(&routine(SHORT), t0);
    s.tick(t0 + secs(10)); // 5s into the hold
    s.toggle_pause(t0 + secs(10));
    assert!(s.is_paused());
    assert_eq!(s.remaining(t0 + secs(500)), Some(secs(25)));
    assert_eq!(s.next_wake(t0 + secs(500)), None, "paused: no wake-ups");
    s.tick(t0 + secs(500));
    assert_eq!(s.current().unwrap().kind, PhaseKind::Work);
    s.toggle_pause(t0 + secs(510));
    s.tick(t0 + secs(534));
    assert_eq!(s.remaining(t0 + secs(534)), Some(secs(1)));
    s.tick(t0 + secs(535));
    assert_eq!(s.current().unwrap().kind, PhaseKind::SwitchSides);
    assert_eq!(s.phase_started_at(), t0 + secs(535));
}

#[test]
fn next_and_back_move_between_steps() {
    let t0 = Instant::now();
    let mut s = Session::start(&routine(SHORT), t0);
    s.next(t0 + secs(1));
    assert_eq!(s.current().unwrap().kind, PhaseKind::Work);
    assert_eq!(
        s.remaining(t0 + secs(1)),
        Some(secs(30)),
        "the skipped-to phase starts in full"
    );
    s.tick(t0 + secs(11));
    s.back(t0 + secs(11)); // 10s in: restart this hold
    assert_eq!(s.phase_started_at(), t0 + secs(11));
    assert_eq!(s.position().0, 1);
    s.back(t0 + secs(12)); // 1s in: no earlier work phase, stays
    assert_eq!(s.position().0, 1);
    s.next(t0 + secs(13));
    s.next(t0 + secs(14)); // right side
    assert_eq!(s.current().unwrap().side, crate::routine::plan::Side::Right);
    s.back(t0 + secs(15));
    assert_eq!(s.current().unwrap().side, crate::routine::plan::Side::Left);
    s.stop(t0 + secs(20));
    assert_eq!(s.ended(), Some((t0 + secs(20), Outcome::Stopped)));
    assert_eq!(
        s.steps_done(),
        (0, 3),
        "skipped work does not count as done"
    );
}

#[test]
fn countdown_halfway_and_phase_cues_fall_on_their_seconds() {
    let t0 = Instant::now();
    let mut s = Session::start(&routine(SHORT), t0);
    assert_eq!(s.take_cues(), vec![Cue::PhaseStarted(PhaseKind::Prepare)]);
    s.tick(t0 + secs(1));
    assert_eq!(s.take_cues(), vec![]);
    s.tick(t0 + secs(2));
    assert_eq!(s.take_cues(), vec![Cue::Countdown(3)]);
    s.tick(t0 + secs(3));
    s.tick(t0 + secs(4));
    assert_eq!(s.take_cues(), vec![Cue::Countdown(2), Cue::Countdown(1)]);
    s.tick(t0 + secs(5));
    assert_eq!(s.take_cues(), vec![Cue::PhaseStarted(PhaseKind::Work)]);
    s.tick(t0 + Duration::from_millis(19_990));
    assert_eq!(s.take_cues(), vec![]);
    s.tick(t0 + secs(20));
    assert_eq!(s.take_cues(), vec![Cue::Halfway], "15s into a 30s hold");
    // A late tick that jumps over 3-2-1 rings once, not three times.
    s.tick(t0 + Duration::from_millis(34_500));
    assert_eq!(s.take_cues(), vec![Cue::Countdown(1)]);
}

#[test]
fn short_holds_get_no_halfway_and_heat_gets_skin_checks() {
    let r = routine(
        "name = \"h\"\nkind = \"heat\"\nprepare = \"5s\"\n[[steps]]\nname = \"pack\"\nhold = \"15m\"\n",
    );
    let t0 = Instant::now();
    let mut s = Session::start(&r, t0);
    let mut checks = Vec::new();
    for sec in 0..=905 {
        s.tick(t0 + secs(sec));
        if s.take_cues().contains(&Cue::SkinCheck) {
            checks.push(sec);
        }
    }
    assert_eq!(
        checks,
        vec![305, 605],
        "every 5 minutes of heat, not at the very end"
    );
    let r = routine(
        "name = \"s\"\nkind = \"stretch\"\nprepare = \"5s\"\n[[steps]]\nname = \"a\"\nhold = \"19s\"\n",
    );
    let mut s = Session::start(&r, t0);
    for sec in 0..30 {
        s.tick(t0 + secs(sec));
        assert!(!s.take_cues().contains(&Cue::Halfway));
    }
}

#[test]
fn wakes_only_when_the_displayed_second_changes() {
    let t0 = Instant::now();
    let mut s = Session::start(&routine(SHORT), t0);
    assert_eq!(s.next_wake(t0), Some(t0 + secs(1)));
    let now = t0 + Duration::from_millis(1_300);
    assert_eq!(s.next_wake(now), Some(t0 + secs(2)));
    s.tick(t0 + Duration::from_millis(4_999));
    assert_eq!(
        s.next_wake(t0 + Duration::from_millis(4_999)),
        Some(t0 + secs(5))
    );
}

#[test]
fn a_long_routine_with_irregular_ticks_finds_every_boundary_exactly() {
    let r = long_routine();
    let plan = expand(&r);
    assert!(r.total() > secs(30 * 60), "{:?}", r.total());
    let t0 = Instant::now();
    let mut s = Session::start(&r, t0);
    let mut now = t0;
    let mut seen = vec![t0];
    let mut step = 0u64;
    while s.ended().is_none() {
        step += 1;
        now += Duration::from_micros(13_000 + (step * 7_919_113) % 1_700_000);
        s.tick(now);
        if s.position().0 >= seen.len() {
            seen.push(s.phase_started_at());
        }
    }
    let mut expected = t0;
    for (i, phase) in plan.iter().enumerate() {
        assert_eq!(seen[i], expected, "phase {i} starts on schedule");
        expected += phase.duration.unwrap();
    }
    assert_eq!(s.ended().unwrap().0, t0 + r.total());
}

proptest! {
    /// However ticks and pauses fall, each boundary is start + planned time + time paused before it.
    #[test]
    fn boundaries_are_plan_plus_pauses(
        gaps in proptest::collection::vec(1u64..3_000, 50..400),
        pauses in proptest::collection::vec((0usize..400, 1u64..120_000), 0..10),
    ) {
        let r = routine(SHORT.replace("reps = 8", "reps = 8\ntempo = \"2s\"").as_str());
        let plan = expand(&r);
        let t0 = Instant::now();
        let mut s = Session::start(&r, t0);
        let mut now = t0;
        let mut paused_total = Duration::ZERO;
        // (phase index, its start) and the pause total in force when each phase began.
        let mut starts = vec![(t0, Duration::ZERO)];
        for (i, gap) in gaps.iter().enumerate() {
            now += Duration::from_millis(*gap);
            s.tick(now);
            while s.position().0 >= starts.len() && s.ended().is_none() {
                starts.push((s.phase_started_at(), paused_total));
            }
            for &(_, len) in pauses.iter().filter(|(at, _)| *at == i) {
                s.toggle_pause(now);
                if s.position().0 >= starts.len() && s.ended().is_none() {
                    starts.push((s.phase_started_at(), paused_total));
                }
                now += Duration::from_millis(len);
                s.toggle_pause(now);
                if s.ended().is_none() {
                    paused_total += Duration::from_millis(len);
                }
            }
        }
        let mut planned = Duration::ZERO;
        for (i, (start, paused)) in starts.iter().enumerate() {
            prop_assert_eq!(*start, t0 + planned + *paused, "phase {}", i);
            planned += plan[i].duration.unwrap();
        }
    }
}
