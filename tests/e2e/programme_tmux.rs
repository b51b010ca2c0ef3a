//! End to end: follow a programme for three simulated days in a real terminal (tmux). The day is
//! moved with `KNOTLESS_TODAY`, which only the command entry and the event loop read; each day
//! runs a short routine with pain ratings, and on the third day the app offers the next level.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::tmux::Tmux;

const TINY: &str = r#"
name = "Tiny stretch"
kind = "stretch"
summary = "One short hold, for the test."
tags = ["mobility"]
source = "test"
prepare = "1s"
cautions = ["Stop, and see a doctor, if pain spreads into a leg or gets worse or severe."]

[[steps]]
name = "Short hold"
hold = "2s"
cue = "Breathe."
art = "breathing"
"#;

const WEEK: &str = r#"
name = "Tiny week"
source = "test"
cautions = ["Stop, and see a doctor, if pain spreads into a leg or gets worse or severe."]

[[weeks]]
level = 1
max_level = 3
mon = ["tiny"]
tue = ["tiny"]
wed = ["tiny"]
thu = ["tiny"]
fri = ["tiny"]
"#;

fn app_on(home: &Path, day: &str) -> Tmux {
    Tmux::start(
        80,
        24,
        &format!(
            "env NO_COLOR=1 KNOTLESS_TODAY={day} KNOTLESS_DATA_DIR={data} KNOTLESS_CONFIG={config} {bin}; echo EXIT=$?; sleep 600",
            data = home.join("data").display(),
            config = home.join("config/config.toml").display(),
            bin = env!("CARGO_BIN_EXE_knotless"),
        ),
    )
}

#[test]
fn three_days_of_a_programme_end_in_the_offer_of_the_next_level() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    std::fs::create_dir_all(h.join("config/routines")).unwrap();
    std::fs::create_dir_all(h.join("config/programmes")).unwrap();
    std::fs::create_dir_all(h.join("data")).unwrap();
    std::fs::write(h.join("data").join(knotless::tui::WELCOME_SEEN), "").unwrap();
    // Checked in that week already: the weekly check-in is not offered over the programme.
    let checkins = h.join("data").join(knotless::checkins::FILE);
    std::fs::write(
        &checkins,
        "{\"id\":\"01KCHECKIN0000000000000001\",\"at\":\"2026-11-02T07:00:00+00:00\",\"pain\":3,\"enjoyment\":3,\"activity\":3}\n",
    )
    .unwrap();
    std::fs::set_permissions(
        &checkins,
        std::os::unix::fs::PermissionsExt::from_mode(0o600),
    )
    .unwrap();
    std::fs::write(h.join("config/routines/tiny.toml"), TINY).unwrap();
    std::fs::write(h.join("config/programmes/tiny-week.toml"), WEEK).unwrap();
    // Monday 2 November 2026.
    let started = Command::new(env!("CARGO_BIN_EXE_knotless"))
        .env("KNOTLESS_TODAY", "2026-11-02")
        .env("KNOTLESS_DATA_DIR", h.join("data"))
        .env("KNOTLESS_CONFIG", h.join("config/config.toml"))
        .args(["programme", "start", "tiny-week"])
        .output()
        .unwrap();
    assert!(started.status.success(), "{started:?}");

    for (n, day) in ["2026-11-02", "2026-11-03", "2026-11-04"]
        .into_iter()
        .enumerate()
    {
        let tmux = app_on(h, day);
        let screen = tmux.wait_for("Today · week 1 of 1");
        assert!(
            screen.contains("Tiny stretch") && screen.contains("L1 not yet"),
            "{screen}"
        );
        // Today's routine is highlighted: Enter opens it, Enter again past its cautions.
        tmux.keys(&["Enter"]);
        tmux.wait_for("Stop, and see a doctor");
        tmux.keys(&["Enter"]);
        tmux.wait_for("How does your back feel right now?");
        tmux.keys(&["3", "Enter"]);
        tmux.wait_for("And now, after the session?");
        tmux.keys(&["3", "Enter"]);
        tmux.wait_for("Pain: 3 → 3");
        tmux.keys(&["Enter"]);
        if n < 2 {
            let screen = tmux.wait_for("L1 done");
            assert!(!screen.contains("Ready for a little more?"), "{screen}");
        } else {
            // The box's last line: a frame can reach the terminal in more than one write.
            let offer = tmux.wait_for("enter go up · esc stay");
            assert!(offer.contains("Ready for a little more?"), "{offer}");
            assert!(offer.contains("Tiny stretch: level 1 → 2"), "{offer}");
            assert!(offer.contains("enter go up · esc stay"), "{offer}");
            tmux.keys(&["Enter"]);
            tmux.wait_for("L2 done");
        }
        tmux.keys(&["q"]);
        tmux.wait_for("EXIT=0");
    }
    let records = std::fs::read_to_string(h.join("data/programme.jsonl")).unwrap();
    assert!(records.contains(r#""direction":"up""#), "{records}");
    let history = std::fs::read_to_string(h.join("data/history.jsonl")).unwrap();
    for day in ["2026-11-02", "2026-11-03", "2026-11-04"] {
        assert!(
            history.contains(&format!("\"started\":\"{day}T")),
            "{history}"
        );
    }
    // The next day Today shows the new level (for this tiny routine: one more set).
    let tmux = app_on(h, "2026-11-05");
    let screen = tmux.wait_for("Today · week 1 of 1");
    assert!(screen.contains("L2 not yet"), "{screen}");
}

/// The picker in a real terminal (issue 19, item 5): `P` lists the programmes, Enter starts the
/// highlighted one (Today follows it at once), `S` then `y` stops it; `programme.jsonl` holds
/// what `programme start` and `stop` write.
#[test]
fn the_programme_picker_starts_and_stops_a_programme_in_the_app() {
    let home = tempfile::tempdir().unwrap();
    // Tall enough that Today stays in view above the highlighted routine.
    let tmux = Tmux::start(80, 40, &common::tmux::command(home.path(), ""));
    tmux.wait_for("q quit");
    tmux.keys(&["P"]);
    let screen = tmux.wait_for("esc close");
    assert!(
        screen.contains("Steady back: four weeks · 4 weeks"),
        "{screen}"
    );
    // The first programme is highlighted; Enter starts it (nothing runs: no question).
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Today · week 1 of");
    assert!(screen.contains("Started"), "{screen}");
    let records = std::fs::read_to_string(home.path().join("data/programme.jsonl")).unwrap();
    assert_eq!(records.lines().count(), 1, "{records}");
    assert!(records.contains(r#""type":"start""#), "{records}");
    tmux.keys(&["P"]);
    tmux.wait_for("S stop it");
    tmux.keys(&["S"]);
    tmux.wait_for("Stop the running programme");
    tmux.keys(&["y"]);
    tmux.wait_until("Today without the programme", 10, |s| {
        s.contains("Stopped") && !s.contains("Today · week")
    });
    let records = std::fs::read_to_string(home.path().join("data/programme.jsonl")).unwrap();
    assert_eq!(records.lines().count(), 2, "{records}");
    assert!(
        records.lines().nth(1).unwrap().contains(r#""type":"stop""#),
        "{records}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
}
