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
//! - Intervals count time that passed, suspend included. The monotonic clock the timers run on
//!   stops while the machine sleeps, so each look at the clocks compares how far the wall clock
//!   and the monotonic clock moved since the last look: wall time the monotonic clock did not
//!   count (a suspend, or the clock set forward) is taken off every countdown
//!   ([`Scheduler::tick`]). After a suspend past several breaks one break is due — not a pile —
//!   and if working hours began during the suspend, the countdown runs from their start, as if
//!   awake all along. A clock set back (or a time-zone change) takes no time off: it only moves
//!   the working-hours window, so no break comes early or twice; and setting it forward again
//!   only makes up the step back before it counts (the wall clock's lead over the monotonic
//!   clock is counted from its highest mark).

use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveTime, Weekday};

use crate::clock::Now;
use crate::history::BreakOutcome;

/// Reasons offered when skipping a break, by number (the app's Breaks screen and `knotless
/// remind` offer the same three).
pub const SKIP_REASONS: [&str; 3] = ["in a meeting", "in the middle of something", "in pain"];

/// Wall time the monotonic clock did not count, below this, is the two clocks being read a moment
/// apart, not a suspend or a clock set forward.
pub const UNCOUNTED_MIN: Duration = Duration::from_secs(2);

/// How far back a suspend is searched for working hours that began during it.
const MAX_DAYS_BACK: u64 = 8;

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
    /// The last look at the clocks.
    seen: Now,
    /// The first look at the clocks, from which both clocks' advance is measured.
    origin: Now,
    /// How far the wall clock has got ahead of the monotonic clock since `origin`, at most:
    /// wall time beyond it is time the timers have not counted yet. A clock set back lowers
    /// the lead without lowering this mark, so setting it forward again counts nothing twice.
    ahead: chrono::Duration,
}

impl Scheduler {
    /// Timers for `plans`, starting at `now`.
    pub fn new(plans: Vec<BreakPlan>, now: &Now) -> Scheduler {
        let next = plans
            .iter()
            .map(|p| p.in_hours(now).then(|| now.instant + p.every))
            .collect();
        Scheduler {
            plans,
            next,
            seen: *now,
            origin: *now,
            ahead: chrono::Duration::zero(),
        }
    }

    /// The plans.
    pub fn plans(&self) -> &[BreakPlan] {
        &self.plans
    }

    /// Brings the timers up to `now`: time the monotonic clock did not count since the last look
    /// (a suspend) is taken off each countdown (see the module docs); off hours they wait; on
    /// entering hours they start. Returns the time caught up on, so that a caller's own
    /// monotonic moments (a question asked) can move with it.
    pub fn tick(&mut self, now: &Now) -> Duration {
        let missed = self.catch_up(now);
        for (plan, next) in self.plans.iter().zip(&mut self.next) {
            match (plan.in_hours(now), *next) {
                (false, _) => *next = None,
                (true, None) => *next = Some(now.instant + plan.every),
                (true, Some(_)) => {}
            }
        }
        missed
    }

    /// Takes wall time the monotonic clock did not count since the last look off every
    /// countdown; a plan whose working hours began during that time counts from their start.
    fn catch_up(&mut self, now: &Now) -> Duration {
        if now.instant < self.seen.instant {
            return Duration::ZERO;
        }
        let seen = std::mem::replace(&mut self.seen, *now);
        let counted = chrono::Duration::from_std(now.instant - self.origin.instant)
            .unwrap_or(chrono::Duration::MAX);
        let ahead = (now.wall - self.origin.wall)
            .checked_sub(&counted)
            .unwrap_or(chrono::Duration::MIN);
        let missed = ahead
            .checked_sub(&self.ahead)
            .and_then(|d| d.to_std().ok())
            .unwrap_or(Duration::ZERO);
        self.ahead = self.ahead.max(ahead);
        if missed < UNCOUNTED_MIN {
            return Duration::ZERO;
        }
        for (plan, next) in self.plans.iter().zip(&mut self.next) {
            let Some(at) = next else { continue };
            *at = match hours_began(plan, &seen, now) {
                Some(start) => {
                    let since = (now.wall - start).to_std().unwrap_or(Duration::ZERO);
                    now.instant
                        .checked_sub(since)
                        .map_or(now.instant, |start| start + plan.every)
                }
                None => at.checked_sub(missed).unwrap_or(now.instant),
            };
        }
        missed
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
        self.catch_up(now);
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
        self.catch_up(now);
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

/// The latest moment in `(seen, now]` at which `plan`'s working hours began (the wall clock
/// entering them), if they did, within [`MAX_DAYS_BACK`] days.
fn hours_began(
    plan: &BreakPlan,
    seen: &Now,
    now: &Now,
) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let offset = *now.wall.offset();
    let a_moment = chrono::Duration::seconds(1);
    (0..=MAX_DAYS_BACK)
        .map(|d| now.wall.date_naive() - chrono::Days::new(d))
        .take_while(|day| *day >= seen.wall.date_naive())
        .flat_map(|day| [day.and_time(plan.from), day.and_time(NaiveTime::MIN)])
        .filter_map(|t| t.and_local_timezone(offset).single())
        .filter(|t| seen.wall < *t && *t <= now.wall)
        .filter(|t| {
            plan.in_hours(&Now { wall: *t, ..*now })
                && !plan.in_hours(&Now {
                    wall: *t - a_moment,
                    ..*now
                })
        })
        .max()
}

#[cfg(test)]
mod tests;
