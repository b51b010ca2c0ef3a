//! How evaluation reads a log: flags most severe first with their evidence, exactly one of
//! `both-legs` and `one-leg`, entries after an "as of" moment, episode arithmetic, and
//! acknowledgements.

use chrono::Duration;

use super::tests::{BASE, E, fired, log, now};
use super::*;

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
