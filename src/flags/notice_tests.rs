//! Issue 17, items 1, 6, 7 and 8 (CLINICAL.md "At the edges"), each case beside its nearest
//! miss: what an entry tells at once and its hints (1); a nerve symptom with no place (6); leg
//! weakness kept until checked, and flags that lapsed unchecked (7); a known neuropathy (8).

use chrono::Duration;

use super::lapsed::{SHOWN_DAYS, lapsed, recently_lapsed};
use super::notice::{Hint, Sign, hints, told, told_since};
use super::tests::{BASE, E, ack, fired, log, now, profile};
use super::*;
use crate::symptoms::SymptomEntry;

fn rules() -> Vec<Rule> {
    RuleSet::bundled().rules
}

fn flags_of(entries: &[SymptomEntry], p: &Profile, acks: &[Ack]) -> Flags {
    evaluate(entries, p, &rules(), acks, now())
}

fn told_ids(entries: &[SymptomEntry], p: &Profile, acks: &[Ack], id: &str) -> Vec<String> {
    told(&flags_of(entries, p, acks), id)
        .iter()
        .map(|f| f.rule.id.clone())
        .collect()
}

// ---- 1: what an entry tells at once ----

#[test]
fn an_entry_tells_the_emergencies_and_urgent_flags_it_is_evidence_for() {
    let none = Profile::default();
    // (what, the log — its last entry is the one just written —, told)
    let rows: &[(&str, Vec<E>, &[&str])] = &[
        (
            "bladder trouble: the emergency",
            vec![E {
                symptoms: &["bladder-change"],
                ..BASE
            }],
            &["bladder-bowel"],
        ),
        (
            "nearest miss: the bladder question answered no",
            vec![E {
                denied: &["bladder-change"],
                ..BASE
            }],
            &[],
        ),
        (
            "a fever: urgent",
            vec![E {
                symptoms: &["fever"],
                ..BASE
            }],
            &["fever"],
        ),
        (
            "nearest miss: one leg is soon, and soon is not told at once",
            vec![E {
                areas: &["leg-left"],
                symptoms: &["numbness"],
                ..BASE
            }],
            &[],
        ),
        (
            "the right leg after the left: the entry is evidence of both sides",
            vec![
                E {
                    days_ago: 3,
                    areas: &["leg-left"],
                    symptoms: &["numbness"],
                    ..BASE
                },
                E {
                    areas: &["leg-right"],
                    symptoms: &["tingling"],
                    ..BASE
                },
            ],
            &["both-legs"],
        ),
        (
            "nearest miss: an entry that is not evidence of the raised emergency tells nothing",
            vec![
                E {
                    days_ago: 3,
                    symptoms: &["chest-pain"],
                    ..BASE
                },
                E {
                    symptoms: &["stiffness"],
                    ..BASE
                },
            ],
            &[],
        ),
    ];
    for (what, entries, expected) in rows {
        let entries = log(entries);
        let id = entries.last().unwrap().id.clone();
        assert_eq!(told_ids(&entries, &none, &[], &id), *expected, "{what}");
    }
}

#[test]
fn nothing_suppresses_an_emergency_an_ack_covers_only_what_was_written_before_it() {
    let none = Profile::default();
    let mut entries = log(&[E {
        days_ago: 5,
        symptoms: &["bladder-change"],
        ..BASE
    }]);
    // Acknowledged 4 days ago; the same sign logged again now, written now.
    let mut again = log(&[E {
        days_ago: 0,
        symptoms: &["bladder-change"],
        ..BASE
    }])
    .remove(0);
    again.id = crate::id::encode(now().timestamp_millis() as u64, 7);
    entries.push(again.clone());
    let acks = [ack("bladder-bowel", 4)];
    assert_eq!(
        told_ids(&entries, &none, &acks, &again.id),
        ["bladder-bowel"]
    );
    // Nearest miss: the old entry, covered by the acknowledgement, is not active …
    let old = log(&[E {
        days_ago: 5,
        symptoms: &["bladder-change"],
        ..BASE
    }]);
    let flags = flags_of(&old, &none, &acks);
    assert!(flags.active.is_empty(), "{:?}", flags.active);
    // … yet an emergency is told for the entry it stands on even when acknowledged.
    assert_eq!(told_ids(&old, &none, &acks, "e0"), ["bladder-bowel"]);
    // An urgent flag that is acknowledged stays quiet.
    let fever = log(&[E {
        days_ago: 5,
        symptoms: &["fever"],
        ..BASE
    }]);
    assert!(told_ids(&fever, &none, &[ack("fever", 4)], "e0").is_empty());
}

#[test]
fn a_flag_from_who_you_are_is_told_when_raised_not_with_every_entry_after() {
    let past_cancer = profile(None, &["cancer-history"]);
    let sore = |days_ago| E {
        days_ago,
        pain: 3,
        ..BASE
    };
    let first = log(&[sore(2)]);
    let both = log(&[sore(2), sore(1)]);
    let before_first = flags_of(&[], &past_cancer, &[]);
    let told_ids = |before: &Flags, after: &Flags, id: &str| -> Vec<String> {
        told_since(Some(before), after, id)
            .iter()
            .map(|f| f.rule.id.clone())
            .collect()
    };
    let after_first = flags_of(&first, &past_cancer, &[]);
    assert_eq!(
        told_ids(&before_first, &after_first, "e0"),
        ["cancer-history"],
        "raised by the first painful entry: told"
    );
    let after_second = flags_of(&both, &past_cancer, &[]);
    assert!(
        told_ids(&after_first, &after_second, "e1").is_empty(),
        "active already: not told again with the next entry"
    );
    // Nearest miss: a fever logged twice is told both times (it is a sign, not who you are).
    let fever = |days_ago| E {
        days_ago,
        symptoms: &["fever"],
        ..BASE
    };
    let one = flags_of(&log(&[fever(2)]), &Profile::default(), &[]);
    let two = flags_of(&log(&[fever(2), fever(1)]), &Profile::default(), &[]);
    assert_eq!(told_ids(&one, &two, "e1"), ["fever"]);
}

fn entry_with(symptoms: &'static [&'static str], note: &'static str) -> SymptomEntry {
    log(&[E {
        symptoms,
        note,
        ..BASE
    }])
    .remove(0)
}

#[test]
fn a_note_naming_a_warning_sign_gets_a_hint_never_a_flag() {
    // (note, the entry's symptoms, denied, triggers, areas, the signs hinted)
    type Row = (
        &'static str,
        &'static [&'static str],
        &'static [&'static str],
        &'static [&'static str],
        &'static [&'static str],
        &'static [Sign],
    );
    let rows: &[Row] = &[
        (
            "can't pee since this morning",
            &[],
            &[],
            &[],
            &["lower-back"],
            &[Sign::Symptom("bladder-change")],
        ),
        ("driving at speed", &[], &[], &[], &["lower-back"], &[]),
        (
            "a pulsing feeling in my belly",
            &[],
            &[],
            &[],
            &["lower-back"],
            &[Sign::Symptom("belly-pain")],
        ),
        ("sweet tooth", &[], &[], &[], &["lower-back"], &[]),
        (
            "leaking a bit, night sweats",
            &[],
            &[],
            &[],
            &["lower-back"],
            &[Sign::Symptom("bladder-change"), Sign::Symptom("unwell")],
        ),
        (
            "Bladder is fine",
            &[],
            &["bladder-change"],
            &[],
            &["lower-back"],
            &[],
        ),
        (
            "no numbness at all",
            &[],
            &[],
            &[],
            &["lower-back"],
            &[Sign::Symptom("numbness")],
        ),
        ("numb toes", &["numbness"], &[], &[], &["foot-left"], &[]),
        (
            "tingling in both legs",
            &["tingling"],
            &[],
            &[],
            &["leg-left"],
            &[Sign::BothSides],
        ),
        (
            "tingling in both legs",
            &["tingling"],
            &[],
            &[],
            &["leg-left", "leg-right"],
            &[],
        ),
        (
            "fell on the ice; chest tight",
            &[],
            &[],
            &[],
            &["lower-back"],
            &[Sign::Symptom("chest-pain"), Sign::Trigger("fall")],
        ),
        ("fell on the ice", &[], &[], &["fall"], &["lower-back"], &[]),
        (
            "feverish, hot and cold",
            &[],
            &[],
            &[],
            &["lower-back"],
            &[Sign::Symptom("fever")],
        ),
    ];
    for (note, symptoms, denied, triggers, areas, expected) in rows {
        let e = log(&[E {
            note,
            symptoms,
            denied,
            triggers,
            areas,
            ..BASE
        }]);
        let signs: Vec<Sign> = hints(&e[0])
            .into_iter()
            .filter_map(|h| match h {
                Hint::Note { sign, .. } => Some(sign),
                Hint::Where { .. } => None,
            })
            .collect();
        assert_eq!(signs, *expected, "{note:?} with {symptoms:?} {denied:?}");
        if expected.iter().any(|s| matches!(s, Sign::Symptom(_))) && symptoms.is_empty() {
            let flags = flags_of(&e, &Profile::default(), &[]);
            assert!(flags.active.is_empty(), "{note:?}: a note is never a flag");
        }
    }
    let hint = hints(&entry_with(&[], "can't pee"))[0].for_command_line();
    assert!(hint.contains("--symptom bladder-change"), "{hint}");
    let form = hints(&entry_with(&[], "can't pee"))[0].for_form();
    assert!(
        form.contains("New trouble peeing or controlling the bladder"),
        "{form}"
    );
}

// ---- 6: a nerve symptom with no place ----

#[test]
fn a_nerve_symptom_with_no_place_counts_as_one_side_and_asks_where() {
    let none = Profile::default();
    let nowhere = |days_ago, symptoms| E {
        days_ago,
        areas: &[],
        symptoms,
        ..BASE
    };
    let rows: &[(&str, Vec<E>, &[&str])] = &[
        (
            "numbness, no place: one side",
            vec![nowhere(1, &["numbness"])],
            &["one-leg"],
        ),
        (
            "nearest miss: numbness in the lower back names a place, not a leg",
            vec![E {
                areas: &["lower-back"],
                symptoms: &["numbness"],
                ..BASE
            }],
            &[],
        ),
        (
            "two entries with no place are not a left and a right",
            vec![nowhere(3, &["tingling"]), nowhere(1, &["numbness"])],
            &["one-leg"],
        ),
        (
            "nearest miss: a left and a right are both sides",
            vec![
                E {
                    days_ago: 3,
                    areas: &["leg-left"],
                    symptoms: &["tingling"],
                    ..BASE
                },
                E {
                    areas: &["leg-right"],
                    symptoms: &["numbness"],
                    ..BASE
                },
            ],
            &["both-legs"],
        ),
        (
            "no place beside a left leg: still one side",
            vec![
                nowhere(3, &["tingling"]),
                E {
                    areas: &["leg-left"],
                    symptoms: &["numbness"],
                    ..BASE
                },
            ],
            &["one-leg"],
        ),
        (
            "weakness with no place still counts as weakness",
            vec![nowhere(1, &["weakness"])],
            &["leg-weakness"],
        ),
    ];
    for (what, entries, expected) in rows {
        assert_eq!(fired(entries, &none), *expected, "{what}");
    }
    let numb = log(&[nowhere(1, &["numbness", "weakness"])]);
    match hints(&numb[0]).first() {
        Some(hint @ Hint::Where { symptoms }) => {
            assert_eq!(symptoms, &["numbness", "weakness"]);
            assert!(
                hint.for_command_line().contains("--area leg-left"),
                "{}",
                hint.for_command_line()
            );
        }
        other => panic!("expected where, got {other:?}"),
    }
    let placed = log(&[E {
        areas: &["leg-left"],
        symptoms: &["numbness"],
        ..BASE
    }]);
    assert!(
        !hints(&placed[0])
            .iter()
            .any(|h| matches!(h, Hint::Where { .. })),
        "nearest miss: a place was given"
    );
}

// ---- 7: leg weakness stays; lapsed flags are listed ----

#[test]
fn leg_weakness_stays_until_it_is_marked_as_checked() {
    let none = Profile::default();
    let weak = log(&[E {
        days_ago: 40,
        areas: &["leg-left"],
        symptoms: &["weakness"],
        ..BASE
    }]);
    let active: Vec<String> = flags_of(&weak, &none, &[])
        .active
        .iter()
        .map(|f| f.rule.id.clone())
        .collect();
    assert!(active.contains(&"leg-weakness".to_owned()), "{active:?}");
    assert!(
        !active.contains(&"one-leg".to_owned()),
        "weakness is not in the one-leg rule"
    );
    // Nearest miss: marked as checked after it was written.
    let checked = flags_of(&weak, &none, &[ack("leg-weakness", 30)]);
    assert!(checked.active.is_empty(), "{:?}", checked.active);
    // Other urgent flags still lapse with their window.
    let fever = log(&[E {
        days_ago: 15,
        symptoms: &["fever"],
        ..BASE
    }]);
    assert!(flags_of(&fever, &none, &[]).active.is_empty());
}

fn lapsed_ids(entries: &[E], acks: &[Ack]) -> Vec<String> {
    recently_lapsed(&log(entries), &Profile::default(), &rules(), acks, now())
        .iter()
        .map(|l| l.flag.rule.id.clone())
        .collect()
}

#[test]
fn flags_that_lapsed_unchecked_are_listed_for_thirty_days() {
    let fever = |days_ago| E {
        days_ago,
        symptoms: &["fever"],
        ..BASE
    };
    // A 14-day window: 15 days old lapsed a day ago.
    assert_eq!(lapsed_ids(&[fever(15)], &[]), ["fever"]);
    // Nearest miss: still inside its window, so raised, not lapsed.
    assert!(lapsed_ids(&[fever(13)], &[]).is_empty());
    // Lapsed 29 days ago: listed; 31 days ago: no longer.
    assert_eq!(lapsed_ids(&[fever(14 + 29)], &[]), ["fever"]);
    assert!(lapsed_ids(&[fever(14 + 31)], &[]).is_empty());
    // Marked as checked after it was written: not listed; before it: listed.
    assert!(lapsed_ids(&[fever(15)], &[ack("fever", 10)]).is_empty());
    assert_eq!(lapsed_ids(&[fever(15)], &[ack("fever", 20)]), ["fever"]);
    // Raised again now: shown as raised, not as lapsed.
    assert!(lapsed_ids(&[fever(20), fever(1)], &[]).is_empty());
    // An emergency never lapses, so it is never listed as lapsed.
    let bladder = E {
        days_ago: 20,
        symptoms: &["bladder-change"],
        ..BASE
    };
    assert!(lapsed_ids(&[bladder], &[]).is_empty());
    // When it lapsed: the moment after its evidence left the window.
    let got = recently_lapsed(
        &log(&[fever(15)]),
        &Profile::default(),
        &rules(),
        &[],
        now(),
    );
    assert_eq!(
        got[0].at,
        now() - Duration::days(1) + Duration::seconds(1),
        "{got:?}"
    );
    // A report's period lists what lapsed in it, however long ago.
    let old = log(&[fever(200)]);
    let in_period = lapsed(
        &old,
        &Profile::default(),
        &rules(),
        &[],
        now() - Duration::days(365),
        now(),
    );
    assert_eq!(in_period.len(), 1);
    const { assert!(SHOWN_DAYS == 30) };
}

// ---- 8: a known neuropathy ----

#[test]
fn with_a_known_neuropathy_numb_feet_alone_ask_whether_this_is_new() {
    let known = profile(None, &["neuropathy"]);
    let feet = E {
        areas: &["foot-left", "foot-right"],
        symptoms: &["numbness"],
        ..BASE
    };
    let rows: &[(&str, Vec<E>, &Profile, &[&str])] = &[
        (
            "both feet numb, known neuropathy: soon",
            vec![feet.clone()],
            &known,
            &["both-feet-known"],
        ),
        (
            "nearest miss: no known neuropathy, the emergency",
            vec![feet.clone()],
            &Profile::default(),
            &["both-legs"],
        ),
        (
            "both feet plus a leg: the emergency stays",
            vec![
                feet.clone(),
                E {
                    days_ago: 2,
                    areas: &["leg-left"],
                    symptoms: &["tingling"],
                    ..BASE
                },
            ],
            &known,
            &["both-legs"],
        ),
        (
            "both feet and weakness with no place: emergency and weakness",
            vec![
                feet.clone(),
                E {
                    days_ago: 2,
                    areas: &[],
                    symptoms: &["weakness"],
                    ..BASE
                },
            ],
            &known,
            &["both-legs", "leg-weakness"],
        ),
        (
            "both feet and bladder trouble: both emergencies",
            vec![
                feet.clone(),
                E {
                    symptoms: &["bladder-change"],
                    ..BASE
                },
            ],
            &known,
            &["both-legs", "bladder-bowel"],
        ),
        (
            "shooting pain in both feet is not long-standing numbness",
            vec![E {
                areas: &["foot-left", "foot-right"],
                symptoms: &["shooting-pain"],
                ..BASE
            }],
            &known,
            &["both-legs"],
        ),
        (
            "one foot numb with a known neuropathy: one side, as for anyone",
            vec![E {
                areas: &["foot-left"],
                symptoms: &["tingling"],
                ..BASE
            }],
            &known,
            &["one-leg"],
        ),
    ];
    for (what, entries, p, expected) in rows {
        let mut got = fired(entries, p);
        got.sort();
        let mut expected = expected.to_vec();
        expected.sort();
        assert_eq!(got, expected, "{what}");
    }
}

#[test]
fn every_both_sides_action_asks_whether_it_is_new_or_worse_and_still_says_call() {
    for rule in rules() {
        if rule.when.both_sides_of.is_empty() {
            continue;
        }
        let action = rule.action.to_lowercase();
        if rule.level == Level::Emergency {
            assert!(
                action.starts_with("if this is new or worse for you, call {emergency}")
                    && action.contains("call anyway"),
                "{}: {}",
                rule.id,
                rule.action
            );
        } else {
            assert!(
                action.contains("new or different") && action.contains("call {emergency}"),
                "{}: {}",
                rule.id,
                rule.action
            );
        }
    }
}
