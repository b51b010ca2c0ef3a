//! What a screen reads of a session: where it is, what comes next, the times left and given,
//! progress, and when it next needs the app awake.

use std::time::{Duration, Instant};

use super::*;

impl Session {
    /// The phase under way, or `None` once the session has ended.
    pub fn current(&self) -> Option<&Phase> {
        match self.ended {
            Some(_) => None,
            None => self.phases.get(self.index),
        }
    }

    /// The phase after the current one.
    pub fn upcoming(&self) -> Option<&Phase> {
        self.current().and(self.phases.get(self.index + 1))
    }

    /// The next work phase after the current one ("next up").
    pub fn next_work(&self) -> Option<&Phase> {
        self.current()?;
        self.phases[self.index + 1..]
            .iter()
            .find(|p| p.kind == PhaseKind::Work)
    }

    /// Index of the current phase and how many there are.
    pub fn position(&self) -> (usize, usize) {
        (self.index, self.phases.len())
    }

    /// When the current phase began (its scheduled start), for tests and diagnostics.
    pub fn phase_started_at(&self) -> Instant {
        self.phase_start
    }

    /// Whether the session is paused.
    pub fn is_paused(&self) -> bool {
        self.paused_since.is_some()
    }

    /// How and when it ended, if it has.
    pub fn ended(&self) -> Option<(Instant, Outcome)> {
        self.ended
    }

    /// When it started.
    pub fn started_at(&self) -> Instant {
        self.started_at
    }

    /// Time spent in the session up to `now` (or its end), pauses left out.
    pub fn active_time(&self, now: Instant) -> Duration {
        let until = self.ended.map_or(now, |(at, _)| at);
        let paused_now = self.paused_since.map_or(Duration::ZERO, |since| {
            until.saturating_duration_since(since)
        });
        until
            .saturating_duration_since(self.started_at)
            .saturating_sub(self.paused_before_phase + self.paused_in_phase + paused_now)
    }

    /// Active (unpaused) time in the current phase.
    pub fn elapsed(&self, now: Instant) -> Duration {
        let until = self.paused_since.unwrap_or(now);
        until
            .saturating_duration_since(self.phase_start)
            .saturating_sub(self.paused_in_phase)
    }

    /// Heat given so far: time in heat holds, up to `now` (or the end).
    pub fn heat_given(&self, now: Instant) -> Duration {
        let in_phase = match self.current() {
            Some(phase) if self.is_heat(self.index) => {
                self.elapsed(now).min(phase.duration.unwrap_or_default())
            }
            _ => Duration::ZERO,
        };
        self.heat_used + in_phase
    }

    /// Time until the next skin check, when one falls inside the heat hold under way.
    pub fn next_skin_check(&self, now: Instant) -> Option<Duration> {
        let every = self.step_cues[self.current()?.step].heat?;
        if !self.is_heat(self.index) {
            return None;
        }
        let until = (self.heat_checked + every).saturating_sub(self.heat_given(now));
        let left = self.remaining(now)?;
        (until < left).then_some(until)
    }

    /// Time left in the current phase; `None` for an untimed phase or after the end.
    pub fn remaining(&self, now: Instant) -> Option<Duration> {
        let duration = self.current()?.duration?;
        Some(duration.saturating_sub(self.elapsed(now)))
    }

    /// Planned time left in the whole routine (untimed steps count zero).
    pub fn routine_remaining(&self, now: Instant) -> Duration {
        let Some(_) = self.current() else {
            return Duration::ZERO;
        };
        let later: Duration = self.phases[self.index + 1..]
            .iter()
            .filter_map(|p| p.duration)
            .sum();
        later + self.remaining(now).unwrap_or_default()
    }

    /// Share of the current phase done, 0.0 to 1.0 (0 for untimed phases).
    pub fn phase_progress(&self, now: Instant) -> f64 {
        match self.current().and_then(|p| p.duration) {
            Some(d) => (self.elapsed(now).as_secs_f64() / d.as_secs_f64()).min(1.0),
            None => 0.0,
        }
    }

    /// Share of the routine's planned time done, 0.0 to 1.0.
    pub fn routine_progress(&self, now: Instant) -> f64 {
        if self.ended.is_some() {
            return 1.0;
        }
        let total: Duration = self.phases.iter().filter_map(|p| p.duration).sum();
        if total.is_zero() {
            return self.index as f64 / self.phases.len().max(1) as f64;
        }
        let left = self.routine_remaining(now);
        (1.0 - left.as_secs_f64() / total.as_secs_f64()).clamp(0.0, 1.0)
    }

    /// Steps whose every set and side ran to the end, and the number of steps.
    pub fn steps_done(&self) -> (usize, usize) {
        let done = (0..self.step_count)
            .filter(|&step| {
                self.phases
                    .iter()
                    .zip(&self.completed)
                    .filter(|(p, _)| p.step == step && p.kind == PhaseKind::Work)
                    .all(|(_, &done)| done)
            })
            .count();
        (done, self.step_count)
    }

    /// When something visible next changes by itself (the displayed second or the phase), or
    /// `None` when nothing will until the person acts: paused, untimed, or ended.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        if self.paused_since.is_some() {
            return None;
        }
        let duration = self.current()?.duration?;
        let elapsed = self.elapsed(now);
        let next_second = SECOND * (elapsed.as_secs() as u32 + 1);
        let skin_check = self
            .next_skin_check(now)
            .map_or(Duration::MAX, |until| elapsed + until);
        Some(self.phase_start + self.paused_in_phase + next_second.min(duration).min(skin_check))
    }
}
