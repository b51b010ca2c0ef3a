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

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Instant;

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::usage_error;
use crate::breaks::{BreakState, SKIP_REASONS};
use crate::clock::Now;
use crate::config::Config;
use crate::duration::Compact;
use crate::history::{BreakOutcome, SessionRecord};
use crate::paths::Paths;
use crate::programme::file::{self, ProgrammeLibrary};
use crate::programme::schedule;
use crate::programme::state::{self, ProgrammeRecord, ProgrammeState};
use crate::remind::{Asking, Event, Reminder, Reply};
use crate::routine::Library;
use crate::store::JsonlStore;

/// What wakes the loop.
enum Wake {
    /// A line typed.
    Line(String),
    /// Standard input ended: no more answers.
    InputEnded,
    /// A button pressed on break `i`'s notification.
    Button(usize, BreakOutcome),
    /// SIGTERM, SIGINT or SIGHUP.
    Stop,
}

fn read_now() -> Now {
    Now {
        instant: Instant::now(),
        wall: crate::clock::wall_now(),
    }
}

/// What the reminder reads from the files: the plan (or the running programme's day) and
/// what was done. Read again at every wake, so a session done in the app, a programme started
/// or the plan changed in the meantime count.
struct Files {
    config: Config,
    library: Library,
    programmes: ProgrammeLibrary,
    programme_store: JsonlStore,
    history: JsonlStore,
    state: ProgrammeState,
    sessions: Vec<SessionRecord>,
}

impl Files {
    fn reload(&mut self) {
        if let Ok(loaded) = self.programme_store.load::<ProgrammeRecord>() {
            self.state = ProgrammeState::fold(&loaded.records, None);
        }
        if let Ok(history) = crate::history::load(&self.history) {
            self.sessions = history.sessions;
        }
    }

    /// The routines planned on `day` with their times: the running programme's day (a
    /// `[[plan]]` entry for the same routine that day gives its time), else the `[[plan]]`.
    fn planned_on(&self, day: NaiveDate) -> Vec<(String, Option<NaiveTime>)> {
        let weekday = day.weekday();
        let plan_time = |routine: &str| {
            self.config
                .plan
                .iter()
                .find(|p| p.routine == routine && p.days.contains(&weekday))
                .and_then(|p| p.time)
        };
        match schedule::day(&self.programmes, &self.state, day) {
            Some(d) => d
                .due
                .into_iter()
                .map(|due| {
                    let time = plan_time(&due.routine);
                    (due.routine, time)
                })
                .collect(),
            None => self
                .config
                .plan
                .iter()
                .filter(|p| p.days.contains(&weekday))
                .map(|p| (p.routine.clone(), p.time))
                .collect(),
        }
    }

    /// Whether `routine` was done on `day`, as Today counts it.
    fn done(&self, day: NaiveDate, routine: &str) -> bool {
        crate::plan::today_with(|d| self.planned_on(d), &self.sessions, day)
            .items
            .iter()
            .any(|p| p.routine == routine && p.done)
    }

    /// A routine's name, through the terminal gate.
    fn name(&self, routine: &str) -> String {
        let name = self
            .library
            .get(routine)
            .map_or(routine, |r| r.name.as_str());
        crate::text::visible(name).into_owned()
    }
}

/// Prints a line (and flushes: the output may be a pipe or a journal).
fn say(line: &str) {
    let mut out = io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// Runs `knotless remind` until a stop signal.
pub fn run(paths: &Paths) -> ExitCode {
    let library = Library::load(&paths.routine_dirs());
    let config = match Config::load(&paths.config_file)
        .and_then(|c| c.check_routines(&library).map(|()| c))
    {
        Ok(config) => config,
        Err(e) => {
            let _ = writeln!(io::stderr(), "{e}");
            return ExitCode::from(super::EXIT_USAGE);
        }
    };
    if let Err(e) = crate::store::create_private_dir(&paths.data_dir) {
        return usage_error(&e.to_string());
    }
    let programmes = ProgrammeLibrary::load(&file::dirs(paths), &library);
    let mut files = Files {
        programmes,
        programme_store: state::store(&paths.data_dir),
        history: crate::history::store(&paths.data_dir),
        state: ProgrammeState::default(),
        sessions: Vec::new(),
        library,
        config,
    };
    files.reload();

    let typing = io::stdin().is_terminal() && in_foreground();
    let ring = files.config.cues.bell && io::stdout().is_terminal();
    let notify = files.config.cues.notify;
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

/// The first line: what will be reminded, and how to answer.
fn introduction(reminder: &Reminder, files: &Files, typing: bool, buttons: bool) -> String {
    let breaks: Vec<String> = reminder
        .scheduler()
        .plans()
        .iter()
        .map(|p| {
            let hours = if p.from == p.to {
                "all day".to_owned()
            } else {
                format!("{}–{}", p.from.format("%H:%M"), p.to.format("%H:%M"))
            };
            format!(
                "{} every {} ({hours})",
                files.name(&p.routine),
                Compact(p.every)
            )
        })
        .collect();
    let mut line = format!(
        "knotless remind: {}.",
        if breaks.is_empty() {
            "no posture breaks configured".to_owned()
        } else {
            breaks.join(", ")
        }
    );
    let now = read_now();
    let timed: Vec<String> = files
        .planned_on(now.wall.date_naive())
        .into_iter()
        .filter_map(|(routine, time)| {
            Some(format!(
                "{} at {}",
                files.name(&routine),
                time?.format("%H:%M")
            ))
        })
        .collect();
    if !timed.is_empty() {
        line.push_str(&format!(" Planned today: {}.", timed.join(", ")));
    }
    if typing {
        line.push_str(" Answer a break by typing a letter and Enter; Ctrl-C stops.");
    } else if buttons {
        line.push_str(" Answer a break from its notification.");
    }
    line
}

fn question(asking: Asking, reminder: &Reminder) -> String {
    match asking {
        Asking::DidYouDoIt { .. } => format!(
            "  Did you do it? Enter or y: yes · n: no · z: snooze {} · s: skip",
            Compact(reminder.snooze())
        ),
        Asking::Why { .. } => why_question(),
    }
}

fn why_question() -> String {
    let reasons: Vec<String> = SKIP_REASONS
        .iter()
        .enumerate()
        .map(|(n, r)| format!("{}: {r}", n + 1))
        .collect();
    format!("  Why skip it? {} · Enter: no reason", reasons.join(" · "))
}

/// "Next: Posture check at 10:33." — the nearest break counting down, if any.
fn next_break(reminder: &Reminder, files: &Files, now: &Now) -> String {
    let scheduler = reminder.scheduler();
    let next = (0..scheduler.plans().len())
        .filter_map(|i| match scheduler.state(i, now) {
            BreakState::Waiting(at) => Some((at, i)),
            _ => None,
        })
        .min();
    match next {
        Some((at, i)) => format!(
            "Next: {} at {}.",
            files.name(&scheduler.plans()[i].routine),
            now.wall_at(at).format("%H:%M:%S")
        ),
        None => "No break is counting down (outside working hours).".to_owned(),
    }
}

/// How to tell the person.
struct Cues<'a> {
    /// The bell, into a terminal.
    ring: bool,
    /// Desktop notifications.
    notify: bool,
    /// Questions are answered by typing.
    typing: bool,
    /// Where a notification's button press goes, when notifications have buttons.
    buttons: Option<&'a Sender<Wake>>,
}

/// Prints, rings and notifies what happened.
fn tell(events: &[Event], reminder: &Reminder, files: &Files, now: &Now, cues: &Cues) {
    for event in events {
        match event {
            Event::Break { routine, asked } => {
                let name = files.name(routine);
                say(&format!("{}  Time for a break: {name}.", clock(now)));
                let asking = reminder.asking().filter(|_| *asked);
                match asking {
                    Some(asking) if cues.typing => say(&question(asking, reminder)),
                    Some(_) => say("  Answer from the notification."),
                    None => say(&format!("  {}", next_break(reminder, files, now))),
                }
                let body = format!("{name} — knotless");
                match (asking, cues.buttons) {
                    (Some(Asking::DidYouDoIt { i, .. }), Some(tx)) => {
                        let tx = tx.clone();
                        crate::desktop::ask("Time for a break", &body, &BUTTONS, move |id| {
                            let outcome = match id {
                                "taken" => BreakOutcome::Taken,
                                "snoozed" => BreakOutcome::Snoozed,
                                "skipped" => BreakOutcome::Skipped,
                                _ => return,
                            };
                            let _ = tx.send(Wake::Button(i, outcome));
                        });
                    }
                    _ if cues.notify => crate::desktop::notify("Time for a break", &body),
                    _ => {}
                }
            }
            Event::Unanswered { routine } => say(&format!(
                "{}  No answer about {}: let go, nothing recorded. {}",
                clock(now),
                files.name(routine),
                next_break(reminder, files, now)
            )),
            Event::Plan { routine, time } => {
                let name = files.name(routine);
                say(&format!(
                    "{}  Planned for {}: {name}, not done yet today. Start it: knotless run {}",
                    clock(now),
                    time.format("%H:%M"),
                    crate::text::visible(routine)
                ));
                if cues.notify {
                    crate::desktop::notify(
                        &format!("Planned for {}", time.format("%H:%M")),
                        &format!("{name} — knotless"),
                    );
                }
            }
        }
    }
    let news = events
        .iter()
        .any(|e| matches!(e, Event::Break { .. } | Event::Plan { .. }));
    if cues.ring && news {
        let mut out = io::stdout().lock();
        let _ = out.write_all(b"\x07");
        let _ = out.flush();
    }
}

/// Whether this process is in its terminal's foreground: started in the background
/// (`knotless remind &`), reading the terminal would stop it (SIGTTIN), so it asks nothing.
fn in_foreground() -> bool {
    // SAFETY: plain queries of the process group and of standard input's terminal.
    unsafe { libc::tcgetpgrp(libc::STDIN_FILENO) == libc::getpgrp() }
}

/// The buttons on a break's notification: id (a stored outcome's name) and label.
const BUTTONS: [(&str, &str); 3] = [
    ("taken", "Did it"),
    ("snoozed", "Snooze"),
    ("skipped", "Skip"),
];

/// Forwards each line typed; ends with [`Wake::InputEnded`].
fn read_lines(tx: Sender<Wake>) {
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
fn watch_signals(tx: Sender<Wake>) -> io::Result<()> {
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
