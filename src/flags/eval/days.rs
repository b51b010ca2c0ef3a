//! Pain across days (`pain_on_days`): pain of at least so much on so many different days, no
//! further apart than a span — severe pain that is not one bad moment.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Moment;
use crate::flags::rules::PainDays;
use crate::symptoms::SymptomEntry;

/// Of `entries` (oldest first, each meeting the rule's other entry conditions), those that make
/// up a run meeting any of `any`: for some entry, it and the earlier entries no further than the
/// span before it, with pain of at least `at_least`, fall on at least `days` different dates
/// (each entry's own date). Empty when none is met.
pub(super) fn pain_on_days<'a>(
    entries: &[&'a SymptomEntry],
    any: &[PainDays],
    moment: &Moment,
) -> Vec<&'a SymptomEntry> {
    let mut counted = vec![false; entries.len()];
    for need in any {
        let painful: Vec<usize> = (0..entries.len())
            .filter(|&i| entries[i].reads().pain >= need.at_least)
            .collect();
        // A window over `painful` (in time order, so its start only moves on): the entries no
        // further than the span before its last one, and how many of them fall on each date.
        let mut dates: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        let (mut from, mut marked) = (0, 0);
        for (k, &last) in painful.iter().enumerate() {
            *dates.entry(entries[last].at.date_naive()).or_default() += 1;
            let until = moment.effective(entries[last].at);
            while until - moment.effective(entries[painful[from]].at) > need.span {
                let date = entries[painful[from]].at.date_naive();
                if let Some(n) = dates.get_mut(&date) {
                    *n -= 1;
                    if *n == 0 {
                        dates.remove(&date);
                    }
                }
                from += 1;
            }
            if dates.len() >= need.days as usize {
                for &i in &painful[from.max(marked)..=k] {
                    counted[i] = true;
                }
                marked = k + 1;
            }
        }
    }
    entries
        .iter()
        .zip(counted)
        .filter_map(|(e, counted)| counted.then_some(*e))
        .collect()
}
