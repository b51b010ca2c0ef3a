//! Human durations as they appear in routine and config files: `45s`, `2m`, `1m30s`, `1h`.
//!
//! Parsing is strict (units in descending order, each at most once, no zero total) so a typo is an
//! error rather than a surprise; formatting is the inverse, so a parsed value prints back the same.

use std::fmt;
use std::time::Duration;

/// Why a duration string was rejected; the message names the accepted form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DurationError {
    /// Empty or malformed text.
    #[error("`{0}` is not a duration; write it like \"45s\", \"2m\", \"1m30s\" or \"1h\"")]
    Malformed(String),
    /// The duration adds up to zero.
    #[error("a duration must be longer than zero (got `{0}`)")]
    Zero(String),
}

/// Parses `1h`, `2m`, `45s`, `1m30s`, `1h5m` (hours, minutes, seconds, in that order).
pub fn parse(text: &str) -> Result<Duration, DurationError> {
    let malformed = || DurationError::Malformed(text.to_owned());
    let mut rest = text.trim();
    if rest.is_empty() {
        return Err(malformed());
    }
    let mut total: u64 = 0;
    let mut last_rank = 0; // h = 3, m = 2, s = 1: each unit must be smaller than the one before
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 9 {
            return Err(malformed());
        }
        let value: u64 = rest[..digits].parse().map_err(|_| malformed())?;
        let (rank, scale) = match rest[digits..].chars().next() {
            Some('h') => (3, 3600),
            Some('m') => (2, 60),
            Some('s') => (1, 1),
            _ => return Err(malformed()),
        };
        if last_rank != 0 && rank >= last_rank {
            return Err(malformed());
        }
        last_rank = rank;
        total += value * scale;
        rest = &rest[digits + 1..];
    }
    if total == 0 {
        return Err(DurationError::Zero(text.to_owned()));
    }
    Ok(Duration::from_secs(total))
}

/// A duration printed in the file format (`1m30s`), the inverse of [`parse`] for whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Compact(pub Duration);

impl fmt::Display for Compact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.0.as_secs();
        if secs == 0 {
            return f.write_str("0s");
        }
        let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
        if h > 0 {
            write!(f, "{h}h")?;
        }
        if m > 0 {
            write!(f, "{m}m")?;
        }
        if s > 0 {
            write!(f, "{s}s")?;
        }
        Ok(())
    }
}

/// A duration as a clock, `M:SS` or `H:MM:SS`, for countdowns and totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock(pub Duration);

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.0.as_secs();
        let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
        if h > 0 {
            write!(f, "{h}:{m:02}:{s:02}")
        } else {
            write!(f, "{m}:{s:02}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_each_unit_and_combinations() {
        assert_eq!(parse("45s"), Ok(Duration::from_secs(45)));
        assert_eq!(parse("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse("1m30s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse("1h5m10s"), Ok(Duration::from_secs(3910)));
        assert_eq!(parse(" 90s "), Ok(Duration::from_secs(90)));
    }

    #[test]
    fn rejects_zero_and_malformed() {
        assert_eq!(parse("0s"), Err(DurationError::Zero("0s".into())));
        assert_eq!(parse("0m0s"), Err(DurationError::Zero("0m0s".into())));
        for bad in [
            "", "30", "s", "-5s", "1.5m", "30s1m", "1m1m", "5 m", "3d", "1m 30s", "10sec",
        ] {
            assert!(
                matches!(parse(bad), Err(DurationError::Malformed(_))),
                "{bad:?} should be malformed"
            );
        }
    }

    #[test]
    fn clock_format() {
        assert_eq!(Clock(Duration::from_secs(5)).to_string(), "0:05");
        assert_eq!(Clock(Duration::from_secs(754)).to_string(), "12:34");
        assert_eq!(Clock(Duration::from_secs(3725)).to_string(), "1:02:05");
    }

    proptest! {
        #[test]
        fn compact_round_trips(secs in 1u64..400_000) {
            let d = Duration::from_secs(secs);
            prop_assert_eq!(parse(&Compact(d).to_string()), Ok(d));
        }
    }
}
