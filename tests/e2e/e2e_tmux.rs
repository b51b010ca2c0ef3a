//! End to end: the real binary in a real terminal (tmux), driven by keys, read off the screen.
//!
//! The screen is polled until it shows what is expected, with a deadline; no test waits a fixed
//! time for a timer. The one bounded wait that expects *no* change (a paused countdown) is also a
//! poll: it fails as soon as the countdown moves.

use crate::common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::tmux::{Tmux, app_pid, command, first_run_command};

const E2E_ROUTINE: &str = r#"
name = "End to end"
kind = "stretch"
summary = "Two long holds."
prepare = "2s"

[[steps]]
name = "First hold"
hold = "40s"
cue = "Lie on your back and breathe."

[[steps]]
name = "Second hold"
hold = "40s"
cue = "Hug both knees."
"#;

/// Starts `knotless run e2e` (the two-hold test routine) for a returning user in `home`.
fn run_e2e_routine(home: &Path) -> Tmux {
    let routines = home.join("mine");
    std::fs::create_dir(&routines).unwrap();
    std::fs::write(routines.join("e2e.toml"), E2E_ROUTINE).unwrap();
    let args = format!("--routines {} run e2e", routines.display());
    Tmux::start(80, 24, &command(home, &args))
}

/// The step gauge's elapsed label, e.g. "0:07" from "0:07 / 0:40".
fn elapsed_label(screen: &str) -> Option<String> {
    let at = screen.find(" / 0:40")?;
    screen.get(at.checked_sub(4)?..at).map(str::to_owned)
}

#[test]
fn a_routine_counts_down_pauses_skips_and_stops_and_the_terminal_is_restored() {
    let home = tempfile::tempdir().unwrap();
    let tmux = run_e2e_routine(home.path());

    tmux.wait_for("How does your back feel right now?");
    tmux.keys(&["5", "Enter"]);
    tmux.wait_for("Get ready: First hold");
    // The countdown moves on by itself into the hold and keeps counting.
    let screen = tmux.wait_until("the hold to count", 10, |s| {
        s.contains("First hold") && elapsed_label(s).is_some_and(|l| l.as_str() >= "0:02")
    });
    assert!(screen.contains("Lie on your back and breathe."), "{screen}");
    assert!(screen.contains("Next: Second hold"), "{screen}");

    // Space freezes it.
    tmux.keys(&["Space"]);
    let paused = tmux.wait_for("PAUSED");
    let frozen = elapsed_label(&paused).unwrap();
    let watch_until = Instant::now() + Duration::from_millis(2_500);
    while Instant::now() < watch_until {
        let now = tmux.screen();
        assert_eq!(
            elapsed_label(&now).as_deref(),
            Some(frozen.as_str()),
            "paused:\n{now}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    // Resume, then `n` moves on to the next step.
    tmux.keys(&["Space", "n"]);
    tmux.wait_until("the second step", 10, |s| {
        s.contains("Second hold") && !s.contains("PAUSED") && s.contains("Next: done")
    });

    // `q` asks first (the session runs on); `y` stops: the pain question, the summary, back to
    // the list, quit.
    tmux.keys(&["q"]);
    tmux.wait_for("Stop this session?");
    tmux.keys(&["y"]);
    tmux.wait_for("And now, after the session?");
    tmux.keys(&["3", "Enter"]);
    let summary = tmux.wait_for("Session stopped");
    assert!(summary.contains("Pain: 5 → 3"), "{summary}");
    assert!(summary.contains("Steps done: 0 of 2"), "{summary}");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Stretches");
    tmux.keys(&["q"]);
    let after = tmux.wait_for("EXIT=0");
    assert!(
        !after.contains("knotless │"),
        "the alternate screen was left:\n{after}"
    );
    let modes = tmux.wait_until("stty output", 5, |s| s.contains("icanon"));
    assert!(
        modes.contains("icanon echo") && !modes.contains("-icanon"),
        "raw mode is off:\n{modes}"
    );

    // Recorded as it went (a start line, a line per step done, the final line), one session.
    let record = last_session(home.path());
    assert_eq!(record["routine"], "e2e");
    assert_eq!(record["outcome"], "stopped");
    assert_eq!(
        (
            record["pain_before"].as_u64(),
            record["pain_after"].as_u64()
        ),
        (Some(5), Some(3))
    );
}

#[test]
fn the_home_screen_works_at_a_small_size() {
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(40, 12, &command(home.path(), ""));
    tmux.wait_for("Stretches");
    tmux.keys(&["j", "j", "Enter"]);
    tmux.wait_for("›");
    tmux.keys(&["Escape"]);
    tmux.wait_until("back home", 10, |s| !s.contains("›"));
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
}

#[test]
fn an_entry_logged_through_the_form_is_in_log_list_json() {
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(80, 24, &command(home.path(), ""));
    tmux.wait_for("? help");
    tmux.keys(&["Tab"]);
    tmux.wait_for("No entries yet");
    tmux.keys(&["a"]);
    tmux.wait_for("New entry");
    tmux.keys(&[
        "7", "Tab", "Tab", "Space", "Down", "Down", "Down", "Left", "Space",
    ]);
    tmux.wait_for("[x] leg L");
    // Leg symptoms: the screening questions must be answered before saving.
    tmux.keys(&["Tab", "Tab", "Tab", "Tab"]);
    tmux.wait_for("please answer each question");
    tmux.keys(&["n", "n", "n", "n", "Tab"]);
    tmux.wait_for("Ctrl-S save");
    tmux.keys(&["-l", "stiff after the drive"]);
    tmux.keys(&["C-s"]);
    tmux.wait_for("Saved: pain 7");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");

    let out = Command::new(env!("CARGO_BIN_EXE_knotless"))
        .args(["log", "list", "--json"])
        .env("KNOTLESS_DATA_DIR", home.path().join("data"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["pain"], 7);
    assert_eq!(
        list[0]["areas"],
        serde_json::json!(["lower-back", "leg-left"])
    );
    assert_eq!(list[0]["denied"].as_array().unwrap().len(), 4);
    assert_eq!(list[0]["note"], "stiff after the drive");
}

#[test]
fn at_40_columns_the_log_form_is_drawn_narrow_and_its_keys_follow_what_is_drawn() {
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(40, 12, &command(home.path(), ""));
    tmux.wait_for("Stretches");
    tmux.keys(&["Tab"]);
    tmux.wait_for("No entries yet");
    tmux.keys(&["a"]);
    tmux.wait_for("New entry");
    // One column of chips: Down goes to the second symptom (with two, it went to the third).
    tmux.keys(&["4", "Tab", "Tab", "Tab", "Down", "Space"]);
    tmux.wait_for("[x] Stiffness");
    // The compact body picture, your left on the left.
    tmux.keys(&["BTab", "Left", "Space"]);
    tmux.wait_for("low back [x] L");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Discard");
    tmux.keys(&["y"]);
    tmux.wait_for("No entries yet");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
}

#[test]
fn numbness_in_each_leg_on_two_days_logged_on_the_command_line_is_the_emergency_and_refuses_a_stretch()
 {
    let home = tempfile::tempdir().unwrap();
    let yesterday = (chrono::Local::now() - chrono::Duration::days(1))
        .format("%Y-%m-%d %H:%M")
        .to_string();
    for args in [
        &["--at", yesterday.as_str(), "--area", "leg-left"][..],
        &["--area", "foot-right"][..],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_knotless"))
            .args(["log", "add", "--pain", "6", "--symptom", "numbness"])
            .args(args)
            .env("KNOTLESS_DATA_DIR", home.path().join("data"))
            .env("KNOTLESS_CONFIG", home.path().join("config/config.toml"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    let tmux = Tmux::start(80, 24, &command(home.path(), ""));
    let screen = tmux.wait_for("Stretches");
    let first = screen.lines().next().unwrap_or("");
    assert!(
        first.contains("EMERGENCY") && first.contains("both sides"),
        "the bar is on the Routines screen:\n{screen}"
    );
    // The first routine is a stretch: starting it is refused.
    tmux.keys(&["Enter"]);
    let gate = tmux.wait_for("will not start while an emergency flag is active");
    tmux.keys(&["Enter"]);
    let still = tmux.wait_for("will not start");
    assert!(!still.contains("Before you start"), "{gate}\n{still}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Stretches");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
}

#[test]
fn a_closed_terminal_ends_the_app_instead_of_leaving_it_spinning() {
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(80, 24, &command(home.path(), ""));
    tmux.wait_for("Stretches");
    let app = app_pid(&tmux);
    // The terminal goes away under it (SIGHUP, then a dead terminal).
    let _ = tmux.cmd().arg("kill-server").status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::path::Path::new(&format!("/proc/{app}")).exists() {
        assert!(
            Instant::now() < deadline,
            "knotless {app} still running 10 s after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn sigterm_mid_session_saves_it_and_restores_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let tmux = run_e2e_routine(home.path());
    tmux.wait_for("How does your back feel right now?");
    tmux.keys(&["s"]);
    tmux.wait_for("Get ready: First hold");

    let app = app_pid(&tmux);
    assert!(
        Command::new("kill")
            .args(["-TERM", &app])
            .status()
            .unwrap()
            .success()
    );

    let after = tmux.wait_for("EXIT=143");
    assert!(
        !after.contains("Get ready") && !after.contains("First hold"),
        "the alternate screen was left:\n{after}"
    );
    let modes = tmux.wait_until("stty output", 5, |s| s.contains("icanon"));
    assert!(
        modes.contains("icanon echo") && !modes.contains("-icanon"),
        "raw mode is off:\n{modes}"
    );
    let record = last_session(home.path());
    assert_eq!(record["routine"], "e2e");
    assert_eq!(record["outcome"], "stopped");
}

/// The only session in the history, folded by its id, as JSON.
fn last_session(home: &Path) -> serde_json::Value {
    let history = knotless::history::load(&knotless::history::store(&home.join("data"))).unwrap();
    assert_eq!(history.sessions.len(), 1, "{:?}", history.sessions);
    serde_json::to_value(&history.sessions[0]).unwrap()
}

#[test]
fn the_first_run_shows_the_statement_once() {
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(80, 24, &first_run_command(home.path(), ""));
    tmux.wait_for("not a diagnosis");
    // "Press any key": a key with no action of its own (x) too.
    tmux.keys(&["x"]);
    tmux.wait_until("the statement closed", 10, |s| {
        s.contains("Stretches") && !s.contains("not a diagnosis")
    });
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
    assert!(
        home.path()
            .join("data")
            .join(knotless::tui::WELCOME_SEEN)
            .exists()
    );
}

#[test]
fn a_break_due_within_seconds_appears_snoozes_and_a_skip_is_recorded() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[cues]\nsnooze = \"2s\"\n\n[[breaks]]\nroutine = \"posture-check\"\nevery = \"3s\"\ndays = [\"daily\"]\nfrom = \"00:00\"\nto = \"00:00\"\n",
    )
    .unwrap();
    let tmux = Tmux::start(80, 24, &command(home.path(), "breaks"));
    tmux.wait_for("Posture breaks");
    tmux.wait_for("Time for a break: Posture check");
    tmux.keys(&["z"]);
    tmux.wait_until("the snooze", 5, |s| !s.contains("Time for a break"));
    tmux.wait_for("1 snoozed");
    tmux.wait_for("Time for a break: Posture check");
    tmux.keys(&["s"]);
    tmux.wait_for("why? (optional)");
    tmux.keys(&["2"]);
    tmux.wait_for("skipped (in the middle of something)");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
    let history = std::fs::read_to_string(home.path().join("data/history.jsonl")).unwrap();
    let outcomes: Vec<String> = history
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["outcome"].to_string())
        .collect();
    assert_eq!(outcomes, ["\"snoozed\"", "\"skipped\""], "{history}");
}

#[test]
fn after_a_resize_the_next_key_is_drawn_at_once_and_the_app_stays_idle() {
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(80, 24, &common::tmux::command(home.path(), ""));
    // The detail pane's first line names the highlighted routine.
    let detail = |s: &str| -> String {
        s.lines()
            .nth(2)
            .and_then(|l| l.split('│').nth(1))
            .unwrap_or_default()
            .trim()
            .to_owned()
    };
    let first = detail(&tmux.wait_for("Today"));
    for (width, height) in [
        (100u16, 30u16),
        (90, 26),
        (80, 24),
        (100, 30),
        (90, 26),
        (80, 24),
    ] {
        let before = detail(&tmux.screen());
        let status = tmux
            .cmd()
            .args(["resize-window", "-t", "main"])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        // Drawn at the new size: "? help" ends the tab row at (or a space from) the right edge.
        tmux.wait_until("the new size", 2, |s| {
            s.lines().any(|l| {
                l.ends_with("? help") && l.chars().count().abs_diff(usize::from(width)) <= 1
            })
        });
        // One key, and nothing after it: its effect shows without another.
        tmux.keys(&["Down"]);
        tmux.wait_until("the highlight to move", 2, |s| detail(s) != before);
    }
    assert_ne!(detail(&tmux.screen()), first);
    // Idle again: no thread left spinning on input it cannot read.
    let pid = common::tmux::app_pid(&tmux);
    let cpu = |pid: &str| -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
        let fields: Vec<&str> = stat
            .rsplit(')')
            .next()
            .unwrap()
            .split_whitespace()
            .collect();
        fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
    };
    let before = cpu(&pid);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(cpu(&pid) - before <= 5, "busy while idle after a resize");
}
