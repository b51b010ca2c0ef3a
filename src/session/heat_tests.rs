//! Session heat tests: restarts capped at twenty minutes of heat given, no pausing in heat, and
//! skin checks that follow the heat given.

use std::time::Instant;

use proptest::prelude::*;

use super::tests::{routine, secs};
use super::*;

const HEAT: &str = r#"
name = "Heat"
kind = "heat"
prepare = "30s"
[[steps]]
name = "Pack"
hold = "15m"
"#;

/// Drives a heat session second by second with `keys` (second, key) and returns the seconds
/// spent in heat holds, counted from the outside: the phase in front during each second.
fn heat_seconds(text: &str, keys: &[(u64, char)], until: u64) -> (u64, Session) {
    let t0 = Instant::now();
    let mut s = Session::start(&routine(text), t0);
    let mut heat = 0;
    for sec in 0..until {
        let now = t0 + secs(sec);
        s.tick(now);
        for &(_, key) in keys.iter().filter(|(at, _)| *at == sec) {
            match key {
                'b' => s.back(now),
                'n' => s.next(now),
                ' ' => s.toggle_pause(now),
                'q' => s.stop(now),
                _ => s.done(now),
            }
        }
        if s.current().is_some_and(|p| p.kind == PhaseKind::Work) {
            heat += 1;
        }
    }
    (heat, s)
}

#[test]
fn back_near_the_end_of_heat_restarts_only_what_is_left_of_twenty_minutes() {
    // 14:30 into the hold, back: 5:30 left of the 20 minutes, said with a cue.
    let t0 = Instant::now();
    let mut s = Session::start(&routine(HEAT), t0);
    s.tick(t0 + secs(30 + 870));
    s.take_cues();
    s.back(t0 + secs(900));
    assert_eq!(s.remaining(t0 + secs(900)), Some(secs(330)));
    assert!(s.take_cues().contains(&Cue::HeatCut(secs(330))));
    // Back again a second before the end: one second of heat is left, and that is all.
    s.back(t0 + secs(1229));
    assert_eq!(s.remaining(t0 + secs(1229)), Some(secs(1)));
    s.tick(t0 + secs(1230));
    assert_eq!(s.ended().map(|(at, _)| at), Some(t0 + secs(1230)));
    assert_eq!(s.heat_given(t0 + secs(1230)), secs(1200));

    // Nearest misses, as a table: (keys, heat given in seconds).
    let cases: &[(&[(u64, char)], u64)] = &[
        (&[], 900),            // no keys: the planned 15 minutes
        (&[(900, 'b')], 1200), // back at 14:30: 20 minutes, not 29:30
        (&[(100, 'b')], 970),  // back early: 1:10 + 15:00, under the limit
        (
            &[
                (900, 'b'),
                (1000, 'b'),
                (1100, 'b'),
                (1200, 'b'),
                (1229, 'b'),
            ],
            1200,
        ),
        (&[(31, 'b'), (35, 'b')], 905), // back in the first seconds: to the start
        (&[(500, ' '), (900, 'b'), (1300, ' ')], 1200), // pause is refused in heat
        (&[(10, ' '), (12, 'n'), (2000, ' ')], 900), // paused in prepare, then into heat: it runs
    ];
    for (keys, expected) in cases {
        let (heat, s) = heat_seconds(HEAT, keys, 4000);
        assert_eq!(heat, *expected, "keys {keys:?}");
        assert!(
            s.ended().is_some(),
            "keys {keys:?}: the session ended by itself"
        );
    }
}

/// Two heat holds of 10 minutes with a rest between.
const TWO_HEATS: &str = r#"
name = "Heat twice"
kind = "heat"
prepare = "30s"
rest = "1m"
[[steps]]
name = "Pack low"
hold = "10m"
[[steps]]
name = "Pack high"
hold = "10m"
"#;

#[test]
fn once_twenty_minutes_of_heat_are_given_back_is_refused_and_later_heat_is_skipped() {
    let t0 = Instant::now();
    let mut s = Session::start(&routine(TWO_HEATS), t0);
    s.back(t0 + secs(30 + 540)); // 9:00 in: restart, 11:00 left
    assert_eq!(s.remaining(t0 + secs(570)), Some(secs(600)));
    s.back(t0 + secs(1169)); // 9:59 in: 1:01 left
    assert_eq!(s.remaining(t0 + secs(1169)), Some(secs(61)));
    s.tick(t0 + secs(1235));
    assert_eq!(s.current().unwrap().kind, PhaseKind::Rest);
    assert_eq!(s.heat_given(t0 + secs(1235)), secs(1200));
    s.take_cues();
    s.back(t0 + secs(1240));
    assert_eq!(
        s.take_cues(),
        vec![Cue::Refused(Refusal::HeatUsedUp)],
        "no more heat"
    );
    assert_eq!(s.current().unwrap().kind, PhaseKind::Rest, "it stays put");
    // After the rest the second heat hold is passed over: the session is done.
    s.tick(t0 + secs(1290));
    assert!(s.ended().is_some());
    assert_eq!(s.heat_given(t0 + secs(1290)), secs(1200));
    // The nearest miss: the same routine without the restarts gives its planned 20 minutes.
    let (heat, s) = heat_seconds(TWO_HEATS, &[], 2000);
    assert_eq!((heat, s.ended().is_some()), (1200, true));
}

#[test]
fn heat_does_not_pause_but_the_prepare_before_it_does() {
    let t0 = Instant::now();
    let mut s = Session::start(&routine(HEAT), t0);
    s.toggle_pause(t0 + secs(5));
    assert!(s.is_paused(), "prepare pauses");
    s.next(t0 + secs(6));
    assert!(!s.is_paused(), "into heat: the clock runs");
    s.toggle_pause(t0 + secs(60));
    assert!(!s.is_paused());
    assert_eq!(
        s.take_cues().last(),
        Some(&Cue::Refused(Refusal::HeatDoesNotPause))
    );
    assert_eq!(s.remaining(t0 + secs(66)), Some(secs(840)));
}

#[test]
fn skin_checks_follow_the_heat_given_across_restarts() {
    // Back at 4:00 into the hold: the next check still comes after 5 minutes of heat, at 1:00
    // into the restart, not 5:00.
    let t0 = Instant::now();
    let mut s = Session::start(&routine(HEAT), t0);
    let mut checks = Vec::new();
    for sec in 0..=1300 {
        s.tick(t0 + secs(sec));
        if sec == 270 {
            s.back(t0 + secs(sec));
        }
        if sec == 280 {
            assert_eq!(s.next_skin_check(t0 + secs(sec)), Some(secs(50)));
        }
        if s.take_cues().contains(&Cue::SkinCheck) {
            checks.push(sec);
        }
    }
    assert_eq!(checks, vec![330, 630, 930]);
    // No check is announced past the end of the heat.
    let mut s = Session::start(&routine(HEAT), t0);
    s.tick(t0 + secs(631));
    assert_eq!(
        s.next_skin_check(t0 + secs(631)),
        None,
        "the heat ends first"
    );
    let mut s = Session::start(&routine(HEAT), t0);
    s.tick(t0 + secs(400));
    assert_eq!(s.next_skin_check(t0 + secs(400)), Some(secs(230)));
}

proptest! {
    /// Whatever keys are pressed, whenever, a heat session never gives more than 20 minutes.
    #[test]
    fn no_keys_make_heat_overrun(
        keys in proptest::collection::vec((0u64..2_400, prop_oneof![Just('b'), Just('n'), Just(' '), Just('\n')]), 0..60),
    ) {
        for text in [HEAT, TWO_HEATS] {
            let (heat, _) = heat_seconds(text, &keys, 2_500);
            prop_assert!(heat <= 1200, "{} s of heat with {:?}", heat, keys);
        }
    }
}
