//! The red-flag rules: `assets/red-flags.toml` compiled in, plus an optional `red-flags.toml`
//! in the config dir that may add rules. A user rule can never replace or weaken a bundled one:
//! a user rule with a bundled id is an error, and the bundled rules always apply, even when the
//! user file is broken. Files are checked like routine files: unknown keys, unknown vocabulary
//! ids and bad levels are reported with file, line and column.

use std::collections::HashSet;
use std::path::Path;

use chrono::Duration;
use serde::Deserialize;
use toml::Spanned;

use super::Level;
use crate::diagnostic::Diagnostic;
use crate::routine::Kind;
use crate::symptoms::Onset;
use crate::vocabulary::{
    Areas, IdSet, ProfileConditions, Symptoms, Triggers, Vocabulary, id_set::IdKind,
};

const BUNDLED: &str = include_str!("../../assets/red-flags.toml");

/// The look-back window when a rule gives none.
pub const DEFAULT_WITHIN_DAYS: i64 = 14;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    rules: Vec<RuleFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    id: Spanned<String>,
    level: Level,
    title: Spanned<String>,
    action: Spanned<String>,
    #[serde(default)]
    why: String,
    #[serde(default)]
    sources: Vec<String>,
    within: Option<Spanned<String>>,
    #[serde(default)]
    blocks: Vec<Kind>,
    when: Spanned<WhenFile>,
}

type Ids = Option<Vec<Spanned<String>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WhenFile {
    symptoms_any: Ids,
    symptoms_all: Ids,
    areas_any: Ids,
    both_sides_of: Ids,
    one_side_of: Ids,
    pain_at_least: Option<Spanned<i64>>,
    onset: Option<Onset>,
    triggers_any: Ids,
    profile_any: Ids,
    age_at_least: Option<Spanned<i64>>,
    episode_days_at_least: Option<Spanned<i64>>,
    #[serde(default)]
    not_improving: bool,
}

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
    /// One entry's onset is this.
    pub onset: Option<Onset>,
    /// One entry has any of these triggers.
    pub triggers_any: Triggers,
    /// The profile has any of these conditions.
    pub profile_any: ProfileConditions,
    /// The person is at least this old (from `[profile] birth_year`).
    pub age_at_least: Option<u32>,
    /// The current episode has lasted at least this many days.
    pub episode_days_at_least: Option<u32>,
    /// The current episode's latest pain has not fallen 2 points from its first.
    pub not_improving: bool,
}

impl Conditions {
    /// Whether any condition is about a single entry.
    pub fn has_entry_conditions(&self) -> bool {
        !self.symptoms_any.is_empty()
            || !self.symptoms_all.is_empty()
            || !self.areas_any.is_empty()
            || !self.both_sides_of.is_empty()
            || !self.one_side_of.is_empty()
            || self.pain_at_least.is_some()
            || self.onset.is_some()
            || !self.triggers_any.is_empty()
    }

    /// Whether any condition is about who the person is.
    pub fn has_profile_conditions(&self) -> bool {
        !self.profile_any.is_empty() || self.age_at_least.is_some()
    }

    /// Whether any condition is about the current episode.
    pub fn has_episode_conditions(&self) -> bool {
        self.episode_days_at_least.is_some() || self.not_improving
    }
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
    /// Whether it came with knotless (else from the user's file).
    pub bundled: bool,
}

impl Rule {
    /// Whether the rule is raised by who the person is plus ordinary pain (age, a past cancer
    /// …): an acknowledgement then mutes it until a new episode starts, not until the next entry.
    pub fn once_per_episode(&self) -> bool {
        let c = &self.when;
        c.has_profile_conditions()
            && c.symptoms_any.is_empty()
            && c.symptoms_all.is_empty()
            && c.areas_any.is_empty()
            && c.both_sides_of.is_empty()
            && c.one_side_of.is_empty()
            && c.onset.is_none()
            && c.triggers_any.is_empty()
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
        let text = match std::fs::read_to_string(user_file) {
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

/// Parses and checks a rules file; `taken` are ids it may not reuse.
pub fn parse(
    file: &str,
    text: &str,
    bundled: bool,
    taken: &HashSet<String>,
) -> Result<Vec<Rule>, Vec<Diagnostic>> {
    let raw: RulesFile =
        toml::from_str(text).map_err(|e| vec![Diagnostic::from_toml(file, text, &e)])?;
    let mut errors = Vec::new();
    let mut error = |span: std::ops::Range<usize>, message: String, help: &str| {
        let d = Diagnostic::at(file, text, Some(span), message);
        errors.push(if help.is_empty() {
            d
        } else {
            d.with_help(help)
        });
    };
    let mut seen = HashSet::new();
    let mut rules = Vec::new();
    for r in raw.rules {
        let id = r.id.get_ref().trim().to_owned();
        if id.is_empty() {
            error(r.id.span(), "a rule needs an `id`".into(), "");
        } else if taken.contains(&id) {
            error(
                r.id.span(),
                format!("`{id}` is a bundled rule: it cannot be replaced or weakened"),
                "give your rule its own id; the bundled rule always applies",
            );
        } else if !seen.insert(id.clone()) {
            error(r.id.span(), format!("a second rule with the id `{id}`"), "");
        }
        if r.title.get_ref().trim().is_empty() {
            error(
                r.title.span(),
                "a rule needs a `title`: what was logged".into(),
                "",
            );
        }
        if r.action.get_ref().trim().is_empty() {
            error(
                r.action.span(),
                "a rule needs an `action`: what to do".into(),
                "",
            );
        }
        let within = match &r.within {
            None => Duration::days(DEFAULT_WITHIN_DAYS),
            Some(w) => match parse_within(w.get_ref()) {
                Some(d) => d,
                None => {
                    error(
                        w.span(),
                        format!("`within`: `{}` is not a duration", w.get_ref()),
                        "write days like \"14d\", or \"12h\", \"90m\"",
                    );
                    Duration::days(DEFAULT_WITHIN_DAYS)
                }
            },
        };
        let w = r.when.get_ref();
        let mut ids = |list: &Ids, out: &mut dyn FnMut(&str) -> Result<(), String>| {
            for id in list.iter().flatten() {
                if let Err(e) = out(id.get_ref()) {
                    error(id.span(), e, "");
                }
            }
        };
        let mut when = Conditions::default();
        ids(&w.symptoms_any, &mut insert(&mut when.symptoms_any));
        ids(&w.symptoms_all, &mut insert(&mut when.symptoms_all));
        ids(&w.areas_any, &mut insert(&mut when.areas_any));
        ids(&w.triggers_any, &mut insert(&mut when.triggers_any));
        ids(&w.profile_any, &mut insert(&mut when.profile_any));
        let parts = paired_parts();
        let mut sides_of = |list: &Ids, into: &mut Vec<Areas>| {
            ids(list, &mut |part: &str| {
                if parts.contains(&part) {
                    let sides = Areas::parse([format!("{part}-left"), format!("{part}-right")])
                        .map_err(|e| e.to_string())?;
                    into.push(sides);
                    Ok(())
                } else {
                    Err(format!(
                        "`{part}` is not a body part with a left and a right; valid: {}",
                        parts.join(", ")
                    ))
                }
            });
        };
        sides_of(&w.both_sides_of, &mut when.both_sides_of);
        sides_of(&w.one_side_of, &mut when.one_side_of);
        let mut number =
            |value: &Option<Spanned<i64>>, what: &str, range: std::ops::RangeInclusive<i64>| {
                value.as_ref().and_then(|v| {
                    if range.contains(v.get_ref()) {
                        Some(*v.get_ref())
                    } else {
                        error(
                            v.span(),
                            format!(
                                "`{what}` must be from {} to {} (got {})",
                                range.start(),
                                range.end(),
                                v.get_ref()
                            ),
                            "",
                        );
                        None
                    }
                })
            };
        when.pain_at_least = number(&w.pain_at_least, "pain_at_least", 0..=10).map(|n| n as u8);
        when.age_at_least = number(&w.age_at_least, "age_at_least", 0..=130).map(|n| n as u32);
        when.episode_days_at_least =
            number(&w.episode_days_at_least, "episode_days_at_least", 1..=3650).map(|n| n as u32);
        when.onset = w.onset;
        when.not_improving = w.not_improving;
        let looks_at_log = w.symptoms_any.is_some()
            || w.symptoms_all.is_some()
            || w.areas_any.is_some()
            || w.both_sides_of.is_some()
            || w.one_side_of.is_some()
            || w.pain_at_least.is_some()
            || w.onset.is_some()
            || w.triggers_any.is_some()
            || w.episode_days_at_least.is_some()
            || w.not_improving;
        if !looks_at_log {
            error(
                r.when.span(),
                "`when` must look at the log: give at least one condition on an entry or the episode"
                    .into(),
                "for example pain_at_least = 1 together with a profile condition",
            );
        }
        rules.push(Rule {
            id,
            level: r.level,
            title: r.title.into_inner().trim().to_owned(),
            action: r.action.into_inner().trim().to_owned(),
            why: r.why.trim().to_owned(),
            sources: r.sources,
            within,
            blocks: r.blocks,
            when,
            bundled,
        });
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

fn insert<K: IdKind>(set: &mut IdSet<K>) -> impl FnMut(&str) -> Result<(), String> + '_ {
    move |id| set.insert(id).map(|_| ()).map_err(|e| e.to_string())
}

/// The body parts that come in left and right (`leg`, `foot`, …).
fn paired_parts() -> Vec<&'static str> {
    let mut parts: Vec<&'static str> = Vocabulary::bundled()
        .areas
        .iter()
        .filter_map(|a| a.part.as_deref())
        .collect();
    parts.dedup();
    parts
}

/// `14d`, or any duration `12h`, `90m`.
fn parse_within(text: &str) -> Option<Duration> {
    if let Some(days) = text.trim().strip_suffix('d') {
        return days
            .parse::<i64>()
            .ok()
            .filter(|d| (1..=3650).contains(d))
            .map(Duration::days);
    }
    crate::duration::parse(text)
        .ok()
        .and_then(|d| Duration::from_std(d).ok())
}
