//! The commands a person runs beside a log of ten years (DESIGN §8: `log add`, telling any
//! emergency included, and `flags` within 30 ms at 50,000 entries), in process: what each does
//! between its arguments and its output. Each on two data sets — plain appends, and one with
//! edits, deletes, acknowledgements and check-ins — and each reading the log whole or through
//! its snapshot in the cache folder (`symptoms::snapshot`). The process's own start (≈ 1–2 ms)
//! is left out; `scripts/measure.sh --data DIR` times the real binary.

use std::fmt::Write;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use knotless::paths::Paths;
use knotless::symptoms::{SymptomEntry, SymptomLog};
use knotless::workspace::{Parts, Workspace};

fn main() {
    divan::main();
}

const DAYS: i64 = 3_650;
const ENTRIES: usize = 50_000;

fn now() -> DateTime<FixedOffset> {
    "2026-11-24T21:30:00+01:00".parse().unwrap()
}

/// Ten years of entries in `dir`; with `edits`, 2% of them edited later (a second line with
/// the same id and an `edited` time), 1% deleted, 300 acknowledgements and 500 check-ins.
fn years_of_log(dir: &Path, edits: bool) {
    let end = now();
    let start = end - chrono::Duration::days(DAYS);
    let mut log = String::with_capacity(ENTRIES * 300);
    let line = |log: &mut String, i: usize, pain: usize, edited: Option<DateTime<FixedOffset>>| {
        let at = start + chrono::Duration::minutes((i as i64 * DAYS * 24 * 60) / ENTRIES as i64);
        let side = if i.is_multiple_of(7) { "right" } else { "left" };
        let edited = edited.map_or(String::new(), |t| {
            format!(r#","edited":"{}""#, t.to_rfc3339())
        });
        writeln!(
            log,
            r#"{{"id":"01K{i:023}","at":"{}","pain":{pain},"areas":["lower-back-{side}"],"symptoms":["knot","stiffness"],"triggers":["sitting"],"relief":["heat"],"note":"worse after sitting all afternoon"{edited}}}"#,
            at.to_rfc3339(),
        )
        .unwrap();
    };
    for i in 0..ENTRIES {
        line(&mut log, i, i % 8, None);
        if edits && i % 50 == 49 {
            let later = start
                + chrono::Duration::minutes((i as i64 * DAYS * 24 * 60) / ENTRIES as i64 + 90);
            line(&mut log, i - 20, (i + 3) % 9, Some(later));
        }
        if edits && i % 100 == 99 {
            writeln!(log, r#"{{"id":"01K{:023}","deleted":true}}"#, i - 40).unwrap();
        }
    }
    std::fs::write(dir.join("symptoms.jsonl"), log).unwrap();
    if edits {
        let mut acks = String::new();
        let mut checkins = String::new();
        for i in 0..500i64 {
            let at = start + chrono::Duration::days(i * DAYS / 500);
            if i < 300 {
                let flag = ["severe-pain", "age-over-50", "night-pain"][i as usize % 3];
                writeln!(
                    acks,
                    r#"{{"id":"01A{i:023}","flag":"{flag}","at":"{}"}}"#,
                    at.to_rfc3339()
                )
                .unwrap();
            }
            writeln!(
                checkins,
                r#"{{"id":"01C{i:023}","at":"{}","pain":{},"enjoyment":{},"activity":{}}}"#,
                at.to_rfc3339(),
                i % 10,
                (i + 3) % 10,
                (i + 5) % 10
            )
            .unwrap();
        }
        std::fs::write(dir.join("acks.jsonl"), acks).unwrap();
        std::fs::write(dir.join("checkins.jsonl"), checkins).unwrap();
    }
    for name in ["symptoms.jsonl", "acks.jsonl", "checkins.jsonl"] {
        let path = dir.join(name);
        if path.exists() {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
    }
}

/// A data folder of ten years, and the cache folder beside it when `read` is "snapshot".
fn setup(set: &str, read: &str) -> (tempfile::TempDir, Paths) {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    std::fs::create_dir(&data).unwrap();
    years_of_log(&data, set == "edited");
    let paths = Paths {
        data_dir: data,
        config_file: home.path().join("config.toml"),
        extra_routine_dirs: Vec::new(),
        cache_dir: (read == "snapshot").then(|| home.path().join("cache")),
    };
    // The snapshot the first command would have left.
    let _ = Workspace::load_parts(&paths, now().date_naive(), Parts::FLAGS);
    (home, paths)
}

/// `knotless flags`: the config, rules, log and acknowledgements, the flags now and those that
/// lapsed in the last 30 days.
#[divan::bench(args = ["plain/whole", "plain/snapshot", "edited/whole", "edited/snapshot"], sample_count = 20, sample_size = 1)]
fn flags(bencher: divan::Bencher, args: &str) {
    let (set, read) = args.split_once('/').unwrap();
    let (_home, paths) = setup(set, read);
    bencher.bench_local(|| {
        let ws = Workspace::load_parts(&paths, now().date_naive(), Parts::FLAGS);
        let flags = ws.evaluate(knotless::flags::Moment::live(now()));
        (flags, ws.lapsed(now()))
    });
}

/// `knotless log add --pain 3`: the entry written (lock, append, `sync_data`), then what it
/// raises and the flare-plan step after its rating.
#[divan::bench(args = ["plain/whole", "plain/snapshot", "edited/whole", "edited/snapshot"], sample_count = 20, sample_size = 1)]
fn log_add(bencher: divan::Bencher, args: &str) {
    let (set, read) = args.split_once('/').unwrap();
    let (_home, paths) = setup(set, read);
    let log = SymptomLog::new(&paths.data_dir);
    let mut n = 0;
    bencher.bench_local(|| {
        n += 1;
        let entry: SymptomEntry = serde_json::from_str(&format!(
            r#"{{"id":"01M{n:023}","at":"2026-11-24T21:00:00+01:00","pain":3,"areas":["lower-back-left"],"symptoms":["knot"]}}"#
        ))
        .unwrap();
        log.save(&entry).unwrap();
        let parts = Parts {
            programme: true,
            ..Parts::FLAGS
        };
        let mut ws = Workspace::load_parts(&paths, now().date_naive(), parts);
        ws.after_log_entry(&entry, format!("01R{n:023}"), now())
    });
}
