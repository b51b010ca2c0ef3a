//! The runner's details (which rep, the next drawing in a rest, the heat drawing's own
//! skin-check interval), a due break's last seconds, help generated from the keymap, the flag
//! bar as a button, the first-run statement and `knotless run`, and the heat checklist's hint.

use crate::common;

use std::path::Path;

use common::{HEAT, Harness, PHASES, running};
use knotless::config::Config;
use knotless::flags::RuleSet;
use knotless::routine::Library;
use knotless::tui::{App, KeyLabels, Msg, Screen, Stage, Theme};

#[test]
fn the_runner_in_every_phase_kind() {
    let (mut h, _dir) = running("phases", PHASES);
    let prepare = h.screen(80, 24);
    assert!(prepare.contains("Get ready: Pelvic tilt"), "{prepare}");
    insta::assert_snapshot!("runner_prepare_80x24", prepare);

    // Paced reps say which rep is under way: 3 s a rep, 10 s in is the fourth.
    h.advance(5);
    assert!(h.screen(80, 24).contains("rep 1 of 10"));
    h.advance(10);
    let reps = h.screen(80, 24);
    assert!(reps.contains("rep 4 of 10"), "{reps}");
    let small = h.screen(40, 12);
    assert!(small.contains("rep 4 of 10"), "{small}");
    insta::assert_snapshot!("runner_paced_reps_80x24", reps);
    h.advance(17); // 32 s in: the last rep, never "rep 11"
    assert!(h.screen(80, 24).contains("rep 10 of 10"));

    // A rest shows the next step's drawing, named.
    h.advance(3);
    let rest = h.screen(80, 24);
    assert!(rest.contains("Rest"), "{rest}");
    assert!(rest.contains("next: Knee to chest"), "{rest}");
    insta::assert_snapshot!("runner_rest_80x24", rest);

    h.advance(10);
    let hold = h.screen(80, 24);
    assert!(hold.contains("Left"), "{hold}");
    insta::assert_snapshot!("runner_hold_80x24", hold);

    h.advance(20);
    let switch = h.screen(80, 24);
    assert!(switch.contains("Switch sides: Knee to chest"), "{switch}");
    insta::assert_snapshot!("runner_switch_sides_80x24", switch);

    h.advance(5 + 20 + 10);
    let counted = h.screen(80, 24);
    assert!(counted.contains("8 reps"), "{counted}");
    assert!(counted.contains("Press Enter when you have done them all"));
    insta::assert_snapshot!("runner_counted_reps_80x24", counted);

    for (w, hgt) in [(24, 8), (40, 12), (200, 60)] {
        let _ = h.screen(w, hgt);
    }
}

#[test]
fn the_heat_drawing_states_the_routines_own_skin_check_interval() {
    let (mut h, _dir) = running("short-checks", HEAT);
    h.advance(5);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("check the skin every 3 minutes"),
        "{screen}"
    );
    assert!(!screen.contains("every 5 minutes"), "{screen}");
    assert!(screen.contains("Next skin check in 3:00"), "{screen}");
    insta::assert_snapshot!("runner_heat_80x24", screen);

    // The bundled heat pack checks every 5 minutes, and says so.
    let mut h = Harness::new(Some("heat-pack"));
    h.start_session(None);
    h.advance(10);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("check the skin every 5 minutes"),
        "{screen}"
    );
}

fn with_breaks() -> Harness {
    let mut h = Harness::new(None);
    let config = Config::parse(
        "config.toml",
        "[[breaks]]\nroutine = \"posture-check\"\ndays = [\"daily\"]\nfrom = \"00:00\"\nto = \"00:00\"\n",
    )
    .unwrap();
    h.app = h
        .app
        .clone()
        .with_safety(config, RuleSet::bundled(), Path::new("config.toml"));
    h
}

#[test]
fn a_break_in_its_last_minute_counts_down_in_seconds() {
    let mut h = with_breaks();
    h.send(&[Msg::Tab, Msg::Tab, Msg::Tab]);
    h.advance(30 * 60 - 5);
    let screen = h.screen(80, 24);
    assert!(screen.contains("next in 5 s"), "{screen}");
    assert!(!screen.contains("next in 1 min"), "{screen}");
    // It wakes for the next second, not the next minute.
    let wake = h.app.next_wake().unwrap();
    assert_eq!(wake, h.now.instant + std::time::Duration::from_secs(1));
    h.advance(1);
    assert!(h.screen(80, 24).contains("next in 4 s"));
    // Earlier than the last minute it counts in minutes, rounded up.
    h.advance(4);
    h.send(&[Msg::Snooze]);
    h.advance(1);
    let screen = h.screen(80, 24);
    assert!(screen.contains("next in 5 min"), "{screen}");
}

#[test]
fn esc_on_a_due_break_snoozes_it_as_the_footer_and_box_say() {
    let mut h = with_breaks();
    h.advance(30 * 60);
    assert!(h.app.breaks.prompt.is_some());
    let screen = h.screen(80, 24);
    assert!(screen.contains("z (or esc) snooze"), "{screen}");
    assert!(screen.contains("esc snooze too"), "{screen}");
    h.send(&[Msg::Cancel]);
    assert!(h.app.breaks.prompt.is_none());
    let history = std::fs::read_to_string(h.dir().join("history.jsonl")).unwrap();
    assert!(history.contains("\"snoozed\""), "{history}");
}

#[test]
fn help_lists_every_key_of_the_keymap() {
    let mut h = Harness::new(None);
    h.send(&[Msg::Help]);
    let screen = h.screen(100, 60);
    let keymap = knotless::tui::Keymap::default();
    for (name, msg, _, _) in knotless::tui::ACTIONS {
        let label = keymap.label(*msg);
        assert!(!label.is_empty(), "{name}");
        assert!(screen.contains(&label), "{name}: {label}\n{screen}");
    }
    for key in ["g", "G", "pgdn", "pgup", "ctrl-s", "shift-tab", "/", "u"] {
        assert!(
            screen.contains(&format!(" {key} ")) || screen.contains(&format!(" {key}  ")),
            "{key}\n{screen}"
        );
    }
    // At 80×24 it does not all fit: it scrolls, and says so.
    let top = h.screen(80, 24);
    assert!(top.contains("↑↓ more"), "{top}");
    h.app.area = ratatui::layout::Rect::new(0, 0, 80, 24);
    h.send(&[Msg::Last]);
    let bottom = h.screen(80, 24);
    assert!(bottom.contains("force-quit") || bottom.contains("save and quit"));
    assert_ne!(top, bottom);
    assert!(h.app.help, "scrolling keeps it open");
    for (w, hgt) in [(24, 8), (40, 12), (200, 60)] {
        let _ = h.screen(w, hgt);
    }
}

#[test]
fn a_click_on_the_flag_bar_opens_flags_on_the_top_flag() {
    let mut h = Harness::new(None);
    let log = knotless::symptoms::SymptomLog::new(h.dir());
    let entry: knotless::symptoms::SymptomEntry = serde_json::from_str(
        r#"{"id":"01JDX0000000000000000000AB","at":"2026-11-24T09:30:00+01:00","pain":6,"symptoms":["saddle-numbness"]}"#,
    )
    .unwrap();
    log.save(&entry).unwrap();
    h.app.log.entries.push(entry);
    h.send(&[Msg::Resize]);
    assert!(h.app.flags.top().is_some());
    h.app.area = ratatui::layout::Rect::new(0, 0, 80, 24);
    h.send(&[Msg::Tab, Msg::Tab, Msg::Click(10, 0)]);
    assert!(matches!(h.app.screen, Screen::Flags));
    assert_eq!(h.app.flags_tab.selected, 0);
}

fn first_run(start: Option<&str>, config: Option<&str>) -> Harness {
    let data = tempfile::tempdir().unwrap();
    let now = knotless::clock::Now {
        instant: std::time::Instant::now(),
        wall: "2026-11-24T18:30:00+01:00".parse().unwrap(),
    };
    let mut app = App::new(
        Library::load(&[]),
        Theme::new(true),
        data.path(),
        start,
        now,
    );
    if let Some(config) = config {
        app = app.with_safety(
            Config::parse("config.toml", config).unwrap(),
            RuleSet::bundled(),
            Path::new("config.toml"),
        );
    }
    Harness { app, now, data }
}

#[test]
fn the_first_run_statement_never_sits_over_a_running_countdown() {
    let mut h = first_run(Some("posture-check"), None);
    assert!(h.app.welcome);
    assert!(
        !matches!(h.app.screen, Screen::Runner(_)),
        "nothing runs under the statement"
    );
    h.advance(120);
    h.send(&[Msg::Confirm]);
    assert!(!h.app.welcome);
    let Screen::Runner(runner) = &h.app.screen else {
        panic!("the routine opens once the statement is gone");
    };
    assert_eq!(runner.routine.id, "posture-check");
    if let Stage::Running(session) = &runner.stage {
        assert_eq!(
            session.started_at(),
            h.now.instant,
            "it starts now, not before"
        );
    }
}

#[test]
fn the_first_run_statement_asks_for_an_emergency_number_only_when_none_is_set() {
    let h = first_run(None, None);
    assert!(h.screen(80, 24).contains("set emergency_number"));
    let h = first_run(None, Some("emergency_number = \"112\"\n"));
    let screen = h.screen(80, 24);
    assert!(!screen.contains("set emergency_number"), "{screen}");
    assert!(screen.contains("Call 112 now"), "{screen}");
}

#[test]
fn the_checklists_tick_every_item_hint_goes_once_all_are_ticked() {
    let mut h = Harness::new(Some("heat-pack"));
    h.send(&[Msg::Confirm]);
    assert!(h.screen(80, 40).contains("Tick every item before heating"));
    let items = match &h.app.screen {
        Screen::Runner(r) => r.briefing_items.len(),
        _ => unreachable!(),
    };
    // Space ticks and moves on.
    for _ in 0..items {
        h.send(&[Msg::Space]);
    }
    let screen = h.screen(80, 40);
    assert!(!screen.contains("Tick every item"), "{screen}");
}

// ---- The log, day to day ----

fn entry(
    id: &str,
    at: &str,
    pain: u8,
    areas: &[&str],
    note: &str,
) -> knotless::symptoms::SymptomEntry {
    serde_json::from_value(serde_json::json!({
        "id": id, "at": at, "pain": pain, "areas": areas, "note": note,
    }))
    .unwrap()
}

/// The Log tab over these entries, written to the log.
fn log_with(entries: &[knotless::symptoms::SymptomEntry]) -> Harness {
    let data = tempfile::tempdir().unwrap();
    let log = knotless::symptoms::SymptomLog::new(data.path());
    for e in entries {
        log.save(e).unwrap();
    }
    let mut h = Harness::in_dir(Library::load(&[]), None, data);
    h.send(&[Msg::Tab]);
    assert!(matches!(h.app.screen, Screen::Log));
    h
}

fn on_disk(h: &Harness) -> Vec<String> {
    knotless::symptoms::SymptomLog::new(h.dir())
        .load()
        .unwrap()
        .entries
        .iter()
        .map(|e| e.id.clone())
        .collect()
}

const A: &str = "01KB0000000000000000000AAA";
const B: &str = "01KB0000000000000000000BBB";

#[test]
fn u_puts_a_deleted_entry_back_as_it_was() {
    let mut h = log_with(&[
        entry(
            A,
            "2026-11-23T09:00:00+01:00",
            4,
            &["lower-back-left"],
            "stiff",
        ),
        entry(
            B,
            "2026-11-24T09:00:00+01:00",
            6,
            &["neck"],
            "after the drive",
        ),
    ]);
    h.send(&[Msg::Delete, Msg::Yes]);
    assert_eq!(on_disk(&h), vec![A.to_owned()]);
    let screen = h.screen(80, 24);
    assert!(screen.contains("u puts it back"), "{screen}");
    assert!(screen.contains("u undo delete"), "{screen}");
    h.send(&[Msg::Undo]);
    assert_eq!(on_disk(&h), vec![A.to_owned(), B.to_owned()]);
    let back = &h.app.log.entries[1];
    assert_eq!((back.pain, back.note.as_str()), (6, "after the drive"));
    assert_eq!(
        h.app.log.visible(h.now.wall.date_naive())[h.app.log.selected].id,
        B
    );
    assert!(h.screen(80, 24).contains("Put back."));
    // Once: a second `u` has nothing to undo.
    h.send(&[Msg::Undo]);
    assert_eq!(on_disk(&h).len(), 2);
    assert!(h.screen(80, 24).contains("Nothing to undo."));
}

#[test]
fn lower_back_as_a_filter_takes_in_left_and_right_and_esc_clears_the_filters() {
    let mut h = log_with(&[
        entry(A, "2026-11-23T09:00:00+01:00", 4, &["lower-back-left"], ""),
        entry(B, "2026-11-24T09:00:00+01:00", 6, &["neck"], ""),
        entry(
            "01KB0000000000000000000CCC",
            "2026-11-24T10:00:00+01:00",
            3,
            &["lower-back"],
            "",
        ),
        entry(
            "01KB0000000000000000000DDD",
            "2026-11-24T11:00:00+01:00",
            2,
            &["lower-back-right"],
            "",
        ),
    ]);
    h.send(&[Msg::Filter, Msg::Tab]);
    // Step the area filter to "lower-back" (the vocabulary's first area).
    h.send(&[Msg::Right]);
    assert_eq!(h.app.log.filter.area.as_deref(), Some("lower-back"));
    let today = h.now.wall.date_naive();
    assert_eq!(h.app.log.visible(today).len(), 3, "left, right and no side");
    assert!(h.screen(80, 24).contains("d clear all"));
    h.send(&[Msg::Confirm]);
    assert!(h.screen(80, 24).contains("esc clear filters"));
    h.send(&[Msg::Cancel]);
    assert!(matches!(h.app.screen, Screen::Log), "the first Esc clears");
    assert!(!h.app.log.filter.is_active());
    assert_eq!(h.app.log.visible(today).len(), 4);
    h.send(&[Msg::Cancel]);
    assert!(
        matches!(h.app.screen, Screen::Routines),
        "the second goes back"
    );

    // `d` in the filter bar clears them all.
    let mut h = log_with(&[entry(A, "2026-11-23T09:00:00+01:00", 4, &["neck"], "")]);
    h.send(&[Msg::Filter, Msg::Right, Msg::Tab, Msg::Right]);
    assert!(h.app.log.filter.is_active());
    h.send(&[Msg::Delete]);
    assert!(!h.app.log.filter.is_active());
}

#[test]
fn the_time_of_an_entry_can_be_set_in_the_form_and_the_id_keeps_when_it_was_written() {
    let mut h = log_with(&[entry(A, "2026-11-23T09:00:00+01:00", 4, &["neck"], "stiff")]);
    // Edit: Shift-Tab from the pain rating is the note, and Tab from the note the time.
    h.send(&[Msg::Edit, Msg::BackTab, Msg::Tab]);
    let screen = h.screen(80, 24);
    assert!(screen.contains("When: Mon 23 Nov 09:00"), "{screen}");
    h.send(&[Msg::Down, Msg::Left, Msg::Left]); // a day earlier, 30 minutes earlier
    assert!(h.screen(80, 24).contains("When: Sun 22 Nov 08:30"));
    h.send(&[Msg::Save]);
    let saved = knotless::symptoms::SymptomLog::new(h.dir())
        .load()
        .unwrap()
        .entries;
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].id, A, "an edit keeps its id");
    assert_eq!(saved[0].at.to_rfc3339(), "2026-11-22T08:30:00+01:00");
    assert_eq!(saved[0].note, "stiff");

    // A new entry: never later than now.
    h.send(&[
        Msg::Add,
        Msg::Digit(3),
        Msg::BackTab,
        Msg::Tab,
        Msg::Up,
        Msg::Right,
    ]);
    assert!(h.screen(80, 24).contains("When: Tue 24 Nov 18:30"));
    // Tab from the time goes round to the pain rating.
    h.send(&[Msg::Left, Msg::Tab]);
    assert!(h.screen(80, 24).contains("▸ Pain"));
    h.send(&[Msg::Save]);
    let saved = knotless::symptoms::SymptomLog::new(h.dir())
        .load()
        .unwrap()
        .entries;
    let new = saved.iter().find(|e| e.id != A).unwrap();
    assert_eq!(new.at.to_rfc3339(), "2026-11-24T18:15:00+01:00");
    assert!(new.id.as_str() > A, "its id says when it was written");
}

#[test]
fn a_long_note_wraps_in_the_form_and_in_the_detail_pane() {
    let long = "Woke up stiff after the long drive yesterday; the knot under the left shoulder \
                blade eased with heat but came back by lunch, worse when sitting at the desk";
    let mut h = log_with(&[entry(
        A,
        "2026-11-24T09:00:00+01:00",
        5,
        &["upper-back"],
        long,
    )]);
    let list = h.screen(80, 24);
    assert!(list.contains("came back by lunch"), "{list}");
    assert!(list.contains("sitting at the desk"), "{list}");
    h.send(&[Msg::Edit, Msg::BackTab]);
    let form = h.screen(80, 24);
    assert!(form.contains("Woke up stiff"), "{form}");
    assert!(form.contains("sitting at the desk"), "{form}");
    insta::assert_snapshot!("log_form_long_note_80x24", form);
    for (w, hgt) in [(24, 8), (40, 12), (200, 60)] {
        let _ = h.screen(w, hgt);
    }
}

#[test]
fn today_moves_to_the_new_day_at_midnight_without_a_key() {
    let mut h = Harness::new(None);
    // 18:30: the one wake-up of an idle app is at midnight, 5 h 30 min away.
    let wake = h.app.next_wake().unwrap();
    assert_eq!(
        wake,
        h.now.instant + std::time::Duration::from_secs(5 * 3600 + 30 * 60)
    );
    // The event loop sleeps until then and sends a Tick: the day changes and it redraws.
    h.now.instant = wake;
    h.now.wall += chrono::Duration::seconds(5 * 3600 + 30 * 60);
    let redraw = knotless::tui::update(&mut h.app, Msg::Tick, h.now);
    assert!(redraw, "midnight redraws");
    assert_eq!(h.app.now.wall.date_naive().to_string(), "2026-11-25");
    // Next: the start of working hours (09:00), when the default break timer begins.
    let next = h.app.next_wake().unwrap();
    assert_eq!(
        next,
        h.now.instant + std::time::Duration::from_secs(9 * 3600)
    );
    // A tick within the day does not redraw an idle screen.
    h.now.instant += std::time::Duration::from_secs(60);
    h.now.wall += chrono::Duration::seconds(60);
    assert!(!knotless::tui::update(&mut h.app, Msg::Tick, h.now));
}

#[test]
fn a_date_range_of_ones_own_filters_the_log() {
    let mut h = log_with(&[
        entry(A, "2026-11-10T09:00:00+01:00", 4, &["neck"], ""),
        entry(B, "2026-11-15T09:00:00+01:00", 6, &["neck"], ""),
        entry(
            "01KB0000000000000000000CCC",
            "2026-11-20T10:00:00+01:00",
            3,
            &["neck"],
            "",
        ),
    ]);
    let today = h.now.wall.date_naive();
    // All → 7 → 30 → 90 days → dates: the last 7 days to start with (18–24 Nov).
    h.send(&[Msg::Filter, Msg::Left]);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("from 18 Nov") && screen.contains("to 24 Nov"),
        "{screen}"
    );
    assert_eq!(h.app.log.visible(today).len(), 1);
    // From: 5 days earlier (13 Nov); To: 4 days earlier (20 Nov).
    h.send(&[Msg::Tab]);
    for _ in 0..5 {
        h.send(&[Msg::Left]);
    }
    h.send(&[Msg::Tab]);
    for _ in 0..4 {
        h.send(&[Msg::Left]);
    }
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("from 13 Nov") && screen.contains("to 20 Nov"),
        "{screen}"
    );
    let shown: Vec<&str> = h
        .app
        .log
        .visible(today)
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(
        shown,
        vec!["01KB0000000000000000000CCC", B],
        "both ends included"
    );
    // To before From moves From along.
    for _ in 0..10 {
        h.send(&[Msg::Left]);
    }
    assert!(h.screen(80, 24).contains("from 10 Nov"));
    assert_eq!(h.app.log.visible(today).len(), 1);
    for (w, hgt) in [(24, 8), (40, 12), (200, 60)] {
        let _ = h.screen(w, hgt);
    }
    // Tab goes on to the area after To.
    h.send(&[Msg::Tab]);
    assert_eq!(
        h.app.log.filter.focus,
        Some(knotless::tui::FilterField::Area)
    );
}

#[test]
fn u_right_after_acknowledging_takes_the_acknowledgement_back() {
    let mut h = Harness::new(None);
    let log = knotless::symptoms::SymptomLog::new(h.dir());
    for (id, symptom) in [
        ("01JDX0000000000000000000AB", "saddle-numbness"),
        ("01JDX0000000000000000000AC", "fever"),
    ] {
        let entry: knotless::symptoms::SymptomEntry = serde_json::from_value(serde_json::json!({
            "id": id, "at": "2026-11-24T09:30:00+01:00", "pain": 6, "symptoms": [symptom],
        }))
        .unwrap();
        log.save(&entry).unwrap();
        h.app.log.entries.push(entry);
    }
    h.send(&[Msg::Flags]);
    let active = h.app.flags.active.len();
    assert!(active >= 2, "two flags raised");
    let first = h.app.flags.active[0].rule.id.clone();
    h.send(&[Msg::Checked, Msg::Yes]);
    assert_eq!(h.app.flags.active.len(), active - 1);
    let selected = h.app.selected_flag().unwrap();
    assert_eq!(selected.rule.id, first, "the highlight stays on it");
    assert!(selected.acknowledged.is_some());
    let screen = h.screen(80, 24);
    let footer = screen.lines().last().unwrap();
    assert!(footer.contains("u take back"), "{screen}");
    assert!(
        !footer.contains(" c "),
        "c is not offered on a muted flag: {footer}"
    );
    h.send(&[Msg::Undo]);
    assert_eq!(h.app.flags.active.len(), active, "active again");
    assert_eq!(h.app.selected_flag().unwrap().rule.id, first);
}
