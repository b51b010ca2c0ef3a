//! The red-flag rules: `assets/red-flags.toml` compiled in, plus an optional `red-flags.toml`
//! in the config dir that may add rules. A user rule can never replace or weaken a bundled one:
//! a user rule with a bundled id is an error, and the bundled rules always apply, even when the
//! user file is broken. Files are checked like routine files: unknown keys, unknown vocabulary
//! ids and bad levels are reported with file, line and column.
//!
//! Here: the rules and the rule set; `keys` names every key of a rules file once (the
//! conditions in [`CONDITIONS`], with what each reads); `file` reads and checks a rules file.

mod file;
mod keys;

use std::collections::HashSet;
use std::path::Path;

use chrono::Duration;

use super::Level;
use crate::diagnostic::Diagnostic;
use crate::routine::Kind;
use crate::symptoms::Onset;
use crate::vocabulary::{Areas, ProfileConditions, Symptoms, Triggers};

pub use file::parse;
pub use keys::{CONDITIONS, Condition, Group, RULE_KEYS};

const BUNDLED: &str = include_str!("../../../assets/red-flags.toml");

/// The look-back window when a rule gives none.
pub const DEFAULT_WITHIN_DAYS: i64 = 14;

/// What a rule looks for. Empty sets and `None`s are conditions not set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conditions {
    /// One entry has any of these symptoms.
    pub symptoms_any: Symptoms,
    /// One entry has all of these symptoms.
    pub symptoms_all: Symptoms,
    /// One entry names any of these areas.
    pub areas_any: Areas,
    /// Across the entries that meet the entry conditions, a left and a right area of these parts
    /// (`leg`, `foot`, `buttock`), added up over parts and entries no further apart than the
    /// window: left leg on Monday and right foot on Tuesday is both sides. For each part, the set
    /// of its two sides.
    pub both_sides_of: Vec<Areas>,
    /// Those entries name a side of these parts and never both sides: the counterpart of
    /// `both_sides_of`, so that of two rules over the same parts exactly one holds. For each
    /// part, the set of its two sides.
    pub one_side_of: Vec<Areas>,
    /// One entry's pain is at least this.
    pub pain_at_least: Option<u8>,
    /// Any of these holds across the entries: pain of at least so much on so many different
    /// days, no further apart than a span (pain 9 on one day, or 8 on two days in a week).
    pub pain_on_days: Vec<PainDays>,
    /// One entry's onset is this. An entry that does not say how the pain began ("not sure")
    /// counts as sudden: a missing answer takes the more serious reading, so it never lowers a
    /// level. Only an onset given as gradual meets `Gradual`.
    pub onset: Option<Onset>,
    /// One entry has any of these triggers.
    pub triggers_any: Triggers,
    /// The profile has any of these conditions.
    pub profile_any: ProfileConditions,
    /// The person is at least this old (from `[profile] birth_year`).
    pub age_at_least: Option<u32>,
    /// The person is younger than this; an unknown birth year never meets it.
    pub age_below: Option<u32>,
    /// The current episode has lasted at least this many days.
    pub episode_days_at_least: Option<u32>,
    /// The current episode's latest pain has not fallen 2 points from its first.
    pub not_improving: bool,
    /// With one of these profile conditions (a known neuropathy), the rule does not hold when
    /// the signs in its window are numbness or tingling in the feet alone (see
    /// [`crate::flags::eval::feet_alone`]): long-standing numb feet are not a new emergency.
    pub not_feet_alone_with: ProfileConditions,
    /// The rule holds only when the signs in its window are numbness or tingling in the feet
    /// alone: the counterpart of `not_feet_alone_with`.
    pub feet_alone: bool,
}

impl Conditions {
    /// The conditions set, as [`CONDITIONS`] lists them (in its order).
    pub fn set(&self) -> Vec<&'static Condition> {
        // Every field, each with its key: a condition added to `Conditions` does not compile
        // here until it is in the table, with what it reads.
        let Conditions {
            symptoms_any,
            symptoms_all,
            areas_any,
            both_sides_of,
            one_side_of,
            pain_at_least,
            pain_on_days,
            onset,
            triggers_any,
            profile_any,
            age_at_least,
            age_below,
            episode_days_at_least,
            not_improving,
            not_feet_alone_with,
            feet_alone,
        } = self;
        let set = [
            ("symptoms_any", !symptoms_any.is_empty()),
            ("symptoms_all", !symptoms_all.is_empty()),
            ("areas_any", !areas_any.is_empty()),
            ("both_sides_of", !both_sides_of.is_empty()),
            ("one_side_of", !one_side_of.is_empty()),
            ("pain_at_least", pain_at_least.is_some()),
            ("pain_on_days", !pain_on_days.is_empty()),
            ("onset", onset.is_some()),
            ("triggers_any", !triggers_any.is_empty()),
            ("profile_any", !profile_any.is_empty()),
            ("age_at_least", age_at_least.is_some()),
            ("age_below", age_below.is_some()),
            ("episode_days_at_least", episode_days_at_least.is_some()),
            ("not_improving", *not_improving),
            ("not_feet_alone_with", !not_feet_alone_with.is_empty()),
            ("feet_alone", *feet_alone),
        ];
        CONDITIONS
            .iter()
            .filter(|c| set.iter().any(|&(name, set)| set && name == c.name))
            .collect()
    }

    /// Whether any condition is about a single entry.
    pub fn has_entry_conditions(&self) -> bool {
        !self.symptoms_any.is_empty()
            || !self.symptoms_all.is_empty()
            || !self.areas_any.is_empty()
            || !self.both_sides_of.is_empty()
            || !self.one_side_of.is_empty()
            || self.pain_at_least.is_some()
            || !self.pain_on_days.is_empty()
            || self.onset.is_some()
            || !self.triggers_any.is_empty()
    }

    /// Whether any condition is about who the person is.
    pub fn has_profile_conditions(&self) -> bool {
        !self.profile_any.is_empty() || self.age_at_least.is_some() || self.age_below.is_some()
    }

    /// Whether any condition is about the current episode.
    pub fn has_episode_conditions(&self) -> bool {
        self.episode_days_at_least.is_some() || self.not_improving
    }
}

/// Pain of at least `at_least` on at least `days` different days (each entry's own date), the
/// first and the last no further apart than `span`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PainDays {
    /// The least pain that counts, 0–10.
    pub at_least: u8,
    /// How many different days.
    pub days: u32,
    /// How far apart the first and the last may be.
    pub span: Duration,
}

/// One red-flag rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// Stable id, e.g. `both-legs`.
    pub id: String,
    /// How soon to act.
    pub level: Level,
    /// What was logged, as a headline (no diagnosis).
    pub title: String,
    /// What to do; `{emergency}` stands for the emergency number.
    pub action: String,
    /// Why it matters.
    pub why: String,
    /// Where the facts come from.
    pub sources: Vec<String>,
    /// How far back entries count.
    pub within: Duration,
    /// Routine kinds held back while it is active.
    pub blocks: Vec<Kind>,
    /// What it looks for.
    pub when: Conditions,
    /// Raised once per episode (`once_per_episode = true` in the file): an acknowledgement mutes
    /// it until a new episode starts. Rules raised by who the person is plus ordinary pain are
    /// so without saying ([`Rule::once_per_episode`]).
    pub per_episode: bool,
    /// Whether it came with knotless (else from the user's file).
    pub bundled: bool,
    /// Whether, like an emergency, it stays raised until it is marked as checked instead of
    /// lapsing with its window (`until_checked = true`; leg weakness).
    pub until_checked: bool,
}

impl Rule {
    /// Whether an acknowledgement mutes the rule until a new episode starts, not until the next
    /// matching entry: a rule raised by who the person is plus ordinary pain (age, a past cancer
    /// …), or one that says so (`once_per_episode = true`: severe pain, the upper back).
    pub fn once_per_episode(&self) -> bool {
        let c = &self.when;
        self.per_episode
            || c.has_profile_conditions()
                && c.symptoms_any.is_empty()
                && c.symptoms_all.is_empty()
                && c.areas_any.is_empty()
                && c.both_sides_of.is_empty()
                && c.one_side_of.is_empty()
                && c.pain_on_days.is_empty()
                && c.onset.is_none()
                && c.triggers_any.is_empty()
    }

    /// Whether the flag stays until it is marked as checked: every emergency, and a rule with
    /// `until_checked = true`. Other flags lapse with their window.
    pub fn never_lapses(&self) -> bool {
        self.level == Level::Emergency || self.until_checked
    }

    /// The action with the emergency number filled in.
    pub fn action_text(&self, emergency_number: Option<&str>) -> String {
        self.action.replace(
            "{emergency}",
            emergency_number.unwrap_or(super::DEFAULT_EMERGENCY),
        )
    }
}

/// Every rule in force, and what was wrong with the user's file, if anything.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// Bundled rules first, then the user's.
    pub rules: Vec<Rule>,
    /// Problems in the user's file (its rules are then left out; the bundled ones still apply).
    pub problems: Vec<Diagnostic>,
}

impl RuleSet {
    /// The bundled rules alone.
    pub fn bundled() -> RuleSet {
        let rules = parse("red-flags.toml (bundled)", BUNDLED, true, &HashSet::new())
            .expect("the bundled red-flag rules are valid (tested)");
        RuleSet {
            rules,
            problems: Vec::new(),
        }
    }

    /// The bundled rules, plus those of `user_file` if it exists.
    pub fn load(user_file: &Path) -> RuleSet {
        let mut set = RuleSet::bundled();
        let text = match crate::disk::read_to_string(user_file) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return set,
            Err(e) => {
                set.problems.push(Diagnostic::whole_file(
                    &user_file.display().to_string(),
                    format!("cannot read it: {e}"),
                ));
                return set;
            }
        };
        let taken: HashSet<String> = set.rules.iter().map(|r| r.id.clone()).collect();
        match parse(&user_file.display().to_string(), &text, false, &taken) {
            Ok(rules) => set.rules.extend(rules),
            Err(problems) => set.problems = problems,
        }
        set
    }

    /// The rule with this id.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}
