//! The overlay stack: every pair of overlays that can be open together, the one in front takes
//! the keys, is drawn on top, and the footer names its keys — never the hidden one's.

use crate::common;

use std::path::Path;

use common::Harness;
use knotless::config::Config;
use knotless::flags::RuleSet;
use knotless::routine::Library;
use knotless::tui::{Msg, Overlay, Screen};

use crate::programme_screen::{data, run_through};

/// The footer: the last line of an 80×24 screen.
fn footer(h: &Harness) -> String {
    footer_at(h, 80, 24)
}

fn footer_at(h: &Harness, width: u16, height: u16) -> String {
    h.screen(width, height)
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned()
}

/// Under a programme, with a check-in due (the last one over three weeks ago).
fn programme_with_checkin_due() -> Harness {
    let data = data(&[("2026-11-19", 4, 4), ("2026-11-20", 4, 4)]);
    let old = "2026-11-01T09:00:00+01:00".parse().unwrap();
    common::checked_in(data.path(), &old);
    Harness::in_dir(Library::load(&[]), None, data)
}

/// Morning mobility run with pain rising from 3 to 6: the flare question, and the check-in due.
fn after_pain_rose_with_checkin_due() -> Harness {
    let mut h = programme_with_checkin_due();
    h.app.routines.selected = h
        .app
        .library
        .routines
        .iter()
        .position(|r| r.id == "morning-mobility")
        .unwrap();
    run_through(&mut h, 3, 6);
    h
}

#[test]
fn after_a_session_where_pain_rose_the_flare_question_comes_first_then_the_check_in() {
    let mut h = after_pain_rose_with_checkin_due();
    assert_eq!(h.app.overlays(), [Overlay::Programme, Overlay::Checkin]);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("A flare plan for the next days?"),
        "{screen}"
    );
    let hints = footer(&h);
    assert!(
        hints.contains("enter start it") && hints.contains("esc not now"),
        "{hints}"
    );
    assert!(
        !hints.contains("y start"),
        "not the hidden check-in's: {hints}"
    );
    // `y` would start the check-in; the question in front does not take it as its own.
    h.send(&[Msg::Cancel]);
    assert_eq!(h.app.overlays(), [Overlay::Checkin]);
    assert!(
        !h.screen(80, 24).contains("Today · flare plan"),
        "Esc said no to the flare plan"
    );
    let hints = footer(&h);
    assert!(
        hints.contains("y start") && hints.contains("esc not now"),
        "{hints}"
    );
    h.send(&[Msg::Yes]);
    assert!(h.screen(80, 24).contains("Question 1 of 3"));
}

#[test]
fn help_over_the_programme_question_takes_the_keys_and_says_how_to_close_it() {
    let mut h = after_pain_rose_with_checkin_due();
    h.send(&[Msg::Help]);
    assert_eq!(
        h.app.overlays(),
        [Overlay::Help, Overlay::Programme, Overlay::Checkin]
    );
    // Help lists the keys of the question beneath it; where the footer shows around it, the
    // footer names help's own keys.
    let screen = h.screen(80, 24);
    assert!(screen.contains("Keys here"), "{screen}");
    assert!(screen.contains("enter  start it"), "{screen}");
    let hints = footer_at(&h, 200, 60);
    assert!(hints.contains("esc close"), "{}", h.screen(200, 60));
    assert!(!hints.contains("enter start it"), "{hints}");
    // Enter closes help; it does not answer the question beneath.
    h.send(&[Msg::Confirm]);
    assert_eq!(h.app.overlays(), [Overlay::Programme, Overlay::Checkin]);
}

#[test]
fn help_over_the_check_in_and_back() {
    let data = tempfile::tempdir().unwrap();
    let old = "2026-11-01T09:00:00+01:00".parse().unwrap();
    common::checked_in(data.path(), &old);
    let mut h = Harness::in_dir(Library::load(&[]), None, data);
    h.app.screen = Screen::Log;
    h.send(&[Msg::Resize]);
    assert_eq!(h.app.overlays(), [Overlay::Checkin]);
    h.send(&[Msg::Help]);
    assert_eq!(h.app.overlays(), [Overlay::Help, Overlay::Checkin]);
    assert!(
        h.screen(80, 24).contains("y  start"),
        "{}",
        h.screen(80, 24)
    );
    assert!(footer_at(&h, 200, 60).contains("esc close"));
    // Esc closes help, not the check-in ("not now" would wait a day).
    h.send(&[Msg::Cancel]);
    assert_eq!(h.app.overlays(), [Overlay::Checkin]);
    assert!(footer(&h).contains("y start"));
}

#[test]
fn a_due_break_closes_help_and_comes_before_the_check_in() {
    let data = tempfile::tempdir().unwrap();
    let old = "2026-11-01T09:00:00+01:00".parse().unwrap();
    common::checked_in(data.path(), &old);
    let mut h = Harness::in_dir(Library::load(&[]), None, data);
    let config = Config::parse(
        "config.toml",
        "[[breaks]]\nroutine = \"posture-check\"\ndays = [\"daily\"]\nfrom = \"00:00\"\nto = \"00:00\"\n",
    )
    .unwrap();
    h.app = h
        .app
        .clone()
        .with_safety(config, RuleSet::bundled(), Path::new("config.toml"));
    h.app.screen = Screen::Log;
    h.send(&[Msg::Resize, Msg::Help]);
    assert_eq!(h.app.overlays(), [Overlay::Help, Overlay::Checkin]);
    // The posture check comes every 30 minutes.
    for _ in 0..40 {
        if h.app.overlay() == Some(Overlay::Break) {
            break;
        }
        h.advance(60);
    }
    assert_eq!(h.app.overlays(), [Overlay::Break]);
    assert!(matches!(h.app.screen, Screen::Breaks));
    let hints = footer(&h);
    assert!(
        !hints.contains("esc close") && !hints.contains("y start"),
        "{hints}"
    );
}

#[test]
fn the_first_run_statement_says_any_key_continues() {
    let data = tempfile::tempdir().unwrap();
    let mut h = Harness::in_dir(Library::load(&[]), None, data);
    std::fs::remove_file(h.dir().join(knotless::tui::WELCOME_SEEN)).unwrap();
    h.app.welcome = true;
    assert_eq!(h.app.overlays(), [Overlay::Welcome]);
    assert!(footer(&h).contains("any key continue"));
    h.send(&[Msg::Down]);
    assert_eq!(h.app.overlays(), []);
}
