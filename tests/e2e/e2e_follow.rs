//! End to end, through the release binary in tmux: the open app follows what the command line
//! writes, a closed window or a killed process loses nothing, and pasted text stays text.

use crate::common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::tmux::{Tmux, app_pid, command};

fn knotless(home: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_knotless"))
        .args(args)
        .env("KNOTLESS_DATA_DIR", home.join("data"))
        .env("KNOTLESS_CONFIG", home.join("config/config.toml"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn entries(home: &Path) -> Vec<serde_json::Value> {
    serde_json::from_str(&knotless(home, &["log", "list", "--json"])).unwrap()
}

fn wait_gone(pid: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Path::new(&format!("/proc/{pid}")).exists() {
        assert!(Instant::now() < deadline, "knotless {pid} still running");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn sessions(home: &Path) -> Vec<knotless::history::SessionRecord> {
    knotless::history::load(&knotless::history::store(&home.join("data")))
        .unwrap()
        .sessions
}

#[test]
fn an_emergency_logged_on_the_command_line_reaches_the_open_app_and_refuses_heat() {
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(80, 24, &command(home.path(), "run heat-pack"));
    tmux.wait_for("Safety checklist");
    assert!(!tmux.screen().contains("EMERGENCY"));

    knotless(
        home.path(),
        &["log", "add", "--pain", "5", "--symptom", "bladder-change"],
    );
    // Within a second (2 s allowed for a loaded machine): the bar, and the checklist gives way
    // to the refusal.
    let screen = tmux.wait_until("the emergency bar", 2, |s| {
        s.lines().next().is_some_and(|l| l.contains("EMERGENCY"))
    });
    let gate = tmux.wait_until("the refusal", 2, |s| {
        s.contains("will not start while an emergency flag is active")
    });
    assert!(!gate.contains("Safety checklist"), "{screen}\n{gate}");
    tmux.keys(&["Enter"]);
    assert!(tmux.screen().contains("will not start"));
}

#[test]
fn closing_the_window_mid_session_keeps_the_session() {
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(80, 24, &command(home.path(), "run morning-mobility"));
    tmux.wait_for("Before you start");
    tmux.keys(&["Enter"]);
    tmux.wait_for("How does your back feel right now?");
    tmux.keys(&["6", "Enter"]);
    tmux.wait_until("the session to run", 10, |s| s.contains("step 1/"));
    let app = app_pid(&tmux);
    let _ = tmux.cmd().args(["kill-pane", "-t", "main"]).status();
    wait_gone(&app);
    let saved = sessions(home.path());
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert_eq!(saved[0].routine, "morning-mobility");
    assert_eq!(saved[0].pain_before, Some(6));
    assert!(
        matches!(
            saved[0].outcome,
            knotless::history::SessionOutcome::Stopped
                | knotless::history::SessionOutcome::Interrupted
        ),
        "{:?}",
        saved[0]
    );
}

#[test]
fn closing_the_window_mid_form_keeps_the_entry() {
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(80, 24, &command(home.path(), ""));
    tmux.wait_for("Stretches");
    tmux.keys(&["Tab"]);
    tmux.wait_for("No entries");
    tmux.keys(&["a"]);
    tmux.wait_for("Pain");
    tmux.keys(&["7", "BTab"]);
    tmux.keys(&["-l", "stiff after the drive"]);
    tmux.wait_for("stiff after the drive");
    let app = app_pid(&tmux);
    let _ = tmux.cmd().args(["kill-pane", "-t", "main"]).status();
    wait_gone(&app);
    let list = entries(home.path());
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["pain"], 7);
    assert_eq!(list[0]["note"], "stiff after the drive");
}

#[test]
fn kill_9_mid_session_leaves_it_interrupted_with_what_was_done() {
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(80, 24, &command(home.path(), "run morning-mobility"));
    tmux.wait_for("Before you start");
    tmux.keys(&["Enter"]);
    tmux.wait_for("How does your back feel right now?");
    tmux.keys(&["4", "Enter"]);
    let step =
        |name: &'static str| move |s: &str| s.lines().nth(1).is_some_and(|l| l.starts_with(name));
    tmux.wait_until("the first step", 10, step("Cat-cow"));
    tmux.keys(&["n"]);
    tmux.wait_until("the second step", 10, step("Pelvic tilt"));
    let app = app_pid(&tmux);
    assert!(
        Command::new("kill")
            .args(["-KILL", &app])
            .status()
            .unwrap()
            .success()
    );
    wait_gone(&app);
    let saved = sessions(home.path());
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert_eq!(
        saved[0].outcome,
        knotless::history::SessionOutcome::Interrupted
    );
    assert_eq!(saved[0].pain_before, Some(4));
}

#[test]
fn pasted_text_is_never_read_as_keys_and_goes_into_the_note() {
    let home = tempfile::tempdir().unwrap();
    knotless(home.path(), &["log", "add", "--pain", "3"]);
    let tmux = Tmux::start(80, 24, &command(home.path(), ""));
    tmux.wait_for("Stretches");
    let paste = |text: &str| {
        assert!(
            tmux.cmd()
                .args(["set-buffer", "-b", "p", text])
                .status()
                .unwrap()
                .success()
        );
        assert!(
            tmux.cmd()
                .args(["paste-buffer", "-p", "-d", "-b", "p", "-t", "main"])
                .status()
                .unwrap()
                .success()
        );
    };
    let hostile = "Good day, my back feels better\nd\ny\nq\n";
    // On the Routines screen: no routine starts, the app does not quit.
    paste(hostile);
    tmux.keys(&["?"]);
    tmux.wait_for("help");
    tmux.keys(&["Escape"]);
    let routines = tmux.wait_for("Stretches");
    assert!(
        !routines.contains("knotless ›"),
        "no routine started: {routines}"
    );
    // On the Log list: nothing is deleted.
    tmux.keys(&["Tab"]);
    tmux.wait_for("1 of 1 entries");
    paste(hostile);
    tmux.keys(&["f"]);
    tmux.wait_for("Showing");
    tmux.keys(&["Escape"]);
    assert_eq!(entries(home.path()).len(), 1, "nothing deleted");
    assert!(tmux.screen().contains("1 of 1 entries"));
    // Into the note: whole, line breaks kept, nothing else.
    tmux.keys(&["a"]);
    tmux.wait_for("Pain");
    tmux.keys(&["5", "BTab"]);
    paste("line one\nline two with q and d\nthird");
    tmux.wait_for("third");
    tmux.keys(&["C-s"]);
    tmux.wait_for("Saved: pain 5");
    let list = entries(home.path());
    assert_eq!(list.len(), 2);
    let note = list
        .iter()
        .find(|e| e["pain"] == 5)
        .map(|e| e["note"].clone())
        .unwrap();
    assert_eq!(note, "line one\nline two with q and d\nthird");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
}

#[test]
fn a_check_in_an_entry_an_ack_and_a_programme_from_the_command_line_reach_the_open_app() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    // The last check-in was a month ago: one is due, and the Log tab offers it.
    let old = "2026-11-01T09:00:00+01:00".parse().unwrap();
    common::checked_in(&data, &old);
    let tmux = Tmux::start(80, 24, &command(home.path(), ""));
    tmux.wait_for("Routines");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Time for the weekly check-in");

    // A check-in from the shell: the offer closes, and is not made again.
    knotless(
        home.path(),
        &[
            "log",
            "checkin",
            "--pain",
            "4",
            "--enjoyment",
            "3",
            "--activity",
            "5",
        ],
    );
    tmux.wait_until("the offer to close", 2, |s| !s.contains("weekly check-in"));
    tmux.keys(&["Down", "Tab", "BTab"]);
    tmux.wait_for("Log");
    assert!(!tmux.screen().contains("weekly check-in"), "offered twice");

    // An entry shows in the list.
    knotless(
        home.path(),
        &[
            "log",
            "add",
            "--pain",
            "3",
            "--note",
            "written from the shell",
        ],
    );
    tmux.wait_until("the new entry", 2, |s| s.contains("written from the shell"));

    // A flag raised and acknowledged elsewhere: the bar comes, then goes.
    knotless(
        home.path(),
        &["log", "add", "--pain", "4", "--symptom", "pain-on-cough"],
    );
    tmux.wait_until("the urgent bar", 2, |s| {
        s.lines().next().is_some_and(|l| l.contains("URGENT"))
    });
    knotless(home.path(), &["flags", "ack", "cough-pain"]);
    tmux.wait_until("the bar to go", 2, |s| {
        !s.lines().next().is_some_and(|l| l.contains("URGENT"))
    });

    // A programme started elsewhere: Today follows it.
    knotless(home.path(), &["programme", "start", "steady-back"]);
    tmux.keys(&["BTab"]);
    tmux.wait_until("the programme on Today", 2, |s| s.contains("week 1 of 4"));
}
