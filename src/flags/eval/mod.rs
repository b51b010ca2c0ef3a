//! Evaluating the rules: a pure function of the log, the profile, the rules, the
//! acknowledgements and the moment (DESIGN §6). The rules read the whole log the way a clinician
//! reads a history, not one entry at a time:
//!
//! - **Entry conditions** (`symptoms_any`, `areas_any`, `pain_at_least`, …): an entry meets a
//!   rule when it meets all of them. Such entries inside the rule's window are its evidence. An
//!   entry that does not say how the pain began meets `onset = "sudden"`: a missing answer takes
//!   the more serious reading and never lowers a level.
//! - **Pain across days** (`pain_on_days`) is read across those entries too: pain of at least
//!   so much on so many different dates, no further apart than a span (8 or more on two days in
//!   a week).
//! - **Side conditions** (`both_sides_of`, `one_side_of`) are read across those entries: the left
//!   and right areas of the listed parts add up over entries and parts, so tingling in the left
//!   leg on Monday and the right foot on Tuesday is both sides. Two entries count together when
//!   they are no further apart than the rule's window. `one_side_of` holds when the entries name
//!   sides and never both, so of two rules over the same parts exactly one holds. An entry that
//!   meets the entry conditions and names no area at all counts as one side (a nerve symptom
//!   logged with no place), never as both: two such entries are not a left and a right.
//! - **Feet alone** (`not_feet_alone_with`, `feet_alone`): with a known neuropathy, numbness or
//!   tingling in the feet alone — no other nerve, saddle, bladder, bowel or sexual sign in the
//!   window ([`feet_alone`]) — is asked about ("is this new?"), not the both-sides emergency.
//! - **Profile conditions** come from `[profile]`; an unknown birth year never meets an age.
//! - **Episode conditions**: the current episode is the run of entries with pain ≥ 1, each within
//!   7 days of the next, ending with the latest entry — if that has pain ≥ 1 and is at most 7
//!   days old. Its length counts from its first entry to now. One entry never lingers: an episode
//!   condition also needs entries on different days at least 4 days apart.
//! - Denied screening answers are not symptoms, and notes are never read, so neither raises a
//!   flag. The conditions see an entry through what the rules read of it
//!   ([`crate::symptoms::Reads`], the projection an edit is compared by), and each condition's
//!   key and what it reads are listed once, in [`crate::flags::rules::CONDITIONS`].
//!
//! Lifetimes. Urgent and soon flags follow their window (those that lapse unchecked are listed
//! by `flags::lapsed`). An emergency, and a rule with `until_checked` (leg weakness), never
//! lapses: evidence for it that no acknowledgement covers counts however old it is. An acknowledgement mutes a flag
//! until evidence *recorded* after it — the time in an entry's id, not the time it is dated, so an
//! entry written after the acknowledgement about an earlier day still raises the flag. A rule
//! raised by the profile plus ordinary pain (age, past cancer …), or marked `once_per_episode`
//! (severe pain, the upper back), stays muted after an acknowledgement until a new episode
//! starts, so it is raised once per episode, not daily.
//!
//! The moment. Live, entries dated up to a day ahead of the clock (a clock that runs fast, a copy
//! from another machine) count as of now. "As of" a past moment, entries dated after it are left
//! out.
//!
//! Here: the flags and [`evaluate_at`]; `moment` is the moment and which entries count at it,
//! `timeline` the entries in order and the current episode, `conditions` whether an entry, the
//! profile and the episode meet a rule, `sides` how sides add up across entries, and `many`
//! the [`Evaluator`], which gives [`evaluate_at`]'s flags at many moments for one reading of the
//! log (the report's flags raised through a period).

mod conditions;
mod days;
mod moment;
mod sides;
mod timeline;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::rules::Rule;
use super::{Ack, Level};
use crate::routine::Kind;
use crate::symptoms::SymptomEntry;
use crate::vocabulary::ProfileConditions;

pub use moment::{AHEAD_HOURS, Moment, numb_skin, recorded};
pub use timeline::{EPISODE_GAP_DAYS, Episode, LINGER_SPAN_DAYS, NOTICEABLE_CHANGE, episode};

use conditions::{entry_matches, episode_matches, profile_matches};
pub use sides::{NERVE_SYMPTOMS, feet_alone};
use sides::{Sides, pair_sides};
use timeline::Timeline;

mod many;
pub use many::Evaluator;

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

fn evidence(e: &SymptomEntry) -> Evidence {
    Evidence {
        id: e.id.clone(),
        at: e.at,
    }
}

/// Whether `e` meets every entry condition of `rule` (symptoms, areas, pain, onset,
/// triggers): what makes it a candidate piece of evidence, sides and profile aside.
pub fn meets(rule: &Rule, e: &SymptomEntry) -> bool {
    entry_matches(&rule.when, &e.reads())
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
    let timeline = Timeline::new(entries, &moment);
    evaluate_on(&timeline, &Meeting::Scan, profile, rules, acks, moment)
}

/// Where a rule's entry conditions are looked up: by reading the timeline's entries, or in
/// positions found once over the whole log ([`Evaluator`]).
enum Meeting<'m> {
    /// Test each entry in the window (and before it, for an emergency).
    Scan,
    /// For each rule, the positions in the timeline of the entries that meet its entry
    /// conditions, ascending; the timeline is a prefix of the one they were found in.
    Positions(&'m [Vec<usize>]),
}

impl Meeting<'_> {
    /// The entries of `timeline` meeting rule `index`'s entry conditions, oldest first: those
    /// from `window` on, and with `older`, those before it that `older` keeps.
    fn entries<'a>(
        &self,
        timeline: &Timeline<'_, 'a>,
        index: usize,
        c: &super::rules::Conditions,
        window: usize,
        older: Option<&dyn Fn(&SymptomEntry) -> bool>,
    ) -> Vec<&'a SymptomEntry> {
        let all = &timeline.entries;
        let keep = |e: &SymptomEntry| older.is_some_and(|older| older(e));
        match self {
            Meeting::Scan => {
                let before = if older.is_some() { &all[..window] } else { &[] };
                before
                    .iter()
                    .copied()
                    .filter(|e| entry_matches(c, &e.reads()) && keep(e))
                    .chain(
                        all[window..]
                            .iter()
                            .copied()
                            .filter(|e| entry_matches(c, &e.reads())),
                    )
                    .collect()
            }
            Meeting::Positions(positions) => {
                let positions = positions.get(index).map_or(&[][..], Vec::as_slice);
                let from = positions.partition_point(|&i| i < window);
                let to = positions.partition_point(|&i| i < all.len());
                let before = if older.is_some() {
                    &positions[..from]
                } else {
                    &[]
                };
                before
                    .iter()
                    .map(|&i| all[i])
                    .filter(|e| keep(e))
                    .chain(positions[from..to].iter().map(|&i| all[i]))
                    .collect()
            }
        }
    }
}

/// [`evaluate_at`] on the entries that count at `moment`, in time order.
fn evaluate_on(
    timeline: &Timeline<'_, '_>,
    meeting: &Meeting<'_>,
    profile: &Profile,
    rules: &[Rule],
    acks: &[Ack],
    moment: Moment,
) -> Flags {
    let now = moment.now;
    let episode = timeline.episode(&moment);
    let mut flags: Vec<Flag> = Vec::new();
    for (index, rule) in rules.iter().enumerate() {
        let c = &rule.when;
        if !profile_matches(c, profile, now) || !episode_matches(c, episode.as_ref()) {
            continue;
        }
        let last_ack = super::acks::in_force(acks, &rule.id, now).map(|a| a.at);
        let mut found: Vec<&SymptomEntry> = Vec::new();
        if c.has_entry_conditions() {
            let from = now - rule.within;
            let window = timeline.entries.partition_point(|e| e.at < from);
            // An emergency (and leg weakness) never lapses: what no acknowledgement covers
            // counts at any age.
            let uncovered = |e: &SymptomEntry| last_ack.is_none_or(|ack| recorded(e) > ack);
            let older: Option<&dyn Fn(&SymptomEntry) -> bool> =
                rule.never_lapses().then_some(&uncovered);
            let meeting = meeting.entries(timeline, index, c, window, older);
            let kept = meeting.clone();
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
                    // A symptom logged with no place at all counts as one side, never as both
                    // (two such entries are not a left and a right); so does pain spreading
                    // down a leg logged where it starts (the lower back), naming no side.
                    let sides = Sides::of(&c.one_side_of);
                    let nowhere = meeting.iter().copied().filter(|e| {
                        let r = e.reads();
                        r.areas.is_empty()
                            || (r.symptoms.contains("spreading-pain")
                                && sides.named(&r) == (false, false))
                    });
                    sided.into_iter().map(|(e, _)| e).chain(nowhere).collect()
                }
            } else {
                meeting
            };
            if !c.pain_on_days.is_empty() {
                found = days::pain_on_days(&found, &c.pain_on_days, &moment);
            }
            if found.is_empty() {
                continue;
            }
            if c.feet_alone || profile.conditions.intersects(&c.not_feet_alone_with) {
                // The signs the rule can read: its window, and the older evidence it keeps.
                let signs = timeline.entries[window..]
                    .iter()
                    .copied()
                    .chain(kept.iter().copied());
                if feet_alone(signs) != c.feet_alone {
                    continue;
                }
                if !c.feet_alone {
                    for e in kept.iter().copied() {
                        if !feet_alone([e]) && !found.iter().any(|f| std::ptr::eq(*f, e)) {
                            found.push(e);
                        }
                    }
                }
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
