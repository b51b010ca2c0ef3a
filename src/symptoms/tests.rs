//! Symptom log tests: validation, the fold of edits and deletes, and round-trips.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;

fn entry(id: &str, day: u32, pain: u8) -> SymptomEntry {
    SymptomEntry {
        id: id.to_owned(),
        at: format!("2026-11-{day:02}T09:30:00+01:00").parse().unwrap(),
        pain,
        onset: Some(Onset::Gradual),
        areas: vec!["lower-back-left".into(), "leg-left".into()],
        symptoms: vec!["knot".into(), "shooting-pain".into()],
        denied: vec!["saddle-numbness".into(), "bladder-change".into()],
        triggers: vec!["sitting".into()],
        relief: vec!["heat".into()],
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
fn validation_rejects_pain_unknown_ids_and_contradictions() {
    let v = Vocabulary::bundled();
    assert_eq!(entry("a", 1, 6).validate(v), Ok(()));
    assert_eq!(entry("a", 1, 11).validate(v), Err(EntryError::Pain(11)));
    let mut e = entry("a", 1, 3);
    e.areas.push("elbow".into());
    assert!(
        e.validate(v)
            .unwrap_err()
            .to_string()
            .starts_with("unknown area `elbow`; valid: lower-back,")
    );
    let mut e = entry("a", 1, 3);
    e.symptoms.push("saddle-numbness".into());
    assert_eq!(
        e.validate(v),
        Err(EntryError::Contradiction("saddle-numbness".into()))
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
}

#[test]
fn an_entry_line_without_time_or_with_bad_pain_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let log = SymptomLog::new(dir.path());
    log.save(&entry("a", 20, 5)).unwrap();
    std::fs::write(
        log.store().path(),
        format!(
            "{}\n{{\"id\":\"x\",\"pain\":3}}\n{{\"id\":\"y\",\"at\":\"2026-11-20T09:00:00Z\",\"pain\":12}}\n",
            serde_json::to_string(&entry("a", 20, 5)).unwrap()
        ),
    )
    .unwrap();
    let contents = log.load().unwrap();
    assert_eq!(contents.entries.len(), 1);
    let lines: Vec<usize> = contents.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![2, 3]);
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
    ) {
        let offset = FixedOffset::east_opt(offset_h * 3600).unwrap();
        let at = DateTime::from_timestamp(secs, 0).unwrap().with_timezone(&offset);
        let mut e = entry("id", 1, pain);
        e.at = at;
        e.note = note;
        e.onset = Some(if sudden { Onset::Sudden } else { Onset::Gradual });
        let line = serde_json::to_string(&e).unwrap();
        prop_assert!(!line.contains('\n'));
        let back: SymptomEntry = serde_json::from_str(&line).unwrap();
        prop_assert_eq!(back, e);
    }
}
