//! The event loop: the one place the TUI reads the clock and talks to the terminal.
//!
//! It draws once per change and then blocks on one channel that three sources feed: the
//! terminal (a thread that waits for input with `poll(2)` and hands it to crossterm), stop
//! signals and resizes (a signal thread), and changes to the data, config and routine files (a
//! file-system watcher, inotify — no polling). With nothing timed it waits on the channel alone
//! (an idle screen never wakes); while a timer runs, until the next visible change (the displayed
//! second ticking over or a phase ending). That wait is a wall-clock timer
//! ([`crate::clock::timer`]), which counts time asleep and also rings when the clock is set or
//! the machine resumes, so a break that fell due during a suspend prompts on waking.
//!
//! A closed window is noticed at once: the input thread sees the terminal hang up (`POLLHUP`)
//! where crossterm would spin on reads of nothing, and the app then saves what there is — a
//! running session, an entry being typed — as for SIGTERM, and exits 129. Pasted text arrives
//! whole (bracketed paste) and goes to the note being typed or nowhere: it is never read as keys.
//! The terminal is restored on every exit; `ratatui::try_init` installs a panic hook that
//! restores it before a panic message is printed.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};

use super::app::App;
use super::keymap::MapKeys;
use super::msg::Msg;
use super::theme::Theme;
use super::update::update;
use crate::clock::Now;
use crate::clock::timer::WallTimer;
use crate::desktop::notify;
use crate::paths::Paths;
use crate::routine::Library;
use crate::workspace::{Parts, Problem, Workspace};

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
    let parts = Parts {
        config: true,
        rules: true,
        ..Parts::NONE
    };
    let ws = Workspace::load_parts(paths, read_now().wall.date_naive(), parts);
    if let Some(Problem::Config(e)) = ws.problems.first() {
        eprintln!("{e}");
        return ExitCode::from(crate::workspace::EXIT_USAGE);
    }
    if let Err(e) = ws.config.check_routines(&library) {
        eprintln!("{e}");
        return ExitCode::from(crate::workspace::EXIT_USAGE);
    }
    // The data folder made private is said in the app, as on the command line.
    let said = match crate::workspace::make_folder_private(paths) {
        Some(Problem::Data { warning, .. }) => Some(warning),
        _ => None,
    };
    let (config, rules) = (ws.config, ws.rules);
    let mut app = App::open(library, theme, paths, start.as_deref(), read_now()).with_safety(
        config,
        rules,
        &paths.config_file,
    );
    app.load_problems.extend(said);
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
        // Bad usage (DESIGN §3): a terminal is what the app needs to be used at all.
        return ExitCode::from(crate::workspace::EXIT_USAGE);
    }
    let (tx, wakes) = mpsc::channel();
    if let Err(e) = watch_signals(tx.clone()) {
        eprintln!("error: cannot watch for termination signals: {e}");
        return ExitCode::FAILURE;
    }
    // Without a watcher the app still works, from what it read at launch.
    let _watcher = match watch_files(paths, tx.clone()) {
        Ok(watcher) => Some(watcher),
        Err(e) => {
            app.load_problems.push(format!(
                "changes made elsewhere (the command line, another window) will show only after \
                 a restart: cannot watch the files ({e})"
            ));
            None
        }
    };
    let result = ratatui::try_init().and_then(|mut terminal| {
        // Clicks select tabs and routines; pastes arrive whole. Both are switched off again on
        // every way out, a panic included (this hook runs before ratatui's own restoring hook).
        terminal_modes(true)?;
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // With the terminal gone, ratatui's restoring hook would fail to print its error,
            // panic inside the hook and abort the process (a core dump of health data): the
            // dead terminal is swapped for /dev/null first, so every write succeeds quietly.
            if terminal_gone() {
                detach_from_terminal();
            }
            let _ = terminal_modes(false);
            hook(info);
        }));
        // Deadlines are slept towards on the wall clock, which runs on while the machine
        // sleeps and rings on a resume or a clock set (a due break then prompts at once); the
        // monotonic timeout is the fallback where there is no timerfd.
        let timer = WallTimer::new().ok().map(Arc::new).filter(|timer| {
            crate::clock::timer::forward(Arc::clone(timer), tx.clone(), Wake::Clock, Wake::Clock)
                .is_ok()
        });
        std::thread::Builder::new()
            .name("input".into())
            .spawn(move || read_input(tx))?;
        let result = event_loop(&mut terminal, &mut app, &wakes, paths, timer.as_deref());
        // After a hang-up there is no terminal to restore: what is written from here (the
        // modes, the cursor shown again when `terminal` is dropped) goes to /dev/null. Left on
        // the dead terminal, ratatui's drop would fail to print that error, panic, and its
        // panic hook panic again: an abort and a core dump (issue 19, item 9).
        if result.as_ref().is_ok_and(|&code| code == HUNG_UP) && terminal_gone() {
            detach_from_terminal();
        }
        let _ = terminal_modes(false);
        let restored = ratatui::try_restore();
        match result {
            Ok(code) if code != 0 => Ok(code),
            other => restored.and(other),
        }
    });
    match result {
        Ok(0) => ExitCode::SUCCESS,
        // Stopped by a signal or a hang-up: what there was is saved and the terminal is
        // restored where there is one; exit as a process killed by it would (128 + its number).
        Ok(signal) => ExitCode::from(128 + signal as u8),
        Err(e) => {
            if terminal_gone() {
                detach_from_terminal();
            }
            let _ = terminal_modes(false);
            ratatui::restore();
            eprintln!("error: the terminal failed: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Whether the terminal has hung up: standard input, output or error reports `POLLHUP` (or is
/// no longer open). A terminal that is only slow is not gone.
fn terminal_gone() -> bool {
    let mut fds =
        [libc::STDIN_FILENO, libc::STDOUT_FILENO, libc::STDERR_FILENO].map(|fd| libc::pollfd {
            fd,
            events: 0,
            revents: 0,
        });
    // SAFETY: three valid pollfds, their count, no wait.
    let ready = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, 0) };
    ready > 0
        && fds
            .iter()
            .any(|p| p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0)
}

/// Points standard input, output and error at /dev/null, so that nothing written after the
/// terminal went away fails (a failed `eprintln!` panics).
fn detach_from_terminal() {
    // SAFETY: a constant C string; the descriptors are the process's own standard ones.
    unsafe {
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR | libc::O_CLOEXEC);
        if null < 0 {
            return;
        }
        for fd in [libc::STDIN_FILENO, libc::STDOUT_FILENO, libc::STDERR_FILENO] {
            libc::dup2(null, fd);
        }
        libc::close(null);
    }
}

/// What wakes the loop.
#[derive(Debug, Clone)]
enum Wake {
    /// A key, a click, a paste or a resize from the terminal.
    Terminal(Event),
    /// The terminal hung up or its input ended.
    HungUp,
    /// SIGTERM, SIGHUP or SIGINT from outside.
    Signal(i32),
    /// The window was resized (SIGWINCH).
    Resized,
    /// Watched files changed (none named: the watcher could not say which).
    Files(Vec<std::path::PathBuf>),
    /// The wall-clock timer rang, or the clock was set or the machine resumed: the timers
    /// (breaks, a session, midnight) catch up.
    Clock,
}

/// The exit code for a hung-up terminal: as if killed by SIGHUP.
const HUNG_UP: i32 = signal_hook::consts::SIGHUP;

/// Waits for terminal input with `poll(2)` and forwards every event crossterm makes of it. A
/// hang-up (`POLLHUP`, `POLLERR`) or a failed read ends the thread with [`Wake::HungUp`].
///
/// crossterm reads the terminal through its level-triggered source (the `use-dev-tty`
/// feature), so a resize it reports first never strands a key that came with it: the key's
/// bytes stay readable for the next call. (Its default, edge-triggered source did strand it,
/// until more input came, while this thread spun on a terminal `poll(2)` called readable.) That
/// source answers nothing to a zero timeout, so what it has ready is taken with a short one:
/// a millisecond once a burst of input has been read, no wake-up while nothing is typed.
fn read_input(tx: Sender<Wake>) {
    const READY: Duration = Duration::from_millis(1);
    use ratatui::crossterm::event::poll;
    loop {
        let mut fd = libc::pollfd {
            fd: libc::STDIN_FILENO,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, its count, no timeout.
        let ready = unsafe { libc::poll(&mut fd, 1, -1) };
        if ready < 0 {
            if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            let _ = tx.send(Wake::HungUp);
            return;
        }
        if fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            let _ = tx.send(Wake::HungUp);
            return;
        }
        loop {
            match poll(READY) {
                Ok(true) => match event::read() {
                    Ok(e) => {
                        if tx.send(Wake::Terminal(e)).is_err() {
                            return;
                        }
                    }
                    Err(_) => {
                        let _ = tx.send(Wake::HungUp);
                        return;
                    }
                },
                Ok(false) => break,
                Err(_) => {
                    let _ = tx.send(Wake::HungUp);
                    return;
                }
            }
        }
    }
}

/// SIGTERM, SIGHUP (the terminal closed) and SIGINT from outside each end the app the way
/// Ctrl-C does — a running session or a log entry being written is saved, the terminal
/// restored; SIGWINCH is a resize. If the app has not ended two seconds after a stop signal,
/// the watcher ends the process.
fn watch_signals(tx: Sender<Wake>) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGWINCH};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGWINCH])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if signal == SIGWINCH {
                    let _ = tx.send(Wake::Resized);
                    continue;
                }
                let _ = tx.send(Wake::Signal(signal));
                std::thread::sleep(Duration::from_secs(2));
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

/// Watches the data folder, the config file's folder and the routine folders; any change of a
/// file that matters sends [`Wake::Files`]. Reads (ours included) are not changes. `None` when
/// the system cannot watch (the app then works from what it read at launch, and says so).
fn watch_files(
    paths: &Paths,
    tx: Sender<Wake>,
) -> Result<notify::RecommendedWatcher, notify::Error> {
    use notify::event::{AccessKind, AccessMode, EventKind};
    use notify::{RecursiveMode, Watcher};
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        let changed = matches!(
            event.kind,
            EventKind::Create(_)
                | EventKind::Remove(_)
                | EventKind::Modify(
                    notify::event::ModifyKind::Data(_)
                        | notify::event::ModifyKind::Name(_)
                        | notify::event::ModifyKind::Any
                )
                | EventKind::Access(AccessKind::Close(AccessMode::Write))
        );
        let relevant = event.paths.iter().any(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            // Not ours to follow: lines set aside, the first-run mark, the locks, and the
            // form's journal (written at every key while typing, and its temporary files).
            !name.ends_with(".rejected")
                && !name.ends_with(".tmp")
                && name != crate::tui::app::WELCOME_SEEN
                && name != crate::store::lock::BREAKS_LOCK
                && name != crate::symptoms::draft::FILE
                && name != crate::symptoms::draft::LOCK
        });
        if changed && relevant {
            let _ = tx.send(Wake::Files(event.paths));
        }
    })?;
    let _ = crate::store::create_private_dir(&paths.data_dir);
    let mut folders = vec![paths.data_dir.clone()];
    if let Some(config_dir) = paths.config_file.parent() {
        folders.push(config_dir.to_path_buf());
        folders.push(config_dir.join("programmes"));
    }
    folders.extend(paths.routine_dirs());
    for folder in folders.iter().filter(|f| f.is_dir()) {
        watcher.watch(folder, RecursiveMode::NonRecursive)?;
    }
    Ok(watcher)
}

/// A burst of file events (an editor's save, a command's append) is read once: further events
/// within this time join the first.
const SETTLE: Duration = Duration::from_millis(40);

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    wakes: &Receiver<Wake>,
    paths: &Paths,
    timer: Option<&WallTimer>,
) -> io::Result<i32> {
    let mut redraw = true;
    // One reminder over a data folder asks about due breaks: the holder of `breaks.lock`.
    // Another (a `knotless remind`, another app) holding it, this app shows breaks due and
    // follows the answers it records; it tries again at each timer.
    let mut breaks_lock = take_breaks_lock(paths);
    app.breaks.follower = breaks_lock.is_none();
    // Wakes that arrived while file events were settling, handled next.
    let mut pending: std::collections::VecDeque<Wake> = std::collections::VecDeque::new();
    while !app.quit {
        if redraw {
            let drawn = terminal.size().and_then(|size| {
                app.area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
                terminal
                    .draw(|frame| frame.render_widget(&*app, frame.area()))
                    .map(drop)
            });
            if let Err(e) = drawn {
                // The terminal failed (it hung up between a change and this frame, say):
                // what there is is saved first, as on Ctrl-C.
                update(app, Msg::ForceQuit, read_now());
                return Err(e);
            }
            for (title, body) in std::mem::take(&mut app.notifications) {
                notify(&title, &body);
            }
            if std::mem::take(&mut app.bells) > 0 && app.config.cues.bell {
                let mut out = io::stdout();
                out.write_all(b"\x07")?;
                out.flush()?;
            }
        }
        let wake = if let Some(wake) = pending.pop_front() {
            Some(wake)
        } else {
            let after = app
                .next_wake()
                .map(|d| d.saturating_duration_since(Instant::now()));
            match (timer, after) {
                (Some(timer), after) if timer.arm(after).is_ok() => wakes.recv().ok(),
                (_, None) => wakes.recv().ok(),
                (_, Some(after)) => match wakes.recv_timeout(after) {
                    Ok(wake) => Some(wake),
                    Err(RecvTimeoutError::Timeout) => Some(Wake::Clock),
                    Err(RecvTimeoutError::Disconnected) => None,
                },
            }
        };
        redraw = match wake {
            Some(Wake::Clock) => {
                // The holder may have ended: the first to try at a due time takes over.
                if breaks_lock.is_none() {
                    breaks_lock = take_breaks_lock(paths);
                    app.breaks.follower = breaks_lock.is_none();
                }
                update(app, Msg::Tick, read_now())
            }
            Some(Wake::Terminal(Event::Paste(text))) => app.paste(&text),
            Some(Wake::Terminal(event)) => match to_msg(event, app) {
                Some(msg) => update(app, msg, read_now()),
                None => false,
            },
            Some(Wake::Resized) => update(app, Msg::Resize, read_now()),
            Some(Wake::Files(mut changed)) => {
                // An event that names no file means any may have changed: all are read.
                let mut unknown = changed.is_empty();
                while let Ok(wake) = wakes.recv_timeout(SETTLE) {
                    match wake {
                        Wake::Files(more) => {
                            unknown |= more.is_empty();
                            changed.extend(more);
                        }
                        other => {
                            pending.push_back(other);
                            break;
                        }
                    }
                }
                if unknown {
                    changed.clear();
                }
                app.follow_files(paths, &changed, read_now());
                true
            }
            // As Ctrl-C: save what there is. The terminal may be gone (a hang-up), so nothing
            // more is drawn.
            Some(Wake::Signal(signal)) => {
                update(app, Msg::ForceQuit, read_now());
                return Ok(signal);
            }
            Some(Wake::HungUp) | None => {
                update(app, Msg::ForceQuit, read_now());
                return Ok(HUNG_UP);
            }
        };
    }
    Ok(0)
}

/// `breaks.lock` if free. One that cannot be taken at all (a symlink or FIFO in its place)
/// leaves the app asking, as before locks.
fn take_breaks_lock(paths: &Paths) -> Option<crate::store::lock::BreaksLock> {
    match crate::store::lock::BreaksLock::try_take(&paths.data_dir) {
        Ok(Some(lock)) => Some(lock),
        Ok(None) => None,
        Err(_) => Some(crate::store::lock::BreaksLock::unheld()),
    }
}

/// Turns the terminal's mouse reporting and bracketed paste on or off.
fn terminal_modes(on: bool) -> io::Result<()> {
    use ratatui::crossterm::event::{
        DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    };
    let mut out = io::stdout();
    if on {
        ratatui::crossterm::execute!(out, EnableMouseCapture, EnableBracketedPaste)
    } else {
        ratatui::crossterm::execute!(out, DisableMouseCapture, DisableBracketedPaste)
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
