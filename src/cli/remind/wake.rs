//! What wakes the reminder's loop besides the clock: lines typed, buttons pressed on a
//! notification, stop signals; and the threads that wait for them.

use std::io::{self, BufRead};
use std::sync::mpsc::Sender;

use crate::history::BreakOutcome;

/// What wakes the loop.
#[derive(Clone)]
pub(super) enum Wake {
    /// A line typed.
    Line(String),
    /// Standard input ended: no more answers.
    InputEnded,
    /// A button pressed on break `i`'s notification.
    Button(usize, BreakOutcome),
    /// SIGTERM, SIGINT or SIGHUP.
    Stop,
    /// Standard output's reader went away (a closed pipe or socket).
    OutputClosed,
    /// The timer rang, or the wall clock was set (or the machine resumed): read the clocks.
    Clock,
    /// `history.jsonl` changed: an answer may have been recorded elsewhere.
    History,
}

/// Whether this process is in its terminal's foreground: started in the background
/// (`knotless remind &`), reading the terminal would stop it (SIGTTIN), so it asks nothing.
pub(super) fn in_foreground() -> bool {
    // SAFETY: plain queries of the process group and of standard input's terminal.
    unsafe { libc::tcgetpgrp(libc::STDIN_FILENO) == libc::getpgrp() }
}

/// Forwards each line typed; ends with [`Wake::InputEnded`].
pub(super) fn read_lines(tx: Sender<Wake>) {
    let stdin = io::stdin();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if tx.send(Wake::Line(line)).is_err() {
            return;
        }
    }
    let _ = tx.send(Wake::InputEnded);
}

/// SIGTERM, SIGINT and SIGHUP (the terminal closed) stop it.
pub(super) fn watch_signals(tx: Sender<Wake>) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if signals.forever().next().is_some() {
                let _ = tx.send(Wake::Stop);
            }
        })?;
    Ok(())
}

/// Sends [`Wake::OutputClosed`] when standard output's reader goes away: a pipe whose reader
/// closed it reports `POLLERR`, a socket or terminal hung up `POLLHUP`, without anything being
/// written. `poll(2)` asks for no other event, so a file, `/dev/null` or a live pipe keep the
/// thread blocked for good (no wake-ups); a closed descriptor ends it quietly.
pub(super) fn watch_output(tx: Sender<Wake>) {
    let watch = move || {
        loop {
            let mut fd = libc::pollfd {
                fd: libc::STDOUT_FILENO,
                events: 0,
                revents: 0,
            };
            // SAFETY: one valid pollfd, its count, no timeout.
            let ready = unsafe { libc::poll(&mut fd, 1, -1) };
            if ready < 0 {
                if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return;
            }
            if fd.revents & libc::POLLNVAL != 0 {
                return;
            }
            if fd.revents & (libc::POLLERR | libc::POLLHUP) != 0 {
                let _ = tx.send(Wake::OutputClosed);
                return;
            }
        }
    };
    let _ = std::thread::Builder::new()
        .name("output".into())
        .spawn(watch);
}

/// Sends [`Wake::History`] when `history.jsonl` changes (inotify on the data folder, no
/// polling); `None` when the system cannot watch (answers recorded elsewhere are then followed
/// at the next due time).
pub(super) fn watch_history(
    paths: &crate::paths::Paths,
    tx: Sender<Wake>,
) -> Option<notify::RecommendedWatcher> {
    use notify::event::{AccessKind, AccessMode, EventKind};
    use notify::{RecursiveMode, Watcher};
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        let written = matches!(
            event.kind,
            EventKind::Create(_)
                | EventKind::Modify(_)
                | EventKind::Access(AccessKind::Close(AccessMode::Write))
        );
        let history = event
            .paths
            .iter()
            .any(|p| p.file_name().is_some_and(|n| n == "history.jsonl"));
        if written && history {
            let _ = tx.send(Wake::History);
        }
    })
    .ok()?;
    watcher
        .watch(&paths.data_dir, RecursiveMode::NonRecursive)
        .ok()?;
    Some(watcher)
}
