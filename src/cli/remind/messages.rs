//! What the reminder says: its first line, the questions, the next break, and each event
//! printed, rung and notified.

use std::io::{self, Write};
use std::sync::mpsc::Sender;

use super::files::Files;
use super::wake::Wake;
use super::{clock, read_now, say};
use crate::breaks::{BreakState, SKIP_REASONS};
use crate::clock::Now;
use crate::duration::Compact;
use crate::history::BreakOutcome;
use crate::remind::{Asking, Event, Reminder};

/// The first line: what will be reminded, and how to answer.
pub(super) fn introduction(
    reminder: &Reminder,
    files: &Files,
    typing: bool,
    buttons: bool,
) -> String {
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

pub(super) fn question(asking: Asking, reminder: &Reminder) -> String {
    match asking {
        Asking::DidYouDoIt { .. } => format!(
            "  Did you do it? Enter or y: yes · n: no · z: snooze {} · s: skip",
            Compact(reminder.snooze())
        ),
        Asking::Why { .. } => why_question(),
        Asking::Elsewhere { .. } => ELSEWHERE.to_owned(),
    }
}

/// Said under a break another reminder asks about.
const ELSEWHERE: &str = "  Asked about in the other reminder (another `knotless remind` or the app); its answer will show here.";

pub(super) fn why_question() -> String {
    let reasons: Vec<String> = SKIP_REASONS
        .iter()
        .enumerate()
        .map(|(n, r)| format!("{}: {r}", n + 1))
        .collect();
    format!("  Why skip it? {} · Enter: no reason", reasons.join(" · "))
}

/// "Next: Posture check at 10:33." — the nearest break counting down, if any.
pub(super) fn next_break(reminder: &Reminder, files: &Files, now: &Now) -> String {
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
pub(super) struct Cues<'a> {
    /// The bell, into a terminal.
    pub(super) ring: bool,
    /// Desktop notifications.
    pub(super) notify: bool,
    /// Questions are answered by typing.
    pub(super) typing: bool,
    /// Where a notification's button press goes, when notifications have buttons.
    pub(super) buttons: Option<&'a Sender<Wake>>,
}

/// Prints, rings and notifies what happened.
pub(super) fn tell(events: &[Event], reminder: &Reminder, files: &Files, now: &Now, cues: &Cues) {
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
            Event::BreakElsewhere { routine } => {
                say(&format!(
                    "{}  Time for a break: {}.",
                    clock(now),
                    files.name(routine)
                ));
                say(ELSEWHERE);
            }
            Event::AnsweredElsewhere {
                routine,
                outcome,
                reason,
            } => say(&format!(
                "{}  {}: {}{}, answered in the other reminder. {}",
                clock(now),
                files.name(routine),
                outcome.id(),
                reason
                    .as_deref()
                    .map(|r| format!(" ({})", crate::text::visible(r)))
                    .unwrap_or_default(),
                next_break(reminder, files, now)
            )),
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
        let rung = out.write_all(b"\x07").and_then(|()| out.flush());
        if rung.is_err_and(|e| e.kind() == io::ErrorKind::BrokenPipe) {
            super::output_closed();
        }
    }
}

/// The buttons on a break's notification: id (a stored outcome's name) and label.
const BUTTONS: [(&str, &str); 3] = [
    ("taken", "Did it"),
    ("snoozed", "Snooze"),
    ("skipped", "Skip"),
];
