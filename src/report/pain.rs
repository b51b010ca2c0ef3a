//! The pain sections: pain over the period (per week and per day), and the "how often, how
//! bad" rows for areas, triggers, reliefs and the time of day.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Timelike};

use super::common::{label, monday, r1};
use super::{CountOut, DayPainOut, PainOut, WeekPain};
use crate::symptoms::SymptomEntry;
use crate::vocabulary::Category;
use crate::vocabulary::id_set::{IdKind, IdSet};

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

/// How many entries name each id of `category` (`ids` picks the entry's set) and their average
/// pain, most often first. Counted by the ids' positions in the vocabulary, not by name.
pub(super) fn counts<K: IdKind>(
    entries: &[SymptomEntry],
    ids: impl Fn(&SymptomEntry) -> IdSet<K>,
    category: Category,
) -> Vec<CountOut> {
    let mut by_index = [(0usize, 0u32); 64];
    for e in entries {
        for i in ids(e).indices() {
            let slot = &mut by_index[i];
            slot.0 += 1;
            slot.1 += u32::from(e.pain);
        }
    }
    let known = crate::vocabulary::id_set::known(category);
    let mut out: Vec<CountOut> = (known.iter().zip(by_index))
        .filter(|(_, (n, _))| *n > 0)
        .map(|(id, (n, sum))| CountOut {
            id: (*id).to_owned(),
            label: label(category, id).to_owned(),
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
