//! Taking an acknowledgement back in the app (`u` on a muted flag), the same store as
//! `knotless flags unack`.

mod common;

use chrono::Duration;
use common::Harness;
use knotless::routine::Library;
use knotless::symptoms::{SymptomEntry, SymptomLog};
use knotless::tui::Msg;
use knotless::vocabulary::IdSet;

fn fever_yesterday() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let now: chrono::DateTime<chrono::FixedOffset> = "2026-11-24T18:30:00+01:00".parse().unwrap();
    SymptomLog::new(dir.path())
        .save(&SymptomEntry {
            id: "01KUNDO0000000000000000000".into(),
            at: now - Duration::days(1),
            pain: 5,
            onset: None,
            areas: IdSet::of(&["lower-back"]),
            symptoms: IdSet::of(&["fever"]),
            denied: IdSet::new(),
            triggers: IdSet::new(),
            relief: IdSet::new(),
            note: String::new(),
        })
        .unwrap();
    dir
}

#[test]
fn u_takes_back_an_acknowledgement_and_the_flag_shows_again() {
    let mut h = Harness::in_dir(Library::load(&[]), None, fever_yesterday());
    h.send(&[Msg::Flags]);
    let footer = h.screen(80, 24);
    assert!(footer.contains("I have had this checked"), "{footer}");
    assert!(!footer.contains("take back"), "nothing to take back yet");
    // `u` on an active flag does nothing.
    h.send(&[Msg::Undo]);
    assert_eq!(h.app.flags.active.len(), 1);

    h.send(&[Msg::Checked, Msg::Yes]);
    assert_eq!(h.app.flags.acknowledged.len(), 1);
    let screen = h.screen(80, 24);
    assert!(screen.contains("u take back"), "{screen}");
    assert!(
        !screen.contains("c I have had"),
        "c is not offered on a muted flag: {screen}"
    );

    h.send(&[Msg::Undo]);
    assert_eq!(h.app.flags.active.len(), 1, "active again");
    assert!(h.app.flags.acknowledged.is_empty());
    assert_eq!(h.app.selected_flag().unwrap().rule.id, "fever");
    assert!(h.screen(80, 24).lines().next().unwrap().contains("URGENT"));

    // On disk: the acknowledgement and its tombstone; a new app agrees.
    let acks = std::fs::read_to_string(h.dir().join("acks.jsonl")).unwrap();
    assert_eq!(acks.lines().count(), 2, "{acks}");
    assert!(acks.lines().nth(1).unwrap().contains(r#""deleted":true"#));
    let again = Harness::in_dir(Library::load(&[]), None, {
        let dir = tempfile::tempdir().unwrap();
        for f in ["symptoms.jsonl", "acks.jsonl"] {
            std::fs::copy(h.dir().join(f), dir.path().join(f)).unwrap();
        }
        dir
    });
    assert_eq!(again.app.flags.active.len(), 1);
}
