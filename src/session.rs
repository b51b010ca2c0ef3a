//! A guided session: a pure, timed state machine over a routine's plan.
//!
//! It never reads a clock; every call takes `now`. The current phase remembers when it began and
//! how long it has been paused; when a timed phase runs out, the next one begins at the exact
//! scheduled end (not at the tick that noticed it), so boundaries sit at session start + planned
//! durations + paused time however irregular the ticks are, and error never adds up. Only the
//! person's own moves (next, back, done) re-anchor the timeline at `now`.
//!
//! Cues (phase changes, 3-2-1, halfway, skin checks, the end) queue up as [`Cue`]s for the app to
//! ring or show; [`Session::take_cues`] drains them. All cues fall on whole seconds of a phase, so a
//! loop that wakes only when the displayed second changes never delays one.
//!
//! Heat cannot overrun. Every timed step of a heat routine is heat on the skin, and a session gives
//! at most [`MAX_HEAT`] of it in total, whatever keys are pressed: heat already given counts when
//! `back` restarts a heat hold, so a restarted hold runs only for what is left of the 20 minutes
//! (a [`Cue::HeatCut`] says so), and once it is used up `back` into heat is refused
//! ([`Cue::Refused`]) and any heat hold still ahead is skipped. A heat hold does not pause: the pack
//! stays on the skin whatever the timer shows, so `toggle_pause` during one is refused, and a move
//! made while paused into a heat hold resumes the clock. Skin checks follow the heat actually
//! given: one every `check_every` of heat (5 minutes at most), counted across restarts and steps.

use std::time::{Duration, Instant};

use crate::routine::plan::{Phase, PhaseKind, expand};
use crate::routine::{Kind, MAX_HEAT, MAX_SKIN_CHECK, Routine, Work};

/// A moment worth a bell or a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// A new phase has begun.
    PhaseStarted(PhaseKind),
    /// Seconds left in a timed phase: 3, 2, 1.
    Countdown(u8),
    /// Half of a long hold (20 s or more) is done.
    Halfway,
    /// Time to check the skin under the heat pack.
    SkinCheck,
    /// A heat hold starts shorter than planned: only this much is left of the session's
    /// 20 minutes of heat.
    HeatCut(Duration),
    /// A key was refused, and why.
    Refused(Refusal),
    /// The last phase is done.
    Finished,
}

/// Why the session did not do what a key asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// `back` into heat after the session has given its 20 minutes of heat.
    HeatUsedUp,
    /// Pause during a heat hold: the pack keeps heating while the timer waits.
    HeatDoesNotPause,
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every phase ran to its end (some may have been skipped with next).
    Completed,
    /// The person stopped it early.
    Stopped,
}

/// Holds of at least this long get a halfway cue.
const HALFWAY_FROM: Duration = Duration::from_secs(20);
/// Pressing back this far into a step restarts it rather than going to the one before.
const RESTART_AFTER: Duration = Duration::from_secs(3);
const SECOND: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, Copy, Default)]
struct Marks {
    /// Next countdown second still to announce (3, 2, 1; 0 when none are left).
    countdown: u8,
    halfway: bool,
}

/// What a step asks of the session beyond its timing.
#[derive(Debug, Clone, Copy)]
struct StepCues {
    /// A hold (gets the halfway cue when long).
    hold: bool,
    /// Heat on the skin: skin checks this often, and it counts toward the heat limit.
    heat: Option<Duration>,
}

/// A running (or finished) session of one routine.
#[derive(Debug, Clone)]
pub struct Session {
    phases: Vec<Phase>,
    /// Each phase's length as planned (a heat hold may run shorter, see the module docs).
    planned: Vec<Option<Duration>>,
    step_cues: Vec<StepCues>,
    /// Heat given in phases already left.
    heat_used: Duration,
    /// Heat given when the last skin check fell due.
    heat_checked: Duration,
    step_count: usize,
    index: usize,
    phase_start: Instant,
    paused_in_phase: Duration,
    paused_since: Option<Instant>,
    /// Pause time in earlier phases (the current phase's is in `paused_in_phase`).
    paused_before_phase: Duration,
    started_at: Instant,
    ended: Option<(Instant, Outcome)>,
    marks: Marks,
    completed: Vec<bool>,
    cues: Vec<Cue>,
}

impl Session {
    /// Starts the routine at `now`, in its first phase.
    pub fn start(routine: &Routine, now: Instant) -> Session {
        let phases = expand(routine);
        let step_cues = routine
            .steps
            .iter()
            .map(|s| {
                let hold = matches!(s.work, Work::Hold(_));
                // Every hold of a heat routine is heat, checked at least every 5 minutes, whatever
                // the routine says.
                let heat = (hold && routine.kind == Kind::Heat).then(|| {
                    s.check_every
                        .filter(|e| !e.is_zero())
                        .map_or(MAX_SKIN_CHECK, |e| e.min(MAX_SKIN_CHECK))
                });
                StepCues { hold, heat }
            })
            .collect();
        let mut session = Session {
            completed: vec![false; phases.len()],
            planned: phases.iter().map(|p| p.duration).collect(),
            phases,
            step_cues,
            heat_used: Duration::ZERO,
            heat_checked: Duration::ZERO,
            step_count: routine.steps.len(),
            index: 0,
            phase_start: now,
            paused_in_phase: Duration::ZERO,
            paused_since: None,
            paused_before_phase: Duration::ZERO,
            started_at: now,
            ended: None,
            marks: Marks::default(),
            cues: Vec::new(),
        };
        session.enter(0, now);
        session
    }

    /// Brings the session up to `now`: runs out elapsed phases and queues their cues.
    pub fn tick(&mut self, now: Instant) {
        if self.ended.is_some() || self.paused_since.is_some() {
            return;
        }
        while let Some(duration) = self.current().and_then(|p| p.duration) {
            let elapsed = self.elapsed(now);
            self.fire_marks(elapsed.min(duration), duration);
            if elapsed < duration {
                break;
            }
            let end = self.phase_start + self.paused_in_phase + duration;
            self.completed[self.index] = true;
            self.enter(self.index + 1, end);
        }
    }

    /// Pauses a running session or resumes a paused one. A heat hold does not pause.
    pub fn toggle_pause(&mut self, now: Instant) {
        self.tick(now);
        if self.ended.is_some() {
            return;
        }
        if self.paused_since.is_none() && self.is_heat(self.index) {
            self.cues.push(Cue::Refused(Refusal::HeatDoesNotPause));
            return;
        }
        match self.paused_since.take() {
            Some(since) => self.paused_in_phase += now.saturating_duration_since(since),
            None => self.paused_since = Some(now),
        }
    }

    /// Skips the rest of the current phase.
    pub fn next(&mut self, now: Instant) {
        self.tick(now);
        if self.ended.is_none() {
            self.enter(self.index + 1, now);
        }
    }

    /// Restarts the current step if well under way, otherwise goes back to the previous step.
    /// Refused into heat once the session's heat is used up.
    pub fn back(&mut self, now: Instant) {
        self.tick(now);
        if self.ended.is_some() {
            return;
        }
        let in_work = self.current().is_some_and(|p| p.kind == PhaseKind::Work);
        let target = if in_work && self.elapsed(now) >= RESTART_AFTER {
            self.index
        } else {
            (0..self.index)
                .rev()
                .find(|&i| self.phases[i].kind == PhaseKind::Work)
                .unwrap_or(self.index)
        };
        if self.is_heat(target) && self.heat_given(now) >= MAX_HEAT {
            self.cues.push(Cue::Refused(Refusal::HeatUsedUp));
            return;
        }
        self.enter(target, now);
    }

    /// The person says the counted repetitions are done (only meaningful on an untimed step).
    pub fn done(&mut self, now: Instant) {
        self.tick(now);
        if self.current().is_some_and(|p| p.duration.is_none()) {
            self.completed[self.index] = true;
            self.enter(self.index + 1, now);
        }
    }

    /// Ends the session early.
    pub fn stop(&mut self, now: Instant) {
        self.tick(now);
        if self.ended.is_none() {
            self.ended = Some((now, Outcome::Stopped));
        }
    }

    /// Cues queued since the last call.
    pub fn take_cues(&mut self) -> Vec<Cue> {
        std::mem::take(&mut self.cues)
    }

    /// Whether phase `index` is a heat hold.
    fn is_heat(&self, index: usize) -> bool {
        self.phases.get(index).is_some_and(|p| {
            p.kind == PhaseKind::Work
                && p.duration.is_some()
                && self.step_cues[p.step].heat.is_some()
        })
    }

    fn enter(&mut self, mut index: usize, at: Instant) {
        // Heat given in the phase being left counts toward the limit.
        if self.ended.is_none() && self.is_heat(self.index) {
            self.heat_used = self.heat_given(at);
        }
        // Once the heat is used up, heat holds still ahead are passed over.
        while self.is_heat(index) && self.heat_used >= MAX_HEAT {
            index += 1;
        }
        // A move made while paused keeps the session paused, in the new phase from `at` on;
        // except into heat, which does not pause.
        let keep_paused = !self.is_heat(index);
        if let Some(since) = self.paused_since.take() {
            self.paused_in_phase += at.saturating_duration_since(since);
            if keep_paused {
                self.paused_since = Some(at);
            }
        }
        self.paused_before_phase += self.paused_in_phase;
        self.index = index;
        self.phase_start = at;
        self.paused_in_phase = Duration::ZERO;
        if self.is_heat(index) {
            let planned = self.planned[index].unwrap_or_default();
            let left = MAX_HEAT.saturating_sub(self.heat_used);
            if left < planned {
                self.phases[index].duration = Some(left);
                self.cues.push(Cue::HeatCut(left));
            } else {
                self.phases[index].duration = Some(planned);
            }
        }
        match self.phases.get(index) {
            None => {
                self.ended = Some((at, Outcome::Completed));
                self.cues.push(Cue::Finished);
            }
            Some(phase) => {
                let long_enough = phase.duration.is_some_and(|d| d > Duration::from_secs(3));
                self.marks = Marks {
                    countdown: if long_enough { 3 } else { 0 },
                    ..Marks::default()
                };
                self.cues.push(Cue::PhaseStarted(phase.kind));
            }
        }
    }

    fn fire_marks(&mut self, elapsed: Duration, duration: Duration) {
        let phase = self.phases[self.index];
        let StepCues { hold, heat } = self.step_cues[phase.step];
        let is_work = phase.kind == PhaseKind::Work;
        // A check every `every` of heat given, never at the moment the heat ends.
        if is_work && let Some(every) = heat {
            let given = self.heat_used + elapsed;
            if elapsed < duration && given >= self.heat_checked + every {
                let checks = (given - self.heat_checked).as_millis() / every.as_millis().max(1);
                self.heat_checked += every * checks as u32;
                self.cues.push(Cue::SkinCheck);
            }
        }
        if is_work && hold && duration >= HALFWAY_FROM && !self.marks.halfway {
            let half = SECOND * (duration.as_secs() / 2) as u32;
            if elapsed >= half {
                self.marks.halfway = true;
                self.cues.push(Cue::Halfway);
            }
        }
        let mut announced = None;
        while self.marks.countdown > 0
            && elapsed + SECOND * u32::from(self.marks.countdown) >= duration
            && elapsed < duration
        {
            announced = Some(self.marks.countdown);
            self.marks.countdown -= 1;
        }
        if let Some(n) = announced {
            self.cues.push(Cue::Countdown(n));
        }
    }
}

#[cfg(test)]
mod heat_tests;
mod reading;
#[cfg(test)]
mod tests;
