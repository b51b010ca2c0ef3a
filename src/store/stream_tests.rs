//! Streaming a file: each id once, at its last line, in the order a load and fold gives; the
//! same rejected lines as a load; lines out of file order and ids that are not ULIDs.

use std::collections::HashMap;
use std::fs;

use chrono::{DateTime, FixedOffset};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

use super::stream::{ulid_text, ulid_value};
use super::{Fold, JsonlStore, Mark};

/// A record with an id, a time (none for a tombstone), a version, and a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct R {
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    v: u32,
    #[serde(default)]
    list: usize,
}

fn mark(r: &R) -> Mark<'_> {
    Mark {
        id: &r.id,
        time: r.at,
        list: r.list,
    }
}

fn check(r: &R) -> Option<String> {
    (r.id.is_empty()).then(|| "the `id` is empty".to_owned())
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn write_lines(store: &JsonlStore, lines: &[String]) {
    let mut text = lines.join("\n");
    text.push('\n');
    fs::write(store.path(), text).unwrap();
}

fn line(id: &str, time: Option<&str>, v: u32, list: usize) -> String {
    serde_json::to_string(&R {
        id: id.to_owned(),
        at: time.map(at),
        v,
        list,
    })
    .unwrap()
}

/// What the stream yields of list `list`, as (id, version).
fn streamed(store: &JsonlStore, folds: &[Fold], list: usize) -> Vec<(String, u32)> {
    let s = store.stream_checked(folds, check, mark).unwrap();
    s.records::<R>(list)
        .map(|r| r.map(|r| (r.id, r.v)).unwrap())
        .collect()
}

const A: &str = "01KAW3J8V4S9M2Q6C7D1E5F0GA";
const B: &str = "01KAW3J8V4S9M2Q6C7D1E5F0GB";
const C: &str = "01KAW3J8V4S9M2Q6C7D1E5F0GC";

#[test]
fn each_id_is_written_once_at_its_last_version_in_time_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(dir.path(), "f.jsonl");
    write_lines(
        &store,
        &[
            line(A, Some("2026-11-24T09:00:00+01:00"), 1, 0),
            line(B, Some("2026-11-24T10:00:00+01:00"), 1, 0),
            // A session's lines one after another: the last one counts.
            line(C, Some("2026-11-24T07:00:00+01:00"), 1, 0),
            line(C, Some("2026-11-24T07:00:00+01:00"), 2, 0),
            // An edit moves A after B; B is deleted; "e1" (not a ULID) is edited.
            line("e1", Some("2026-11-24T08:00:00+00:00"), 1, 0),
            line(A, Some("2026-11-24T11:00:00+01:00"), 2, 0),
            line(B, None, 0, 0),
            line("e1", Some("2026-11-24T08:00:00+00:00"), 2, 0),
            line(C, Some("2026-11-24T07:00:00+01:00"), 3, 0),
        ],
    );
    assert_eq!(
        streamed(&store, &[Fold::LastWins], 0),
        vec![(C.to_owned(), 3), ("e1".to_owned(), 2), (A.to_owned(), 2)]
    );
}

#[test]
fn a_deleted_id_written_again_comes_back_and_every_line_of_an_every_list_counts() {
    let dir = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(dir.path(), "f.jsonl");
    write_lines(
        &store,
        &[
            line(A, Some("2026-11-24T09:00:00Z"), 1, 0),
            line(A, None, 0, 0),
            line(B, Some("2026-11-24T09:00:00Z"), 1, 1),
            line(B, Some("2026-11-24T09:00:00Z"), 2, 1),
            line(A, Some("2026-11-24T10:00:00Z"), 3, 0),
        ],
    );
    let folds = [Fold::LastWins, Fold::Every];
    assert_eq!(streamed(&store, &folds, 0), vec![(A.to_owned(), 3)]);
    assert_eq!(
        streamed(&store, &folds, 1),
        vec![(B.to_owned(), 1), (B.to_owned(), 2)]
    );
}

#[test]
fn bad_lines_are_rejected_as_a_load_rejects_them_and_a_missing_file_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(dir.path(), "f.jsonl");
    let s = store
        .stream_checked(&[Fold::LastWins], check, mark)
        .unwrap();
    assert!(s.is_empty(0) && s.rejected.is_empty());
    let mut text = b"\xEF\xBB\xBF".to_vec();
    text.extend_from_slice(line(A, Some("2026-11-24T09:00:00Z"), 1, 0).as_bytes());
    text.extend_from_slice(b"\nnot json\n{\"id\":\"\"}\n");
    text.extend_from_slice(line(B, Some("2026-11-24T08:00:00Z"), 1, 0).as_bytes());
    text.extend_from_slice(b"\r\n{\"id\":\"torn");
    fs::write(store.path(), &text).unwrap();
    let loaded = store.load_checked(check).unwrap();
    fs::remove_file(store.rejected_path()).unwrap();
    let s = store
        .stream_checked(&[Fold::LastWins], check, mark)
        .unwrap();
    assert_eq!(s.rejected, loaded.rejected);
    assert_eq!(s.rejected.len(), 3);
    assert_eq!(
        fs::read(store.rejected_path()).unwrap(),
        b"not json\n{\"id\":\"\"}\n{\"id\":\"torn\n"
    );
    // The byte-order mark and the CRLF do not move the lines read again.
    let versions: Vec<String> = s.records::<R>(0).map(|r| r.unwrap().id).collect();
    assert_eq!(versions, vec![B.to_owned(), A.to_owned()]);
}

#[test]
fn retain_keeps_the_records_in_a_period_by_their_moment() {
    let dir = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(dir.path(), "f.jsonl");
    write_lines(
        &store,
        &[
            line(A, Some("2026-11-24T00:30:00+01:00"), 1, 0),
            line(B, Some("2026-11-24T00:30:00+00:00"), 1, 0),
        ],
    );
    let mut s = store
        .stream_checked(&[Fold::LastWins], check, mark)
        .unwrap();
    let since = at("2026-11-24T00:00:00+00:00");
    s.retain(0, |t| t >= since);
    let ids: Vec<String> = s.records::<R>(0).map(|r| r.unwrap().id).collect();
    assert_eq!(ids, vec![B.to_owned()]);
}

#[test]
fn a_file_cut_short_after_the_first_pass_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(dir.path(), "f.jsonl");
    write_lines(&store, &[line(A, Some("2026-11-24T09:00:00Z"), 1, 0)]);
    let s = store
        .stream_checked(&[Fold::LastWins], check, mark)
        .unwrap();
    fs::OpenOptions::new()
        .write(true)
        .open(store.path())
        .unwrap()
        .set_len(5)
        .unwrap();
    let read: Vec<_> = s.records::<R>(0).collect();
    assert!(read[0].is_err(), "{read:?}");
}

/// Ids from a small pool, so that lines repeat ids: ULIDs, a lower-case one, short ones.
fn id_pool() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u8..6).prop_map(|i| format!("01KAW3J8V4S9M2Q6C7D1E5F0G{}", i)),
        Just("01kaw3j8v4s9m2q6c7d1e5f0g1".to_owned()),
        Just("e1".to_owned()),
        Just("01KAW3J8V4S9M2Q6C7D1E5F0G".to_owned()),
        Just("zz".to_owned()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the lines, the stream is the reference fold: the last line of each id, none
    /// for a tombstone, by (time, id); every line for an `Every` list, by (time, id, line).
    #[test]
    fn the_stream_is_the_fold_of_a_load(
        lines in prop::collection::vec(
            (id_pool(), prop::option::weighted(0.85, 0i64..40), 0usize..2),
            0..120,
        )
    ) {
        let dir = tempfile::tempdir().unwrap();
        let store = JsonlStore::new(dir.path(), "f.jsonl");
        let base = at("2026-11-24T00:00:00+01:00");
        let records: Vec<R> = lines
            .iter()
            .enumerate()
            .map(|(v, (id, minutes, list))| R {
                id: id.clone(),
                // Times that tie, in different offsets.
                at: minutes.map(|m| {
                    let t = base + chrono::Duration::minutes(m / 2 * 60);
                    if m % 2 == 0 { t } else { t.with_timezone(&chrono::Utc).fixed_offset() }
                }),
                v: v as u32,
                list: *list,
            })
            .collect();
        let text: String = records
            .iter()
            .map(|r| serde_json::to_string(r).unwrap() + "\n")
            .collect();
        fs::write(store.path(), text).unwrap();
        let folds = [Fold::LastWins, Fold::Every];

        let mut last: HashMap<&str, &R> = HashMap::new();
        for r in records.iter().filter(|r| r.list == 0) {
            last.insert(&r.id, r);
        }
        let mut want0: Vec<&R> = last.into_values().filter(|r| r.at.is_some()).collect();
        want0.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
        let mut want1: Vec<&R> = records.iter().filter(|r| r.list == 1 && r.at.is_some()).collect();
        want1.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));

        let s = store.stream_checked(&folds, check, mark).unwrap();
        let got0: Vec<R> = s.records::<R>(0).map(Result::unwrap).collect();
        let got1: Vec<R> = s.records::<R>(1).map(Result::unwrap).collect();
        prop_assert_eq!(got0, want0.into_iter().cloned().collect::<Vec<_>>());
        prop_assert_eq!(got1, want1.into_iter().cloned().collect::<Vec<_>>());
    }

    /// A ULID's value orders as its text, and gives its text back.
    #[test]
    fn ulid_values_order_as_their_text(a in "[0-7][0-9A-HJKMNP-TV-Z]{25}", b in "[0-7][0-9A-HJKMNP-TV-Z]{25}") {
        let (x, y) = (ulid_value(&a).unwrap(), ulid_value(&b).unwrap());
        prop_assert_eq!(x.cmp(&y), a.cmp(&b));
        let mut text = [0; 26];
        ulid_text(x, &mut text);
        prop_assert_eq!(&text[..], a.as_bytes());
    }
}

#[test]
fn only_upper_case_ulids_of_128_bits_are_packed() {
    assert!(ulid_value("7ZZZZZZZZZZZZZZZZZZZZZZZZZ").is_some());
    assert_eq!(ulid_value("8ZZZZZZZZZZZZZZZZZZZZZZZZZ"), None);
    assert_eq!(ulid_value("01kaw3j8v4s9m2q6c7d1e5f0g1"), None);
    assert_eq!(ulid_value("01KAW3J8V4S9M2Q6C7D1E5F0GI"), None);
    assert_eq!(ulid_value("e1"), None);
}
