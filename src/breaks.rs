//! The posture-break scheduler (DESIGN §2): pure, `now` passed in. Intervals run on the
//! monotonic clock; working hours (days of the week, from–to) are read from the wall clock.
//!
//! Decisions, in the words a user would expect:
//! - A break's countdown only runs inside its working hours. Outside them (and on days off) it
//!   waits at a full interval, so the first break of the day comes one interval after work
//!   starts, however long the app has been open.
//! - Once due, a break stays due until it is taken, snoozed or skipped; it is offered once, not
//!   again and again. After a suspend or a long absence the overdue break is offered once and the
//!   next one counts from then: missed breaks never pile up.
//! - Taking or skipping a break restarts its interval from that moment. A break taken also counts
//!   for any other break that would fall due within the next five minutes, so a half-hourly check
//!   does not follow straight after the hourly reset.
//! - The wall clock jumping (a time-zone change, a clock set back) only moves the working-hours
//!   window; intervals are untouched.

use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveTime, Weekday};

use crate::clock::Now;
use crate::history::BreakOutcome;

/// Reasons offered when skipping a break, by number (the app's Breaks screen and `knotless
/// remind` offer the same three).
pub const SKIP_REASONS: [&str; 3] = ["in a meeting", "in the middle of something", "in pain"];

/// Breaks due within this long of one just taken are counted as taken too.
pub const COALESCE: Duration = Duration::from_secs(5 * 60);

/// When one break is offered (from `[[breaks]]` in the config).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreakPlan {
    /// The posture-break routine's id.
    pub routine: String,
    /// How often.
    pub every: Duration,
    /// The days it runs; empty means every day.
    pub days: Vec<Weekday>,
    /// Working hours: from (inclusive) …
    pub from: NaiveTime,
    /// … to (exclusive). `from == to` means all day.
    pub to: NaiveTime,
}

impl BreakPlan {
    /// Whether `now` is inside this plan's working hours.
    pub fn in_hours(&self, now: &Now) -> bool {
        let wall = now.wall;
        if !self.days.is_empty() && !self.days.contains(&wall.weekday()) {
            return false;
        }
        let t = wall.time();
        match self.from.cmp(&self.to) {
            std::cmp::Ordering::Equal => true,
            std::cmp::Ordering::Less => self.from <= t && t < self.to,
            // Overnight hours, e.g. 22:00–06:00.
            std::cmp::Ordering::Greater => t >= self.from || t < self.to,
        }
    }
}

/// Where one break stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakState {
    /// Outside working hours.
    OffHours,
    /// Counting down to this moment.
    Waiting(Instant),
    /// Due now, waiting for the person.
    Due,
}

/// The timers of every configured break.
#[derive(Debug, Clone)]
pub struct Scheduler {
    plans: Vec<BreakPlan>,
    /// Per plan: when it is next due (`None` while off hours).
    next: Vec<Option<Instant>>,
}

impl Scheduler {
    /// Timers for `plans`, starting at `now`.
    pub fn new(plans: Vec<BreakPlan>, now: &Now) -> Scheduler {
        let next = plans
            .iter()
            .map(|p| p.in_hours(now).then(|| now.instant + p.every))
            .collect();
        Scheduler { plans, next }
    }

    /// The plans.
    pub fn plans(&self) -> &[BreakPlan] {
        &self.plans
    }

    /// Brings the timers up to `now`: off hours they wait; on entering hours they start.
    pub fn tick(&mut self, now: &Now) {
        for (plan, next) in self.plans.iter().zip(&mut self.next) {
            match (plan.in_hours(now), *next) {
                (false, _) => *next = None,
                (true, None) => *next = Some(now.instant + plan.every),
                (true, Some(_)) => {}
            }
        }
    }

    /// Where break `i` stands at `now` (call [`tick`](Self::tick) first).
    pub fn state(&self, i: usize, now: &Now) -> BreakState {
        match self.next.get(i).copied().flatten() {
            None => BreakState::OffHours,
            Some(at) if now.instant >= at => BreakState::Due,
            Some(at) => BreakState::Waiting(at),
        }
    }

    /// The break to offer now, if any: of those due, the longest (it covers the shorter ones).
    pub fn due(&self, now: &Now) -> Option<usize> {
        (0..self.plans.len())
            .filter(|&i| self.state(i, now) == BreakState::Due)
            .max_by_key(|&i| (self.plans[i].every, std::cmp::Reverse(i)))
    }

    /// Break `i` was taken (or skipped): its interval restarts now, and breaks due within
    /// [`COALESCE`] restart with it.
    pub fn done(&mut self, i: usize, now: &Now) {
        let soon = now.instant + COALESCE;
        for (j, (plan, next)) in self.plans.iter().zip(&mut self.next).enumerate() {
            if let Some(at) = next
                && (j == i || *at <= soon)
            {
                *at = now.instant + plan.every;
            }
        }
    }

    /// Break `i` is put off for `snooze`.
    pub fn snooze(&mut self, i: usize, snooze: Duration, now: &Now) {
        if let Some(Some(at)) = self.next.get_mut(i) {
            *at = now.instant + snooze;
        }
    }

    /// What the person said about due break `i`, applied to the timers: a snooze puts it off
    /// for `snooze`; taken, not done or skipped restart its interval (see [`done`](Self::done)).
    pub fn settle(&mut self, i: usize, outcome: BreakOutcome, snooze: Duration, now: &Now) {
        match outcome {
            BreakOutcome::Snoozed => self.snooze(i, snooze, now),
            BreakOutcome::Taken | BreakOutcome::NotDone | BreakOutcome::Skipped => {
                self.done(i, now)
            }
        }
    }

    /// When a timer now off hours next starts counting (the wall clock entering a plan's
    /// working hours), as an instant on `now`'s monotonic clock; `None` when every timer is
    /// running already or no plan has hours in the coming week. A loop that must not poll
    /// sleeps until then (the countdown starts at the working hours' start).
    pub fn next_hours_start(&self, now: &Now) -> Option<Instant> {
        let midnight = NaiveTime::MIN;
        self.plans
            .iter()
            .zip(&self.next)
            .filter(|(_, next)| next.is_none())
            .filter_map(|(plan, _)| {
                // Hours begin at `from` or at midnight (a new day that is a working day).
                (0..=8)
                    .flat_map(|d| {
                        let day = now.wall.date_naive() + chrono::Days::new(d);
                        [day.and_time(midnight), day.and_time(plan.from)]
                    })
                    .filter_map(|t| t.and_local_timezone(*now.wall.offset()).single())
                    .filter(|t| *t > now.wall)
                    .find(|t| plan.in_hours(&Now { wall: *t, ..*now }))
            })
            .min()
            .and_then(|t| (t - now.wall).to_std().ok())
            .map(|d| now.instant + d)
    }

    /// When anything next changes by itself: the nearest due time still ahead.
    pub fn next_wake(&self, now: &Now) -> Option<Instant> {
        self.next
            .iter()
            .flatten()
            .copied()
            .filter(|&at| at > now.instant)
            .min()
    }
}

#[cfg(test)]
mod tests;
