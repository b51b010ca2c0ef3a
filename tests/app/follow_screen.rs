//! The open app follows the files by their tails: what another process appends shows (an edit
//! replaces its entry, a deletion removes it), the app's own lines read back change nothing, a
//! file replaced whole is read whole, and the flags take in what arrived.

use std::path::PathBuf;

use knotless::paths::Paths;
use knotless::symptoms::{SymptomEntry, SymptomLog};

use crate::common;
use common::Harness;

fn paths(h: &Harness) -> Paths {
    Paths {
        data_dir: h.data.path().to_path_buf(),
        config_file: h.data.path().join("config.toml"),
        extra_routine_dirs: Vec::new(),
        cache_dir: None,
    }
}

fn entry(id: &str, at: &str, pain: u8, symptoms: &str) -> SymptomEntry {
    serde_json::from_str(&format!(
        r#"{{"id":"{id}","at":"{at}","pain":{pain},"symptoms":[{symptoms}]}}"#
    ))
    .unwrap()
}

fn log_file(h: &Harness) -> PathBuf {
    h.data.path().join("symptoms.jsonl")
}

fn follow(h: &mut Harness) {
    let (paths, file, now) = (paths(h), log_file(h), h.now);
    h.app.follow_files(&paths, &[file], now);
}

fn pains(h: &Harness) -> Vec<(String, u8)> {
    h.app
        .log
        .entries
        .iter()
        .map(|e| (e.id[24..].to_owned(), e.pain))
        .collect()
}

const A: &str = "01JD00000000000000000000AA";
const B: &str = "01JD00000000000000000000BB";

#[test]
fn entries_added_edited_and_deleted_elsewhere_show_in_the_open_app() {
    let mut h = Harness::new(None);
    let log = SymptomLog::new(h.data.path());
    log.save(&entry(A, "2026-11-24T09:00:00+01:00", 3, ""))
        .unwrap();
    follow(&mut h);
    assert_eq!(pains(&h), [("AA".into(), 3)]);
    // An earlier entry arrives after a later one: the log stays in time order.
    log.save(&entry(B, "2026-11-23T09:00:00+01:00", 5, ""))
        .unwrap();
    log.save(&entry(A, "2026-11-24T09:00:00+01:00", 4, ""))
        .unwrap();
    follow(&mut h);
    assert_eq!(
        pains(&h),
        [("BB".into(), 5), ("AA".into(), 4)],
        "the edit replaced"
    );
    log.delete(B).unwrap();
    follow(&mut h);
    assert_eq!(pains(&h), [("AA".into(), 4)], "the deletion removed");
}

#[test]
fn a_change_to_another_file_leaves_the_log_unread() {
    let mut h = Harness::new(None);
    let log = SymptomLog::new(h.data.path());
    log.save(&entry(A, "2026-11-24T09:00:00+01:00", 3, ""))
        .unwrap();
    let (paths, now) = (paths(&h), h.now);
    let acks = h.data.path().join("acks.jsonl");
    h.app.follow_files(&paths, &[acks], now);
    assert!(pains(&h).is_empty(), "only the files named are read");
    h.app.follow_files(&paths, &[], now);
    assert_eq!(pains(&h).len(), 1, "no names: everything is read");
}

#[test]
fn our_own_entry_read_back_is_not_doubled() {
    let mut h = Harness::new(None);
    let log = SymptomLog::new(h.data.path());
    let own = entry(A, "2026-11-24T09:00:00+01:00", 3, "");
    // As the form does: written, and in memory at once.
    log.save(&own).unwrap();
    h.app.log.entries.push(own);
    follow(&mut h);
    follow(&mut h);
    assert_eq!(pains(&h), [("AA".into(), 3)]);
}

#[test]
fn a_log_replaced_whole_is_read_whole() {
    let mut h = Harness::new(None);
    let log = SymptomLog::new(h.data.path());
    log.save(&entry(A, "2026-11-24T09:00:00+01:00", 3, ""))
        .unwrap();
    log.save(&entry(B, "2026-11-24T10:00:00+01:00", 6, ""))
        .unwrap();
    follow(&mut h);
    // A sync tool puts another copy in its place: only B, and it is longer than before.
    let copy = h.data.path().join("symptoms.jsonl.sync");
    let b = serde_json::to_string(&entry(B, "2026-11-24T10:00:00+01:00", 2, r#""knot""#)).unwrap();
    let padding = " ".repeat(400);
    std::fs::write(&copy, format!("{b}{padding}\n")).unwrap();
    std::fs::rename(&copy, log_file(&h)).unwrap();
    follow(&mut h);
    assert_eq!(pains(&h), [("BB".into(), 2)]);
}

#[test]
fn an_emergency_appended_elsewhere_raises_its_flag_and_a_near_miss_does_not() {
    let mut h = Harness::new(None);
    let log = SymptomLog::new(h.data.path());
    // The nearest miss: numbness in one leg is not the saddle.
    log.save(&entry(A, "2026-11-24T17:00:00+01:00", 4, r#""numbness""#))
        .unwrap();
    follow(&mut h);
    assert!(
        !h.app
            .flags
            .active
            .iter()
            .any(|f| f.rule.id.contains("saddle")),
        "{:?}",
        h.app
            .flags
            .active
            .iter()
            .map(|f| &f.rule.id)
            .collect::<Vec<_>>()
    );
    log.save(&entry(
        B,
        "2026-11-24T18:00:00+01:00",
        4,
        r#""saddle-numbness""#,
    ))
    .unwrap();
    follow(&mut h);
    assert!(
        h.app
            .flags
            .active
            .iter()
            .any(|f| f.rule.level == knotless::flags::Level::Emergency),
        "the emergency is raised"
    );
}

#[test]
fn a_check_in_written_elsewhere_is_read_once_and_a_deleted_one_goes() {
    let mut h = Harness::new(None);
    let before = h.app.appointment.checkins.len();
    let file = h.data.path().join(knotless::checkins::FILE);
    let line = r#"{"id":"01KCHECKIN0000000000000002","at":"2026-11-24T12:00:00+01:00","pain":5,"enjoyment":4,"activity":4}"#;
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}{line}\n")).unwrap();
    let (paths, now) = (paths(&h), h.now);
    h.app.follow_files(&paths, std::slice::from_ref(&file), now);
    h.app.follow_files(&paths, std::slice::from_ref(&file), now);
    assert_eq!(
        h.app.appointment.checkins.len(),
        before + 1,
        "once, not twice"
    );
    let tombstone = r#"{"id":"01KCHECKIN0000000000000002","deleted":true}"#;
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}{tombstone}\n")).unwrap();
    h.app.follow_files(&paths, std::slice::from_ref(&file), now);
    assert_eq!(h.app.appointment.checkins.len(), before);
}
