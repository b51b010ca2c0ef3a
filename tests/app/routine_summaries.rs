//! Every bundled routine's `summary` tells the truth about its length (issue 17, item 13): any
//! length it states — "Ten gentle minutes", "a 50-second reset", "under two minutes" — matches
//! the planned time `knotless routines` shows (prepare, rests and side switches included).
//!
//! The tolerance, decided here and in the README: a length in minutes must be within 30 seconds
//! of the planned time (the planned time rounded to the nearest minute, a time on the half minute
//! rounding either way); a length in seconds within 5 seconds. "Under N" means the planned time
//! is at most N and more than a minute (in seconds: ten seconds) below it. A duration after
//! "every" or "each" is how often, and one before "hold", "holds" or "rest" is a part of a step:
//! neither is the routine's length.

use std::time::Duration;

use knotless::routine::{Library, Origin};

/// A length stated in a summary.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Stated {
    /// In seconds.
    seconds: f64,
    /// Stated in seconds (a tighter tolerance) rather than minutes or hours.
    in_seconds: bool,
    /// "under N": the planned time must be at most N.
    under: bool,
}

fn number(word: &str) -> Option<f64> {
    if let Ok(n) = word.parse::<f64>() {
        return Some(n);
    }
    let words = [
        ("a", 1.0),
        ("an", 1.0),
        ("one", 1.0),
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
        ("eleven", 11.0),
        ("twelve", 12.0),
        ("fifteen", 15.0),
        ("twenty", 20.0),
        ("thirty", 30.0),
        ("forty", 40.0),
        ("forty-five", 45.0),
        ("fifty", 50.0),
        ("sixty", 60.0),
        ("ninety", 90.0),
        ("half", 0.5),
    ];
    words.iter().find(|(w, _)| *w == word).map(|(_, n)| *n)
}

fn unit(word: &str) -> Option<(f64, bool)> {
    match word {
        "second" | "seconds" | "sec" | "secs" | "s" => Some((1.0, true)),
        "minute" | "minutes" | "min" | "mins" => Some((60.0, false)),
        "hour" | "hours" => Some((3600.0, false)),
        _ => None,
    }
}

/// The lengths `summary` states, leaving out how often ("every five minutes") and the parts of a
/// step ("8-second holds").
fn stated_lengths(summary: &str) -> Vec<Stated> {
    let lower = summary.to_lowercase();
    // "5-minute" and "50-second" are a number and a unit; punctuation ends nothing else.
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-' || ",.:;()!?\"".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let Some(n) = number(w) else { continue };
        // The unit right after the number, or after one word between ("ten gentle minutes");
        // "a" and "an" count only right before the unit ("a minute").
        let reach = if matches!(*w, "a" | "an") { 1 } else { 2 };
        let Some((j, (per, in_seconds))) =
            (i + 1..=(i + reach).min(words.len() - 1)).find_map(|j| unit(words[j]).map(|u| (j, u)))
        else {
            continue;
        };
        if j > i + 1 && number(words[i + 1]).is_some() {
            continue; // "5, 3 and 1 minutes" is not this number's unit
        }
        let before = i.checked_sub(1).map(|k| words[k]);
        let after = words.get(j + 1).copied();
        if matches!(before, Some("every" | "each" | "per"))
            || matches!(
                after,
                Some("hold" | "holds" | "rest" | "rests" | "each" | "apart")
            )
        {
            continue;
        }
        let under = matches!(before, Some("under"))
            || (matches!(before, Some("than")) && i >= 2 && words[i - 2] == "less");
        out.push(Stated {
            seconds: n * per,
            in_seconds,
            under,
        });
    }
    out
}

/// Why `stated` is not true of a routine planned to take `planned`, if it is not.
fn mismatch(stated: Stated, planned: Duration) -> Option<String> {
    let planned = planned.as_secs_f64();
    let (slack, below) = if stated.in_seconds {
        (5.0, 10.0)
    } else {
        (30.0, 60.0)
    };
    let ok = if stated.under {
        planned <= stated.seconds && stated.seconds - planned < below
    } else {
        (planned - stated.seconds).abs() <= slack
    };
    (!ok).then(|| {
        format!(
            "states {}{} s; planned {planned} s",
            if stated.under { "under " } else { "" },
            stated.seconds
        )
    })
}

#[test]
fn the_summary_reader_finds_lengths_and_leaves_out_intervals_and_holds() {
    let secs = |s: &str| -> Vec<f64> { stated_lengths(s).iter().map(|l| l.seconds).collect() };
    assert_eq!(secs("Ten gentle minutes on the floor."), [600.0]);
    assert_eq!(secs("A 50-second reset, every half hour."), [50.0]);
    assert_eq!(secs("A 5-minute routine."), [300.0]);
    assert_eq!(
        secs("Warmth with a skin check every five minutes."),
        Vec::<f64>::new()
    );
    assert_eq!(
        secs("8-second holds in sets of 5, then 3, then 1."),
        Vec::<f64>::new()
    );
    assert_eq!(secs("A ball on the side of the hip."), Vec::<f64>::new());
    assert_eq!(
        secs("From the two-foot bridge to one-leg bridges."),
        Vec::<f64>::new()
    );
    let under = stated_lengths("Under two minutes every half hour.");
    assert_eq!(under.len(), 1);
    assert!(under[0].under && under[0].seconds == 120.0);
}

#[test]
fn the_tolerance_is_half_a_minute_for_minutes_and_five_seconds_for_seconds() {
    let minutes = |n: f64| Stated {
        seconds: n * 60.0,
        in_seconds: false,
        under: false,
    };
    let s = Duration::from_secs;
    // Ten minutes: 10:30 is still ten (a time on the half minute rounds either way), 10:31 not.
    assert_eq!(mismatch(minutes(10.0), s(630)), None);
    assert!(mismatch(minutes(10.0), s(631)).is_some());
    assert_eq!(mismatch(minutes(10.0), s(570)), None);
    assert!(mismatch(minutes(10.0), s(569)).is_some());
    let seconds = Stated {
        seconds: 90.0,
        in_seconds: true,
        under: false,
    };
    assert_eq!(mismatch(seconds, s(95)), None);
    assert!(
        mismatch(seconds, s(97)).is_some(),
        "ninety seconds is not 1:37"
    );
    let under = Stated {
        under: true,
        ..minutes(2.0)
    };
    assert_eq!(mismatch(under, s(97)), None);
    assert!(mismatch(under, s(121)).is_some(), "over");
    assert!(mismatch(under, s(55)).is_some(), "more than a minute under");
}

#[test]
fn every_bundled_summary_states_the_length_the_routine_takes() {
    let library = Library::load(&[]);
    let bundled: Vec<_> = library
        .routines
        .iter()
        .filter(|r| r.origin == Origin::Bundled)
        .collect();
    assert!(bundled.len() >= 20, "{} bundled routines", bundled.len());
    let mut wrong = Vec::new();
    let mut checked = 0;
    for r in &bundled {
        for stated in stated_lengths(&r.summary) {
            checked += 1;
            if let Some(why) = mismatch(stated, r.total()) {
                wrong.push(format!("{}: {why}: {:?}", r.id, r.summary));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "summaries that misstate the length:\n{}",
        wrong.join("\n")
    );
    assert!(
        checked >= 10,
        "only {checked} lengths found: is the reader still finding them?"
    );
}
