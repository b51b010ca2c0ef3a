//! The keys of a rules file named once: each condition of [`CONDITIONS`] parses into itself and
//! says what it reads; the parser's list of accepted keys and the README are the tables'.

use std::collections::HashSet;

use super::eval::meets;
use super::matched::matched;
use super::rules::{CONDITIONS, Conditions, Group, RULE_KEYS, Rule, RuleSet, parse};
use crate::symptoms::{Field, Onset, SymptomEntry};
use crate::vocabulary::IdSet;

const RULE: &str = "[[rules]]\nid = \"mine\"\nlevel = \"soon\"\ntitle = \"t\"\naction = \"a\"\n";

/// A value for each condition. A condition added to the table needs one here (the test then
/// fails naming it).
fn sample(name: &str) -> &'static str {
    match name {
        "symptoms_any" | "symptoms_all" => "[\"numbness\"]",
        "areas_any" => "[\"leg-left\"]",
        "both_sides_of" | "one_side_of" => "[\"leg\"]",
        "pain_at_least" => "5",
        "pain_on_days" => "[{ at_least = 8, days = 2, within = \"7d\" }]",
        "onset" => "\"sudden\"",
        "triggers_any" => "[\"fall\"]",
        "profile_any" => "[\"osteoporosis\"]",
        "age_at_least" => "50",
        "age_below" => "20",
        "episode_days_at_least" => "21",
        "not_improving" | "feet_alone" => "true",
        "not_feet_alone_with" => "[\"neuropathy\"]",
        other => panic!("give the condition `{other}` a sample value in this test"),
    }
}

fn rule(when: &str) -> Result<Rule, Vec<String>> {
    let text = format!("{RULE}[rules.when]\n{when}");
    parse("mine.toml", &text, false, &HashSet::new())
        .map(|mut rules| rules.remove(0))
        .map_err(|e| e.iter().map(|d| d.headline()).collect())
}

fn conditions(when: &str) -> Result<Conditions, Vec<String>> {
    rule(when).map(|r| r.when)
}

/// The `has_*_conditions` and `once_per_episode` the evaluation uses agree with the groups of
/// the table.
fn groups_agree(rule: &Rule) {
    let (c, set) = (&rule.when, rule.when.set());
    let any = |group| set.iter().any(|k| k.group == group);
    assert_eq!(c.has_entry_conditions(), any(Group::Entry), "{c:?}");
    assert_eq!(c.has_profile_conditions(), any(Group::Profile), "{c:?}");
    assert_eq!(c.has_episode_conditions(), any(Group::Episode), "{c:?}");
    // Raised by who the person is plus ordinary pain: no entry condition but a pain level.
    let ordinary_pain = set
        .iter()
        .all(|k| k.group != Group::Entry || k.name == "pain_at_least");
    assert_eq!(
        rule.once_per_episode(),
        rule.per_episode || any(Group::Profile) && ordinary_pain,
        "{}",
        rule.id
    );
}

#[test]
fn each_condition_of_the_table_parses_alone_into_itself() {
    for condition in CONDITIONS {
        let looks_at_log = matches!(condition.group, Group::Entry | Group::Episode);
        // Conditions that do not look at the log need one that does.
        let helper = if looks_at_log {
            ""
        } else {
            "pain_at_least = 1\n"
        };
        let when = format!("{helper}{} = {}\n", condition.name, sample(condition.name));
        let rule = rule(&when).unwrap_or_else(|e| panic!("{when}: {e:?}"));
        let mut expected = vec![condition.name];
        if !looks_at_log {
            expected.insert(0, "pain_at_least");
        }
        let set: Vec<&str> = rule.when.set().iter().map(|k| k.name).collect();
        assert_eq!(set, expected, "{when}");
        groups_agree(&rule);
    }
    for rule in RuleSet::bundled().rules {
        groups_agree(&rule);
    }
}

/// An entry with something for every entry condition's sample.
fn everything() -> SymptomEntry {
    SymptomEntry {
        id: "01KAW3J8V4S9M2Q6C7D1E5F0GH".to_owned(),
        at: "2026-11-24T09:30:00+01:00".parse().unwrap(),
        pain: 9,
        onset: Some(Onset::Sudden),
        areas: IdSet::of(&["leg-left", "leg-right"]),
        symptoms: IdSet::of(&["numbness"]),
        denied: IdSet::of(&["saddle-numbness"]),
        triggers: IdSet::of(&["fall"]),
        relief: IdSet::of(&["heat"]),
        note: String::new(),
        edited: None,
    }
}

#[test]
fn what_an_entry_showed_of_a_rule_names_each_field_its_condition_reads() {
    let entry = everything();
    for condition in CONDITIONS.iter().filter(|c| c.group == Group::Entry) {
        let when = format!("{} = {}\n", condition.name, sample(condition.name));
        let rule = rule(&when).unwrap();
        assert!(meets(&rule, &entry), "{when}");
        let m = matched(&rule, &entry);
        for field in condition.reads {
            let shown = match field {
                // When is the entry's date, shown beside what matched.
                Field::At => true,
                Field::Pain => m.pain.is_some(),
                Field::Onset => m.onset.is_some() || m.onset_not_given,
                Field::Areas => !m.areas.is_empty(),
                Field::Symptoms => !m.symptoms.is_empty(),
                Field::Triggers => !m.triggers.is_empty(),
                Field::Denied => false,
            };
            assert!(shown, "{when}: {} not shown in {m:?}", field.key());
        }
    }
}

#[test]
fn a_misspelt_condition_is_told_with_the_tables_keys() {
    let listed = |keys: &[&str]| {
        keys.iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let names: Vec<&str> = CONDITIONS.iter().map(|c| c.name).collect();
    assert_eq!(
        conditions("pain_atleast = 9\n").unwrap_err(),
        [format!(
            "mine.toml:7:1: unknown field `pain_atleast`, expected one of {}",
            listed(&names)
        )]
    );
    let typo = RULE.replace("title", "titel");
    let e = parse("mine.toml", &typo, false, &HashSet::new()).unwrap_err();
    assert_eq!(
        e[0].headline(),
        format!(
            "mine.toml:4:1: unknown field `titel`, expected one of {}",
            listed(RULE_KEYS)
        )
    );
}

#[test]
fn every_field_the_rules_read_is_read_by_a_condition_and_no_condition_matches_a_denial() {
    let unread: Vec<Field> = Field::ALL
        .into_iter()
        .filter(|f| !CONDITIONS.iter().any(|c| c.reads.contains(f)))
        .collect();
    // A "no" to a screening question is never a symptom: it is in the projection so that a
    // changed answer counts as an edit, and no condition matches on it.
    assert_eq!(unread, [Field::Denied]);
    for c in CONDITIONS {
        assert_eq!(
            c.reads.is_empty(),
            c.group == Group::Profile,
            "{}: only a profile condition reads no entry",
            c.name
        );
    }
}

#[test]
fn a_rule_that_looks_only_at_the_profile_or_at_an_empty_list_is_refused() {
    let e = conditions("profile_any = [\"osteoporosis\"]\nsymptoms_any = []\n").unwrap_err();
    assert!(e[0].contains("`when` must look at the log"), "{e:?}");
    // Nearest miss: a symptom in the list looks at the log.
    let c = conditions("profile_any = [\"osteoporosis\"]\nsymptoms_any = [\"fever\"]\n").unwrap();
    assert!(c.has_entry_conditions() && c.has_profile_conditions());
}

#[test]
fn the_readme_names_every_key_of_a_rules_file() {
    let readme = include_str!("../../README.md");
    let start = readme
        .find("`red-flags.toml` beside the config file")
        .expect("the README describes a user's rules file");
    let paragraph = &readme[start..];
    let paragraph = &paragraph[..paragraph.find("\n\n").unwrap_or(paragraph.len())];
    let names = RULE_KEYS
        .iter()
        .copied()
        .chain(CONDITIONS.iter().map(|c| c.name));
    let missing: Vec<&str> = names
        .filter(|k| !paragraph.contains(&format!("`{k}`")))
        .collect();
    assert!(missing.is_empty(), "the README does not name {missing:?}");
}
