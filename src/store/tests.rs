//! Store tests: durable appends, torn and bad lines kept aside, blocks and line numbers, a
//! byte-order mark, things that are not files, warnings and permissions, and a round-trip
//! property.

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;

use proptest::prelude::*;
use serde::{Deserialize, Serialize};

use super::load::BLOCK;
use super::*;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Rec {
    id: u32,
    note: String,
}

fn rec(id: u32) -> Rec {
    Rec {
        id,
        note: format!("note {id}"),
    }
}

#[test]
fn appends_load_back_in_order_with_private_permissions() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let store = JsonlStore::new(&dir, "history.jsonl");
    assert_eq!(store.load::<Rec>().unwrap().records, vec![]);
    store.append(&rec(1)).unwrap();
    store.append(&rec(2)).unwrap();
    assert_eq!(store.load::<Rec>().unwrap().records, vec![rec(1), rec(2)]);
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(store.path()), 0o600);
}

#[test]
fn bad_and_torn_lines_are_kept_aside_and_the_next_append_lands_on_its_own_line() {
    let tmp = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(tmp.path(), "h.jsonl");
    store.append(&rec(1)).unwrap();
    let mut f = OpenOptions::new().append(true).open(store.path()).unwrap();
    f.write_all(b"garbage\n").unwrap();
    store.append(&rec(2)).unwrap();
    f.write_all(b"{\"id\":3,\"no").unwrap(); // torn: crash mid-write
    let loaded = store.load::<Rec>().unwrap();
    assert_eq!(loaded.records, vec![rec(1), rec(2)]);
    let lines: Vec<usize> = loaded.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![2, 4]);
    store.append(&rec(4)).unwrap();
    let loaded = store.load::<Rec>().unwrap();
    assert_eq!(loaded.records, vec![rec(1), rec(2), rec(4)]);
    let aside = fs::read_to_string(store.rejected_path()).unwrap();
    assert_eq!(
        aside, "garbage\n{\"id\":3,\"no\n",
        "each bad line copied once"
    );
}

#[test]
fn an_unwritable_folder_fails_with_the_path_in_the_message() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("not-a-dir");
    fs::write(&file, "x").unwrap();
    let store = JsonlStore::new(&file.join("sub"), "h.jsonl");
    let err = store.append(&rec(1)).unwrap_err().to_string();
    assert!(err.contains("not-a-dir"), "{err}");
}

#[test]
fn concurrent_appends_never_interleave() {
    let tmp = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(tmp.path(), "h.jsonl");
    std::thread::scope(|s| {
        for t in 0..4 {
            let store = store.clone();
            s.spawn(move || {
                for i in 0..50 {
                    store.append(&rec(t * 1000 + i)).unwrap();
                }
            });
        }
    });
    let loaded = store.load::<Rec>().unwrap();
    assert_eq!(loaded.records.len(), 200);
    assert!(loaded.rejected.is_empty());
}

#[test]
fn a_line_that_is_not_utf8_is_set_aside_and_its_neighbours_load() {
    let tmp = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(tmp.path(), "h.jsonl");
    store.append(&rec(1)).unwrap();
    let mut f = OpenOptions::new().append(true).open(store.path()).unwrap();
    f.write_all(b"{\"id\":2,\"note\":\"caf\xe9\"}\n").unwrap();
    store.append(&rec(3)).unwrap();
    let loaded = store.load::<Rec>().unwrap();
    assert_eq!(loaded.records, vec![rec(1), rec(3)]);
    assert_eq!(loaded.rejected.len(), 1);
    assert_eq!(loaded.rejected[0].line, 2);
}

#[test]
fn a_log_of_many_blocks_loads_in_order_with_the_right_line_numbers() {
    // Over 2 blocks, so blocks, parallel slices and their line counts are all exercised.
    let tmp = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(tmp.path(), "h.jsonl");
    let long = "x".repeat(200);
    let mut text = String::new();
    let mut expected = Vec::new();
    let mut bad = Vec::new();
    let mut line = 0;
    for id in 0..45_000u32 {
        line += 1;
        if id % 9_999 == 5 {
            text.push_str("not json\n");
            bad.push(line);
            line += 1;
        }
        let r = Rec {
            id,
            note: format!("{id} {long} é"),
        };
        text.push_str(&serde_json::to_string(&r).unwrap());
        text.push('\n');
        expected.push(r);
    }
    assert!(text.len() > 2 * BLOCK);
    fs::write(store.path(), text).unwrap();
    let loaded = store.load::<Rec>().unwrap();
    assert!(loaded.records == expected, "records out of order or lost");
    let lines: Vec<usize> = loaded.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, bad);
}

#[test]
fn a_byte_order_mark_before_line_1_is_not_a_bad_line() {
    let tmp = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(tmp.path(), "h.jsonl");
    fs::write(
        store.path(),
        b"\xEF\xBB\xBF{\"id\":1,\"note\":\"note 1\"}\n",
    )
    .unwrap();
    let loaded = store.load::<Rec>().unwrap();
    assert_eq!(loaded.records, vec![rec(1)]);
    assert!(loaded.rejected.is_empty());
}

#[test]
fn a_fifo_or_a_folder_in_place_of_the_file_is_refused_without_opening_it() {
    let tmp = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(tmp.path(), "h.jsonl");
    let status = std::process::Command::new("mkfifo")
        .arg(store.path())
        .status()
        .unwrap();
    assert!(status.success());
    // Opening a FIFO for reading would block until a writer comes: this returns at once.
    let err = store.load::<Rec>().unwrap_err().to_string();
    assert!(err.contains("is not a regular file"), "{err}");
    let err = store.append(&rec(1)).unwrap_err().to_string();
    assert!(err.contains("is not a regular file"), "{err}");
    let folder = JsonlStore::new(tmp.path(), "sub");
    fs::create_dir(folder.path()).unwrap();
    assert!(matches!(
        folder.load::<Rec>(),
        Err(StoreError::NotAFile { .. })
    ));
}

#[test]
fn a_data_folder_that_is_a_file_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("data");
    fs::write(&file, "x").unwrap();
    let err = JsonlStore::new(&file, "h.jsonl")
        .append(&rec(1))
        .unwrap_err()
        .to_string();
    assert!(err.contains("it is a file, not a folder"), "{err}");
    assert!(err.contains("--data-dir"), "{err}");
}

#[test]
fn many_bad_lines_are_summarised_and_a_failed_copy_is_not_claimed() {
    let tmp = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(tmp.path(), "h.jsonl");
    let mut text = String::new();
    for i in 0..4_014 {
        text.push_str(&format!("garbage {i}\n"));
    }
    text.push_str("{\"id\":1,\"note\":\"note 1\"}\n");
    fs::write(store.path(), text).unwrap();
    fs::set_permissions(store.path(), fs::Permissions::from_mode(0o600)).unwrap();
    // The copy aside cannot be written: a folder stands where it goes.
    fs::create_dir(store.rejected_path()).unwrap();
    let loaded = store.load::<Rec>().unwrap();
    assert_eq!(loaded.records, vec![rec(1)]);
    assert_eq!(loaded.rejected.len(), 4_014);
    assert!(loaded.notes.aside_error.is_some());
    let warnings = store.warnings(&loaded.rejected, &loaded.notes);
    assert_eq!(warnings.len(), NAMED_REJECTS + 2, "{warnings:#?}");
    assert!(
        warnings[NAMED_REJECTS].contains("4011 more lines"),
        "{warnings:#?}"
    );
    let last = warnings.last().unwrap();
    assert!(last.contains("could not be copied"), "{last}");
    assert!(!last.contains("are copied to"), "{last}");

    // Where the copy works, the warning says where the lines are.
    let ok = JsonlStore::new(tmp.path(), "g.jsonl");
    fs::write(ok.path(), "garbage\n").unwrap();
    let loaded = ok.load::<Rec>().unwrap();
    let warnings = ok.warnings(&loaded.rejected, &loaded.notes);
    assert!(
        warnings.last().unwrap().contains("are copied to"),
        "{warnings:?}"
    );
}

#[test]
fn a_file_others_can_read_is_made_private_once() {
    let tmp = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(tmp.path(), "h.jsonl");
    store.append(&rec(1)).unwrap();
    fs::set_permissions(store.path(), fs::Permissions::from_mode(0o644)).unwrap();
    let loaded = store.load::<Rec>().unwrap();
    assert_eq!(loaded.notes.tightened_from, Some(0o644));
    let warnings = store.warnings(&loaded.rejected, &loaded.notes);
    assert!(warnings[0].contains("now private"), "{warnings:?}");
    let mode = fs::metadata(store.path()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let again = store.load::<Rec>().unwrap();
    assert_eq!(again.notes.tightened_from, None, "said once");
}

proptest! {
    #[test]
    fn any_record_round_trips(id in any::<u32>(), note in ".{0,40}") {
        let tmp = tempfile::tempdir().unwrap();
        let store = JsonlStore::new(tmp.path(), "h.jsonl");
        let r = Rec { id, note };
        store.append(&r).unwrap();
        prop_assert_eq!(store.load::<Rec>().unwrap().records, vec![r]);
    }
}
