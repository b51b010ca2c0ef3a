//! The draft journal: what is typed into the log form is kept in `draft.json` in the data folder
//! as it is typed, so that an app killed mid-entry (kill -9, a closed laptop that never came
//! back, a crash) loses nothing: the next start offers it back. Saving the entry, or discarding
//! the form, removes it.
//!
//! One form journals at a time: the app whose form is open holds `draft.lock` (an exclusive
//! `flock`, released by the kernel when the process dies however it dies). Another app started
//! meanwhile finds the lock held and does not offer a draft still being typed elsewhere; a
//! second form open at once in another window is simply not journaled.
//!
//! Each write replaces the file whole (a temporary file renamed over it, `0600`), so a kill
//! mid-write leaves the previous draft, never half of one. Nothing is synced to disk: the
//! journal is for a process that dies, not for a power cut. A draft that cannot be read (another
//! version's, damaged, over [`MAX_DRAFT_BYTES`]) is left where it is and not offered.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::{Onset, SymptomEntry};

/// The draft's file name in the data folder.
pub const FILE: &str = "draft.json";
/// The lock held while a form is open.
pub const LOCK: &str = "draft.lock";

/// The largest draft read back: a note of [`super::MAX_NOTE_CHARS`] and every tick fit many
/// times over.
pub const MAX_DRAFT_BYTES: u64 = 256 << 10;

/// What the form held: everything typed or chosen, as the form keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// When it was last written.
    pub written: Option<DateTime<FixedOffset>>,
    /// The id of the entry being edited; `None` for a new entry.
    pub editing: Option<String>,
    /// The version of that entry the form was opened on.
    pub seen: Option<SymptomEntry>,
    /// When the entry is for.
    pub at: Option<DateTime<FixedOffset>>,
    /// The rating, once chosen.
    pub pain: Option<u8>,
    /// How it began.
    pub onset: Option<Onset>,
    /// Areas chosen.
    pub areas: Vec<String>,
    /// "Not sure where".
    pub place_unsure: bool,
    /// Symptoms ticked.
    pub symptoms: Vec<String>,
    /// Triggers ticked.
    pub triggers: Vec<String>,
    /// Reliefs ticked.
    pub relief: Vec<String>,
    /// Screening answers, one per question.
    pub screening: Vec<Option<bool>>,
    /// The note, line by line.
    pub note: Vec<String>,
}

/// The journal of one open form: the lock, held until it is dropped.
#[derive(Debug)]
pub struct Journal {
    file: PathBuf,
    _lock: File,
}

impl Journal {
    /// Starts journaling into `data_dir`: `None` when another app's form holds the lock (or the
    /// folder cannot be written), and then nothing is journaled.
    pub fn open(data_dir: &Path) -> Option<Journal> {
        let lock = take_lock(data_dir)?;
        Some(Journal {
            file: data_dir.join(FILE),
            _lock: lock,
        })
    }

    /// Writes `draft` over the last one (best effort: a journal that cannot be written must not
    /// stop the typing).
    pub fn write(&self, draft: &Draft) {
        let Ok(bytes) = serde_json::to_vec(draft) else {
            return;
        };
        let dir = self.file.parent().unwrap_or(Path::new("."));
        let temp = dir.join(format!(".{FILE}.{}.tmp", std::process::id()));
        let written = (|| {
            let mut out = OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .custom_flags(libc::O_NOFOLLOW)
                .open(&temp)?;
            out.write_all(&bytes)?;
            fs::rename(&temp, &self.file)
        })();
        if written.is_err() {
            let _ = fs::remove_file(&temp);
        }
    }

    /// The entry was saved or the form discarded: no draft is left.
    pub fn clear(&self) {
        let _ = fs::remove_file(&self.file);
    }
}

/// The draft an app that stopped mid-entry left in `data_dir`, if there is one and no other
/// app's form is open (its lock held): to offer back at start.
pub fn left_behind(data_dir: &Path) -> Option<Draft> {
    let _lock = take_lock(data_dir)?;
    // One byte over the bound tells a draft too big to be ours.
    let text =
        crate::disk::read_to_string_at_most(&data_dir.join(FILE), MAX_DRAFT_BYTES + 1).ok()?;
    if text.len() as u64 > MAX_DRAFT_BYTES {
        return None;
    }
    let draft: Draft = serde_json::from_str(&text).ok()?;
    (draft != Draft::default()).then_some(draft)
}

/// The lock, if no one else holds it.
fn take_lock(data_dir: &Path) -> Option<File> {
    crate::store::create_private_dir(data_dir).ok()?;
    let lock = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(data_dir.join(LOCK))
        .ok()?;
    if !lock.metadata().ok()?.is_file() {
        return None;
    }
    lock.try_lock().ok()?;
    Some(lock)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(note: &str) -> Draft {
        Draft {
            written: Some("2026-11-24T18:30:00+01:00".parse().unwrap()),
            pain: Some(6),
            areas: vec!["leg-left".into()],
            note: vec![note.into(), "second line".into()],
            ..Draft::default()
        }
    }

    #[test]
    fn a_draft_left_by_a_form_that_never_closed_is_offered_back() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::open(dir.path()).unwrap();
        journal.write(&draft("first"));
        journal.write(&draft("stiff after the drive"));
        assert_eq!(left_behind(dir.path()), None, "not while the form is open");
        // The process dies: the kernel lets go of the lock.
        drop(journal);
        assert_eq!(
            left_behind(dir.path()),
            Some(draft("stiff after the drive"))
        );
        let mode = std::os::unix::fs::PermissionsExt::mode(
            &fs::metadata(dir.path().join(FILE)).unwrap().permissions(),
        );
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_saved_or_discarded_form_leaves_nothing_and_a_second_form_is_not_journaled() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::open(dir.path()).unwrap();
        assert!(Journal::open(dir.path()).is_none(), "one form at a time");
        journal.write(&draft("x"));
        journal.clear();
        drop(journal);
        assert_eq!(left_behind(dir.path()), None);
    }

    #[test]
    fn a_damaged_huge_or_odd_draft_is_not_offered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        fs::write(&path, b"{\"pain\":6,").unwrap();
        assert_eq!(left_behind(dir.path()), None);
        fs::write(&path, vec![b' '; MAX_DRAFT_BYTES as usize + 1]).unwrap();
        assert_eq!(left_behind(dir.path()), None);
        fs::remove_file(&path).unwrap();
        let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert_eq!(left_behind(dir.path()), None, "a FIFO is not waited on");
    }
}
