//! Evaluating the rules: a pure function of the log, the profile, the rules, the
//! acknowledgements and `now`.
//!
//! - Per-entry conditions: one entry, dated inside the rule's window (`now − within` to `now`),
//!   must meet all of them. Every such entry is evidence.
//! - Profile conditions: from `[profile]` in the config. An unknown birth year never matches an
//!   age condition.
//! - Episode conditions: the current episode is the run of entries with pain ≥ 1, each within 7
//!   days of the next, ending with the latest entry — if that entry has pain ≥ 1 and is no more
//!   than 7 days old. Its length is counted from its first entry to `now`, in whole days; "not
//!   improving" means the latest pain is not at least 2 points below the first.
//! - Denied screening answers are not symptoms, and notes are never read, so neither can raise a
//!   flag.
//! - A flag is acknowledged (muted) when an acknowledgement of its rule is at or after its newest
//!   evidence; a matching entry dated after the acknowledgement makes it active again.

use chrono::{DateTime, Datelike, Duration, FixedOffset};
use serde::Serialize;

use super::rules::{Conditions, Rule};
use super::{Ack, Level};
use crate::routine::Kind;
use crate::symptoms::SymptomEntry;
use crate::vocabulary::ProfileConditions;

/// Gaps longer than this end an episode.
pub const EPISODE_GAP_DAYS: i64 = 7;
/// The smallest fall on the 0–10 scale that people notice as real.
pub const NOTICEABLE_CHANGE: u8 = 2;

/// The person, from the config's `[profile]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// Year of birth, for age conditions.
    pub birth_year: Option<i32>,
    /// Conditions such as `osteoporosis`.
    pub conditions: ProfileConditions,
}

/// An entry that made a rule match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The entry's id.
    pub id: String,
    /// When it was logged for.
    pub at: DateTime<FixedOffset>,
}

/// A rule that matches.
#[derive(Debug, Clone, PartialEq)]
pub struct Flag {
    /// The rule (a copy, so flags outlive the rule set they came from).
    pub rule: Rule,
    /// The entries that match, oldest first.
    pub evidence: Vec<Evidence>,
    /// When it was acknowledged, if the acknowledgement still covers the evidence.
    pub acknowledged: Option<DateTime<FixedOffset>>,
}

impl Flag {
    /// The newest piece of evidence.
    pub fn latest(&self) -> Option<DateTime<FixedOffset>> {
        self.evidence.iter().map(|e| e.at).max()
    }
}

/// Every matching rule, active ones and acknowledged ones apart, most severe first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Flags {
    /// Not acknowledged (or new evidence since).
    pub active: Vec<Flag>,
    /// Acknowledged and nothing new since.
    pub acknowledged: Vec<Flag>,
}

impl Flags {
    /// The most severe active flag.
    pub fn top(&self) -> Option<&Flag> {
        self.active.first()
    }

    /// Active flags that hold back routines of `kind`, most severe first.
    pub fn blocking(&self, kind: Kind) -> impl Iterator<Item = &Flag> {
        self.active
            .iter()
            .filter(move |f| f.rule.blocks.contains(&kind))
    }

    /// Whether an emergency flag is active.
    pub fn has_emergency(&self) -> bool {
        self.active.iter().any(|f| f.rule.level == Level::Emergency)
    }
}

/// The current episode: its first and latest entries.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Episode<'a> {
    /// Where it began.
    pub first: &'a SymptomEntry,
    /// The newest entry.
    pub latest: &'a SymptomEntry,
    /// Whole days from the first entry to `now`.
    pub days: i64,
}

/// The current episode in `entries` (any order) as of `now`.
pub fn episode(entries: &[SymptomEntry], now: DateTime<FixedOffset>) -> Option<Episode<'_>> {
    let mut past: Vec<&SymptomEntry> = entries.iter().filter(|e| e.at <= now).collect();
    past.sort_by_key(|e| e.at);
    let latest = *past.last()?;
    if latest.pain == 0 || now - latest.at > Duration::days(EPISODE_GAP_DAYS) {
        return None;
    }
    let mut first = latest;
    for e in past.iter().rev().skip(1) {
        if e.pain == 0 || first.at - e.at > Duration::days(EPISODE_GAP_DAYS) {
            break;
        }
        first = e;
    }
    Some(Episode {
        first,
        latest,
        days: (now - first.at).num_days(),
    })
}

/// For heat: the latest time numbness or tingling was logged in the default window, if any.
/// Numb skin cannot feel a burn, so heat is refused while this is `Some`.
pub fn numb_skin(
    entries: &[SymptomEntry],
    now: DateTime<FixedOffset>,
) -> Option<DateTime<FixedOffset>> {
    let from = now - Duration::days(super::rules::DEFAULT_WITHIN_DAYS);
    entries
        .iter()
        .filter(|e| e.at >= from && e.at <= now)
        .filter(|e| {
            ["numbness", "tingling", "saddle-numbness"]
                .iter()
                .any(|s| e.symptoms.contains(s))
        })
        .map(|e| e.at)
        .max()
}

fn entry_matches(c: &Conditions, e: &SymptomEntry) -> bool {
    (c.symptoms_any.is_empty() || e.symptoms.intersects(&c.symptoms_any))
        && e.symptoms.contains_all(&c.symptoms_all)
        && (c.areas_any.is_empty() || e.areas.intersects(&c.areas_any))
        && (c.both_sides_of.is_empty()
            || c.both_sides_of
                .iter()
                .any(|sides| e.areas.contains_all(sides)))
        && (c.one_side_of.is_empty()
            || (c.one_side_of.iter().any(|sides| e.areas.intersects(sides))
                && !c
                    .one_side_of
                    .iter()
                    .any(|sides| e.areas.contains_all(sides))))
        && c.pain_at_least.is_none_or(|p| e.pain >= p)
        && c.onset.is_none_or(|o| e.onset == Some(o))
        && (c.triggers_any.is_empty() || e.triggers.intersects(&c.triggers_any))
}

fn profile_matches(c: &Conditions, profile: &Profile, now: DateTime<FixedOffset>) -> bool {
    (c.profile_any.is_empty() || profile.conditions.intersects(&c.profile_any))
        && c.age_at_least.is_none_or(|age| {
            profile
                .birth_year
                .is_some_and(|born| now.year() - born >= age as i32)
        })
}

fn episode_matches(c: &Conditions, episode: Option<&Episode>) -> bool {
    if !c.has_episode_conditions() {
        return true;
    }
    let Some(ep) = episode else { return false };
    c.episode_days_at_least
        .is_none_or(|days| ep.days >= i64::from(days))
        && (!c.not_improving || ep.latest.pain + NOTICEABLE_CHANGE > ep.first.pain)
}

fn evidence(e: &SymptomEntry) -> Evidence {
    Evidence {
        id: e.id.clone(),
        at: e.at,
    }
}

/// Every rule that matches as of `now`.
pub fn evaluate(
    entries: &[SymptomEntry],
    profile: &Profile,
    rules: &[Rule],
    acks: &[Ack],
    now: DateTime<FixedOffset>,
) -> Flags {
    let episode = episode(entries, now);
    let mut flags: Vec<Flag> = Vec::new();
    for rule in rules {
        let c = &rule.when;
        if !profile_matches(c, profile, now) || !episode_matches(c, episode.as_ref()) {
            continue;
        }
        let mut found: Vec<Evidence> = if c.has_entry_conditions() {
            let from = now - rule.within;
            entries
                .iter()
                .filter(|e| e.at >= from && e.at <= now && entry_matches(c, e))
                .map(evidence)
                .collect()
        } else {
            Vec::new()
        };
        if c.has_entry_conditions() && found.is_empty() {
            continue;
        }
        if let (true, Some(ep)) = (c.has_episode_conditions(), episode.as_ref()) {
            for e in [ep.first, ep.latest] {
                if !found.iter().any(|f| f.id == e.id) {
                    found.push(evidence(e));
                }
            }
        }
        found.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
        let latest = found.iter().map(|e| e.at).max();
        let acknowledged = acks
            .iter()
            .filter(|a| a.flag == rule.id && a.at <= now)
            .map(|a| a.at)
            .max()
            .filter(|ack| latest.is_some_and(|l| l <= *ack));
        flags.push(Flag {
            rule: rule.clone(),
            evidence: found,
            acknowledged,
        });
    }
    flags.sort_by(|a, b| {
        b.rule
            .level
            .cmp(&a.rule.level)
            .then_with(|| b.latest().cmp(&a.latest()))
    });
    let (acknowledged, active) = flags.into_iter().partition(|f| f.acknowledged.is_some());
    Flags {
        active,
        acknowledged,
    }
}
