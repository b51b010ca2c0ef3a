//! Record ids: 26 characters of Crockford base32, a 48-bit millisecond timestamp then 80 random
//! bits (the ULID layout). They sort by time, so two copies of a log can be merged by id. Within
//! one process ids are strictly increasing even inside the same millisecond.

use std::hash::{BuildHasher, RandomState};
use std::sync::Mutex;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static LAST: Mutex<(u64, u128)> = Mutex::new((0, 0));

/// A new id for a record made at `unix_ms` (milliseconds since 1970, from the caller's clock).
pub fn new_id(unix_ms: i64) -> String {
    let ms = u64::try_from(unix_ms).unwrap_or(0) & 0xFFFF_FFFF_FFFF;
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    let random = if ms <= last.0 && last.0 != 0 {
        (last.1 + 1) & ((1 << 80) - 1)
    } else {
        random_bits()
    };
    let ms = ms.max(last.0);
    *last = (ms, random);
    encode(ms, random)
}

/// The id made of this millisecond timestamp (48 bits) and these random bits (80).
pub fn encode(ms: u64, random: u128) -> String {
    let value = (u128::from(ms & 0xFFFF_FFFF_FFFF) << 80) | (random & ((1 << 80) - 1));
    (0..26)
        .rev()
        .map(|i| ALPHABET[((value >> (i * 5)) & 31) as usize] as char)
        .collect()
}

/// When the record with this id was made (milliseconds since 1970), if it is one of our ids.
pub fn timestamp_ms(id: &str) -> Option<i64> {
    if id.len() != 26 {
        return None;
    }
    let mut value: u64 = 0;
    for c in id.bytes().take(10) {
        let digit = ALPHABET.iter().position(|&a| a == c.to_ascii_uppercase())?;
        value = (value << 5) | digit as u64;
    }
    // The first 10 characters are the top 50 of 130 bits: two always-zero bits, then the
    // 48-bit timestamp.
    (value < 1 << 48).then_some(value as i64)
}

/// The longest id a data file may hold (ours are 26 characters).
pub const MAX_LEN: usize = 64;

/// What is wrong with an id read from a file, if anything: empty, longer than [`MAX_LEN`], or
/// holding characters that are not printable.
pub fn check(id: &str) -> Option<String> {
    if id.is_empty() {
        Some("the `id` is empty".to_owned())
    } else if id.len() > MAX_LEN {
        Some(format!(
            "the `id` is {} bytes long; at most {MAX_LEN}",
            id.len()
        ))
    } else if id.chars().any(crate::text::is_unsafe) {
        Some("the `id` holds control characters".to_owned())
    } else {
        None
    }
}

fn random_bits() -> u128 {
    // RandomState is seeded from the OS for each process; two hashes give 128 bits.
    let state = RandomState::new();
    let a = u128::from(state.hash_one(std::process::id()));
    let b = u128::from(state.hash_one(a));
    ((a << 64) | b) & ((1 << 80) - 1)
}

/// A hasher for maps of ids while loading a file (the symptom log's last line per entry, the
/// history's per session): ids are short, come from this app's own files and are not chosen by
/// an attacker, so the default DoS-resistant hasher's cost buys nothing there.
pub(crate) struct IdHasher(u64);

impl Default for IdHasher {
    fn default() -> Self {
        IdHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        // FNV-1a.
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_time_and_never_repeat() {
        let a = new_id(1_700_000_000_000);
        let b = new_id(1_700_000_000_000);
        let c = new_id(1_700_000_000_001);
        assert_eq!(a.len(), 26);
        assert!(a < b && b < c, "{a} {b} {c}");
        // Other tests in this process may have made later ids, which `new_id` never goes
        // below; the layout itself is checked through `encode`.
        assert!(timestamp_ms(&c).is_some_and(|ms| ms >= 1_700_000_000_001));
        let id = encode(1_700_000_000_001, 12345);
        assert!(id.starts_with("01HF"), "{id}");
        assert_eq!(timestamp_ms(&id), Some(1_700_000_000_001));
        assert_eq!(timestamp_ms(&id.to_lowercase()), Some(1_700_000_000_001));
        assert_eq!(timestamp_ms("e1"), None);
        assert_eq!(timestamp_ms("!0000000000000000000000000"), None);
    }
}
