//! The Breaks tab: the posture-break timers, the question about a due break ("start now, snooze
//! or skip", then "did you do it?") and the outcomes recorded. The drawing is in [`view`].

mod view;

use std::time::{Duration, Instant};

pub use view::BreaksScreen;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::msg::{Action, Msg};
use super::screen::{Ctx, Hint, Keys, Outcome, Request, Tab, TabScreen, View, hint, hint_of};
use crate::breaks::{BreakState, Scheduler};
use crate::clock::Now;
use crate::history::{self, BreakOutcome, BreakRecord};
use crate::routine::Library;
use crate::store::JsonlStore;

pub use crate::breaks::SKIP_REASONS;

/// A question about a posture break, shown on the Breaks screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakPrompt {
    /// Break `i` is due: start now, snooze or skip.
    Due(usize),
    /// Skipping break `i`: why (optional).
    SkipReason(usize),
    /// Break `i`'s routine ended: did you do it?
    DidYouDoIt(usize),
}

/// The Breaks tab's own state.
#[derive(Debug, Clone)]
pub struct BreaksTab {
    /// The posture-break timers.
    pub scheduler: Scheduler,
    /// The question about a break being asked, if any.
    pub prompt: Option<BreakPrompt>,
    /// The break whose routine is running (asked about when it ends).
    pub running: Option<usize>,
    /// Every posture-break outcome, oldest first.
    pub done: Vec<BreakRecord>,
    /// Another reminder (a `knotless remind`, another app) holds `breaks.lock` and asks about
    /// due breaks: this app shows them due without asking and follows the answers recorded.
    pub follower: bool,
}

impl BreaksTab {
    /// The timers of `scheduler`, with the outcomes recorded so far.
    pub fn new(scheduler: Scheduler, done: Vec<BreakRecord>) -> BreaksTab {
        BreaksTab {
            scheduler,
            prompt: None,
            running: None,
            done,
            follower: false,
        }
    }

    /// Answers recorded elsewhere (read from `history.jsonl`), applied to the timers as if
    /// given here: a break taken, not done or skipped restarts its interval; a snooze moves
    /// only a break that is due here.
    pub fn follow(&mut self, answers: &[BreakRecord], now: Now, snooze: Duration) {
        self.scheduler.tick(&now);
        for record in answers {
            let Some(i) = self
                .scheduler
                .plans()
                .iter()
                .position(|p| p.routine == record.routine)
            else {
                continue;
            };
            let due = self.scheduler.state(i, &now) == BreakState::Due;
            if due || record.outcome != BreakOutcome::Snoozed {
                self.scheduler.settle(i, record.outcome, snooze, &now);
            }
        }
    }

    /// A key while `prompt` is asked: start, snooze (for `snooze`), skip with a reason, or
    /// say whether it was done. Outcomes are recorded in `store`.
    pub fn answer(
        &mut self,
        prompt: BreakPrompt,
        msg: Msg,
        now: Now,
        snooze: Duration,
        library: &Library,
        store: &JsonlStore,
    ) -> Outcome {
        let recorded = match (prompt, msg) {
            (BreakPrompt::Due(i), Msg::Confirm) => {
                self.prompt = None;
                let routine = self.scheduler.plans().get(i).map(|p| p.routine.clone());
                match routine.and_then(|id| library.get(&id).cloned()) {
                    Some(routine) => {
                        self.running = Some(i);
                        return Outcome::Request(Request::Start(Box::new(routine)));
                    }
                    None => self.scheduler.done(i, &now),
                }
                Ok(())
            }
            (BreakPrompt::Due(i), Msg::Snooze | Msg::Cancel) => {
                self.prompt = None;
                self.scheduler.snooze(i, snooze, &now);
                self.record(i, BreakOutcome::Snoozed, None, now, store)
            }
            (BreakPrompt::Due(i), Msg::Skip) => {
                self.prompt = Some(BreakPrompt::SkipReason(i));
                Ok(())
            }
            (BreakPrompt::SkipReason(i), Msg::Digit(d)) if (1..=3).contains(&d) => {
                self.prompt = None;
                self.scheduler.done(i, &now);
                let reason = SKIP_REASONS[usize::from(d) - 1].to_owned();
                self.record(i, BreakOutcome::Skipped, Some(reason), now, store)
            }
            (BreakPrompt::SkipReason(i), Msg::Confirm) => {
                self.prompt = None;
                self.scheduler.done(i, &now);
                self.record(i, BreakOutcome::Skipped, None, now, store)
            }
            (BreakPrompt::SkipReason(i), Msg::Cancel) => {
                self.prompt = Some(BreakPrompt::Due(i));
                Ok(())
            }
            (BreakPrompt::DidYouDoIt(i), Msg::Yes | Msg::Next) => {
                self.prompt = None;
                self.scheduler.done(i, &now);
                let outcome = if msg == Msg::Yes {
                    BreakOutcome::Taken
                } else {
                    BreakOutcome::NotDone
                };
                self.record(i, outcome, None, now, store)
            }
            _ => Ok(()),
        };
        match recorded {
            Ok(()) => Outcome::Redraw,
            Err(e) => Outcome::Request(Request::Notice(format!("The break was not saved: {e}"))),
        }
    }

    /// The routine of the break that was running ended: ask whether it was done. Returns
    /// whether a break was running.
    pub fn routine_ended(&mut self) -> bool {
        match self.running.take() {
            Some(i) => {
                self.prompt = Some(BreakPrompt::DidYouDoIt(i));
                true
            }
            None => false,
        }
    }

    fn record(
        &mut self,
        i: usize,
        outcome: BreakOutcome,
        reason: Option<String>,
        now: Now,
        store: &JsonlStore,
    ) -> Result<(), crate::store::StoreError> {
        let Some(plan) = self.scheduler.plans().get(i) else {
            return Ok(());
        };
        let record = BreakRecord {
            id: crate::id::new_id(now.wall.timestamp_millis()),
            routine: plan.routine.clone(),
            at: now.wall,
            outcome,
            reason,
        };
        history::record_break(store, record.clone())?;
        self.done.push(record);
        Ok(())
    }

    /// When the timers next need the app awake, `None` while a question is open. `showing`:
    /// the Breaks screen is in front, so its minutes (and in a break's last minute, its
    /// seconds: "next in 5 s") count down too.
    pub fn next_wake(&self, now: &Now, showing: bool) -> Option<Instant> {
        if self.prompt.is_some() {
            return None;
        }
        let screen = showing.then(|| {
            let into_minute = u64::from(now.wall.timestamp().rem_euclid(60) as u32);
            let minute = now.instant + Duration::from_secs(60 - into_minute);
            let second = (0..self.scheduler.plans().len())
                .filter_map(|i| match self.scheduler.state(i, now) {
                    BreakState::Waiting(at) => Some(at),
                    _ => None,
                })
                .filter_map(|at| {
                    let left = at.saturating_duration_since(now.instant);
                    let shown = left.as_secs() + u64::from(left.subsec_nanos() > 0);
                    (1..60)
                        .contains(&shown)
                        .then(|| at - Duration::from_secs(shown - 1))
                })
                .min();
            second.map_or(minute, |s| s.min(minute))
        });
        // Off hours a timer starts counting when working hours begin: wake then too, or an
        // idle screen opened before work would never offer the first break.
        [
            screen,
            self.scheduler.next_wake(now),
            self.scheduler.next_hours_start(now),
        ]
        .into_iter()
        .flatten()
        .min()
    }
}

impl TabScreen for BreaksTab {
    /// The timers count down on a tick; a due break's question is answered in
    /// [`BreaksTab::answer`] (it lies over the screen).
    fn update(&mut self, msg: Msg, _ctx: &Ctx<'_>) -> Outcome {
        let action = match msg {
            Msg::Action(action) => action,
            Msg::Tick
            | Msg::Resize
            | Msg::Click(..)
            | Msg::Wheel(..)
            | Msg::Digit(_)
            | Msg::Text(_)
            | Msg::Other => {
                return Outcome::Redraw;
            }
        };
        match action {
            Action::Quit | Action::ForceQuit => Outcome::Request(Request::Quit),
            Action::Cancel => Outcome::Request(Request::Show(Tab::Routines)),
            Action::Flags => Outcome::Request(Request::OpenFlags),
            Action::NextTab => Outcome::Request(Request::SwitchTab(true)),
            Action::PreviousTab => Outcome::Request(Request::SwitchTab(false)),
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
            | Action::Save
            | Action::Programmes
            | Action::StopProgramme => Outcome::Ignored,
        }
    }

    fn hints(&self, _view: &View<'_>, _area: Rect) -> Vec<Hint> {
        match self.prompt {
            Some(BreakPrompt::Due(_)) => vec![
                hint(Action::Confirm, "start now"),
                hint(Action::Snooze, "snooze"),
                hint(Action::Skip, "skip"),
                hint(Action::Cancel, "snooze too"),
            ],
            Some(BreakPrompt::SkipReason(_)) => vec![
                hint_of(Keys::Digits(1, 3), "reason"),
                hint(Action::Confirm, "no reason"),
                hint(Action::Cancel, "back"),
            ],
            Some(BreakPrompt::DidYouDoIt(_)) => {
                vec![hint(Action::Yes, "yes"), hint(Action::Next, "not really")]
            }
            None => vec![
                hint(Action::NextTab, "next tab"),
                hint(Action::Quit, "quit"),
            ],
        }
    }

    fn draw(&self, view: &View<'_>, area: Rect, buf: &mut Buffer) {
        (&BreaksScreen {
            tab: self,
            library: view.library,
            snooze: view.config.cues.snooze,
            now: view.now,
            theme: view.theme,
        })
            .render(area, buf);
    }

    fn busy(&self) -> bool {
        self.prompt.is_some()
    }
}
