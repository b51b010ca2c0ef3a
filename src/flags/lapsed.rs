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

/// [`WORDS`] at the start of a line or heading.
pub const HEADING: &str = "Lapsed, not marked as checked";

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
    // Rules that lapse and that the profile can meet at all.
    let lapsing: Vec<Rule> = rules
        .iter()
        .filter(|r| !r.never_lapses())
        .filter(|r| {
            let c = &r.when;
            (c.profile_any.is_empty() || profile.conditions.intersects(&c.profile_any))
                && (c.age_at_least.is_none() || profile.birth_year.is_some())
        })
        .cloned()
        .collect();
    if lapsing.is_empty() || since >= until {
        return Vec::new();
    }
    let moments = lapse_moments(entries, &lapsing, since, until);
    if moments.is_empty() {
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
    let mut found: HashMap<String, Lapsed> = HashMap::new();
    let step = Duration::seconds(1);
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
                    entries
                        .iter()
                        .find(|e| e.id == ev.id)
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

/// The moments a flag of `rules` may lapse in (`since`, `until`]: the last moment the latest
/// of a run of an entry-rule's matching entries still counts (its time plus the window, when
/// no later matching entry follows within it), and the last moment of an episode (an entry
/// with none in the gap after it). Only those moments are evaluated, so a long log costs a
/// few evaluations, not one per entry.
fn lapse_moments(
    entries: &[SymptomEntry],
    rules: &[Rule],
    since: DateTime<FixedOffset>,
    until: DateTime<FixedOffset>,
) -> BTreeSet<DateTime<FixedOffset>> {
    let gap = Duration::days(EPISODE_GAP_DAYS);
    let longest = rules.iter().map(|r| r.within).max().unwrap_or(gap).max(gap);
    let step = Duration::seconds(1);
    let mut recent: Vec<&SymptomEntry> = entries
        .iter()
        .filter(|e| e.at + longest + step > since && e.at <= until)
        .collect();
    if !recent.is_sorted_by_key(|e| e.at) {
        recent.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    }
    let mut moments = BTreeSet::new();
    // Where the last of each run (no next one within `span`) stops counting.
    let mut ends = |run: &[&SymptomEntry], span: Duration| {
        for (i, e) in run.iter().enumerate() {
            if run.get(i + 1).is_none_or(|next| next.at > e.at + span) {
                let t = e.at + span;
                if t + step > since && t + step <= until {
                    moments.insert(t);
                }
            }
        }
    };
    for rule in rules {
        if rule.when.has_entry_conditions() {
            let run: Vec<&SymptomEntry> = recent
                .iter()
                .copied()
                .filter(|e| super::eval::meets(rule, e))
                .collect();
            let c = &rule.when;
            if c.pain_on_days.is_empty() && c.both_sides_of.is_empty() && c.one_side_of.is_empty() {
                ends(&run, rule.within);
            } else {
                for e in &run {
                    ends(std::slice::from_ref(e), rule.within);
                }
            }
        }
    }
    if rules.iter().any(|r| r.when.has_episode_conditions()) {
        ends(&recent, gap);
    }
    moments
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
