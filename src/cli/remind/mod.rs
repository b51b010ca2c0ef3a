//! `knotless remind`: posture breaks and the plan's times without the full-screen app — a line
//! and the bell in its terminal, a desktop notification with the `notify` feature, and the
//! question "did you do it?" answered by typing a line (when standard input is a terminal in
//! the foreground) or by a button on the notification (where the notification server supports
//! actions; each such notification has a thread waiting for its answer, blocked in D-Bus).
//! The logic is [`crate::remind`]; this is the command entry: it reads the clocks, the files, the
//! lines typed and the stop signals, and prints.
//!
//! It never polls: one channel is fed by a thread blocked reading standard input and one
//! blocked waiting for signals, and the loop waits on it until the next due time (or for ever
//! when nothing is timed). SIGTERM, SIGINT and SIGHUP stop it cleanly (exit 0); a question
//! open then is left unanswered and nothing is recorded.
//!
//! Here: the loop and the answers it records; `files` is what it reads from the files,
//! `messages` what it prints, rings and notifies, `wake` what wakes it.

mod files;
mod messages;
mod wake;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Instant;

use chrono::NaiveDate;

use super::usage_error;
use crate::clock::Now;
use crate::paths::Paths;
use crate::programme::state::{self, ProgrammeState};
use crate::remind::{Reminder, Reply};
use crate::workspace::{Parts, Problem, Workspace};

use files::Files;
use messages::{Cues, introduction, next_break, question, tell, why_question};
use wake::{Wake, in_foreground, read_lines, watch_signals};

fn read_now() -> Now {
    Now {
        instant: Instant::now(),
        wall: crate::clock::wall_now(),
    }
}

/// Prints a line (and flushes: the output may be a pipe or a journal). Every line passes the
/// gate: it names routines from files.
fn say(line: &str) {
    let mut out = io::stdout().lock();
    let _ = writeln!(out, "{}", crate::text::visible_lines(line));
    let _ = out.flush();
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
    say(&introduction(&reminder, &files, typing, buttons));
    loop {
        let now = read_now();
        let planned_on = |day: NaiveDate| files.planned_on(day);
        let wake = match reminder.next_deadline(&now, &planned_on) {
            None => wakes.recv().ok(),
            Some(deadline) => {
                match wakes.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                    Ok(wake) => Some(wake),
                    Err(RecvTimeoutError::Timeout) => {
                        files.reload();
                        let now = read_now();
                        let planned_on = |day: NaiveDate| files.planned_on(day);
                        let done = |day: NaiveDate, routine: &str| files.done(day, routine);
                        let events = reminder.wake(&now, &planned_on, &done);
                        let cues = Cues {
                            ring,
                            notify,
                            typing,
                            buttons: button_tx.as_ref(),
                        };
                        tell(&events, &reminder, &files, &now, &cues);
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => None,
                }
            }
        };
        match wake {
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
                    Reply::NothingAsked => say(&format!(
                        "Nothing to answer now. {}",
                        next_break(&reminder, &files, &now)
                    )),
                }
            }
            Some(Wake::InputEnded) => {}
            Some(Wake::Stop) | None => {
                say("knotless remind stopped.");
                return ExitCode::SUCCESS;
            }
        }
    }
}

/// `HH:MM:SS` of the wall clock.
fn clock(now: &Now) -> String {
    now.wall.format("%H:%M:%S").to_string()
}
