//! Red-flag tests: every bundled rule against a log that fires it and the nearest log that does
//! not; episode arithmetic; acknowledgements; loader errors with line and column.

use std::collections::HashSet;

use chrono::{DateTime, Duration, FixedOffset};

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

/// (rule, log that fires it, its profile, nearest log that does not, its profile, what differs)
struct Case {
    rule: &'static str,
    fires: Vec<E>,
    fires_profile: Profile,
    near: Vec<E>,
    near_profile: Profile,
    differs: &'static str,
}

fn case(rule: &'static str, fires: E, near: E, differs: &'static str) -> Case {
    Case {
        rule,
        fires: vec![fires],
        fires_profile: Profile::default(),
        near: vec![near],
        near_profile: Profile::default(),
        differs,
    }
}

fn cases() -> Vec<Case> {
    let legs = &["leg-left", "foot-left"];
    vec![
        case(
            "saddle-numbness",
            E {
                symptoms: &["saddle-numbness"],
                ..BASE
            },
            E {
                denied: &["saddle-numbness"],
                note: "no numbness down there",
                ..BASE
            },
            "denied, and a negated note",
        ),
        case(
            "saddle-area",
            E {
                areas: &["groin-saddle"],
                symptoms: &["tingling"],
                ..BASE
            },
            E {
                areas: &["groin-saddle"],
                symptoms: &["aching"],
                ..BASE
            },
            "an ache, not numbness or tingling",
        ),
        case(
            "bladder-bowel",
            E {
                symptoms: &["bowel-change"],
                ..BASE
            },
            E {
                denied: &["bladder-change", "bowel-change"],
                ..BASE
            },
            "denied",
        ),
        case(
            "both-legs",
            E {
                areas: &["leg-left", "leg-right"],
                symptoms: &["numbness"],
                ..BASE
            },
            E {
                areas: &["leg-left", "leg-right"],
                symptoms: &["stiffness"],
                ..BASE
            },
            "stiffness is not a nerve symptom",
        ),
        case(
            "saddle-buttocks",
            E {
                areas: &["buttock-left", "buttock-right"],
                symptoms: &["numbness"],
                ..BASE
            },
            E {
                areas: &["buttock-left"],
                symptoms: &["numbness"],
                ..BASE
            },
            "one buttock",
        ),
        case(
            "sexual-change",
            E {
                symptoms: &["sexual-change"],
                ..BASE
            },
            E {
                denied: &["sexual-change"],
                ..BASE
            },
            "denied",
        ),
        case(
            "major-trauma",
            E {
                triggers: &["accident"],
                ..BASE
            },
            E {
                triggers: &["fall"],
                ..BASE
            },
            "a fall, no fragile bones, age unknown",
        ),
        case(
            "chest-pain",
            E {
                days_ago: 40,
                symptoms: &["chest-pain"],
                ..BASE
            },
            E {
                symptoms: &["aching"],
                note: "chest pain",
                ..BASE
            },
            "only a note (an emergency never lapses: 40 days old still fires)",
        ),
        Case {
            rule: "fragile-trauma",
            fires: vec![E {
                triggers: &["lifting"],
                ..BASE
            }],
            fires_profile: profile(None, &["osteoporosis"]),
            near: vec![E {
                triggers: &["lifting"],
                ..BASE
            }],
            near_profile: profile(None, &["diabetes"]),
            differs: "no fragile-bone condition",
        },
        Case {
            rule: "fall-over-50",
            fires: vec![E {
                triggers: &["fall"],
                ..BASE
            }],
            fires_profile: profile(Some(1976), &[]),
            near: vec![E {
                triggers: &["fall"],
                ..BASE
            }],
            near_profile: profile(Some(1977), &[]),
            differs: "49, not 50",
        },
        case(
            "fall-severe",
            E {
                pain: 8,
                onset: Some(Onset::Sudden),
                triggers: &["fall"],
                ..BASE
            },
            E {
                pain: 7,
                onset: Some(Onset::Sudden),
                triggers: &["fall"],
                ..BASE
            },
            "pain 7, not 8",
        ),
        case(
            "fever",
            E {
                symptoms: &["fever"],
                ..BASE
            },
            E {
                days_ago: 15,
                symptoms: &["fever"],
                ..BASE
            },
            "outside the window",
        ),
        case(
            "weight-loss",
            E {
                symptoms: &["weight-loss"],
                ..BASE
            },
            E {
                note: "no weight loss",
                ..BASE
            },
            "a note is never read",
        ),
        case(
            "night-pain",
            E {
                symptoms: &["night-pain"],
                ..BASE
            },
            E {
                symptoms: &["stiffness"],
                note: "pain at night",
                ..BASE
            },
            "only a note",
        ),
        case(
            "lump",
            E {
                symptoms: &["lump"],
                ..BASE
            },
            E {
                symptoms: &["knot"],
                ..BASE
            },
            "a knot is not a lump",
        ),
        case(
            "cough-pain",
            E {
                symptoms: &["pain-on-cough"],
                ..BASE
            },
            E {
                days_ago: 20,
                symptoms: &["pain-on-cough"],
                ..BASE
            },
            "outside the window",
        ),
        Case {
            rule: "cancer-history",
            fires: vec![E { pain: 1, ..BASE }],
            fires_profile: profile(None, &["cancer-history"]),
            near: vec![E { pain: 0, ..BASE }],
            near_profile: profile(None, &["cancer-history"]),
            differs: "no pain",
        },
        Case {
            rule: "infection-risk",
            fires: vec![E { pain: 3, ..BASE }],
            fires_profile: profile(None, &["immunosuppressed"]),
            near: vec![E { pain: 3, ..BASE }],
            near_profile: profile(None, &["diabetes"]),
            differs: "another condition",
        },
        case(
            "leg-weakness",
            E {
                areas: &["lower-back"],
                symptoms: &["weakness"],
                ..BASE
            },
            E {
                areas: &["foot-right"],
                symptoms: &["stiffness"],
                ..BASE
            },
            "stiffness, not weakness",
        ),
        Case {
            rule: "sudden-severe-fragile",
            fires: vec![E {
                pain: 8,
                onset: Some(Onset::Sudden),
                ..BASE
            }],
            fires_profile: profile(None, &["long-term-steroids"]),
            near: vec![E {
                pain: 7,
                onset: Some(Onset::Sudden),
                ..BASE
            }],
            near_profile: profile(None, &["long-term-steroids"]),
            differs: "pain 7, not 8",
        },
        Case {
            rule: "age-onset",
            fires: vec![E { pain: 2, ..BASE }],
            fires_profile: profile(Some(1960), &[]),
            near: vec![E { pain: 2, ..BASE }],
            near_profile: profile(None, &[]),
            differs: "birth year unknown",
        },
        case(
            "one-leg",
            E {
                areas: legs,
                symptoms: &["shooting-pain"],
                ..BASE
            },
            E {
                areas: &["lower-back-left"],
                symptoms: &["shooting-pain"],
                ..BASE
            },
            "the lower back, not a leg, foot or buttock",
        ),
        Case {
            rule: "not-improving",
            fires: [22, 15, 8, 1]
                .iter()
                .map(|&d| E {
                    days_ago: d,
                    pain: if d == 1 { 5 } else { 6 },
                    ..BASE
                })
                .collect(),
            fires_profile: Profile::default(),
            near: [22, 15, 8, 1]
                .iter()
                .map(|&d| E {
                    days_ago: d,
                    pain: if d == 1 { 4 } else { 6 },
                    ..BASE
                })
                .collect(),
            near_profile: Profile::default(),
            differs: "down by 2 points",
        },
        Case {
            rule: "lingering",
            fires: vec![
                E {
                    days_ago: 5,
                    pain: 5,
                    ..BASE
                },
                E {
                    days_ago: 1,
                    pain: 5,
                    ..BASE
                },
            ],
            fires_profile: Profile::default(),
            near: vec![
                E {
                    days_ago: 4,
                    pain: 5,
                    ..BASE
                },
                E {
                    days_ago: 1,
                    pain: 5,
                    ..BASE
                },
            ],
            near_profile: Profile::default(),
            differs: "4 days, not 5",
        },
        case(
            "sudden-severe",
            E {
                pain: 8,
                onset: Some(Onset::Sudden),
                ..BASE
            },
            E {
                pain: 8,
                onset: Some(Onset::Gradual),
                ..BASE
            },
            "gradual onset",
        ),
        case(
            "standing-bending",
            E {
                symptoms: &["difficulty-bending"],
                ..BASE
            },
            E {
                symptoms: &["stiffness"],
                ..BASE
            },
            "stiffness only",
        ),
    ]
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
fn flags_come_most_severe_first_with_their_evidence() {
    let entries = [
        E {
            days_ago: 3,
            areas: &["leg-left"],
            symptoms: &["numbness"],
            ..BASE
        },
        E {
            days_ago: 2,
            symptoms: &["fever"],
            ..BASE
        },
        E {
            days_ago: 1,
            areas: &["leg-left", "leg-right"],
            symptoms: &["numbness"],
            ..BASE
        },
    ];
    let rules = RuleSet::bundled();
    let flags = evaluate(
        &log(&entries),
        &Profile::default(),
        &rules.rules,
        &[],
        now(),
    );
    let ids: Vec<&str> = flags.active.iter().map(|f| f.rule.id.as_str()).collect();
    assert_eq!(ids, ["both-legs", "fever"], "not also 'one side'");
    let both = &flags.active[0];
    assert_eq!(
        both.evidence
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>(),
        ["e0", "e2"],
        "the left-leg entry counts with the later one naming both"
    );
    assert_eq!(both.evidence[0].at, now() - Duration::days(3));
    assert_eq!(flags.top().unwrap().rule.level, Level::Emergency);
    assert_eq!(flags.blocking(crate::routine::Kind::Heat).count(), 2);
}

#[test]
fn an_entry_with_leg_symptoms_fires_exactly_one_of_both_legs_and_one_leg() {
    let sides = [
        "leg-left",
        "leg-right",
        "foot-left",
        "foot-right",
        "buttock-left",
        "buttock-right",
    ];
    for mask in 1..64u32 {
        // `E` holds 'static slices: 63 tiny leaks in a test.
        let areas: &'static [&str] = (0..6)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| sides[i])
            .collect::<Vec<_>>()
            .leak();
        let both = areas.iter().any(|a| a.ends_with("-left"))
            && areas.iter().any(|a| a.ends_with("-right"));
        let entries = [E {
            areas,
            symptoms: &["tingling"],
            ..BASE
        }];
        let ids = fired(&entries, &Profile::default());
        let expected = if both { "both-legs" } else { "one-leg" };
        assert!(ids.iter().any(|id| id == expected), "{areas:?}: {ids:?}");
        let other = if both { "one-leg" } else { "both-legs" };
        assert!(!ids.iter().any(|id| id == other), "{areas:?}: {ids:?}");
    }
}

#[test]
fn entries_after_as_of_do_not_count() {
    let entries = log(&[E {
        days_ago: 0,
        symptoms: &["chest-pain"],
        ..BASE
    }]);
    let rules = RuleSet::bundled();
    let before = Moment::as_of(now() - Duration::hours(1));
    let flags = evaluate_at(&entries, &Profile::default(), &rules.rules, &[], before);
    assert!(flags.active.is_empty(), "as of an hour before it");
    let flags = evaluate_at(
        &entries,
        &Profile::default(),
        &rules.rules,
        &[],
        Moment::as_of(now()),
    );
    assert_eq!(flags.active[0].rule.id, "chest-pain");
}

#[test]
fn episodes_end_at_a_gap_of_more_than_a_week_or_a_pain_free_entry() {
    let at = |d: i64, pain: u8| E {
        days_ago: d,
        pain,
        ..BASE
    };
    let entries = log(&[at(30, 7), at(20, 6), at(12, 6), at(4, 6), at(1, 6)]);
    let ep = eval::episode(&entries, now()).unwrap();
    assert_eq!(
        (ep.first.id.as_str(), ep.latest.id.as_str(), ep.days),
        ("e3", "e4", 4)
    );
    let entries = log(&[at(20, 6), at(14, 6), at(8, 0), at(3, 5), at(1, 5)]);
    assert_eq!(eval::episode(&entries, now()).unwrap().first.id, "e3");
    let entries = log(&[at(20, 6), at(3, 0)]);
    assert!(eval::episode(&entries, now()).is_none(), "latest pain-free");
    let entries = log(&[at(20, 6), at(10, 6)]);
    assert!(
        eval::episode(&entries, now()).is_none(),
        "nothing in the last week"
    );
    assert!(eval::episode(&[], now()).is_none());
}

#[test]
fn an_acknowledged_flag_is_muted_until_new_evidence_arrives() {
    let rules = RuleSet::bundled();
    let entries = log(&[E {
        days_ago: 3,
        symptoms: &["fever"],
        ..BASE
    }]);
    let ack = Ack {
        id: "a1".into(),
        flag: "fever".into(),
        at: now() - Duration::days(2),
    };
    let flags = evaluate(
        &entries,
        &Profile::default(),
        &rules.rules,
        std::slice::from_ref(&ack),
        now(),
    );
    assert!(flags.active.is_empty());
    assert_eq!(flags.acknowledged[0].rule.id, "fever");
    assert_eq!(flags.acknowledged[0].acknowledged, Some(ack.at));

    // A fever logged after the acknowledgement makes it active again.
    let mut more = entries.clone();
    more.extend(
        log(&[E {
            days_ago: 1,
            symptoms: &["fever"],
            ..BASE
        }])
        .into_iter()
        .map(|mut e| {
            e.id = "new".into();
            e
        }),
    );
    let flags = evaluate(
        &more,
        &Profile::default(),
        &rules.rules,
        std::slice::from_ref(&ack),
        now(),
    );
    assert_eq!(flags.active[0].rule.id, "fever");
    assert!(flags.acknowledged.is_empty());

    // Acknowledging one flag never hides another.
    let both = log(&[
        E {
            days_ago: 3,
            symptoms: &["fever"],
            ..BASE
        },
        E {
            days_ago: 3,
            symptoms: &["bladder-change"],
            ..BASE
        },
    ]);
    let flags = evaluate(&both, &Profile::default(), &rules.rules, &[ack], now());
    assert_eq!(flags.active[0].rule.id, "bladder-bowel");
    assert!(flags.has_emergency());
}

#[test]
fn actions_name_the_configured_emergency_number_or_a_default() {
    let rules = RuleSet::bundled();
    let rule = rules.get("both-legs").unwrap();
    assert!(rule.action_text(Some("999")).starts_with("Call 999 or go"));
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
            "mine.toml:6:1: unknown field `titel`, expected one of `id`, `level`, `title`, `action`, `why`, `sources`, `within`, `blocks`, `when`"
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
