//! Keys and timers in the runner: each stage's keys, the session's cues, bells and notices.

use std::time::Instant;

use super::*;
use crate::tui::screen::{Outcome, Request};

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
                _ => {}
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
                _ => {}
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
                    _ => {}
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
                _ => {}
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
