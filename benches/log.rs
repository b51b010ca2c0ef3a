//! Symptom log benchmarks against DESIGN §8: loading a 100,000-entry log (budget 100 ms) and the
//! cost of one durable append (lock, one write, `sync_data`).

use std::path::Path;

use knotless::symptoms::{Onset, SymptomEntry, SymptomLog};
use knotless::vocabulary::IdSet;

fn main() {
    divan::main();
}

/// A realistic entry: several areas and symptoms, a short note.
fn entry(i: usize) -> SymptomEntry {
    let day = i / 40;
    SymptomEntry {
        edited: None,
        id: format!("01K{i:023}"),
        at: chrono::DateTime::parse_from_rfc3339("2016-01-01T08:00:00+01:00").unwrap()
            + chrono::Duration::minutes(i as i64 * 36)
            + chrono::Duration::days(day as i64 % 3),
        pain: (i % 11) as u8,
        onset: Some(if i.is_multiple_of(7) {
            Onset::Sudden
        } else {
            Onset::Gradual
        }),
        // Now and then the other side, so side conditions pair entries across the log.
        areas: if i.is_multiple_of(10) {
            IdSet::of(&["lower-back-right", "foot-right"])
        } else {
            IdSet::of(&["lower-back-left", "leg-left"])
        },
        symptoms: IdSet::of(&["knot", "stiffness", "shooting-pain"]),
        denied: IdSet::of(&["saddle-numbness", "bladder-change"]),
        triggers: IdSet::of(&["sitting"]),
        relief: IdSet::of(&["heat", "stretching"]),
        note: "worse after the long drive, better after the heat pack".into(),
    }
}

/// Writes a log of `n` entries (plus 1% edits and deletes) as plain lines.
pub fn write_log(dir: &Path, n: usize) {
    let mut text = String::with_capacity(n * 330);
    for i in 0..n {
        text.push_str(&serde_json::to_string(&entry(i)).unwrap());
        text.push('\n');
        if i % 100 == 99 {
            text.push_str(&format!(
                "{{\"id\":\"01K{:023}\",\"deleted\":true}}\n",
                i - 50
            ));
        }
    }
    std::fs::write(dir.join("symptoms.jsonl"), text).unwrap();
}

#[divan::bench(sample_count = 20)]
fn load_100k(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    write_log(dir.path(), 100_000);
    let log = SymptomLog::new(dir.path());
    bencher.bench(|| {
        let contents = log.load().unwrap();
        assert_eq!(contents.entries.len(), 99_000);
        contents
    });
}

#[divan::bench(sample_count = 50)]
fn append_one(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    write_log(dir.path(), 1_000);
    let log = SymptomLog::new(dir.path());
    let mut i = 1_000;
    bencher.bench_local(|| {
        i += 1;
        log.save(&entry(i)).unwrap();
    });
}

/// Red-flag evaluation of every bundled rule over a 100,000-entry log (budget 20 ms), as of
/// the last entry, so the windows and the current episode hold entries. Nothing is
/// acknowledged, so the emergencies read the whole log (they never lapse), and left and right
/// entries pair up across it.
#[divan::bench(sample_count = 20)]
fn evaluate_flags_100k(bencher: divan::Bencher) {
    use knotless::flags::{Profile, RuleSet, evaluate};
    let dir = tempfile::tempdir().unwrap();
    write_log(dir.path(), 100_000);
    let entries = SymptomLog::new(dir.path()).load().unwrap().entries;
    let now = entries.last().unwrap().at;
    let rules = RuleSet::bundled();
    let profile = Profile {
        birth_year: Some(1960),
        conditions: IdSet::of(&["osteoporosis"]),
    };
    bencher.bench(|| {
        let flags = evaluate(&entries, &profile, &rules.rules, &[], now);
        assert!(!flags.active.is_empty());
        flags
    });
}

/// The same log with every flag acknowledged halfway through it: the emergencies then read the
/// time each older matching entry was written (its id) against the acknowledgement.
#[divan::bench(sample_count = 20)]
fn evaluate_flags_100k_acknowledged(bencher: divan::Bencher) {
    use knotless::flags::{Ack, Profile, RuleSet, evaluate};
    let dir = tempfile::tempdir().unwrap();
    write_log(dir.path(), 100_000);
    let entries = SymptomLog::new(dir.path()).load().unwrap().entries;
    let now = entries.last().unwrap().at;
    let halfway = entries[entries.len() / 2].at;
    let rules = RuleSet::bundled();
    let acks: Vec<Ack> = rules
        .rules
        .iter()
        .map(|r| Ack {
            id: format!("ack-{}", r.id),
            flag: r.id.clone(),
            at: halfway,
        })
        .collect();
    let profile = Profile {
        birth_year: Some(1960),
        conditions: IdSet::of(&["osteoporosis"]),
    };
    bencher.bench(|| evaluate(&entries, &profile, &rules.rules, &acks, now));
}
