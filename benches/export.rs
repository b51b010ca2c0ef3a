//! Streamed output (DESIGN §8: `history --json` and every export stream): reading a file for
//! its order, then each record again as it is written, into `io::sink()`. On two data sets of
//! 100,000 log entries, 100,000 sessions and 5,000 check-ins: `plain`, appends only (each record
//! one line, in time order), and `folded`, what the folding has to get right: every session
//! written a line per step (four lines a session), 5% of entries and check-ins edited later, 2%
//! deleted, 3% logged days late, breaks between the sessions and acknowledgements beside (not
//! read by these commands). Peak memory is measured on the binary (`scripts/stream-check.sh
//! --measure`), not here.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::OnceLock;

use chrono::{DateTime, Duration, FixedOffset};
use knotless::checkins::CheckinLog;
use knotless::report::export::{self, Cells};
use knotless::symptoms::SymptomLog;

fn main() {
    divan::main();
}

const ENTRIES: usize = 100_000;
const SESSIONS: usize = 100_000;
const CHECKINS: usize = 5_000;
const SETS: [&str; 2] = ["plain", "folded"];

fn start() -> DateTime<FixedOffset> {
    "2016-01-01T08:00:00+01:00".parse().unwrap()
}

/// A ULID-shaped id, unique per `kind` and `i`.
fn id(kind: usize, i: usize) -> String {
    format!("01K{kind}{i:022}")
}

fn entry(out: &mut String, i: usize, at: DateTime<FixedOffset>, pain: usize) {
    writeln!(
        out,
        r#"{{"id":"{}","at":"{}","pain":{},"onset":"gradual","areas":["lower-back-left","leg-left"],"symptoms":["knot","stiffness"],"denied":["saddle-numbness"],"triggers":["sitting"],"relief":["heat","stretching"],"note":"worse after the long drive, better after the heat pack"}}"#,
        id(1, i),
        at.to_rfc3339(),
        pain % 11
    )
    .unwrap();
}

fn session(out: &mut String, i: usize, started: DateTime<FixedOffset>, done: usize, last: bool) {
    let outcome = if last { "completed" } else { "interrupted" };
    writeln!(
        out,
        r#"{{"type":"session","id":"{}","routine":"lower-back-release","kind":"stretch","started":"{}","ended":"{}","active_seconds":{},"outcome":"{outcome}","steps_done":{done},"steps_total":6,"pain_before":{},"pain_after":{}}}"#,
        id(2, i),
        started.to_rfc3339(),
        (started + Duration::minutes(10)).to_rfc3339(),
        done * 100,
        4 + i % 3,
        3 + i % 3
    )
    .unwrap();
}

fn checkin(out: &mut String, i: usize, at: DateTime<FixedOffset>, pain: usize) {
    writeln!(
        out,
        r#"{{"id":"{}","at":"{}","pain":{},"enjoyment":{},"activity":{}}}"#,
        id(3, i),
        at.to_rfc3339(),
        pain % 11,
        (i * 3) % 11,
        (i * 7) % 11
    )
    .unwrap();
}

/// Writes data set `set` into `dir`.
fn write_set(dir: &Path, set: &str) {
    let folded = set == "folded";
    let mut log = String::with_capacity(ENTRIES * 330);
    for i in 0..ENTRIES {
        let late = if folded && i % 33 == 0 { 3 } else { 0 };
        let at = start() + Duration::minutes(i as i64 * 36) - Duration::days(late);
        entry(&mut log, i, at, i);
        if folded && i % 20 == 19 {
            entry(&mut log, i - 10, at + Duration::hours(1), i + 1);
        }
        if folded && i % 50 == 49 {
            writeln!(log, r#"{{"id":"{}","deleted":true}}"#, id(1, i - 20)).unwrap();
        }
    }
    std::fs::write(dir.join("symptoms.jsonl"), log).unwrap();

    let mut history = String::with_capacity(SESSIONS * 300 * if folded { 4 } else { 1 });
    for i in 0..SESSIONS {
        let started = start() + Duration::minutes(i as i64 * 50);
        if folded {
            for done in [0, 2, 4] {
                session(&mut history, i, started, done, false);
            }
            if i % 4 == 0 {
                writeln!(
                    history,
                    r#"{{"type":"break","id":"{}","routine":"desk-reset","at":"{}","outcome":"skipped","reason":"a call"}}"#,
                    id(4, i),
                    (started + Duration::minutes(20)).to_rfc3339()
                )
                .unwrap();
            }
        }
        session(&mut history, i, started, 6, true);
    }
    std::fs::write(dir.join("history.jsonl"), history).unwrap();

    let mut checkins = String::new();
    for i in 0..CHECKINS {
        let at = start() + Duration::days(i as i64 * 7);
        checkin(&mut checkins, i, at, i);
        if folded && i % 20 == 19 {
            checkin(&mut checkins, i - 5, at, i + 2);
        }
        if folded && i % 50 == 49 {
            writeln!(checkins, r#"{{"id":"{}","deleted":true}}"#, id(3, i - 20)).unwrap();
        }
    }
    std::fs::write(dir.join("checkins.jsonl"), checkins).unwrap();
    if folded {
        let acks: String = (0..200)
            .map(|i| {
                format!(
                    "{{\"id\":\"{}\",\"flag\":\"fever\",\"at\":\"{}\"}}\n",
                    id(5, i),
                    (start() + Duration::days(i as i64 * 10)).to_rfc3339()
                )
            })
            .collect();
        std::fs::write(dir.join("acks.jsonl"), acks).unwrap();
    }
}

/// The data folder of `set`, written once.
fn data(set: &str) -> &'static Path {
    static DIRS: OnceLock<[tempfile::TempDir; 2]> = OnceLock::new();
    let dirs = DIRS.get_or_init(|| {
        SETS.map(|set| {
            let dir = tempfile::tempdir().unwrap();
            write_set(dir.path(), set);
            dir
        })
    });
    dirs[SETS.iter().position(|s| *s == set).unwrap()].path()
}

#[divan::bench(args = SETS, sample_count = 10)]
fn history_json(bencher: divan::Bencher, set: &str) {
    let store = knotless::history::store(data(set));
    bencher.bench(|| {
        let history = knotless::history::stream(&store).unwrap();
        export::history_json(std::io::sink(), &history).unwrap();
    });
}

#[divan::bench(args = SETS, sample_count = 10)]
fn entries_csv(bencher: divan::Bencher, set: &str) {
    let log = SymptomLog::new(data(set));
    bencher.bench(|| {
        let s = log.stream().unwrap();
        export::entries_csv(std::io::sink(), s.entries(), Cells::Neutralised).unwrap();
    });
}

#[divan::bench(args = SETS, sample_count = 10)]
fn entries_jsonl(bencher: divan::Bencher, set: &str) {
    let log = SymptomLog::new(data(set));
    bencher.bench(|| {
        let s = log.stream().unwrap();
        export::jsonl(std::io::sink(), s.entries()).unwrap();
    });
}

#[divan::bench(args = SETS, sample_count = 10)]
fn sessions_csv(bencher: divan::Bencher, set: &str) {
    let store = knotless::history::store(data(set));
    bencher.bench(|| {
        let h = knotless::history::stream(&store).unwrap();
        export::sessions_csv(std::io::sink(), h.sessions(), Cells::Neutralised).unwrap();
    });
}

#[divan::bench(args = SETS, sample_count = 10)]
fn sessions_jsonl(bencher: divan::Bencher, set: &str) {
    let store = knotless::history::store(data(set));
    bencher.bench(|| {
        let h = knotless::history::stream(&store).unwrap();
        export::jsonl(std::io::sink(), h.sessions()).unwrap();
    });
}

#[divan::bench(args = SETS, sample_count = 20)]
fn checkins_csv(bencher: divan::Bencher, set: &str) {
    let log = CheckinLog::new(data(set));
    bencher.bench(|| {
        let s = log.stream().unwrap();
        export::checkins_csv(std::io::sink(), s.checkins(), Cells::Neutralised).unwrap();
    });
}

#[divan::bench(args = SETS, sample_count = 20)]
fn checkins_jsonl(bencher: divan::Bencher, set: &str) {
    let log = CheckinLog::new(data(set));
    bencher.bench(|| {
        let s = log.stream().unwrap();
        export::jsonl(std::io::sink(), s.checkins()).unwrap();
    });
}

/// The load these replaced, for comparison: the whole log folded in memory, then written.
#[divan::bench(args = SETS, sample_count = 10)]
fn entries_jsonl_loaded(bencher: divan::Bencher, set: &str) {
    let log = SymptomLog::new(data(set));
    bencher.bench(|| {
        let entries = log.load().unwrap().entries;
        export::jsonl(std::io::sink(), entries.into_iter().map(Ok)).unwrap();
    });
}
