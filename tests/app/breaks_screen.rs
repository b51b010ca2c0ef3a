//! Posture breaks in the app: a due break takes over the screen (never a running session),
//! start now / snooze / skip with a reason, "did you do it?", outcomes in `history.jsonl`.

use crate::common;

use common::Harness;
use knotless::config::Config;
use knotless::flags::RuleSet;
use knotless::tui::{App, BreakPrompt, Msg, Screen, Stage, Tab};

/// An app whose breaks run all day: a posture check every 30 minutes and a desk reset hourly.
fn with_breaks(start: Option<&str>) -> Harness {
    let mut h = Harness::new(start);
    let config = Config::parse(
        "config.toml",
        "[cues]\nsnooze = \"10m\"\n\n[[breaks]]\nroutine = \"posture-check\"\ndays = [\"daily\"]\nfrom = \"00:00\"\nto = \"00:00\"\n\n[[breaks]]\nroutine = \"desk-reset\"\ndays = [\"daily\"]\nfrom = \"00:00\"\nto = \"00:00\"\n",
    )
    .unwrap();
    h.app = h.app.clone().with_safety(
        config,
        RuleSet::bundled(),
        std::path::Path::new("config.toml"),
    );
    h
}

fn history(h: &Harness) -> Vec<serde_json::Value> {
    std::fs::read_to_string(h.dir().join("history.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn prompt(app: &App) -> Option<BreakPrompt> {
    app.breaks.prompt
}

#[test]
fn the_breaks_tab_shows_each_timer_and_when_it_is_next() {
    let mut h = with_breaks(None);
    h.send(&[Msg::Tab, Msg::Tab, Msg::Tab]);
    assert_eq!(h.app.tab(), Tab::Breaks);
    h.advance(12 * 60);
    let screen = h.screen(80, 24);
    assert!(screen.contains("Posture check"), "{screen}");
    assert!(screen.contains("next in 18 min (19:00)"), "{screen}");
    assert!(screen.contains("next in 48 min (19:30)"), "{screen}");
    assert!(
        screen.contains("0 taken · 0 snoozed · 0 skipped"),
        "{screen}"
    );
    insta::assert_snapshot!("breaks_80x24", screen);
    // The minutes count down on their own: the app wakes at the next minute.
    let wake = h.app.next_wake().unwrap();
    assert!(wake <= h.now.instant + std::time::Duration::from_secs(60));
}

#[test]
fn a_due_break_takes_over_and_can_be_snoozed_then_skipped_with_a_reason() {
    let mut h = with_breaks(None);
    h.advance(30 * 60);
    assert_eq!(prompt(&h.app), Some(BreakPrompt::Due(0)));
    assert_eq!(h.app.tab(), Tab::Breaks);
    assert!(h.app.bells > 0, "a bell");
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Time for a break: Posture check"),
        "{screen}"
    );
    insta::assert_snapshot!("break_due_80x24", screen);

    h.send(&[Msg::Snooze]);
    assert_eq!(prompt(&h.app), None);
    h.advance(9 * 60);
    assert_eq!(prompt(&h.app), None);
    h.advance(60);
    assert_eq!(
        prompt(&h.app),
        Some(BreakPrompt::Due(0)),
        "back after 10 minutes"
    );

    h.send(&[Msg::Skip]);
    assert!(h.screen(80, 24).contains("why? (optional)"));
    h.send(&[Msg::Digit(1)]);
    assert_eq!(prompt(&h.app), None);
    let records = history(&h);
    let outcomes: Vec<(&str, &str)> = records
        .iter()
        .map(|r| (r["outcome"].as_str().unwrap(), r["type"].as_str().unwrap()))
        .collect();
    assert_eq!(outcomes, [("snoozed", "break"), ("skipped", "break")]);
    assert_eq!(records[1]["reason"], "in a meeting");
    assert_eq!(records[1]["routine"], "posture-check");
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("0 taken · 1 snoozed · 1 skipped"),
        "{screen}"
    );
    assert!(screen.contains("skipped (in a meeting)"), "{screen}");
}

#[test]
fn starting_a_break_runs_its_routine_then_asks_whether_it_was_done() {
    let mut h = with_breaks(None);
    h.advance(60 * 60);
    assert_eq!(
        prompt(&h.app),
        Some(BreakPrompt::Due(1)),
        "the hourly reset covers both"
    );
    h.send(&[Msg::Confirm]);
    match &h.app.screen {
        Screen::Runner(r) => assert_eq!(r.routine.id, "desk-reset"),
        _ => panic!("the routine should run"),
    }
    h.advance(200);
    assert!(matches!(h.stage(), Stage::Summary(_)));
    h.send(&[Msg::Confirm]);
    assert_eq!(prompt(&h.app), Some(BreakPrompt::DidYouDoIt(1)));
    assert!(h.screen(80, 24).contains("Did you do the Desk reset?"));
    h.send(&[Msg::Yes]);
    let records = history(&h);
    assert_eq!(records.last().unwrap()["outcome"], "taken");
    assert_eq!(
        records[0]["type"], "session",
        "the session itself is recorded too"
    );
    // Both timers restart from now: nothing due for another half hour.
    h.advance(29 * 60);
    assert_eq!(prompt(&h.app), None);
    h.advance(60);
    assert_eq!(prompt(&h.app), Some(BreakPrompt::Due(0)));
}

#[test]
fn a_running_session_is_never_interrupted() {
    let mut h = with_breaks(Some("lower-back-release"));
    h.start_session(None);
    h.advance(35 * 60);
    assert!(matches!(h.app.screen, Screen::Runner(_)));
    assert_eq!(prompt(&h.app), None);
    // Out of the runner, the waiting break is offered.
    h.send(&[Msg::Skip, Msg::Confirm]);
    assert_eq!(prompt(&h.app), Some(BreakPrompt::Due(0)));
}

#[test]
fn the_history_tab_counts_this_weeks_breaks() {
    let mut h = with_breaks(None);
    h.advance(30 * 60);
    h.send(&[Msg::Skip, Msg::Confirm, Msg::BackTab]);
    assert_eq!(h.app.tab(), Tab::History);
    let screen = h.screen(80, 24);
    assert!(screen.contains("Breaks taken       0 of 1"), "{screen}");
}

#[test]
fn today_lists_the_daily_plan_and_one_key_starts_the_next_routine() {
    let mut h = Harness::new(None);
    let screen = h.screen(80, 24);
    assert!(screen.contains("Today"), "{screen}");
    assert!(
        screen.contains("· Morning mobility     not yet"),
        "{screen}"
    );
    // Enter starts the first planned routine not done yet.
    h.send(&[Msg::Confirm]);
    match &h.app.screen {
        Screen::Runner(r) => assert_eq!(r.routine.id, "morning-mobility"),
        _ => panic!("the planned routine should start"),
    }
    h.start_session(None);
    h.advance(400);
    h.send(&[Msg::Skip, Msg::Confirm]);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("✓ Morning mobility        done"),
        "{screen}"
    );
    insta::assert_snapshot!("today_80x24", screen);
    // Next up: the lower back release, one key away.
    h.send(&[Msg::Confirm]);
    match &h.app.screen {
        Screen::Runner(r) => assert_eq!(r.routine.id, "lower-back-release"),
        _ => panic!("the next planned routine should start"),
    }
}

#[test]
fn the_breaks_tab_and_its_questions_survive_every_size() {
    let mut h = with_breaks(None);
    h.advance(30 * 60);
    for step in [&[][..], &[Msg::Skip][..], &[Msg::Confirm][..]] {
        h.send(step);
        for w in 1..=90 {
            for ht in 1..=30 {
                h.screen(w, ht);
            }
        }
    }
    h.send(&[Msg::Flags]);
    for w in 1..=90 {
        for ht in 1..=30 {
            h.screen(w, ht);
        }
    }
}

#[test]
fn after_a_suspend_the_due_break_prompts_on_waking() {
    // Issue 19 item 15: after a night's suspend the tab said "due now" and nothing prompted.
    // The monotonic clock stood still while asleep; the wall clock moved 16 hours.
    let mut h = with_breaks(None);
    h.advance(10 * 60);
    assert_eq!(prompt(&h.app), None);
    h.now.wall += chrono::Duration::hours(16);
    h.send(&[Msg::Tick]);
    assert_eq!(
        prompt(&h.app),
        Some(BreakPrompt::Due(1)),
        "one break, the longest, at once"
    );
    assert_eq!(h.app.tab(), Tab::Breaks);
    h.send(&[Msg::Skip, Msg::Digit(2)]);
    assert_eq!(prompt(&h.app), None);
    h.advance(60);
    assert_eq!(prompt(&h.app), None, "not a pile of missed breaks");
    assert_eq!(history(&h).len(), 1);
}

#[test]
fn an_app_that_does_not_hold_the_lock_shows_the_break_and_follows_the_answer() {
    // Issue 19 item 15: `remind` and the app both asked and recorded one break twice. Here a
    // `knotless remind` holds `breaks.lock`: the app shows the break due, asks nothing and
    // follows the answer it records.
    let mut h = with_breaks(None);
    h.app.breaks.follower = true;
    h.advance(30 * 60);
    assert_eq!(prompt(&h.app), None, "not asked here");
    assert_eq!(h.app.bells, 0);
    h.send(&[Msg::Tab, Msg::Tab, Msg::Tab]);
    assert_eq!(h.app.tab(), Tab::Breaks);
    assert!(h.screen(80, 24).contains("due now"), "shown due");
    let answered = knotless::history::BreakRecord {
        id: "01KDX0000000000000000000AA".into(),
        routine: "posture-check".into(),
        at: h.now.wall,
        outcome: knotless::history::BreakOutcome::Skipped,
        reason: Some("in a meeting".into()),
    };
    let store = knotless::history::store(h.dir());
    knotless::history::record_break(&store, answered).unwrap();
    let paths = knotless::paths::Paths {
        data_dir: h.dir().to_path_buf(),
        config_file: h.dir().join("config.toml"),
        extra_routine_dirs: Vec::new(),
        cache_dir: None,
    };
    let (file, now) = (h.dir().join("history.jsonl"), h.now);
    h.app.follow_files(&paths, &[file], now);
    let screen = h.screen(80, 24);
    assert!(!screen.contains("due now"), "{screen}");
    assert!(screen.contains("1 skipped"), "{screen}");
    assert_eq!(history(&h).len(), 1, "recorded once, by the other");
    // The other reminder ended and the app took the lock: the next break is asked here.
    // (At the hour both are due: the hourly reset, the longer, is asked.)
    h.app.breaks.follower = false;
    h.advance(30 * 60);
    assert_eq!(prompt(&h.app), Some(BreakPrompt::Due(1)));
}
