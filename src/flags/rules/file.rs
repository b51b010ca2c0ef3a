//! A rules file: its TOML shape, and parsing it into rules with every mistake reported at its
//! file, line and column.

use std::collections::HashSet;

use chrono::Duration;
use serde::Deserialize;
use toml::Spanned;

use super::keys::{Group, Ids, RuleFile};
use super::{Conditions, DEFAULT_WITHIN_DAYS, PainDays, Rule};
use crate::diagnostic::Diagnostic;
use crate::vocabulary::{Areas, IdSet, Vocabulary, id_set::IdKind};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    rules: Vec<RuleFile>,
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
        ids(
            &w.not_feet_alone_with,
            &mut insert(&mut when.not_feet_alone_with),
        );
        when.feet_alone = w.feet_alone;
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
        when.age_below = number(&w.age_below, "age_below", 1..=130).map(|n| n as u32);
        when.episode_days_at_least =
            number(&w.episode_days_at_least, "episode_days_at_least", 1..=3650).map(|n| n as u32);
        let mut bad_spans = Vec::new();
        for days in w.pain_on_days.iter().flatten() {
            let d = days.get_ref();
            let at_least = number(&Some(d.at_least.clone()), "at_least", 0..=10);
            let count = number(&Some(d.days.clone()), "days", 1..=3650);
            let span = match &d.within {
                None => Some(within),
                Some(w) => parse_within(w.get_ref()).or_else(|| {
                    bad_spans.push(w.clone());
                    None
                }),
            };
            if let (Some(at_least), Some(count), Some(span)) = (at_least, count, span) {
                when.pain_on_days.push(PainDays {
                    at_least: at_least as u8,
                    days: count as u32,
                    span,
                });
            }
        }
        for w in bad_spans {
            error(
                w.span(),
                format!("`within`: `{}` is not a duration", w.get_ref()),
                "write days like \"7d\", or \"12h\", \"90m\"",
            );
        }
        when.onset = w.onset;
        when.not_improving = w.not_improving;
        let looks_at_log = w
            .written()
            .iter()
            .any(|c| matches!(c.group, Group::Entry | Group::Episode));
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
            per_episode: r.once_per_episode,
            bundled,
            until_checked: r.until_checked,
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
