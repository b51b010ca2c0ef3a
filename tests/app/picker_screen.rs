//! The programme picker on the Routines tab (issue 19, item 5): the programmes listed with their
//! length and what they are, the running one marked; a start writes the record `programme start`
//! writes and Today follows it at once; replacing or stopping a running programme asks first.

use crate::common;
use crate::programme_screen::data;

use common::Harness;
use knotless::routine::Library;
use knotless::tui::{Msg, Screen};

fn records(h: &Harness) -> Vec<serde_json::Value> {
    std::fs::read_to_string(h.dir().join("programme.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The programmes in the picker's order, by id.
fn ids(h: &Harness) -> Vec<String> {
    h.app
        .programme
        .programmes
        .programmes
        .iter()
        .map(|p| p.id.clone())
        .collect()
}

#[test]
fn the_picker_lists_every_programme_with_weeks_and_summary_and_marks_the_running_one() {
    let mut h = Harness::in_dir(Library::load(&[]), None, data(&[]));
    h.send(&[Msg::Programmes]);
    assert!(h.app.routines.picker.is_some());
    let screen = h.screen(80, 24);
    for (name, weeks) in [
        ("Gentle return: three weeks", "3 weeks"),
        ("Easy on the nerve: two weeks", "2 weeks"),
        ("Steady back: four weeks", "4 weeks"),
    ] {
        let line = screen
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} missing:\n{screen}"));
        assert!(line.contains(weeks), "{line}");
    }
    assert!(screen.contains("running, week 2 of 4"), "{screen}");
    assert!(screen.contains("Back from a bad spell"), "{screen}");
    // The highlighted programme's cautions, as `programme start` prints them.
    assert!(screen.contains("• Some soreness is fine"), "{screen}");
    // The footer names the picker's keys, from the keymap.
    assert!(screen.contains("S stop it"), "{screen}");
    assert!(screen.contains("esc close"), "{screen}");
    insta::assert_snapshot!("picker_80x24", screen);
    // Tiny terminals draw what fits, without a panic.
    insta::assert_snapshot!("picker_24x8", h.screen(24, 8));
    for (w, hgt) in [(1, 1), (10, 3), (24, 8), (40, 12)] {
        h.screen(w, hgt);
    }
    // Esc closes it, and nothing is written.
    h.send(&[Msg::Cancel]);
    assert!(h.app.routines.picker.is_none());
    assert_eq!(records(&h).len(), 1);
}

#[test]
fn starting_a_programme_writes_a_start_record_and_today_follows_it_at_once() {
    let mut h = Harness::new(None);
    assert!(!h.screen(80, 24).contains("Today · week"));
    h.send(&[Msg::Programmes]);
    let at = ids(&h).iter().position(|id| id == "steady-back").unwrap();
    for _ in 0..at {
        h.send(&[Msg::Down]);
    }
    // Nothing runs: Enter starts it without a question.
    h.send(&[Msg::Confirm]);
    assert!(h.app.routines.picker.is_none());
    let recs = records(&h);
    assert_eq!(recs.len(), 1, "{recs:?}");
    assert_eq!(recs[0]["type"], "start");
    assert_eq!(recs[0]["programme"], "steady-back");
    assert_eq!(recs[0]["start_date"], "2026-11-24");
    let screen = h.screen(80, 24);
    assert!(screen.contains("Today · week 1 of 4"), "{screen}");
    assert!(
        screen.contains("Started Steady back: four weeks"),
        "{screen}"
    );
    assert!(matches!(h.app.screen, Screen::Routines));
}

#[test]
fn replacing_a_running_programme_asks_and_no_keeps_it() {
    let mut h = Harness::in_dir(Library::load(&[]), None, data(&[]));
    h.send(&[Msg::Programmes]);
    let ids = ids(&h);
    let gentle = ids.iter().position(|id| id == "gentle-return").unwrap();
    h.send(&[Msg::First]);
    for _ in 0..gentle {
        h.send(&[Msg::Down]);
    }
    h.send(&[Msg::Confirm]);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Replace the running programme Steady back: four weeks"),
        "{screen}"
    );
    assert!(screen.contains("y yes  n no"), "{screen}");
    insta::assert_snapshot!("picker_replace_80x24", screen);
    // `n` says no: nothing written, the list stays open.
    h.send(&[Msg::Next]);
    assert_eq!(records(&h).len(), 1);
    assert!(h.app.routines.picker.is_some());
    assert!(!h.screen(80, 24).contains("Replace the running"));
    // Asked again, `y` replaces it: one start record, as `programme start` writes.
    h.send(&[Msg::Confirm, Msg::Yes]);
    let recs = records(&h);
    assert_eq!(recs.len(), 2, "{recs:?}");
    assert_eq!(recs[1]["type"], "start");
    assert_eq!(recs[1]["programme"], "gentle-return");
    let active = h.app.programme.state.active.as_ref().unwrap();
    assert_eq!(active.programme, "gentle-return");
    let screen = h.screen(80, 24);
    assert!(screen.contains("Today · week 1 of 3"), "{screen}");
    assert!(
        screen.contains("Stopped Steady back: four weeks. Started"),
        "{screen}"
    );
}

#[test]
fn stopping_the_running_programme_asks_then_writes_a_stop_record() {
    let mut h = Harness::in_dir(Library::load(&[]), None, data(&[]));
    h.send(&[Msg::Programmes, Msg::StopProgramme]);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Stop the running programme Steady back: four weeks?"),
        "{screen}"
    );
    // Esc says no.
    h.send(&[Msg::Cancel]);
    assert_eq!(records(&h).len(), 1);
    assert!(h.app.routines.picker.is_some());
    h.send(&[Msg::StopProgramme, Msg::Yes]);
    let recs = records(&h);
    assert_eq!(recs.len(), 2, "{recs:?}");
    assert_eq!(recs[1]["type"], "stop");
    assert!(h.app.programme.state.active.is_none());
    let screen = h.screen(80, 24);
    assert!(!screen.contains("Today · week"), "{screen}");
    assert!(screen.contains("Stopped Steady back"), "{screen}");
    // With nothing running, the stop key is not offered and does nothing.
    h.send(&[Msg::Programmes]);
    assert!(!h.screen(80, 24).contains("stop it"));
    h.send(&[Msg::StopProgramme]);
    assert!(h.app.routines.picker.as_ref().unwrap().asking.is_none());
}

#[test]
fn a_programme_file_with_control_characters_is_drawn_visibly() {
    let data = data(&[]);
    let config = tempfile::tempdir().unwrap();
    let dir = config.path().join("programmes");
    std::fs::create_dir(&dir).unwrap();
    let bundled = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("programmes/leg-symptoms.toml"),
    )
    .unwrap();
    let hostile = bundled
        .replace(
            "name = \"Easy on the nerve: two weeks\"",
            "name = \"Evil\\u001b]0;pwned\\u0007 \\u202eplan\"",
        )
        .replace("summary = \"With", "summary = \"\\u001b[2JWith");
    std::fs::write(dir.join("evil.toml"), hostile).unwrap();
    let h = Harness::in_dir(Library::load(&[]), None, data);
    let mut app = h.app.with_safety(
        knotless::config::Config::default(),
        knotless::flags::RuleSet::bundled(),
        &config.path().join("config.toml"),
    );
    knotless::tui::update(&mut app, Msg::Programmes, h.now);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| f.render_widget(&app, f.area())).unwrap();
    let screen = terminal.backend().to_string();
    assert!(screen.contains("Evil"), "{screen}");
    assert!(
        !screen.contains('\u{1b}') && !screen.contains('\u{202e}'),
        "{screen}"
    );
    assert!(!screen.contains('\u{7}'), "{screen}");
}

#[test]
fn clicks_and_the_wheel_do_not_reach_the_list_beneath_the_picker() {
    let mut h = Harness::new(None);
    h.resize(80, 24);
    let before = h.app.routines.selected;
    h.send(&[Msg::Programmes]);
    // A click on a routine row outside the box, twice (the second would start it), and Page
    // Down: the list and its detail stay as they were.
    h.send(&[
        Msg::Click(3, 22),
        Msg::Click(3, 22),
        Msg::ScrollDown,
        Msg::Wheel(60, 5, true),
    ]);
    assert!(matches!(h.app.screen, Screen::Routines));
    assert_eq!(h.app.routines.selected, before);
    assert_eq!(h.app.detail_scroll, 0);
    assert!(h.app.routines.picker.is_some());
    // The wheel moves the picker's highlight instead.
    assert_eq!(h.app.routines.picker.as_ref().unwrap().selected, 1);
}
