//! How the report writes a time, a day, a mean and a session's outcome: the small formatters
//! both writers use (and `knotless history` too).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};
use serde::Serialize;

/// The stored name of a session's outcome, whatever outcomes the history knows.
pub fn outcome_name<T: Serialize>(outcome: &T) -> String {
    match serde_json::to_value(outcome) {
        Ok(serde_json::Value::String(s)) => s,
        _ => "unknown".to_owned(),
    }
}

/// "Tue 24 Nov 2026 09:30 +01:00": a time as a person reads it, with its zone. Written by hand
/// rather than through chrono's format strings: the appendix has one per entry.
pub fn when(at: DateTime<FixedOffset>) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let offset = at.offset().local_minus_utc();
    let sign = if offset < 0 { '-' } else { '+' };
    let offset = offset.unsigned_abs() / 60;
    format!(
        "{} {} {} {} {:02}:{:02} {sign}{:02}:{:02}",
        DAYS[at.weekday().num_days_from_monday() as usize],
        at.day(),
        MONTHS[at.month0() as usize],
        at.year(),
        at.hour(),
        at.minute(),
        offset / 60,
        offset % 60
    )
}

/// "Tue 24 Nov 2026".
pub fn day(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// A mean with one decimal, or "–".
pub fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_owned(), |x| format!("{x:.1}"))
}
