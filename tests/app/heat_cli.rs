//! `knotless check` on heat routines whose skin checks are too far apart: an error at the value,
//! with file, line and column, and exit 1; the nearest miss (exactly 5 minutes) passes.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

fn knotless(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("knotless").unwrap();
    cmd.env("KNOTLESS_DATA_DIR", home.join("data"))
        .env("KNOTLESS_CONFIG", home.join("config/config.toml"))
        .env("NO_COLOR", "1");
    cmd
}

fn heat(every: &str) -> String {
    format!(
        "name = \"My heat\"\nkind = \"heat\"\n\n[[steps]]\nname = \"Pack\"\nhold = \"15m\"\ncheck_every = \"{every}\"\n"
    )
}

#[test]
fn check_rejects_skin_checks_more_than_five_minutes_apart_at_their_line_and_column() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("my-heat.toml");
    fs::write(&file, heat("20m")).unwrap();
    let out = knotless(home.path())
        .arg("check")
        .arg(&file)
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains(&format!("{}:7:15", file.display())), "{text}");
    assert!(text.contains("at most 5 minutes apart"), "{text}");
    assert!(text.contains("check_every = \"20m\""), "{text}");

    fs::write(&file, heat("5m")).unwrap();
    knotless(home.path())
        .arg("check")
        .arg(&file)
        .assert()
        .success();
}
