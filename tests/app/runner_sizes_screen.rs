//! The runner in every stage and phase kind at every size: 24×8, 40×12, 80×24 and 200×60. The
//! briefing, the heat checklist, both pain ratings, each kind of phase, a skin check and the
//! summary. At every size the countdown (or the number of reps) and the key to act stay in view,
//! and words are shortened or dropped whole, never cut.

use crate::common;

use common::{HEAT, Harness, PHASES, running};
use knotless::tui::{Msg, Stage};

const SIZES: [(u16, u16); 4] = [(24, 8), (40, 12), (80, 24), (200, 60)];

/// Each size's screen, snapshotted as `{name}_{w}x{h}`; `check` is asked of each.
fn snap_all(h: &Harness, name: &str, check: impl Fn(u16, u16, &str)) {
    for (w, hgt) in SIZES {
        let screen = h.screen(w, hgt);
        check(w, hgt, &screen);
        insta::assert_snapshot!(format!("{name}_{w}x{hgt}"), screen);
    }
}

/// The bottom line: the key hints.
fn footer(screen: &str) -> &str {
    screen.lines().last().unwrap_or_default()
}

/// Asserts that the screen shows `text` at every size.
fn shows(text: &'static str) -> impl Fn(u16, u16, &str) {
    move |w, h, screen| assert!(screen.contains(text), "{text} at {w}×{h}:\n{screen}")
}

/// Asserts that the footer offers `key` with its action at every size.
fn offers(key: &'static str) -> impl Fn(u16, u16, &str) {
    move |w, h, screen| {
        assert!(
            footer(screen).contains(key),
            "{key} in the footer at {w}×{h}:\n{screen}"
        )
    }
}

fn both(a: impl Fn(u16, u16, &str), b: impl Fn(u16, u16, &str)) -> impl Fn(u16, u16, &str) {
    move |w, h, screen| {
        a(w, h, screen);
        b(w, h, screen);
    }
}

/// The big digits of the countdown, or its text on small terminals.
fn countdown(text: &'static str) -> impl Fn(u16, u16, &str) {
    move |w, h, screen| {
        if h >= 24 {
            assert!(screen.contains("███"), "big digits at {w}×{h}:\n{screen}");
        } else {
            assert!(screen.contains(text), "{text} at {w}×{h}:\n{screen}");
        }
    }
}

/// Where the pose drawing shows, its box is as tall as its `lines` and no taller, with as much
/// room above it as below in the rows between the title and the routine's gauge.
fn snug_drawing(lines: usize) -> impl Fn(u16, u16, &str) {
    move |w, h, screen| {
        let rows: Vec<&str> = screen.lines().collect();
        let Some(top) = rows.iter().position(|r| r.contains('╭')) else {
            return;
        };
        let bottom = rows.iter().position(|r| r.contains('╰')).unwrap();
        assert_eq!(
            bottom - top - 1,
            lines,
            "the drawing's box at {w}×{h}:\n{screen}"
        );
        // The title is row 1; the routine's gauge ("step 2/3") comes after the banner's row.
        let gauge = rows.iter().position(|r| r.contains("step ")).unwrap();
        let (above, below) = (top - 2, gauge - 1 - bottom - 1);
        assert!(above.abs_diff(below) <= 1, "centred at {w}×{h}:\n{screen}");
    }
}

#[test]
fn the_briefing_with_cautions() {
    let mut h = Harness::new(Some("lower-back-release"));
    assert!(matches!(h.stage(), Stage::Briefing { .. }));
    snap_all(&h, "runner_briefing", offers("enter"));
    h.send(&[Msg::Confirm]);
    assert!(matches!(h.stage(), Stage::PainBefore(_)));
}

#[test]
fn the_heat_checklist() {
    let mut h = Harness::new(Some("heat-pack"));
    h.send(&[Msg::Space, Msg::Space]);
    snap_all(&h, "runner_heat_checklist", offers("space"));
}

#[test]
fn pain_before() {
    let mut h = Harness::new(Some("lower-back-release"));
    h.send(&[Msg::Confirm, Msg::Digit(6)]);
    snap_all(&h, "runner_pain_before", offers("enter"));
}

#[test]
fn every_phase_kind() {
    let (mut h, _dir) = running("phases", PHASES);
    snap_all(
        &h,
        "runner_prepare",
        both(countdown("0:05"), offers("space")),
    );

    h.advance(15);
    snap_all(
        &h,
        "runner_paced_reps",
        both(
            both(countdown("0:20"), shows("rep 4 of 10")),
            offers("space"),
        ),
    );

    h.advance(20);
    snap_all(&h, "runner_rest", both(countdown("0:10"), offers("space")));

    h.advance(10 + 8);
    snap_all(
        &h,
        "runner_hold",
        both(both(countdown("0:12"), offers("space")), snug_drawing(7)),
    );

    h.advance(12);
    snap_all(
        &h,
        "runner_switch_sides",
        both(countdown("0:05"), offers("space")),
    );

    h.advance(5 + 20 + 10);
    snap_all(&h, "runner_counted_reps", both(shows("8"), offers("enter")));
}

#[test]
fn heat_with_its_skin_check_interval() {
    let (mut h, _dir) = running("short-checks", HEAT);
    h.advance(5 + 20);
    snap_all(
        &h,
        "runner_heat",
        both(both(countdown("9:40"), offers("q")), shows("every 3 min")),
    );
}

#[test]
fn the_skin_check_prompt() {
    let mut h = Harness::new(Some("heat-pack"));
    h.start_session(None);
    h.advance(30 + 300);
    assert!(matches!(&h.app.screen, knotless::tui::Screen::Runner(r) if r.skin_prompt.is_some()));
    snap_all(
        &h,
        "runner_skin_check",
        both(offers("enter"), both(offers("stop"), shows("10:00 left"))),
    );
}

fn after_a_session() -> Harness {
    let mut h = Harness::new(Some("lower-back-release"));
    h.start_session(Some(6));
    h.advance(60).send(&[Msg::Quit, Msg::Yes]);
    assert!(matches!(h.stage(), Stage::PainAfter(..)));
    h
}

#[test]
fn pain_after() {
    let mut h = after_a_session();
    h.send(&[Msg::Digit(4)]);
    snap_all(&h, "runner_pain_after", offers("enter"));
}

#[test]
fn the_summary() {
    let mut h = after_a_session();
    h.send(&[Msg::Digit(4), Msg::Confirm]);
    assert!(matches!(h.stage(), Stage::Summary(_)));
    snap_all(&h, "runner_summary", offers("enter"));
}

#[test]
fn the_summary_when_pain_rose_keeps_the_advice_before_the_details() {
    let mut h = after_a_session();
    h.send(&[Msg::Digit(9), Msg::Confirm]);
    snap_all(&h, "runner_summary_pain_rose", offers("a log it"));
    for (w, hgt) in [(40, 12), (80, 24)] {
        let screen = h.screen(w, hgt);
        let joined = screen
            .lines()
            .flat_map(|line| line.trim_matches('"').split_whitespace())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            joined.contains("or bladder or bowel changes."),
            "the advice in full at {w}×{hgt}: {joined}"
        );
    }
    // The smallest: the advice in fewer words, whole, still saying when to see a doctor.
    let screen = h.screen(24, 8);
    let joined = screen
        .lines()
        .flat_map(|line| line.trim_matches('"').split_whitespace())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        joined.contains(
            "Stop today. Worse, spreading, numb, weak, or bladder or bowel changes: see a doctor."
        ),
        "the short advice whole at 24×8: {joined}"
    );
}
