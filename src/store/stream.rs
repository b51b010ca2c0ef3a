//! Streaming a file (`history --json`, `export`): every record written out one by one, in time
//! order, the last line of each id winning, with memory bounded by a small key per line rather
//! than the records themselves.
//!
//! Two passes over one open file. The first reads it like a load (the same blocks, parser,
//! checks, rejected lines and warnings) but keeps of each good line only a [`Key`]: its time,
//! its id (a ULID packed into 16 bytes; any other id kept aside as text), and where the line is
//! (40 bytes a line). The keys are folded (the last line of an id wins, a tombstone removes it)
//! and sorted by time, then id, then place in the file, which is the order a load gives. The
//! second pass reads each winning line again at its offset and parses it as it is written. The
//! lines are in file order nearly sorted by time, so the reads go through a window that grows
//! while lines are found in it and shrinks while they are not.
//!
//! The shared lock is held for the first pass only: the file is append-only, so the offsets
//! stay good; what is appended after the first pass is not part of this read. A file replaced
//! meanwhile is still read through the handle opened first.

use std::cmp::Ordering;
use std::fs::File;
use std::io;
use std::marker::PhantomData;
use std::os::unix::fs::FileExt;

use chrono::{DateTime, FixedOffset};
use serde::de::DeserializeOwned;

use super::load::{Start, Torn};
use super::parse::Span;
use super::{JsonlStore, LoadNotes, RejectedLine, StoreError};

/// What a streaming read needs of a record: its id, its time, and which list it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark<'a> {
    /// The record's id.
    pub id: &'a str,
    /// The time it is ordered by; `None` for a tombstone (it removes its id).
    pub time: Option<DateTime<FixedOffset>>,
    /// Which of the read's lists it goes to (the history: sessions or breaks).
    pub list: usize,
}

/// How a list's lines make its records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// The last line of an id is its record; a tombstone removes it.
    LastWins,
    /// Every line is a record (posture breaks).
    Every,
}

/// A file read for streaming: the order of its records, and what the read had to say.
#[derive(Debug)]
pub struct Streamed {
    /// The file, opened for the first pass (`None` when it does not exist).
    file: Option<File>,
    path: std::path::PathBuf,
    /// Each list's records, in the order they are written.
    lists: Vec<Vec<Key>>,
    /// Ids that are not ULIDs, as text; a key holds the index.
    other_ids: Vec<Box<str>>,
    /// Every line that could not be read.
    pub rejected: Vec<RejectedLine>,
    /// What else the read has to say.
    pub notes: LoadNotes,
}

impl JsonlStore {
    /// Reads the file for streaming (see the module docs): one list per entry of `folds`, each
    /// good line marked by `mark`, bad lines (and lines `check` refuses) reported and kept aside
    /// as a load does. A missing file has empty lists.
    pub fn stream_checked<T: DeserializeOwned>(
        &self,
        folds: &[Fold],
        check: impl Fn(&T) -> Option<String> + Sync,
        mark: impl Fn(&T) -> Mark<'_> + Sync,
    ) -> Result<Streamed, StoreError> {
        let mut streamed = Streamed {
            file: None,
            path: self.path.clone(),
            lists: folds.iter().map(|_| Vec::new()).collect(),
            other_ids: Vec::new(),
            rejected: Vec::new(),
            notes: LoadNotes::default(),
        };
        let Some(mut file) = self.open_for_reading()? else {
            return Ok(streamed);
        };
        file.lock_shared().map_err(self.io_error("lock"))?;
        let keep = |record: T, span: Span| Draft::of(&mark(&record), span);
        let too_long = || {
            self.io_error("read")(io::Error::new(
                io::ErrorKind::InvalidData,
                "a line is longer than 4 GiB",
            ))
        };
        let (rest, _) = self.read_each(
            &mut file,
            &check,
            &keep,
            Start::default(),
            Torn::Parse,
            |drafts, block_at| {
                for draft in drafts {
                    let len = u32::try_from(draft.len).map_err(|_| too_long())?;
                    let offset = block_at + draft.offset as u64;
                    streamed.push(folds, draft, offset, len);
                }
                Ok(())
            },
        )?;
        // Best effort: the lock is released when the file is closed anyway.
        let _ = file.unlock();
        streamed.file = Some(file);
        streamed.rejected = rest.rejected;
        streamed.notes = rest.notes;
        for (list, fold) in folds.iter().enumerate() {
            streamed.order(list, *fold);
        }
        Ok(streamed)
    }
}

impl Streamed {
    /// How many records list `list` holds.
    pub fn len(&self, list: usize) -> usize {
        self.lists.get(list).map_or(0, Vec::len)
    }

    /// Whether list `list` holds no record.
    pub fn is_empty(&self, list: usize) -> bool {
        self.len(list) == 0
    }

    /// Keeps only the records of list `list` whose time `keep` accepts (the time in UTC: a
    /// period compares moments), without reading them.
    pub fn retain(&mut self, list: usize, keep: impl Fn(DateTime<FixedOffset>) -> bool) {
        if let Some(keys) = self.lists.get_mut(list) {
            keys.retain(|k| keep(k.time()));
        }
    }

    /// The records of list `list` in order, each read again from the file as it is yielded.
    pub fn records<T: DeserializeOwned>(&self, list: usize) -> Records<'_, T> {
        Records {
            file: self.file.as_ref(),
            path: &self.path,
            keys: self.lists.get(list).map_or(&[][..], Vec::as_slice).iter(),
            window: Window::default(),
            record: PhantomData,
        }
    }

    /// Adds a good line's key to its list. A line of the same id as the list's last one
    /// replaces it at once (a session writes a line per step): fewer keys to hold.
    fn push(&mut self, folds: &[Fold], draft: Draft, offset: u64, len: u32) {
        let Some(keys) = self.lists.get_mut(draft.list) else {
            return;
        };
        let mut flags = 0;
        if draft.time.is_none() {
            flags |= TOMBSTONE;
        }
        let id = match draft.id {
            Id::Ulid(v) => [(v >> 64) as u64, v as u64],
            Id::Other(text) => {
                flags |= OTHER_ID;
                self.other_ids.push(text);
                [(self.other_ids.len() - 1) as u64, 0]
            }
        };
        let (secs, nanos) = draft.time.unwrap_or_default();
        let key = Key {
            secs,
            nanos,
            len,
            at: offset | (flags << 56),
            id,
        };
        if folds.get(draft.list) == Some(&Fold::LastWins)
            && let Some(last) = keys.last_mut()
            && id_order(&self.other_ids, last, &key) == Ordering::Equal
        {
            *last = key;
            return;
        }
        keys.push(key);
    }

    /// Folds list `list` as `fold` says and sorts it by time, id, then place in the file.
    fn order(&mut self, list: usize, fold: Fold) {
        let ids = &self.other_ids;
        let keys = &mut self.lists[list];
        if fold == Fold::LastWins {
            keys.sort_unstable_by(|a, b| id_order(ids, a, b).then(a.offset().cmp(&b.offset())));
            // The last line of each id wins; a tombstone leaves nothing.
            let mut kept = 0;
            for i in 0..keys.len() {
                let last = keys
                    .get(i + 1)
                    .is_none_or(|next| id_order(ids, &keys[i], next) != Ordering::Equal);
                if last && keys[i].at & (TOMBSTONE << 56) == 0 {
                    keys[kept] = keys[i];
                    kept += 1;
                }
            }
            keys.truncate(kept);
        } else {
            keys.retain(|k| k.at & (TOMBSTONE << 56) == 0);
        }
        keys.sort_unstable_by(|a, b| {
            (a.secs, a.nanos)
                .cmp(&(b.secs, b.nanos))
                .then_with(|| id_order(ids, a, b))
                .then(a.offset().cmp(&b.offset()))
        });
        keys.shrink_to_fit();
    }
}

/// The records of a list, read again one by one (see [`Streamed::records`]).
#[derive(Debug)]
pub struct Records<'a, T> {
    file: Option<&'a File>,
    path: &'a std::path::Path,
    keys: std::slice::Iter<'a, Key>,
    window: Window,
    record: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Iterator for Records<'_, T> {
    type Item = Result<T, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        let key = self.keys.next()?;
        let file = self.file?;
        let error = |source: io::Error| StoreError::Io {
            action: "read",
            path: self.path.to_path_buf(),
            source,
        };
        let changed = || {
            error(io::Error::new(
                io::ErrorKind::InvalidData,
                "the file changed while it was read (a line read before is not there now)",
            ))
        };
        Some(
            self.window
                .line(file, key.offset(), key.len as usize)
                .map_err(error)
                .and_then(|line| serde_json::from_slice(line).map_err(|_| changed())),
        )
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.keys.size_hint()
    }
}

/// What is kept of a good line: 40 bytes.
#[derive(Debug, Clone, Copy)]
struct Key {
    /// Its time, in seconds and nanoseconds since 1970 (a tombstone's is 0).
    secs: i64,
    nanos: u32,
    /// The line's length, without its newline.
    len: u32,
    /// The line's offset in the file (56 bits), and the flags above it.
    at: u64,
    /// The ULID's 128 bits (high, low), or the index of the id in `other_ids`.
    id: [u64; 2],
}

/// Flags in the top byte of [`Key::at`].
const TOMBSTONE: u64 = 1;
const OTHER_ID: u64 = 2;

impl Key {
    fn offset(&self) -> u64 {
        self.at & ((1 << 56) - 1)
    }

    fn other(&self) -> bool {
        self.at & (OTHER_ID << 56) != 0
    }

    fn time(&self) -> DateTime<FixedOffset> {
        DateTime::from_timestamp(self.secs, self.nanos)
            .unwrap_or_default()
            .fixed_offset()
    }
}

/// Orders two keys' ids as their text orders (as `String`s compare).
fn id_order(other_ids: &[Box<str>], a: &Key, b: &Key) -> Ordering {
    if !a.other() && !b.other() {
        return a.id.cmp(&b.id);
    }
    let (mut x, mut y) = ([0; ULID_LEN], [0; ULID_LEN]);
    id_text(other_ids, a, &mut x).cmp(id_text(other_ids, b, &mut y))
}

/// A key's id as text (a ULID's written into `buf`).
fn id_text<'a>(other_ids: &'a [Box<str>], key: &Key, buf: &'a mut [u8; ULID_LEN]) -> &'a [u8] {
    if key.other() {
        other_ids[key.id[0] as usize].as_bytes()
    } else {
        ulid_text((u128::from(key.id[0]) << 64) | u128::from(key.id[1]), buf);
        buf
    }
}

/// What a parsing thread keeps of a good line, before it joins its list.
struct Draft {
    list: usize,
    id: Id,
    time: Option<(i64, u32)>,
    /// Offset in the block, and length.
    offset: usize,
    len: usize,
}

impl Draft {
    fn of(mark: &Mark<'_>, span: Span) -> Draft {
        Draft {
            list: mark.list,
            id: ulid_value(mark.id).map_or_else(|| Id::Other(mark.id.into()), Id::Ulid),
            time: mark
                .time
                .map(|t| (t.timestamp(), t.timestamp_subsec_nanos())),
            offset: span.offset,
            len: span.len,
        }
    }
}

/// An id: a ULID as its value, anything else as text.
enum Id {
    Ulid(u128),
    Other(Box<str>),
}

const ULID_LEN: usize = 26;
/// Crockford's base32, in ASCII order, so the values of ULIDs order as their text.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The value of an id written as a ULID (26 upper-case Crockford characters, at most 128 bits),
/// which orders as its text; `None` for any other id.
pub(super) fn ulid_value(id: &str) -> Option<u128> {
    let bytes = id.as_bytes();
    if bytes.len() != ULID_LEN || bytes[0] > b'7' {
        return None;
    }
    let mut value: u128 = 0;
    for &b in bytes {
        let digit = ALPHABET.binary_search(&b).ok()?;
        value = (value << 5) | digit as u128;
    }
    Some(value)
}

/// The text of a ULID's value.
pub(super) fn ulid_text(value: u128, out: &mut [u8; ULID_LEN]) {
    for (i, b) in out.iter_mut().enumerate() {
        *b = ALPHABET[((value >> (5 * (ULID_LEN - 1 - i))) & 31) as usize];
    }
}

/// A window of the file kept in memory for the second pass: lines found in it are not read
/// again. It doubles (up to 1 MiB) while the lines asked for are found in it, and halves (down
/// to 4 KiB) while they are not, so lines in file order cost one read a megabyte and lines out
/// of order little more than their own length.
#[derive(Debug)]
struct Window {
    bytes: Vec<u8>,
    /// The file offset of `bytes[0]`.
    start: u64,
    /// How much the next read asks for.
    size: usize,
    /// Lines found in the window since it was last read.
    hits: usize,
}

impl Default for Window {
    fn default() -> Self {
        Window {
            bytes: Vec::new(),
            start: 0,
            size: 64 << 10,
            hits: 0,
        }
    }
}

impl Window {
    const MIN: usize = 4 << 10;
    const MAX: usize = 1 << 20;

    /// The `len` bytes at `offset`.
    fn line(&mut self, file: &File, offset: u64, len: usize) -> io::Result<&[u8]> {
        let end = offset + len as u64;
        if offset < self.start || end > self.start + self.bytes.len() as u64 {
            self.size = if self.hits >= 4 {
                (self.size * 2).min(Self::MAX)
            } else {
                (self.size / 2).max(Self::MIN)
            };
            self.hits = 0;
            self.bytes.clear();
            self.bytes.resize(self.size.max(len), 0);
            let mut filled = 0;
            while filled < self.bytes.len() {
                match file.read_at(&mut self.bytes[filled..], offset + filled as u64) {
                    Ok(0) => break,
                    Ok(n) => filled += n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
            self.bytes.truncate(filled);
            self.start = offset;
            if filled < len {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the file is shorter than when it was first read",
                ));
            }
        } else {
            self.hits += 1;
        }
        let from = (offset - self.start) as usize;
        Ok(&self.bytes[from..from + len])
    }
}
