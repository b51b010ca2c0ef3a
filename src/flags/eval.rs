//! Evaluating the rules: a pure function of the log, the profile, the rules, the
//! acknowledgements and the moment (DESIGN §6). The rules read the whole log the way a clinician
//! reads a history, not one entry at a time:
//!
//! - **Entry conditions** (`symptoms_any`, `areas_any`, `pain_at_least`, …): an entry meets a
//!   rule when it meets all of them. Such entries inside the rule's window are its evidence.
//! - **Side conditions** (`both_sides_of`, `one_side_of`) are read across those entries: the left
//!   and right areas of the listed parts add up over entries and parts, so tingling in the left
//!   leg on Monday and the right foot on Tuesday is both sides. Two entries count together when
//!   they are no further apart than the rule's window. `one_side_of` holds when the entries name
//!   sides and never both, so of two rules over the same parts exactly one holds.
//! - **Profile conditions** come from `[profile]`; an unknown birth year never meets an age.
//! - **Episode conditions**: the current episode is the run of entries with pain ≥ 1, each within
//!   7 days of the next, ending with the latest entry — if that has pain ≥ 1 and is at most 7
//!   days old. Its length counts from its first entry to now. One entry never lingers: an episode
//!   condition also needs entries on different days at least 4 days apart.
//! - Denied screening answers are not symptoms, and notes are never read, so neither raises a
//!   flag.
//!
//! Lifetimes. Urgent and soon flags follow their window. An emergency never lapses: evidence for
//! it that no acknowledgement covers counts however old it is. An acknowledgement mutes a flag
//! until evidence *recorded* after it — the time in an entry's id, not the time it is dated, so an
//! entry written after the acknowledgement about an earlier day still raises the flag. A rule
//! raised by the profile plus ordinary pain (age, past cancer …) stays muted after an
//! acknowledgement until a new episode starts, so it is raised once per episode, not daily.
//!
//! The moment. Live, entries dated up to a day ahead of the clock (a clock that runs fast, a copy
//! from another machine) count as of now. "As of" a past moment, entries dated after it are left
//! out.

use chrono::{DateTime, Datelike, Duration, FixedOffset};
use serde::Serialize;

use super::rules::{Conditions, Rule};
use super::{Ack, Level};
use crate::routine::Kind;
use crate::symptoms::SymptomEntry;
use crate::vocabulary::{Areas, BodySide, ProfileConditions, Vocabulary};

/// Gaps longer than this end an episode.
pub const EPISODE_GAP_DAYS: i64 = 7;
/// The smallest fall on the 0–10 scale that people notice as real.
pub const NOTICEABLE_CHANGE: u8 = 2;
/// An episode condition needs entries on different days at least this many days apart.
pub const LINGER_SPAN_DAYS: i64 = 4;
/// Live, entries dated up to this many hours ahead of the clock count as now.
pub const AHEAD_HOURS: i64 = 24;

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

    /// The flag with this rule id, active or acknowledged.
    pub fn get(&self, id: &str) -> Option<&Flag> {
        self.active
            .iter()
            .chain(&self.acknowledged)
            .find(|f| f.rule.id == id)
    }
}

/// The moment flags are evaluated at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    /// Now: windows end here and acknowledgements after it do not count.
    pub now: DateTime<FixedOffset>,
    /// Entries dated up to here count (as of `now` when they are later than it).
    pub counts_until: DateTime<FixedOffset>,
}

impl Moment {
    /// The clock's reading: entries dated up to a day ahead count as now.
    pub fn live(now: DateTime<FixedOffset>) -> Moment {
        Moment {
            now,
            counts_until: now + Duration::hours(AHEAD_HOURS),
        }
    }

    /// As things stood at `at`: entries dated after it are left out.
    pub fn as_of(at: DateTime<FixedOffset>) -> Moment {
        Moment {
            now: at,
            counts_until: at,
        }
    }

    /// When an entry dated `at` counts: never later than now.
    fn effective(&self, at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        if at > self.now { self.now } else { at }
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

impl Episode<'_> {
    /// Whether it has entries on different days at least [`LINGER_SPAN_DAYS`] apart.
    pub fn lingers(&self) -> bool {
        (self.latest.at.date_naive() - self.first.at.date_naive()).num_days() >= LINGER_SPAN_DAYS
    }
}

/// The current episode in `entries` (any order) as of `now`, live.
pub fn episode(entries: &[SymptomEntry], now: DateTime<FixedOffset>) -> Option<Episode<'_>> {
    let moment = Moment::live(now);
    let past = Timeline::new(entries, &moment);
    past.episode(&moment)
}

/// When an entry was written: the time in its id, or, for an id that carries none (imported
/// data), the time it is dated.
pub fn recorded(e: &SymptomEntry) -> DateTime<FixedOffset> {
    crate::id::timestamp_ms(&e.id)
        .and_then(DateTime::from_timestamp_millis)
        .map_or(e.at, |t| t.fixed_offset())
}

/// For heat: the latest time numbness or tingling was logged in the default window, if any.
/// Numb skin cannot feel a burn, so heat is refused while this is `Some`. Entries dated up to a
/// day ahead count, as for the flags.
pub fn numb_skin(
    entries: &[SymptomEntry],
    now: DateTime<FixedOffset>,
) -> Option<DateTime<FixedOffset>> {
    let moment = Moment::live(now);
    let from = now - Duration::days(super::rules::DEFAULT_WITHIN_DAYS);
    entries
        .iter()
        .filter(|e| e.at >= from && e.at <= moment.counts_until)
        .filter(|e| {
            ["numbness", "tingling", "saddle-numbness"]
                .iter()
                .any(|s| e.symptoms.contains(s))
        })
        .map(|e| moment.effective(e.at))
        .max()
}

/// The entries that count at a moment, oldest first.
struct Timeline<'a> {
    entries: Vec<&'a SymptomEntry>,
}

impl<'a> Timeline<'a> {
    fn new(entries: &'a [SymptomEntry], moment: &Moment) -> Timeline<'a> {
        let mut entries: Vec<&SymptomEntry> = entries
            .iter()
            .filter(|e| e.at <= moment.counts_until)
            .collect();
        // The log loads sorted; sort only what is not.
        if !entries.is_sorted_by_key(|e| e.at) {
            entries.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
        }
        Timeline { entries }
    }

    /// Index of the first entry of the episode that entry `i` belongs to, if it has pain.
    fn episode_start(&self, i: usize) -> Option<usize> {
        let gap = Duration::days(EPISODE_GAP_DAYS);
        let mut first = i;
        if self.entries[i].pain == 0 {
            return None;
        }
        while first > 0 {
            let (before, e) = (self.entries[first - 1], self.entries[first]);
            if before.pain == 0 || e.at - before.at > gap {
                break;
            }
            first -= 1;
        }
        Some(first)
    }

    fn episode(&self, moment: &Moment) -> Option<Episode<'a>> {
        let last = self.entries.len().checked_sub(1)?;
        let latest = self.entries[last];
        if latest.pain == 0 || moment.now - latest.at > Duration::days(EPISODE_GAP_DAYS) {
            return None;
        }
        let first = self.entries[self.episode_start(last)?];
        Some(Episode {
            first,
            latest,
            days: (moment.now - first.at).num_days().max(0),
        })
    }
}

fn entry_matches(c: &Conditions, e: &SymptomEntry) -> bool {
    (c.symptoms_any.is_empty() || e.symptoms.intersects(&c.symptoms_any))
        && e.symptoms.contains_all(&c.symptoms_all)
        && (c.areas_any.is_empty() || e.areas.intersects(&c.areas_any))
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
    ep.lingers()
        && c.episode_days_at_least
            .is_none_or(|days| ep.days >= i64::from(days))
        && (!c.not_improving || ep.latest.pain + NOTICEABLE_CHANGE > ep.first.pain)
}

/// The left and the right areas of some paired parts, each side's areas together.
#[derive(Debug, Clone, Copy, Default)]
struct Sides {
    left: Areas,
    right: Areas,
}

impl Sides {
    fn of(parts: &[Areas]) -> Sides {
        let all = parts.iter().fold(Areas::new(), |all, p| all.union(p));
        let mut sides = Sides::default();
        for area in &Vocabulary::bundled().areas {
            if !all.contains(&area.id) {
                continue;
            }
            let side = match area.side {
                Some(BodySide::Left) => &mut sides.left,
                Some(BodySide::Right) => &mut sides.right,
                None => continue,
            };
            // The id is in the vocabulary: it came from a set of vocabulary ids.
            let _ = side.insert(&area.id);
        }
        sides
    }

    /// Which sides an entry names: (left, right).
    fn named(&self, e: &SymptomEntry) -> (bool, bool) {
        (
            e.areas.intersects(&self.left),
            e.areas.intersects(&self.right),
        )
    }
}

/// Of `entries` (oldest first), the ones that name a side of `sides` and whether each has an
/// entry naming the other side (or itself both) no further than `within` away.
fn pair_sides<'a>(
    entries: &[&'a SymptomEntry],
    sides: &Sides,
    within: Duration,
    moment: &Moment,
) -> Vec<(&'a SymptomEntry, bool)> {
    let sided: Vec<(&SymptomEntry, (bool, bool))> = entries
        .iter()
        .map(|e| (*e, sides.named(e)))
        .filter(|(_, (l, r))| *l || *r)
        .collect();
    let mut paired: Vec<bool> = sided.iter().map(|(_, (l, r))| *l && *r).collect();
    let near = |a: DateTime<FixedOffset>, b: DateTime<FixedOffset>| {
        (moment.effective(a) - moment.effective(b)).abs() <= within
    };
    // Forward: the latest earlier left and right; backward: the earliest later ones.
    for order in [true, false] {
        let (mut left, mut right): (Option<DateTime<FixedOffset>>, Option<DateTime<FixedOffset>>) =
            (None, None);
        let indices: Box<dyn Iterator<Item = usize>> = if order {
            Box::new(0..sided.len())
        } else {
            Box::new((0..sided.len()).rev())
        };
        for i in indices {
            let (e, (l, r)) = sided[i];
            if (l && right.is_some_and(|t| near(t, e.at)))
                || (r && left.is_some_and(|t| near(t, e.at)))
            {
                paired[i] = true;
            }
            if l {
                left = Some(e.at);
            }
            if r {
                right = Some(e.at);
            }
        }
    }
    sided
        .into_iter()
        .zip(paired)
        .map(|((e, _), p)| (e, p))
        .collect()
}

fn evidence(e: &SymptomEntry) -> Evidence {
    Evidence {
        id: e.id.clone(),
        at: e.at,
    }
}

/// Every rule that matches, live: entries dated up to a day ahead of `now` count as now.
pub fn evaluate(
    entries: &[SymptomEntry],
    profile: &Profile,
    rules: &[Rule],
    acks: &[Ack],
    now: DateTime<FixedOffset>,
) -> Flags {
    evaluate_at(entries, profile, rules, acks, Moment::live(now))
}

/// Every rule that matches at `moment`.
pub fn evaluate_at(
    entries: &[SymptomEntry],
    profile: &Profile,
    rules: &[Rule],
    acks: &[Ack],
    moment: Moment,
) -> Flags {
    let now = moment.now;
    let timeline = Timeline::new(entries, &moment);
    let episode = timeline.episode(&moment);
    let mut flags: Vec<Flag> = Vec::new();
    for rule in rules {
        let c = &rule.when;
        if !profile_matches(c, profile, now) || !episode_matches(c, episode.as_ref()) {
            continue;
        }
        let last_ack = super::acks::in_force(acks, &rule.id, now).map(|a| a.at);
        let mut found: Vec<&SymptomEntry> = Vec::new();
        if c.has_entry_conditions() {
            let from = now - rule.within;
            let window = timeline.entries.partition_point(|e| e.at < from);
            // An emergency never lapses: what no acknowledgement covers counts at any age.
            let older: &[&SymptomEntry] = if rule.level == Level::Emergency {
                &timeline.entries[..window]
            } else {
                &[]
            };
            let meeting: Vec<&SymptomEntry> = older
                .iter()
                .copied()
                .filter(|e| entry_matches(c, e) && last_ack.is_none_or(|ack| recorded(e) > ack))
                .chain(
                    timeline.entries[window..]
                        .iter()
                        .copied()
                        .filter(|e| entry_matches(c, e)),
                )
                .collect();
            found = if !c.both_sides_of.is_empty() {
                pair_sides(&meeting, &Sides::of(&c.both_sides_of), rule.within, &moment)
                    .into_iter()
                    .filter_map(|(e, paired)| paired.then_some(e))
                    .collect()
            } else if !c.one_side_of.is_empty() {
                let sided = pair_sides(&meeting, &Sides::of(&c.one_side_of), rule.within, &moment);
                if sided.iter().any(|(_, paired)| *paired) {
                    Vec::new()
                } else {
                    sided.into_iter().map(|(e, _)| e).collect()
                }
            } else {
                meeting
            };
            if found.is_empty() {
                continue;
            }
        }
        if let (true, Some(ep)) = (c.has_episode_conditions(), episode.as_ref()) {
            for e in [ep.first, ep.latest] {
                if !found.iter().any(|f| f.id == e.id) {
                    found.push(e);
                }
            }
        }
        found.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
        let acknowledged = last_ack.filter(|&ack| {
            if rule.once_per_episode() {
                // Muted until an episode that began after the acknowledgement.
                let newest = found.last().and_then(|newest| {
                    let i = timeline
                        .entries
                        .iter()
                        .position(|e| std::ptr::eq(*e, *newest))?;
                    timeline.episode_start(i).map(|s| timeline.entries[s])
                });
                newest.is_none_or(|start| recorded(start) <= ack)
            } else {
                found.iter().all(|e| recorded(e) <= ack)
            }
        });
        flags.push(Flag {
            rule: rule.clone(),
            evidence: found.into_iter().map(evidence).collect(),
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
