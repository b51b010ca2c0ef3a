//! Bounded reads (issue 19, item 12): a line longer than any record is rejected as it streams
//! past, never held whole (the reader's peak buffer says so, not a timing), and the copy of bad
//! lines to `<file>.rejected` is capped per load, with a count and where to look.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;

use serde::Deserialize;

use super::load::{BLOCK, take_peak_buffer};
use super::*;

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Rec {
    id: u32,
}

/// A private file in a fresh folder holding `parts` written one after another.
fn file_of(parts: &[&[u8]]) -> (tempfile::TempDir, JsonlStore) {
    let tmp = tempfile::tempdir().unwrap();
    let store = JsonlStore::new(tmp.path(), "h.jsonl");
    let mut file = fs::File::create(store.path()).unwrap();
    for part in parts {
        file.write_all(part).unwrap();
    }
    fs::set_permissions(store.path(), fs::Permissions::from_mode(0o600)).unwrap();
    (tmp, store)
}

/// The most the reader may hold: a block being read after a carried partial line of at most
/// `MAX_LINE`, with the allocator's rounding up. Far below the 50 MB line.
const BOUND: usize = 2 * (BLOCK + MAX_LINE);

#[test]
fn a_50_mb_line_is_skipped_without_being_held_and_its_neighbours_load() {
    let long = vec![b'x'; 50 << 20];
    let (_tmp, store) = file_of(&[b"{\"id\":1}\n", &long, b"\n{\"id\":3}\n"]);
    take_peak_buffer();
    let loaded = store.load::<Rec>().unwrap();
    let peak = take_peak_buffer();
    assert_eq!(loaded.records, [Rec { id: 1 }, Rec { id: 3 }]);
    assert_eq!(loaded.rejected.len(), 1);
    assert_eq!(loaded.rejected[0].line, 2);
    assert!(
        loaded.rejected[0]
            .reason
            .starts_with("the line is 52428800 bytes long, longer than any record can be"),
        "{:?}",
        loaded.rejected
    );
    assert!(peak <= BOUND, "held {peak} bytes at once");
    // Only its first bytes are copied aside; the line stays whole in the file.
    let aside = fs::read(store.rejected_path()).unwrap();
    assert_eq!(aside.len(), ASIDE_PREFIX + 1);
    assert_eq!(fs::metadata(store.path()).unwrap().len(), (50 << 20) + 19);
    // A second load copies nothing more.
    store.load::<Rec>().unwrap();
    assert_eq!(fs::read(store.rejected_path()).unwrap(), aside);
}

#[test]
fn a_long_torn_last_line_is_rejected_and_a_follower_waits_for_its_end() {
    let long = vec![b'y'; 6 << 20];
    let (_tmp, store) = file_of(&[b"{\"id\":1}\n", &long]);
    take_peak_buffer();
    let loaded = store.load::<Rec>().unwrap();
    assert_eq!(loaded.records, [Rec { id: 1 }]);
    assert_eq!(loaded.rejected.len(), 1);
    assert_eq!(loaded.rejected[0].line, 2);
    assert!(loaded.rejected[0].reason.contains("6291456 bytes"));
    assert!(take_peak_buffer() <= BOUND);

    // A follower leaves it until its newline comes, then rejects it once, whole.
    let mut cursor = Cursor::default();
    let Tail::Whole(first) = store.follow::<Rec>(&mut cursor).unwrap() else {
        panic!("a first read is whole");
    };
    assert_eq!(first.records, [Rec { id: 1 }]);
    let mut file = fs::OpenOptions::new()
        .append(true)
        .open(store.path())
        .unwrap();
    file.write_all(b"yy\n{\"id\":4}\n").unwrap();
    let Tail::Appended(next) = store.follow::<Rec>(&mut cursor).unwrap() else {
        panic!("the same file, appended to");
    };
    assert_eq!(next.records, [Rec { id: 4 }]);
    assert_eq!(next.rejected.len(), 1);
    assert_eq!(next.rejected[0].line, 2);
    assert!(
        next.rejected[0].reason.contains("6291458 bytes"),
        "{next:?}"
    );
    assert!(take_peak_buffer() <= BOUND);
}

#[test]
fn a_line_over_the_limit_inside_one_block_is_rejected_unparsed() {
    // 2 MiB: inside one 4 MiB block, so the parser meets it whole.
    let mut long = b"{\"id\":2,\"note\":\"".to_vec();
    long.resize(2 << 20, b'z');
    long.extend_from_slice(b"\"}\n");
    let (_tmp, store) = file_of(&[b"{\"id\":1}\n", &long, b"{\"id\":3}\n"]);
    let loaded = store.load::<Rec>().unwrap();
    assert_eq!(loaded.records, [Rec { id: 1 }, Rec { id: 3 }]);
    assert_eq!(loaded.rejected.len(), 1);
    assert_eq!(loaded.rejected[0].line, 2);
    assert!(loaded.rejected[0].reason.contains("longer than any record"));
    let aside = fs::read(store.rejected_path()).unwrap();
    assert_eq!(aside.len(), ASIDE_PREFIX + 1);
    assert!(aside.starts_with(b"{\"id\":2,\"note\":\"zzz"));
}

#[test]
fn bad_lines_are_copied_aside_up_to_a_cap_then_counted_with_where_to_look() {
    // 30,000 bad lines of 100 bytes: about 3 MB, three times the cap.
    let mut text = Vec::new();
    text.extend_from_slice(b"{\"id\":1}\n");
    for i in 0..30_000 {
        let line = format!("{i:0>99}\n");
        text.extend_from_slice(line.as_bytes());
    }
    let (_tmp, store) = file_of(&[&text]);
    let loaded = store.load::<Rec>().unwrap();
    assert_eq!(loaded.records, [Rec { id: 1 }]);
    assert_eq!(loaded.rejected.len(), 30_000);
    let aside = fs::metadata(store.rejected_path()).unwrap().len();
    assert!(aside <= ASIDE_PER_LOAD as u64, "{aside} bytes copied");
    let copied = ASIDE_PER_LOAD / 100;
    assert_eq!(aside, (copied * 100) as u64);
    assert_eq!(loaded.notes.not_copied, 30_000 - copied);
    assert_eq!(loaded.notes.first_not_copied, Some(copied + 2));
    let warnings = store.warnings(&loaded.rejected, &loaded.notes);
    let last = warnings.last().unwrap();
    assert_eq!(
        *last,
        format!(
            "{} of them were not copied to {}: at most 1 MiB of bad lines is copied per load; \
             they stay in {} only, the first at line {}",
            30_000 - copied,
            store.rejected_path().display(),
            store.path().display(),
            copied + 2
        )
    );
}

#[test]
fn a_data_folder_others_can_read_is_made_private_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    fs::create_dir(&dir).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(tighten_folder(&dir), Some(0o755));
    assert_eq!(
        fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    assert_eq!(tighten_folder(&dir), None);
    assert_eq!(tighten_folder(&tmp.path().join("missing")), None);
    assert_eq!(
        folder_tightened(&dir, 0o755),
        format!(
            "the data folder {} could be read by other users (mode 755); it is now private (700)",
            dir.display()
        )
    );
}
