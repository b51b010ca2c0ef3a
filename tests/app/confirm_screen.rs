//! Nothing is thrown away without asking, and nothing is asked when nothing would be lost: `q`
//! or Esc mid-session, Esc in the log form with something entered.

use crate::common;

use common::Harness;
use knotless::tui::{LogMode, Msg, Stage};

fn running(h: &Harness) -> bool {
    matches!(h.stage(), Stage::Running(s) if s.ended().is_none())
}

#[test]
fn q_mid_session_asks_and_only_y_stops() {
    let mut h = Harness::new(Some("morning-mobility"));
    h.start_session(Some(5));
    h.advance(30);
    for key in [Msg::Quit, Msg::Cancel] {
        h.send(&[key]);
        assert!(running(&h), "{key:?} alone does not stop");
        let screen = h.screen(80, 24);
        assert!(screen.contains("Stop this session?"), "{screen}");
        assert!(screen.contains("y stop the session"), "{screen}");
        // Time runs on while it asks; another key goes on.
        h.advance(2);
        h.send(&[Msg::Other]);
        assert!(running(&h));
        assert!(!h.screen(80, 24).contains("Stop this session?"));
    }
    h.send(&[Msg::Quit, Msg::Yes]);
    assert!(matches!(h.stage(), Stage::PainAfter(..)), "stopped");
}

#[test]
fn q_before_the_first_step_begins_stops_at_once() {
    let mut h = Harness::new(Some("morning-mobility"));
    h.start_session(Some(5));
    h.send(&[Msg::Quit]);
    assert!(!running(&h), "nothing done yet, nothing to lose");
}

#[test]
fn esc_in_the_form_asks_only_when_something_was_entered() {
    let mut h = Harness::new(None);
    h.send(&[Msg::Tab, Msg::Add]);
    assert!(matches!(h.app.log.mode, LogMode::Form(_)));
    h.send(&[Msg::Cancel]);
    assert!(
        matches!(h.app.log.mode, LogMode::List),
        "an untouched form closes at once"
    );

    h.send(&[Msg::Add, Msg::Digit(6), Msg::Cancel]);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Discard what you have entered?"),
        "{screen}"
    );
    h.send(&[Msg::Other]);
    let LogMode::Form(form) = &h.app.log.mode else {
        panic!("still editing");
    };
    assert_eq!(form.pain.value, Some(6), "kept");
    h.send(&[Msg::Cancel, Msg::Yes]);
    assert!(matches!(h.app.log.mode, LogMode::List));
    assert!(!h.dir().join("symptoms.jsonl").exists(), "nothing saved");
}
