//! The command line's conventions as a packager or a user meets them: completions for bash, zsh
//! and fish that parse, a man page, global options apart in `--help`, a usage line that does not
//! make an environment variable look like a required option, `log rm` by a lower-case prefix,
//! `--since` after `--until` refused.

use crate::common;

use std::process::Command as Std;

use common::cli::Home;

fn stdout(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&out.get_output().stdout).to_string()
}

fn stderr(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&out.get_output().stderr).to_string()
}

fn has(program: &str) -> bool {
    Std::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs `shell -n` (parse only) on `script`; panics with the shell's complaint.
fn parses(shell: &str, script: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("knotless.completion");
    std::fs::write(&file, script).unwrap();
    let out = Std::new(shell).arg("-n").arg(&file).output().unwrap();
    assert!(
        out.status.success(),
        "{shell} -n: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn completions_for_each_shell_name_the_subcommands_and_parse() {
    let home = Home::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = home.cmd().args(["completions", shell]).assert().success();
        let script = stdout(&out);
        for word in [
            "remind",
            "completions",
            "routines",
            "log",
            "flags",
            "data-dir",
        ] {
            assert!(script.contains(word), "{shell}: no `{word}` in\n{script}");
        }
        if shell == "bash" || has(shell) {
            parses(shell, &script);
        }
    }
    let out = home.cmd().args(["completions", "tcsh"]).assert().code(2);
    assert!(stderr(&out).contains("bash, zsh, fish"), "{}", stderr(&out));
}

#[test]
fn completions_and_the_man_page_need_no_home() {
    let mut cmd = assert_cmd::Command::cargo_bin("knotless").unwrap();
    cmd.env_clear()
        .args(["completions", "bash"])
        .assert()
        .success();
    let mut cmd = assert_cmd::Command::cargo_bin("knotless").unwrap();
    let out = cmd.env_clear().arg("man").assert().success();
    let page = stdout(&out);
    assert!(page.contains(".TH knotless 1"), "{page}");
    assert!(page.contains("remind"), "{page}");
    assert!(page.contains("not a diagnosis"), "{page}");
    if has("groff") {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("knotless.1");
        std::fs::write(&file, &page).unwrap();
        let out = Std::new("groff")
            .args(["-man", "-z", "-ww"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "groff: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn help_lists_the_global_options_apart_from_the_commands_own() {
    let home = Home::new();
    let out = home
        .cmd()
        .args(["log", "list", "--help"])
        .assert()
        .success();
    let help = stdout(&out);
    let own = help.find("Options:").expect("its own options");
    let global = help.find("Global options:").expect("a global heading");
    let section = |from: usize| &help[from..];
    assert!(
        section(own).find("--since").unwrap() < global - own,
        "{help}"
    );
    assert!(section(global).contains("--data-dir"), "{help}");
    assert!(section(global).contains("--config"), "{help}");
    assert!(section(global).contains("--routines"), "{help}");
    assert!(!help[own..global].contains("--data-dir"), "{help}");
    assert!(help.contains("[env: KNOTLESS_DATA_DIR]"), "{help}");
}

#[test]
fn an_environment_variable_does_not_make_its_option_look_required() {
    let home = Home::new();
    // Home sets KNOTLESS_DATA_DIR and KNOTLESS_CONFIG.
    let out = home.cmd().args(["log", "rm"]).assert().code(2);
    let err = stderr(&out);
    assert!(err.contains("Usage: knotless log rm <ID>"), "{err}");
    assert!(
        !err.contains("--data-dir") && !err.contains("--config"),
        "{err}"
    );
    // And it is still where the data goes.
    let id = home.add(&["--pain", "3"]);
    assert!(home.log_file().exists(), "{id} went to KNOTLESS_DATA_DIR");
}

#[test]
fn log_rm_takes_a_lower_case_prefix_and_refuses_a_short_one() {
    let home = Home::new();
    let id = home.add(&["--pain", "3"]);
    let before = std::fs::read_to_string(home.log_file()).unwrap();
    let out = home.cmd().args(["log", "rm", &id[..5]]).assert().code(2);
    assert!(
        stderr(&out).contains("at least 6 characters"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(home.log_file()).unwrap(),
        before,
        "nothing written"
    );
    let prefix = id[..8].to_lowercase();
    let out = home.cmd().args(["log", "rm", &prefix]).assert().success();
    assert!(
        stdout(&out).contains(&format!("deleted {id}")),
        "{}",
        stdout(&out)
    );
    let out = home
        .cmd()
        .args(["log", "list", "--json"])
        .assert()
        .success();
    assert_eq!(stdout(&out).trim(), "[]");
}

#[test]
fn since_after_until_is_refused_naming_both() {
    let home = Home::new();
    home.add(&["--pain", "3", "--at", "2026-11-20"]);
    for (since, until) in [
        ("2026-11-25", "2026-11-20"),
        ("2026-11-20 10:00", "2026-11-20 09:00"),
        ("2026-11-21", "2026-11-20T23:00:00+01:00"),
    ] {
        let out = home
            .cmd()
            .args(["log", "list", "--since", since, "--until", until])
            .assert()
            .code(2);
        let err = stderr(&out);
        assert!(err.contains("--since") && err.contains("--until"), "{err}");
        assert!(err.contains("is after"), "{err}");
        assert!(stdout(&out).is_empty());
    }
    // The same day as both is that day.
    let out = home
        .cmd()
        .args([
            "log",
            "list",
            "--since",
            "2026-11-20",
            "--until",
            "2026-11-20",
            "--json",
        ])
        .assert()
        .success();
    assert!(stdout(&out).contains("\"pain\": 3") || stdout(&out).contains("\"pain\":3"));
}
