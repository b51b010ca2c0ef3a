//! Parsing a block of whole lines into records, in parallel when it is large, keeping each bad
//! line with its number and why.

use serde::de::DeserializeOwned;

/// Parses a block of whole lines (no trailing newline), in parallel when it is large. Each good
/// record is handed to `keep` with where its line is in the block, and what `keep` makes of it
/// is what the block keeps (a load keeps the record; a stream only what orders it).
pub(super) fn parse_block<'a, T: DeserializeOwned, R: Send>(
    block: &'a [u8],
    check: &(impl Fn(&T) -> Option<String> + Sync),
    keep: &(impl Fn(T, Span) -> R + Sync),
) -> Vec<Parsed<'a, R>> {
    let chunks = split_lines(block, parallelism(block.len()));
    // Where each slice starts in the block, so each line's place is known.
    let at = |chunk: &[u8]| chunk.as_ptr() as usize - block.as_ptr() as usize;
    if chunks.len() == 1 {
        return vec![parse_lines(chunks[0], at(chunks[0]), check, keep)];
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|chunk| scope.spawn(move || parse_lines(chunk, at(chunk), check, keep)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Where a good record's line is in its block: the offset of its first byte and its length
/// (without the newline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    pub(super) offset: usize,
    pub(super) len: usize,
}

/// What one slice of lines parsed to.
pub(super) struct Parsed<'a, T> {
    pub(super) records: Vec<T>,
    /// (1-based line within the slice, why, the raw line).
    pub(super) rejected: Vec<(usize, String, &'a [u8])>,
    /// Lines in the slice.
    pub(super) lines: usize,
}

fn parse_lines<'a, T: DeserializeOwned, R>(
    chunk: &'a [u8],
    chunk_at: usize,
    check: &impl Fn(&T) -> Option<String>,
    keep: &impl Fn(T, Span) -> R,
) -> Parsed<'a, R> {
    let lines = chunk.iter().filter(|&&b| b == b'\n').count() + 1;
    let mut parsed = Parsed {
        records: Vec::with_capacity(lines),
        rejected: Vec::new(),
        lines: 0,
    };
    // Where the line being read starts in the block.
    let mut offset = chunk_at;
    let mut take = |i: usize, raw: &'a [u8], record: Result<T, String>, offset| {
        let span = Span {
            offset,
            len: raw.len(),
        };
        let problem = match record {
            Ok(record) => match check(&record) {
                None => return parsed.records.push(keep(record, span)),
                Some(problem) => problem,
            },
            Err(e) => e,
        };
        parsed.rejected.push((i + 1, problem, raw));
    };
    let blank = |raw: &[u8]| raw.iter().all(u8::is_ascii_whitespace);
    // A line longer than any record is not parsed: it could only be rejected, slowly.
    let too_long = |raw: &[u8]| raw.len() > super::MAX_LINE;
    // Checking the whole slice is valid UTF-8 once is quicker than serde_json checking every
    // string it meets; a slice with a bad byte somewhere is read line by line from bytes.
    match std::str::from_utf8(chunk) {
        Ok(text) => {
            for (i, line) in text.split('\n').enumerate() {
                if too_long(line.as_bytes()) {
                    take(
                        i,
                        line.as_bytes(),
                        Err(super::too_long(line.len() as u64)),
                        offset,
                    );
                } else if !blank(line.as_bytes()) {
                    take(
                        i,
                        line.as_bytes(),
                        serde_json::from_str(line).map_err(|e| e.to_string()),
                        offset,
                    );
                }
                offset += line.len() + 1;
            }
        }
        Err(_) => {
            for (i, raw) in chunk.split(|&b| b == b'\n').enumerate() {
                if too_long(raw) {
                    take(i, raw, Err(super::too_long(raw.len() as u64)), offset);
                } else if !blank(raw) {
                    take(
                        i,
                        raw,
                        serde_json::from_slice(raw).map_err(|e| e.to_string()),
                        offset,
                    );
                }
                offset += raw.len() + 1;
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
