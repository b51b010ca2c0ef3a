//! How the rules read a whole log (DESIGN §6, CLINICAL.md "How the rules read a log"): sides
//! across parts and days, trauma, and one voice at every level. Lifetimes, acknowledgements,
//! episodes, lingering and entries dated ahead of the clock are in `lifetime_tests`, which shares
//! `has` and `nerve` from here. Each case beside its nearest miss.

use super::tests::{BASE, E, fired, log, now, profile};
use super::*;
use crate::symptoms::Onset;

pub(super) fn has(ids: &[String], id: &str) -> bool {
    ids.iter().any(|i| i == id)
}

pub(super) fn nerve(days_ago: i64, areas: &'static [&'static str], symptom: &'static str) -> E {
    E {
        days_ago,
        areas,
        symptoms: match symptom {
            "numbness" => &["numbness"],
            "tingling" => &["tingling"],
            "shooting-pain" => &["shooting-pain"],
            "weakness" => &["weakness"],
            "stiffness" => &["stiffness"],
            _ => &["knot"],
        },
        ..BASE
    }
}

#[test]
fn sides_add_up_across_parts_and_days() {
    // (log, expected emergency?, what it shows)
    let table: Vec<(Vec<E>, bool, &str)> = vec![
        (
            vec![nerve(1, &["leg-left", "foot-right"], "tingling")],
            true,
            "left leg and right foot in one entry",
        ),
        (
            vec![nerve(1, &["leg-left", "foot-left"], "tingling")],
            false,
            "left leg and left foot: one side",
        ),
        (
            vec![
                nerve(2, &["leg-left"], "shooting-pain"),
                nerve(1, &["leg-right"], "shooting-pain"),
            ],
            true,
            "left leg one day, right leg the next (alternating sciatica)",
        ),
        (
            vec![
                nerve(2, &["leg-left"], "numbness"),
                nerve(1, &["foot-right"], "numbness"),
            ],
            true,
            "left leg one day, right foot the next",
        ),
        (
            vec![
                nerve(2, &["leg-left"], "numbness"),
                nerve(1, &["leg-left"], "numbness"),
            ],
            false,
            "the left leg twice",
        ),
        (
            vec![
                nerve(3, &["buttock-left"], "tingling"),
                nerve(1, &["leg-right"], "shooting-pain"),
            ],
            true,
            "left buttock and right leg",
        ),
        (
            vec![
                nerve(2, &["leg-left"], "shooting-pain"),
                nerve(1, &["leg-right"], "stiffness"),
            ],
            false,
            "the right leg only stiff",
        ),
        (
            vec![
                nerve(20, &["leg-left"], "numbness"),
                nerve(1, &["leg-right"], "numbness"),
            ],
            false,
            "19 days apart: more than the 14-day window",
        ),
        (
            vec![
                nerve(14, &["leg-left"], "numbness"),
                nerve(1, &["leg-right"], "numbness"),
            ],
            true,
            "13 days apart",
        ),
    ];
    for (entries, emergency, what) in table {
        let ids = fired(&entries, &Profile::default());
        assert_eq!(has(&ids, "both-legs"), emergency, "{what}: {ids:?}");
        assert_eq!(
            has(&ids, "one-leg"),
            !emergency,
            "{what}: 'one side' exactly when not both: {ids:?}"
        );
    }
}

#[test]
fn the_one_side_headline_never_says_one_leg() {
    let rules = RuleSet::bundled();
    let title = &rules.get("one-leg").unwrap().title;
    assert!(!title.contains("one leg"), "{title}");
}

#[test]
fn numb_buttocks_on_both_sides_are_the_saddle_emergency_and_one_is_a_nerve_sign() {
    let both = fired(
        &[nerve(1, &["buttock-left", "buttock-right"], "numbness")],
        &Profile::default(),
    );
    assert!(has(&both, "saddle-buttocks"), "{both:?}");
    let across_days = fired(
        &[
            nerve(3, &["buttock-left"], "tingling"),
            nerve(1, &["buttock-right"], "numbness"),
        ],
        &Profile::default(),
    );
    assert!(has(&across_days, "saddle-buttocks"), "{across_days:?}");
    let one = fired(
        &[nerve(1, &["buttock-right"], "numbness")],
        &Profile::default(),
    );
    assert!(!has(&one, "saddle-buttocks"), "{one:?}");
    assert_eq!(one, ["one-leg"], "one buttock: see a doctor soon");
    let sore = fired(
        &[nerve(1, &["buttock-left", "buttock-right"], "knot")],
        &Profile::default(),
    );
    assert!(sore.is_empty(), "knots in both buttocks: {sore:?}");
}

#[test]
fn only_nerve_symptoms_make_both_legs_an_emergency() {
    for (symptom, emergency) in [
        ("shooting-pain", true),
        ("numbness", true),
        ("tingling", true),
        ("weakness", true),
        ("stiffness", false),
        ("knot", false),
    ] {
        let ids = fired(
            &[nerve(1, &["leg-left", "leg-right"], symptom)],
            &Profile::default(),
        );
        assert_eq!(has(&ids, "both-legs"), emergency, "{symptom}: {ids:?}");
        assert_eq!(
            ids.iter()
                .any(|id| RuleSet::bundled().get(id).unwrap().level == Level::Emergency),
            emergency,
            "{symptom}: {ids:?}"
        );
    }
}

#[test]
fn weakness_without_an_area_is_leg_weakness() {
    let ids = fired(
        &[E {
            areas: &[],
            symptoms: &["weakness"],
            ..BASE
        }],
        &Profile::default(),
    );
    assert_eq!(ids, ["leg-weakness"]);
    let ids = fired(
        &[E {
            areas: &[],
            symptoms: &["aching"],
            ..BASE
        }],
        &Profile::default(),
    );
    assert!(ids.is_empty());
}

#[test]
fn trauma_follows_the_clinical_table() {
    let sudden = |pain: u8, trigger: &'static str| E {
        pain,
        onset: Some(Onset::Sudden),
        triggers: match trigger {
            "fall" => &["fall"],
            "accident" => &["accident"],
            "lifting" => &["lifting"],
            _ => &[],
        },
        ..BASE
    };
    // (entry, born, the most severe flag expected, what it shows)
    let table = [
        (
            sudden(8, "fall"),
            Some(1996),
            Some(("fall-severe", Level::Urgent)),
            "fall at 30, pain 8 sudden",
        ),
        (sudden(7, "fall"), Some(1996), None, "fall at 30, pain 7"),
        (
            sudden(3, "accident"),
            Some(1996),
            Some(("major-trauma", Level::Emergency)),
            "an accident",
        ),
        (
            sudden(4, "lifting"),
            Some(1970),
            Some(("fall-over-50", Level::Urgent)),
            "lifting at 56",
        ),
        (sudden(4, "lifting"), Some(1980), None, "lifting at 46"),
        (
            sudden(4, "fall"),
            Some(1976),
            Some(("fall-over-50", Level::Urgent)),
            "a minor fall at 50",
        ),
        (
            sudden(9, ""),
            Some(1996),
            Some(("sudden-severe", Level::Soon)),
            "sudden severe, no injury",
        ),
    ];
    let rules = RuleSet::bundled();
    for (entry, born, expected, what) in table {
        let flags = evaluate(
            &log(&[entry]),
            &profile(born, &[]),
            &rules.rules,
            &[],
            now(),
        );
        let top = flags.top().map(|f| (f.rule.id.as_str(), f.rule.level));
        assert_eq!(top, expected, "{what}");
    }
    let lifting = log(&[sudden(4, "lifting")]);
    let fragile = evaluate(
        &lifting,
        &profile(Some(1990), &["osteoporosis"]),
        &rules.rules,
        &[],
        now(),
    );
    assert_eq!(fragile.top().unwrap().rule.id, "fragile-trauma");
}

#[test]
fn every_level_speaks_with_one_voice() {
    let rules = RuleSet::bundled();
    for rule in &rules.rules {
        let action = rule.action.to_lowercase();
        // An optional condition first ("If this is new for you, …").
        let action = match action.split_once(", ") {
            Some((condition, rest)) if condition.starts_with("if ") => rest.to_owned(),
            _ => action,
        };
        assert!(
            action.starts_with(rule.level.action_lead()),
            "{} ({:?}): {}",
            rule.id,
            rule.level,
            rule.action
        );
        if rule.level != Level::Emergency {
            let first = action.split(". ").next().unwrap_or_default();
            assert!(
                !first.contains("{emergency}") && !first.contains(" now"),
                "{}: a {:?} flag's first advice is not an emergency's: {}",
                rule.id,
                rule.level,
                rule.action
            );
        }
        if rule.level == Level::Soon {
            assert!(
                !action.contains("today") && !action.contains("consider"),
                "{}",
                rule.id
            );
        }
        assert!(
            !rule.title.contains("back pain"),
            "{}: entries may name only the neck",
            rule.id
        );
        if rule.title.starts_with("You logged pain,") {
            assert!(
                rule.when.pain_at_least.is_some_and(|p| p >= 1),
                "{}",
                rule.id
            );
        }
    }
    assert_eq!(Level::Soon.label(), "SEE A DOCTOR SOON");
    assert_eq!(Level::Urgent.label(), "URGENT");
}
