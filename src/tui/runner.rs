//! The runner's state: briefing (cautions, the heat checklist), pain before, the timed session,
//! pain after, and the summary. Pure: every change comes through [`Runner::update`] with `now`.

use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use super::app::Msg;
use crate::clock::Now;
use crate::config::Cues;
use crate::flags::{Flag, Level};
use crate::history::{SessionOutcome, SessionRecord};
use crate::routine::{Kind, Routine};
use crate::session::{Cue, Outcome, Session};

/// How long a skin-check prompt stays on screen.
const SKIN_PROMPT_FOR: Duration = Duration::from_secs(30);
/// How long the halfway mark is announced.
const HALFWAY_FOR: Duration = Duration::from_secs(3);

/// A 0–10 rating being chosen; `None` until the person picks a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PainInput {
    /// The chosen rating.
    pub value: Option<u8>,
    /// The digit typed just before, so that "1" then "0" reads as ten.
    last_digit: Option<u8>,
}

impl PainInput {
    /// A rating already chosen.
    pub fn with(value: u8) -> Self {
        Self {
            value: Some(value),
            last_digit: None,
        }
    }

    /// Digits, arrows, Home/End change the rating.
    pub fn update(&mut self, msg: Msg) {
        let last_digit = std::mem::take(&mut self.last_digit);
        self.value = match (msg, self.value) {
            (Msg::Digit(0), _) if last_digit == Some(1) => Some(10),
            (Msg::Digit(d), _) => {
                self.last_digit = Some(d);
                Some(d)
            }
            (Msg::Right | Msg::Up, None) => Some(0),
            (Msg::Right | Msg::Up, Some(v)) => Some((v + 1).min(10)),
            (Msg::Left | Msg::Down, Some(v)) => Some(v.saturating_sub(1)),
            (Msg::Last, _) => Some(10),
            (Msg::First, _) => Some(0),
            (_, v) => v,
        };
    }
}

/// What stands between a person and starting a routine: red flags that hold its kind back, and
/// for heat, numbness or tingling logged recently.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gate {
    /// Active flags that block this routine's kind, most severe first.
    pub flags: Vec<Flag>,
    /// For heat: when numbness or tingling was last logged inside the window.
    pub numb_skin: Option<DateTime<FixedOffset>>,
}

impl Gate {
    /// Whether there is anything to show.
    pub fn is_empty(&self) -> bool {
        self.flags.is_empty() && self.numb_skin.is_none()
    }

    /// Whether starting is refused outright: an emergency flag not yet acknowledged, or heat on
    /// skin that may be numb.
    pub fn refuses(&self) -> bool {
        self.numb_skin.is_some() || self.flags.iter().any(|f| f.rule.level == Level::Emergency)
    }
}

/// Where the runner is.
#[derive(Debug, Clone)]
pub enum Stage {
    /// Red flags to read before this routine; it may be refused.
    Gate(Gate),
    /// Cautions to read; for heat, a checklist to tick item by item.
    Briefing {
        /// Which items are ticked (heat only).
        checked: Vec<bool>,
        /// The highlighted item.
        cursor: usize,
        /// Enter was pressed before every item was ticked.
        incomplete: bool,
    },
    /// "How is your back right now?"
    PainBefore(PainInput),
    /// The timed session.
    Running(Session),
    /// "How does it feel now?" after the session ended.
    PainAfter(PainInput, Session),
    /// What was done; the record has been written (or why not).
    Summary(Summary),
}

/// The end-of-session summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The record appended to history.
    pub record: SessionRecord,
    /// `Err` with the reason if it could not be saved.
    pub saved: Result<(), String>,
}

impl Summary {
    /// The pain went up by this much (a rise of 2 points or more is worth logging).
    pub fn pain_rise(&self) -> Option<u8> {
        match (self.record.pain_before, self.record.pain_after) {
            (Some(before), Some(after)) if after > before => Some(after - before),
            _ => None,
        }
    }

    /// Whether the pain rose by 2 points or more: the summary suggests logging it.
    pub fn pain_rose(&self) -> bool {
        self.pain_rise()
            .is_some_and(|r| r >= crate::flags::eval::NOTICEABLE_CHANGE)
    }
}

/// What the app should do after the runner handled a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Nothing beyond a redraw.
    None,
    /// Ring the terminal bell.
    Bell,
    /// Save this record to history, then show the summary.
    Save(SessionRecord),
    /// Leave the runner.
    Exit,
    /// Leave the runner for the Flags screen.
    OpenFlags,
    /// Leave the runner to log an entry, starting from this pain rating.
    LogEntry(Option<u8>),
}

/// A routine being run.
#[derive(Debug, Clone)]
pub struct Runner {
    /// The routine.
    pub routine: Routine,
    /// The current stage.
    pub stage: Stage,
    /// Rating before, if given.
    pub pain_before: Option<u8>,
    /// Show the skin-check prompt until then.
    pub skin_prompt_until: Option<Instant>,
    /// Show the halfway mark until then.
    pub halfway_until: Option<Instant>,
    /// Which cues to give (from `[cues]`).
    pub cues: Cues,
    started: Option<Now>,
}

impl Runner {
    /// A runner for `routine`, opening on its cautions.
    pub fn new(routine: Routine, now: Now) -> Runner {
        Runner::gated(routine, Gate::default(), now)
    }

    /// A runner that first shows `gate` when there is anything in it.
    pub fn gated(routine: Routine, gate: Gate, now: Now) -> Runner {
        let mut runner = Runner {
            routine,
            stage: Stage::PainBefore(PainInput::default()),
            pain_before: None,
            skin_prompt_until: None,
            halfway_until: None,
            cues: Cues::default(),
            started: None,
        };
        runner.stage = if gate.is_empty() {
            runner.briefing(now)
        } else {
            Stage::Gate(gate)
        };
        runner
    }

    fn briefing(&mut self, now: Now) -> Stage {
        if self.routine.cautions.is_empty() {
            self.after_briefing(now)
        } else {
            Stage::Briefing {
                checked: vec![false; self.routine.cautions.len()],
                cursor: 0,
                incomplete: false,
            }
        }
    }

    /// Whether the cautions are a checklist to tick (heat) rather than notes to read.
    pub fn is_checklist(&self) -> bool {
        self.routine.kind == Kind::Heat
    }

    /// Whether pain is rated before and after (not for short posture breaks).
    fn rates_pain(&self) -> bool {
        self.routine.kind != Kind::PostureBreak
    }

    fn after_briefing(&mut self, now: Now) -> Stage {
        if self.rates_pain() {
            Stage::PainBefore(PainInput::default())
        } else {
            self.begin(now)
        }
    }

    fn begin(&mut self, now: Now) -> Stage {
        self.started = Some(now);
        Stage::Running(Session::start(&self.routine, now.instant))
    }

    /// Handles one message; `now` is this moment.
    pub fn update(&mut self, msg: Msg, now: Now) -> Effect {
        let is_checklist = self.is_checklist();
        match &mut self.stage {
            Stage::Gate(gate) => match msg {
                Msg::Confirm if !gate.refuses() => self.stage = self.briefing(now),
                Msg::Flags => return Effect::OpenFlags,
                Msg::Quit | Msg::Cancel | Msg::ForceQuit => return Effect::Exit,
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
                Msg::Confirm if is_checklist && !checked.iter().all(|&c| c) => *incomplete = true,
                Msg::Confirm => self.stage = self.after_briefing(now),
                Msg::Quit | Msg::Cancel | Msg::ForceQuit => return Effect::Exit,
                _ => {}
            },
            Stage::PainBefore(input) => match msg {
                Msg::Confirm => {
                    self.pain_before = input.value;
                    self.stage = self.begin(now);
                    return Effect::Bell;
                }
                Msg::Skip => {
                    self.stage = self.begin(now);
                    return Effect::Bell;
                }
                Msg::Quit | Msg::Cancel | Msg::ForceQuit => return Effect::Exit,
                other => input.update(other),
            },
            Stage::Running(session) => {
                match msg {
                    Msg::Tick => session.tick(now.instant),
                    Msg::Space => session.toggle_pause(now.instant),
                    Msg::Next => session.next(now.instant),
                    Msg::Back => session.back(now.instant),
                    Msg::Confirm => session.done(now.instant),
                    Msg::Quit | Msg::Cancel | Msg::ForceQuit => session.stop(now.instant),
                    _ => {}
                }
                let bell = self.handle_cues(now.instant);
                if let Stage::Running(session) = &self.stage
                    && session.ended().is_some()
                {
                    let session = session.clone();
                    if self.rates_pain() && msg != Msg::ForceQuit {
                        self.stage = Stage::PainAfter(PainInput::default(), session);
                    } else {
                        return Effect::Save(self.record(&session, None, now));
                    }
                }
                return if bell { Effect::Bell } else { Effect::None };
            }
            Stage::PainAfter(input, session) => match msg {
                Msg::Confirm => {
                    let (value, session) = (input.value, session.clone());
                    return Effect::Save(self.record(&session, value, now));
                }
                Msg::Skip | Msg::Quit | Msg::Cancel | Msg::ForceQuit => {
                    let session = session.clone();
                    return Effect::Save(self.record(&session, None, now));
                }
                other => input.update(other),
            },
            Stage::Summary(summary) => match msg {
                Msg::Confirm | Msg::Quit | Msg::Cancel | Msg::ForceQuit => return Effect::Exit,
                Msg::Add if summary.pain_rose() => {
                    return Effect::LogEntry(summary.record.pain_after);
                }
                _ => {}
            },
        }
        Effect::None
    }

    /// Shows the summary for a saved (or unsaved) record.
    pub fn show_summary(&mut self, record: SessionRecord, saved: Result<(), String>) {
        self.stage = Stage::Summary(Summary { record, saved });
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
            match cue {
                Cue::SkinCheck => self.skin_prompt_until = Some(now + SKIN_PROMPT_FOR),
                Cue::Halfway => self.halfway_until = Some(now + HALFWAY_FOR),
                Cue::PhaseStarted(_) => self.halfway_until = None,
                _ => {}
            }
        }
        self.skin_prompt_until = self.skin_prompt_until.filter(|&t| t > now);
        self.halfway_until = self.halfway_until.filter(|&t| t > now);
        !cues.is_empty()
    }

    /// When the screen next changes by itself, if ever.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        let Stage::Running(session) = &self.stage else {
            return None;
        };
        [
            session.next_wake(now),
            self.skin_prompt_until,
            self.halfway_until,
        ]
        .into_iter()
        .flatten()
        .min()
    }

    fn record(&self, session: &Session, pain_after: Option<u8>, now: Now) -> SessionRecord {
        let started = self.started.unwrap_or(now);
        let (ended_at, outcome) = session
            .ended()
            .unwrap_or((started.instant, Outcome::Stopped));
        let (steps_done, steps_total) = session.steps_done();
        let ended: DateTime<FixedOffset> = started.wall_at(ended_at);
        SessionRecord {
            id: crate::id::new_id(ended.timestamp_millis()),
            routine: self.routine.id.clone(),
            kind: self.routine.kind,
            started: started.wall,
            ended,
            active_seconds: session.active_time(ended_at).as_secs(),
            outcome: SessionOutcome::from(outcome),
            steps_done,
            steps_total,
            pain_before: self.pain_before,
            pain_after,
        }
    }
}
