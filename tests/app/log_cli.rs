//! `knotless log` as a user meets it: every bad input refused with nothing written, the JSON
//! listing, deletes, damaged files, permissions and two writers at once.

use crate::common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use assert_cmd::Command;
use common::cli::Home;
use serde_json::Value;

impl Home {
    fn list(&self) -> Vec<Value> {
        let out = self
            .cmd()
            .args(["log", "list", "--json"])
            .assert()
            .success();
        serde_json::from_slice(&out.get_output().stdout).unwrap()
    }

    /// Runs `log add` with bad arguments: exit 2, the message names `flag` and `accepted`, and
    /// nothing is written.
    fn refused(&self, args: &[&str], flag: &str, accepted: &str) {
        let before = fs::read(self.log_file()).ok();
        let out = self.cmd().args(["log", "add"]).args(args).assert().code(2);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(stderr.contains(flag), "{args:?} names {flag}: {stderr}");
        assert!(
            stderr.contains(accepted),
            "{args:?} lists {accepted}: {stderr}"
        );
        assert_eq!(
            fs::read(self.log_file()).ok(),
            before,
            "{args:?} wrote nothing"
        );
    }
}

#[test]
fn add_then_list_json_gives_the_entry_with_every_field() {
    let home = Home::new();
    let id = home.add(&[
        "--pain",
        "6",
        "--at",
        "2026-11-24T09:30:00+01:00",
        "--onset",
        "gradual",
        "--area",
        "lower-back-left",
        "--area",
        "leg-left",
        "--symptom",
        "knot",
        "--symptom",
        "shooting-pain",
        "--deny",
        "saddle-numbness",
        "--deny",
        "bladder-change",
        "--trigger",
        "sitting",
        "--relief",
        "heat",
        "--note",
        "worse after the long drive",
    ]);
    assert_eq!(id.len(), 26, "{id}");
    let list = home.list();
    assert_eq!(list.len(), 1);
    let e = &list[0];
    assert_eq!(e["id"], id.as_str());
    assert_eq!(e["at"], "2026-11-24T09:30:00+01:00");
    assert_eq!(e["pain"], 6);
    assert_eq!(e["onset"], "gradual");
    assert_eq!(
        e["areas"],
        serde_json::json!(["lower-back-left", "leg-left"])
    );
    assert_eq!(e["symptoms"], serde_json::json!(["knot", "shooting-pain"]));
    assert_eq!(
        e["denied"],
        serde_json::json!(["saddle-numbness", "bladder-change"])
    );
    assert_eq!(e["triggers"], serde_json::json!(["sitting"]));
    assert_eq!(e["relief"], serde_json::json!(["heat"]));
    assert_eq!(e["note"], "worse after the long drive");
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&home.log_file()), 0o600);
    assert_eq!(mode(&home.data()), 0o700);
}

#[test]
fn list_is_in_time_order_and_filters_by_date() {
    let home = Home::new();
    home.add(&["--pain", "2", "--at", "2026-11-22 10:00"]);
    home.add(&["--pain", "5", "--at", "2026-11-20 08:00"]);
    home.add(&["--pain", "7", "--at", "2026-11-21 23:59"]);
    let pains: Vec<u64> = home
        .list()
        .iter()
        .map(|e| e["pain"].as_u64().unwrap())
        .collect();
    assert_eq!(pains, vec![5, 7, 2]);
    let out = home
        .cmd()
        .args([
            "log",
            "list",
            "--json",
            "--since",
            "2026-11-21",
            "--until",
            "2026-11-21",
        ])
        .assert()
        .success();
    let list: Vec<Value> = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["pain"], 7);
    let table = home.cmd().args(["log", "list"]).assert().success();
    let table = String::from_utf8_lossy(&table.get_output().stdout).to_string();
    assert!(table.lines().next().unwrap().contains("PAIN"), "{table}");
    assert!(table.contains("2026-11-21 23:59"), "{table}");
}

#[test]
fn every_bad_input_is_refused_naming_the_flag_and_accepted_values() {
    let home = Home::new();
    home.add(&["--pain", "4"]);
    home.refused(&["--pain", "11"], "--pain", "from 0 (no pain) to 10");
    home.refused(&["--pain", "-1"], "--pain", "from 0 (no pain) to 10");
    home.refused(&["--pain", "six"], "--pain", "from 0 (no pain) to 10");
    home.refused(&[], "--pain", "required");
    home.refused(
        &["--pain", "3", "--area", "elbow"],
        "--area",
        "lower-back, lower-back-left",
    );
    home.refused(
        &["--pain", "3", "--symptom", "itch"],
        "--symptom",
        "knot, stiffness",
    );
    home.refused(
        &["--pain", "3", "--deny", "nope"],
        "--deny",
        "saddle-numbness",
    );
    home.refused(
        &["--pain", "3", "--trigger", "cold"],
        "--trigger",
        "sitting, standing",
    );
    home.refused(
        &["--pain", "3", "--relief", "yoga"],
        "--relief",
        "heat, stretching",
    );
    home.refused(
        &["--pain", "3", "--onset", "slow"],
        "--onset",
        "sudden, gradual",
    );
    home.refused(&["--pain", "3", "--at", "yesterday"], "--at", "RFC 3339");
    home.refused(&["--pain", "3", "--at", "2026-02-30"], "--at", "RFC 3339");
    home.refused(
        &["--pain", "3", "--at", "2999-01-01"],
        "--at",
        "in the future",
    );
    home.refused(
        &["--pain", "3", "--symptom", "numbness", "--deny", "numbness"],
        "--deny",
        "numbness",
    );
    home.refused(
        &[
            "--pain",
            "3",
            "--symptom",
            "saddle-numbness",
            "--deny",
            "saddle-numbness",
        ],
        "--symptom saddle-numbness and --deny saddle-numbness",
        "one of them",
    );
    home.refused(
        &["--pain", "3", "--colour", "red"],
        "--colour",
        "unexpected argument",
    );
    assert_eq!(home.list().len(), 1);
}

#[test]
fn rm_deletes_by_id_or_a_unique_prefix_and_refuses_unknown_ids() {
    let home = Home::new();
    let a = home.add(&["--pain", "3", "--at", "2026-11-20"]);
    let b = home.add(&["--pain", "4", "--at", "2026-11-21"]);
    home.cmd().args(["log", "rm", &a]).assert().success();
    let out = home
        .cmd()
        .args(["log", "rm", "NOSUCHID00"])
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("no entry with id"));
    home.cmd().args(["log", "rm", &b[..20]]).assert().success();
    assert!(home.list().is_empty());
    home.cmd().args(["log", "rm", &a]).assert().code(2);
}

#[test]
fn a_torn_last_line_and_a_garbage_middle_line_keep_every_other_entry() {
    let home = Home::new();
    home.add(&["--pain", "1", "--at", "2026-11-20"]);
    let mut text = fs::read_to_string(home.log_file()).unwrap();
    text.push_str("this is not json\n");
    fs::write(home.log_file(), &text).unwrap();
    home.add(&["--pain", "2", "--at", "2026-11-21"]);
    let mut text = fs::read_to_string(home.log_file()).unwrap();
    text.push_str("{\"id\":\"01TORN\",\"at\":\"2026-11-22T0"); // crash mid-write
    fs::write(home.log_file(), &text).unwrap();

    let out = home
        .cmd()
        .args(["log", "list", "--json"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("line 2") && stderr.contains("line 4"),
        "{stderr}"
    );
    let list: Vec<Value> = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(list.len(), 2);

    home.add(&["--pain", "3", "--at", "2026-11-23"]);
    let pains: Vec<u64> = home
        .list()
        .iter()
        .map(|e| e["pain"].as_u64().unwrap())
        .collect();
    assert_eq!(pains, vec![1, 2, 3], "the next add lands on its own line");
    let aside = fs::read_to_string(home.data().join("symptoms.jsonl.rejected")).unwrap();
    assert_eq!(
        aside,
        "this is not json\n{\"id\":\"01TORN\",\"at\":\"2026-11-22T0\n"
    );
}

#[test]
fn an_unwritable_data_dir_fails_cleanly_and_loses_nothing() {
    let home = Home::new();
    home.add(&["--pain", "5", "--at", "2026-11-20"]);
    let before = fs::read(home.log_file()).unwrap();
    fs::set_permissions(home.dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(home.data(), fs::Permissions::from_mode(0o555)).unwrap();
    fs::set_permissions(home.log_file(), fs::Permissions::from_mode(0o444)).unwrap();
    // Root ignores permissions, so run as an unprivileged user when we are root.
    let bin = assert_cmd::cargo::cargo_bin("knotless");
    let mut cmd = if unsafe_is_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        Command::new(&bin)
    };
    cmd.env("KNOTLESS_DATA_DIR", home.data())
        .env("KNOTLESS_CONFIG", home.dir.path().join("config.toml"));
    let out = cmd.args(["log", "add", "--pain", "3"]).assert().code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("symptoms.jsonl") && stderr.contains("ermission denied"),
        "{stderr}"
    );
    assert_eq!(
        fs::read(home.log_file()).unwrap(),
        before,
        "nothing lost or changed"
    );
    fs::set_permissions(home.data(), fs::Permissions::from_mode(0o700)).unwrap();
}

fn unsafe_is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

#[test]
fn two_processes_appending_at_once_lose_nothing() {
    let home = Home::new();
    let bin = assert_cmd::cargo::cargo_bin("knotless");
    let script = format!(
        "for i in $(seq 1 300); do {} log add --pain $((i % 11)) --at 2026-11-20 --note \"writer $1 $i\" >/dev/null || exit 1; done",
        bin.display()
    );
    let spawn = |writer: &str| {
        std::process::Command::new("bash")
            .args(["-c", &script, "writer", writer])
            .env("KNOTLESS_DATA_DIR", home.data())
            .env("KNOTLESS_CONFIG", home.dir.path().join("config.toml"))
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (spawn("A"), spawn("B"));
    assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
    let list = home.list();
    assert_eq!(list.len(), 600);
    let ids: std::collections::HashSet<&str> =
        list.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 600, "every id unique");
    let text = fs::read_to_string(home.log_file()).unwrap();
    assert_eq!(text.lines().count(), 600);
    assert!(!home.data().join("symptoms.jsonl.rejected").exists());
}

#[test]
fn a_note_with_control_or_bidi_characters_is_listed_with_them_made_visible() {
    let home = Home::new();
    // An escape sequence that would clear the screen, and a right-to-left override.
    home.add(&["--pain", "3", "--note", "a\u{1b}[2Jb \u{202E}kcab"]);
    let out = home.cmd().args(["log", "list"]).assert().success();
    let table = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(table.contains("a\\x1b[2Jb \\u{202e}kcab"), "{table}");
    assert!(
        !table.contains('\u{1b}') && !table.contains('\u{202E}'),
        "{table}"
    );
    // The JSON keeps the note as written.
    assert_eq!(home.list()[0]["note"], "a\u{1b}[2Jb \u{202E}kcab");
}
