//! Following a file by its tail: appended lines only, a torn line left for later, a shrunk or
//! replaced file read whole, our own append not read back.

use std::fs;
use std::io::Write;

use serde::{Deserialize, Serialize};

use super::{Cursor, JsonlStore, Tail};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct R {
    id: u32,
}

fn ids(tail: &Tail<R>) -> (bool, Vec<u32>) {
    match tail {
        Tail::Appended(l) => (false, l.records.iter().map(|r| r.id).collect()),
        Tail::Whole(l) => (true, l.records.iter().map(|r| r.id).collect()),
    }
}

fn write_raw(store: &JsonlStore, bytes: &[u8]) {
    let mut f = fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(store.path())
        .unwrap();
    f.write_all(bytes).unwrap();
}

#[test]
fn a_missing_file_is_nothing_new_and_its_first_lines_come_whole() {
    let dir = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(dir.path(), "f.jsonl");
    let mut cursor = Cursor::default();
    assert_eq!(ids(&store.follow(&mut cursor).unwrap()), (false, vec![]));
    store.append(&R { id: 1 }).unwrap();
    assert_eq!(ids(&store.follow(&mut cursor).unwrap()), (true, vec![1]));
}

#[test]
fn only_the_lines_appended_since_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(dir.path(), "f.jsonl");
    store.append(&R { id: 1 }).unwrap();
    let mut cursor = Cursor::default();
    assert_eq!(ids(&store.follow(&mut cursor).unwrap()), (true, vec![1]));
    assert_eq!(ids(&store.follow(&mut cursor).unwrap()), (false, vec![]));
    store.append(&R { id: 2 }).unwrap();
    store.append(&R { id: 3 }).unwrap();
    assert_eq!(
        ids(&store.follow(&mut cursor).unwrap()),
        (false, vec![2, 3])
    );
    assert_eq!(cursor.offset(), fs::metadata(store.path()).unwrap().len());
}

#[test]
fn a_torn_last_line_waits_until_it_is_whole() {
    let dir = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(dir.path(), "f.jsonl");
    store.append(&R { id: 1 }).unwrap();
    let mut cursor = Cursor::default();
    store.follow::<R>(&mut cursor).unwrap();
    write_raw(&store, b"{\"id\":2}\n{\"id\"");
    let tail = store.follow(&mut cursor).unwrap();
    assert_eq!(ids(&tail), (false, vec![2]));
    let Tail::Appended(l) = tail else { panic!() };
    assert!(
        l.rejected.is_empty(),
        "a torn line is not rejected while it may grow"
    );
    write_raw(&store, b":3}\n");
    assert_eq!(ids(&store.follow(&mut cursor).unwrap()), (false, vec![3]));
}

#[test]
fn a_bad_appended_line_is_rejected_with_its_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(dir.path(), "f.jsonl");
    store.append(&R { id: 1 }).unwrap();
    store.append(&R { id: 2 }).unwrap();
    let mut cursor = Cursor::default();
    store.follow::<R>(&mut cursor).unwrap();
    write_raw(&store, b"not json\n");
    let Tail::Appended(l) = store.follow::<R>(&mut cursor).unwrap() else {
        panic!("appended")
    };
    assert_eq!(l.rejected.len(), 1);
    assert_eq!(l.rejected[0].line, 3);
}

#[test]
fn a_file_that_shrank_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(dir.path(), "f.jsonl");
    for id in 1..=3 {
        store.append(&R { id }).unwrap();
    }
    let mut cursor = Cursor::default();
    store.follow::<R>(&mut cursor).unwrap();
    // Truncated in place (same inode) and one line written.
    fs::write(store.path(), b"{\"id\":9}\n").unwrap();
    assert_eq!(ids(&store.follow(&mut cursor).unwrap()), (true, vec![9]));
}

#[test]
fn a_file_replaced_by_rename_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(dir.path(), "f.jsonl");
    store.append(&R { id: 1 }).unwrap();
    let mut cursor = Cursor::default();
    store.follow::<R>(&mut cursor).unwrap();
    // A sync tool writes a new copy, longer than the old, and renames it over.
    let new = dir.path().join("f.jsonl.tmp");
    fs::write(&new, b"{\"id\":1}\n{\"id\":5}\n{\"id\":6}\n").unwrap();
    fs::rename(&new, store.path()).unwrap();
    assert_eq!(
        ids(&store.follow(&mut cursor).unwrap()),
        (true, vec![1, 5, 6])
    );
}

#[test]
fn a_deleted_file_is_read_as_empty_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(dir.path(), "f.jsonl");
    store.append(&R { id: 1 }).unwrap();
    let mut cursor = Cursor::default();
    store.follow::<R>(&mut cursor).unwrap();
    fs::remove_file(store.path()).unwrap();
    assert_eq!(ids(&store.follow(&mut cursor).unwrap()), (true, vec![]));
    assert_eq!(ids(&store.follow(&mut cursor).unwrap()), (false, vec![]));
}

#[test]
fn our_own_append_is_not_read_back_but_one_after_another_writer_is() {
    let dir = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(dir.path(), "f.jsonl");
    store.append(&R { id: 1 }).unwrap();
    let mut cursor = Cursor::default();
    store.follow::<R>(&mut cursor).unwrap();
    store.append_followed(&R { id: 2 }, &mut cursor).unwrap();
    assert_eq!(ids(&store.follow(&mut cursor).unwrap()), (false, vec![]));
    // Someone else wrote first: our line is read with theirs, to be applied by id.
    store.append(&R { id: 3 }).unwrap();
    store.append_followed(&R { id: 4 }, &mut cursor).unwrap();
    assert_eq!(
        ids(&store.follow(&mut cursor).unwrap()),
        (false, vec![3, 4])
    );
}
