//! The screen contract's hints (issue 18, item 5): on every tab, in the runner and in the Log's
//! other modes, each hint names keys the keymap binds, and every action a hint names does
//! something there. Hints follow `[keys]`, and a hint whose action has no key is not drawn.

use knotless::tui::{Keymap, Msg, Screen, Tab, hints, update};
use ratatui::layout::Rect;

use crate::common::Harness;

const AREA: Rect = Rect::new(0, 0, 80, 24);

/// Each tab as it opens, the runner's first stage and its session, the Log's review and form.
fn states() -> Vec<(String, Harness)> {
    let mut states = Vec::new();
    for tab in Tab::ALL {
        let mut h = Harness::new(None);
        h.app.screen = tab.screen();
        states.push((format!("{tab:?}"), h));
    }
    let mut h = Harness::new(None);
    h.send(&[Msg::Confirm]);
    assert!(
        matches!(h.app.screen, Screen::Runner(_)),
        "Enter opens the runner"
    );
    states.push(("the runner".to_owned(), h.clone_state()));
    h.start_session(Some(3));
    states.push(("a session".to_owned(), h));
    for (name, key) in [("the review", Msg::Review), ("the form", Msg::Add)] {
        let mut h = Harness::new(None);
        h.app.screen = Screen::Log;
        h.send(&[key]);
        states.push((name.to_owned(), h));
    }
    // The programme picker with a programme running (`S` stops it), and its question.
    let mut h = Harness::in_dir(
        knotless::routine::Library::load(&[]),
        None,
        crate::programme_screen::data(&[]),
    );
    h.send(&[Msg::Programmes]);
    states.push(("the programme picker".to_owned(), h.clone_state()));
    h.send(&[Msg::StopProgramme]);
    states.push(("the picker's question".to_owned(), h));
    for (_, h) in &mut states {
        h.resize(AREA.width, AREA.height);
    }
    states
}

#[test]
fn every_hinted_key_is_bound_and_does_something() {
    let keymap = Keymap::default();
    for (name, h) in states() {
        let shown = hints(&h.app, AREA);
        assert!(!shown.is_empty(), "{name}: no hints");
        for hint in shown {
            assert!(
                hint.label(&keymap).is_some(),
                "{name}: `{}` names a key that is not bound",
                hint.what
            );
            for action in hint.actions() {
                // `R` opens the report in a browser: `r` (tested alike) writes the same one.
                if action == knotless::tui::Action::ReportOpen {
                    continue;
                }
                let mut c = h.clone_state();
                let now = c.now;
                let acted = update(&mut c.app, Msg::Action(action), now);
                assert!(
                    acted,
                    "{name}: `{}` ({action:?}) is hinted but does nothing",
                    hint.what
                );
            }
        }
    }
}

#[test]
fn hints_follow_the_keys_setting_and_leave_out_an_action_without_a_key() {
    let over: Vec<(String, Vec<String>)> =
        vec![("quit".into(), vec!["x".into()]), ("find".into(), vec![])];
    let mut h = Harness::new(None);
    h.app.config.keys = Keymap::with_overrides(&over).unwrap();
    let screen = h.screen(80, 24);
    assert!(screen.contains(" x quit"), "{screen}");
    assert!(!screen.contains("/ find"), "{screen}");
    assert!(!screen.contains(" q quit"), "{screen}");
}
