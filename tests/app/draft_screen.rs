//! What is typed into the log form survives the app dying mid-entry (kill -9, a crash): the
//! draft is journaled as it is typed and the next start opens the form on it. Saving or letting
//! it go leaves nothing behind; a second window does not take a draft still being typed.

use crate::common;

use common::Harness;
use knotless::routine::Library;
use knotless::symptoms::SymptomLog;
use knotless::tui::{LogMode, Msg, Screen};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn type_text(h: &mut Harness, text: &str) {
    for c in text.chars() {
        h.send(&[Msg::Text(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        ))]);
    }
}

/// An app with a pain of 6 and a note typed into a new entry, nothing saved.
fn typing() -> Harness {
    let mut h = Harness::new(None);
    h.send(&[Msg::Tab, Msg::Add, Msg::Digit(6), Msg::BackTab]);
    type_text(&mut h, "stiff after the drive");
    h
}

/// The app dies: nothing runs after the last key (its memory, and the journal's lock, go).
fn killed(h: Harness) -> tempfile::TempDir {
    let Harness { app, data, .. } = h;
    drop(app);
    data
}

fn note(h: &Harness) -> Vec<String> {
    let LogMode::Form(form) = &h.app.log.mode else {
        panic!("the form is open");
    };
    form.note.lines().to_vec()
}

#[test]
fn a_form_typed_into_when_the_app_died_opens_again_with_what_was_typed() {
    let data = killed(typing());
    assert!(data.path().join("draft.json").exists());
    let mut h = Harness::in_dir(Library::load(&[]), None, data);
    assert!(
        matches!(h.app.screen, Screen::Log),
        "the Log tab, on the form"
    );
    assert_eq!(note(&h), ["stiff after the drive"]);
    let LogMode::Form(form) = &h.app.log.mode else {
        unreachable!()
    };
    assert_eq!(form.pain.value, Some(6));
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("Brought back what you were typing"),
        "{screen}"
    );
    // Saved: one entry, and no draft left to offer again.
    h.send(&[Msg::Save]);
    let entries = SymptomLog::new(h.dir()).load().unwrap().entries;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].note, "stiff after the drive");
    assert!(!h.dir().join("draft.json").exists());
    let again = Harness::in_dir(Library::load(&[]), None, killed(h));
    assert!(
        matches!(again.app.screen, Screen::Routines),
        "nothing offered"
    );
}

#[test]
fn a_draft_let_go_is_gone_and_one_being_typed_elsewhere_is_not_taken() {
    let h = typing();
    // A second window started while the first is typing does not open the draft.
    let beside = h.beside();
    assert!(matches!(beside.app.screen, Screen::Routines));
    drop(beside);
    let mut h = Harness::in_dir(Library::load(&[]), None, killed(h));
    assert_eq!(note(&h), ["stiff after the drive"]);
    // Esc asks before discarding; y lets it go.
    h.send(&[Msg::Cancel, Msg::Yes]);
    assert!(matches!(h.app.log.mode, LogMode::List));
    assert!(!h.dir().join("draft.json").exists());
    assert!(SymptomLog::new(h.dir()).load().unwrap().entries.is_empty());
}
