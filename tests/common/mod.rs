//! A harness shared by the screen tests: an app over a private data folder, driven by
//! messages, with time advanced by hand.

#![allow(dead_code)] // each test file uses a different part

pub mod cli;
pub mod tmux;

use std::path::Path;
use std::time::{Duration, Instant};

use knotless::clock::Now;
use knotless::routine::Library;
use knotless::tui::{App, Msg, Screen, Stage, Theme, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A weekly check-in at `at` (unless there are check-ins already), so that the app does not
/// offer one this week: the tests of other screens are about those screens.
pub fn checked_in(data: &Path, at: &chrono::DateTime<chrono::FixedOffset>) {
    let file = data.join(knotless::checkins::FILE);
    if !file.exists() {
        let line = format!(
            "{{\"id\":\"01KCHECKIN0000000000000001\",\"at\":\"{}\",\"pain\":3,\"enjoyment\":3,\"activity\":3}}\n",
            at.to_rfc3339()
        );
        std::fs::write(&file, line).unwrap();
        let private = std::os::unix::fs::PermissionsExt::from_mode(0o600);
        std::fs::set_permissions(&file, private).unwrap();
    }
}

pub struct Harness {
    pub app: App,
    pub now: Now,
    pub data: tempfile::TempDir,
}

impl Harness {
    pub fn new(start: Option<&str>) -> Harness {
        Harness::with_library(Library::load(&[]), start)
    }

    pub fn with_library(library: Library, start: Option<&str>) -> Harness {
        let data = tempfile::tempdir().unwrap();
        Harness::in_dir(library, start, data)
    }

    /// An app over the data already in `data`.
    pub fn in_dir(library: Library, start: Option<&str>, data: tempfile::TempDir) -> Harness {
        let now = Now {
            instant: Instant::now(),
            wall: "2026-11-24T18:30:00+01:00".parse().unwrap(),
        };
        // A returning user: the first-run statement has been seen.
        std::fs::write(data.path().join(knotless::tui::WELCOME_SEEN), "").unwrap();
        checked_in(data.path(), &now.wall);
        let app = App::new(library, Theme::new(true), data.path(), start, now);
        Harness { app, now, data }
    }

    pub fn send(&mut self, msgs: &[Msg]) -> &mut Self {
        for &msg in msgs {
            update(&mut self.app, msg, self.now);
        }
        self
    }

    /// The terminal resized to `width`×`height` and drawn, as the event loop does: the app
    /// keeps the size of the last draw (the keys of the Log form follow its layout).
    pub fn resize(&mut self, width: u16, height: u16) -> &mut Self {
        self.app.area = ratatui::layout::Rect::new(0, 0, width, height);
        update(&mut self.app, Msg::Resize, self.now);
        self
    }

    pub fn advance(&mut self, secs: u64) -> &mut Self {
        self.now.instant += Duration::from_secs(secs);
        self.now.wall += chrono::Duration::seconds(secs as i64);
        update(&mut self.app, Msg::Tick, self.now);
        self
    }

    pub fn stage(&self) -> &Stage {
        match &self.app.screen {
            Screen::Runner(r) => &r.stage,
            _ => panic!("not in the runner"),
        }
    }

    pub fn screen(&self, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|f| f.render_widget(&self.app, f.area()))
            .unwrap();
        terminal.backend().to_string()
    }

    /// Through the briefing and the pain question into the timed session.
    pub fn start_session(&mut self, pain: Option<u8>) -> &mut Self {
        while let Stage::Briefing { checked, .. } = self.stage() {
            let unticked = checked.iter().filter(|c| !**c).count();
            let heat = matches!(&self.app.screen, Screen::Runner(r) if r.is_checklist());
            if heat && unticked > 0 {
                self.send(&[Msg::Space]);
            } else {
                self.send(&[Msg::Confirm]);
            }
        }
        match pain {
            Some(p) => self.send(&[Msg::Digit(p), Msg::Confirm]),
            None => self.send(&[Msg::Skip]),
        }
    }
}

impl Harness {
    pub fn clone_state(&self) -> Harness {
        Harness {
            app: self.app.clone(),
            now: self.now,
            data: tempfile::tempdir().unwrap(),
        }
    }
}

impl Harness {
    /// A second app over the same data folder, as a second window would be.
    pub fn beside(&self) -> Harness {
        let app = App::new(
            self.app.library.clone(),
            Theme::new(true),
            self.dir(),
            None,
            self.now,
        );
        Harness {
            app,
            now: self.now,
            data: tempfile::tempdir().unwrap(),
        }
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        self.data.path()
    }
}

/// A routine with every phase kind: prepare, paced reps, a rest, a hold on each side with a
/// switch between them, another rest, counted reps.
pub const PHASES: &str = r#"
name = "Every phase"
kind = "stretch"
prepare = "5s"
rest = "10s"

[[steps]]
name = "Pelvic tilt"
reps = 10
tempo = "3s"
cue = "Press the small of your back into the floor."
art = "pelvic-tilt"

[[steps]]
name = "Knee to chest"
hold = "20s"
sides = "left-right"
switch = "5s"
cue = "Draw one knee towards your chest."
art = "knee-to-chest"

[[steps]]
name = "Cat cow"
reps = 8
cue = "On hands and knees, round then arch your back."
art = "cat-cow"
"#;

/// A heat routine whose skin checks come every 3 minutes.
pub const HEAT: &str = r#"
name = "Short checks"
kind = "heat"
prepare = "5s"

[[steps]]
name = "Heat pack on the lower back"
hold = "10m"
check_every = "3m"
art = "heat-pack"
"#;

/// The app in routine `id` (the file `text`), its session started; the folder holds the file.
pub fn running(id: &str, text: &str) -> (Harness, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(format!("{id}.toml")), text).unwrap();
    let library = Library::load(&[dir.path().to_path_buf()]);
    let mut h = Harness::with_library(library, Some(id));
    h.start_session(None);
    assert!(matches!(h.stage(), Stage::Running(_)));
    (h, dir)
}
