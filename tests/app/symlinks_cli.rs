//! Links are treated with care (issue 19, item 11): a link planted where `<file>.rejected` goes is
//! never written through; a data file that is a link to a file outside the data folder is read
//! and written there, but its mode is left alone and that is said; a data folder that is a link
//! is followed, and `knotless config` says where the data really is.

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

use crate::common::cli::Home;

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_link_where_the_rejected_lines_go_is_not_written_through() {
    let home = Home::new();
    fs::create_dir_all(home.data()).unwrap();
    fs::write(home.log_file(), "{not json\n").unwrap();
    fs::set_permissions(home.log_file(), fs::Permissions::from_mode(0o600)).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let victim = elsewhere.path().join(".bashrc");
    fs::write(&victim, "export PATH\n").unwrap();
    symlink(&victim, home.data().join("symptoms.jsonl.rejected")).unwrap();
    let out = home.cmd().args(["log", "list"]).output().unwrap();
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("symptoms.jsonl.rejected (it is a symbolic link, not a regular file)")
            && err.contains("stay in"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&victim).unwrap(), "export PATH\n");
}

#[test]
fn a_data_file_linked_outside_is_written_through_and_its_mode_left_with_a_warning() {
    let home = Home::new();
    fs::create_dir_all(home.data()).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let real = elsewhere.path().join("shared-log.jsonl");
    fs::write(&real, "").unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o644)).unwrap();
    symlink(&real, home.log_file()).unwrap();
    home.add(&["--pain", "4", "--note", "through the link"]);
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .contains("through the link")
    );
    let out = home.cmd().args(["log", "list"]).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("through the link"));
    let err = stderr(&out);
    let real_shown = fs::canonicalize(&real).unwrap().display().to_string();
    assert!(
        err.contains(&format!(
            "is a link to {real_shown}, outside the data folder"
        )) && err.contains("(mode 644)")
            && err.contains(&format!("chmod 600 {real_shown}")),
        "{err}"
    );
    assert_eq!(mode(&real), 0o644, "the mode of a file outside was changed");
    // A loose file inside the data folder is still made private.
    let acks = home.data().join("acks.jsonl");
    fs::write(&acks, "").unwrap();
    fs::set_permissions(&acks, fs::Permissions::from_mode(0o644)).unwrap();
    home.cmd().arg("flags").assert().success();
    assert_eq!(mode(&acks), 0o600);
}

#[test]
fn a_linked_data_folder_is_followed_and_config_says_where_the_data_is() {
    let home = Home::new();
    let synced = home.dir.path().join("Sync").join("knotless");
    fs::create_dir_all(&synced).unwrap();
    fs::set_permissions(&synced, fs::Permissions::from_mode(0o700)).unwrap();
    symlink(&synced, home.data()).unwrap();
    home.add(&["--pain", "2"]);
    assert!(synced.join("symptoms.jsonl").exists());
    assert!(
        fs::symlink_metadata(home.data())
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let out = home.cmd().arg("config").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let real = fs::canonicalize(&synced).unwrap();
    assert!(
        text.starts_with(&format!(
            "# data folder: {}\n#   (reached through {}, a link)\n",
            real.display(),
            home.data().display()
        )),
        "{text}"
    );
    // Still TOML.
    toml::from_str::<toml::Table>(&text).unwrap();
}

#[test]
fn config_names_the_data_folder_when_it_is_no_link() {
    let home = Home::new();
    fs::create_dir_all(home.data()).unwrap();
    let out = home.cmd().arg("config").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let real = fs::canonicalize(home.data()).unwrap();
    assert!(
        text.starts_with(&format!("# data folder: {}\n\n", real.display())),
        "{text}"
    );
}
