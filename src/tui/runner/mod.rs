//! The runner's state: briefing (cautions, the heat checklist), pain before, the timed session,
//! pain after, and the summary. Pure: every change comes through [`Runner::update`] with `now`.
//!
//! Heat safety lives here and in the session. Before heat: the gate refuses it on skin that may be
//! numb, within an hour of the last heat session or after three today
//! ([`crate::history::heat`]), and the briefing is the app's own safety checklist
//! ([`HEAT_CHECKLIST`]) followed by the routine's cautions, so a routine of one's own cannot
//! leave it out. During heat, each skin check is a prompt that waits for an answer: Enter (or `y`)
//! "skin OK", `q` "stop", which ends the session there and saves it as stopped. While the prompt
//! waits the heat timer keeps counting, because the pack stays on the skin whatever the screen
//! shows: a paused timer would let heat run on unseen (someone who fell asleep would never hear the
//! end), so the bell rings again every 30 seconds until the prompt is answered, and the heat still
//! ends on time. Other keys wait for the answer.
//!
//! Posture breaks show their cautions under each step's cue instead of in a briefing, so a break
//! still starts with one key. With a birth year giving 65 or over, holds under 30 seconds are
//! lengthened to 30 seconds (older muscles need longer holds) and the runner says so in the
//! briefing and on each lengthened hold.
//!
//! The routine is fitted to the person's profile as it opens ([`crate::routine::adapt`]):
//! alternatives in place of steps their conditions rule out, steps left out, and cautions for
//! fragile bones and blood thinners. The briefing says what changed and why ([`care`]); a
//! posture break says it under the cue of the step concerned. The gate is read from the routine
//! as written, and the session is recorded under the routine's id as before.

use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

mod care;
mod gate;
mod keys;
mod pain;
mod session_view;
mod summary_view;
mod view;
mod words;

pub use gate::Gate;
pub use pain::PainInput;
pub use view::RunnerScreen;

use super::msg::Msg;
use crate::clock::Now;
use crate::config::Cues;
use crate::history::{SessionOutcome, SessionRecord};
use crate::routine::adapt::{Adapted, Care, Person};
use crate::routine::{Kind, Routine};
use crate::session::{Cue, Refusal, Session};

/// How long the halfway mark is announced.
const HALFWAY_FOR: Duration = Duration::from_secs(3);
/// How long a note about a refused key or shortened heat stays on screen.
const NOTICE_FOR: Duration = Duration::from_secs(6);
/// How often the bell rings again while a skin check waits for an answer.
const REMIND_EVERY: Duration = Duration::from_secs(30);

/// The app's safety checklist before any heat routine, bundled or not (CLINICAL, heat therapy
/// safety). A routine's own cautions follow it.
pub const HEAT_CHECKLIST: [&str; 6] = [
    "A towel or cloth is between the pack and my skin.",
    "The pack is warm, not hot, and no boiling water went into it.",
    "I will stay awake: I am not settling down to sleep with it on.",
    "The skin there is not numb or broken, and its circulation is good.",
    "No fresh injury in the last two or three days, and no fever or infection.",
    "With diabetes, a heart condition or a history of cancer: a doctor has said heat is fine for me.",
];

/// What the app knows that shapes a run: the gate, the cue settings and the person.
#[derive(Debug, Clone, Default)]
pub struct Setup {
    /// Flags and heat rules to show first.
    pub gate: Gate,
    /// Which cues to give (from `[cues]`).
    pub cues: Cues,
    /// The age they turn this year and their conditions, from `[profile]`.
    pub person: Person,
}

/// A skin check waiting for its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SkinPrompt {
    /// When it was asked.
    pub asked: Instant,
    /// When the bell rings again if it is still unanswered.
    remind_at: Instant,
}

/// A short note the runner shows after a key it refused or heat it shortened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// A heat hold was restarted with only this much of the 20 minutes left.
    HeatCut(Duration),
    /// A key was refused.
    Refused(Refusal),
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

/// A routine being run.
#[derive(Debug, Clone)]
pub struct Runner {
    /// The routine as it runs: fitted to the person.
    pub routine: Routine,
    /// The routine as it was opened, before it was fitted: what to open again (a gate that
    /// changes, new settings), so the fitting is never applied twice and its notes stay.
    pub written: Routine,
    /// The current stage.
    pub stage: Stage,
    /// Rating before, if given.
    pub pain_before: Option<u8>,
    /// What the briefing lists: for heat, the app's checklist and then the routine's cautions.
    pub briefing_items: Vec<String>,
    /// What was fitted to the person: swaps, steps left out, cautions, holds lengthened for age.
    pub care: Care,
    /// A skin check waiting for an answer.
    pub skin_prompt: Option<SkinPrompt>,
    /// The session was stopped from a skin check.
    pub stopped_at_skin_check: bool,
    /// A note to show until then.
    pub notice: Option<(Notice, Instant)>,
    /// Show the halfway mark until then.
    pub halfway_until: Option<Instant>,
    /// Which cues to give (from `[cues]`).
    pub cues: Cues,
    /// `q` or Esc was pressed mid-session: "stop?" waits for `y` (the session runs on).
    pub confirm_stop: bool,
    /// Records of the session so far, for the app to append to history: one when it starts
    /// (with the pain before) and one at each step done, each as if it were cut off there
    /// ("interrupted"), so a killed app leaves what was done. The final record, with the same
    /// id, replaces them. Handed over as [`Request::Progress`] by the update that made them.
    journal: Vec<SessionRecord>,
    /// The id every record of this session carries.
    session_id: String,
    journaled_steps: usize,
    started: Option<Now>,
}

impl Runner {
    /// A runner for `routine`, opening on its cautions.
    pub fn new(routine: Routine, now: Now) -> Runner {
        Runner::open(routine, Setup::default(), now)
    }

    /// A runner that first shows the gate when there is anything in it.
    pub fn open(written: Routine, setup: Setup, now: Now) -> Runner {
        let Adapted { routine, care } = crate::routine::adapt::adapt(&written, &setup.person);
        let mut briefing_items: Vec<String> = Vec::new();
        if routine.kind == Kind::Heat {
            briefing_items.extend(HEAT_CHECKLIST.iter().map(|&item| item.to_owned()));
        }
        if routine.kind != Kind::PostureBreak {
            for caution in &routine.cautions {
                if !briefing_items.contains(caution) {
                    briefing_items.push(caution.clone());
                }
            }
        }
        let mut runner = Runner {
            routine,
            written,
            stage: Stage::PainBefore(PainInput::default()),
            pain_before: None,
            briefing_items,
            care,
            skin_prompt: None,
            stopped_at_skin_check: false,
            notice: None,
            halfway_until: None,
            cues: setup.cues,
            confirm_stop: false,
            journal: Vec::new(),
            session_id: String::new(),
            journaled_steps: 0,
            started: None,
        };
        runner.stage = if setup.gate.is_empty() {
            runner.briefing(now)
        } else {
            Stage::Gate(setup.gate)
        };
        runner
    }

    fn briefing(&mut self, now: Now) -> Stage {
        // A posture break starts with one key: its lengthened holds and fitted steps are marked
        // as they run. A routine with nothing left to do says why and goes no further.
        let care_note = self.care.has_notes() && self.routine.kind != Kind::PostureBreak;
        if self.briefing_items.is_empty() && !care_note && !self.nothing_left() {
            self.after_briefing(now)
        } else {
            Stage::Briefing {
                checked: vec![false; self.briefing_items.len()],
                cursor: 0,
                incomplete: false,
            }
        }
    }

    /// Whether every step was left out for this person: the briefing says so and Enter leaves.
    pub fn nothing_left(&self) -> bool {
        self.routine.steps.is_empty()
    }

    /// Whether the cautions are a checklist to tick (heat) rather than notes to read.
    pub fn is_checklist(&self) -> bool {
        self.routine.kind == Kind::Heat
    }

    /// Whether a heat hold is under way (it does not pause).
    pub fn in_heat(&self) -> bool {
        let Stage::Running(session) = &self.stage else {
            return false;
        };
        self.routine.kind == Kind::Heat
            && session.current().is_some_and(|p| {
                p.kind == crate::routine::plan::PhaseKind::Work
                    && self
                        .routine
                        .steps
                        .get(p.step)
                        .is_some_and(|s| s.check_every.is_some())
            })
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
        self.session_id = crate::id::new_id(now.wall.timestamp_millis());
        let session = Session::start(&self.routine, now.instant);
        self.journaled_steps = 0;
        self.journal.push(self.progress(&session, now));
        Stage::Running(session)
    }

    /// The session as it stands at `now`, recorded as if cut off here.
    fn progress(&self, session: &Session, now: Now) -> SessionRecord {
        let started = self.started.unwrap_or(now);
        let (steps_done, steps_total) = session.steps_done();
        SessionRecord {
            id: self.session_id.clone(),
            routine: self.routine.id.clone(),
            kind: self.routine.kind,
            started: started.wall,
            ended: now.wall,
            active_seconds: session.active_time(now.instant).as_secs(),
            outcome: SessionOutcome::Interrupted,
            steps_done,
            steps_total,
            pain_before: self.pain_before,
            pain_after: None,
        }
    }

    /// The note to show at `now`, if any.
    pub fn notice_at(&self, now: Instant) -> Option<Notice> {
        self.notice
            .filter(|&(_, until)| until > now)
            .map(|(notice, _)| notice)
    }

    /// Shows the summary for a saved (or unsaved) record.
    pub fn show_summary(&mut self, record: SessionRecord, saved: Result<(), String>) {
        self.stage = Stage::Summary(Summary { record, saved });
    }

    /// When the screen next changes by itself, if ever.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        let Stage::Running(session) = &self.stage else {
            return None;
        };
        [
            session.next_wake(now),
            self.skin_prompt.map(|p| p.remind_at),
            self.notice.map(|(_, until)| until),
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
            .unwrap_or((started.instant, crate::session::Outcome::Stopped));
        let (steps_done, steps_total) = session.steps_done();
        let ended: DateTime<FixedOffset> = started.wall_at(ended_at);
        SessionRecord {
            id: if self.session_id.is_empty() {
                crate::id::new_id(ended.timestamp_millis())
            } else {
                self.session_id.clone()
            },
            routine: self.routine.id.clone(),
            kind: self.routine.kind,
            started: started.wall,
            ended,
            active_seconds: session.active_time(ended_at).as_secs(),
            outcome: SessionOutcome::of(outcome, steps_done, steps_total),
            steps_done,
            steps_total,
            pain_before: self.pain_before,
            pain_after,
        }
    }
}
