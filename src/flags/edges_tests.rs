//! The rules decided "at the edges" (CLINICAL.md, issue 17 items 2, 3, 4, 5 and 11): an onset
//! not given read as sudden, sudden severe pain at 65, pain spreading down a leg as a nerve
//! symptom, severe pain over days and the upper back raised once per episode, the new rules'
//! levels and what they hold back, and age below a threshold. Each case beside its nearest miss.

use chrono::Duration;

use super::history_tests::has;
use super::tests::{BASE, E, ack, active, fired, log, now, profile, written};
use super::*;
use crate::routine::Kind;
use crate::symptoms::Onset;

#[test]
fn the_new_rules_have_the_levels_clinical_gives_and_hold_back_what_they_should() {
    use Kind::{Heat, PostureBreak, Stretch};
    let rules = RuleSet::bundled();
    // (id, level, kinds held back, once per episode)
    let table: &[(&str, Level, &[Kind], bool)] = &[
        (
            "belly-pain",
            Level::Emergency,
            &[Stretch, Heat, PostureBreak],
            false,
        ),
        ("sudden-severe-65", Level::Urgent, &[Stretch, Heat], false),
        ("upper-back", Level::Urgent, &[], true),
        ("unwell", Level::Urgent, &[Heat], false),
        ("spinal-procedure", Level::Urgent, &[Stretch, Heat], true),
        ("pregnancy", Level::Urgent, &[Heat], false),
        ("severe-pain", Level::Soon, &[], true),
        ("young-onset", Level::Soon, &[], true),
        ("morning-stiffness", Level::Soon, &[], true),
        ("sudden-severe", Level::Soon, &[], true),
        ("fall-severe", Level::Urgent, &[Stretch, Heat], false),
    ];
    for (id, level, blocks, per_episode) in table {
        let rule = rules.get(id).unwrap_or_else(|| panic!("no rule {id}"));
        assert_eq!(rule.level, *level, "{id}");
        assert_eq!(rule.blocks, *blocks, "{id}");
        assert_eq!(rule.once_per_episode(), *per_episode, "{id}");
        assert!(!rule.why.is_empty() && !rule.sources.is_empty(), "{id}");
    }
    let aorta = &rules.get("sudden-severe-65").unwrap().why;
    assert!(aorta.contains("aorta"), "{aorta}");
    let midwife = &rules.get("pregnancy").unwrap().action;
    assert!(midwife.contains("midwife"), "{midwife}");
    let spa = &rules.get("morning-stiffness").unwrap().action;
    assert!(spa.contains("axial spondyloarthritis"), "{spa}");
    let new = &rules.get("upper-back").unwrap().action;
    assert!(new.starts_with("If this is new for you, "), "{new}");
}

#[test]
fn an_onset_not_given_reads_as_sudden_and_never_lowers_a_level() {
    fn severe(onset: Option<Onset>, triggers: &'static [&'static str]) -> E {
        E {
            pain: 8,
            onset,
            triggers,
            ..BASE
        }
    }
    fn belly(onset: Option<Onset>) -> E {
        E {
            onset,
            symptoms: &["belly-pain"],
            ..BASE
        }
    }
    let fragile = profile(Some(1996), &["osteoporosis"]);
    let young = profile(Some(1996), &[]);
    let old = profile(Some(1956), &[]);
    // (entry, profile, rule, its level); each fires with no onset or a sudden one, not a gradual
    type Row<'a> = (fn(Option<Onset>) -> E, &'a Profile, &'a str, Level);
    let rows: &[Row] = &[
        (
            |o| severe(o, &["fall"]),
            &young,
            "fall-severe",
            Level::Urgent,
        ),
        (
            |o| severe(o, &["lifting"]),
            &fragile,
            "sudden-severe-fragile",
            Level::Urgent,
        ),
        (|o| severe(o, &[]), &old, "sudden-severe-65", Level::Urgent),
        (
            |o| severe(o, &["lifting"]),
            &young,
            "sudden-severe",
            Level::Soon,
        ),
        (belly, &young, "belly-pain", Level::Emergency),
    ];
    let rules = RuleSet::bundled();
    for (entry, p, rule, level) in rows {
        for (onset, fires) in [
            (None, true),
            (Some(Onset::Sudden), true),
            (Some(Onset::Gradual), false),
        ] {
            let flags = evaluate(&log(&[entry(onset)]), p, &rules.rules, &[], now());
            assert_eq!(flags.get(rule).is_some(), fires, "{rule}, onset {onset:?}");
            if fires {
                assert_eq!(flags.top().unwrap().rule.level, *level, "{rule}, {onset:?}");
            }
        }
    }
}

#[test]
fn sudden_severe_pain_at_65_is_urgent_without_a_trigger() {
    let pain = |p: u8| E {
        pain: p,
        onset: Some(Onset::Sudden),
        ..BASE
    };
    let rules = RuleSet::bundled();
    // (pain, born, the 65 rule fires, the most severe level)
    let table = [
        (8, Some(1961), true, Some(Level::Urgent), "65, pain 8"),
        (
            7,
            Some(1961),
            false,
            Some(Level::Soon),
            "65, pain 7: only the age-onset check",
        ),
        (8, Some(1962), false, Some(Level::Soon), "64, pain 8"),
        (8, None, false, Some(Level::Soon), "age unknown"),
    ];
    for (p, born, fires, level, what) in table {
        let flags = evaluate(
            &log(&[pain(p)]),
            &profile(born, &[]),
            &rules.rules,
            &[],
            now(),
        );
        assert_eq!(flags.get("sudden-severe-65").is_some(), fires, "{what}");
        assert_eq!(flags.top().map(|f| f.rule.level), level, "{what}");
    }
}

#[test]
fn pain_spreading_down_a_leg_is_a_nerve_symptom_on_one_side_or_both() {
    let spreading = |days_ago: i64, areas: &'static [&'static str]| E {
        days_ago,
        areas,
        symptoms: &["spreading-pain"],
        ..BASE
    };
    let none = Profile::default();
    let one = fired(&[spreading(1, &["leg-left"])], &none);
    assert!(has(&one, "one-leg") && !has(&one, "both-legs"), "{one:?}");
    // Sides add up across entries and parts: the left leg, then the right foot.
    let both = fired(
        &[spreading(3, &["leg-left"]), spreading(1, &["foot-right"])],
        &none,
    );
    assert!(
        has(&both, "both-legs") && !has(&both, "one-leg"),
        "{both:?}"
    );
    // And with another nerve symptom on the other side.
    let mixed = fired(
        &[
            spreading(3, &["leg-right"]),
            E {
                days_ago: 1,
                areas: &["buttock-left"],
                symptoms: &["tingling"],
                ..BASE
            },
        ],
        &none,
    );
    assert!(has(&mixed, "both-legs"), "{mixed:?}");
    // The nearest miss: a dull ache in both legs is not a nerve symptom.
    let ache = fired(
        &[E {
            areas: &["leg-left", "leg-right"],
            symptoms: &["aching"],
            ..BASE
        }],
        &none,
    );
    assert!(ache.is_empty(), "{ache:?}");
    // It asks the screening questions, and (being pain, not numb skin) does not refuse heat.
    let vocabulary = crate::vocabulary::Vocabulary::bundled();
    assert!(vocabulary.needs_screening(&[], &["spreading-pain".to_owned()]));
    let entries = log(&[spreading(1, &["leg-left"])]);
    assert_eq!(eval::numb_skin(&entries, now()), None);
    let numb = log(&[E {
        areas: &["leg-left"],
        symptoms: &["numbness"],
        ..BASE
    }]);
    assert!(eval::numb_skin(&numb, now()).is_some());
    // The one-side flag does not speak only of shooting pain.
    let rules = RuleSet::bundled();
    for id in ["one-leg", "both-legs"] {
        let rule = rules.get(id).unwrap();
        assert!(rule.why.contains("spreads"), "{id}: {}", rule.why);
        assert!(!rule.title.to_lowercase().contains("shooting"), "{id}");
    }
}

#[test]
fn severe_pain_is_9_or_10_once_or_8_on_two_days_in_a_week() {
    let at = |days_ago: i64, pain: u8| E {
        days_ago,
        pain,
        onset: Some(Onset::Gradual),
        ..BASE
    };
    // (entries as (days ago, pain), fires, what)
    type Days = &'static [(i64, u8)];
    let table: &[(Days, bool, &str)] = &[
        (&[(1, 9)], true, "9 once"),
        (&[(1, 10)], true, "10 once"),
        (&[(1, 8)], false, "8 once"),
        (&[(2, 8), (1, 8)], true, "8 on two days"),
        (&[(7, 8), (1, 8)], true, "8 on two days 6 days apart"),
        (&[(8, 8), (1, 8)], true, "8 on two days 7 days apart"),
        (&[(9, 8), (1, 8)], false, "8 on two days 8 days apart"),
        (&[(3, 8), (2, 7), (1, 6)], false, "8 then lower"),
        (&[(3, 7), (1, 8)], false, "7 and 8"),
    ];
    for (entries, fires, what) in table {
        let entries: Vec<E> = entries.iter().map(|&(d, p)| at(d, p)).collect();
        let ids = fired(&entries, &Profile::default());
        assert_eq!(has(&ids, "severe-pain"), *fires, "{what}: {ids:?}");
    }
    // Two entries at 8 on the same day are one day.
    let same_day = log(&[at(1, 8), at(1, 8)]);
    assert_eq!(
        same_day[0].at.date_naive(),
        same_day[1].at.date_naive(),
        "the test's entries share a date"
    );
    assert!(!has(
        &active(&same_day, &Profile::default(), &[]),
        "severe-pain"
    ));
    // The evidence is the severe entries, not the milder ones between them.
    let rules = RuleSet::bundled();
    let entries = log(&[at(5, 8), at(4, 3), at(2, 8)]);
    let flags = evaluate(&entries, &Profile::default(), &rules.rules, &[], now());
    let evidence: Vec<&str> = flags
        .get("severe-pain")
        .unwrap()
        .evidence
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(evidence, ["e0", "e2"]);
    // A severe day too long before the others is not part of their week.
    let entries = log(&[at(13, 8), at(3, 8), at(2, 8)]);
    let flags = evaluate(&entries, &Profile::default(), &rules.rules, &[], now());
    let evidence: Vec<&str> = (flags.get("severe-pain").unwrap().evidence.iter())
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(evidence, ["e1", "e2"]);
}

#[test]
fn severe_pain_and_the_upper_back_are_raised_once_per_episode() {
    let none = Profile::default();
    let severe = |days_ago: i64| E {
        days_ago,
        pain: 9,
        onset: Some(Onset::Gradual),
        ..BASE
    };
    let upper = |days_ago: i64| E {
        days_ago,
        pain: 3,
        areas: &["upper-back"],
        ..BASE
    };
    let quiet = |days_ago: i64| E {
        days_ago,
        pain: 0,
        ..BASE
    };
    for (id, entry) in [
        ("severe-pain", severe as fn(i64) -> E),
        ("upper-back", upper),
    ] {
        let episode = written(&[entry(4), entry(3), entry(1)]);
        assert!(has(&active(&episode, &none, &[]), id), "{id}");
        assert!(
            !has(&active(&episode, &none, &[ack(id, 3)]), id),
            "{id}: acknowledged 3 days ago, the entry since is the same episode"
        );
        // A new episode after a pain-free week raises it again.
        let again = written(&[entry(13), quiet(10), entry(2)]);
        assert!(has(&active(&again, &none, &[ack(id, 12)]), id), "{id}");
    }
    // The nearest miss for the upper back: no pain there.
    let stiff = fired(
        &[E {
            pain: 0,
            areas: &["upper-back"],
            symptoms: &["stiffness"],
            ..BASE
        }],
        &none,
    );
    assert!(!has(&stiff, "upper-back"), "{stiff:?}");
}

#[test]
fn an_unknown_birth_year_never_meets_an_age_below() {
    let stiff = E {
        symptoms: &["morning-stiffness"],
        ..BASE
    };
    for (born, young, stiffness) in [
        // Only the year is known: born 2006 may still be 19 in 2026, born 1981 still 44; the
        // more serious reading counts.
        (Some(2010), true, true),
        (Some(2006), true, true),
        (Some(2005), false, true),
        (Some(1981), false, true),
        (Some(1980), false, false),
        (None, false, false),
    ] {
        let ids = fired(std::slice::from_ref(&stiff), &profile(born, &[]));
        assert_eq!(has(&ids, "young-onset"), young, "{born:?}: {ids:?}");
        assert_eq!(
            has(&ids, "morning-stiffness"),
            stiffness,
            "{born:?}: {ids:?}"
        );
    }
    // Ordinary stiffness is not the long morning stiffness.
    let ids = fired(
        &[E {
            symptoms: &["stiffness"],
            ..BASE
        }],
        &profile(Some(1990), &[]),
    );
    assert!(!has(&ids, "morning-stiffness"), "{ids:?}");
}

#[test]
fn a_recent_spinal_procedure_with_fever_or_pain_is_urgent() {
    let procedure = profile(None, &["spinal-procedure"]);
    let fever = E {
        pain: 0,
        symptoms: &["fever"],
        ..BASE
    };
    let flags = evaluate(
        &log(&[fever]),
        &procedure,
        &RuleSet::bundled().rules,
        &[],
        now(),
    );
    assert_eq!(flags.top().map(|f| f.rule.level), Some(Level::Urgent));
    let pain = fired(&[E { pain: 2, ..BASE }], &procedure);
    assert!(has(&pain, "spinal-procedure"), "{pain:?}");
    // The nearest miss: the same pain without the procedure.
    let ids = fired(&[E { pain: 2, ..BASE }], &Profile::default());
    assert!(ids.is_empty(), "{ids:?}");
}

#[test]
fn a_rule_file_checks_the_new_conditions_at_line_and_column() {
    let errors = |when: &str| -> Vec<String> {
        let text = format!(
            "[[rules]]\nid = \"mine\"\nlevel = \"soon\"\ntitle = \"t\"\naction = \"a\"\n{when}"
        );
        rules::parse("mine.toml", &text, false, &Default::default())
            .unwrap_err()
            .iter()
            .map(|d| d.headline())
            .collect()
    };
    let e = errors("once_per_episode = \"yes\"\n[rules.when]\npain_at_least = 1\n");
    assert!(e[0].starts_with("mine.toml:6:20: invalid type"), "{e:?}");
    let e = errors("[rules.when]\nage_below = 200\npain_at_least = 1\n");
    assert!(
        e[0].starts_with("mine.toml:7:13: `age_below` must be from 1 to 130"),
        "{e:?}"
    );
    let e = errors("[rules.when]\nage_below = \"twenty\"\n");
    assert!(e[0].starts_with("mine.toml:7:13: invalid type"), "{e:?}");
    let e = errors("[rules.when]\npain_on_days = [{ at_least = 11, days = 0 }]\n");
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(
        e[0].starts_with("mine.toml:7:30: `at_least` must be from 0 to 10"),
        "{e:?}"
    );
    assert!(
        e[1].starts_with("mine.toml:7:41: `days` must be from 1 to 3650"),
        "{e:?}"
    );
    let e =
        errors("[rules.when]\npain_on_days = [{ at_least = 8, days = 2, within = \"a week\" }]\n");
    assert!(e[0].starts_with("mine.toml:7:52: `within`"), "{e:?}");
    let e = errors("[rules.when]\npain_on_days = [{ at_least = 8, day = 2 }]\n");
    assert!(
        e[0].starts_with("mine.toml:7:") && e[0].contains("unknown field `day`"),
        "{e:?}"
    );
    let e = errors("[rules.when]\npain_on_days = 8\n");
    assert!(e[0].starts_with("mine.toml:7:16: invalid type"), "{e:?}");
    // The nearest miss: a good rule with them parses.
    let text = "[[rules]]\nid = \"mine\"\nlevel = \"soon\"\ntitle = \"t\"\naction = \"a\"\nonce_per_episode = true\n[rules.when]\nage_below = 30\npain_on_days = [{ at_least = 7, days = 3, within = \"5d\" }]\n";
    let rules = rules::parse("mine.toml", text, false, &Default::default()).unwrap();
    assert!(rules[0].once_per_episode());
    assert_eq!(rules[0].when.age_below, Some(30));
    assert_eq!(
        rules[0].when.pain_on_days,
        [rules::PainDays {
            at_least: 7,
            days: 3,
            span: Duration::days(5)
        }]
    );
}
