//! Snapshot tests: a load through a snapshot gives what a whole load gives, whatever was
//! appended after it, and a snapshot that no longer describes the log is never used.

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;

use proptest::prelude::*;

use super::*;
use crate::symptoms::{LogChange, SymptomLog};
use crate::vocabulary::{Areas, Reliefs, Symptoms, Triggers};

fn entry(i: usize, pain: u8) -> SymptomEntry {
    SymptomEntry {
        edited: i
            .is_multiple_of(5)
            .then(|| "2026-11-30T10:00:00+01:00".parse().unwrap()),
        id: format!("01K{i:023}"),
        at: DateTime::parse_from_rfc3339("2026-01-01T08:00:00+01:00").unwrap()
            + chrono::Duration::minutes(i as i64 * 97 % 50_000),
        pain,
        onset: match i % 3 {
            0 => None,
            1 => Some(Onset::Sudden),
            _ => Some(Onset::Gradual),
        },
        areas: if i.is_multiple_of(2) {
            Areas::of(&["lower-back-left", "leg-left"])
        } else {
            Areas::of(&["foot-right"])
        },
        symptoms: Symptoms::of(&["knot", "tingling"]),
        denied: Symptoms::of(&["saddle-numbness"]),
        triggers: Triggers::of(&["sitting"]),
        relief: Reliefs::of(&["heat"]),
        note: if i.is_multiple_of(4) {
            format!("ünwind {i}, after the drive")
        } else {
            String::new()
        },
    }
}

fn append(path: &Path, text: &str) {
    let mut f = OpenOptions::new().append(true).open(path).unwrap();
    f.write_all(text.as_bytes()).unwrap();
}

/// A log in a temporary folder and the snapshot file beside it.
struct Fixture {
    dir: tempfile::TempDir,
    log: SymptomLog,
}

impl Fixture {
    fn new(entries: usize) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let log = SymptomLog::new(dir.path());
        if entries > 0 {
            // One write, as a log grown over years would read (an append each is slow here).
            let text: String = (0..entries)
                .map(|i| serde_json::to_string(&entry(i, (i % 11) as u8)).unwrap() + "\n")
                .collect();
            std::fs::write(log.store().path(), text).unwrap();
            let mode = std::fs::Permissions::from_mode(0o600);
            std::fs::set_permissions(log.store().path(), mode).unwrap();
        }
        Fixture { dir, log }
    }

    fn file(&self) -> std::path::PathBuf {
        self.dir.path().join("cache").join("log.snapshot")
    }

    fn path(&self) -> &Path {
        self.log.store().path()
    }

    /// A snapshot of the log as it is now, written whatever its size.
    fn snapshot_now(&self) {
        let mut cursor = Cursor::default();
        let LogChange::Whole(contents) = self.log.follow(&mut cursor).unwrap() else {
            panic!("a first read is whole");
        };
        write(&self.file(), self.path(), cursor, &contents.entries).unwrap();
    }
}

#[test]
fn a_snapshot_reads_back_the_entries_it_was_written_with() {
    let f = Fixture::new(40);
    f.snapshot_now();
    let snapshot = read(&f.file(), f.path()).expect("a fresh snapshot is used");
    assert_eq!(snapshot.entries, f.log.load().unwrap().entries);
    assert_eq!(
        snapshot.cursor.offset(),
        std::fs::metadata(f.path()).unwrap().len()
    );
    assert_eq!(snapshot.cursor.lines(), 40);
    let mode = std::fs::metadata(f.file()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn lines_appended_after_the_snapshot_are_applied_as_a_whole_load_applies_them() {
    let f = Fixture::new(30);
    f.snapshot_now();
    f.log.save(&entry(100, 9)).unwrap();
    let mut edited = entry(3, 10);
    edited.at = "2025-06-01T12:00:00+02:00".parse().unwrap();
    f.log.save(&edited).unwrap();
    f.log.delete(&entry(7, 0).id).unwrap();
    f.log.delete("01Knever-written").unwrap();
    let (contents, cursor) = f.log.load_cached(&f.file()).unwrap();
    assert!(read(&f.file(), f.path()).is_some(), "still the same file");
    assert_eq!(contents.entries, f.log.load().unwrap().entries);
    assert_eq!(cursor.offset(), std::fs::metadata(f.path()).unwrap().len());
    assert_eq!(cursor.lines(), 34);
}

#[test]
fn a_log_changed_in_place_before_the_offset_is_read_whole() {
    let f = Fixture::new(20);
    f.snapshot_now();
    // An editor that writes in place: same file, same length, one pain changed.
    let text = std::fs::read_to_string(f.path()).unwrap();
    let changed = text.replacen("\"pain\":0", "\"pain\":9", 1);
    assert_ne!(text, changed);
    std::fs::write(f.path(), &changed).unwrap();
    assert!(read(&f.file(), f.path()).is_none());
    let (contents, _) = f.log.load_cached(&f.file()).unwrap();
    assert_eq!(contents.entries, f.log.load().unwrap().entries);
    // Entry 9 had a 9 already; the first entry with no pain now has one too.
    assert_eq!(contents.entries.iter().filter(|e| e.pain == 9).count(), 2);
}

#[test]
fn a_log_replaced_or_cut_short_is_read_whole() {
    let f = Fixture::new(20);
    f.snapshot_now();
    // Replaced by a rename (compaction, a sync tool): another inode.
    let text = std::fs::read_to_string(f.path()).unwrap();
    let temp = f.dir.path().join("new.jsonl");
    std::fs::write(&temp, &text).unwrap();
    std::fs::rename(&temp, f.path()).unwrap();
    assert!(read(&f.file(), f.path()).is_none());
    // Cut short in place.
    f.snapshot_now();
    let half: String = text.lines().take(5).map(|l| format!("{l}\n")).collect();
    std::fs::write(f.path(), half).unwrap();
    assert!(read(&f.file(), f.path()).is_none());
    let (contents, _) = f.log.load_cached(&f.file()).unwrap();
    assert_eq!(contents.entries.len(), 5);
}

#[test]
fn a_damaged_or_foreign_snapshot_is_not_read() {
    let f = Fixture::new(20);
    f.snapshot_now();
    let good = std::fs::read(f.file()).unwrap();
    for at in [0, 9, good.len() / 2, good.len() - 1] {
        let mut bad = good.clone();
        bad[at] ^= 0x20;
        std::fs::write(f.file(), &bad).unwrap();
        assert!(read(&f.file(), f.path()).is_none(), "byte {at} flipped");
    }
    std::fs::write(f.file(), &good[..good.len() - 3]).unwrap();
    assert!(read(&f.file(), f.path()).is_none(), "cut short");
    std::fs::write(f.file(), b"").unwrap();
    assert!(read(&f.file(), f.path()).is_none(), "empty");
}

#[test]
fn a_fifo_in_place_of_the_snapshot_is_not_waited_on() {
    let f = Fixture::new(3);
    std::fs::create_dir_all(f.file().parent().unwrap()).unwrap();
    let path = std::ffi::CString::new(f.file().as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
    assert!(read(&f.file(), f.path()).is_none());
    let (contents, _) = f.log.load_cached(&f.file()).unwrap();
    assert_eq!(contents.entries.len(), 3);
}

#[test]
fn a_big_log_leaves_a_snapshot_and_one_with_a_line_set_aside_does_not() {
    // Enough entries for MIN_LOG_BYTES.
    let n = usize::try_from(MIN_LOG_BYTES).unwrap() / 150;
    let f = Fixture::new(n);
    assert!(std::fs::metadata(f.path()).unwrap().len() >= MIN_LOG_BYTES);
    let (first, _) = f.log.load_cached(&f.file()).unwrap();
    assert!(read(&f.file(), f.path()).is_some(), "written by the load");
    let (second, _) = f.log.load_cached(&f.file()).unwrap();
    assert_eq!(first, second);

    let g = Fixture::new(n);
    append(g.path(), "{\"id\":\"01Kbad\",\"pain\":\"much\"}\n");
    let (contents, _) = g.log.load_cached(&g.file()).unwrap();
    assert_eq!(contents.rejected.len(), 1);
    assert!(!g.file().exists(), "every load still reports the line");
    let (again, _) = g.log.load_cached(&g.file()).unwrap();
    assert_eq!(again.rejected.len(), 1);
}

#[derive(Debug, Clone)]
enum Op {
    Save(usize, u8),
    Delete(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0usize..25, 0u8..=10).prop_map(|(i, p)| Op::Save(i, p)),
        1 => (0usize..25).prop_map(Op::Delete),
    ]
}

fn run(log: &SymptomLog, ops: &[Op]) {
    for op in ops {
        match *op {
            Op::Save(i, pain) => log.save(&entry(i, pain)).unwrap(),
            Op::Delete(i) => log.delete(&entry(i, 0).id).unwrap(),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever was written before the snapshot and after it, a load through it gives what a
    /// whole load gives.
    #[test]
    fn a_load_through_a_snapshot_is_a_whole_load(
        before in proptest::collection::vec(op(), 0..30),
        after in proptest::collection::vec(op(), 0..12),
    ) {
        let f = Fixture::new(0);
        run(&f.log, &before);
        if std::fs::metadata(f.path()).is_ok() {
            f.snapshot_now();
        }
        run(&f.log, &after);
        let (contents, _) = f.log.load_cached(&f.file()).unwrap();
        prop_assert_eq!(contents, f.log.load().unwrap());
    }
}
