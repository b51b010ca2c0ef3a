//! `knotless remind`'s logic without a screen: the posture-break timers of the app
//! ([`Scheduler`]), the question "did you do it?" asked in a plain terminal, and the plan's times
//! (`[[plan]]` `time`). Pure: `now` and the day's plan are passed in; nothing here reads a clock,
//! a file or a terminal (`cli::remind` does).
//!
//! Decisions:
//! - A due break rings once. Where a question can be asked (standard input is a terminal) it is
//!   asked: did it, didn't, snooze, skip (then an optional reason) — the app's answers, recorded
//!   as the app records them. One question at a time; breaks falling due meanwhile wait.
//! - A question left unanswered for the break's own interval is let go: nothing is recorded (no
//!   one said anything) and the timer restarts, so a forgotten terminal still reminds.
//! - A question can also be answered from the desktop notification, where the server supports
//!   buttons ([`Reminder::answer_button`]): did it, snooze, skip (without a reason).
//! - Where no question can be asked (run by systemd without notification buttons, output to a
//!   log), a due break is a reminder only: nothing is recorded and its interval restarts at once.
//! - A planned routine with a `time` is reminded once at that time, when that day's session of it
//!   is not done yet. Times that passed before `remind` started are not reminded, nor those of
//!   an earlier day after a suspend; today's that passed during a suspend are, once, on waking.
//! - Time asleep counts (see [`crate::breaks`]): after a suspend past several breaks one is
//!   asked about; a question left open over a suspend is let go and the break asked afresh.

use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

use crate::breaks::{BreakPlan, SKIP_REASONS, Scheduler};
use crate::clock::Now;
use crate::history::{BreakOutcome, BreakRecord};

/// The routines (and times of day) planned on a day.
pub type PlannedOn<'a> = &'a dyn Fn(NaiveDate) -> Vec<(String, Option<NaiveTime>)>;

/// The question being asked about a due break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asking {
    /// Break `i` is due: did you do it?
    DidYouDoIt {
        /// The break (an index into the scheduler's plans).
        i: usize,
        /// When it was first asked.
        since: Instant,
    },
    /// Skipping break `i`: why (optional)?
    Why {
        /// The break.
        i: usize,
        /// When the break was first asked about.
        since: Instant,
    },
    /// Break `i` is due and another reminder (the lock's holder) asks about it: this one
    /// waits for the answer it records.
    Elsewhere {
        /// The break.
        i: usize,
        /// When it fell due.
        since: Instant,
    },
}

impl Asking {
    fn parts(self) -> (usize, Instant) {
        match self {
            Asking::DidYouDoIt { i, since }
            | Asking::Why { i, since }
            | Asking::Elsewhere { i, since } => (i, since),
        }
    }
}

/// Something to tell the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A posture break is due (ring); `asked` when the question follows.
    Break {
        /// The posture-break routine's id.
        routine: String,
        /// Whether the question is now being asked.
        asked: bool,
    },
    /// Nobody answered about this break within its interval: let go, the timer restarts.
    Unanswered {
        /// The routine's id.
        routine: String,
    },
    /// A posture break is due and another reminder asks about it: shown, not asked.
    BreakElsewhere {
        /// The posture-break routine's id.
        routine: String,
    },
    /// Another reminder (or the app) recorded an answer about the break shown here.
    AnsweredElsewhere {
        /// The routine's id.
        routine: String,
        /// What was answered.
        outcome: BreakOutcome,
        /// Why it was skipped, if said.
        reason: Option<String>,
    },
    /// A planned routine's time has come and it is not done yet today.
    Plan {
        /// The routine's id.
        routine: String,
        /// The time it was planned for.
        time: NaiveTime,
    },
}

/// What came of a line typed in answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// An answer to record in `history.jsonl` (the timers already follow it).
    Recorded(BreakRecord),
    /// `s`: the break is being skipped; now asking why (optional).
    AskWhy,
    /// Not one of the answers; the question stays.
    NotUnderstood,
    /// No question is open.
    NothingAsked,
}

/// The reminder's state.
#[derive(Debug, Clone)]
pub struct Reminder {
    scheduler: Scheduler,
    snooze: Duration,
    can_ask: bool,
    /// Another reminder holds the lock: due breaks are shown and its answers followed.
    follower: bool,
    asking: Option<Asking>,
    /// Plan times up to this moment have been dealt with.
    plan_after: DateTime<FixedOffset>,
}

impl Reminder {
    /// Timers for `plans` from `now`; `snooze` from `[cues]`; `can_ask` when answers can be read.
    pub fn new(plans: Vec<BreakPlan>, snooze: Duration, can_ask: bool, now: &Now) -> Reminder {
        Reminder {
            scheduler: Scheduler::new(plans, now),
            snooze,
            can_ask,
            follower: false,
            asking: None,
            plan_after: now.wall,
        }
    }

    /// Whether another reminder asks about breaks (it holds the lock): this one then shows a
    /// due break without asking and follows the answer recorded ([`follow`](Self::follow)).
    pub fn set_follower(&mut self, follower: bool) {
        self.follower = follower;
    }

    /// The break timers.
    pub fn scheduler(&self) -> &Scheduler {
        &self.scheduler
    }

    /// The question open, if any.
    pub fn asking(&self) -> Option<Asking> {
        self.asking
    }

    /// How long snoozing puts a break off.
    pub fn snooze(&self) -> Duration {
        self.snooze
    }

    fn every(&self, i: usize) -> Duration {
        self.scheduler
            .plans()
            .get(i)
            .map_or(Duration::ZERO, |p| p.every)
    }

    fn routine(&self, i: usize) -> String {
        self.scheduler
            .plans()
            .get(i)
            .map(|p| p.routine.clone())
            .unwrap_or_default()
    }

    /// The next planned time after those dealt with, within a week.
    fn next_plan_time(&self, planned_on: PlannedOn) -> Option<DateTime<FixedOffset>> {
        let offset = *self.plan_after.offset();
        (0..=7)
            .map(|d| self.plan_after.date_naive() + chrono::Days::new(d))
            .flat_map(|day| {
                planned_on(day).into_iter().filter_map(move |(_, time)| {
                    day.and_time(time?).and_local_timezone(offset).single()
                })
            })
            .filter(|at| *at > self.plan_after)
            .min()
    }

    /// When something next happens by itself — a break falling due, working hours starting, a
    /// question let go, a planned time — on `now`'s monotonic clock; `None`: only an answer or
    /// a signal can change anything (sleep until one comes).
    pub fn next_deadline(&self, now: &Now, planned_on: PlannedOn) -> Option<Instant> {
        let breaks = match self.asking {
            None => [
                self.scheduler.due(now).map(|_| now.instant),
                self.scheduler.next_wake(now),
                self.scheduler.next_hours_start(now),
            ],
            Some(asking) => {
                let (i, since) = asking.parts();
                [Some(since + self.every(i)), None, None]
            }
        };
        let plan = self
            .next_plan_time(planned_on)
            .map(|at| now.instant + (at - now.wall).to_std().unwrap_or(Duration::ZERO));
        breaks.into_iter().chain([plan]).flatten().min()
    }

    /// Brings everything up to `now` and says what to tell the person. `done(day, routine)`:
    /// whether that day's session of the routine is done.
    pub fn wake(
        &mut self,
        now: &Now,
        planned_on: PlannedOn,
        done: &dyn Fn(NaiveDate, &str) -> bool,
    ) -> Vec<Event> {
        let mut events = Vec::new();
        let missed = self.scheduler.tick(now);
        if let Some(asking) = self.asking {
            let (i, since) = asking.parts();
            if !missed.is_zero() {
                // Asleep with the question open: it is let go, and the break (due still) is
                // asked about afresh below — one break after a suspend.
                self.asking = None;
                events.push(Event::Unanswered {
                    routine: self.routine(i),
                });
            } else if now.instant >= since + self.every(i) {
                self.asking = None;
                self.scheduler.done(i, now);
                events.push(Event::Unanswered {
                    routine: self.routine(i),
                });
            }
        }
        if self.asking.is_none()
            && let Some(i) = self.scheduler.due(now)
        {
            if self.can_ask && self.follower {
                self.asking = Some(Asking::Elsewhere {
                    i,
                    since: now.instant,
                });
                events.push(Event::BreakElsewhere {
                    routine: self.routine(i),
                });
            } else {
                if self.can_ask {
                    self.asking = Some(Asking::DidYouDoIt {
                        i,
                        since: now.instant,
                    });
                } else {
                    self.scheduler.done(i, now);
                }
                events.push(Event::Break {
                    routine: self.routine(i),
                    asked: self.can_ask,
                });
            }
        }
        let today = now.wall.date_naive();
        if now.wall > self.plan_after {
            let offset = *now.wall.offset();
            let mut planned: Vec<(NaiveTime, String)> = planned_on(today)
                .into_iter()
                .filter_map(|(routine, time)| Some((time?, routine)))
                .filter(|(time, _)| {
                    today
                        .and_time(*time)
                        .and_local_timezone(offset)
                        .single()
                        .is_some_and(|at| self.plan_after < at && at <= now.wall)
                })
                .filter(|(_, routine)| !done(today, routine))
                .collect();
            planned.sort();
            planned.dedup();
            events.extend(
                planned
                    .into_iter()
                    .map(|(time, routine)| Event::Plan { routine, time }),
            );
            self.plan_after = now.wall;
        }
        events
    }

    /// A line typed in answer to the open question (see the module docs for the words).
    pub fn answer(&mut self, line: &str, now: &Now) -> Reply {
        let Some(asking) = self
            .asking
            .filter(|a| !matches!(a, Asking::Elsewhere { .. }))
        else {
            return Reply::NothingAsked;
        };
        let word = line.trim().to_lowercase();
        let (outcome, reason) = match (asking, word.as_str()) {
            (Asking::DidYouDoIt { .. }, "" | "y" | "yes") => (BreakOutcome::Taken, None),
            (Asking::DidYouDoIt { .. }, "n" | "no") => (BreakOutcome::NotDone, None),
            (Asking::DidYouDoIt { .. }, "z" | "snooze") => (BreakOutcome::Snoozed, None),
            (Asking::DidYouDoIt { i, since }, "s" | "skip") => {
                self.asking = Some(Asking::Why { i, since });
                return Reply::AskWhy;
            }
            (Asking::Why { .. }, "") => (BreakOutcome::Skipped, None),
            (Asking::Why { .. }, n) => match skip_reason(n) {
                Some(reason) => (BreakOutcome::Skipped, Some(reason)),
                None => return Reply::NotUnderstood,
            },
            _ => return Reply::NotUnderstood,
        };
        let (i, _) = asking.parts();
        self.asking = None;
        self.scheduler.settle(i, outcome, self.snooze, now);
        Reply::Recorded(BreakRecord {
            id: crate::id::new_id(now.wall.timestamp_millis()),
            routine: self.routine(i),
            at: now.wall,
            outcome,
            reason: reason.map(str::to_owned),
        })
    }
}

impl Reminder {
    /// A button pressed on break `i`'s notification: the same answers without a reason. A
    /// press about a break no longer asked about (answered in the terminal, let go) is
    /// [`Reply::NothingAsked`].
    pub fn answer_button(&mut self, i: usize, outcome: BreakOutcome, now: &Now) -> Reply {
        let word = match outcome {
            BreakOutcome::Taken => "y",
            BreakOutcome::NotDone => "n",
            BreakOutcome::Snoozed => "z",
            BreakOutcome::Skipped => "",
        };
        match self.asking {
            Some(Asking::DidYouDoIt { i: asked, since }) if asked == i => {
                if outcome == BreakOutcome::Skipped {
                    self.asking = Some(Asking::Why { i, since });
                }
                self.answer(word, now)
            }
            Some(Asking::Why { i: asked, .. }) if asked == i => self.answer(
                if outcome == BreakOutcome::Skipped {
                    ""
                } else {
                    "?"
                },
                now,
            ),
            _ => Reply::NothingAsked,
        }
    }
}

impl Reminder {
    /// An answer about a break recorded by someone else (another reminder, the app), read from
    /// `history.jsonl`, applied to the timers as if answered here: a break shown here waiting
    /// for it is closed ([`Event::AnsweredElsewhere`]); one not due is restarted by a break
    /// taken, not done or skipped (it counts wherever it was answered), and not moved by a
    /// snooze. Records of routines without a timer here change nothing.
    pub fn follow(&mut self, record: &BreakRecord, now: &Now) -> Option<Event> {
        let i = self
            .scheduler
            .plans()
            .iter()
            .position(|p| p.routine == record.routine)?;
        self.scheduler.tick(now);
        let open = self.asking.is_some_and(|a| a.parts().0 == i);
        if open {
            self.asking = None;
        }
        let due = self.scheduler.state(i, now) == crate::breaks::BreakState::Due;
        if open || due || record.outcome != BreakOutcome::Snoozed {
            self.scheduler.settle(i, record.outcome, self.snooze, now);
        }
        open.then(|| Event::AnsweredElsewhere {
            routine: record.routine.clone(),
            outcome: record.outcome,
            reason: record.reason.clone(),
        })
    }
}

/// `1`–`3`: the skip reason of that number.
fn skip_reason(n: &str) -> Option<&'static str> {
    let n: usize = n.parse().ok()?;
    SKIP_REASONS.get(n.checked_sub(1)?).copied()
}

#[cfg(test)]
mod tests;
