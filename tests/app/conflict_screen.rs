//! Two windows, one log: an edit only replaces the version it was opened on. An entry changed
//! or deleted elsewhere since it was shown is not overwritten or brought back; the form keeps
//! what was typed and shows what the log holds now.

use crate::common;

use common::Harness;
use knotless::symptoms::SymptomLog;
use knotless::tui::{LogMode, Msg};

fn log_with_one_entry() -> Harness {
    let mut h = Harness::new(None);
    h.send(&[Msg::Tab, Msg::Add, Msg::Digit(4), Msg::Save]);
    assert_eq!(h.app.log.entries.len(), 1);
    h
}

fn entries(h: &Harness) -> Vec<knotless::symptoms::SymptomEntry> {
    SymptomLog::new(h.dir()).load().unwrap().entries
}

#[test]
fn the_second_of_two_edits_of_one_entry_is_refused_and_nothing_is_lost() {
    let mut a = log_with_one_entry();
    let mut b = a.beside();
    b.send(&[Msg::Tab]);
    // Both open the entry; A saves pain 7, then B saves pain 2.
    a.send(&[Msg::Edit, Msg::Digit(7), Msg::Save]);
    assert_eq!(entries(&a)[0].pain, 7);
    b.send(&[Msg::Edit, Msg::Digit(2), Msg::Save]);
    assert_eq!(entries(&a)[0].pain, 7, "A's edit is not silently undone");
    let LogMode::Form(form) = &b.app.log.mode else {
        panic!("B stays in its form");
    };
    assert_eq!(form.pain.value, Some(2), "B's typing is kept");
    let screen = b.screen(100, 30);
    assert!(screen.contains("changed elsewhere"), "{screen}");
    assert!(
        screen.contains("pain 7"),
        "the fresh entry is shown: {screen}"
    );
    // Having seen it, B may replace it knowingly.
    b.send(&[Msg::Save]);
    assert_eq!(entries(&a)[0].pain, 2);
}

#[test]
fn an_entry_deleted_elsewhere_is_not_brought_back_by_an_edit() {
    let mut a = log_with_one_entry();
    let mut b = a.beside();
    b.send(&[Msg::Tab, Msg::Edit, Msg::Digit(9)]);
    a.send(&[Msg::Delete, Msg::Yes]);
    assert!(entries(&a).is_empty());
    b.send(&[Msg::Save]);
    assert!(entries(&a).is_empty(), "not resurrected");
    assert!(b.screen(100, 30).contains("deleted elsewhere"));
}

#[test]
fn a_delete_of_an_entry_changed_elsewhere_asks_again() {
    let mut a = log_with_one_entry();
    let mut b = a.beside();
    b.send(&[Msg::Tab]);
    a.send(&[Msg::Edit, Msg::Digit(8), Msg::Save]);
    b.send(&[Msg::Delete, Msg::Yes]);
    assert_eq!(entries(&a).len(), 1, "the changed entry stays");
    assert!(b.screen(100, 30).contains("changed elsewhere"));
    assert_eq!(
        b.app.log.entries[0].pain, 8,
        "B now shows the fresh version"
    );
    b.send(&[Msg::Delete, Msg::Yes]);
    assert!(entries(&a).is_empty());
}

fn follow(h: &mut Harness, file: &str) {
    let paths = knotless::paths::Paths {
        data_dir: h.dir().to_path_buf(),
        config_file: h.dir().join("config.toml"),
        extra_routine_dirs: Vec::new(),
        cache_dir: None,
    };
    let (changed, now) = (vec![h.dir().join(file)], h.now);
    h.app.follow_files(&paths, &changed, now);
}

#[test]
fn a_delete_asked_before_an_edit_arrived_does_not_delete_the_edit_unseen() {
    let mut a = log_with_one_entry();
    let mut b = a.beside();
    b.send(&[Msg::Tab]);
    // B asks "delete?" on version 1; A saves version 2, which B follows in (the list now
    // holds it) before B answers.
    b.send(&[Msg::Delete]);
    a.send(&[Msg::Edit, Msg::Digit(8), Msg::Save]);
    follow(&mut b, "symptoms.jsonl");
    assert_eq!(b.app.log.entries[0].pain, 8, "followed in");
    b.send(&[Msg::Yes]);
    assert_eq!(entries(&a).len(), 1, "A's edit is not deleted unseen");
    assert!(b.screen(100, 30).contains("changed elsewhere"));
}

#[test]
fn an_undo_does_not_overwrite_an_entry_written_again_elsewhere() {
    let mut a = log_with_one_entry();
    a.send(&[Msg::Delete, Msg::Yes]);
    assert!(entries(&a).is_empty());
    let deleted = a.app.log.undo.clone().expect("u can put it back");
    // Another window writes that id again (its own undo, say) before A's `u`.
    let mut again = deleted.clone();
    again.pain = 1;
    SymptomLog::new(a.dir()).save(&again).unwrap();
    a.send(&[Msg::Undo]);
    assert_eq!(entries(&a), vec![again], "the other window's version stays");
    assert!(a.screen(100, 30).contains("written again elsewhere"));
}
