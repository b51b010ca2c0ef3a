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
