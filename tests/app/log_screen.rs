//! The Log tab as a person uses it: filling in the form by keyboard (with the screening
//! questions), the list, editing, deleting with confirmation, filters.

use crate::common;

use common::Harness;
use knotless::symptoms::SymptomLog;
use knotless::tui::{LogMode, Msg, Screen, Section};

fn on_log_tab() -> Harness {
    let mut h = Harness::new(None);
    h.send(&[Msg::Tab]);
    assert!(matches!(h.app.screen, Screen::Log));
    h
}

fn form_focus(h: &Harness) -> Section {
    match &h.app.log.mode {
        LogMode::Form(form) => form.focus,
        other => panic!("not in the form: {other:?}"),
    }
}

/// Pain 6, sudden, lower back and left leg, knot and shooting pain, after sitting, heat helped.
fn fill_in_a_leg_entry(h: &mut Harness) {
    h.send(&[Msg::Add, Msg::Digit(6), Msg::Tab, Msg::Right, Msg::Tab]);
    assert_eq!(form_focus(h), Section::Areas);
    h.send(&[
        Msg::Space,
        Msg::Down,
        Msg::Down,
        Msg::Down,
        Msg::Left,
        Msg::Space,
    ]);
    h.send(&[
        Msg::Tab,
        Msg::Space,
        Msg::Right,
        Msg::Right,
        Msg::Right,
        Msg::Right,
        Msg::Right,
        Msg::Space,
    ]);
    h.send(&[Msg::Tab, Msg::Space, Msg::Tab, Msg::Space, Msg::Tab]);
}

#[test]
fn an_entry_with_leg_symptoms_asks_the_screening_questions_and_saves_the_answers() {
    let mut h = on_log_tab();
    fill_in_a_leg_entry(&mut h);
    assert_eq!(
        form_focus(&h),
        Section::Screening,
        "leg symptoms bring the questions"
    );
    insta::assert_snapshot!("log_form_screening_80x24", h.screen(80, 24));

    // Saving before answering is refused, with the reason on screen.
    h.send(&[Msg::Confirm]);
    assert_eq!(form_focus(&h), Section::Screening);
    assert!(
        h.screen(80, 24)
            .contains("Please answer each screening question")
    );
    assert!(
        SymptomLog::new(h.dir()).load().unwrap().entries.is_empty(),
        "nothing written"
    );

    // y to the first (saddle numbness) would add the symptom; here: no, no, no, no.
    h.send(&[Msg::Next, Msg::Next, Msg::Next, Msg::Next, Msg::Tab]);
    assert_eq!(form_focus(&h), Section::Note);
    for c in "after the drive".chars() {
        h.send(&[Msg::Text(key(c))]);
    }
    h.send(&[Msg::Save]);
    assert!(matches!(h.app.log.mode, LogMode::List));

    let entries = SymptomLog::new(h.dir()).load().unwrap().entries;
    assert_eq!(entries.len(), 1);
    let e = &entries[0];
    assert_eq!(e.pain, 6);
    assert_eq!(e.onset, Some(knotless::symptoms::Onset::Sudden));
    assert_eq!(e.areas, ["lower-back", "leg-left"]);
    assert_eq!(e.symptoms, ["knot", "shooting-pain"]);
    assert_eq!(
        e.denied,
        [
            "saddle-numbness",
            "bladder-change",
            "bowel-change",
            "sexual-change"
        ]
    );
    assert_eq!(e.triggers, ["sitting"]);
    assert_eq!(e.relief, ["heat"]);
    assert_eq!(e.note, "after the drive");

    // The list shows it, and the pane below it spells out what the row had to shorten.
    let screen = h.screen(80, 24);
    for expected in [
        "Where: Lower back (middle); Leg, left · Felt: Knot or tight spot; Sharp or",
        "began suddenly · after: Sitting · helped: Heat · said no to every screening",
        "“after the drive”",
    ] {
        assert!(screen.contains(expected), "{expected:?} missing:\n{screen}");
    }
}

#[test]
fn a_yes_to_a_screening_question_is_logged_as_that_symptom() {
    let mut h = on_log_tab();
    fill_in_a_leg_entry(&mut h);
    h.send(&[Msg::Yes, Msg::Next, Msg::Next, Msg::Next, Msg::Confirm]);
    let e = &SymptomLog::new(h.dir()).load().unwrap().entries[0];
    assert!(e.symptoms.contains("saddle-numbness"));
    assert!(!e.denied.contains("saddle-numbness"));
}

#[test]
fn a_back_only_entry_needs_no_screening_and_pain_is_required() {
    let mut h = on_log_tab();
    h.send(&[Msg::Add, Msg::Confirm]);
    assert!(h.screen(80, 24).contains("Rate your pain"));
    h.send(&[Msg::Digit(1), Msg::Digit(0), Msg::Confirm]);
    let e = &SymptomLog::new(h.dir()).load().unwrap().entries[0];
    assert_eq!(e.pain, 10, "typing 1 then 0 is ten");
    assert!(e.denied.is_empty());
}

#[test]
fn ctrl_c_in_the_form_saves_what_can_be_saved_and_quits() {
    let mut h = on_log_tab();
    h.send(&[Msg::Add, Msg::Digit(4), Msg::ForceQuit]);
    assert!(h.app.quit);
    let entries = SymptomLog::new(h.dir()).load().unwrap().entries;
    assert_eq!(entries.len(), 1, "\"save and quit\"");
    assert_eq!(entries[0].pain, 4);

    // Without a pain rating there is nothing to save: it quits all the same.
    let mut h = on_log_tab();
    h.send(&[Msg::Add, Msg::ForceQuit]);
    assert!(h.app.quit);
    assert!(SymptomLog::new(h.dir()).load().unwrap().entries.is_empty());
}

fn key(c: char) -> ratatui::crossterm::event::KeyEvent {
    ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Char(c),
        ratatui::crossterm::event::KeyModifiers::NONE,
    )
}

fn log_three(h: &mut Harness) {
    for (pain, hours_ago) in [(3u8, 50i64), (7, 26), (5, 2)] {
        h.now.wall -= chrono::Duration::hours(hours_ago);
        h.send(&[Msg::Add, Msg::Digit(pain), Msg::Confirm]);
        h.now.wall += chrono::Duration::hours(hours_ago);
    }
}

#[test]
fn the_list_shows_newest_first_and_edits_and_deletes_with_confirmation() {
    let mut h = on_log_tab();
    log_three(&mut h);
    insta::assert_snapshot!("log_list_80x24", h.screen(80, 24));
    let pains = |h: &Harness| -> Vec<u8> {
        h.app
            .log
            .visible(h.now.wall.date_naive())
            .iter()
            .map(|e| e.pain)
            .collect()
    };
    assert_eq!(pains(&h), [5, 7, 3]);

    // Edit the second: pain 7 → 4.
    h.send(&[Msg::Down, Msg::Edit, Msg::Digit(4), Msg::Confirm]);
    assert_eq!(pains(&h), [5, 4, 3]);
    assert_eq!(
        h.app.log.selected, 1,
        "the highlight stays on the edited entry"
    );

    // Delete asks first; n keeps it, y deletes it.
    h.send(&[Msg::Down, Msg::Delete]);
    assert!(h.screen(80, 24).contains("Delete this entry?"));
    h.send(&[Msg::Next]);
    assert_eq!(pains(&h), [5, 4, 3]);
    h.send(&[Msg::Down, Msg::Delete, Msg::Yes]);
    assert_eq!(pains(&h), [5, 4]);

    // The file agrees once reloaded: edits folded, the delete applied.
    let on_disk: Vec<u8> = SymptomLog::new(h.dir())
        .load()
        .unwrap()
        .entries
        .iter()
        .rev()
        .map(|e| e.pain)
        .collect();
    assert_eq!(on_disk, [5, 4]);
}

#[test]
fn filters_narrow_the_list() {
    let mut h = on_log_tab();
    log_three(&mut h);
    h.send(&[
        Msg::Add,
        Msg::Digit(2),
        Msg::Tab,
        Msg::Tab,
        Msg::Space,
        Msg::Confirm,
    ]);
    // Range: last 7 days keeps all four; area: the first area in the vocabulary (neck)… none.
    h.send(&[Msg::Filter, Msg::Tab, Msg::Right]);
    assert_eq!(h.app.log.filter.area.as_deref(), Some("lower-back"));
    h.send(&[Msg::Confirm]);
    let visible = h.app.log.visible(h.now.wall.date_naive());
    assert_eq!(visible.len(), 1);
    assert_eq!(visible[0].pain, 2);
    assert!(h.screen(80, 24).contains("1 of 4 entries"));
}

#[test]
fn unreadable_lines_are_reported_in_the_app_with_their_line_number() {
    let data = tempfile::tempdir().unwrap();
    let log = SymptomLog::new(data.path());
    let mut h = Harness::in_dir(knotless::routine::Library::load(&[]), None, data);
    h.send(&[Msg::Tab, Msg::Add, Msg::Digit(3), Msg::Confirm]);
    let mut text = std::fs::read_to_string(log.store().path()).unwrap();
    text.push_str("{\"id\":\"torn");
    std::fs::write(log.store().path(), text).unwrap();
    let data = std::mem::replace(&mut h.data, tempfile::tempdir().unwrap());
    let h = Harness::in_dir(knotless::routine::Library::load(&[]), None, data);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("symptoms.jsonl line 2 could not be read"),
        "{screen}"
    );
    assert_eq!(h.app.log.entries.len(), 1);
}
