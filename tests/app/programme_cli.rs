//! Programmes, dose offers, the flare plan and authoring, on the command line.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;

fn knotless(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("knotless").unwrap();
    cmd.env("KNOTLESS_DATA_DIR", home.join("data"))
        .env("KNOTLESS_CONFIG", home.join("config/config.toml"))
        .env_remove("VISUAL")
        .env("NO_COLOR", "1");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A completed session of `routine` on `day` with pain before and after.
fn session(routine: &str, day: &str, before: u8, after: u8, done: usize) -> String {
    format!(
        r#"{{"type":"session","id":"S{day}{routine}","routine":"{routine}","kind":"stretch","started":"{day}T08:00:00+00:00","ended":"{day}T08:06:00+00:00","active_seconds":360,"outcome":"completed","steps_done":{done},"steps_total":4,"pain_before":{before},"pain_after":{after}}}"#
    ) + "\n"
}

#[test]
fn check_covers_every_bundled_routine_and_programme_file() {
    let home = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = stdout(
        knotless(home.path())
            .args(["check"])
            .arg(root.join("routines"))
            .arg(root.join("programmes")),
    );
    assert!(
        out.contains("routine files and 3 programme files: all valid"),
        "{out}"
    );
    let out = stdout(knotless(home.path()).arg("check"));
    assert!(out.contains("programme files: all valid"), "{out}");
}

#[test]
fn a_broken_programme_is_reported_with_file_line_and_column() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/programmes");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("mine.toml"),
        "name = \"Mine\"\n[[weeks]]\nlevel = 1\nmon = [\"morning-mobility\", \"no-such\"]\n",
    )
    .unwrap();
    let out = knotless(home.path()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("mine.toml:4:28"), "{text}");
    assert!(text.contains("unknown routine `no-such`"), "{text}");
}

#[test]
fn routines_filter_by_tag() {
    let home = tempfile::tempdir().unwrap();
    let out = stdout(knotless(home.path()).args(["routines", "--tag", "flare"]));
    assert!(out.contains("flare-first-days"), "{out}");
    assert!(out.contains("flare-walk-break"), "{out}");
    assert!(!out.contains("core-endurance-knees"), "{out}");
    let out = stdout(knotless(home.path()).args(["routines", "--tag", "core", "--tag", "hips"]));
    assert!(
        out.contains("bridge-progression") && !out.contains("core-starter"),
        "{out}"
    );
}

#[test]
fn a_programme_offers_the_next_level_after_three_good_sessions_and_records_the_choice() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    fs::create_dir_all(&data).unwrap();
    // 2026-11-02 is a Monday: core-starter on Monday, Wednesday and Friday of week 1.
    let today = |cmd: &mut Command, day: &str| {
        cmd.env("KNOTLESS_TODAY", day);
    };
    let mut start = knotless(home.path());
    today(&mut start, "2026-11-01");
    let out = stdout(start.args(["programme", "start", "steady-back", "--from", "2026-11-02"]));
    assert!(out.contains("Started Steady back"), "{out}");
    let mut history = String::new();
    for day in ["2026-11-02", "2026-11-04", "2026-11-06"] {
        history.push_str(&session("core-starter", day, 4, 4, 4));
        fs::write(data.join("history.jsonl"), &history).unwrap();
        let mut status = knotless(home.path());
        today(&mut status, day);
        let out = stdout(status.args(["programme", "status"]));
        assert!(out.contains("week 1 of 4"), "{out}");
        assert!(out.contains("Core starter · level 1"), "{out}");
        if day != "2026-11-06" {
            assert!(out.contains("more session"), "{out}");
        } else {
            assert!(out.contains("level 1 → 2 offered (longer holds)"), "{out}");
            assert!(out.contains("knotless programme up core-starter"), "{out}");
        }
    }
    let mut up = knotless(home.path());
    today(&mut up, "2026-11-06");
    assert!(stdout(up.args(["programme", "up", "core-starter"])).contains("level 2 from now on"));
    let records = fs::read_to_string(data.join("programme.jsonl")).unwrap();
    assert!(
        records.contains(r#""direction":"up""#)
            && records.contains("took the last 3 sessions well"),
        "{records}"
    );
    // No second offer until three more sessions.
    let mut again = knotless(home.path());
    today(&mut again, "2026-11-06");
    let out = again
        .args(["programme", "up", "core-starter"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // A 2-point rise steps back at once, with the reason.
    history.push_str(&session("core-starter", "2026-11-09", 3, 5, 4));
    fs::write(data.join("history.jsonl"), &history).unwrap();
    let mut status = knotless(home.path());
    today(&mut status, "2026-11-09");
    let out = stdout(status.args(["programme", "status"]));
    assert!(
        out.contains("back to level 1: pain went from 3 before to 5 after"),
        "{out}"
    );
    let mut stop = knotless(home.path());
    assert!(stdout(stop.args(["programme", "stop"])).contains("Stopped steady-back"));
}

#[test]
fn high_pain_offers_the_flare_plan_but_an_emergency_comes_first() {
    let home = tempfile::tempdir().unwrap();
    let out = stdout(knotless(home.path()).args([
        "log",
        "add",
        "--pain",
        "8",
        "--deny",
        "saddle-numbness",
    ]));
    assert!(out.contains("Flare plan: you logged pain of 8"), "{out}");
    assert!(
        stdout(knotless(home.path()).args(["programme", "flare", "on"])).contains("Flare plan on")
    );
    let out = stdout(knotless(home.path()).arg("programme"));
    assert!(
        out.contains("Flare plan on") && out.contains("Flare: first days"),
        "{out}"
    );
    // Pain down on one day does not end the plan; it says what will.
    let out = stdout(knotless(home.path()).args(["log", "add", "--pain", "4"]));
    assert!(
        out.contains("Flare plan: pain is down to 4 from 8; the plan ends once it is 4 or lower again a day or more later"),
        "{out}"
    );
    assert!(!out.contains("Flare plan off"), "{out}");
    assert!(stdout(knotless(home.path()).arg("programme")).contains("Flare plan on"));

    let other = tempfile::tempdir().unwrap();
    let out = stdout(knotless(other.path()).args([
        "log",
        "add",
        "--pain",
        "8",
        "--symptom",
        "saddle-numbness",
        "--area",
        "groin-saddle",
    ]));
    assert!(!out.contains("Flare plan:"), "{out}");
    let refused = knotless(other.path())
        .args(["programme", "flare", "on"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("red flag"));
}

#[test]
fn the_flare_plan_ends_when_pain_has_settled_on_two_days_a_day_apart() {
    let home = tempfile::tempdir().unwrap();
    let on_day = |day: &str, args: &[&str]| {
        stdout(knotless(home.path()).env("KNOTLESS_TODAY", day).args(args))
    };
    let out = on_day("2026-11-02", &["log", "add", "--pain", "9"]);
    assert!(out.contains("Flare plan: you logged pain of 9"), "{out}");
    // Pain of 9 is severe on its own: beside the plan, see a doctor.
    assert!(
        out.contains("Book a doctor's appointment: severe pain"),
        "{out}"
    );
    let out = on_day("2026-11-02", &["programme", "flare", "on"]);
    assert!(out.contains("Book a doctor's appointment"), "{out}");
    let out = on_day("2026-11-02", &["programme"]);
    assert!(
        out.contains("Flare plan on.") && out.contains("Book a doctor's appointment"),
        "{out}"
    );
    // Under a programme, no level goes up during the plan, said once for every routine.
    on_day(
        "2026-11-01",
        &["programme", "start", "steady-back", "--from", "2026-11-02"],
    );
    let out = on_day("2026-11-02", &["programme"]);
    assert!(
        out.contains("every routine stays at its level: the flare plan is on"),
        "{out}"
    );
    assert!(!out.contains("Core starter · level 1:"), "{out}");
    let out = on_day("2026-11-03", &["log", "add", "--pain", "4"]);
    assert!(
        out.contains("Flare plan: pain is down to 4 from 9"),
        "{out}"
    );
    // A bad day in between starts the count again.
    let out = on_day("2026-11-04", &["log", "add", "--pain", "6"]);
    assert!(!out.contains("Flare plan"), "{out}");
    let out = on_day("2026-11-05", &["log", "add", "--pain", "4"]);
    assert!(out.contains("Flare plan: pain is down to 4"), "{out}");
    let out = on_day("2026-11-06", &["log", "add", "--pain", "3"]);
    assert!(
        out.contains("Flare plan off: pain has stayed down on two days (4 on Thu 5 Nov, 3 on Fri 6 Nov; it started at 9)"),
        "{out}"
    );
    // Pain of 8 once is not severe on its own: no note.
    let other = tempfile::tempdir().unwrap();
    let out = stdout(knotless(other.path()).args(["log", "add", "--pain", "8"]));
    assert!(out.contains("Flare plan: you logged pain of 8"), "{out}");
    assert!(!out.contains("Book a doctor's appointment"), "{out}");
}

/// A home with steady-back started on Monday 2 November 2026 and sessions of core-starter
/// (every step done) with pain before and after.
fn steady_back(sessions: &[(&str, u8, u8)]) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    stdout(
        knotless(home.path())
            .env("KNOTLESS_TODAY", "2026-11-01")
            .args(["programme", "start", "steady-back", "--from", "2026-11-02"]),
    );
    let history: String = sessions
        .iter()
        .map(|(day, before, after)| session("core-starter", day, *before, *after, 4))
        .collect();
    fs::write(home.path().join("data/history.jsonl"), history).unwrap();
    home
}

#[test]
fn the_dose_stays_on_pain_above_five_lingering_pain_or_nerve_symptoms_and_says_why() {
    let status = |home: &Path| {
        stdout(
            knotless(home)
                .env("KNOTLESS_TODAY", "2026-11-06")
                .args(["programme", "status"]),
        )
    };
    let log = |home: &Path, args: &[&str]| {
        stdout(
            knotless(home)
                .env("KNOTLESS_TODAY", "2026-11-06")
                .args(["log", "add"])
                .args(args),
        )
    };
    let good = [
        ("2026-11-02", 4, 4),
        ("2026-11-04", 4, 4),
        ("2026-11-06", 4, 4),
    ];
    // Nearest miss first: three sessions at 5 or below are offered the next level.
    let five = steady_back(&[
        ("2026-11-02", 5, 5),
        ("2026-11-04", 5, 5),
        ("2026-11-06", 5, 5),
    ]);
    assert!(status(five.path()).contains("level 1 → 2 offered"));
    let six = steady_back(&[
        ("2026-11-02", 5, 5),
        ("2026-11-04", 6, 5),
        ("2026-11-06", 5, 5),
    ]);
    let out = status(six.path());
    assert!(
        out.contains("Core starter · level 1: pain was 6 before the session on Wed 4 Nov: the dose goes up only while pain stays at 5 or below"),
        "{out}"
    );
    let refused = knotless(six.path())
        .env("KNOTLESS_TODAY", "2026-11-06")
        .args(["programme", "up", "core-starter"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("pain was 6 before"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    // The day after a session, pain logged as it was before: offered; one point higher: stays.
    let same = steady_back(&good);
    log(same.path(), &["--pain", "4", "--at", "2026-11-05 09:00"]);
    assert!(status(same.path()).contains("level 1 → 2 offered"));
    let higher = steady_back(&good);
    log(higher.path(), &["--pain", "5", "--at", "2026-11-05 09:00"]);
    let out = status(higher.path());
    assert!(
        out.contains(
            "you logged pain of 5 the day after the session on Wed 4 Nov, which started at 4"
        ),
        "{out}"
    );
    // Tingling down one leg: a nerve flag holds the dose.
    let nerve = steady_back(&good);
    log(
        nerve.path(),
        &[
            "--pain",
            "3",
            "--symptom",
            "tingling",
            "--area",
            "leg-left",
            "--at",
            "2026-11-05 09:00",
        ],
    );
    let out = status(nerve.path());
    assert!(out.contains("nerve symptoms"), "{out}");
    assert!(!out.contains("offered"), "{out}");
}

#[test]
fn new_routine_writes_a_valid_template_and_opens_the_editor() {
    let home = tempfile::tempdir().unwrap();
    let out = stdout(knotless(home.path()).env("EDITOR", "true").args([
        "new",
        "routine",
        "Morning hips",
    ]));
    let file = home.path().join("config/routines/morning-hips.toml");
    assert!(out.contains("morning-hips.toml"), "{out}");
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("name = \"Morning hips\""));
    let out = stdout(knotless(home.path()).arg("check").arg(&file));
    assert!(out.contains("all valid"), "{out}");
    // Never overwritten.
    let again = knotless(home.path())
        .env("EDITOR", "true")
        .args(["new", "routine", "Morning hips"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    // A drawing template, usable by a step.
    stdout(
        knotless(home.path())
            .env("EDITOR", "true")
            .args(["new", "art", "my-pose"]),
    );
    let art = fs::read_to_string(home.path().join("config/routines/art/my-pose.txt")).unwrap();
    assert!(art.lines().count() <= 8 && art.lines().all(|l| l.chars().count() <= 28));
    fs::write(
        &file,
        text.replace("art = \"pelvic-tilt\"", "art = \"my-pose\""),
    )
    .unwrap();
    assert!(stdout(knotless(home.path()).arg("check").arg(&file)).contains("all valid"));
}

#[test]
fn check_watch_checks_again_when_a_file_is_saved() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/routines");
    fs::create_dir_all(&dir).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("knotless");
    let mut child = std::process::Command::new(bin)
        .env("KNOTLESS_DATA_DIR", home.path().join("data"))
        .env("KNOTLESS_CONFIG", home.path().join("config/config.toml"))
        .args(["check", "--watch"])
        .arg(&dir)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut read_until = |what: &str| {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut seen = String::new();
        while Instant::now() < deadline {
            match lines.next() {
                Some(Ok(line)) => {
                    seen.push_str(&line);
                    seen.push('\n');
                    if line.contains(what) {
                        return seen;
                    }
                }
                _ => break,
            }
        }
        panic!("never saw {what:?}:\n{seen}");
    };
    read_until("watching");
    fs::write(
        dir.join("typo.toml"),
        "name = \"Typo\"\nkind = \"stretch\"\n\n[[steps]]\nname = \"a\"\nhodl = \"30s\"\n",
    )
    .unwrap();
    let seen = read_until("with errors");
    assert!(seen.contains("typo.toml:6:1"), "{seen}");
    fs::write(
        dir.join("typo.toml"),
        "name = \"Typo\"\nkind = \"stretch\"\n\n[[steps]]\nname = \"a\"\nhold = \"30s\"\n",
    )
    .unwrap();
    read_until("all valid");
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn check_watch_keeps_watching_a_folder_deleted_and_created_again() {
    // Issue 19 item 15: the watch went with the folder, and saves after it came back were
    // never checked.
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/routines");
    fs::create_dir_all(&dir).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("knotless");
    let mut child = std::process::Command::new(bin)
        .env("KNOTLESS_DATA_DIR", home.path().join("data"))
        .env("KNOTLESS_CONFIG", home.path().join("config/config.toml"))
        .args(["check", "--watch"])
        .arg(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (tx, lines) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap_or_default()).is_err() {
                return;
            }
        }
    });
    let pid = child.id() as i32;
    // A bounded wait on the real process: a regression fails (and the child is killed) rather
    // than hangs.
    let read_until = |what: &str| {
        let mut seen = String::new();
        loop {
            match lines.recv_timeout(Duration::from_secs(20)) {
                Ok(line) => {
                    seen.push_str(&line);
                    seen.push('\n');
                    if line.contains(what) {
                        return seen;
                    }
                }
                Err(_) => {
                    // SAFETY: a plain kill(2) of our own child.
                    unsafe { libc::kill(pid, libc::SIGKILL) };
                    panic!("never saw {what:?}:\n{seen}");
                }
            }
        }
    };
    read_until("watching");
    fs::remove_dir_all(&dir).unwrap();
    fs::create_dir_all(&dir).unwrap();
    read_until("is back: watching it again");
    fs::write(
        dir.join("typo.toml"),
        "name = \"Typo\"\nkind = \"stretch\"\n\n[[steps]]\nname = \"a\"\nhodl = \"30s\"\n",
    )
    .unwrap();
    let seen = read_until("with errors");
    assert!(seen.contains("typo.toml:6:1"), "{seen}");
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn the_readmes_programme_example_is_valid() {
    let readme = include_str!("../../README.md");
    let example = readme
        .split("```toml\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .find(|b| b.contains("[[weeks]]"))
        .expect("a programme example");
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("programmes");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("example.toml"), example).unwrap();
    let out = stdout(knotless(home.path()).arg("check").arg(&dir));
    assert!(out.contains("1 programme file: all valid"), "{out}");
}

#[test]
fn start_from_a_day_to_come_starts_then_and_replacing_a_programme_says_what_was_stopped() {
    let home = tempfile::tempdir().unwrap();
    let on = |day: &str| {
        let mut cmd = knotless(home.path());
        cmd.env("KNOTLESS_TODAY", day);
        cmd
    };
    let out = stdout(on("2026-11-02").args(["programme", "start", "gentle-return"]));
    assert!(out.starts_with("Started Gentle return"), "{out}");
    assert!(!out.contains("Stopped"), "{out}");
    // Thursday 5 Nov, a new programme from Monday 9 Nov: the running one is stopped, said so.
    let out = stdout(on("2026-11-05").args([
        "programme",
        "start",
        "steady-back",
        "--from",
        "2026-11-09",
    ]));
    assert!(
        out.contains("Stopped Gentle return")
            && out.contains("(week 1 of 3), started Mon 2 Nov 2026"),
        "{out}"
    );
    assert!(out.contains("Started Steady back"), "{out}");
    assert!(
        out.contains("Week 1 starts on Mon 9 Nov 2026; until then Today follows your [[plan]]."),
        "{out}"
    );
    // Until Monday it has not started: status says when it does.
    let out = stdout(on("2026-11-07").args(["programme", "status"]));
    assert!(
        out.contains("Steady back: four weeks starts on Mon 9 Nov 2026"),
        "{out}"
    );
    // On Monday it is week 1.
    let out = stdout(on("2026-11-09").args(["programme", "status"]));
    assert!(out.contains("week 1 of 4"), "{out}");
    assert!(out.contains("Today (Mon 9 Nov)"), "{out}");
}

#[test]
fn start_from_a_past_day_counts_the_sessions_since_then() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    fs::create_dir_all(&data).unwrap();
    // Core starter done on Monday and Wednesday; the programme is started on Friday from Monday.
    let history = session("core-starter", "2026-11-02", 3, 3, 4)
        + &session("core-starter", "2026-11-04", 3, 3, 4);
    fs::write(data.join("history.jsonl"), history).unwrap();
    let mut start = knotless(home.path());
    start.env("KNOTLESS_TODAY", "2026-11-06");
    let out = stdout(start.args(["programme", "start", "steady-back", "--from", "2026-11-02"]));
    assert!(
        out.contains("Week 1 started on Mon 2 Nov 2026: sessions since then count towards it."),
        "{out}"
    );
    let mut status = knotless(home.path());
    status.env("KNOTLESS_TODAY", "2026-11-06");
    let out = stdout(status.args(["programme", "status"]));
    assert!(
        out.contains("Core starter · level 1: 1 more session at this level"),
        "{out}"
    );
}

#[test]
fn new_art_passes_the_check_it_suggests_and_a_routine_name_keeps_its_letters() {
    let home = tempfile::tempdir().unwrap();
    let out =
        stdout(
            knotless(home.path())
                .env("EDITOR", "true")
                .args(["new", "art", "wall-slide"]),
        );
    // The command it suggests, run as suggested.
    let suggested = out
        .lines()
        .find_map(|l| l.strip_prefix("check it with: knotless "))
        .unwrap_or_else(|| panic!("{out}"));
    let args: Vec<&str> = suggested.split(' ').collect();
    let checked = stdout(knotless(home.path()).args(&args));
    assert!(
        checked.contains("checked 1 drawing: all valid"),
        "{checked}"
    );
    // A drawing too wide and too tall is refused with the line.
    let art = home.path().join("config/routines/art/wall-slide.txt");
    fs::write(&art, format!("{}\n{}", "x".repeat(30), "|\n".repeat(9))).unwrap();
    let bad = knotless(home.path())
        .arg("check")
        .arg(&art)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let text = String::from_utf8_lossy(&bad.stdout);
    assert!(text.contains("wall-slide.txt:1:1"), "{text}");
    assert!(
        text.contains("30 columns wide; a drawing is at most 28"),
        "{text}"
    );
    assert!(text.contains("10 lines; at most 8"), "{text}");
    // Accented letters stay in the file name.
    let out = stdout(knotless(home.path()).env("EDITOR", "true").args([
        "new",
        "routine",
        "Évening ünwind",
    ]));
    assert!(out.contains("evening-unwind.toml"), "{out}");
    let text = fs::read_to_string(home.path().join("config/routines/evening-unwind.toml")).unwrap();
    assert!(text.contains("name = \"Évening ünwind\""), "{text}");
}
