//! `history --json` and `export`, which stream their records (issue 18, item 3), give the same
//! bytes as writing out the records a load folds, over files with what folding has to get right:
//! edits, deletes, a delete written again, sessions written a line per step, breaks recorded
//! twice, entries logged out of time order, times that tie in different offsets, ids that are not
//! ULIDs, and lines that cannot be read (warned about as a load warns, copied to `.rejected`).
//! And CSV cells a spreadsheet would run as formulas are neutralised unless `--raw` (issue 19,
//! item 13).

use crate::common;

use std::fmt::Write as _;
use std::fs;
use std::os::unix::fs::PermissionsExt;

use chrono::{DateTime, Duration, FixedOffset};
use common::cli::Home;
use knotless::checkins::CheckinLog;
use knotless::report::export::{self, Cells};
use knotless::symptoms::SymptomLog;
use serde_json::json;

const OFFSETS: [&str; 3] = ["+01:00", "Z", "-05:00"];

fn moment(minutes: i64, offset: usize) -> String {
    let base: DateTime<FixedOffset> = "2026-09-01T08:00:00+00:00".parse().unwrap();
    let t = base + Duration::minutes(minutes);
    let zone: FixedOffset = match OFFSETS[offset % 3] {
        "Z" => FixedOffset::east_opt(0).unwrap(),
        o => format!("2026-01-01T00:00:00{o}")
            .parse::<DateTime<FixedOffset>>()
            .unwrap()
            .timezone(),
    };
    let s = t.with_timezone(&zone).to_rfc3339();
    if OFFSETS[offset % 3] == "Z" {
        s.replace("+00:00", "Z")
    } else {
        s
    }
}

fn ulid(i: usize) -> String {
    format!("01KB{i:022}")
}

/// A data folder whose files need folding, with bad lines in each.
fn folded_home() -> Home {
    let home = Home::new();
    fs::create_dir_all(home.data()).unwrap();
    // Private, as knotless makes it (else the first command says so, and the warnings differ).
    fs::set_permissions(
        home.data(),
        std::os::unix::fs::PermissionsExt::from_mode(0o700),
    )
    .unwrap();
    let mut log = String::from("\u{feff}");
    let notes = [
        "worse after driving",
        "=SUM(A1)",
        "-5 after stretch",
        "fine, \"ok\"",
    ];
    let entry = |id: &str, minutes: i64, pain: usize, i: usize| {
        format!(
            r#"{{"id":"{id}","at":"{}","pain":{},"areas":["lower-back-left"],"symptoms":["knot"],"relief":["heat"],"note":"{}"}}"#,
            moment(minutes, i),
            pain % 11,
            notes[i % 4].replace('"', "\\\"")
        )
    };
    for i in 0..120 {
        // Every tenth entry logged two days late; every seventh at the same moment as the last.
        let minutes = if i % 10 == 9 {
            i as i64 * 90 - 2 * 24 * 60
        } else if i % 7 == 6 {
            (i as i64 - 1) * 90
        } else {
            i as i64 * 90
        };
        let id = if i % 25 == 24 {
            format!("e{i}")
        } else {
            ulid(i)
        };
        writeln!(log, "{}", entry(&id, minutes, i, i)).unwrap();
        if i % 8 == 7 {
            // An edit of an earlier entry, moved an hour later.
            writeln!(
                log,
                "{}",
                entry(&ulid(i - 5), (i as i64 - 5) * 90 + 60, i + 3, i)
            )
            .unwrap();
        }
        if i % 11 == 10 {
            writeln!(log, r#"{{"id":"{}","deleted":true}}"#, ulid(i - 3)).unwrap();
        }
        if i % 33 == 32 {
            // Deleted, then written again.
            writeln!(log, "{}", entry(&ulid(i - 3), i as i64 * 90, 2, i)).unwrap();
        }
    }
    log.push_str("not json\n");
    log.push_str(r#"{"id":"01KBAD","at":"2026-09-02T08:00:00Z","pain":11}"#);
    log.push('\n');
    log.push_str(r#"{"id":"01KBAD2","at":"2026-09-02T08:00:00Z","pain":3,"areas":["elbow"]}"#);
    log.push_str("\n{\"id\":\"torn");
    write(&home, "symptoms.jsonl", &log);

    let mut history = String::new();
    let session = |id: &str, minutes: i64, done: usize, outcome: &str, i: usize| {
        format!(
            r#"{{"type":"session","id":"{id}","routine":"lower-back-release","kind":"stretch","started":"{}","ended":"{}","active_seconds":{},"outcome":"{outcome}","steps_done":{done},"steps_total":6,"pain_before":{},"pain_after":null}}"#,
            moment(minutes, i),
            moment(minutes + 10, i),
            done * 60,
            i % 11
        )
    };
    for i in 0..80 {
        let minutes = if i % 9 == 8 {
            i as i64 * 120 - 3000
        } else {
            i as i64 * 120
        };
        let id = if i % 30 == 29 {
            format!("s{i}")
        } else {
            ulid(1000 + i)
        };
        // Recorded as it runs: a start line, two step lines, the final line.
        for done in 0..3 {
            writeln!(history, "{}", session(&id, minutes, done, "interrupted", i)).unwrap();
        }
        let outcome = ["completed", "partial", "stopped"][i % 3];
        writeln!(history, "{}", session(&id, minutes, 6, outcome, i)).unwrap();
        if i % 4 == 0 {
            let b = format!(
                r#"{{"type":"break","id":"{}","routine":"desk-reset","at":"{}","outcome":"skipped","reason":"a call"}}"#,
                ulid(2000 + i / 8),
                moment(minutes + 30, i)
            );
            writeln!(history, "{b}").unwrap();
        }
    }
    history.push_str(r#"{"id":"01KB","deleted":true}"#);
    history.push('\n');
    write(&home, "history.jsonl", &history);

    let mut checkins = String::new();
    for i in 0..30 {
        let line = |pain: usize| {
            format!(
                r#"{{"id":"{}","at":"{}","pain":{pain},"enjoyment":{},"activity":5}}"#,
                ulid(3000 + i),
                moment(i as i64 * 7 * 24 * 60 - (i as i64 % 4) * 4000, i),
                i % 11
            )
        };
        writeln!(checkins, "{}", line(i % 11)).unwrap();
        if i % 5 == 4 {
            writeln!(checkins, "{}", line((i + 2) % 11)).unwrap();
        }
        if i % 7 == 6 {
            writeln!(
                checkins,
                r#"{{"id":"{}","deleted":true}}"#,
                ulid(3000 + i - 2)
            )
            .unwrap();
        }
    }
    checkins.push_str(r#"{"id":"01KC","at":"2026-09-02T08:00:00Z","pain":3}"#);
    checkins.push('\n');
    write(&home, "checkins.jsonl", &checkins);
    home
}

fn write(home: &Home, name: &str, text: &str) {
    let path = home.data().join(name);
    fs::write(&path, text).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
}

/// Stdout and stderr of a command that must succeed.
fn run(home: &Home, args: &[&str]) -> (Vec<u8>, String) {
    let out = home.cmd().args(args).assert().success();
    let out = out.get_output();
    (
        out.stdout.clone(),
        String::from_utf8(out.stderr.clone()).unwrap(),
    )
}

/// The warnings a load of `name` gives, as the command line prints them.
fn load_warnings(
    home: &Home,
    name: &str,
    rejected: &[knotless::store::RejectedLine],
    notes: &knotless::store::LoadNotes,
) -> String {
    let store = knotless::store::JsonlStore::new(&home.data(), name);
    store
        .warnings(rejected, notes)
        .iter()
        .map(|w| format!("warning: {w}\n"))
        .collect()
}

#[test]
fn exported_entries_are_the_loaded_log_byte_for_byte_with_its_warnings() {
    let home = folded_home();
    let (jsonl, warned) = run(&home, &["export", "--what", "entries", "--format", "jsonl"]);
    let (csv, _) = run(
        &home,
        &["export", "--what", "entries", "--format", "csv", "--raw"],
    );
    let loaded = SymptomLog::new(&home.data()).load().unwrap();
    let entries = loaded.entries.clone();
    assert!(entries.len() > 90, "{}", entries.len());
    let mut want = Vec::new();
    export::jsonl(&mut want, entries.clone().into_iter().map(Ok)).unwrap();
    assert_eq!(
        String::from_utf8(jsonl).unwrap(),
        String::from_utf8(want).unwrap()
    );
    let mut want = Vec::new();
    export::entries_csv(&mut want, entries.into_iter().map(Ok), Cells::Raw).unwrap();
    assert_eq!(
        String::from_utf8(csv).unwrap(),
        String::from_utf8(want).unwrap()
    );

    assert_eq!(
        warned,
        load_warnings(&home, "symptoms.jsonl", &loaded.rejected, &loaded.notes)
    );
    assert!(warned.contains("line 149 could not be read"), "{warned}");
    assert_eq!(
        fs::read_to_string(home.data().join("symptoms.jsonl.rejected")).unwrap(),
        "not json\n{\"id\":\"01KBAD\",\"at\":\"2026-09-02T08:00:00Z\",\"pain\":11}\n\
         {\"id\":\"01KBAD2\",\"at\":\"2026-09-02T08:00:00Z\",\"pain\":3,\"areas\":[\"elbow\"]}\n\
         {\"id\":\"torn\n"
    );
}

#[test]
fn exported_sessions_and_checkins_in_a_period_are_the_loaded_ones() {
    let home = folded_home();
    // The days are read in the zone of the machine: UTC here.
    let period = ["--since", "2026-09-02", "--until", "2026-09-05"];
    let args = [
        &["export", "--what", "sessions", "--format", "jsonl"][..],
        &period,
    ]
    .concat();
    let out = home.cmd().env("TZ", "UTC").args(&args).assert().success();
    let jsonl = out.get_output().stdout.clone();
    let warned = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    let loaded = knotless::history::load(&knotless::history::store(&home.data())).unwrap();
    let since: DateTime<FixedOffset> = "2026-09-02T00:00:00Z".parse().unwrap();
    let until: DateTime<FixedOffset> = "2026-09-06T00:00:00Z".parse().unwrap();
    let kept = loaded
        .sessions
        .iter()
        .filter(|s| s.started >= since && s.started < until)
        .cloned();
    let mut want = Vec::new();
    export::jsonl(&mut want, kept.map(Ok)).unwrap();
    assert!(want.len() > 1000, "some sessions in the period");
    assert_eq!(
        String::from_utf8(jsonl).unwrap(),
        String::from_utf8(want).unwrap()
    );
    assert_eq!(
        loaded.sessions.len(),
        80,
        "each session once, at its last line"
    );
    assert_eq!(
        warned,
        load_warnings(&home, "history.jsonl", &loaded.rejected, &loaded.notes)
    );
    assert!(warned.contains("history.jsonl line 341"), "{warned}");

    let (csv, warned) = run(
        &home,
        &["export", "--what", "checkins", "--format", "csv", "--raw"],
    );
    let loaded = CheckinLog::new(&home.data()).load().unwrap();
    let mut want = Vec::new();
    export::checkins_csv(
        &mut want,
        loaded.records.clone().into_iter().map(Ok),
        Cells::Raw,
    )
    .unwrap();
    assert_eq!(
        String::from_utf8(csv).unwrap(),
        String::from_utf8(want).unwrap()
    );
    assert_eq!(
        warned,
        load_warnings(&home, "checkins.jsonl", &loaded.rejected, &loaded.notes)
    );
}

#[test]
fn history_json_is_the_document_of_the_loaded_history() {
    let home = folded_home();
    let (out, warned) = run(&home, &["history", "--json"]);
    let loaded = knotless::history::load(&knotless::history::store(&home.data())).unwrap();
    let mut breaks = loaded.breaks.clone();
    breaks.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    // The document as a JSON tree (the keys sorted, as serde_json's map writes them): what
    // `history --json` printed before it streamed.
    let doc = json!({
        "breaks": breaks.iter().map(|b| json!({
            "at": b.at, "id": b.id, "outcome": b.outcome.id(), "reason": b.reason,
            "routine": b.routine,
        })).collect::<Vec<_>>(),
        "sessions": loaded.sessions.iter().map(|s| json!({
            "active_seconds": s.active_seconds, "ended": s.ended, "id": s.id,
            "kind": s.kind.id(), "outcome": knotless::report::outcome_name(&s.outcome),
            "pain_after": s.pain_after, "pain_before": s.pain_before, "routine": s.routine,
            "started": s.started, "steps_done": s.steps_done, "steps_total": s.steps_total,
        })).collect::<Vec<_>>(),
    });
    let want = serde_json::to_string_pretty(&doc).unwrap() + "\n";
    assert_eq!(String::from_utf8(out).unwrap(), want);
    assert_eq!(breaks.len(), 20);
    assert_eq!(
        warned,
        load_warnings(&home, "history.jsonl", &loaded.rejected, &loaded.notes)
    );
}

/// A log whose notes start with what a spreadsheet would run.
fn formula_home() -> Home {
    let home = Home::new();
    fs::create_dir_all(home.data()).unwrap();
    // Private, as knotless makes it (else the first command says so, and the warnings differ).
    fs::set_permissions(
        home.data(),
        std::os::unix::fs::PermissionsExt::from_mode(0o700),
    )
    .unwrap();
    let notes = [
        "=HYPERLINK(\"http://x\")",
        "-5 after stretch",
        "+1 since yesterday",
        "@SUM(1)",
        "\tindented",
        "\rreturn",
        "'=already quoted",
        "a plain note - with a dash",
        "",
    ];
    let mut log = String::new();
    for (i, note) in notes.iter().enumerate() {
        let line = json!({
            "id": format!("01KB{i:022}"),
            "at": format!("2026-09-0{}T08:00:00+01:00", i + 1),
            "pain": i,
            "note": note,
        });
        writeln!(log, "{line}").unwrap();
    }
    write(&home, "symptoms.jsonl", &log);
    home
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_start_with_a_quote_unless_raw() {
    let home = formula_home();
    let (csv, _) = run(&home, &["export", "--what", "entries", "--format", "csv"]);
    let notes: Vec<String> = csv::Reader::from_reader(&csv[..])
        .records()
        .map(|r| r.unwrap()[9].to_owned())
        .collect();
    assert_eq!(
        notes,
        [
            "'=HYPERLINK(\"http://x\")",
            "'-5 after stretch",
            "'+1 since yesterday",
            "'@SUM(1)",
            "'\tindented",
            "'\rreturn",
            "''=already quoted",
            "a plain note - with a dash",
            "",
        ]
    );
    // Pain (never negative), times and ids are untouched.
    let pains: Vec<String> = csv::Reader::from_reader(&csv[..])
        .records()
        .map(|r| r.unwrap()[2].to_owned())
        .collect();
    assert_eq!(pains, ["0", "1", "2", "3", "4", "5", "6", "7", "8"]);

    let (raw, _) = run(
        &home,
        &["export", "--what", "entries", "--format", "csv", "--raw"],
    );
    let raw_notes: Vec<String> = csv::Reader::from_reader(&raw[..])
        .records()
        .map(|r| r.unwrap()[9].to_owned())
        .collect();
    let stored: Vec<String> = SymptomLog::new(&home.data())
        .load()
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.note)
        .collect();
    assert_eq!(raw_notes, stored);
    // What import will do: each neutralised cell restores to the stored note.
    let restored: Vec<String> = notes
        .iter()
        .map(|n| export::restore(n).into_owned())
        .collect();
    assert_eq!(restored, stored);
}

#[test]
fn raw_with_json_lines_is_refused_and_nothing_is_written() {
    let home = formula_home();
    let out = home.dir.path().join("x.jsonl");
    let assert = home
        .cmd()
        .args([
            "export", "--what", "entries", "--format", "jsonl", "--raw", "-o",
        ])
        .arg(&out)
        .assert()
        .code(2);
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("--raw") && err.contains("--format csv"),
        "{err}"
    );
    assert!(!out.exists());
}
