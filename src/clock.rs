//! The one moment the app works with: a monotonic instant for timers and the local wall time for
//! records, read together at the event loop or command entry and passed down.

pub mod timer;

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

/// The environment variable that moves "today" for tests and demonstrations: `YYYY-MM-DD`, or
/// `YYYY-MM-DDTHH:MM:SS` to start the clock at that local moment (it then runs on from there,
/// so a test can watch midnight pass). Read only where the clock is read (the event loop and the
/// command entry points).
pub const TODAY_ENV: &str = "KNOTLESS_TODAY";

/// What `KNOTLESS_TODAY` asks for.
#[derive(Debug, Clone, Copy)]
enum Moved {
    /// Today is this day, at the real time of day.
    Day(chrono::NaiveDate),
    /// The clock started at this moment when the variable was first read.
    From(chrono::NaiveDateTime, Instant),
}

/// The local wall time now — on the day `KNOTLESS_TODAY` names, at the current time of day, when
/// it is set to a valid date; from the moment it names, when it names one.
pub fn wall_now() -> DateTime<FixedOffset> {
    static MOVED: std::sync::OnceLock<Option<Moved>> = std::sync::OnceLock::new();
    let now = chrono::Local::now().fixed_offset();
    let moved = MOVED.get_or_init(|| {
        let text = std::env::var(TODAY_ENV).ok()?;
        let text = text.trim();
        if let Ok(at) = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S") {
            return Some(Moved::From(at, Instant::now()));
        }
        text.parse::<chrono::NaiveDate>().ok().map(Moved::Day)
    });
    let naive = match *moved {
        None => return now,
        Some(Moved::Day(day)) => day.and_time(now.time()),
        Some(Moved::From(at, started)) => {
            at + chrono::Duration::from_std(started.elapsed()).unwrap_or_default()
        }
    };
    naive
        .and_local_timezone(*now.offset())
        .single()
        .unwrap_or(now)
}
