//! What wakes the reminder's loop besides the clock: lines typed, buttons pressed on a
//! notification, stop signals; and the threads that wait for them.

use std::io::{self, BufRead};
use std::sync::mpsc::Sender;

use crate::history::BreakOutcome;

/// What wakes the loop.
pub(super) enum Wake {
    /// A line typed.
    Line(String),
    /// Standard input ended: no more answers.
    InputEnded,
    /// A button pressed on break `i`'s notification.
    Button(usize, BreakOutcome),
    /// SIGTERM, SIGINT or SIGHUP.
    Stop,
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
