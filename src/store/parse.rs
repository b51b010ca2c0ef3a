//! Parsing a block of whole lines into records, in parallel when it is large, keeping each bad
//! line with its number and why.

use serde::de::DeserializeOwned;

/// Parses a block of whole lines (no trailing newline), in parallel when it is large.
pub(super) fn parse_block<'a, T: DeserializeOwned + Send>(
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
pub(super) struct Parsed<'a, T> {
    pub(super) records: Vec<T>,
    /// (1-based line within the slice, why, the raw line).
    pub(super) rejected: Vec<(usize, String, &'a [u8])>,
    /// Lines in the slice.
    pub(super) lines: usize,
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
