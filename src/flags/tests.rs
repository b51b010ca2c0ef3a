//! Red-flag tests: every bundled rule against a log that fires it and the nearest log that does
//! not (the cases are in `rule_cases.rs`); every CLINICAL.md row has a rule; actions; loader
//! errors with line and column. The helpers here (`E`, `log`, `fired`, …) serve every flags test
//! file.

use std::collections::HashSet;

use chrono::{DateTime, Duration, FixedOffset};

use super::rule_cases::cases;
use super::rules::parse;
use super::*;
use crate::symptoms::{Onset, SymptomEntry};
use crate::vocabulary::IdSet;

pub(super) fn now() -> DateTime<FixedOffset> {
    "2026-11-25T12:00:00+01:00".parse().unwrap()
}

/// An entry `days_ago` days before now.
#[derive(Clone)]
pub(super) struct E {
    pub days_ago: i64,
    pub pain: u8,
    pub onset: Option<Onset>,
    pub areas: &'static [&'static str],
    pub symptoms: &'static [&'static str],
    pub denied: &'static [&'static str],
    pub triggers: &'static [&'static str],
    pub note: &'static str,
}

pub(super) const BASE: E = E {
    days_ago: 1,
    pain: 4,
    onset: None,
    areas: &["lower-back"],
    symptoms: &[],
    denied: &[],
    triggers: &[],
    note: "",
};

pub(super) fn log(entries: &[E]) -> Vec<SymptomEntry> {
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| SymptomEntry {
            edited: None,
            id: format!("e{i}"),
            at: now() - Duration::days(e.days_ago),
            pain: e.pain,
            onset: e.onset,
            areas: IdSet::of(e.areas),
            symptoms: IdSet::of(e.symptoms),
            denied: IdSet::of(e.denied),
            triggers: IdSet::of(e.triggers),
            relief: IdSet::new(),
            note: e.note.to_owned(),
        })
        .collect()
}

/// Entries of `entries`, each written (its id's time) when it is dated.
pub(super) fn written(entries: &[E]) -> Vec<SymptomEntry> {
    log(entries)
        .into_iter()
        .enumerate()
        .map(|(i, mut e)| {
            e.id = crate::id::encode(e.at.timestamp_millis() as u64, i as u128);
            e
        })
        .collect()
}

/// An acknowledgement of `flag` made `days_ago` days before now.
pub(super) fn ack(flag: &str, days_ago: i64) -> Ack {
    Ack {
        id: format!("ack-{flag}-{days_ago}"),
        flag: flag.into(),
        at: now() - Duration::days(days_ago),
    }
}

/// The ids of the bundled rules' flags active at `at`.
pub(super) fn active_at(
    entries: &[SymptomEntry],
    p: &Profile,
    acks: &[Ack],
    at: DateTime<FixedOffset>,
) -> Vec<String> {
    let rules = RuleSet::bundled();
    evaluate(entries, p, &rules.rules, acks, at)
        .active
        .iter()
        .map(|f| f.rule.id.clone())
        .collect()
}

/// The ids of the bundled rules' flags active now.
pub(super) fn active(entries: &[SymptomEntry], p: &Profile, acks: &[Ack]) -> Vec<String> {
    active_at(entries, p, acks, now())
}

pub(super) fn profile(born: Option<i32>, conditions: &[&str]) -> Profile {
    Profile {
        birth_year: born,
        conditions: IdSet::of(conditions),
    }
}

pub(super) fn fired(entries: &[E], p: &Profile) -> Vec<String> {
    let rules = RuleSet::bundled();
    let flags = evaluate(&log(entries), p, &rules.rules, &[], now());
    flags.active.iter().map(|f| f.rule.id.clone()).collect()
}

#[test]
fn every_bundled_rule_fires_on_its_log_and_not_on_the_nearest_one() {
    let cases = cases();
    let rules = RuleSet::bundled();
    let covered: HashSet<&str> = cases.iter().map(|c| c.rule).collect();
    for rule in &rules.rules {
        assert!(
            covered.contains(rule.id.as_str()),
            "no test case for `{}`",
            rule.id
        );
    }
    for c in &cases {
        let yes = fired(&c.fires, &c.fires_profile);
        assert!(
            yes.iter().any(|id| id == c.rule),
            "{} should fire: {yes:?}",
            c.rule
        );
        let no = fired(&c.near, &c.near_profile);
        assert!(
            !no.iter().any(|id| id == c.rule),
            "{} should not fire ({}): {no:?}",
            c.rule,
            c.differs
        );
    }
}

#[test]
fn every_clinical_red_flag_row_has_a_rule() {
    let rules = RuleSet::bundled();
    for row in [
        "saddle-numbness",
        "bladder-bowel",
        "both-legs",
        "sexual-change",
        "major-trauma",
        "fragile-trauma",
        "chest-pain",
        "fever",
        "weight-loss",
        "night-pain",
        "lump",
        "cough-pain",
        "cancer-history",
        "infection-risk",
        "age-onset",
        "one-leg",
        "not-improving",
        "lingering",
        "sudden-severe",
        "standing-bending",
    ] {
        let rule = rules
            .get(row)
            .unwrap_or_else(|| panic!("no rule for {row}"));
        assert!(!rule.why.is_empty() && !rule.sources.is_empty(), "{row}");
    }
}

#[test]
fn a_leg_entry_with_every_screening_question_denied_and_negated_notes_raises_no_emergency() {
    let entries = [E {
        areas: &["leg-left"],
        symptoms: &["aching"],
        denied: &[
            "saddle-numbness",
            "bladder-change",
            "bowel-change",
            "sexual-change",
        ],
        note: "no numbness, no bladder trouble, no weakness in both legs",
        ..BASE
    }];
    assert_eq!(fired(&entries, &Profile::default()), Vec::<String>::new());
}

#[test]
fn actions_name_the_configured_emergency_number_or_a_default() {
    let rules = RuleSet::bundled();
    let rule = rules.get("both-legs").unwrap();
    assert!(
        rule.action_text(Some("999"))
            .starts_with("If this is new or worse for you, call 999 or go")
    );
    assert!(
        rule.action_text(None)
            .contains("your local emergency number")
    );
}

fn errors(text: &str) -> Vec<String> {
    let taken: HashSet<String> = ["fever".to_owned()].into();
    parse("mine.toml", text, false, &taken)
        .unwrap_err()
        .iter()
        .map(|d| d.headline())
        .collect()
}

#[test]
fn a_rule_file_with_a_typo_an_unknown_id_or_a_bad_level_names_line_and_column() {
    let rule = "[[rules]]\nid = \"mine\"\nlevel = \"soon\"\ntitle = \"t\"\naction = \"a\"\n";
    assert_eq!(
        errors(&format!(
            "{rule}titel = \"x\"\n[rules.when]\npain_at_least = 9\n"
        )),
        [
            "mine.toml:6:1: unknown field `titel`, expected one of `id`, `level`, `title`, `action`, `why`, `sources`, `within`, `blocks`, `once_per_episode`, `until_checked`, `when`"
        ]
    );
    let e = errors(&format!(
        "{rule}[rules.when]\nsymptoms_any = [\"numbnes\"]\n"
    ));
    assert!(
        e[0].starts_with("mine.toml:7:17: unknown symptom `numbnes`; valid: knot,"),
        "{e:?}"
    );
    let later = rule.replace("\"soon\"", "\"later\"");
    let e = errors(&format!("{later}[rules.when]\npain_at_least = 9\n"));
    assert!(
        e[0].starts_with("mine.toml:3:9: unknown variant `later`"),
        "{e:?}"
    );
    let e = errors(&format!("{rule}[rules.when]\nboth_sides_of = [\"neck\"]\n"));
    assert!(
        e[0].starts_with("mine.toml:7:18: `neck` is not a body part with a left and a right"),
        "{e:?}"
    );
    let e = errors(&format!("{rule}[rules.when]\none_side_of = [\"neck\"]\n"));
    assert!(
        e[0].starts_with("mine.toml:7:16: `neck` is not a body part with a left and a right"),
        "{e:?}"
    );
    let e = errors(&format!(
        "{rule}within = \"2w\"\n[rules.when]\npain_at_least = 11\n"
    ));
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(e[0].starts_with("mine.toml:6:10: `within`"), "{e:?}");
    assert!(
        e[1].starts_with("mine.toml:8:17: `pain_at_least` must be from 0 to 10"),
        "{e:?}"
    );
}

#[test]
fn a_user_rule_cannot_replace_a_bundled_one_or_look_only_at_the_profile() {
    let e = errors(
        "[[rules]]\nid = \"fever\"\nlevel = \"soon\"\ntitle = \"t\"\naction = \"a\"\n[rules.when]\nsymptoms_any = [\"fever\"]\n",
    );
    assert!(
        e[0].starts_with("mine.toml:2:6: `fever` is a bundled rule"),
        "{e:?}"
    );
    let e = errors(
        "[[rules]]\nid = \"x\"\nlevel = \"soon\"\ntitle = \"t\"\naction = \"a\"\n[rules.when]\nprofile_any = [\"diabetes\"]\n",
    );
    assert!(e[0].contains("`when` must look at the log"), "{e:?}");
}

#[test]
fn a_user_file_adds_rules_and_a_broken_one_leaves_the_bundled_rules_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("red-flags.toml");
    std::fs::write(&path, "[[rules]]\nid = \"my-spasm\"\nlevel = \"soon\"\ntitle = \"Spasms again\"\naction = \"Call the physio.\"\nwithin = \"3d\"\n[rules.when]\nsymptoms_all = [\"spasm\", \"stiffness\"]\n").unwrap();
    let set = RuleSet::load(&path);
    assert!(set.problems.is_empty(), "{:?}", set.problems);
    let mine = set.get("my-spasm").unwrap();
    assert!(!mine.bundled);
    assert_eq!(mine.within, Duration::days(3));
    let bundled = RuleSet::bundled().rules.len();
    assert_eq!(set.rules.len(), bundled + 1);

    std::fs::write(&path, "[[rules]]\nid = 3\n").unwrap();
    let set = RuleSet::load(&path);
    assert_eq!(set.rules.len(), bundled);
    assert!(
        set.problems[0].headline().contains("red-flags.toml:2:6"),
        "{:?}",
        set.problems
    );
}

#[test]
fn the_rules_file_lists_every_rule_under_its_level() {
    // The comment block at the top of assets/red-flags.toml: "#   level: id, id (note), …".
    let text = include_str!("../../assets/red-flags.toml");
    let block: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.contains("The rules, by level:"))
        .skip(1)
        .take_while(|l| l.starts_with("#  "))
        .collect();
    let mut listed: Vec<(String, String)> = Vec::new();
    let mut level = String::new();
    let mut depth = 0i32;
    for line in block {
        let mut rest = line.trim_start_matches('#').trim();
        if let Some((name, after)) = rest.split_once(':') {
            level = name.trim().to_owned();
            rest = after;
        }
        // Notes in brackets may run over a line; they name no rule.
        let mut plain = String::new();
        for c in rest.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ if depth == 0 => plain.push(c),
                _ => {}
            }
        }
        listed.extend(
            plain
                .split(',')
                .map(str::trim)
                .filter(|id| {
                    !id.is_empty()
                        && id
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                })
                .map(|id| (level.clone(), id.to_owned())),
        );
    }
    let mut rules: Vec<(String, String)> = RuleSet::bundled()
        .rules
        .iter()
        .map(|r| (format!("{:?}", r.level).to_lowercase(), r.id.clone()))
        .collect();
    listed.sort();
    rules.sort();
    assert_eq!(listed, rules);
}
