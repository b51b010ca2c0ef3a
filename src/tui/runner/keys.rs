//! Keys and timers in the runner: each stage's keys and hints (the screen contract,
//! [`TabScreen`]), the session's cues, bells and notices.

use std::time::Instant;

use super::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::tui::msg::Action;
use crate::tui::screen::{Ctx, Hint, Keys, Outcome, Request, TabScreen, View, hint, hint_of};

/// Ring the bell (and draw).
const BELL: Outcome = Outcome::Request(Request::Progress(Vec::new(), true));

impl Runner {
    /// Handles one message; `now` is this moment. The records of the session so far go into
    /// the journal, which [`TabScreen::update`] hands to the app.
    pub(super) fn step(&mut self, msg: Msg, now: Now) -> Outcome {
        let is_checklist = self.is_checklist();
        let nothing_left = self.nothing_left();
        match &mut self.stage {
            Stage::Gate(gate) => match msg {
                Msg::Confirm if !gate.refuses() => self.stage = self.briefing(now),
                Msg::Flags => return Outcome::Request(Request::OpenFlags),
                Msg::Quit | Msg::Cancel | Msg::ForceQuit => {
                    return Outcome::Request(Request::LeaveRunner);
                }
                // Nothing else moves past the flags.
                Msg::Action(
                    Action::Up
                    | Action::Down
                    | Action::Left
                    | Action::Right
                    | Action::First
                    | Action::Last
                    | Action::ScrollUp
                    | Action::ScrollDown
                    | Action::Confirm
                    | Action::Pause
                    | Action::Next
                    | Action::Back
                    | Action::Skip
                    | Action::Help
                    | Action::Add
                    | Action::Edit
                    | Action::Delete
                    | Action::Filter
                    | Action::Find
                    | Action::Review
                    | Action::Yes
                    | Action::Checked
                    | Action::Undo
                    | Action::Snooze
                    | Action::Report
                    | Action::ReportOpen
                    | Action::NextTab
                    | Action::PreviousTab
                    | Action::Save
                    | Action::Programmes
                    | Action::StopProgramme,
                )
                | Msg::Tick
                | Msg::Resize
                | Msg::Digit(_)
                | Msg::Text(_)
                | Msg::Click(..)
                | Msg::Wheel(..)
                | Msg::Other => {}
            },
            Stage::Briefing {
                checked,
                cursor,
                incomplete,
            } => match msg {
                Msg::Up => *cursor = cursor.saturating_sub(1),
                Msg::Down => *cursor = (*cursor + 1).min(checked.len().saturating_sub(1)),
                Msg::Space if is_checklist => {
                    if let Some(c) = checked.get_mut(*cursor) {
                        *c = !*c;
                        if *c {
                            *cursor = (*cursor + 1).min(checked.len() - 1);
                        }
                    }
                }
                Msg::Confirm if nothing_left => return Outcome::Request(Request::LeaveRunner),
                Msg::Confirm if is_checklist && !checked.iter().all(|&c| c) => *incomplete = true,
                Msg::Confirm => self.stage = self.after_briefing(now),
                Msg::Quit | Msg::Cancel | Msg::ForceQuit => {
                    return Outcome::Request(Request::LeaveRunner);
                }
                // The checklist is read and ticked; no other key moves on.
                Msg::Action(
                    Action::Left
                    | Action::Right
                    | Action::First
                    | Action::Last
                    | Action::ScrollUp
                    | Action::ScrollDown
                    | Action::Pause
                    | Action::Next
                    | Action::Back
                    | Action::Skip
                    | Action::Help
                    | Action::Add
                    | Action::Edit
                    | Action::Delete
                    | Action::Filter
                    | Action::Find
                    | Action::Review
                    | Action::Yes
                    | Action::Flags
                    | Action::Checked
                    | Action::Undo
                    | Action::Snooze
                    | Action::Report
                    | Action::ReportOpen
                    | Action::NextTab
                    | Action::PreviousTab
                    | Action::Save
                    | Action::Programmes
                    | Action::StopProgramme,
                )
                | Msg::Tick
                | Msg::Resize
                | Msg::Digit(_)
                | Msg::Text(_)
                | Msg::Click(..)
                | Msg::Wheel(..)
                | Msg::Other => {}
            },
            Stage::PainBefore(input) => match msg {
                Msg::Confirm => {
                    self.pain_before = input.value;
                    self.stage = self.begin(now);
                    return BELL;
                }
                Msg::Skip => {
                    self.stage = self.begin(now);
                    return BELL;
                }
                Msg::Quit | Msg::Cancel | Msg::ForceQuit => {
                    return Outcome::Request(Request::LeaveRunner);
                }
                other => input.update(other),
            },
            Stage::Running(session) if self.skin_prompt.is_some() => {
                // A skin check is waiting: "skin OK" or "stop"; the heat keeps counting.
                match msg {
                    Msg::Confirm | Msg::Yes => {
                        session.tick(now.instant);
                        self.skin_prompt = None;
                    }
                    Msg::Quit | Msg::Cancel | Msg::ForceQuit => {
                        session.stop(now.instant);
                        self.stopped_at_skin_check = true;
                    }
                    _ => session.tick(now.instant),
                }
                return self.after_session_msg(msg, now);
            }
            Stage::Running(session) if self.confirm_stop => {
                // "Stop?": `y` (or `q` again) stops; any other key keeps going; time runs on.
                match msg {
                    Msg::Tick | Msg::Resize => session.tick(now.instant),
                    Msg::Yes | Msg::Quit | Msg::ForceQuit => {
                        self.confirm_stop = false;
                        session.stop(now.instant);
                    }
                    _ => {
                        self.confirm_stop = false;
                        session.tick(now.instant);
                    }
                }
                return self.after_session_msg(msg, now);
            }
            Stage::Running(session) => {
                // Before the first step begins nothing would be lost, so nothing is asked.
                let begun = session
                    .current()
                    .is_none_or(|p| p.kind != crate::routine::plan::PhaseKind::Prepare);
                match msg {
                    Msg::Tick => session.tick(now.instant),
                    Msg::Space => session.toggle_pause(now.instant),
                    Msg::Next => session.next(now.instant),
                    Msg::Back => session.back(now.instant),
                    Msg::Confirm => session.done(now.instant),
                    Msg::Quit | Msg::Cancel if begun => {
                        session.tick(now.instant);
                        self.confirm_stop = true;
                    }
                    Msg::Quit | Msg::Cancel | Msg::ForceQuit => session.stop(now.instant),
                    // The time runs on whatever else is pressed.
                    Msg::Action(
                        Action::Up
                        | Action::Down
                        | Action::Left
                        | Action::Right
                        | Action::First
                        | Action::Last
                        | Action::ScrollUp
                        | Action::ScrollDown
                        | Action::Skip
                        | Action::Help
                        | Action::Add
                        | Action::Edit
                        | Action::Delete
                        | Action::Filter
                        | Action::Find
                        | Action::Review
                        | Action::Yes
                        | Action::Flags
                        | Action::Checked
                        | Action::Undo
                        | Action::Snooze
                        | Action::Report
                        | Action::ReportOpen
                        | Action::NextTab
                        | Action::PreviousTab
                        | Action::Save
                        | Action::Programmes
                        | Action::StopProgramme,
                    )
                    | Msg::Resize
                    | Msg::Digit(_)
                    | Msg::Text(_)
                    | Msg::Click(..)
                    | Msg::Wheel(..)
                    | Msg::Other => {}
                }
                return self.after_session_msg(msg, now);
            }
            Stage::PainAfter(input, session) => match msg {
                Msg::Confirm => {
                    let (value, session) = (input.value, session.clone());
                    return Outcome::Request(Request::SaveSession(
                        self.record(&session, value, now),
                    ));
                }
                Msg::Skip | Msg::Quit | Msg::Cancel | Msg::ForceQuit => {
                    let session = session.clone();
                    return Outcome::Request(Request::SaveSession(
                        self.record(&session, None, now),
                    ));
                }
                other => input.update(other),
            },
            Stage::Summary(summary) => match msg {
                Msg::Confirm | Msg::Quit | Msg::Cancel | Msg::ForceQuit => {
                    return Outcome::Request(Request::LeaveRunner);
                }
                Msg::Add if summary.pain_rose() => {
                    return Outcome::Request(Request::LogEntry(summary.record.pain_after));
                }
                // The summary stays until Enter (or `a` to log a rise).
                Msg::Action(
                    Action::Up
                    | Action::Down
                    | Action::Left
                    | Action::Right
                    | Action::First
                    | Action::Last
                    | Action::ScrollUp
                    | Action::ScrollDown
                    | Action::Pause
                    | Action::Next
                    | Action::Back
                    | Action::Skip
                    | Action::Help
                    | Action::Add
                    | Action::Edit
                    | Action::Delete
                    | Action::Filter
                    | Action::Find
                    | Action::Review
                    | Action::Yes
                    | Action::Flags
                    | Action::Checked
                    | Action::Undo
                    | Action::Snooze
                    | Action::Report
                    | Action::ReportOpen
                    | Action::NextTab
                    | Action::PreviousTab
                    | Action::Save
                    | Action::Programmes
                    | Action::StopProgramme,
                )
                | Msg::Tick
                | Msg::Resize
                | Msg::Digit(_)
                | Msg::Text(_)
                | Msg::Click(..)
                | Msg::Wheel(..)
                | Msg::Other => {}
            },
        }
        Outcome::Redraw
    }

    /// After a message to the running session: its cues, and what follows once it has ended.
    fn after_session_msg(&mut self, msg: Msg, now: Now) -> Outcome {
        let bell = self.handle_cues(now.instant);
        if let Stage::Running(session) = &self.stage
            && session.ended().is_none()
            && session.steps_done().0 > self.journaled_steps
        {
            self.journaled_steps = session.steps_done().0;
            let record = self.progress(session, now);
            self.journal.push(record);
        }
        if let Stage::Running(session) = &self.stage
            && session.ended().is_some()
        {
            let session = session.clone();
            self.skin_prompt = None;
            self.notice = None;
            if self.rates_pain() && msg != Msg::ForceQuit {
                self.stage = Stage::PainAfter(PainInput::default(), session);
            } else {
                return Outcome::Request(Request::SaveSession(self.record(&session, None, now)));
            }
        }
        if bell { BELL } else { Outcome::Redraw }
    }

    fn handle_cues(&mut self, now: Instant) -> bool {
        let Stage::Running(session) = &mut self.stage else {
            return false;
        };
        let settings = self.cues;
        let mut cues = session.take_cues();
        cues.retain(|cue| match cue {
            Cue::Countdown(_) => settings.countdown,
            Cue::Halfway => settings.halfway,
            _ => true,
        });
        for cue in &cues {
            match *cue {
                Cue::SkinCheck if self.skin_prompt.is_none() => {
                    self.skin_prompt = Some(SkinPrompt {
                        asked: now,
                        remind_at: now + REMIND_EVERY,
                    });
                }
                Cue::Halfway => self.halfway_until = Some(now + HALFWAY_FOR),
                Cue::PhaseStarted(_) => self.halfway_until = None,
                Cue::HeatCut(left) => self.notice = Some((Notice::HeatCut(left), now + NOTICE_FOR)),
                Cue::Refused(why) => self.notice = Some((Notice::Refused(why), now + NOTICE_FOR)),
                _ => {}
            }
        }
        let mut bell = !cues.is_empty();
        // An unanswered skin check rings again: nobody should doze off under a heat pack.
        if let Some(prompt) = &mut self.skin_prompt
            && now >= prompt.remind_at
        {
            prompt.remind_at = now + REMIND_EVERY;
            bell = true;
        }
        self.halfway_until = self.halfway_until.filter(|&t| t > now);
        self.notice = self.notice.filter(|&(_, until)| until > now);
        bell
    }
}

impl TabScreen for Runner {
    /// One message to the stage in front; the records of the session so far go to the app
    /// with the bell, if it rang.
    fn update(&mut self, msg: Msg, ctx: &Ctx<'_>) -> Outcome {
        let outcome = self.step(msg, ctx.now);
        if self.journal.is_empty() {
            return outcome;
        }
        match outcome {
            Outcome::Ignored | Outcome::Redraw => {
                Outcome::Request(Request::Progress(std::mem::take(&mut self.journal), false))
            }
            Outcome::Request(Request::Progress(mut records, bell)) => {
                let mut journal = std::mem::take(&mut self.journal);
                journal.append(&mut records);
                Outcome::Request(Request::Progress(journal, bell))
            }
            // A session records its progress only while it runs, never in the update that
            // ends it or leaves: whatever else is asked, the journal waits for the next.
            other => other,
        }
    }

    fn hints(&self, _view: &View<'_>, _area: Rect) -> Vec<Hint> {
        let rate = hint_of(Keys::Rating(Action::Left, Action::Right), "rate");
        match &self.stage {
            Stage::Gate(gate) if gate.refuses() => {
                vec![hint(Action::Flags, "flags"), hint(Action::Cancel, "back")]
            }
            Stage::Gate(_) => vec![
                hint(Action::Confirm, "go ahead"),
                hint(Action::Flags, "flags"),
                hint(Action::Cancel, "back"),
            ],
            Stage::Briefing { .. } if self.is_checklist() => vec![
                hint_of(Keys::Pair(Action::Up, Action::Down), "move"),
                hint(Action::Pause, "tick"),
                hint(Action::Confirm, "start"),
                hint(Action::Cancel, "back"),
            ],
            Stage::Briefing { .. } => {
                vec![
                    hint(Action::Confirm, "continue"),
                    hint(Action::Cancel, "back"),
                ]
            }
            Stage::PainBefore(_) | Stage::PainAfter(..) => {
                vec![
                    rate,
                    hint(Action::Confirm, "save"),
                    hint(Action::Skip, "skip"),
                ]
            }
            Stage::Running(_) if self.confirm_stop => vec![
                hint(Action::Yes, "stop the session"),
                hint_of(Keys::AnyOther, "go on"),
            ],
            Stage::Running(_) if self.skin_prompt.is_some() => {
                vec![
                    hint(Action::Confirm, "skin OK"),
                    hint(Action::Quit, "stop the heat"),
                ]
            }
            Stage::Running(session) => {
                let untimed = session.current().is_some_and(|p| p.duration.is_none());
                let mut keys = vec![
                    hint(
                        Action::Pause,
                        if session.is_paused() {
                            "resume"
                        } else {
                            "pause"
                        },
                    ),
                    hint(Action::Next, "next"),
                    hint(Action::Back, "back"),
                    hint(Action::Quit, "stop"),
                ];
                // A heat hold does not pause.
                if self.in_heat() {
                    keys.remove(0);
                }
                if untimed {
                    keys.insert(0, hint(Action::Confirm, "done"));
                }
                keys
            }
            Stage::Summary(summary) if summary.pain_rose() => vec![
                hint(Action::Add, "log it"),
                hint(Action::Confirm, "back to routines"),
            ],
            Stage::Summary(_) => vec![hint(Action::Confirm, "back to routines")],
        }
    }

    fn draw(&self, view: &View<'_>, area: Rect, buf: &mut Buffer) {
        (&RunnerScreen {
            runner: self,
            theme: *view.theme,
            now: view.now.instant,
            emergency_number: view.config.emergency_number.as_deref(),
        })
            .render(area, buf);
    }

    fn busy(&self) -> bool {
        true
    }
}
