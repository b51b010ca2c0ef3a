//! Routine and screen benchmarks against DESIGN §8: loading every routine (bundled and a folder
//! of user files) and drawing the runner and the Routines screen on a 200×60 terminal.

use std::time::{Duration, Instant};

use knotless::clock::Now;
use knotless::routine::Library;
use knotless::tui::{App, Msg, Theme, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

fn now() -> Now {
    Now {
        instant: Instant::now(),
        wall: "2026-11-24T18:30:00+01:00".parse().unwrap(),
    }
}

/// The bundled routines alone.
#[divan::bench]
fn load_bundled() -> Library {
    Library::load(&[])
}

/// The bundled routines plus a folder of 50 user files (copies of the bundled ones).
#[divan::bench]
fn load_with_50_user_files(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let bundled = Library::load(&[]);
    for i in 0..50 {
        let routine = &bundled.routines[i % bundled.routines.len()];
        let text = knotless::routine::bundled_source(&routine.id).unwrap();
        std::fs::write(dir.path().join(format!("mine-{i}.toml")), text).unwrap();
    }
    let dirs = [dir.path().to_path_buf()];
    bencher.bench(|| {
        let lib = Library::load(&dirs);
        assert!(lib.broken.is_empty());
        lib
    });
}

fn app_on(start: Option<&str>) -> (App, Now, tempfile::TempDir) {
    let data = tempfile::tempdir().unwrap();
    let now = now();
    let app = App::new(
        Library::load(&[]),
        Theme::new(false),
        data.path(),
        start,
        now,
    );
    (app, now, data)
}

/// One frame of the runner mid-hold, with the drawing, on a 200×60 terminal.
#[divan::bench]
fn render_runner_200x60(bencher: divan::Bencher) {
    let (mut app, mut now, _data) = app_on(Some("lower-back-release"));
    update(&mut app, Msg::Confirm, now); // past the briefing
    update(&mut app, Msg::Skip, now); // no pain rating
    now.instant += Duration::from_secs(55);
    update(&mut app, Msg::Tick, now);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    bencher.bench_local(|| {
        terminal.draw(|f| f.render_widget(&app, f.area())).unwrap();
    });
}

/// One frame of the Routines screen on a 200×60 terminal.
#[divan::bench]
fn render_routines_200x60(bencher: divan::Bencher) {
    let (app, _now, _data) = app_on(None);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    bencher.bench_local(|| {
        terminal.draw(|f| f.render_widget(&app, f.area())).unwrap();
    });
}
