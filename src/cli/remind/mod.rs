//! `knotless remind`: posture breaks and the plan's times without the full-screen app — a line
//! and the bell in its terminal, a desktop notification with the `notify` feature, and the
//! question "did you do it?" answered by typing a line (when standard input is a terminal in
//! the foreground) or by a button on the notification (where the notification server supports
//! actions; each such notification has a thread waiting for its answer, blocked in D-Bus).
//! The logic is [`crate::remind`]; this is the command entry: it reads the clocks, the files, the
//! lines typed and the stop signals, and prints.
//!
//! It never polls: one channel is fed by a thread blocked reading standard input, one blocked
//! waiting for signals and one blocked on a wall-clock timer ([`crate::clock::timer`]) armed at
//! the next due time, and the loop waits on it. The timer counts time asleep and rings when the
//! clock is set or the machine resumes, so after a suspend the due break is asked about at once. SIGTERM, SIGINT and SIGHUP stop it cleanly (exit 0); a question
//! open then is left unanswered and nothing is recorded. So does standard output's reader going
//! away (a closed pipe), noticed at once by a thread blocked in `poll(2)` on it, not only at the
//! next line written.
//!
//! Here: the loop and the answers it records; `files` is what it reads from the files,
//! `messages` what it prints, rings and notifies, `wake` what wakes it.

mod files;
mod messages;
mod wake;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Instant;

use chrono::NaiveDate;

use super::usage_error;
use crate::clock::Now;
use crate::clock::timer::{self, WallTimer};
use crate::paths::Paths;
use crate::programme::state::{self, ProgrammeState};
use crate::remind::{Event, Reminder, Reply};
use crate::store::lock::{BREAKS_LOCK, BreaksLock};
use crate::workspace::{Parts, Problem, Workspace};

use files::Files;
use messages::{Cues, introduction, next_break, question, tell, why_question};
use wake::{Wake, in_foreground, read_lines, watch_history, watch_output, watch_signals};

fn read_now() -> Now {
    Now {
        instant: Instant::now(),
        wall: crate::clock::wall_now(),
    }
}

/// Prints a line (and flushes: the output may be a pipe or a journal). Every line passes the
/// gate: it names routines from files. A reader that has gone away (`knotless remind | head
/// -1`, EPIPE) ends the reminder: see [`output_closed`].
fn say(line: &str) {
    let mut out = io::stdout().lock();
    let written = writeln!(out, "{}", crate::text::visible_lines(line)).and_then(|()| out.flush());
    if written.is_err_and(|e| e.kind() == io::ErrorKind::BrokenPipe) {
        output_closed();
    }
}

/// Standard output's reader has gone: nobody can see a reminder any more, so it stops, with
/// status 0 (as `head` ending a pipeline is not a failure) and without a word (there is nowhere
/// to say it). Nothing is lost: every answer is in `history.jsonl` before its line is printed,
/// and a question still open is not recorded, as when it is stopped by a signal.
fn output_closed() -> ! {
    std::process::exit(0)
}

/// Runs `knotless remind` until a stop signal.
pub fn run(paths: &Paths) -> ExitCode {
    // The plan, the routines and the programmes; the programme's records and the sessions are
    // read by `files.reload` at every wake.
    let parts = Parts {
        config: true,
        programmes: true,
        ..Parts::NONE
    };
    let ws = Workspace::load_parts(paths, read_now().wall.date_naive(), parts);
    if let Some(Problem::Config(e)) = ws.problems.first() {
        let _ = writeln!(io::stderr(), "{e}");
        return ExitCode::from(super::EXIT_USAGE);
    }
    if let Err(e) = ws.config.check_routines(&ws.library) {
        let _ = writeln!(io::stderr(), "{e}");
        return ExitCode::from(super::EXIT_USAGE);
    }
    if let Err(e) = crate::store::create_private_dir(&paths.data_dir) {
        return usage_error(&e.to_string());
    }
    let mut files = Files {
        programmes: ws.programmes,
        programme_store: state::store(&paths.data_dir),
        history: crate::history::store(&paths.data_dir),
        history_read: crate::store::Cursor::default(),
        state: ProgrammeState::default(),
        sessions: Vec::new(),
        library: ws.library,
        config: ws.config,
        read_once: false,
        known_breaks: Default::default(),
        started: read_now().wall,
    };
    files.reload();

    let typing = io::stdin().is_terminal() && in_foreground();
    let ring = files.config.cues.bell && io::stdout().is_terminal();
    let notify = files.config.cues.notify;
    if notify && !crate::desktop::AVAILABLE {
        // Said once at the start, so nobody waits for a notification that cannot come.
        let _ = writeln!(
            io::stderr(),
            "knotless remind: notify = true in the config, but this build has no desktop \
             notifications (build with `cargo build --features notify`); reminders come as \
             lines here{}.",
            if ring { " and the bell" } else { "" }
        );
    }
    let buttons = notify && crate::desktop::supports_buttons();
    let can_ask = typing || buttons;
    let (tx, wakes) = mpsc::channel();
    if let Err(e) = watch_signals(tx.clone()) {
        return usage_error(&format!("cannot watch for stop signals: {e}"));
    }
    // One reminder over a data folder asks about breaks: the holder of `breaks.lock`. The others
    // show a due break and follow the answer it records, read as `history.jsonl` changes.
    let mut lock = None;
    let _watcher = if can_ask {
        lock = take_lock(paths);
        watch_history(paths, tx.clone())
    } else {
        None
    };
    watch_output(tx.clone());
    // Deadlines are slept towards on the wall clock, which runs on while the machine sleeps;
    // without a timer (no timerfd), on the monotonic clock as a fallback.
    let timer = WallTimer::new().ok().map(Arc::new).filter(|timer| {
        timer::forward(Arc::clone(timer), tx.clone(), Wake::Clock, Wake::Clock).is_ok()
    });
    let button_tx = buttons.then(|| tx.clone());
    if typing {
        std::thread::Builder::new()
            .name("answers".into())
            .spawn(move || read_lines(tx))
            .ok();
    }

    let now = read_now();
    let plans = files.config.break_plans(&files.library);
    let mut reminder = Reminder::new(plans, files.config.cues.snooze, can_ask, &now);
    reminder.set_follower(can_ask && lock.is_none());
    say(&introduction(&reminder, &files, typing, buttons));
    loop {
        let now = read_now();
        let planned_on = |day: NaiveDate| files.planned_on(day);
        let deadline = reminder.next_deadline(&now, &planned_on);
        let after = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        let wake = match (&timer, after) {
            (Some(timer), after) if timer.arm(after).is_ok() => wakes.recv().ok(),
            (_, None) => wakes.recv().ok(),
            (_, Some(after)) => match wakes.recv_timeout(after) {
                Ok(wake) => Some(wake),
                Err(RecvTimeoutError::Timeout) => Some(Wake::Clock),
                Err(RecvTimeoutError::Disconnected) => None,
            },
        };
        match wake {
            Some(Wake::Clock) => {
                // The holder may have ended: the first to try at a due time takes over.
                if can_ask && lock.is_none() {
                    lock = take_lock(paths);
                    reminder.set_follower(lock.is_none());
                }
                let now = read_now();
                let followed: Vec<Event> = files
                    .reload()
                    .iter()
                    .filter_map(|record| reminder.follow(record, &now))
                    .collect();
                let cues = Cues {
                    ring,
                    notify,
                    typing,
                    buttons: button_tx.as_ref(),
                };
                tell(&followed, &reminder, &files, &now, &cues);
                let planned_on = |day: NaiveDate| files.planned_on(day);
                let done = |day: NaiveDate, routine: &str| files.done(day, routine);
                let events = reminder.wake(&now, &planned_on, &done);
                tell(&events, &reminder, &files, &now, &cues);
            }
            Some(Wake::History) => {
                let now = read_now();
                let followed: Vec<Event> = files
                    .reload()
                    .iter()
                    .filter_map(|record| reminder.follow(record, &now))
                    .collect();
                let cues = Cues {
                    ring,
                    notify,
                    typing,
                    buttons: button_tx.as_ref(),
                };
                tell(&followed, &reminder, &files, &now, &cues);
            }
            Some(wake @ (Wake::Line(_) | Wake::Button(..))) => {
                let now = read_now();
                let reply = match wake {
                    Wake::Line(line) => reminder.answer(&line, &now),
                    Wake::Button(i, outcome) => match reminder.answer_button(i, outcome, &now) {
                        // A late press about a break already dealt with says nothing.
                        Reply::NothingAsked => continue,
                        reply => reply,
                    },
                    _ => continue,
                };
                match reply {
                    Reply::Recorded(record) => {
                        let outcome = record.outcome;
                        let reason = record.reason.clone();
                        let routine = files.name(&record.routine);
                        files.recorded(&record.id);
                        match crate::history::record_break(&files.history, record) {
                            Ok(()) => say(&format!(
                                "{}  {routine}: {}{}. {}",
                                clock(&now),
                                outcome.id(),
                                reason.map(|r| format!(" ({r})")).unwrap_or_default(),
                                next_break(&reminder, &files, &now)
                            )),
                            Err(e) => say(&format!(
                                "{}  The answer was not saved: {}",
                                clock(&now),
                                crate::text::visible(&e.to_string())
                            )),
                        }
                    }
                    Reply::AskWhy => say(&why_question()),
                    Reply::NotUnderstood => {
                        if let Some(asking) = reminder.asking() {
                            say(&question(asking, &reminder));
                        }
                    }
                    Reply::NothingAsked => match reminder.asking() {
                        // Shown here, asked in the other reminder.
                        Some(asking) => {
                            say("Nothing to answer here.");
                            say(&question(asking, &reminder));
                        }
                        None => say(&format!(
                            "Nothing to answer now. {}",
                            next_break(&reminder, &files, &now)
                        )),
                    },
                }
            }
            Some(Wake::InputEnded) => {}
            Some(Wake::OutputClosed) => output_closed(),
            Some(Wake::Stop) | None => {
                say("knotless remind stopped.");
                return ExitCode::SUCCESS;
            }
        }
    }
}

/// Takes `breaks.lock` if free; a lock that cannot be taken at all (a symlink or a FIFO in its
/// place, an unwritable folder) is said once and this reminder asks anyway, as before locks.
fn take_lock(paths: &Paths) -> Option<BreaksLock> {
    match BreaksLock::try_take(&paths.data_dir) {
        Ok(Some(lock)) => Some(lock),
        Ok(None) => None,
        Err(e) => {
            static SAID: std::sync::Once = std::sync::Once::new();
            SAID.call_once(|| {
                let _ = writeln!(
                    io::stderr(),
                    "knotless remind: cannot take {}: {}; asking about breaks anyway",
                    paths.data_dir.join(BREAKS_LOCK).display(),
                    crate::text::visible(&e.to_string())
                );
            });
            Some(BreaksLock::unheld())
        }
    }
}

/// `HH:MM:SS` of the wall clock.
fn clock(now: &Now) -> String {
    now.wall.format("%H:%M:%S").to_string()
}
