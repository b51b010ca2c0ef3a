//! End to end in tmux: a deleted log entry comes back with `u`, on screen and in the file.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::tmux::{Tmux, command};

fn knotless(home: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_knotless"))
        .args(args)
        .env("KNOTLESS_DATA_DIR", home.join("data"))
        .env("KNOTLESS_CONFIG", home.join("config/config.toml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn entries(home: &Path) -> usize {
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&knotless(home, &["log", "list", "--json"])).unwrap();
    list.len()
}

#[test]
fn undo_puts_a_deleted_entry_back() {
    let home = tempfile::tempdir().unwrap();
    // The entry is there before the app starts.
    let line = command(home.path(), "");
    knotless(
        home.path(),
        &[
            "log",
            "add",
            "--pain",
            "5",
            "--note",
            "after the long drive",
        ],
    );
    let tmux = Tmux::start(80, 24, &line);
    tmux.wait_for("Stretches");
    tmux.keys(&["Tab"]);
    tmux.wait_for("1 of 1 entries");
    tmux.keys(&["d"]);
    tmux.wait_for("Delete this entry?");
    tmux.keys(&["y"]);
    tmux.wait_for("u puts it back");
    assert_eq!(entries(home.path()), 0, "deleted on disk");
    tmux.keys(&["u"]);
    let screen = tmux.wait_for("Put back.");
    assert!(screen.contains("1 of 1 entries"), "{screen}");
    assert!(screen.contains("after the long drive"), "{screen}");
    assert_eq!(entries(home.path()), 1, "back on disk");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
}

/// Today moves to the new day at midnight with no key pressed: the clock is started at 23:59:54
/// (`KNOTLESS_TODAY` with a time) and the app's one idle wake-up is at midnight.
#[test]
fn today_moves_to_the_new_day_at_midnight_without_a_key() {
    use knotless::history::{SessionOutcome, SessionRecord, record_session, store};
    let home = tempfile::tempdir().unwrap();
    let started: chrono::DateTime<chrono::FixedOffset> =
        "2026-11-24T08:00:00+00:00".parse().unwrap();
    std::fs::create_dir_all(home.path().join("data")).unwrap();
    let record = SessionRecord {
        id: "morning-mobility-1".into(),
        routine: "morning-mobility".into(),
        kind: knotless::routine::Kind::Stretch,
        started,
        ended: started + chrono::Duration::minutes(5),
        active_seconds: 300,
        outcome: SessionOutcome::Completed,
        steps_done: 5,
        steps_total: 5,
        pain_before: None,
        pain_after: None,
    };
    record_session(&store(&home.path().join("data")), record).unwrap();
    let line = format!(
        "TZ=UTC KNOTLESS_TODAY=2026-11-24T23:59:54 {}",
        command(home.path(), "")
    );
    let tmux = Tmux::start(80, 24, &line);
    let before = tmux.wait_for("Today");
    let row = |screen: &str| {
        screen
            .lines()
            .find(|l| {
                l.contains("Morning mobility") && (l.contains("done") || l.contains("not yet"))
            })
            .unwrap_or("")
            .to_owned()
    };
    assert!(row(&before).contains("done"), "{before}");
    // No key: the screen changes by itself once midnight passes.
    let after = tmux.wait_until("the new day", 10, |s| row(s).contains("not yet"));
    assert!(row(&after).contains("not yet"), "{after}");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
}
