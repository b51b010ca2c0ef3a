//! `knotless config`: the effective configuration with defaults; errors with line and column.

use std::fs;

use assert_cmd::Command;

fn knotless(config: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("knotless").unwrap();
    cmd.env("KNOTLESS_CONFIG", config)
        .env("KNOTLESS_DATA_DIR", config.with_file_name("data"));
    cmd
}

#[test]
fn without_a_file_it_prints_every_default() {
    let dir = tempfile::tempdir().unwrap();
    let out = knotless(&dir.path().join("config.toml"))
        .arg("config")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "[cues]\nbell = true",
        "snooze = \"5m\"",
        "[[breaks]]\nroutine = \"posture-check\"\nevery = \"30m\"\ndays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\nfrom = \"09:00\"\nto = \"17:00\"",
        "[[breaks]]\nroutine = \"desk-reset\"\nevery = \"1h\"",
        "[[plan]]\nroutine = \"morning-mobility\"",
        "[[plan]]\nroutine = \"lower-back-release\"",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
}

#[test]
fn settings_given_are_shown_and_the_rest_filled_in() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    fs::write(&path, "emergency_number = \"112\"\n[[breaks]]\nroutine = \"posture-check\"\nevery = \"20m\"\ndays = [\"daily\"]\n").unwrap();
    let out = knotless(&path).arg("config").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // First after the comment saying where the data folder is.
    let first = text.lines().find(|l| !l.is_empty() && !l.starts_with('#'));
    assert_eq!(first, Some("emergency_number = \"112\""), "{text}");
    assert!(text.contains("every = \"20m\"\ndays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]"), "{text}");
    assert!(
        !text.contains("desk-reset"),
        "only the breaks given:\n{text}"
    );
}

#[test]
fn a_birth_year_in_the_future_is_refused_at_its_place_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let run = |year: i32, args: &[&str]| {
        fs::write(&path, format!("[profile]\nbirth_year = {year}\n")).unwrap();
        knotless(&path)
            .env("KNOTLESS_TODAY", "2026-12-02")
            .args(args)
            .output()
            .unwrap()
    };
    for args in [&["config"][..], &["flags"][..], &[][..]] {
        let out = run(2027, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("`birth_year` 2027 is in the future") && err.contains("config.toml:2:14"),
            "{args:?}: {err}"
        );
    }
    // This year, the nearest miss, is accepted; 1899 is refused at the same place.
    let out = run(2026, &["config"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("birth_year = 2026"));
    let out = run(1899, &["config"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("`birth_year` must be a year from 1900") && err.contains("config.toml:2:14"),
        "{err}"
    );
}

#[test]
fn a_broken_config_is_refused_with_its_place_and_the_app_does_not_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    fs::write(&path, "[cues]\nbell = \"loud\"\n").unwrap();
    for args in [&["config"][..], &[][..], &["run", "desk-stretch"][..]] {
        let out = knotless(&path).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("config.toml:2:8"), "{args:?}: {err}");
    }
    fs::write(&path, "[[breaks]]\nroutine = \"desk-stretch\"\n").unwrap();
    let out = knotless(&path).arg("config").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("config.toml:2:11") && err.contains("not a posture break"),
        "{err}"
    );
}

#[test]
fn the_readmes_example_configs_parse() {
    let readme = include_str!("../../README.md");
    let mut checked = 0;
    for block in readme.split("```toml\n").skip(1) {
        let text = block.split("```").next().unwrap();
        // Routine, rule and programme files have their own formats.
        if text.contains("[[steps]]")
            || text.contains("[[rules]]")
            || text.contains("kind =")
            || text.contains("[[weeks]]")
        {
            continue;
        }
        if let Err(e) = knotless::config::Config::parse("README.md", text) {
            panic!("a config example in the README does not parse:\n{e}\n{text}");
        }
        checked += 1;
    }
    assert!(checked >= 2, "config examples found: {checked}");
}
