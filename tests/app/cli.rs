//! The command line as a user meets it: `check`, `routines`, `run` with a bad id, `--help`.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const VALID: &str = r#"name = "My morning"
kind = "stretch"
prepare = "10s"
rest = "5s"

[[steps]]
name = "Knee to chest"
hold = "30s"
sides = "left-right"

[[steps]]
name = "Cat-cow"
reps = 8
"#;

const TYPO: &str =
    "name = \"Typo\"\nkind = \"stretch\"\n\n[[steps]]\nname = \"a\"\nhodl = \"30s\"\n";

/// `knotless` with a private data dir and config, so the user's real files are never touched.
fn knotless(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("knotless").unwrap();
    cmd.env("KNOTLESS_DATA_DIR", home.join("data"))
        .env("KNOTLESS_CONFIG", home.join("config/config.toml"))
        .env("NO_COLOR", "1");
    cmd
}

#[test]
fn check_passes_on_valid_files_and_the_bundled_set() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("mine");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("my-morning.toml"), VALID).unwrap();
    let out = knotless(home.path())
        .args(["check"])
        .arg(&dir)
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("checked 1 routine file: all valid"), "{text}");
    let out = knotless(home.path()).arg("check").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.contains("all valid"),
        "every bundled routine is valid: {text}"
    );
}

#[test]
fn check_lists_every_error_with_file_line_and_column_and_exits_1() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("mine");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("ok.toml"), VALID).unwrap();
    fs::write(dir.join("typo.toml"), TYPO).unwrap();
    fs::write(
        dir.join("heat.toml"),
        "name = \"Hot\"\nkind = \"heat\"\n[[steps]]\nname = \"pack\"\nhold = \"30m\"\n",
    )
    .unwrap();
    let out = knotless(home.path())
        .arg("check")
        .arg(&dir)
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let typo = dir.join("typo.toml");
    let heat = dir.join("heat.toml");
    assert!(text.contains(&format!("{}:6:1", typo.display())), "{text}");
    assert!(text.contains("unknown field `hodl`"), "{text}");
    assert!(text.contains(&format!("{}:5:8", heat.display())), "{text}");
    assert!(text.contains("20 minutes"), "{text}");
    assert!(
        text.contains("checked 3 routine files: 2 with errors (2 errors)"),
        "{text}"
    );
}

#[test]
fn check_of_a_missing_path_is_bad_usage() {
    let home = tempfile::tempdir().unwrap();
    let out = knotless(home.path())
        .args(["check", "/no/such/routine.toml"])
        .assert()
        .code(2);
    assert!(
        stderr(&out).contains("no such file or folder"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn routines_json_lists_bundled_and_user_routines_with_planned_time() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("mine");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("my-morning.toml"), VALID).unwrap();
    fs::write(dir.join("typo.toml"), TYPO).unwrap();
    let out = knotless(home.path())
        .args(["routines", "--json", "--routines"])
        .arg(&dir)
        .assert()
        .success();
    let list: Vec<Value> = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let mine = list
        .iter()
        .find(|r| r["id"] == "my-morning")
        .expect("user routine listed");
    // prepare 10 + left 30 + switch 5 + right 30 + rest 5 + untimed reps 0
    assert_eq!(mine["total_seconds"], 80);
    assert_eq!(mine["steps"], 2);
    assert_eq!(mine["kind"], "stretch");
    assert_eq!(mine["name"], "My morning");
    assert_eq!(
        mine["source"],
        dir.join("my-morning.toml").display().to_string()
    );
    let bundled: Vec<&Value> = list.iter().filter(|r| r["source"] == "bundled").collect();
    assert!(
        bundled.len() >= 8,
        "bundled routines listed: {}",
        bundled.len()
    );
    for kind in ["stretch", "heat", "posture-break"] {
        assert!(
            bundled.iter().any(|r| r["kind"] == kind),
            "a bundled {kind} routine"
        );
    }
    assert!(
        !list.iter().any(|r| r["id"] == "typo"),
        "broken files are not listed"
    );
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("typo.toml") && stderr.contains("knotless check"),
        "{stderr}"
    );
}

#[test]
fn a_user_routine_overrides_the_bundled_one_of_the_same_id() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/routines");
    fs::create_dir_all(&dir).unwrap();
    let bundled = knotless(home.path())
        .args(["routines", "--json"])
        .assert()
        .success();
    let list: Vec<Value> = serde_json::from_slice(&bundled.get_output().stdout).unwrap();
    let id = list[0]["id"].as_str().unwrap().to_owned();
    fs::write(dir.join(format!("{id}.toml")), VALID).unwrap();
    let out = knotless(home.path())
        .args(["routines", "--json"])
        .assert()
        .success();
    let list: Vec<Value> = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let same: Vec<&Value> = list.iter().filter(|r| r["id"] == id.as_str()).collect();
    assert_eq!(same.len(), 1);
    assert_eq!(same[0]["name"], "My morning");
    assert_eq!(
        same[0]["source"],
        dir.join(format!("{id}.toml")).display().to_string()
    );
}

#[test]
fn routines_table_shows_id_name_kind_time_and_source() {
    let home = tempfile::tempdir().unwrap();
    let out = knotless(home.path()).arg("routines").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let header = text.lines().next().unwrap();
    for column in ["ID", "NAME", "KIND", "TIME", "SOURCE"] {
        assert!(header.contains(column), "{header}");
    }
    assert!(
        text.lines().skip(1).all(|l| l.ends_with("bundled")),
        "{text}"
    );
}

#[test]
fn run_with_an_unknown_id_exits_2_and_lists_the_ids() {
    let home = tempfile::tempdir().unwrap();
    let out = knotless(home.path())
        .args(["run", "no-such-routine"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("unknown routine `no-such-routine`"),
        "{stderr}"
    );
    let list = knotless(home.path())
        .args(["routines", "--json"])
        .assert()
        .success();
    let list: Vec<Value> = serde_json::from_slice(&list.get_output().stdout).unwrap();
    for r in &list {
        assert!(stderr.contains(r["id"].as_str().unwrap()), "{stderr}");
    }
    assert!(
        !home.path().join("data").exists(),
        "bad input writes nothing"
    );
}

#[test]
fn a_missing_routines_folder_is_bad_usage() {
    let home = tempfile::tempdir().unwrap();
    let out = knotless(home.path())
        .args(["routines", "--routines", "/no/such/dir"])
        .assert()
        .code(2);
    assert!(
        stderr(&out).contains("--routines /no/such/dir: no such folder"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn help_says_it_is_not_a_diagnosis() {
    let home = tempfile::tempdir().unwrap();
    let out = knotless(home.path()).arg("--help").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("not a diagnosis"), "{text}");
    // The worst signs, once: both legs named with every nerve symptom, the bladder or bowel,
    // and numbness around the genitals or buttocks.
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for sign in [
        "pain, tingling, numbness or weakness in both legs",
        "bladder or bowel",
        "numbness around the genitals or buttocks",
    ] {
        assert_eq!(words.matches(sign).count(), 1, "{sign:?} once in:\n{text}");
    }
    assert!(!words.contains("legs weak"), "{text}");
}

#[test]
fn the_app_without_a_terminal_says_so_and_writes_nothing_to_the_pipe() {
    let home = tempfile::tempdir().unwrap();
    for args in [&[][..], &["breaks"], &["run", "posture-check"]] {
        let out = knotless(home.path()).args(args).assert().code(2);
        assert!(
            out.get_output().stdout.is_empty(),
            "{args:?}: escape codes went into the pipe"
        );
        let text = stderr(&out);
        assert!(
            text.contains("the app needs a terminal") && text.contains("knotless routines --json"),
            "{args:?}: {text}"
        );
    }
}

fn stderr(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&out.get_output().stderr).to_string()
}
