//! What in an entry a rule looked at: the evidence of a flag described by what matched
//! ("Numbness; Leg, left"), not by the entry's id. Pure: a rule and an entry in, the parts of
//! the entry that the rule's entry conditions name out. Used by `knotless flags` and the app's
//! Flags screen, which turn the parts into the vocabulary's labels.

use super::Rule;
use crate::symptoms::{Onset, SymptomEntry};
use crate::vocabulary::id_set::IdKind;
use crate::vocabulary::{Areas, Category, IdSet, Symptoms, Triggers, Vocabulary};

/// The parts of one entry a rule's entry conditions looked at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matched {
    /// The entry's symptoms among `symptoms_any` and `symptoms_all`.
    pub symptoms: Symptoms,
    /// The entry's areas among `areas_any` and the sides of `both_sides_of` / `one_side_of`.
    pub areas: Areas,
    /// The entry's triggers among `triggers_any`.
    pub triggers: Triggers,
    /// The entry's pain, when the rule asks for a pain of at least some level.
    pub pain: Option<u8>,
    /// The entry's onset, when the rule asks for one.
    pub onset: Option<Onset>,
    /// The rule asks for an onset and the entry gives none ("not sure", read as sudden).
    pub onset_not_given: bool,
}

/// The parts of `entry` that `rule` looked at. A part the rule does not ask about, or that the
/// entry does not have, is left out; a rule with no entry conditions (profile or episode only)
/// gives nothing.
pub fn matched(rule: &Rule, entry: &SymptomEntry) -> Matched {
    let (when, entry) = (&rule.when, entry.reads());
    let symptoms = union(&[when.symptoms_any, when.symptoms_all]);
    let mut area_sets = vec![when.areas_any];
    area_sets.extend(when.both_sides_of.iter().copied());
    area_sets.extend(when.one_side_of.iter().copied());
    let areas = union(&area_sets);
    Matched {
        symptoms: common(&entry.symptoms, &symptoms),
        areas: common(&entry.areas, &areas),
        triggers: common(&entry.triggers, &when.triggers_any),
        pain: (when.pain_at_least.is_some() || !when.pain_on_days.is_empty()).then_some(entry.pain),
        onset: when.onset.and(entry.onset),
        onset_not_given: when.onset.is_some() && entry.onset.is_none(),
    }
}

impl Matched {
    /// Whether nothing matched.
    pub fn is_empty(&self) -> bool {
        self.symptoms.is_empty()
            && self.areas.is_empty()
            && self.triggers.is_empty()
            && self.pain.is_none()
            && self.onset.is_none()
            && !self.onset_not_given
    }

    /// The parts in words, each a label of the vocabulary (labels may hold commas, so join them
    /// with "; "): symptoms, then areas, triggers, pain and onset.
    pub fn labels(&self) -> Vec<String> {
        let vocabulary = Vocabulary::bundled();
        let mut out: Vec<String> = Vec::new();
        let mut add = |category, ids: Vec<&'static str>| {
            out.extend(
                ids.into_iter()
                    .map(|id| vocabulary.label(category, id).to_owned()),
            );
        };
        add(Category::Symptom, self.symptoms.iter().collect());
        add(Category::Area, self.areas.iter().collect());
        add(Category::Trigger, self.triggers.iter().collect());
        if let Some(pain) = self.pain {
            out.push(format!("pain {pain} of 10"));
        }
        match self.onset {
            Some(Onset::Sudden) => out.push("began suddenly".to_owned()),
            Some(Onset::Gradual) => out.push("began gradually".to_owned()),
            None if self.onset_not_given => out.push("not sure how it began".to_owned()),
            None => {}
        }
        out
    }
}

/// What `entry` shows of `rule` in words, joined with "; ". A rule that looks at no part of
/// an entry (an episode or profile rule) gets the entry's pain.
pub fn describe(rule: &Rule, entry: &SymptomEntry) -> String {
    let parts = matched(rule, entry);
    if parts.is_empty() {
        format!("pain {} of 10", entry.reads().pain)
    } else {
        parts.labels().join("; ")
    }
}

fn union<K: IdKind>(sets: &[IdSet<K>]) -> IdSet<K> {
    let mut all = IdSet::new();
    for set in sets {
        for id in set.iter() {
            // Ids from a set are known ids: inserting them cannot fail.
            let _ = all.insert(id);
        }
    }
    all
}

fn common<K: IdKind>(entry: &IdSet<K>, rule: &IdSet<K>) -> IdSet<K> {
    let mut both = IdSet::new();
    for id in entry.iter().filter(|id| rule.contains(id)) {
        let _ = both.insert(id);
    }
    both
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::flags::rules::Conditions;

    fn rule(when: Conditions) -> Rule {
        Rule {
            id: "test".to_owned(),
            level: crate::flags::Level::Soon,
            title: "You logged a test".to_owned(),
            action: "Book".to_owned(),
            why: String::new(),
            sources: Vec::new(),
            within: chrono::Duration::days(14),
            blocks: Vec::new(),
            when,
            per_episode: false,
            bundled: true,
            until_checked: false,
        }
    }

    fn entry(pain: u8, areas: &[&str], symptoms: &[&str], triggers: &[&str]) -> SymptomEntry {
        SymptomEntry {
            edited: None,
            id: "01KAW3J8V4S9M2Q6C7D1E5F0GH".to_owned(),
            at: DateTime::parse_from_rfc3339("2026-11-24T09:30:00+01:00").unwrap(),
            pain,
            onset: Some(Onset::Sudden),
            areas: IdSet::of(areas),
            symptoms: IdSet::of(symptoms),
            denied: IdSet::of(&["saddle-numbness"]),
            triggers: IdSet::of(triggers),
            relief: IdSet::of(&["heat"]),
            note: "numbness in both legs".to_owned(),
        }
    }

    fn sides(part: &str) -> Areas {
        IdSet::of(&[
            format!("{part}-left").as_str(),
            format!("{part}-right").as_str(),
        ])
    }

    #[test]
    fn only_what_the_rule_looked_at_is_named_in_words() {
        let nerve = IdSet::of(&["shooting-pain", "numbness", "tingling", "weakness"]);
        let one_leg = rule(Conditions {
            symptoms_any: nerve,
            one_side_of: vec![sides("leg"), sides("foot"), sides("buttock")],
            ..Conditions::default()
        });
        let trauma = rule(Conditions {
            triggers_any: IdSet::of(&["fall", "accident"]),
            pain_at_least: Some(8),
            onset: Some(Onset::Sudden),
            ..Conditions::default()
        });
        let saddle = rule(Conditions {
            areas_any: IdSet::of(&["groin-saddle"]),
            symptoms_all: IdSet::of(&["numbness"]),
            ..Conditions::default()
        });
        let episode = rule(Conditions {
            episode_days_at_least: Some(21),
            not_improving: true,
            ..Conditions::default()
        });
        let rows: &[(&str, &Rule, SymptomEntry, &str)] = &[
            (
                "one side: the nerve symptom and the sided areas, not the back or the knot",
                &one_leg,
                entry(
                    6,
                    &["lower-back", "leg-left", "foot-left"],
                    &["knot", "numbness"],
                    &["sitting"],
                ),
                "Numbness; Leg, left; Foot, left",
            ),
            (
                "nearest miss: a buttock counts as a part when the rule names it",
                &one_leg,
                entry(3, &["buttock-right"], &["tingling"], &[]),
                "Tingling, pins and needles; Buttock, right",
            ),
            (
                "trauma: the trigger in full words, the pain and the onset",
                &trauma,
                entry(9, &["lower-back"], &["aching"], &["accident", "sitting"]),
                "An accident (car crash, fall from height); pain 9 of 10; began suddenly",
            ),
            (
                "nearest miss: an onset not given is said, as it counts as sudden",
                &trauma,
                SymptomEntry {
                    onset: None,
                    ..entry(8, &["lower-back"], &[], &["fall"])
                },
                "A fall; pain 8 of 10; not sure how it began",
            ),
            (
                "areas_any and symptoms_all both count",
                &saddle,
                entry(
                    2,
                    &["groin-saddle", "neck"],
                    &["numbness", "stiffness"],
                    &[],
                ),
                "Numbness; Groin and saddle area",
            ),
            (
                "a rule about the episode looks at no part: the pain stands in",
                &episode,
                entry(5, &["lower-back"], &["knot"], &[]),
                "pain 5 of 10",
            ),
        ];
        for (what, rule, entry, expected) in rows {
            assert_eq!(describe(rule, entry), *expected, "{what}");
        }
    }

    #[test]
    fn the_parts_are_the_intersection_with_the_rule() {
        let one_leg = rule(Conditions {
            symptoms_any: IdSet::of(&["numbness"]),
            both_sides_of: vec![sides("leg")],
            ..Conditions::default()
        });
        let got = matched(
            &one_leg,
            &entry(
                4,
                &["leg-left", "hip-left"],
                &["numbness", "knot"],
                &["fall"],
            ),
        );
        assert_eq!(got.symptoms, ["numbness"]);
        assert_eq!(got.areas, ["leg-left"]);
        assert!(
            got.triggers.is_empty(),
            "the rule does not ask for triggers"
        );
        assert_eq!(got.pain, None, "nor for pain");
        assert_eq!(got.onset, None, "nor for onset");
        let nothing = matched(&one_leg, &entry(4, &["neck"], &["knot"], &[]));
        assert!(nothing.is_empty(), "{nothing:?}");
    }
}
