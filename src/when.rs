//! Times and dates as people type them on the command line (DESIGN §3): RFC 3339
//! (`2026-11-20T08:30:00+01:00`), local `2026-11-20 08:30`, or a local date `2026-11-20`.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

/// The accepted forms, for error messages.
pub const ACCEPTED: &str =
    "RFC 3339 (2026-11-20T08:30:00+01:00), local \"2026-11-20 08:30\" or a date 2026-11-20";

/// Why a time was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WhenError {
    /// Not one of the accepted forms.
    #[error("`{0}` is not a time; use {ACCEPTED}")]
    Malformed(String),
    /// A local time that does not exist (skipped by a daylight-saving change).
    #[error("`{0}` does not exist in your time zone (the clocks skipped it)")]
    Skipped(String),
}

/// A parsed `WHEN`: an exact moment, or a whole local day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A moment.
    At(DateTime<FixedOffset>),
    /// A calendar day (local).
    Day(NaiveDate),
}

impl When {
    /// Parses any accepted form.
    pub fn parse(text: &str) -> Result<When, WhenError> {
        let text = text.trim();
        if let Ok(at) = DateTime::parse_from_rfc3339(text) {
            return Ok(When::At(at));
        }
        for format in [
            "%Y-%m-%d %H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%dT%H:%M:%S",
        ] {
            if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
                return local(naive, text).map(When::At);
            }
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(When::Day)
            .map_err(|_| WhenError::Malformed(text.to_owned()))
    }

    /// The first moment it covers (a day starts at local midnight).
    pub fn start(self) -> Result<DateTime<FixedOffset>, WhenError> {
        match self {
            When::At(at) => Ok(at),
            When::Day(day) => local_day_start(day),
        }
    }

    /// The moment just after it (a day ends at the next local midnight), for inclusive `--until`.
    pub fn end(self) -> Result<DateTime<FixedOffset>, WhenError> {
        match self {
            When::At(at) => Ok(at),
            When::Day(day) => local_day_start(day.succ_opt().unwrap_or(day)),
        }
    }
}

impl std::fmt::Display for When {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            When::At(at) => write!(f, "{}", at.to_rfc3339()),
            When::Day(day) => write!(f, "{day}"),
        }
    }
}

/// Refuses a `--since` after an `--until`: nothing could match, so it is a mistake (two dates
/// swapped), not an empty answer. A day as `--until` reaches to its end, so the same day as both
/// is one day. The message names both flags and what each was given.
pub fn check_range(since: Option<When>, until: Option<When>) -> Result<(), String> {
    let (Some(s), Some(u)) = (since, until) else {
        return Ok(());
    };
    let start = s.start().map_err(|e| format!("--since: {e}"))?;
    let end = u.end().map_err(|e| format!("--until: {e}"))?;
    let empty = match u {
        When::At(_) => start > end,
        When::Day(_) => start >= end,
    };
    if empty {
        return Err(format!(
            "--since {s} is after --until {u}: nothing could match; give --since on or before \
             --until"
        ));
    }
    Ok(())
}

fn local(naive: NaiveDateTime, text: &str) -> Result<DateTime<FixedOffset>, WhenError> {
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.fixed_offset())
        .ok_or_else(|| WhenError::Skipped(text.to_owned()))
}

fn local_day_start(day: NaiveDate) -> Result<DateTime<FixedOffset>, WhenError> {
    // Midnight can be skipped by a DST change in a few zones; the day then starts an hour later.
    let midnight = day.and_time(NaiveTime::MIN);
    local(midnight, &day.to_string())
        .or_else(|_| local(midnight + chrono::Duration::hours(1), &day.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_since_after_the_until_is_refused_and_one_day_as_both_is_that_day() {
        let w = |t: &str| Some(When::parse(t).unwrap());
        assert!(check_range(w("2026-11-20"), w("2026-11-20")).is_ok());
        assert!(check_range(w("2026-11-20 09:00"), w("2026-11-20 09:00")).is_ok());
        assert!(check_range(w("2026-11-20"), None).is_ok());
        let e = check_range(w("2026-11-21"), w("2026-11-20")).unwrap_err();
        assert_eq!(
            e,
            "--since 2026-11-21 is after --until 2026-11-20: nothing could match; give --since \
             on or before --until"
        );
        assert!(check_range(w("2026-11-20 09:01"), w("2026-11-20 09:00")).is_err());
    }

    #[test]
    fn accepts_the_three_forms() {
        let at = When::parse("2026-11-20T08:30:00+01:00").unwrap();
        assert_eq!(
            at.start().unwrap().to_rfc3339(),
            "2026-11-20T08:30:00+01:00"
        );
        let local = When::parse("2026-11-20 08:30").unwrap().start().unwrap();
        assert_eq!(local.naive_local().to_string(), "2026-11-20 08:30:00");
        let day = When::parse("2026-11-20").unwrap();
        assert_eq!(
            day,
            When::Day(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
        );
        assert_eq!(
            day.start().unwrap().naive_local().to_string(),
            "2026-11-20 00:00:00"
        );
        assert_eq!(
            day.end().unwrap().naive_local().to_string(),
            "2026-11-21 00:00:00"
        );
    }

    #[test]
    fn rejects_other_forms_naming_the_accepted_ones() {
        for bad in [
            "yesterday",
            "20/11/2026",
            "2026-13-01",
            "2026-11-20 25:00",
            "",
        ] {
            let e = When::parse(bad).unwrap_err().to_string();
            assert!(e.contains("RFC 3339"), "{bad}: {e}");
        }
    }
}
