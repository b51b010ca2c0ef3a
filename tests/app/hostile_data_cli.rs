//! Hostile sizes: a note over the cap is refused at entry; a huge note edited into the file by
//! hand is laid out only as far as it can be shown.

use crate::common;

use std::fs;

use common::Harness;
use common::cli::Home;
use knotless::routine::Library;
use knotless::tui::Msg;

#[test]
fn a_note_over_ten_thousand_characters_is_refused_and_nothing_is_written() {
    let home = Home::new();
    let long = "a".repeat(10_001);
    let out = home
        .cmd()
        .args(["log", "add", "--pain", "3", "--note", &long])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("at most 10,000"), "{err}");
    assert!(!home.log_file().exists());
    home.add(&["--pain", "3", "--note", &"a".repeat(10_000)]);
}

#[test]
fn a_huge_note_from_the_file_shows_cut_and_the_app_stays_usable() {
    let dir = tempfile::tempdir().unwrap();
    // 1 MB, a hundred times the limit of `log add`; a line over 1 MiB is set aside unread
    // (store::MAX_LINE, issue 19 item 12).
    let note = "word ".repeat(200_000);
    let line = serde_json::json!({
        "id": "01KHUGE0000000000000000000",
        "at": "2026-11-24T08:00:00+01:00",
        "pain": 3,
        "note": note,
    });
    fs::write(dir.path().join("symptoms.jsonl"), format!("{line}\n")).unwrap();
    let mut h = Harness::in_dir(Library::load(&[]), None, dir);
    h.send(&[Msg::Tab]);
    for _ in 0..5 {
        let screen = h.screen(200, 60);
        assert!(screen.contains("“word word"), "{screen}");
    }
}

#[test]
fn no_frame_carries_a_control_or_bidi_character_from_a_file() {
    let routines = tempfile::tempdir().unwrap();
    fs::write(
        routines.path().join("evil.toml"),
        "name = \"Evil \\u202Eeman\\u009B\"\nkind = \"stretch\"\nsummary = \"x\\u200By\"\n[[steps]]\nname = \"a\\u202Eb\"\nhold = \"10s\"\ncue = \"c\\u2066d\"\n",
    )
    .unwrap();
    let library = Library::load(&[routines.path().to_path_buf()]);
    assert!(library.broken.is_empty(), "{:?}", library.broken);
    let mut h = Harness::with_library(library, None);
    let index = h
        .app
        .list_entries()
        .iter()
        .position(|e| matches!(e, knotless::tui::Entry::Routine(i) if h.app.library.routines[*i].id == "evil"))
        .unwrap();
    h.app.routines.selected = index;
    let screen = h.screen(120, 40);
    assert!(screen.contains("Evil \\u{202e}eman"), "{screen}");
    let unsafe_char = |c: char| c != '\n' && knotless::text::is_unsafe(c);
    assert!(!screen.chars().any(unsafe_char), "{screen}");
    h.send(&[Msg::Confirm, Msg::Confirm, Msg::Skip]);
    for (w, ht) in [(120, 40), (40, 12)] {
        let screen = h.screen(w, ht);
        let unsafe_char = |c: char| c != '\n' && knotless::text::is_unsafe(c);
        assert!(!screen.chars().any(unsafe_char), "{screen}");
    }
}
