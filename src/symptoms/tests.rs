//! Symptom log tests: validation, the fold of edits and deletes, and round-trips.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::vocabulary::Category;
use crate::vocabulary::id_set::known;

fn entry(id: &str, day: u32, pain: u8) -> SymptomEntry {
    SymptomEntry {
        edited: None,
        id: id.to_owned(),
        at: format!("2026-11-{day:02}T09:30:00+01:00").parse().unwrap(),
        pain,
        onset: Some(Onset::Gradual),
        areas: Areas::of(&["lower-back-left", "leg-left"]),
        symptoms: Symptoms::of(&["knot", "shooting-pain"]),
        denied: Symptoms::of(&["saddle-numbness", "bladder-change"]),
        triggers: Triggers::of(&["sitting"]),
        relief: Reliefs::of(&["heat"]),
        note: "worse after the long drive".into(),
    }
}

#[test]
fn an_entry_is_one_json_line_with_the_design_fields() {
    let line = serde_json::to_string(&entry("01JDX", 24, 6)).unwrap();
    assert_eq!(
        line,
        r#"{"id":"01JDX","at":"2026-11-24T09:30:00+01:00","pain":6,"onset":"gradual","areas":["lower-back-left","leg-left"],"symptoms":["knot","shooting-pain"],"denied":["saddle-numbness","bladder-change"],"triggers":["sitting"],"relief":["heat"],"note":"worse after the long drive"}"#
    );
}

#[test]
fn validation_rejects_pain_and_contradictions() {
    assert_eq!(entry("a", 1, 6).validate(), Ok(()));
    assert_eq!(entry("a", 1, 11).validate(), Err(EntryError::Pain(11)));
    let mut e = entry("a", 1, 3);
    e.symptoms.insert("saddle-numbness").unwrap();
    assert_eq!(
        e.validate(),
        Err(EntryError::Contradiction("saddle-numbness".into()))
    );
}

#[test]
fn a_line_with_an_unknown_id_is_kept_aside_with_the_valid_ones() {
    let dir = tempfile::tempdir().unwrap();
    let log = SymptomLog::new(dir.path());
    log.save(&entry("a", 1, 3)).unwrap();
    let good = serde_json::to_string(&entry("b", 2, 4)).unwrap();
    let typo = good.replace("leg-left", "elbow");
    let mut text = std::fs::read_to_string(log.store().path()).unwrap();
    text.push_str(&typo);
    text.push('\n');
    std::fs::write(log.store().path(), text).unwrap();
    let contents = log.load().unwrap();
    assert_eq!(contents.entries.len(), 1);
    assert_eq!(contents.rejected.len(), 1);
    assert_eq!(contents.rejected[0].line, 2);
    assert!(
        contents.rejected[0]
            .reason
            .contains("unknown area `elbow`; valid: lower-back,"),
        "{:?}",
        contents.rejected
    );
}

#[test]
fn edits_replace_and_tombstones_remove() {
    let dir = tempfile::tempdir().unwrap();
    let log = SymptomLog::new(dir.path());
    log.save(&entry("b", 20, 5)).unwrap();
    log.save(&entry("a", 22, 7)).unwrap();
    log.save(&entry("c", 21, 2)).unwrap();
    log.save(&entry("b", 20, 4)).unwrap(); // edit
    log.delete("c").unwrap();
    let contents = log.load().unwrap();
    let got: Vec<(&str, u8)> = contents
        .entries
        .iter()
        .map(|e| (e.id.as_str(), e.pain))
        .collect();
    assert_eq!(
        got,
        vec![("b", 4), ("a", 7)],
        "time order, last edit wins, c deleted"
    );
    assert!(contents.rejected.is_empty());
    // The tombstone is the line DESIGN §5 gives, nothing more.
    let text = std::fs::read_to_string(log.store().path()).unwrap();
    assert_eq!(text.lines().last(), Some(r#"{"id":"c","deleted":true}"#));
}

#[test]
fn an_entry_line_without_time_or_with_bad_pain_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let log = SymptomLog::new(dir.path());
    log.save(&entry("a", 20, 5)).unwrap();
    std::fs::write(
        log.store().path(),
        format!(
            "{}\n{{\"id\":\"x\",\"pain\":3}}\n{{\"id\":\"y\",\"at\":\"2026-11-20T09:00:00Z\",\"pain\":12}}\n\
             {{\"id\":\"z\",\"at\":\"yesterday\",\"pain\":3}}\n",
            serde_json::to_string(&entry("a", 20, 5)).unwrap()
        ),
    )
    .unwrap();
    let contents = log.load().unwrap();
    assert_eq!(contents.entries.len(), 1);
    let lines: Vec<usize> = contents.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![2, 3, 4]);
    assert!(
        contents.rejected[2]
            .reason
            .contains("`yesterday` is not an RFC 3339 time"),
        "{:?}",
        contents.rejected[2]
    );
}

#[derive(Debug, Clone)]
enum Op {
    Save(u8, u8, u8),
    Delete(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u8..6, 1u8..29, 0u8..=10).prop_map(|(id, day, pain)| Op::Save(id, day, pain)),
        (0u8..6).prop_map(Op::Delete),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any sequence of saves, edits and deletes folds to what a map would hold.
    #[test]
    fn any_sequence_folds_to_the_expected_set(ops in proptest::collection::vec(op(), 0..30)) {
        let dir = tempfile::tempdir().unwrap();
        let log = SymptomLog::new(dir.path());
        let mut model: BTreeMap<String, SymptomEntry> = BTreeMap::new();
        for op in &ops {
            match *op {
                Op::Save(id, day, pain) => {
                    let e = entry(&format!("id{id}"), u32::from(day), pain);
                    log.save(&e).unwrap();
                    model.insert(e.id.clone(), e);
                }
                Op::Delete(id) => {
                    log.delete(&format!("id{id}")).unwrap();
                    model.remove(&format!("id{id}"));
                }
            }
        }
        let mut expected: Vec<SymptomEntry> = model.into_values().collect();
        expected.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
        prop_assert_eq!(log.load().unwrap().entries, expected);
    }

    /// entry → line → entry.
    #[test]
    fn entries_round_trip_through_a_line(
        pain in 0u8..=10,
        secs in 0i64..2_000_000_000,
        offset_h in -12i32..=14,
        note in "\\PC{0,60}",
        sudden in any::<bool>(),
        areas in proptest::sample::subsequence(known(Category::Area), 0..6),
        symptoms in proptest::sample::subsequence(known(Category::Symptom), 0..6),
        relief in proptest::sample::subsequence(known(Category::Relief), 0..4),
    ) {
        let offset = FixedOffset::east_opt(offset_h * 3600).unwrap();
        let at = DateTime::from_timestamp(secs, 0).unwrap().with_timezone(&offset);
        let mut e = entry("id", 1, pain);
        e.at = at;
        e.note = note;
        e.onset = Some(if sudden { Onset::Sudden } else { Onset::Gradual });
        e.areas = Areas::parse(areas).unwrap();
        e.symptoms = Symptoms::parse(symptoms).unwrap();
        e.denied = Symptoms::new();
        e.relief = Reliefs::parse(relief).unwrap();
        let line = serde_json::to_string(&e).unwrap();
        prop_assert!(!line.contains('\n'));
        let back: SymptomEntry = serde_json::from_str(&line).unwrap();
        prop_assert_eq!(&back, &e);
        // And through the log file, which reads lines its own (quicker) way.
        let dir = tempfile::tempdir().unwrap();
        let log = SymptomLog::new(dir.path());
        log.save(&e).unwrap();
        prop_assert_eq!(log.load().unwrap().entries, vec![e]);
    }
}

#[test]
fn an_empty_or_huge_id_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let log = SymptomLog::new(dir.path());
    log.save(&entry("a", 1, 3)).unwrap();
    let huge = "x".repeat(100_000);
    for id in ["", huge.as_str(), "a\u{1b}b"] {
        log.save(&entry(id, 2, 4)).unwrap();
    }
    let contents = log.load().unwrap();
    assert_eq!(contents.entries.len(), 1);
    let reasons: Vec<&str> = contents
        .rejected
        .iter()
        .map(|r| r.reason.as_str())
        .collect();
    assert_eq!(
        reasons,
        [
            "the `id` is empty",
            "the `id` is 100000 bytes long; at most 64",
            "the `id` holds control characters"
        ]
    );
}

/// Which fields of the projection differ. Destructures [`Reads`] whole: a field added to it does
/// not compile here until it has its [`Field`].
fn differing(a: &Reads, b: &Reads) -> Vec<Field> {
    let Reads {
        at,
        pain,
        onset,
        areas,
        symptoms,
        denied,
        triggers,
    } = a;
    [
        (Field::At, *at != b.at),
        (Field::Pain, *pain != b.pain),
        (Field::Onset, *onset != b.onset),
        (Field::Areas, *areas != b.areas),
        (Field::Symptoms, *symptoms != b.symptoms),
        (Field::Denied, *denied != b.denied),
        (Field::Triggers, *triggers != b.triggers),
    ]
    .into_iter()
    .filter_map(|(field, differs)| differs.then_some(field))
    .collect()
}

#[test]
fn an_edit_of_anything_the_rules_read_is_marked_edited_and_of_the_note_or_relief_is_not() {
    let seen = entry("01JDX", 24, 6);
    let now: DateTime<FixedOffset> = "2026-11-25T08:10:00+01:00".parse().unwrap();
    let mut everything = seen.clone();
    for field in Field::ALL {
        // A `match` over every field: a field added to `Field` needs its change here.
        let change = |edit: &mut SymptomEntry| match field {
            Field::At => edit.at = "2026-11-23T09:30:00+01:00".parse().unwrap(),
            Field::Pain => edit.pain = 7,
            Field::Onset => edit.onset = None,
            Field::Areas => edit.areas = Areas::of(&["lower-back-left", "leg-right"]),
            Field::Symptoms => edit.symptoms = Symptoms::of(&["knot", "numbness"]),
            Field::Denied => edit.denied = Symptoms::of(&["saddle-numbness"]),
            Field::Triggers => edit.triggers = Triggers::of(&["lifting"]),
        };
        let mut edit = seen.clone();
        change(&mut edit);
        assert_eq!(
            differing(&edit.reads(), &seen.reads()),
            [field],
            "{}",
            field.key()
        );
        assert_eq!(
            edit.edit_of(&seen, now).edited,
            Some(now),
            "{}",
            field.key()
        );
        change(&mut everything);
    }
    // `Field::ALL` names every field of the projection.
    assert_eq!(differing(&everything.reads(), &seen.reads()), Field::ALL);
    // Nearest misses: what helped and the note are not read, so such an edit keeps the mark
    // the entry had (none, or an earlier edit's).
    let earlier: DateTime<FixedOffset> = "2026-11-24T20:00:00+01:00".parse().unwrap();
    let marked = SymptomEntry {
        edited: Some(earlier),
        ..seen.clone()
    };
    for (what, edit) in [
        (
            "relief",
            SymptomEntry {
                relief: Reliefs::of(&["walking"]),
                ..marked.clone()
            },
        ),
        (
            "note",
            SymptomEntry {
                note: "no numbness in both legs".into(),
                ..marked.clone()
            },
        ),
    ] {
        assert_eq!(edit.reads(), marked.reads(), "{what}");
        assert_eq!(edit.clone().edit_of(&seen, now).edited, None, "{what}");
        assert_eq!(edit.edit_of(&marked, now).edited, Some(earlier), "{what}");
    }
}

#[test]
fn each_field_the_rules_read_is_a_key_of_an_entry_line() {
    let line: serde_json::Value = serde_json::to_value(entry("01JDX", 24, 6)).unwrap();
    for field in Field::ALL {
        assert!(line.get(field.key()).is_some(), "{}", field.key());
    }
}
