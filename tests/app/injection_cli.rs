//! Terminal injection through the command line: notes, routine names, config values, rule texts
//! and TOML lines carrying OSC, CSI, C1 and bidi characters are shown escaped by every text
//! command (stdout and stderr); JSON keeps them exactly.

use crate::common;

use std::fs;

use common::cli::Home;

/// An OSC retitle, a CSI clear screen, a C1 CSI, a carriage return and a right-to-left override.
const HOSTILE: &str = "x\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\rID\u{202e}kcab";
/// The same, as a TOML basic string's contents.
const HOSTILE_TOML: &str = "x\\u001B]0;pwned\\u0007\\u001B[2J\\u009B31m\\rID\\u202Ekcab";

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\r', '\u{202e}'] {
        assert!(!text.contains(bad), "{what} printed {:?} raw:\n{text}", bad);
    }
}

fn run(home: &Home, args: &[&str]) -> (Vec<u8>, Vec<u8>) {
    let out = home.cmd().args(args).output().unwrap();
    (out.stdout, out.stderr)
}

#[test]
fn every_text_command_escapes_what_came_from_files_and_arguments() {
    let home = Home::new();
    fs::write(
        home.config(),
        format!("emergency_number = \"{HOSTILE_TOML}\"\n"),
    )
    .unwrap();
    fs::write(
        home.dir.path().join("red-flags.toml"),
        format!(
            "[[rules]]\nid = \"mine\"\nlevel = \"soon\"\ntitle = \"{HOSTILE_TOML}\"\naction = \"Book a doctor's appointment. {HOSTILE_TOML}\"\nwhy = \"{HOSTILE_TOML}\"\nsources = [\"{HOSTILE_TOML}\"]\n[rules.when]\npain_at_least = 1\n"
        ),
    )
    .unwrap();
    let routines = home.dir.path().join("mine");
    fs::create_dir(&routines).unwrap();
    fs::write(
        routines.join("evil.toml"),
        format!(
            "name = \"{HOSTILE_TOML}\"\nkind = \"stretch\"\n[[steps]]\nname = \"a\"\nhold = \"10s\"\n"
        ),
    )
    .unwrap();
    // A raw escape in a broken file: the snippet of the line must not carry it.
    fs::write(
        routines.join("broken.toml"),
        format!("name = \"b\"\nkind = \"stretch\" {HOSTILE}\n"),
    )
    .unwrap();
    home.add(&["--pain", "3", "--symptom", "chest-pain", "--note", HOSTILE]);
    // A line nobody can read, holding escapes, for the load warning.
    let mut log = fs::read_to_string(home.log_file()).unwrap();
    log.push_str(&format!("{HOSTILE}\n"));
    fs::write(home.log_file(), log).unwrap();

    let dir = routines.to_str().unwrap();
    for args in [
        &["log", "list"][..],
        &["flags"][..],
        &["config"][..],
        &["routines", "--routines", dir][..],
        &["check", dir][..],
        &["log", "rm", HOSTILE][..],
        &["flags", "ack", HOSTILE][..],
    ] {
        let (out, err) = run(&home, args);
        assert_clean(&format!("{args:?} stdout"), &out);
        assert_clean(&format!("{args:?} stderr"), &err);
    }

    // JSON keeps every character exactly.
    let (out, _) = run(&home, &["log", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(list[0]["note"], HOSTILE);
    let (out, _) = run(&home, &["routines", "--json", "--routines", dir]);
    let routines: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(
        routines
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["name"] == HOSTILE),
        "{routines}"
    );
    let (out, _) = run(&home, &["flags", "--json"]);
    let flags: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(
        flags["flags"][0]["action"]
            .as_str()
            .unwrap()
            .contains(HOSTILE)
    );

    // What `config` prints parses back to the same value.
    let (out, _) = run(&home, &["config"]);
    let printed = String::from_utf8(out).unwrap();
    let value: toml::Table = toml::from_str(&printed).unwrap();
    assert_eq!(value["emergency_number"].as_str(), Some(HOSTILE));
}
