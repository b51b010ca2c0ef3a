//! Pain across days (`pain_on_days`): pain of at least so much on so many different days, no
//! further apart than a span — severe pain that is not one bad moment.

use std::collections::BTreeSet;

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
            .filter(|&i| entries[i].pain >= need.at_least)
            .collect();
        for (k, &last) in painful.iter().enumerate() {
            let until = moment.effective(entries[last].at);
            let run: Vec<usize> = painful[..=k]
                .iter()
                .copied()
                .filter(|&i| until - moment.effective(entries[i].at) <= need.span)
                .collect();
            let dates: BTreeSet<_> = run.iter().map(|&i| entries[i].at.date_naive()).collect();
            if dates.len() >= need.days as usize {
                for i in run {
                    counted[i] = true;
                }
            }
        }
    }
    entries
        .iter()
        .zip(counted)
        .filter_map(|(e, counted)| counted.then_some(*e))
        .collect()
}
