//! The workspace's load: every store once, problems named by file, a missing folder empty.

use std::fs;

use chrono::{DateTime, FixedOffset};

use super::*;

fn paths(dir: &std::path::Path) -> Paths {
    Paths {
        data_dir: dir.join("data"),
        config_file: dir.join("config").join("config.toml"),
        extra_routine_dirs: Vec::new(),
        cache_dir: None,
    }
}

fn now() -> DateTime<FixedOffset> {
    "2026-11-25T20:00:00+01:00".parse().unwrap()
}

fn shown(p: &Problem) -> String {
    match p {
        Problem::Data { warning, .. } => warning.clone(),
        Problem::Unreadable { error, .. } => error.to_string(),
        Problem::Config(d) | Problem::Rules(d) => d.to_string(),
        Problem::Programme { label, headline } => format!("{label}: {headline}"),
    }
}

#[test]
fn a_missing_folder_is_empty_with_no_problems() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::load(&paths(dir.path()), now().date_naive());
    assert!(ws.problems.is_empty(), "{:?}", ws.problems);
    assert!(ws.entries.is_empty() && ws.sessions.is_empty() && ws.checkins.is_empty());
    assert!(ws.acks.is_empty() && ws.programme.is_empty());
    assert!(!ws.library.routines.is_empty(), "the bundled routines");
    assert!(!dir.path().join("data").exists(), "loading creates nothing");
}

#[test]
fn every_problem_names_its_file_and_the_rest_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let p = paths(dir.path());
    fs::create_dir_all(&p.data_dir).unwrap();
    fs::create_dir_all(p.config_file.parent().unwrap()).unwrap();
    let entry = r#"{"id":"01JD0000000000000000000000","at":"2026-11-24T09:30:00+01:00","pain":3}"#;
    fs::write(
        p.data_dir.join("symptoms.jsonl"),
        format!("{entry}\nnot json\n"),
    )
    .unwrap();
    fs::write(p.data_dir.join("checkins.jsonl"), "{broken\n").unwrap();
    fs::create_dir(p.data_dir.join("acks.jsonl")).unwrap();
    fs::write(&p.config_file, "no_such_setting = 1\n").unwrap();
    fs::write(p.red_flags_file(), "[[flag]]\nnonsense = true\n").unwrap();
    let ws = Workspace::load(&p, now().date_naive());
    let words: Vec<String> = ws.problems.iter().map(shown).collect();
    let named = |file: &str| words.iter().any(|w| w.contains(file));
    for file in [
        "config.toml",
        "red-flags.toml",
        "symptoms.jsonl",
        "checkins.jsonl",
        "acks.jsonl",
    ] {
        assert!(named(file), "{file} not named in {words:#?}");
    }
    assert!(matches!(ws.problems[0], Problem::Config(_)), "config first");
    assert_eq!(ws.entries.len(), 1, "the good line is kept");
    assert_eq!(ws.rejected.len(), 1);
    assert!(!ws.rules.rules.is_empty(), "the bundled rules apply");
}

#[test]
fn only_the_parts_asked_for_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = paths(dir.path());
    fs::create_dir_all(&p.data_dir).unwrap();
    fs::write(p.data_dir.join("history.jsonl"), "not json\n").unwrap();
    let ws = Workspace::load_parts(&p, now().date_naive(), Parts::FLAGS);
    assert!(
        ws.problems.is_empty(),
        "history is not read: {:?}",
        ws.problems
    );
    let ws = Workspace::load(&p, now().date_naive());
    assert!(!ws.problems.is_empty());
    assert!(
        ws.problems
            .iter()
            .all(|p| shown(p).contains("history.jsonl"))
    );
}

fn entry(id: &str, at: &str, pain: u8) -> SymptomEntry {
    serde_json::from_str(&format!(r#"{{"id":"{id}","at":"{at}","pain":{pain}}}"#)).unwrap()
}

#[test]
fn a_severe_rating_offers_the_flare_plan_and_a_mild_one_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::load(&paths(dir.path()), now().date_naive());
    let mild = entry("01JD0000000000000000000001", "2026-11-25T19:00:00+01:00", 6);
    let after = ws.after_log_entry(&mild, "R1".into(), now());
    assert_eq!(after.flare, FlareStep::Nothing);
    let severe = entry("01JD0000000000000000000002", "2026-11-25T19:30:00+01:00", 7);
    let after = ws.after_log_entry(&severe, "R2".into(), now());
    assert!(
        matches!(after.flare, FlareStep::Offer { from_pain: 7, .. }),
        "{:?}",
        after.flare
    );
    assert_eq!(
        ws.entries.len(),
        2,
        "both entries are in the log, in time order"
    );
    assert_eq!(ws.entries[1].id, severe.id);
}

#[test]
fn an_entry_that_raises_an_emergency_is_in_the_flags_after_and_not_before() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::load(&paths(dir.path()), now().date_naive());
    let saddle: SymptomEntry = serde_json::from_str(
        r#"{"id":"01JD0000000000000000000003","at":"2026-11-25T19:30:00+01:00","pain":5,"symptoms":["saddle-numbness"]}"#,
    )
    .unwrap();
    let after = ws.after_log_entry(&saddle, "R".into(), now());
    let told = crate::flags::notice::told_since(Some(&after.before), &after.flags, &saddle.id);
    assert!(!told.is_empty(), "the emergency is told");
    assert!(after.before.active.is_empty());
    assert!(
        matches!(after.flare, FlareStep::Nothing),
        "no flare offer over an emergency"
    );
}

#[test]
fn the_default_period_is_ninety_days_ending_today() {
    let p = default_period(now()).unwrap();
    assert_eq!(p.since.date_naive().to_string(), "2026-08-28");
    assert_eq!(p.until.date_naive().to_string(), "2026-11-26");
}
