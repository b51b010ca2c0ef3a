//! Following a file by its tail (`tail -F`): what was appended since the last read is read from
//! the last offset, under the shared lock, whole lines only (a torn last line waits for the
//! next read). The file's identity (device, inode) is remembered with the offset: a file that
//! was replaced (renamed over, deleted and written again) or shrank below the offset is read
//! whole, and the follower starts again from what it holds.

use std::os::unix::fs::MetadataExt;

use serde::de::DeserializeOwned;

use super::load::{Start, Torn};
use super::{JsonlStore, LoadNotes, Loaded, StoreError};

/// How far a follower has read a file: which file, and the whole lines read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    /// (device, inode) of the file read; `None` before the first read or while it is missing.
    identity: Option<(u64, u64)>,
    /// Where the whole lines read end.
    end: Start,
}

impl Cursor {
    /// The byte offset read up to.
    pub fn offset(&self) -> u64 {
        self.end.offset
    }

    /// A cursor at whole line `lines`, byte `offset`, of the file with this identity (device,
    /// inode): where a saved read of it ended (see `symptoms::snapshot`). Following from it
    /// reads on from there; a file that is not that one any more is read whole.
    pub fn resume(identity: (u64, u64), offset: u64, lines: usize) -> Cursor {
        Cursor {
            identity: Some(identity),
            end: Start { offset, lines },
        }
    }

    /// The identity (device, inode) of the file read, if any.
    pub fn identity(&self) -> Option<(u64, u64)> {
        self.identity
    }

    /// How many whole lines were read.
    pub fn lines(&self) -> usize {
        self.end.lines
    }

    /// After our own append to the file `identity` took it from `before` to `after` bytes:
    /// when the cursor was at `before`, it moves past the line.
    pub(super) fn skip_own(&mut self, identity: (u64, u64), before: u64, after: u64) {
        if self.identity == Some(identity) && self.end.offset == before {
            self.end = Start {
                offset: after,
                lines: self.end.lines + 1,
            };
        }
    }
}

/// What a follow read.
#[derive(Debug, Clone, PartialEq)]
pub enum Tail<T> {
    /// The records appended since the last read, in file order (none when nothing was).
    Appended(Loaded<T>),
    /// The file is new to the follower, was replaced, shrank or is gone: everything it holds
    /// now (empty when it is gone), in file order.
    Whole(Loaded<T>),
}

impl JsonlStore {
    /// Reads what was appended since `cursor` (see [`Tail`]) and moves it on.
    pub fn follow<T: DeserializeOwned + Send>(
        &self,
        cursor: &mut Cursor,
    ) -> Result<Tail<T>, StoreError> {
        self.follow_checked(cursor, |_: &T| None)
    }

    /// Like [`follow`](Self::follow), with the check of [`load_checked`](Self::load_checked).
    pub fn follow_checked<T: DeserializeOwned + Send>(
        &self,
        cursor: &mut Cursor,
        check: impl Fn(&T) -> Option<String> + Sync,
    ) -> Result<Tail<T>, StoreError> {
        self.read_on(cursor, check, Torn::Leave)
    }

    /// Like [`follow_checked`](Self::follow_checked) for a reader that will not read again (a
    /// command that resumes from a saved cursor): a torn last line is the trace of a crash, set
    /// aside as a whole load sets it aside, not left for a next read.
    pub fn load_on_checked<T: DeserializeOwned + Send>(
        &self,
        cursor: &mut Cursor,
        check: impl Fn(&T) -> Option<String> + Sync,
    ) -> Result<Tail<T>, StoreError> {
        self.read_on(cursor, check, Torn::Parse)
    }

    fn read_on<T: DeserializeOwned + Send>(
        &self,
        cursor: &mut Cursor,
        check: impl Fn(&T) -> Option<String> + Sync,
        torn_end: Torn,
    ) -> Result<Tail<T>, StoreError> {
        let empty = || Loaded {
            records: Vec::new(),
            rejected: Vec::new(),
            notes: LoadNotes::default(),
        };
        let io_err = |action| self.io_error(action);
        let gone = |cursor: &mut Cursor| {
            let was = cursor.identity.is_some();
            *cursor = Cursor::default();
            Ok(if was {
                Tail::Whole(empty())
            } else {
                Tail::Appended(empty())
            })
        };
        let Some(mut file) = self.open_for_reading()? else {
            return gone(cursor);
        };
        file.lock_shared().map_err(io_err("lock"))?;
        let meta = file.metadata().map_err(io_err("read"))?;
        let identity = Some((meta.dev(), meta.ino()));
        let same = cursor.identity == identity && meta.len() >= cursor.end.offset;
        if same && meta.len() == cursor.end.offset {
            return Ok(Tail::Appended(empty()));
        }
        let (start, torn) = if same {
            (cursor.end, torn_end)
        } else {
            // Read whole like a load: a torn end is the trace of a crash and is set aside.
            (Start::default(), Torn::Parse)
        };
        let (loaded, end) = self.read_from(&mut file, &check, start, torn)?;
        *cursor = Cursor { identity, end };
        Ok(if same {
            Tail::Appended(loaded)
        } else {
            Tail::Whole(loaded)
        })
    }
}
