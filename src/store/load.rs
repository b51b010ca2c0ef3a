//! Loading: the shared lock, reading in blocks of whole lines, tightening permissions, and
//! copying bad lines once to `<file>.rejected`.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom, Write};

use serde::de::DeserializeOwned;

use super::parse::{Span, parse_block};
use super::{
    ASIDE_PER_LOAD, ASIDE_PREFIX, JsonlStore, LoadNotes, Loaded, MAX_LINE, RejectedLine, StoreError,
};

impl JsonlStore {
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
        let Some(mut file) = self.open_for_reading()? else {
            return Ok(empty());
        };
        file.lock_shared().map_err(io_err("lock"))?;
        self.read_locked(&mut file, &check)
    }

    /// Reads every record of `file`, which the caller has locked, from its start.
    pub(super) fn read_locked<T: DeserializeOwned + Send>(
        &self,
        file: &mut File,
        check: &(impl Fn(&T) -> Option<String> + Sync),
    ) -> Result<Loaded<T>, StoreError> {
        self.read_from(file, check, Start::default(), Torn::Parse)
            .map(|(loaded, _)| loaded)
    }

    /// Reads the records of `file` (locked by the caller) from `start`, and where the whole
    /// lines read end. A torn last line is parsed (and rejected) or left unread, as `torn` says.
    pub(super) fn read_from<T: DeserializeOwned + Send>(
        &self,
        file: &mut File,
        check: &(impl Fn(&T) -> Option<String> + Sync),
        start: Start,
        torn: Torn,
    ) -> Result<(Loaded<T>, Start), StoreError> {
        let mut records = Vec::new();
        let (rest, end) =
            self.read_each(file, check, &|record, _| record, start, torn, |part, _| {
                records.extend(part);
                Ok(())
            })?;
        let loaded = Loaded {
            records,
            rejected: rest.rejected,
            notes: rest.notes,
        };
        Ok((loaded, end))
    }

    /// The reading behind [`read_from`](Self::read_from): each block's good records, made into
    /// what `keep` makes of them (given where each line is in the block), are handed to `each`
    /// with the file offset the block starts at; bad lines are reported and kept aside the same
    /// way whatever is kept of the good ones (a streaming read keeps only what orders them).
    pub(super) fn read_each<T: DeserializeOwned, R: Send>(
        &self,
        file: &mut File,
        check: &(impl Fn(&T) -> Option<String> + Sync),
        keep: &(impl Fn(T, Span) -> R + Sync),
        start: Start,
        torn: Torn,
        mut each: impl FnMut(Vec<R>, u64) -> Result<(), StoreError>,
    ) -> Result<(Loaded<()>, Start), StoreError> {
        let io_err = |action| self.io_error(action);
        file.seek(SeekFrom::Start(start.offset))
            .map_err(io_err("read"))?;
        let mut notes = LoadNotes::default();
        if let Ok(meta) = file.metadata() {
            use std::os::unix::fs::PermissionsExt;
            let mode = meta.permissions().mode() & 0o777;
            // Looked at on a whole read, not on every follow of what was appended.
            if mode & 0o077 != 0 && start.offset == 0 {
                if let Some(real) = self.outside_data_folder() {
                    // Written through, but its mode is the person's business: it may be a
                    // file others are meant to read.
                    notes.left_open = Some((real, mode));
                } else if file
                    .set_permissions(fs::Permissions::from_mode(0o600))
                    .is_ok()
                {
                    // Best effort: a file we cannot change (not ours, read-only disk) still
                    // loads.
                    notes.tightened_from = Some(mode);
                }
            }
        }

        // Read in blocks of whole lines so the file is never held in memory all at once; each
        // block is parsed in parallel, one slice of lines per core, and joined in file order
        // (loading 100,000 entries is dominated by parsing and allocation).
        let mut rejected = Vec::new();
        let mut aside = Aside::default();
        let mut lines_before = start.lines;
        // Where in the file the buffer starts, and where the last whole line read ends.
        let mut buffer_at = start.offset;
        let mut whole_end = start.offset;
        // A block is no bigger than what is left of the file (one byte more, to see its end),
        // and at least 4 KiB: an 867-byte file takes a 4 KiB buffer, not 4 MiB. A file that
        // grows while it is read is read on, 4 KiB at a time until its end.
        let mut left = file
            .metadata()
            .map(|m| usize::try_from(m.len().saturating_sub(start.offset)).unwrap_or(usize::MAX))
            .unwrap_or(BLOCK);
        let mut buffer: Vec<u8> = Vec::new();
        // A line longer than any record, being skipped as it streams past (see [`LongLine`]).
        let mut long: Option<LongLine> = None;
        let mut at_end = false;
        let mut first_block = true;
        // Whether the last line counted is a torn end parsed (and rejected) but not read past:
        // the next read starts at it, so it is not among the lines before that read.
        let mut torn_counted = false;
        while !at_end {
            let carried = buffer.len();
            let block = left.saturating_add(1).clamp(MIN_BLOCK, BLOCK);
            buffer.resize(carried + block, 0);
            #[cfg(test)]
            PEAK_BUFFER.with(|p| p.set(p.get().max(buffer.capacity())));
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
            left = left.saturating_sub(filled - carried);
            // A byte-order mark (an editor's) is not part of line 1.
            if first_block && start.offset == 0 && buffer.starts_with(b"\xEF\xBB\xBF") {
                buffer.drain(..3);
                buffer_at += 3;
            }
            first_block = false;
            // The rest of a line too long to hold: counted and dropped up to its newline.
            if let Some(mut line) = long.take() {
                let Some(at) = buffer.iter().position(|&b| b == b'\n') else {
                    line.len += buffer.len() as u64;
                    buffer_at += buffer.len() as u64;
                    buffer.clear();
                    match (at_end, torn) {
                        (false, _) => long = Some(line),
                        // The torn end of the file: set aside like any torn line.
                        (true, Torn::Parse) => {
                            lines_before += 1;
                            torn_counted = true;
                            line.reject(lines_before, &mut rejected, &mut aside);
                        }
                        // Its writer may not be done: read again from its start next time.
                        (true, Torn::Leave) => {}
                    }
                    continue;
                };
                line.len += at as u64;
                lines_before += 1;
                line.reject(lines_before, &mut rejected, &mut aside);
                buffer.drain(..=at);
                buffer_at += at as u64 + 1;
                whole_end = buffer_at;
            }
            // Whole lines now; a partial last line waits for the next block (or is the torn
            // end of the file).
            let last_newline = buffer.iter().rposition(|&b| b == b'\n');
            if let Some(at) = last_newline {
                whole_end = buffer_at + at as u64 + 1;
            }
            let complete = match (at_end, torn, last_newline) {
                // The file's last newline ends its last line; no empty line follows it.
                (true, Torn::Parse, _) => buffer.len() - usize::from(buffer.ends_with(b"\n")),
                (_, _, Some(at)) => at,
                // A torn last line left for the next read.
                (true, Torn::Leave, None) => break,
                // One long line: read more, or skip it once it is longer than any record.
                (false, _, None) => {
                    if buffer.len() > MAX_LINE {
                        long = Some(LongLine::start(&mut buffer, &mut buffer_at));
                    }
                    continue;
                }
            };
            torn_counted =
                at_end && torn == Torn::Parse && !buffer.is_empty() && !buffer.ends_with(b"\n");
            if complete > 0 || (at_end && torn == Torn::Parse && !buffer.is_empty()) {
                for part in parse_block(&buffer[..complete], check, keep) {
                    each(part.records, buffer_at)?;
                    for (line, reason, raw) in part.rejected {
                        rejected.push(RejectedLine {
                            line: lines_before + line,
                            reason,
                        });
                        aside.keep(lines_before + line, raw);
                    }
                    lines_before += part.lines;
                }
            }
            let rest = (complete + 1).min(buffer.len());
            buffer.drain(..rest);
            buffer_at += rest as u64;
            // What is left is the start of a line; past the longest record it is skipped.
            if !at_end && buffer.len() > MAX_LINE {
                long = Some(LongLine::start(&mut buffer, &mut buffer_at));
            }
        }
        notes.not_copied = aside.not_copied;
        notes.first_not_copied = aside.first_not_copied;
        if !aside.lines.is_empty() {
            // Best effort: the lines stay in the original file whatever happens here.
            let bad: Vec<&[u8]> = aside.lines.iter().map(Vec::as_slice).collect();
            notes.aside_error = self.keep_aside(&bad).err().map(|e| e.to_string());
        }
        let end = Start {
            offset: whole_end,
            lines: lines_before.saturating_sub(usize::from(torn_counted)),
        };
        Ok((
            Loaded {
                records: Vec::new(),
                rejected,
                notes,
            },
            end,
        ))
    }

    /// Where the file really is, when it is a link to somewhere outside the data folder (the
    /// folder it is named in, itself followed if it is a link: a data folder kept in a synced
    /// folder through a link is the data folder).
    fn outside_data_folder(&self) -> Option<std::path::PathBuf> {
        if !fs::symlink_metadata(&self.path)
            .ok()?
            .file_type()
            .is_symlink()
        {
            return None;
        }
        let real = fs::canonicalize(&self.path).ok()?;
        let folder = fs::canonicalize(self.path.parent()?).ok()?;
        (real.parent() != Some(folder.as_path())).then_some(real)
    }

    /// Copies the lines not yet in `<file>.rejected` there. What is there already is read a line
    /// at a time (a line longer than any of these is skipped, never held whole); the side file
    /// is created with `O_EXCL | O_NOFOLLOW`, or appended to only when it is a regular file.
    fn keep_aside(&self, lines: &[&[u8]]) -> io::Result<()> {
        let path = self.rejected_path();
        let wanted: HashSet<&[u8]> = lines.iter().copied().collect();
        let longest = lines.iter().map(|l| l.len()).max().unwrap_or(0);
        let mut known: HashSet<Vec<u8>> = HashSet::new();
        match crate::disk::open_regular(&path) {
            Ok(file) => for_each_line(file, longest, |line| {
                if wanted.contains(line) {
                    known.insert(line.to_vec());
                }
            })?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        let mut out = Vec::new();
        let mut copied: HashSet<&[u8]> = HashSet::new();
        for line in lines {
            if !known.contains(*line) && copied.insert(line) {
                out.extend_from_slice(line);
                out.push(b'\n');
            }
        }
        if out.is_empty() {
            return Ok(());
        }
        let mut file = crate::disk::open_side_file(&path)?;
        file.lock()?;
        file.write_all(&out)?;
        file.sync_data()
    }
}

/// Calls `each` with every line of `file` (newline removed) of at most `longest` bytes; longer
/// lines are skipped as they stream past, so memory stays bounded whatever the file holds.
fn for_each_line(file: File, longest: usize, mut each: impl FnMut(&[u8])) -> io::Result<()> {
    use std::io::BufRead;
    let mut reader = io::BufReader::new(file);
    let mut line = Vec::new();
    let mut too_long = false;
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            if !too_long && !line.is_empty() {
                each(&line);
            }
            return Ok(());
        }
        let (part, ends) = match buf.iter().position(|&b| b == b'\n') {
            Some(at) => (&buf[..at], at + 1),
            None => (buf, buf.len()),
        };
        if !too_long {
            if line.len() + part.len() > longest {
                too_long = true;
                line.clear();
            } else {
                line.extend_from_slice(part);
            }
        }
        let newline = ends > part.len();
        reader.consume(ends);
        if newline {
            if !too_long {
                each(&line);
            }
            line.clear();
            too_long = false;
        }
    }
}

#[cfg(test)]
thread_local! {
    /// The most bytes a read on this thread held at once: bounded by the block size and
    /// [`MAX_LINE`], whatever the file holds (the bound the tests check).
    pub(super) static PEAK_BUFFER: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The most bytes the reads on this thread held at once since the last call (tests only).
#[cfg(test)]
pub(super) fn take_peak_buffer() -> usize {
    PEAK_BUFFER.with(|p| p.replace(0))
}

/// A line longer than [`MAX_LINE`] met while reading: never held whole, only its length
/// counted and its first [`ASIDE_PREFIX`] bytes kept to copy aside.
struct LongLine {
    len: u64,
    prefix: Vec<u8>,
}

impl LongLine {
    /// Starts skipping the line that `buffer` (holding no newline) begins: its bytes are
    /// counted and dropped, the buffer emptied and its place in the file moved past them.
    fn start(buffer: &mut Vec<u8>, buffer_at: &mut u64) -> LongLine {
        let line = LongLine {
            len: buffer.len() as u64,
            prefix: buffer[..ASIDE_PREFIX.min(buffer.len())].to_vec(),
        };
        *buffer_at += buffer.len() as u64;
        buffer.clear();
        // Give back the memory too: the rest of the line is read a block at a time.
        buffer.shrink_to(BLOCK);
        line
    }

    /// The whole line has streamed past: it is rejected as line `number`.
    fn reject(self, number: usize, rejected: &mut Vec<RejectedLine>, aside: &mut Aside) {
        rejected.push(RejectedLine {
            line: number,
            reason: super::too_long(self.len),
        });
        aside.keep(number, &self.prefix);
    }
}

/// The bad lines of one read to copy to `<file>.rejected`: at most [`ASIDE_PER_LOAD`] bytes in
/// all, each line longer than [`MAX_LINE`] cut to its first [`ASIDE_PREFIX`] bytes; the others
/// are counted.
#[derive(Default)]
struct Aside {
    lines: Vec<Vec<u8>>,
    bytes: usize,
    not_copied: usize,
    first_not_copied: Option<usize>,
}

impl Aside {
    fn keep(&mut self, number: usize, raw: &[u8]) {
        let raw = if raw.len() > MAX_LINE {
            &raw[..ASIDE_PREFIX]
        } else {
            raw
        };
        if self.bytes + raw.len() + 1 > ASIDE_PER_LOAD {
            self.not_copied += 1;
            self.first_not_copied.get_or_insert(number);
            return;
        }
        self.bytes += raw.len() + 1;
        self.lines.push(raw.to_vec());
    }
}

/// Where a read starts: a byte offset at the start of a line, and how many lines lie before it
/// (for the line numbers of rejected lines).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Start {
    pub(super) offset: u64,
    pub(super) lines: usize,
}

/// What to do with a last line that has no newline yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Torn {
    /// Parse it (a whole load: it is the torn end of a crash, and rejected).
    Parse,
    /// Leave it for the next read (following: its writer may not be done).
    Leave,
}

/// How much of the file is read and parsed at a time, at most.
pub(super) const BLOCK: usize = 4 << 20;

/// The smallest read.
const MIN_BLOCK: usize = 4 << 10;
