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

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

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
}

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

    /// The warnings a load gives, in words: each rejected line up to [`NAMED_REJECTS`], then a
    /// count; where the lines are kept; a tightened permission. One function for the command
    /// line and the app.
    pub fn warnings(&self, rejected: &[RejectedLine], notes: &LoadNotes) -> Vec<String> {
        let shown = self.path.display().to_string();
        let path = crate::text::visible(&shown);
        let aside = self.rejected_path().display().to_string();
        let aside = crate::text::visible(&aside);
        let mut out = Vec::new();
        if let Some(mode) = notes.tightened_from {
            out.push(format!(
                "{path} could be read by other users (mode {mode:03o}); it is now private (600)"
            ));
        }
        if rejected.is_empty() {
            return out;
        }
        for r in rejected.iter().take(NAMED_REJECTS) {
            out.push(format!(
                "{path} line {} could not be read: {}",
                r.line,
                crate::text::visible(&r.reason)
            ));
        }
        if rejected.len() > NAMED_REJECTS {
            out.push(format!(
                "{path}: {} more lines could not be read",
                rejected.len() - NAMED_REJECTS
            ));
        }
        out.push(match &notes.aside_error {
            None => format!(
                "the lines that could not be read stay in {path} and are copied to {aside}; \
                 every other line loaded"
            ),
            Some(e) => format!(
                "the lines that could not be read stay in {path}; they could not be copied to \
                 {aside} ({e}); every other line loaded"
            ),
        });
        out
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

    /// Refuses a path that exists but is not a regular file, before anything opens it.
    fn check_regular(&self) -> Result<bool, StoreError> {
        match fs::metadata(&self.path) {
            Ok(m) if m.is_file() => Ok(true),
            Ok(_) => Err(StoreError::NotAFile {
                path: self.path.clone(),
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(StoreError::Io {
                action: "open",
                path: self.path.clone(),
                source: e,
            }),
        }
    }

    /// Appends one record durably (lock, one whole-line write, `sync_data`).
    pub fn append<T: Serialize>(&self, record: &T) -> Result<(), StoreError> {
        let mut line = serde_json::to_vec(record)?;
        line.push(b'\n');
        self.append_line(line)
    }

    fn append_line(&self, line: Vec<u8>) -> Result<(), StoreError> {
        let mut file = self.open_for_append()?;
        self.write_locked(&mut file, line)
    }

    /// Opens the file for reading and appending (creating it `0600`, and the folder), and takes
    /// the exclusive lock.
    fn open_for_append(&self) -> Result<File, StoreError> {
        if let Some(dir) = self.path.parent() {
            create_private_dir(dir)?;
        }
        self.check_regular()?;
        let io_err = |action| self.io_error(action);
        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .mode(0o600)
            .open(&self.path)
            .map_err(io_err("open"))?;
        file.lock().map_err(io_err("lock"))?;
        Ok(file)
    }

    /// Writes one whole line to the locked file and makes it durable; a torn last line is
    /// first closed so the new record starts on its own line.
    fn write_locked(&self, file: &mut File, mut line: Vec<u8>) -> Result<(), StoreError> {
        let io_err = |action| self.io_error(action);
        if ends_in_torn_line(file).map_err(io_err("read"))? {
            line.insert(0, b'\n');
        }
        file.write_all(&line).map_err(io_err("write to"))?;
        file.sync_data().map_err(io_err("write to"))?;
        Ok(())
    }

    /// Loads every record; a missing file is an empty store. Bad lines are reported and copied
    /// once to `<file>.rejected` (best effort: a read-only folder still loads).
    pub fn load<T: DeserializeOwned + Send>(&self) -> Result<Loaded<T>, StoreError> {
        self.load_checked(|_: &T| None)
    }

    /// Like [`load`](Self::load), and a line that parses but fails `check` (which says why) is
    /// rejected and kept aside the same way.
    pub fn load_checked<T: DeserializeOwned + Send>(
        &self,
        check: impl Fn(&T) -> Option<String> + Sync,
    ) -> Result<Loaded<T>, StoreError> {
        let io_err = |action| self.io_error(action);
        let empty = || Loaded {
            records: Vec::new(),
            rejected: Vec::new(),
            notes: LoadNotes::default(),
        };
        if !self.check_regular()? {
            return Ok(empty());
        }
        let mut file = match File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(empty()),
            Err(e) => return Err(io_err("open")(e)),
        };
        file.lock_shared().map_err(io_err("lock"))?;
        self.read_locked(&mut file, &check)
    }

    /// Appends `record` only if `check`, given the file's current records (read under the same
    /// exclusive lock the append takes), allows it: so no other process can write in between
    /// the look and the write. `Ok(Err(why))` is a refusal; nothing was written.
    pub fn append_if<T, R, E>(
        &self,
        record: &R,
        check: impl FnOnce(Loaded<T>) -> Result<(), E>,
    ) -> Result<Result<(), E>, StoreError>
    where
        T: DeserializeOwned + Send,
        R: Serialize,
    {
        let mut line = serde_json::to_vec(record)?;
        line.push(b'\n');
        let mut file = self.open_for_append()?;
        let loaded = self.read_locked(&mut file, &|_: &T| None)?;
        if let Err(why) = check(loaded) {
            return Ok(Err(why));
        }
        self.write_locked(&mut file, line)?;
        Ok(Ok(()))
    }

    /// Reads every record of `file`, which the caller has locked, from its start.
    fn read_locked<T: DeserializeOwned + Send>(
        &self,
        file: &mut File,
        check: &(impl Fn(&T) -> Option<String> + Sync),
    ) -> Result<Loaded<T>, StoreError> {
        let io_err = |action| self.io_error(action);
        file.seek(SeekFrom::Start(0)).map_err(io_err("read"))?;
        let mut notes = LoadNotes::default();
        if let Ok(meta) = file.metadata() {
            use std::os::unix::fs::PermissionsExt;
            let mode = meta.permissions().mode() & 0o777;
            // Best effort: a file we cannot change (not ours, read-only disk) still loads.
            if mode & 0o077 != 0
                && file
                    .set_permissions(fs::Permissions::from_mode(0o600))
                    .is_ok()
            {
                notes.tightened_from = Some(mode);
            }
        }

        // Read in blocks of whole lines so the file is never held in memory all at once; each
        // block is parsed in parallel, one slice of lines per core, and joined in file order
        // (loading 100,000 entries is dominated by parsing and allocation).
        let mut records = Vec::new();
        let mut rejected = Vec::new();
        let mut bad_lines: Vec<Vec<u8>> = Vec::new();
        let mut lines_before = 0;
        let mut buffer: Vec<u8> = Vec::with_capacity(BLOCK);
        let mut at_end = false;
        let mut first_block = true;
        while !at_end {
            let carried = buffer.len();
            buffer.resize(carried + BLOCK, 0);
            let mut filled = carried;
            while filled < buffer.len() {
                match file.read(&mut buffer[filled..]) {
                    Ok(0) => {
                        at_end = true;
                        break;
                    }
                    Ok(n) => filled += n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(io_err("read")(e)),
                }
            }
            buffer.truncate(filled);
            // A byte-order mark (an editor's) is not part of line 1.
            if first_block && buffer.starts_with(b"\xEF\xBB\xBF") {
                buffer.drain(..3);
            }
            first_block = false;
            // Whole lines now; a partial last line waits for the next block (or is the torn
            // end of the file).
            let complete = if at_end {
                buffer.len()
            } else {
                match buffer.iter().rposition(|&b| b == b'\n') {
                    Some(at) => at,
                    None => continue, // one very long line: read more
                }
            };
            if complete > 0 || at_end {
                for part in parse_block(&buffer[..complete], &check) {
                    records.extend(part.records);
                    for (line, reason, raw) in part.rejected {
                        rejected.push(RejectedLine {
                            line: lines_before + line,
                            reason,
                        });
                        bad_lines.push(raw.to_vec());
                    }
                    lines_before += part.lines;
                }
            }
            let rest = (complete + 1).min(buffer.len());
            buffer.drain(..rest);
        }
        if !bad_lines.is_empty() {
            // Best effort: the lines stay in the original file whatever happens here.
            let bad: Vec<&[u8]> = bad_lines.iter().map(Vec::as_slice).collect();
            notes.aside_error = self.keep_aside(&bad).err().map(|e| e.to_string());
        }
        Ok(Loaded {
            records,
            rejected,
            notes,
        })
    }

    fn keep_aside(&self, lines: &[&[u8]]) -> io::Result<()> {
        let path = self.rejected_path();
        let existing = fs::read(&path).unwrap_or_default();
        let known: HashSet<&[u8]> = existing.split(|&b| b == b'\n').collect();
        let mut out = Vec::new();
        for line in lines.iter().filter(|l| !known.contains(**l)) {
            out.extend_from_slice(line);
            out.push(b'\n');
        }
        if out.is_empty() {
            return Ok(());
        }
        let mut file = OpenOptions::new()
            .append(true)
            .create(true)
            .mode(0o600)
            .open(&path)?;
        file.lock()?;
        file.write_all(&out)?;
        file.sync_data()
    }
}

/// How much of the file is read and parsed at a time.
const BLOCK: usize = 4 << 20;

/// Parses a block of whole lines (no trailing newline), in parallel when it is large.
fn parse_block<'a, T: DeserializeOwned + Send>(
    block: &'a [u8],
    check: &(impl Fn(&T) -> Option<String> + Sync),
) -> Vec<Parsed<'a, T>> {
    let chunks = split_lines(block, parallelism(block.len()));
    if chunks.len() == 1 {
        return vec![parse_lines(chunks[0], check)];
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|chunk| scope.spawn(|| parse_lines(chunk, check)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// What one slice of lines parsed to.
struct Parsed<'a, T> {
    records: Vec<T>,
    /// (1-based line within the slice, why, the raw line).
    rejected: Vec<(usize, String, &'a [u8])>,
    /// Lines in the slice.
    lines: usize,
}

fn parse_lines<'a, T: DeserializeOwned>(
    chunk: &'a [u8],
    check: &impl Fn(&T) -> Option<String>,
) -> Parsed<'a, T> {
    let lines = chunk.iter().filter(|&&b| b == b'\n').count() + 1;
    let mut parsed = Parsed {
        records: Vec::with_capacity(lines),
        rejected: Vec::new(),
        lines: 0,
    };
    let mut take = |i: usize, raw: &'a [u8], record: Result<T, serde_json::Error>| {
        let problem = match record {
            Ok(record) => match check(&record) {
                None => return parsed.records.push(record),
                Some(problem) => problem,
            },
            Err(e) => e.to_string(),
        };
        parsed.rejected.push((i + 1, problem, raw));
    };
    let blank = |raw: &[u8]| raw.iter().all(u8::is_ascii_whitespace);
    // Checking the whole slice is valid UTF-8 once is quicker than serde_json checking every
    // string it meets; a slice with a bad byte somewhere is read line by line from bytes.
    match std::str::from_utf8(chunk) {
        Ok(text) => {
            for (i, line) in text.split('\n').enumerate() {
                if !blank(line.as_bytes()) {
                    take(i, line.as_bytes(), serde_json::from_str(line));
                }
            }
        }
        Err(_) => {
            for (i, raw) in chunk.split(|&b| b == b'\n').enumerate() {
                if !blank(raw) {
                    take(i, raw, serde_json::from_slice(raw));
                }
            }
        }
    }
    parsed.lines = lines;
    parsed
}

/// How many threads to parse `len` bytes with: one below 512 KiB, else one per core (up to 4).
fn parallelism(len: usize) -> usize {
    if len < 512 << 10 {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// Splits `bytes` into `n` slices of whole lines. Every slice but the last ends with its
/// newline removed, so counting lines per slice adds up to the file's line numbers.
fn split_lines(bytes: &[u8], n: usize) -> Vec<&[u8]> {
    let mut chunks = Vec::with_capacity(n);
    let mut rest = bytes;
    for i in (1..n).rev() {
        let target = rest.len() / (i + 1);
        match rest[target..].iter().position(|&b| b == b'\n') {
            Some(at) => {
                chunks.push(&rest[..target + at]);
                rest = &rest[target + at + 1..];
            }
            None => break,
        }
    }
    chunks.push(rest);
    chunks
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

fn ends_in_torn_line(file: &mut File) -> io::Result<bool> {
    if file.metadata()?.len() == 0 {
        return Ok(false);
    }
    file.seek(SeekFrom::End(-1))?;
    let mut last = [0u8; 1];
    file.read_exact(&mut last)?;
    Ok(last[0] != b'\n')
}

#[cfg(test)]
mod tests;
