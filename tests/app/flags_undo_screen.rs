//! Taking an acknowledgement back in the app (`u` on a muted flag), the same store as
//! `knotless flags unack`.

use crate::common;

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
            edited: None,
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

/// An edit made after an acknowledgement that changes what the rules read is new evidence: the
/// flag shows again. One that only changes the note is not.
#[test]
fn an_edit_after_the_acknowledgement_raises_the_flag_again_unless_only_the_note_changed() {
    let mut h = Harness::in_dir(Library::load(&[]), None, fever_yesterday());
    h.send(&[Msg::Flags, Msg::Checked, Msg::Yes]);
    assert_eq!(h.app.flags.acknowledged.len(), 1);
    // A minute later, the note of that entry is filled in: still muted.
    h.now.wall += Duration::minutes(1);
    h.send(&[Msg::Tab, Msg::Tab, Msg::Edit]);
    let typing = "x".chars().map(|c| {
        Msg::Text(ratatui::crossterm::event::KeyEvent::from(
            ratatui::crossterm::event::KeyCode::Char(c),
        ))
    });
    // The note is the last section: back-tab from the first reaches it.
    h.send(&[Msg::BackTab]);
    h.send(&typing.collect::<Vec<_>>());
    h.send(&[Msg::Save]);
    assert_eq!(h.app.log.entries[0].note, "x", "the note was saved");
    assert_eq!(h.app.flags.acknowledged.len(), 1, "a note is nothing new");
    assert!(h.app.flags.active.is_empty());
    // Then its pain is raised (to 7: 8 with no onset given would raise severe pain as well):
    // written after the acknowledgement, so the flag is back.
    h.now.wall += Duration::minutes(1);
    h.send(&[Msg::Edit, Msg::Digit(7), Msg::Save]);
    assert_eq!(h.app.log.entries[0].pain, 7);
    assert_eq!(h.app.flags.active.len(), 1, "raised again by the edit");
    assert_eq!(h.app.flags.active[0].rule.id, "fever");
    let line = std::fs::read_to_string(h.dir().join("symptoms.jsonl")).unwrap();
    assert!(
        line.lines()
            .last()
            .unwrap()
            .contains(r#""edited":"2026-11-24T18:32:00+01:00""#),
        "{line}"
    );
    // Read back by a new app: the same.
    assert_eq!(h.beside().app.flags.active.len(), 1);
}

fn follow_acks(h: &mut Harness) {
    let paths = knotless::paths::Paths {
        data_dir: h.dir().to_path_buf(),
        config_file: h.dir().join("config.toml"),
        extra_routine_dirs: Vec::new(),
        cache_dir: None,
    };
    let (changed, now) = (vec![h.dir().join("acks.jsonl")], h.now);
    h.app.follow_files(&paths, &changed, now);
}

/// Two windows asked "have you had this checked?" of one flag: the second yes writes nothing,
/// whether the first's acknowledgement was followed in before the answer or not.
#[test]
fn a_yes_after_another_window_acknowledged_the_flag_writes_no_second_acknowledgement() {
    for followed in [true, false] {
        let mut a = Harness::in_dir(Library::load(&[]), None, fever_yesterday());
        let mut b = a.beside();
        a.send(&[Msg::Flags, Msg::Checked]);
        b.send(&[Msg::Flags, Msg::Checked, Msg::Yes]);
        if followed {
            follow_acks(&mut a);
        }
        a.send(&[Msg::Yes]);
        let acks = std::fs::read_to_string(a.dir().join("acks.jsonl")).unwrap();
        assert_eq!(acks.lines().count(), 1, "followed {followed}: {acks}");
        let screen = a.screen(100, 30);
        assert!(
            screen.contains("Already marked as checked"),
            "followed {followed}: {screen}"
        );
        assert_eq!(a.app.flags.acknowledged.len(), 1, "muted in A too");
        // And one `u` then brings it back everywhere.
        a.send(&[Msg::Undo]);
        let fresh = Harness::in_dir(Library::load(&[]), None, {
            let dir = tempfile::tempdir().unwrap();
            for f in ["symptoms.jsonl", "acks.jsonl"] {
                std::fs::copy(a.dir().join(f), dir.path().join(f)).unwrap();
            }
            dir
        });
        assert_eq!(fresh.app.flags.active.len(), 1, "followed {followed}");
    }
}
