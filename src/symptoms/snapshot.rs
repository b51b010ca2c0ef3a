//! A snapshot of the folded log, kept in the cache folder so that a command at ten years of use
//! reads a few kilobytes of new lines instead of parsing every line ever written (DESIGN §8:
//! `log add` and `flags` within 30 ms at 50,000 entries).
//!
//! A snapshot holds the entries as the log held them up to a byte offset of `symptoms.jsonl`,
//! with where that offset is (the file's device and inode, the offset, the line count) and a
//! CRC-32 of every byte before it. It is used only when all of that still holds: the same file,
//! at least as long, and the same bytes up to the offset — so a log edited in place, replaced,
//! truncated or rewritten by a sync tool is read whole, as is a snapshot written by another
//! build (the format, the program's version and the vocabulary's ids are in its header) or
//! damaged on disk (a CRC of its own body). The lines after the offset are then read as a
//! follower reads them and applied; what they say wins, exactly as in a whole load.
//!
//! A snapshot is written only for a log of at least [`MIN_LOG_BYTES`] (a small log loads in a
//! millisecond or two) that had no line set aside, so that every command still reports those
//! lines as it always has; and again when the lines read on from it pass [`STALE_TAIL_BYTES`].
//! It is a cache: written to a temporary file and renamed, `0600` in a `0700` folder, never
//! synced to disk, and deleting it at any time changes nothing but the time of the next load.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::Path;

use chrono::{DateTime, FixedOffset, TimeZone};

use super::{MAX_NOTE_CHARS, Onset, SymptomEntry};
use crate::store::Cursor;
use crate::vocabulary::id_set::known;
use crate::vocabulary::{Category, IdSet};

/// Logs smaller than this are read whole every time, and no snapshot is written for them.
pub const MIN_LOG_BYTES: u64 = 1 << 20;

/// When this much has been appended since the snapshot, a new one is written.
pub const STALE_TAIL_BYTES: u64 = 64 << 10;

const MAGIC: &[u8; 8] = b"KNOTSNAP";
const FORMAT: u32 = 1;

/// The entries of the log up to a point of the file, and that point.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// Where the read the entries came from ended.
    pub cursor: Cursor,
    /// The entries, in time order (as [`super::LogContents`] holds them).
    pub entries: Vec<SymptomEntry>,
}

/// The snapshot in `file`, if there is one that still describes the log at `log`: see the
/// module documentation for what is checked. Anything else, a missing file included, is `None`.
pub fn read(file: &Path, log: &Path) -> Option<Snapshot> {
    let bytes = read_regular(file)?;
    let (header, body) = Header::decode(&bytes)?;
    if crc32fast::hash(body) != header.body_crc {
        return None;
    }
    let mut log = open_regular(log)?;
    let meta = log.metadata().ok()?;
    if (meta.dev(), meta.ino()) != header.identity || meta.len() < header.offset {
        return None;
    }
    if prefix_crc(&mut log, header.offset)? != header.prefix_crc {
        return None;
    }
    let entries = decode_entries(body, header.count)?;
    Some(Snapshot {
        cursor: Cursor::resume(header.identity, header.offset, header.lines),
        entries,
    })
}

/// Writes a snapshot of `entries`, the log at `log` read up to `cursor`, to `file`. Nothing is
/// written when the log is no longer the file the cursor read.
pub fn write(
    file: &Path,
    log: &Path,
    cursor: Cursor,
    entries: &[SymptomEntry],
) -> std::io::Result<()> {
    let Some(identity) = cursor.identity() else {
        return Ok(());
    };
    let mut source = crate::disk::open_regular(log)?;
    let meta = source.metadata()?;
    if (meta.dev(), meta.ino()) != identity || meta.len() < cursor.offset() {
        return Ok(());
    }
    let Some(prefix_crc) = prefix_crc(&mut source, cursor.offset()) else {
        return Ok(());
    };
    // Ids are at most `id::MAX_LEN` bytes, checked on every line read; one length byte holds it.
    if entries.iter().any(|e| e.id.len() > usize::from(u8::MAX)) {
        return Ok(());
    }
    let mut body = Vec::with_capacity(entries.len() * 128);
    for e in entries {
        encode_entry(&mut body, e);
    }
    let header = Header {
        identity,
        offset: cursor.offset(),
        lines: cursor.lines(),
        prefix_crc,
        count: entries.len(),
        body_crc: crc32fast::hash(&body),
    };
    let dir = file.parent().unwrap_or(Path::new("."));
    crate::store::create_private_dir(dir).map_err(std::io::Error::other)?;
    let temp = dir.join(format!(
        ".{}.{}.tmp",
        file.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("snapshot"),
        std::process::id()
    ));
    let written = (|| {
        let mut out = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&temp)?;
        out.write_all(&header.encode())?;
        out.write_all(&body)?;
        fs::rename(&temp, file)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// What the program's build reads the bits of an entry's sets by: a snapshot of another build
/// (another version, or vocabulary ids in another order) is not read.
fn fingerprint() -> u32 {
    let mut h = crc32fast::Hasher::new();
    h.update(&FORMAT.to_le_bytes());
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    for category in [
        Category::Area,
        Category::Symptom,
        Category::Trigger,
        Category::Relief,
    ] {
        for id in known(category) {
            h.update(id.as_bytes());
            h.update(b",");
        }
        h.update(b";");
    }
    h.finalize()
}

struct Header {
    identity: (u64, u64),
    offset: u64,
    lines: usize,
    prefix_crc: u32,
    count: usize,
    body_crc: u32,
}

impl Header {
    const LEN: usize = 8 + 4 + 8 + 8 + 8 + 8 + 4 + 8 + 4;

    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(Self::LEN);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&fingerprint().to_le_bytes());
        out.extend_from_slice(&self.identity.0.to_le_bytes());
        out.extend_from_slice(&self.identity.1.to_le_bytes());
        out.extend_from_slice(&self.offset.to_le_bytes());
        out.extend_from_slice(&(self.lines as u64).to_le_bytes());
        out.extend_from_slice(&self.prefix_crc.to_le_bytes());
        out.extend_from_slice(&(self.count as u64).to_le_bytes());
        out.extend_from_slice(&self.body_crc.to_le_bytes());
        out
    }

    fn decode(bytes: &[u8]) -> Option<(Header, &[u8])> {
        let mut r = Reader(bytes);
        if r.take(MAGIC.len())? != MAGIC || r.u32()? != fingerprint() {
            return None;
        }
        let header = Header {
            identity: (r.u64()?, r.u64()?),
            offset: r.u64()?,
            lines: usize::try_from(r.u64()?).ok()?,
            prefix_crc: r.u32()?,
            count: usize::try_from(r.u64()?).ok()?,
            body_crc: r.u32()?,
        };
        Some((header, r.0))
    }
}

/// The CRC-32 of the first `len` bytes of `file`; `None` when it is shorter.
fn prefix_crc(file: &mut File, len: u64) -> Option<u32> {
    let mut h = crc32fast::Hasher::new();
    let mut left = len;
    let mut buf = vec![0; 256 << 10];
    while left > 0 {
        let want = usize::try_from(left.min(buf.len() as u64)).ok()?;
        let n = file.read(&mut buf[..want]).ok()?;
        if n == 0 {
            return None;
        }
        h.update(&buf[..n]);
        left -= n as u64;
    }
    Some(h.finalize())
}

/// Opens `path` for reading only if it is a regular file (a FIFO would block the read).
fn open_regular(path: &Path) -> Option<File> {
    crate::disk::open_regular(path).ok()
}

fn read_regular(path: &Path) -> Option<Vec<u8>> {
    let mut file = open_regular(path)?;
    let len = usize::try_from(file.metadata().ok()?.len()).ok()?;
    let mut bytes = Vec::with_capacity(len);
    file.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

fn encode_entry(out: &mut Vec<u8>, e: &SymptomEntry) {
    // Every field, named: a field added to an entry does not compile here until the snapshot
    // keeps it (and `FORMAT` is raised).
    let SymptomEntry {
        id,
        at,
        pain,
        onset,
        areas,
        symptoms,
        denied,
        triggers,
        relief,
        note,
        edited,
    } = e;
    out.push(id.len() as u8);
    out.extend_from_slice(id.as_bytes());
    encode_time(out, at);
    out.push(*pain);
    out.push(match onset {
        None => 0,
        Some(Onset::Sudden) => 1,
        Some(Onset::Gradual) => 2,
    });
    for bits in [
        areas.bits(),
        symptoms.bits(),
        denied.bits(),
        triggers.bits(),
        relief.bits(),
    ] {
        out.extend_from_slice(&bits.to_le_bytes());
    }
    out.extend_from_slice(&(note.len() as u32).to_le_bytes());
    out.extend_from_slice(note.as_bytes());
    match edited {
        None => out.push(0),
        Some(at) => {
            out.push(1);
            encode_time(out, at);
        }
    }
}

fn encode_time(out: &mut Vec<u8>, at: &DateTime<FixedOffset>) {
    out.extend_from_slice(&at.timestamp().to_le_bytes());
    out.extend_from_slice(&at.timestamp_subsec_nanos().to_le_bytes());
    out.extend_from_slice(&at.offset().local_minus_utc().to_le_bytes());
}

fn decode_entries(body: &[u8], count: usize) -> Option<Vec<SymptomEntry>> {
    let mut r = Reader(body);
    // Each entry takes at least 60 bytes: a count beyond what the body can hold is damage.
    if count > body.len() / 60 {
        return None;
    }
    let mut entries = Vec::with_capacity(count);
    for _ in 0..count {
        entries.push(decode_entry(&mut r)?);
    }
    r.0.is_empty().then_some(entries)
}

fn decode_entry(r: &mut Reader<'_>) -> Option<SymptomEntry> {
    let id_len = usize::from(r.u8()?);
    let id = std::str::from_utf8(r.take(id_len)?).ok()?.to_owned();
    let at = r.time()?;
    let pain = r.u8()?;
    let onset = match r.u8()? {
        0 => None,
        1 => Some(Onset::Sudden),
        2 => Some(Onset::Gradual),
        _ => return None,
    };
    let areas = IdSet::from_bits(r.u64()?)?;
    let symptoms = IdSet::from_bits(r.u64()?)?;
    let denied = IdSet::from_bits(r.u64()?)?;
    let triggers = IdSet::from_bits(r.u64()?)?;
    let relief = IdSet::from_bits(r.u64()?)?;
    let note_len = usize::try_from(r.u32()?).ok()?;
    if note_len > MAX_NOTE_CHARS * 4 {
        return None;
    }
    let note = std::str::from_utf8(r.take(note_len)?).ok()?.to_owned();
    let edited = match r.u8()? {
        0 => None,
        1 => Some(r.time()?),
        _ => return None,
    };
    (pain <= 10).then_some(SymptomEntry {
        id,
        at,
        pain,
        onset,
        areas,
        symptoms,
        denied,
        triggers,
        relief,
        note,
        edited,
    })
}

/// Reads little-endian numbers off the front of a slice; `None` past its end.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn time(&mut self) -> Option<DateTime<FixedOffset>> {
        let secs = i64::from_le_bytes(self.take(8)?.try_into().ok()?);
        let nanos = self.u32()?;
        let offset = i32::from_le_bytes(self.take(4)?.try_into().ok()?);
        FixedOffset::east_opt(offset)?
            .timestamp_opt(secs, nanos)
            .single()
    }
}

#[cfg(test)]
mod tests;
