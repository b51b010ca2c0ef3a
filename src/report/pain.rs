//! The pain sections: pain over the period (per week and per day), and the "how often, how
//! bad" rows for areas, triggers, reliefs and the time of day.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, Timelike};

use super::common::{monday, r1};
use super::{CountOut, DayPainOut, PainOut, WeekPain};
use crate::symptoms::SymptomEntry;

/// Time-of-day parts: id, label, hours [from, to).
pub const TIMES_OF_DAY: [(&str, &str); 4] = [
    ("morning", "Morning 5–12"),
    ("afternoon", "Afternoon 12–17"),
    ("evening", "Evening 17–22"),
    ("night", "Night 22–5"),
];

fn time_of_day(hour: u32) -> usize {
    match hour {
        5..=11 => 0,
        12..=16 => 1,
        17..=21 => 2,
        _ => 3,
    }
}

pub(super) fn pain(entries: &[SymptomEntry]) -> PainOut {
    let mut days: BTreeMap<NaiveDate, (usize, u32, u8)> = BTreeMap::new();
    let mut weeks: BTreeMap<NaiveDate, (usize, u32, u8)> = BTreeMap::new();
    for e in entries {
        let day = e.at.date_naive();
        for (map, key) in [(&mut days, day), (&mut weeks, monday(day))] {
            let slot = map.entry(key).or_default();
            slot.0 += 1;
            slot.1 += u32::from(e.pain);
            slot.2 = slot.2.max(e.pain);
        }
    }
    let total: u64 = entries.iter().map(|e| u64::from(e.pain)).sum();
    let mean = |n: usize, sum: u32| r1(f64::from(sum) / n as f64);
    PainOut {
        entries: entries.len(),
        days_logged: days.len(),
        mean: (!entries.is_empty()).then(|| r1(total as f64 / entries.len() as f64)),
        worst: entries.iter().map(|e| e.pain).max(),
        weeks: weeks
            .into_iter()
            .map(|(week, (n, sum, worst))| WeekPain {
                week,
                entries: n,
                mean: mean(n, sum),
                worst,
            })
            .collect(),
        days: days
            .into_iter()
            .map(|(date, (n, sum, worst))| DayPainOut {
                date,
                entries: n,
                mean: mean(n, sum),
                worst,
            })
            .collect(),
    }
}

pub(super) fn counts<I: IntoIterator<Item = &'static str>>(
    entries: &[SymptomEntry],
    ids: impl Fn(&SymptomEntry) -> I,
    label: impl Fn(&str) -> String,
) -> Vec<CountOut> {
    let mut by_id: HashMap<&'static str, (usize, u32)> = HashMap::new();
    for e in entries {
        for id in ids(e) {
            let slot = by_id.entry(id).or_default();
            slot.0 += 1;
            slot.1 += u32::from(e.pain);
        }
    }
    let mut out: Vec<CountOut> = by_id
        .into_iter()
        .map(|(id, (n, sum))| CountOut {
            id: id.to_owned(),
            label: label(id),
            entries: n,
            mean_pain: Some(r1(f64::from(sum) / n as f64)),
        })
        .collect();
    out.sort_by(|a, b| b.entries.cmp(&a.entries).then_with(|| a.id.cmp(&b.id)));
    out
}

pub(super) fn by_time_of_day(entries: &[SymptomEntry]) -> Vec<CountOut> {
    let mut slots = [(0usize, 0u32); 4];
    for e in entries {
        let slot = &mut slots[time_of_day(e.at.hour())];
        slot.0 += 1;
        slot.1 += u32::from(e.pain);
    }
    TIMES_OF_DAY
        .iter()
        .zip(slots)
        .map(|((id, label), (n, sum))| CountOut {
            id: (*id).to_owned(),
            label: (*label).to_owned(),
            entries: n,
            mean_pain: (n > 0).then(|| r1(f64::from(sum) / n as f64)),
        })
        .collect()
}
