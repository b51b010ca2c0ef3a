//! How the rules read a log over time (DESIGN §6, CLINICAL.md "How the rules read a log"):
//! lifetimes, acknowledgements against the time an entry was written, flags raised once per
//! episode, lingering, and entries dated ahead of the clock. Each case beside its nearest miss.

use chrono::Duration;

use super::history_tests::{has, nerve};
use super::tests::{BASE, E, ack, active, fired, log, now, profile};
use super::*;
use crate::symptoms::SymptomEntry;

/// Entries of `entries`, each written (its id's time) `written_days_ago[i]` days before now.
fn written(entries: &[E], written_days_ago: &[i64]) -> Vec<SymptomEntry> {
    log(entries)
        .into_iter()
        .zip(written_days_ago)
        .enumerate()
        .map(|(i, (mut e, days))| {
            let ms = (now() - Duration::days(*days)).timestamp_millis();
            e.id = crate::id::encode(ms as u64, i as u128);
            e
        })
        .collect()
}

#[test]
fn an_emergency_stays_until_it_is_acknowledged() {
    let saddle = E {
        days_ago: 15,
        symptoms: &["saddle-numbness"],
        ..BASE
    };
    let entries = written(std::slice::from_ref(&saddle), &[15]);
    assert_eq!(
        active(&entries, &Profile::default(), &[]),
        ["saddle-numbness"],
        "15 days old, never acknowledged"
    );
    assert!(
        active(&entries, &Profile::default(), &[ack("saddle-numbness", 10)]).is_empty(),
        "acknowledged 10 days ago"
    );
    // An urgent flag follows its window.
    let fever = written(
        &[E {
            days_ago: 15,
            symptoms: &["fever"],
            ..BASE
        }],
        &[15],
    );
    assert!(active(&fever, &Profile::default(), &[]).is_empty());
}

#[test]
fn an_acknowledgement_never_hides_an_entry_written_after_it() {
    let fever = E {
        days_ago: 3,
        symptoms: &["fever"],
        ..BASE
    };
    let acks = [ack("fever", 2)];
    // Dated 3 days ago, written yesterday, after the acknowledgement of 2 days ago.
    let late = written(std::slice::from_ref(&fever), &[1]);
    assert_eq!(active(&late, &Profile::default(), &acks), ["fever"]);
    // Written when it is dated, before the acknowledgement.
    let on_time = written(&[fever], &[3]);
    assert!(active(&on_time, &Profile::default(), &acks).is_empty());
}

#[test]
fn a_flag_from_who_you_are_is_raised_once_per_episode() {
    let sore = |days_ago: i64| E {
        days_ago,
        pain: 3,
        ..BASE
    };
    let older = profile(Some(1960), &[]);
    let episode = written(&[sore(4), sore(3), sore(1)], &[4, 3, 1]);
    assert_eq!(active(&episode, &older, &[]), ["age-onset"]);
    // Acknowledged 3 days ago: the entry since belongs to the same episode.
    assert!(
        active(&episode, &older, &[ack("age-onset", 3)]).is_empty(),
        "every ordinary entry must not bring it back"
    );
    // A new episode after a pain-free week starts after the acknowledgement.
    let new_episode = written(
        &[
            sore(13),
            E {
                days_ago: 10,
                pain: 0,
                ..BASE
            },
            sore(2),
        ],
        &[13, 10, 2],
    );
    assert_eq!(
        active(&new_episode, &older, &[ack("age-onset", 12)]),
        ["age-onset"]
    );
    // A past cancer works the same way.
    let cancer = profile(None, &["cancer-history"]);
    assert!(active(&episode, &cancer, &[ack("cancer-history", 3)]).is_empty());
    // A flag from a symptom comes back with the next entry showing it.
    let fever = |d| E {
        days_ago: d,
        symptoms: &["fever"],
        ..BASE
    };
    let fevers = written(&[fever(4), fever(1)], &[4, 1]);
    assert_eq!(
        active(&fevers, &Profile::default(), &[ack("fever", 3)]),
        ["fever"]
    );
}

#[test]
fn lingering_needs_entries_on_different_days_four_days_apart() {
    let sore = |days_ago: i64| E {
        days_ago,
        pain: 5,
        ..BASE
    };
    assert!(
        !has(&fired(&[sore(6)], &Profile::default()), "lingering"),
        "one entry"
    );
    assert!(
        !has(
            &fired(&[sore(6), sore(3)], &Profile::default()),
            "lingering"
        ),
        "3 days apart"
    );
    assert!(
        has(
            &fired(&[sore(6), sore(2)], &Profile::default()),
            "lingering"
        ),
        "4 days apart"
    );
}

#[test]
fn entries_dated_up_to_a_day_ahead_count_now() {
    let rules = RuleSet::bundled();
    let ahead = |hours: i64| {
        let mut entries = log(&[E {
            symptoms: &["chest-pain"],
            ..BASE
        }]);
        entries[0].at = now() + Duration::hours(hours);
        entries
    };
    let live =
        |entries: &[SymptomEntry]| evaluate(entries, &Profile::default(), &rules.rules, &[], now());
    assert_eq!(
        live(&ahead(1)).active[0].rule.id,
        "chest-pain",
        "an hour ahead"
    );
    assert_eq!(live(&ahead(23)).active.len(), 1, "23 hours ahead");
    assert!(live(&ahead(25)).active.is_empty(), "more than a day ahead");
    let then = evaluate_at(
        &ahead(1),
        &Profile::default(),
        &rules.rules,
        &[],
        Moment::as_of(now()),
    );
    assert!(then.active.is_empty(), "--as-of: as things stood then");
    // Numb skin an hour ahead refuses heat now.
    let mut numb = log(&[nerve(0, &["leg-left"], "numbness")]);
    numb[0].at = now() + Duration::hours(1);
    assert_eq!(eval::numb_skin(&numb, now()), Some(now()));
}

#[test]
fn an_edit_that_adds_a_symptom_after_an_acknowledgement_raises_the_flag_again() {
    // Numb around the saddle logged 10 days ago and acknowledged 5 days ago: muted.
    let numb = E {
        days_ago: 10,
        symptoms: &["saddle-numbness"],
        ..BASE
    };
    let entries = written(std::slice::from_ref(&numb), &[10]);
    let acked = [ack("saddle-numbness", 5)];
    assert!(active(&entries, &Profile::default(), &acked).is_empty());
    // Today the person edits that entry: only the note changes. Nothing new for the rules.
    let mut note_only = entries[0].clone();
    note_only.note = "checked at the walk-in centre".to_owned();
    let note_only = note_only.edit_of(&entries[0], now());
    assert_eq!(note_only.edited, None, "a note is not what the rules read");
    assert!(active(&[note_only], &Profile::default(), &acked).is_empty());
    // Today they add bladder trouble to it: written after the acknowledgement, so it counts.
    let mut more = entries[0].clone();
    more.symptoms = crate::vocabulary::IdSet::parse(["saddle-numbness", "bladder-change"])
        .expect("vocabulary ids");
    let more = more.edit_of(&entries[0], now());
    assert_eq!(more.edited, Some(now()));
    let raised = active(std::slice::from_ref(&more), &Profile::default(), &acked);
    assert!(
        raised.contains(&"saddle-numbness".to_owned()),
        "the edit is new evidence: {raised:?}"
    );
    // An edit made before the acknowledgement is covered by it like the entry (the bladder
    // trouble raises its own flag, never acknowledged).
    let mut earlier = more.clone();
    earlier.edited = Some(now() - Duration::days(7));
    let raised = active(&[earlier], &Profile::default(), &acked);
    assert!(
        !raised.contains(&"saddle-numbness".to_owned()),
        "{raised:?}"
    );
}
