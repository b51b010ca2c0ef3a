//! Flags that lapsed without being marked as checked (CLINICAL.md "At the edges"): an urgent or
//! soon flag goes when its evidence leaves its window (or its episode ends with no entry), but a
//! sign does not go away because logging stopped. So such flags are listed, "lapsed, not marked
//! as checked", for [`SHOWN_DAYS`] after they lapsed, and in any report whose period covers it.
//!
//! A flag lapsed at `t` when it was active (not acknowledged) as things stood at `t` and no
//! longer raised a moment later. Those moments are where evidence leaves a window: an entry's
//! time plus a rule's window, or plus the gap that ends an episode. Emergencies and rules that
//! never lapse ([`Rule::never_lapses`]) are not here: they stay raised. A flag raised again now
//! is shown as raised, not as lapsed; one acknowledged after its evidence was written is checked.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Duration, FixedOffset};

use super::eval::{EPISODE_GAP_DAYS, recorded};
use super::{Ack, Evaluator, Flag, Moment, Profile, Rule};
use crate::symptoms::SymptomEntry;

/// How long after lapsing a flag is listed.
pub const SHOWN_DAYS: i64 = 30;

/// The words for such a flag.
pub const WORDS: &str = "lapsed, not marked as checked";

/// A flag that lapsed unchecked.
#[derive(Debug, Clone, PartialEq)]
pub struct Lapsed {
    /// The flag as it stood just before it lapsed.
    pub flag: Flag,
    /// When it lapsed.
    pub at: DateTime<FixedOffset>,
}

/// The flags that lapsed in (`since`, `until`] without being marked as checked and are not
/// raised as of `until`, latest lapse of each rule, most severe first then newest. `until` is
/// now for `knotless flags` (with `since` [`SHOWN_DAYS`] before), or the end of a report's
/// period.
pub fn lapsed(
    entries: &[SymptomEntry],
    profile: &Profile,
    rules: &[Rule],
    acks: &[Ack],
    since: DateTime<FixedOffset>,
    until: DateTime<FixedOffset>,
) -> Vec<Lapsed> {
    let lapsing: Vec<Rule> = rules
        .iter()
        .filter(|r| !r.never_lapses())
        .cloned()
        .collect();
    if lapsing.is_empty() || since >= until {
        return Vec::new();
    }
    let evaluator = Evaluator::new(entries, profile, &lapsing, acks);
    let raised = |at: DateTime<FixedOffset>| {
        let flags = evaluator.at(Moment::as_of(at));
        flags
            .active
            .iter()
            .chain(&flags.acknowledged)
            .map(|f| f.rule.id.clone())
            .collect::<Vec<_>>()
    };
    let now_raised = raised(until);
    let mut spans: BTreeSet<Duration> = lapsing.iter().map(|r| r.within).collect();
    spans.insert(Duration::days(EPISODE_GAP_DAYS));
    let longest = spans.iter().max().copied().unwrap_or_default();
    let step = Duration::seconds(1);
    // The last moments some evidence still counted, in the span asked about.
    let moments: BTreeSet<DateTime<FixedOffset>> = entries
        .iter()
        .filter(|e| e.at + longest >= since - step && e.at <= until)
        .flat_map(|e| spans.iter().map(move |span| e.at + *span))
        .filter(|t| *t + step > since && *t + step <= until)
        .collect();
    let by_id: HashMap<&str, &SymptomEntry> = entries.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut found: HashMap<String, Lapsed> = HashMap::new();
    for t in moments {
        let before = evaluator.at(Moment::as_of(t));
        if before.active.is_empty() {
            continue;
        }
        let after = raised(t + step);
        for flag in &before.active {
            let id = &flag.rule.id;
            if after.contains(id) || now_raised.contains(id) {
                continue;
            }
            let checked = super::acks::in_force(acks, id, until).is_some_and(|ack| {
                flag.evidence.iter().all(|ev| {
                    by_id
                        .get(ev.id.as_str())
                        .is_none_or(|e| recorded(e) <= ack.at)
                })
            });
            if checked {
                continue;
            }
            let lapse = Lapsed {
                flag: flag.clone(),
                at: t + step,
            };
            match found.get(id) {
                Some(seen) if seen.at >= lapse.at => {}
                _ => {
                    found.insert(id.clone(), lapse);
                }
            }
        }
    }
    let mut out: Vec<Lapsed> = found.into_values().collect();
    out.sort_by(|a, b| {
        b.flag
            .rule
            .level
            .cmp(&a.flag.rule.level)
            .then_with(|| b.at.cmp(&a.at))
            .then_with(|| a.flag.rule.id.cmp(&b.flag.rule.id))
    });
    out
}

/// [`lapsed`] as `knotless flags` and the Flags screen show it: in the [`SHOWN_DAYS`] up to
/// `now`.
pub fn recently_lapsed(
    entries: &[SymptomEntry],
    profile: &Profile,
    rules: &[Rule],
    acks: &[Ack],
    now: DateTime<FixedOffset>,
) -> Vec<Lapsed> {
    lapsed(
        entries,
        profile,
        rules,
        acks,
        now - Duration::days(SHOWN_DAYS),
        now,
    )
}
