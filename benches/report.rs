//! The report over ten years of heavy use (DESIGN §8: 50,000 log entries, 30,000 sessions,
//! 500 check-ins; a report under 200 ms): loading every data file, computing the figures and
//! writing the HTML, as `knotless report` does after it starts. The default period (90 days)
//! and the whole ten years.
//!
//! `KNOTLESS_BENCH_DATA=DIR cargo bench --bench report` also leaves the data set in DIR, to time
//! the real command: `KNOTLESS_DATA_DIR=DIR knotless report -o /dev/null`.

use std::fmt::Write as _;
use std::path::Path;

use chrono::{DateTime, Duration, FixedOffset};
use knotless::paths::Paths;
use knotless::report::Period;
use knotless::report::{ReportFormat, render};
use knotless::workspace::Workspace;

fn main() {
    divan::main();
}

const ENTRIES: usize = 50_000;
const SESSIONS: usize = 30_000;
const CHECKINS: usize = 500;

fn now() -> DateTime<FixedOffset> {
    "2026-11-25T20:00:00+01:00".parse().unwrap()
}

fn id(at: DateTime<FixedOffset>, n: usize) -> String {
    knotless::id::encode(at.timestamp_millis() as u64, n as u128)
}

/// Ten years of data ending at [`now`], written as the app writes it.
pub fn write_data(dir: &Path) {
    let start = now() - Duration::days(3650);
    let areas = [
        r#"["lower-back-left"]"#,
        r#"["lower-back","buttock-left"]"#,
        r#"["lower-back-right","hip-right"]"#,
        r#"["upper-back","neck"]"#,
        r#"["lower-back-left","leg-left"]"#,
    ];
    let mut text = String::with_capacity(ENTRIES * 260);
    let step = 3650 * 24 * 60 / ENTRIES as i64;
    for i in 0..ENTRIES {
        let at = start + Duration::minutes(i as i64 * step + (i as i64 * 37) % 90);
        let _ = writeln!(
            text,
            r#"{{"id":"{}","at":"{}","pain":{},"areas":{},"symptoms":["knot","stiffness"],"triggers":["sitting"],"relief":["heat"],"note":"{}"}}"#,
            id(at, i),
            at.to_rfc3339(),
            (i * 7) % 11,
            areas[i % areas.len()],
            if i % 10 == 0 {
                "worse after the long drive, \\\"quoted\\\""
            } else {
                ""
            }
        );
    }
    std::fs::write(dir.join("symptoms.jsonl"), &text).unwrap();

    text.clear();
    let routines = [
        "lower-back-release",
        "morning-mobility",
        "heat-pack",
        "posture-check",
    ];
    let kinds = ["stretch", "stretch", "heat", "posture-break"];
    let step = 3650 * 24 * 60 / SESSIONS as i64;
    for i in 0..SESSIONS {
        let at = start + Duration::minutes(i as i64 * step);
        let r = i % routines.len();
        let _ = writeln!(
            text,
            r#"{{"type":"session","id":"{}","routine":"{}","kind":"{}","started":"{}","ended":"{}","active_seconds":600,"outcome":"{}","steps_done":7,"steps_total":7,"pain_before":{},"pain_after":{}}}"#,
            id(at, i),
            routines[r],
            kinds[r],
            at.to_rfc3339(),
            (at + Duration::minutes(10)).to_rfc3339(),
            if i % 9 == 0 { "stopped" } else { "completed" },
            5 + i % 3,
            3 + i % 3
        );
    }
    std::fs::write(dir.join("history.jsonl"), &text).unwrap();

    text.clear();
    for i in 0..CHECKINS {
        let at = start + Duration::days(i as i64 * 7);
        let _ = writeln!(
            text,
            r#"{{"id":"{}","at":"{}","pain":{},"enjoyment":{},"activity":{}}}"#,
            id(at, i),
            at.to_rfc3339(),
            3 + i % 5,
            2 + i % 6,
            4 + i % 4
        );
    }
    std::fs::write(dir.join("checkins.jsonl"), &text).unwrap();
    for name in ["symptoms.jsonl", "history.jsonl", "checkins.jsonl"] {
        use std::os::unix::fs::PermissionsExt;
        let private = std::fs::Permissions::from_mode(0o600);
        std::fs::set_permissions(dir.join(name), private).unwrap();
    }
}

fn data_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_data(dir.path());
    if let Some(keep) = std::env::var_os("KNOTLESS_BENCH_DATA") {
        std::fs::create_dir_all(&keep).unwrap();
        write_data(Path::new(&keep));
    }
    dir
}

fn paths(dir: &Path) -> Paths {
    Paths::resolve(
        Some(dir.to_path_buf()),
        Some(dir.join("no-config.toml")),
        Vec::new(),
    )
    .unwrap()
}

fn period(days: i64) -> Period {
    let until: DateTime<FixedOffset> = "2026-11-26T00:00:00+01:00".parse().unwrap();
    Period {
        since: until - Duration::days(days),
        until,
    }
}

/// What `knotless report` does after it starts: load everything, compute, write HTML.
#[divan::bench(args = [90, 3650], sample_count = 10)]
fn load_and_write_html(bencher: divan::Bencher, days: i64) {
    let dir = data_dir();
    let paths = paths(dir.path());
    bencher.bench(|| {
        let data = Workspace::load(&paths, now().date_naive());
        let names = data.routine_names();
        let html = render(
            &data.report_inputs(true, &names),
            period(days),
            now(),
            ReportFormat::Html,
        )
        .unwrap();
        divan::black_box(html.len())
    });
}

/// Computing and writing alone, the data already in memory.
#[divan::bench(args = [90, 3650], sample_count = 10)]
fn write_html(bencher: divan::Bencher, days: i64) {
    let dir = data_dir();
    let data = Workspace::load(&paths(dir.path()), now().date_naive());
    let names = data.routine_names();
    bencher.bench(|| {
        let html = render(
            &data.report_inputs(true, &names),
            period(days),
            now(),
            ReportFormat::Html,
        )
        .unwrap();
        divan::black_box(html.len())
    });
}

/// The figures alone, without writing them.
#[divan::bench(args = [90, 3650], sample_count = 10)]
fn compute(bencher: divan::Bencher, days: i64) {
    let dir = data_dir();
    let data = Workspace::load(&paths(dir.path()), now().date_naive());
    let names = data.routine_names();
    bencher.bench(|| {
        let report =
            knotless::report::compute(&data.report_inputs(true, &names), period(days), now());
        divan::black_box(report.entries.len())
    });
}

/// The same report as Markdown (no figures).
#[divan::bench(args = [3650], sample_count = 10)]
fn write_markdown(bencher: divan::Bencher, days: i64) {
    let dir = data_dir();
    let data = Workspace::load(&paths(dir.path()), now().date_naive());
    let names = data.routine_names();
    bencher.bench(|| {
        let md = render(
            &data.report_inputs(true, &names),
            period(days),
            now(),
            ReportFormat::Md,
        )
        .unwrap();
        divan::black_box(md.len())
    });
}
