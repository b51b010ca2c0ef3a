//! The append-only JSON-lines store behind `history.jsonl`, `symptoms.jsonl` and `acks.jsonl`
//! (DESIGN §5). Generic over the record type; knows nothing of what the records mean.
//!
//! Durability: an append opens the file for appending, takes an exclusive lock, writes the whole
//! line in one `write`, then `sync_data`s. If the file ends in a torn line (a crash mid-write),
//! the new record starts on a fresh line so it is never glued to the broken one. Loading takes a
//! shared lock, keeps every good line, and copies each bad line once to `<file>.rejected`,
//! reporting its line number. Files are created `0600`, the folder `0700`; an existing file that
//! others can read is tightened to `0600` on load, and the caller says so once.
//!
//! Faults handled with a message and nothing lost: a byte-order mark before line 1 is skipped; a
//! path that is not a regular file (a FIFO would block forever, a folder cannot be read) is
//! refused before it is opened; when the copy to `<file>.rejected` fails (a read-only disk) the
//! warning says the lines stayed in the file only; many bad lines are summarised.

mod append;
mod follow;
mod load;
pub mod lock;
mod parse;
mod stream;
mod warnings;

use std::fs::{self, File};
use std::io;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

pub use follow::{Cursor, Tail};
pub use stream::{Fold, Mark, Records, Streamed};
pub use warnings::{folder_tightened, tighten_folder};

/// A failure to read or write a data file; the message names the file and what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The data folder could not be created.
    #[error("cannot create the data folder {path}: {source} (choose another with --data-dir)")]
    CreateDir {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// Something that is not a regular file stands where a data file belongs.
    #[error(
        "{path} is not a regular file (a data file must be a plain file; move it away or choose another folder with --data-dir)"
    )]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// A file stands where the data folder belongs.
    #[error(
        "cannot use {path} as the data folder: it is a file, not a folder (choose another with --data-dir)"
    )]
    DirIsFile {
        /// The path.
        path: PathBuf,
    },
    /// The file could not be opened, read, locked or written.
    #[error("cannot {action} {path}: {source}")]
    Io {
        /// What was being done: "read", "write to", "lock".
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The record could not be encoded (a bug, never user data).
    #[error("cannot encode a record: {0}")]
    Encode(#[from] serde_json::Error),
}

/// A line that could not be read as a record; it stays in the file and is copied aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedLine {
    /// 1-based line number in the file.
    pub line: usize,
    /// Why it was rejected.
    pub reason: String,
}

/// The records of a file, in file order, and the lines that were set aside.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded<T> {
    /// Every line that parsed.
    pub records: Vec<T>,
    /// Every line that did not.
    pub rejected: Vec<RejectedLine>,
    /// What else the person should hear about the load.
    pub notes: LoadNotes,
}

/// What a load did beside reading records, for the warnings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadNotes {
    /// Why the rejected lines could not be copied to `<file>.rejected`, if they could not.
    pub aside_error: Option<String>,
    /// The file's permission bits before they were tightened to `0600`, if they were.
    pub tightened_from: Option<u32>,
    /// The data file is a link to a file outside the data folder that others can read: where
    /// it really is and its permission bits, left as they were (knotless changes the mode of
    /// nothing outside the data folder).
    pub left_open: Option<(PathBuf, u32)>,
    /// How many rejected lines were not copied to `<file>.rejected` ([`ASIDE_PER_LOAD`] was
    /// reached), and the first of them.
    pub not_copied: usize,
    /// The line number of the first rejected line not copied, if any.
    pub first_not_copied: Option<usize>,
}

/// The longest line read as a record (1 MiB): far longer than any valid one (a note is at most
/// 10,000 characters). A longer line is rejected as it streams past, never held whole.
pub const MAX_LINE: usize = 1 << 20;

/// How much of a line longer than [`MAX_LINE`] is copied to `<file>.rejected` (the line
/// itself stays whole in the data file).
pub const ASIDE_PREFIX: usize = 4 << 10;

/// Why a line longer than [`MAX_LINE`] is rejected.
fn too_long(len: u64) -> String {
    format!(
        "the line is {len} bytes long, longer than any record can be (at most {MAX_LINE} bytes); \
         it was skipped unread"
    )
}

/// How many bytes of bad lines one load copies to `<file>.rejected` at most; the rest are
/// counted, and stay in the data file.
pub const ASIDE_PER_LOAD: usize = 1 << 20;

/// How many rejected lines a warning names one by one before it summarises the rest.
pub const NAMED_REJECTS: usize = 3;

/// One JSON-lines file in the data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonlStore {
    path: PathBuf,
}

impl JsonlStore {
    /// The store at `dir/name`; nothing is created until the first append.
    pub fn new(dir: &Path, name: &str) -> Self {
        Self {
            path: dir.join(name),
        }
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where rejected lines are copied.
    pub fn rejected_path(&self) -> PathBuf {
        let mut name = self.path.as_os_str().to_owned();
        name.push(".rejected");
        PathBuf::from(name)
    }

    /// A function turning an I/O error while doing `action` to this file into a [`StoreError`].
    fn io_error(&self, action: &'static str) -> impl FnOnce(io::Error) -> StoreError + use<> {
        let path = self.path.clone();
        move |source| StoreError::Io {
            action,
            path,
            source,
        }
    }

    /// Opens the file for reading (`None` when it does not exist), refusing anything but a
    /// regular file without blocking on it (a FIFO would wait for ever for a writer).
    fn open_for_reading(&self) -> Result<Option<File>, StoreError> {
        match crate::disk::open_regular(&self.path) {
            Ok(file) => Ok(Some(file)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(self.open_error(e)),
        }
    }

    /// An error opening the file, as a [`StoreError`]: something not a regular file is
    /// [`StoreError::NotAFile`].
    fn open_error(&self, e: io::Error) -> StoreError {
        if crate::disk::is_not_regular(&e) {
            StoreError::NotAFile {
                path: self.path.clone(),
            }
        } else {
            self.io_error("open")(e)
        }
    }
}

/// Creates the data folder (and parents) with mode `0700`.
pub fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    if dir.is_dir() {
        return Ok(());
    }
    if dir.exists() {
        return Err(StoreError::DirIsFile {
            path: dir.to_path_buf(),
        });
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|source| StoreError::CreateDir {
            path: dir.to_path_buf(),
            source,
        })
}

#[cfg(test)]
mod bounds_tests;
#[cfg(test)]
mod follow_tests;
#[cfg(test)]
mod stream_tests;
#[cfg(test)]
mod tests;
