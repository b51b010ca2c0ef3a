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
    let value = (u128::from(ms) << 80) | random;
    (0..26)
        .rev()
        .map(|i| ALPHABET[((value >> (i * 5)) & 31) as usize] as char)
        .collect()
}

fn random_bits() -> u128 {
    // RandomState is seeded from the OS for each process; two hashes give 128 bits.
    let state = RandomState::new();
    let a = u128::from(state.hash_one(std::process::id()));
    let b = u128::from(state.hash_one(a));
    ((a << 64) | b) & ((1 << 80) - 1)
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
        assert!(a.starts_with("01HF"), "{a}");
    }
}
