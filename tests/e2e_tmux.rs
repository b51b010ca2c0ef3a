//! End to end: the real binary in a real terminal (tmux), driven by keys, read off the screen.
//!
//! The screen is polled until it shows what is expected, with a deadline; no test waits a fixed
//! time for a timer. The one bounded wait that expects *no* change (a paused countdown) is also a
//! poll: it fails as soon as the countdown moves.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

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

/// A private tmux server with one window running a command.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(width: u16, height: u16, command: &str) -> Tmux {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let socket = format!("knotless-e2e-{}-{n}", std::process::id());
        let tmux = Tmux { socket };
        let status = tmux
            .cmd()
            .args(["-f", "/dev/null", "new-session", "-d", "-s", "main"])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .arg(command)
            .status()
            .expect("tmux is installed (.ci/run installs it)");
        assert!(status.success(), "tmux new-session failed");
        tmux
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.args(["-L", &self.socket]);
        cmd
    }

    fn screen(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", "main"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let status = self
            .cmd()
            .args(["send-keys", "-t", "main"])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Polls the screen until `ready` holds, or fails after `secs` with the last screen.
    fn wait_until(&self, what: &str, secs: u64, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait_until(text, 10, |s| s.contains(text))
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

/// The shell line that runs knotless, then reports its exit code and whether the terminal is
/// back in normal (canonical, echoing) mode.
/// The shell line for a returning user: the first-run statement was seen already.
fn command(home: &Path, args: &str) -> String {
    std::fs::create_dir_all(home.join("data")).unwrap();
    std::fs::write(home.join("data").join(knotless::tui::WELCOME_SEEN), "").unwrap();
    // And checked in this week: the weekly check-in is not offered.
    std::fs::write(
        home.join("data").join(knotless::checkins::FILE),
        format!(
            "{{\"id\":\"01KCHECKIN0000000000000001\",\"at\":\"{}\",\"pain\":3,\"enjoyment\":3,\"activity\":3}}\n",
            chrono::Local::now().fixed_offset().to_rfc3339()
        ),
    )
    .unwrap();
    let private = std::os::unix::fs::PermissionsExt::from_mode(0o600);
    std::fs::set_permissions(home.join("data").join(knotless::checkins::FILE), private).unwrap();
    first_run_command(home, args)
}

/// The shell line that runs knotless, as on the very first run.
fn first_run_command(home: &Path, args: &str) -> String {
    format!(
        "env NO_COLOR=1 KNOTLESS_DATA_DIR={data} KNOTLESS_CONFIG={config} {bin} {args}; \
         echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; sleep 600",
        data = home.join("data").display(),
        config = home.join("config/config.toml").display(),
        bin = env!("CARGO_BIN_EXE_knotless"),
    )
}

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

    // `q` stops: the pain question, the summary, back to the list, quit.
    tmux.keys(&["q"]);
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

    let history = std::fs::read_to_string(home.path().join("data/history.jsonl")).unwrap();
    let lines: Vec<&str> = history.lines().collect();
    assert_eq!(lines.len(), 1, "{history}");
    let record: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
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

/// The knotless process in the pane: the pane runs `sh -c`, whose child is knotless (`env`
/// execs it).
fn app_pid(tmux: &Tmux) -> String {
    let out = tmux
        .cmd()
        .args(["list-panes", "-t", "main", "-F", "#{pane_pid}"])
        .output()
        .unwrap();
    let shell = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let out = Command::new("ps")
        .args(["-o", "pid=", "--ppid", &shell])
        .output()
        .unwrap();
    let app = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(!app.is_empty(), "knotless is running under {shell}");
    app
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
    let history = std::fs::read_to_string(home.path().join("data/history.jsonl")).unwrap();
    let record: serde_json::Value = serde_json::from_str(history.trim()).unwrap();
    assert_eq!(record["routine"], "e2e");
    assert_eq!(record["outcome"], "stopped");
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
