//! `knotless report`, `export`, `history` and `log checkin` as a person runs them: over the fixed
//! 13-week data set in `tests/fixtures/report/`, the files they write and where, CSV that reads
//! back as the stored records, and bad flags refused with exit 2 and nothing written.

use crate::common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::cli::Home;
use knotless::checkins::CheckinLog;
use knotless::history::HistoryRecord;
use knotless::symptoms::SymptomLog;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/report");
const PERIOD: [&str; 4] = ["--since", "2026-08-24", "--until", "2026-11-22"];

/// A home holding the fixture's data and config.
fn fixture_home() -> Home {
    let home = Home::new();
    fs::create_dir_all(home.data()).unwrap();
    for name in [
        "symptoms.jsonl",
        "history.jsonl",
        "checkins.jsonl",
        "acks.jsonl",
    ] {
        fs::copy(Path::new(FIXTURE).join(name), home.data().join(name)).unwrap();
        fs::set_permissions(home.data().join(name), fs::Permissions::from_mode(0o600)).unwrap();
    }
    fs::copy(Path::new(FIXTURE).join("config.toml"), home.config()).unwrap();
    home
}

fn stdout(home: &Home, args: &[&str]) -> String {
    let out = home.cmd().args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn refused(home: &Home, args: &[&str]) -> String {
    let out = home
        .cmd()
        .current_dir(home.dir.path())
        .args(args)
        .assert()
        .code(2);
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn report_writes_a_private_html_file_named_for_today_and_prints_where() {
    let home = fixture_home();
    let out = home
        .cmd()
        .current_dir(home.dir.path())
        .args(["report"])
        .assert()
        .success();
    let printed = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let name = printed.trim();
    assert!(
        name.starts_with("knotless-report-") && name.ends_with(".html"),
        "{name}"
    );
    let path = home.dir.path().join(name);
    let html = fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600,
        "health data is private"
    );
}

#[test]
fn report_markdown_and_json_to_stdout_hold_every_section() {
    let home = fixture_home();
    let md = stdout(
        &home,
        &[&["report", "--format", "md", "-o", "-"][..], &PERIOD].concat(),
    );
    for heading in [
        "# Back pain report: Mon 24 Aug 2026 – Sun 22 Nov 2026",
        "## Red flags",
        "## Pain",
        "## Where it hurts",
        "## What sets it off, what helps",
        "## Pain by time of day",
        "## Routines",
        "## Weekly check-in (PEG)",
        "## Appendix: every entry (157)",
        "## Appendix: every session",
    ] {
        assert!(md.contains(heading), "{heading}");
    }
    assert!(md.contains("Acknowledged as checked Tue 15 Sep 2026 17:00 +01:00"));
    assert!(md.contains("\\<script\\>"), "markup in a note is escaped");
    let json: serde_json::Value = serde_json::from_str(&stdout(
        &home,
        &[&["report", "--format", "json", "-o", "-"][..], &PERIOD].concat(),
    ))
    .unwrap();
    assert_eq!(json["schema"], "knotless-report/1");
    assert_eq!(json["pain"]["entries"], 157);
    assert_eq!(json["checkins"]["items"].as_array().unwrap().len(), 13);
    assert_eq!(json["period"]["from"], "2026-08-24");
    assert_eq!(json["period"]["to"], "2026-11-22");
}

#[test]
fn no_profile_leaves_age_and_conditions_out() {
    let home = fixture_home();
    let md = stdout(
        &home,
        &[
            &["report", "--format", "md", "-o", "-", "--no-profile"][..],
            &PERIOD,
        ]
        .concat(),
    );
    assert!(!md.contains("Profile:") && !md.contains("Diabetes"), "{md}");
    let with = stdout(
        &home,
        &[&["report", "--format", "md", "-o", "-"][..], &PERIOD].concat(),
    );
    assert!(with.contains("Profile: age"));
}

#[test]
fn bad_report_flags_are_refused_with_exit_2_and_nothing_is_written() {
    let home = fixture_home();
    let before = files_in(home.dir.path());
    let e = refused(
        &home,
        &["report", "--since", "2026-11-30", "--until", "2026-11-01"],
    );
    assert!(
        e.contains("--since") && e.contains("--until") && e.contains("accepted"),
        "{e}"
    );
    let e = refused(&home, &["report", "--format", "pdf"]);
    assert!(
        e.contains("--format") && e.contains("html, md, json"),
        "{e}"
    );
    let e = refused(&home, &["report", "--since", "yesterday"]);
    assert!(e.contains("--since") && e.contains("RFC 3339"), "{e}");
    let e = refused(&home, &["report", "--open", "-o", "-"]);
    assert!(e.contains("--open"), "{e}");
    assert_eq!(files_in(home.dir.path()), before, "nothing written");
}

#[test]
fn exported_entries_read_back_as_the_stored_records() {
    let home = fixture_home();
    let csv_text = stdout(&home, &["export", "--what", "entries", "--format", "csv"]);
    let stored = SymptomLog::new(&home.data()).load().unwrap().entries;
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, knotless::report::export::ENTRY_HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), stored.len());
    let list = |s: &str| -> Vec<String> {
        s.split(';')
            .filter(|x| !x.is_empty())
            .map(str::to_owned)
            .collect()
    };
    for (row, e) in rows.iter().zip(&stored) {
        assert_eq!(&row[0], e.id);
        assert_eq!(chrono::DateTime::parse_from_rfc3339(&row[1]).unwrap(), e.at);
        assert_eq!(&row[1], e.at.to_rfc3339(), "the offset is kept");
        assert_eq!(row[2].parse::<u8>().unwrap(), e.pain);
        assert_eq!(&row[3], e.onset.map_or("", |o| o.id()));
        assert_eq!(list(&row[4]), e.areas.to_vec());
        assert_eq!(list(&row[5]), e.symptoms.to_vec());
        assert_eq!(list(&row[6]), e.denied.to_vec());
        assert_eq!(list(&row[7]), e.triggers.to_vec());
        assert_eq!(list(&row[8]), e.relief.to_vec());
        assert_eq!(
            &row[9], e.note,
            "notes with commas, quotes and newlines survive"
        );
    }
    assert!(
        stored
            .iter()
            .any(|e| e.note.contains('\n') && e.note.contains(','))
    );
}

#[test]
fn exported_sessions_and_checkins_read_back_as_the_stored_records() {
    let home = fixture_home();
    let csv_text = stdout(&home, &["export", "--what", "sessions", "--format", "csv"]);
    let stored: Vec<_> = knotless::history::store(&home.data())
        .load::<HistoryRecord>()
        .unwrap()
        .records
        .into_iter()
        .filter_map(|r| match r {
            HistoryRecord::Session(s) => Some(s),
            HistoryRecord::Break(_) => None,
        })
        .collect();
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), stored.len());
    let opt = |s: &str| (!s.is_empty()).then(|| s.parse::<u8>().unwrap());
    for row in &rows {
        let s = stored.iter().find(|s| s.id == row[0]).unwrap();
        assert_eq!(&row[1], s.routine);
        assert_eq!(&row[2], s.kind.id());
        assert_eq!(
            chrono::DateTime::parse_from_rfc3339(&row[3]).unwrap(),
            s.started
        );
        assert_eq!(
            chrono::DateTime::parse_from_rfc3339(&row[4]).unwrap(),
            s.ended
        );
        assert_eq!(row[5].parse::<u64>().unwrap(), s.active_seconds);
        assert_eq!(&row[6], knotless::report::outcome_name(&s.outcome));
        assert_eq!((opt(&row[9]), opt(&row[10])), (s.pain_before, s.pain_after));
    }

    let csv_text = stdout(&home, &["export", "--what", "checkins", "--format", "csv"]);
    let stored = CheckinLog::new(&home.data()).load().unwrap().records;
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), stored.len());
    for (row, c) in rows.iter().zip(&stored) {
        assert_eq!(&row[0], c.id);
        assert_eq!(chrono::DateTime::parse_from_rfc3339(&row[1]).unwrap(), c.at);
        assert_eq!(
            [&row[2], &row[3], &row[4]].map(|v| v.parse::<u8>().unwrap()),
            [c.pain, c.enjoyment, c.activity]
        );
    }
}

#[test]
fn export_jsonl_is_the_records_and_the_period_filters_them() {
    let home = fixture_home();
    let all = stdout(&home, &["export", "--what", "entries", "--format", "jsonl"]);
    assert_eq!(all.lines().count(), 157);
    let week = stdout(
        &home,
        &[
            "export",
            "--what",
            "entries",
            "--format",
            "jsonl",
            "--since",
            "2026-11-16",
            "--until",
            "2026-11-22",
        ],
    );
    assert!(week.lines().count() < 30 && week.lines().count() > 0);
    for line in week.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["at"].as_str().unwrap() >= "2026-11-16");
    }
    let out = home.dir.path().join("entries.csv");
    let printed = stdout(
        &home,
        &[
            "export",
            "--what",
            "entries",
            "--format",
            "csv",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(printed.trim(), out.to_str().unwrap());
    assert!(fs::read_to_string(&out).unwrap().starts_with("id,at,pain"));
}

#[test]
fn bad_export_flags_are_refused_naming_the_accepted_values() {
    let home = fixture_home();
    let before = files_in(home.dir.path());
    let e = refused(&home, &["export", "--what", "notes", "--format", "csv"]);
    assert!(
        e.contains("--what") && e.contains("entries, sessions, checkins"),
        "{e}"
    );
    let e = refused(&home, &["export", "--what", "entries", "--format", "xlsx"]);
    assert!(e.contains("--format") && e.contains("csv, jsonl"), "{e}");
    let e = refused(
        &home,
        &[
            "export",
            "--what",
            "entries",
            "--format",
            "csv",
            "--since",
            "2026-11-30",
            "--until",
            "2026-11-01",
            "-o",
            "x.csv",
        ],
    );
    assert!(e.contains("--since"), "{e}");
    assert_eq!(files_in(home.dir.path()), before, "nothing written");
}

#[test]
fn history_lists_sessions_and_breaks_with_their_outcomes() {
    let home = fixture_home();
    let text = stdout(
        &home,
        &["history", "--since", "2026-11-16", "--until", "2026-11-16"],
    );
    assert!(text.contains("Lower back release"), "{text}");
    assert!(text.contains("Mon 16 Nov 2026"), "{text}");
    assert!(
        text.contains("break taken") || text.contains("break skipped"),
        "{text}"
    );
    assert!(!text.contains("17 Nov"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&home, &["history", "--json"])).unwrap();
    let outcomes: std::collections::BTreeSet<&str> = json["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes, ["completed", "stopped"].into());
    assert!(!json["breaks"].as_array().unwrap().is_empty());
    // The exact text, written record by record (the same bytes the JSON tree it replaced wrote).
    insta::assert_snapshot!(
        "history_json_one_day",
        stdout(
            &home,
            &[
                "history",
                "--json",
                "--since",
                "2026-11-16",
                "--until",
                "2026-11-16"
            ]
        )
    );
    let e = refused(
        &home,
        &["history", "--since", "2026-11-30", "--until", "2026-11-01"],
    );
    assert!(e.contains("--since"), "{e}");
}

#[test]
fn log_checkin_stores_the_peg_and_refuses_out_of_range_answers() {
    let home = Home::new();
    let id = stdout(
        &home,
        &[
            "log",
            "checkin",
            "--pain",
            "6",
            "--enjoyment",
            "7",
            "--activity",
            "5",
            "--at",
            "2026-11-20 09:00",
        ],
    );
    let stored = CheckinLog::new(&home.data()).load().unwrap().records;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].id, id.trim());
    assert_eq!(
        (stored[0].pain, stored[0].enjoyment, stored[0].activity),
        (6, 7, 5)
    );
    let e = refused(
        &home,
        &[
            "log",
            "checkin",
            "--pain",
            "6",
            "--enjoyment",
            "11",
            "--activity",
            "5",
        ],
    );
    assert!(
        e.contains("--enjoyment") && e.contains("0 (not at all) to 10 (completely)"),
        "{e}"
    );
    let e = refused(
        &home,
        &["log", "checkin", "--pain", "6", "--enjoyment", "1"],
    );
    assert!(e.contains("--activity"), "{e}");
    let e = refused(
        &home,
        &[
            "log",
            "checkin",
            "--pain",
            "6",
            "--enjoyment",
            "1",
            "--activity",
            "1",
            "--at",
            "2999-01-01",
        ],
    );
    assert!(e.contains("future"), "{e}");
    assert_eq!(
        CheckinLog::new(&home.data()).load().unwrap().records.len(),
        1,
        "nothing more written"
    );
}

#[test]
fn open_says_why_when_the_opener_fails_and_nothing_when_it_succeeds() {
    let home = fixture_home();
    let bin = home.dir.path().join("bin");
    fs::create_dir_all(&bin).unwrap();
    let opener = bin.join("xdg-open");
    let run = |script: &str| {
        fs::write(&opener, script).unwrap();
        fs::set_permissions(&opener, fs::Permissions::from_mode(0o755)).unwrap();
        let out = home
            .cmd()
            .current_dir(home.dir.path())
            .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
            .args(["report", "--open", "-o", "r.html"])
            .assert()
            .success();
        let o = out.get_output();
        (
            String::from_utf8(o.stdout.clone()).unwrap(),
            String::from_utf8(o.stderr.clone()).unwrap(),
        )
    };
    // No browser: xdg-open exits 3. The path is printed, and why it was not opened.
    let (stdout, stderr) = run("#!/bin/sh\nexit 3\n");
    assert_eq!(stdout.trim(), "r.html");
    assert!(
        stderr.contains("could not open it: xdg-open failed (exit status: 3)"),
        "{stderr}"
    );
    let (_, stderr) = run("#!/bin/sh\nexit 0\n");
    assert!(!stderr.contains("could not open"), "{stderr}");
}
