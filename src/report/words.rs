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

/// "Tue 24 Nov 2026 09:30 +01:00": a time as a person reads it, with its zone.
pub fn when(at: DateTime<FixedOffset>) -> String {
    let mut out = String::with_capacity(26);
    write_when(&mut out, at);
    out
}

/// [`when`], written at the end of `out`: by hand rather than through chrono's format strings
/// or `format!`, as the appendix has one per entry and per session.
pub(super) fn write_when(out: &mut String, at: DateTime<FixedOffset>) {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let local = at.naive_local();
    out.push_str(DAYS[local.weekday().num_days_from_monday() as usize]);
    out.push(' ');
    write_number(out, local.day().into());
    out.push(' ');
    out.push_str(MONTHS[local.month0() as usize]);
    out.push(' ');
    if local.year() < 0 {
        out.push('-');
    }
    write_number(out, local.year().unsigned_abs().into());
    out.push(' ');
    two_digits(out, local.hour());
    out.push(':');
    two_digits(out, local.minute());
    out.push(' ');
    let offset = at.offset().local_minus_utc();
    out.push(if offset < 0 { '-' } else { '+' });
    let offset = offset.unsigned_abs() / 60;
    two_digits(out, offset / 60);
    out.push(':');
    two_digits(out, offset % 60);
}

/// `n` as `{:02}` writes it.
fn two_digits(out: &mut String, n: u32) {
    if n < 10 {
        out.push('0');
    }
    write_number(out, n.into());
}

/// `n` in decimal, as `{}` writes it, at the end of `out`.
pub(super) fn write_number(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // ASCII digits: always a str.
    out.push_str(std::str::from_utf8(&digits[i..]).unwrap_or_default());
}

/// " (written 1 Dec)" for an entry for `at` written more than a day later, with ", edited 3
/// Dec" when an edit more than a day after `at` changed what the rules read; the year is named
/// when it is not the year of `at`. Empty for an entry written and edited in time.
pub(super) fn late_note(
    at: DateTime<FixedOffset>,
    written: Option<DateTime<FixedOffset>>,
    edited: Option<DateTime<FixedOffset>>,
) -> String {
    let late =
        |t: &DateTime<FixedOffset>| *t - at > chrono::Duration::hours(super::gather::LATE_HOURS);
    let date = |t: DateTime<FixedOffset>| {
        let t = t.with_timezone(at.offset());
        if t.year() == at.year() {
            t.format("%-d %b").to_string()
        } else {
            t.format("%-d %b %Y").to_string()
        }
    };
    let parts: Vec<String> = [("written", written), ("edited", edited)]
        .into_iter()
        .filter_map(|(what, t)| t.filter(late).map(|t| format!("{what} {}", date(t))))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

/// "Tue 24 Nov 2026".
pub fn day(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// A mean with one decimal, or "–".
pub fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_owned(), |x| format!("{x:.1}"))
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;

    #[test]
    fn when_reads_as_chrono_writes_it_in_every_zone() {
        for offset in [
            -12 * 3600,
            -5 * 3600 - 1800,
            0,
            3600,
            5 * 3600 + 2700,
            14 * 3600,
        ] {
            let zone = FixedOffset::east_opt(offset).unwrap();
            let mut at = zone.with_ymd_and_hms(1999, 12, 31, 23, 59, 0).unwrap();
            for _ in 0..400 {
                let want = at.format("%a %-d %b %Y %H:%M %:z").to_string();
                assert_eq!(when(at), want);
                at += Duration::minutes(7 * 24 * 60 + 61);
            }
        }
    }

    #[test]
    fn numbers_read_as_display_writes_them() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, u64::from(u32::MAX), u64::MAX] {
            let mut out = String::from("x");
            write_number(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }
}
