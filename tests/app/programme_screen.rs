//! Today under a programme, the dose offer after a third good session, the step back, the flare
//! plan, and the History tab's week and level — as a person sees them.

use crate::common;

use std::fs;

use common::Harness;
use knotless::routine::Library;
use knotless::tui::{Msg, Screen, Stage};

/// A programme started on Monday 16 November 2026 (the harness's today is Tuesday the 24th,
/// week 2), and `sessions` of morning mobility with pain before and after.
pub(crate) fn data(sessions: &[(&str, u8, u8)]) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let data = tempfile::tempdir().unwrap();
    fs::write(
        data.path().join("programme.jsonl"),
        r#"{"type":"start","id":"01KA0000000000000000000000","at":"2026-11-16T08:00:00+01:00","programme":"steady-back","start_date":"2026-11-16"}"#.to_owned() + "\n",
    )
    .unwrap();
    let mut history = String::new();
    for (day, before, after) in sessions {
        history.push_str(&format!(
            r#"{{"type":"session","id":"S{day}","routine":"morning-mobility","kind":"stretch","started":"{day}T08:00:00+01:00","ended":"{day}T08:05:00+01:00","active_seconds":300,"outcome":"completed","steps_done":6,"steps_total":6,"pain_before":{before},"pain_after":{after}}}"#
        ));
        history.push('\n');
    }
    fs::write(data.path().join("history.jsonl"), history).unwrap();
    for file in ["programme.jsonl", "history.jsonl"] {
        fs::set_permissions(data.path().join(file), fs::Permissions::from_mode(0o600)).unwrap();
    }
    data
}

/// Runs the highlighted routine to its end with these ratings, and back to the Routines list.
pub(crate) fn run_through(h: &mut Harness, before: u8, after: u8) {
    h.send(&[Msg::Confirm]);
    h.start_session(Some(before));
    for _ in 0..100 {
        if matches!(h.stage(), Stage::PainAfter(..)) {
            break;
        }
        h.advance(30);
    }
    assert!(matches!(h.stage(), Stage::PainAfter(..)), "{:?}", h.stage());
    h.send(&[Msg::Digit(after), Msg::Confirm]);
    assert!(matches!(h.stage(), Stage::Summary(_)), "{:?}", h.stage());
    h.send(&[Msg::Confirm]);
    assert!(matches!(h.app.screen, Screen::Routines));
}

#[test]
fn today_follows_the_programme_with_week_and_levels() {
    let h = Harness::in_dir(Library::load(&[]), None, data(&[]));
    let screen = h.screen(80, 24);
    assert!(screen.contains("Today · week 2 of 4"), "{screen}");
    assert!(
        screen.contains("Morning mobility") && screen.contains("L1 not yet"),
        "{screen}"
    );
    assert!(screen.contains("Desk stretch"), "{screen}");
    insta::assert_snapshot!("programme_today_80x24", screen);
    insta::assert_snapshot!("programme_today_40x12", h.screen(40, 12));
}

#[test]
fn a_third_good_session_offers_the_next_level_and_the_choice_is_recorded() {
    let data = data(&[("2026-11-19", 4, 4), ("2026-11-20", 5, 4)]);
    let mut h = Harness::in_dir(Library::load(&[]), None, data);
    assert_eq!(
        h.app.library.routines[h.app.routines.selected].id,
        "morning-mobility"
    );
    run_through(&mut h, 4, 5);
    let screen = h.screen(80, 24);
    assert!(screen.contains("Ready for a little more?"), "{screen}");
    assert!(screen.contains("Morning mobility: level 1 → 2"), "{screen}");
    insta::assert_snapshot!("programme_offer_80x24", screen);
    insta::assert_snapshot!("programme_offer_40x12", h.screen(40, 12));
    for (w, hgt) in [
        (1, 1),
        (10, 3),
        (20, 6),
        (39, 11),
        (40, 12),
        (59, 20),
        (200, 60),
    ] {
        h.screen(w, hgt);
    }
    // Other keys do not dismiss it.
    h.send(&[Msg::Down, Msg::Quit]);
    assert!(h.screen(80, 24).contains("Ready for a little more?"));
    assert!(!h.app.quit);
    h.send(&[Msg::Confirm]);
    let records = fs::read_to_string(h.dir().join("programme.jsonl")).unwrap();
    assert!(records.contains(r#""direction":"up""#), "{records}");
    let screen = h.screen(80, 60);
    assert!(
        screen.contains("✓ Morning mobility     L2 done"),
        "{screen}"
    );
    // The dosed routine is what runs: holds grew by one 10–20 % step.
    let written = Library::load(&[]);
    let before = written.get("morning-mobility").unwrap();
    let after = h.app.library.get("morning-mobility").unwrap();
    assert_ne!(before.steps, after.steps);
    assert!(after.total() > before.total() && after.total() * 5 <= before.total() * 6);
    // The History tab shows the week and level.
    h.send(&[Msg::Tab, Msg::Tab]);
    for (w, hgt) in [(1, 1), (10, 3), (20, 6), (40, 12), (80, 24), (200, 60)] {
        h.screen(w, hgt);
    }
    let history = h.screen(80, 40);
    assert!(
        history.contains("Steady back: four weeks · week 2 of 4"),
        "{history}"
    );
    assert!(
        history.contains("Morning mobility · week 2 · level 1"),
        "{history}"
    );
    assert!(history.contains("up to level 2"), "{history}");
}

#[test]
fn esc_stays_and_a_two_point_rise_steps_back_and_offers_the_flare_plan() {
    let data = data(&[("2026-11-19", 4, 4), ("2026-11-20", 4, 4)]);
    let mut h = Harness::in_dir(Library::load(&[]), None, data);
    run_through(&mut h, 4, 4);
    h.send(&[Msg::Cancel]);
    let records = fs::read_to_string(h.dir().join("programme.jsonl")).unwrap();
    assert!(records.contains(r#""direction":"stay""#), "{records}");
    // At level 1 a rise cannot step back; it offers the flare plan and says why.
    h.app.routines.selected = h
        .app
        .library
        .routines
        .iter()
        .position(|r| r.id == "morning-mobility")
        .unwrap();
    run_through(&mut h, 3, 6);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("A flare plan for the next days?"),
        "{screen}"
    );
    assert!(screen.contains("went from 3 to 6"), "{screen}");
    h.send(&[Msg::Confirm]);
    let screen = h.screen(80, 24);
    assert!(screen.contains("Today · flare plan"), "{screen}");
    assert!(screen.contains("Flare: first days"), "{screen}");
}

#[test]
fn slash_finds_a_routine_by_typing() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut h = Harness::new(None);
    let key = |c| Msg::Text(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    h.send(&[Msg::Find]);
    assert!(h.app.is_typing());
    for c in "side bridge".chars() {
        h.send(&[key(c)]);
    }
    let screen = h.screen(80, 24);
    assert!(screen.contains("/ side bridge"), "{screen}");
    assert!(screen.contains("Core endurance: from the"), "{screen}");
    assert!(!screen.contains("Desk stretch"), "{screen}");
    insta::assert_snapshot!("find_80x24", screen);
    insta::assert_snapshot!("find_40x12", h.screen(40, 12));
    // Enter keeps the filter and leaves the field; Enter again starts the highlighted one.
    h.send(&[Msg::Confirm]);
    assert!(!h.app.is_typing());
    // A phase name finds its routines too.
    h.send(&[Msg::Cancel, Msg::Find]);
    for c in "nerve".chars() {
        h.send(&[key(c)]);
    }
    assert_eq!(h.app.list_entries().len(), 2);
    for c in "zzz".chars() {
        h.send(&[key(c)]);
    }
    assert!(h.screen(80, 24).contains("No routine matches"));
    h.send(&[Msg::Cancel]);
    assert!(!h.app.routines.find.is_active());
    assert!(h.app.list_entries().len() >= 20);
    h.send(&[
        Msg::Find,
        key('c'),
        key('o'),
        key('r'),
        key('e'),
        Msg::Confirm,
        Msg::Confirm,
    ]);
    match &h.app.screen {
        Screen::Runner(r) => assert!(r.routine.tags.iter().any(|t| t == "core")),
        _ => panic!("Enter starts the routine found"),
    }
}

#[test]
fn shooting_pain_down_one_leg_points_to_the_nerve_friendly_routines() {
    use std::os::unix::fs::PermissionsExt;
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("symptoms.jsonl");
    fs::write(
        &file,
        r#"{"id":"01KAW3J8V4S9M2Q6C7D1E5F0GH","at":"2026-11-24T09:30:00+01:00","pain":5,"onset":"gradual","areas":["leg-left"],"symptoms":["shooting-pain"],"denied":["saddle-numbness","bladder-change","bowel-change","sexual-change"],"triggers":[],"relief":[]}"#.to_owned() + "\n",
    )
    .unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).unwrap();
    let h = Harness::in_dir(Library::load(&[]), None, data);
    assert!(h.app.flags.active.iter().any(|f| f.rule.id == "one-leg"));
    let screen = h.screen(80, 24);
    assert!(
        screen.contains(" Leg symptoms logged: try the") && screen.contains(" bent, no slump)."),
        "{screen}"
    );
}

#[test]
fn pain_of_eight_in_the_log_offers_the_flare_plan_on_the_routines_screen() {
    let mut h = Harness::new(None);
    h.send(&[Msg::Tab, Msg::Add, Msg::Digit(8), Msg::Save]);
    assert!(matches!(h.app.screen, Screen::Log));
    let log = h.screen(80, 24);
    assert!(
        !log.contains("A flare plan"),
        "the Log screen is not interrupted:\n{log}"
    );
    h.send(&[Msg::Cancel]);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("A flare plan for the next days?"),
        "{screen}"
    );
    assert!(
        screen.contains("you logged pain of 8 out of 10"),
        "{screen}"
    );
    h.send(&[Msg::Confirm]);
    assert!(h.screen(80, 24).contains("Today · flare plan"));
    // Pain down on one day only: the plan goes on.
    h.advance(3600);
    h.send(&[Msg::Tab, Msg::Add, Msg::Digit(4), Msg::Save, Msg::Cancel]);
    let screen = h.screen(80, 24);
    assert!(!screen.contains("The flare plan is over"), "{screen}");
    assert!(screen.contains("Today · flare plan"), "{screen}");
    // Down again a day later: the plan ends and says so.
    h.advance(24 * 3600);
    h.send(&[Msg::Tab, Msg::Add, Msg::Digit(3), Msg::Save, Msg::Cancel]);
    let screen = h.screen(80, 24);
    assert!(screen.contains("The flare plan is over"), "{screen}");
    assert!(
        screen.contains("pain has stayed down on two days (4 on Tue 24 Nov, 3 on"),
        "{screen}"
    );
    h.send(&[Msg::Confirm]);
    assert!(!h.screen(80, 24).contains("flare plan"));
}

#[test]
fn the_history_tab_says_why_the_dose_stays() {
    let history = |h: &mut Harness| {
        h.send(&[Msg::Tab, Msg::Tab]);
        h.screen(80, 40)
    };
    // Nearest miss: pain at 5, two sessions: one more to go.
    let mut h = Harness::in_dir(
        Library::load(&[]),
        None,
        data(&[("2026-11-19", 4, 4), ("2026-11-20", 5, 5)]),
    );
    let screen = history(&mut h);
    assert!(
        screen.contains("Morning mobility · level 1: 1 more session"),
        "{screen}"
    );
    // Pain of 6 before a session: it says so, not "one more session".
    let mut h = Harness::in_dir(
        Library::load(&[]),
        None,
        data(&[("2026-11-19", 4, 4), ("2026-11-20", 6, 5)]),
    );
    let screen = history(&mut h);
    assert!(
        screen.contains("Morning mobility · level 1: pain was 6 before the"),
        "{screen}"
    );
    assert!(
        screen.contains("while pain stays at 5 or below."),
        "{screen}"
    );
    for (w, hgt) in [(1, 1), (10, 3), (20, 6), (40, 12), (80, 24)] {
        h.screen(w, hgt);
    }
    // Tingling down one leg in the log: the nerve symptoms hold it.
    use std::os::unix::fs::PermissionsExt;
    let dir = data(&[
        ("2026-11-19", 4, 4),
        ("2026-11-20", 4, 4),
        ("2026-11-21", 4, 4),
    ]);
    let file = dir.path().join("symptoms.jsonl");
    fs::write(
        &file,
        r#"{"id":"01KAW3J8V4S9M2Q6C7D1E5F0GH","at":"2026-11-22T09:30:00+01:00","pain":3,"onset":"gradual","areas":["leg-left"],"symptoms":["tingling"],"denied":["saddle-numbness","bladder-change","bowel-change","sexual-change"],"triggers":[],"relief":[]}"#.to_owned() + "\n",
    )
    .unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).unwrap();
    let mut h = Harness::in_dir(Library::load(&[]), None, dir);
    let screen = history(&mut h);
    assert!(
        screen.contains("Morning mobility · level 1: nerve symptoms"),
        "{screen}"
    );
    insta::assert_snapshot!("programme_history_dose_80x40", screen);
}

#[test]
fn severe_pain_says_see_a_doctor_beside_the_flare_plan() {
    // Nearest miss: pain of 8 once offers the plan without the note.
    let mut h = Harness::new(None);
    h.send(&[Msg::Tab, Msg::Add, Msg::Digit(8), Msg::Save, Msg::Cancel]);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("A flare plan for the next days?"),
        "{screen}"
    );
    assert!(!screen.contains("Book a doctor's"), "{screen}");
    // Pain of 9: the note sits beside the plan, in the question and under Today.
    let mut h = Harness::new(None);
    h.send(&[Msg::Tab, Msg::Add, Msg::Digit(9), Msg::Save, Msg::Cancel]);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("A flare plan for the next days?"),
        "{screen}"
    );
    assert!(
        screen.contains("Book a doctor's appointment: severe"),
        "{screen}"
    );
    insta::assert_snapshot!("flare_severe_pain_80x24", screen);
    h.send(&[Msg::Confirm]);
    let screen = h.screen(80, 24);
    assert!(screen.contains("Today · flare plan"), "{screen}");
    assert!(screen.contains(" Book a doctor's appointment:"), "{screen}");
}

#[test]
fn the_history_tab_shows_every_dose_change_wrapped_and_why_a_skipped_session_does_not_count() {
    use std::os::unix::fs::PermissionsExt;
    let dir = data(&[
        ("2026-11-19", 3, 3),
        ("2026-11-20", 3, 3),
        ("2026-11-21", 3, 3),
    ]);
    // Four dose changes with long reasons, each followed by flare records: the changes are not
    // pushed out by what came after them.
    let mut records = fs::read_to_string(dir.path().join("programme.jsonl")).unwrap();
    let dose = |n: u32, day: &str, from: u8, to: u8, direction: &str| {
        format!(
            r#"{{"type":"dose","id":"01KB00000000000000000000D{n}","at":"{day}T19:00:00+01:00","programme":"steady-back","routine":"morning-mobility","from":{from},"to":{to},"direction":"{direction}","reason":"change {n}: your back took the last 3 sessions well: pain at 5 or below, never more than 1 higher after than before nor higher the next day, every step done, ends{n}"}}"#
        ) + "\n"
    };
    let flare = |n: u32, day: &str, on: bool| {
        format!(
            r#"{{"type":"flare","id":"01KB00000000000000000000F{n}","at":"{day}T20:00:00+01:00","on":{on},"reason":"flare {n}"}}"#
        ) + "\n"
    };
    records.push_str(&dose(1, "2026-11-17", 1, 2, "up"));
    records.push_str(&flare(1, "2026-11-17", true));
    records.push_str(&flare(2, "2026-11-18", false));
    records.push_str(&dose(2, "2026-11-18", 2, 1, "down"));
    records.push_str(&flare(3, "2026-11-18", true));
    records.push_str(&flare(4, "2026-11-18", false));
    records.push_str(&dose(3, "2026-11-19", 1, 1, "stay"));
    records.push_str(&dose(4, "2026-11-20", 1, 2, "up"));
    records.push_str(&flare(5, "2026-11-20", true));
    records.push_str(&flare(6, "2026-11-21", false));
    let file = dir.path().join("programme.jsonl");
    fs::write(&file, records).unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).unwrap();
    // The session of the 22nd ran to the end with every step skipped.
    let file = dir.path().join("history.jsonl");
    let mut history = fs::read_to_string(&file).unwrap();
    history.push_str(r#"{"type":"session","id":"S2026-11-22","routine":"morning-mobility","kind":"stretch","started":"2026-11-22T08:00:00+01:00","ended":"2026-11-22T08:01:00+01:00","active_seconds":60,"outcome":"partial","steps_done":0,"steps_total":6,"pain_before":3,"pain_after":3}"#);
    history.push('\n');
    fs::write(&file, history).unwrap();
    let mut h = Harness::in_dir(Library::load(&[]), None, dir);
    h.send(&[Msg::Tab, Msg::Tab]);
    let screen = h.screen(120, 50);
    for n in 1..=4 {
        assert!(screen.contains(&format!("change {n}:")), "{screen}");
    }
    // Wrapped, not cut: the end of each reason is on screen.
    for n in 1..=4 {
        assert!(screen.contains(&format!("ends{n}")), "{screen}");
    }
    assert!(
        screen.contains("does not count, as every step was"),
        "{screen}"
    );
    insta::assert_snapshot!("programme_history_every_dose_change_120x50", screen);
}
