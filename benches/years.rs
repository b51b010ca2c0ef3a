//! Ten years of heavy use (DESIGN §8): 50,000 log entries and 30,000 sessions, every day's plan
//! done for years (so the streak is ten years long). The first frame — loading everything,
//! evaluating the flags, drawing the home screen — must take under 100 ms; each screen's frame
//! at 200×60 stays near the 1 ms budget however long the history grows.

use std::fmt::Write;
use std::path::Path;
use std::time::Instant;

use knotless::clock::Now;
use knotless::config::Config;
use knotless::flags::RuleSet;
use knotless::routine::Library;
use knotless::tui::{App, Msg, Theme, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

const DAYS: i64 = 3_650;
const ENTRIES: usize = 50_000;
const SESSIONS: usize = 30_000;

fn now() -> Now {
    Now {
        instant: Instant::now(),
        wall: "2026-11-24T21:30:00+01:00".parse().unwrap(),
    }
}

/// Writes ten years of data into `dir`.
fn years_of_data(dir: &Path) {
    let end = now().wall;
    let start = end - chrono::Duration::days(DAYS);
    let mut log = String::with_capacity(ENTRIES * 300);
    for i in 0..ENTRIES {
        let at = start + chrono::Duration::minutes((i as i64 * DAYS * 24 * 60) / ENTRIES as i64);
        let side = if i % 7 == 0 { "right" } else { "left" };
        writeln!(
            log,
            r#"{{"id":"01K{i:023}","at":"{}","pain":{},"areas":["lower-back-{side}"],"symptoms":["knot","stiffness"],"triggers":["sitting"],"relief":["heat"],"note":"worse after sitting all afternoon"}}"#,
            at.to_rfc3339(),
            i % 8
        )
        .unwrap();
    }
    std::fs::write(dir.join("symptoms.jsonl"), log).unwrap();
    let mut history = String::with_capacity(SESSIONS * 300);
    for i in 0..SESSIONS {
        // Every day: the morning and evening plan, and heat and breaks on most days.
        let day = i as i64 * DAYS / SESSIONS as i64;
        let slot = i % 8;
        let routine = [
            "morning-mobility",
            "lower-back-release",
            "heat-pack",
            "desk-reset",
        ][slot % 4];
        let kind = ["stretch", "stretch", "heat", "posture-break"][slot % 4];
        let started =
            start + chrono::Duration::days(day) + chrono::Duration::hours(7 + slot as i64);
        let ended = started + chrono::Duration::minutes(10);
        writeln!(
            history,
            r#"{{"type":"session","id":"01H{i:023}","routine":"{routine}","kind":"{kind}","started":"{}","ended":"{}","active_seconds":600,"outcome":"completed","steps_done":6,"steps_total":6,"pain_before":{},"pain_after":{}}}"#,
            started.to_rfc3339(),
            ended.to_rfc3339(),
            4 + i % 3,
            3 + i % 3
        )
        .unwrap();
    }
    std::fs::write(dir.join("history.jsonl"), history).unwrap();
    std::fs::write(dir.join(knotless::tui::WELCOME_SEEN), "").unwrap();
}

fn open(dir: &Path, now: Now) -> App {
    let config = Config::parse(
        "config.toml",
        "[[plan]]\nroutine = \"morning-mobility\"\ndays = [\"daily\"]\n\n[[plan]]\nroutine = \"lower-back-release\"\ndays = [\"daily\"]\n",
    )
    .unwrap();
    App::new(Library::load(&[]), Theme::new(true), dir, None, now).with_safety(
        config,
        RuleSet::bundled(),
        &dir.join("config.toml"),
    )
}

/// Launch to first frame: every file loaded, the flags evaluated, the home screen drawn.
#[divan::bench(sample_count = 10)]
fn first_frame(bencher: divan::Bencher) {
    let data = tempfile::tempdir().unwrap();
    years_of_data(data.path());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    bencher.bench_local(|| {
        let app = open(data.path(), now());
        terminal.draw(|f| f.render_widget(&app, f.area())).unwrap();
        app
    });
}

/// One frame of each tab over ten years of data, at 200×60.
#[divan::bench(args = ["routines", "log", "history", "flags"], sample_count = 30)]
fn frame_200x60(bencher: divan::Bencher, tab: &str) {
    let data = tempfile::tempdir().unwrap();
    years_of_data(data.path());
    let now = now();
    let mut app = open(data.path(), now);
    let tabs = match tab {
        "log" => 1,
        "history" => 2,
        "flags" => 4,
        _ => 0,
    };
    for _ in 0..tabs {
        update(&mut app, Msg::Tab, now);
    }
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    bencher.bench_local(|| {
        terminal.draw(|f| f.render_widget(&app, f.area())).unwrap();
    });
}

/// Following the files at ten years: one line appended to the log (or the history) by another
/// process, then what the app does when the watcher names the file: read the lines appended
/// since its last read, apply them, evaluate the flags again (the log only). The append itself
/// is outside the timing.
#[divan::bench(args = ["symptoms.jsonl", "history.jsonl"], sample_count = 20)]
fn follow_one_appended_line(bencher: divan::Bencher, file: &str) {
    let data = tempfile::tempdir().unwrap();
    years_of_data(data.path());
    let now = now();
    let mut app = open(data.path(), now);
    let paths = knotless::paths::Paths {
        data_dir: data.path().to_path_buf(),
        config_file: data.path().join("config.toml"),
        extra_routine_dirs: Vec::new(),
        cache_dir: None,
    };
    let changed = vec![data.path().join(file)];
    let mut n = 0;
    bencher
        .with_inputs(|| {
            n += 1;
            let line = if file == "history.jsonl" {
                format!(
                    r#"{{"type":"session","id":"01M{n:023}","routine":"desk-reset","kind":"posture-break","started":"2026-11-24T20:00:00+01:00","ended":"2026-11-24T20:00:30+01:00","active_seconds":30,"outcome":"completed","steps_done":1,"steps_total":1}}"#
                )
            } else {
                format!(
                    r#"{{"id":"01M{n:023}","at":"2026-11-24T20:00:00+01:00","pain":3,"areas":["lower-back-left"],"symptoms":["knot"]}}"#
                )
            };
            let mut f = std::fs::OpenOptions::new()
                .append(true)
                .open(data.path().join(file))
                .unwrap();
            std::io::Write::write_all(&mut f, format!("{line}\n").as_bytes()).unwrap();
        })
        .bench_local_values(|()| app.follow_files(&paths, &changed, now));
}
