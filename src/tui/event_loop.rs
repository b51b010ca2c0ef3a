//! The event loop: the one place the TUI reads the clock and talks to the terminal.
//!
//! It draws once per change and then blocks: on input alone when nothing is timed (an idle
//! screen never wakes), or until the next visible change while a timer runs (the displayed second
//! ticking over or a phase ending). The terminal is restored on every exit; `ratatui::try_init`
//! installs a panic hook that restores it before a panic message is printed.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};

use super::app::{App, Msg, update};
use super::theme::Theme;
use crate::clock::Now;
use crate::config::Config;
use crate::flags::RuleSet;
use crate::paths::Paths;
use crate::routine::Library;

/// Reads both clocks, once, for one update.
fn read_now() -> Now {
    Now {
        instant: Instant::now(),
        wall: crate::clock::wall_now(),
    }
}

/// Whether colour is allowed: `NO_COLOR` set to anything non-empty turns it off.
fn colour_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Runs the TUI until the person quits; `start` opens a routine straight away, `on_breaks` opens
/// the Breaks tab.
pub fn run(library: Library, paths: &Paths, start: Option<String>, on_breaks: bool) -> ExitCode {
    let theme = Theme::new(colour_allowed());
    // A broken config stops here with its error rather than running on silent defaults.
    let config = match Config::load(&paths.config_file)
        .and_then(|c| c.check_routines(&library).map(|()| c))
    {
        Ok(config) => config,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(crate::cli::EXIT_USAGE);
        }
    };
    let rules = RuleSet::load(&paths.red_flags_file());
    let mut app = App::new(
        library,
        theme,
        &paths.data_dir,
        start.as_deref(),
        read_now(),
    )
    .with_safety(config, rules, &paths.config_file);
    if on_breaks {
        app.screen = super::app::Screen::Breaks;
    }
    // Without a terminal on both ends there is nothing to draw on or read keys from: say so
    // plainly instead of writing escape codes into a pipe.
    if !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        eprintln!(
            "knotless: the app needs a terminal, and {} is not one. In scripts use \
             `knotless routines --json`, `knotless log list` or `knotless flags --json`.",
            if io::stdout().is_terminal() {
                "standard input"
            } else {
                "standard output"
            }
        );
        return ExitCode::FAILURE;
    }
    let stop = match StopSignals::watch() {
        Ok(stop) => stop,
        Err(e) => {
            eprintln!("error: cannot watch for termination signals: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = ratatui::try_init().and_then(|mut terminal| {
        // Clicks select tabs and routines. Mouse reporting is switched off again on every way
        // out, a panic included (this hook runs before ratatui's own restoring hook).
        mouse(true)?;
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = mouse(false);
            hook(info);
        }));
        let result = event_loop(&mut terminal, &mut app, &stop);
        let _ = mouse(false);
        ratatui::try_restore().and(result)
    });
    match result {
        // Stopped by a signal: what there was is saved and the terminal is restored; exit as
        // a process killed by it would (128 + its number).
        Ok(()) if stop.received() != 0 => ExitCode::from(128 + stop.received() as u8),
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = mouse(false);
            ratatui::restore();
            eprintln!("error: the terminal failed: {e}");
            ExitCode::FAILURE
        }
    }
}

/// SIGTERM, SIGHUP (the terminal closed) and SIGINT from outside: each ends the app the way
/// Ctrl-C does — a running session or a log entry being written is saved, the terminal
/// restored. A watcher thread records the signal and raises SIGWINCH, which wakes the blocked
/// input read (crossterm listens for it) without any polling. If the app has not ended two
/// seconds later (a hung-up terminal can keep crossterm's read from returning), the watcher
/// ends the process.
struct StopSignals {
    received: std::sync::Arc<std::sync::atomic::AtomicI32>,
}

impl StopSignals {
    fn watch() -> io::Result<StopSignals> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGWINCH};
        use std::sync::atomic::Ordering;
        let received = std::sync::Arc::new(std::sync::atomic::AtomicI32::new(0));
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
        let seen = received.clone();
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    seen.store(signal, Ordering::SeqCst);
                    let _ = signal_hook::low_level::raise(SIGWINCH);
                    // When the terminal has hung up, crossterm can spin on the dead terminal
                    // inside a read with no timeout and never return: stop regardless after a
                    // grace period (a running session wakes every second, so it is saved).
                    std::thread::sleep(std::time::Duration::from_secs(2));
                    std::process::exit(128 + signal);
                }
            })?;
        Ok(StopSignals { received })
    }

    /// The signal that asked the app to stop, or 0.
    fn received(&self) -> i32 {
        self.received.load(std::sync::atomic::Ordering::SeqCst)
    }
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, stop: &StopSignals) -> io::Result<()> {
    let mut redraw = true;
    while !app.quit {
        if stop.received() != 0 {
            // As Ctrl-C: save what there is; the terminal may already be gone (SIGHUP), so
            // nothing more is drawn.
            update(app, Msg::ForceQuit, read_now());
            app.quit = true;
            break;
        }
        if redraw {
            let size = terminal.size()?;
            app.area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
            terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
            for (title, body) in std::mem::take(&mut app.notifications) {
                notify(&title, &body);
            }
            if std::mem::take(&mut app.bells) > 0 && app.config.cues.bell {
                let mut out = io::stdout();
                out.write_all(b"\x07")?;
                out.flush()?;
            }
        }
        let msg = match app.next_wake() {
            None => to_msg(event::read()?, app),
            Some(deadline) => {
                let timeout = deadline.saturating_duration_since(Instant::now());
                if event::poll(timeout)? {
                    to_msg(event::read()?, app)
                } else {
                    Some(Msg::Tick)
                }
            }
        };
        redraw = match msg {
            Some(msg) => update(app, msg, read_now()),
            None => false,
        };
    }
    Ok(())
}

/// Sends a desktop notification (built with the `notify` feature; a failure is not an error:
/// the bell and the screen still say it).
#[cfg(feature = "notify")]
fn notify(title: &str, body: &str) {
    let _ = notify_rust::Notification::new()
        .summary(title)
        .body(body)
        .appname("knotless")
        .show();
}

/// Without the `notify` feature there is nowhere to send a notification; `knotless config`
/// and the README say so.
#[cfg(not(feature = "notify"))]
fn notify(_title: &str, _body: &str) {}

/// Turns the terminal's mouse reporting on or off.
fn mouse(on: bool) -> io::Result<()> {
    use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
    let mut out = io::stdout();
    if on {
        ratatui::crossterm::execute!(out, EnableMouseCapture)
    } else {
        ratatui::crossterm::execute!(out, DisableMouseCapture)
    }
}

fn to_msg(event: Event, app: &App) -> Option<Msg> {
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};
    let typing = app.is_typing();
    let keys = &app.config.keys;
    match event {
        Event::Key(key) => keys.map(key, typing),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click(m.column, m.row)),
            MouseEventKind::ScrollUp if !typing => Some(Msg::Wheel(m.column, m.row, false)),
            MouseEventKind::ScrollDown if !typing => Some(Msg::Wheel(m.column, m.row, true)),
            _ => None,
        },
        Event::Resize(..) => Some(Msg::Resize),
        _ => None,
    }
}
