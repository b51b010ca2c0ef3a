//! End to end in tmux: a deleted log entry comes back with `u`, on screen and in the file.

mod common;

use std::path::Path;
use std::process::Command;

use common::tmux::{Tmux, command};

fn knotless(home: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_knotless"))
        .args(args)
        .env("KNOTLESS_DATA_DIR", home.join("data"))
        .env("KNOTLESS_CONFIG", home.join("config/config.toml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn entries(home: &Path) -> usize {
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&knotless(home, &["log", "list", "--json"])).unwrap();
    list.len()
}

#[test]
fn undo_puts_a_deleted_entry_back() {
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(80, 24, &command(home.path(), ""));
    knotless(
        home.path(),
        &[
            "log",
            "add",
            "--pain",
            "5",
            "--note",
            "after the long drive",
        ],
    );
    tmux.wait_for("Stretches");
    tmux.keys(&["Tab"]);
    tmux.wait_for("1 of 1 entries");
    tmux.keys(&["d"]);
    tmux.wait_for("Delete this entry?");
    tmux.keys(&["y"]);
    tmux.wait_for("u puts it back");
    assert_eq!(entries(home.path()), 0, "deleted on disk");
    tmux.keys(&["u"]);
    let screen = tmux.wait_for("Put back.");
    assert!(screen.contains("1 of 1 entries"), "{screen}");
    assert!(screen.contains("after the long drive"), "{screen}");
    assert_eq!(entries(home.path()), 1, "back on disk");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
}
