//! Small helpers the report's sections share: rounding to one decimal, the Monday of a week, a
//! routine's name, and the vocabulary's labels for ids.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};

use super::Labels;
use crate::vocabulary::{Category, IdSet, Vocabulary};

pub(super) fn r1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The label of a known id, looked up once per id rather than per entry (the vocabulary's own
/// lookup builds a list each time, which ten years of entries would feel).
pub(super) fn label(category: Category, id: &str) -> &'static str {
    use std::sync::OnceLock;
    static LABELS: OnceLock<HashMap<(u8, &'static str), &'static str>> = OnceLock::new();
    const CATEGORIES: [Category; 5] = [
        Category::Area,
        Category::Symptom,
        Category::Trigger,
        Category::Relief,
        Category::Condition,
    ];
    let key = |c: Category| CATEGORIES.iter().position(|k| *k == c).unwrap_or(0) as u8;
    let labels = LABELS.get_or_init(|| {
        let v = Vocabulary::bundled();
        let mut map = HashMap::new();
        for c in CATEGORIES {
            for id in crate::vocabulary::id_set::known(c) {
                map.insert((key(c), *id), v.label(c, id));
            }
        }
        map
    });
    labels.get(&(key(category), id)).copied().unwrap_or("")
}

pub(super) fn labels<K: crate::vocabulary::id_set::IdKind>(
    set: IdSet<K>,
    category: Category,
) -> Vec<String> {
    label_list(set, category)
        .iter()
        .map(str::to_owned)
        .collect()
}

/// The labels of `set`'s ids in vocabulary order, found by each id's position rather than by
/// its name, and kept as the set: no allocation.
pub(super) fn label_list<K: crate::vocabulary::id_set::IdKind>(
    set: IdSet<K>,
    category: Category,
) -> Labels {
    use std::sync::OnceLock;
    // In declaration order, so that `category as usize` picks its list.
    const CATEGORIES: [Category; 5] = [
        Category::Area,
        Category::Symptom,
        Category::Trigger,
        Category::Relief,
        Category::Condition,
    ];
    static BY_INDEX: OnceLock<[Vec<&'static str>; 5]> = OnceLock::new();
    let by_index = BY_INDEX.get_or_init(|| {
        CATEGORIES.map(|c| {
            let ids = crate::vocabulary::id_set::known(c);
            ids.iter().map(|id| label(c, id)).collect()
        })
    });
    let labels = by_index
        .get(category as usize)
        .map_or(&[][..], Vec::as_slice);
    Labels::new(labels, set.indices())
}

pub(super) fn monday(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

pub(super) fn name_of(names: &HashMap<String, String>, id: &str) -> String {
    names.get(id).cloned().unwrap_or_else(|| id.to_owned())
}
