//! The one moment the app works with: a monotonic instant for timers and the local wall time for
//! records, read together at the event loop or command entry and passed down.

use std::time::Instant;

use chrono::{DateTime, FixedOffset};

/// "Now", read once at the top and handed to everything below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// For timers: never jumps.
    pub instant: Instant,
    /// For records and calendars: local time with its offset.
    pub wall: DateTime<FixedOffset>,
}

impl Now {
    /// The wall time `later` is after this moment, by the monotonic clock (so a wall-clock jump
    /// during a session does not distort its recorded end).
    pub fn wall_at(&self, later: Instant) -> DateTime<FixedOffset> {
        let delta = later.saturating_duration_since(self.instant);
        self.wall + chrono::Duration::from_std(delta).unwrap_or_default()
    }
}

/// The environment variable that moves "today" for tests and demonstrations: `YYYY-MM-DD`.
/// Read only where the clock is read (the event loop and the command entry points).
pub const TODAY_ENV: &str = "KNOTLESS_TODAY";

/// The local wall time now — on the day `KNOTLESS_TODAY` names, at the current time of day, when
/// it is set to a valid date (so a test can follow a programme over several days).
pub fn wall_now() -> DateTime<FixedOffset> {
    static TODAY: std::sync::OnceLock<Option<chrono::NaiveDate>> = std::sync::OnceLock::new();
    let now = chrono::Local::now().fixed_offset();
    let today = TODAY.get_or_init(|| {
        std::env::var(TODAY_ENV)
            .ok()
            .and_then(|d| d.trim().parse::<chrono::NaiveDate>().ok())
    });
    today
        .and_then(|day| {
            day.and_time(now.time())
                .and_local_timezone(*now.offset())
                .single()
        })
        .unwrap_or(now)
}
