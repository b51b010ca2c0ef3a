//! Bounded reads on the command line (issue 19, item 12): a line longer than any record is set
//! aside with its length, only its first bytes copied to `.rejected`; a data folder others can
//! read is made private, and that is said once.

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;

use crate::common::cli::Home;

fn stderr(home: &Home, args: &[&str]) -> String {
    let out = home.cmd().args(args).assert().success();
    String::from_utf8_lossy(&out.get_output().stderr).into_owned()
}

#[test]
fn a_line_of_8_mib_is_set_aside_with_its_length_and_the_entries_around_it_load() {
    let home = Home::new();
    home.add(&["--pain", "3", "--note", "before"]);
    let mut file = fs::OpenOptions::new()
        .append(true)
        .open(home.log_file())
        .unwrap();
    file.write_all(&vec![b'q'; 8 << 20]).unwrap();
    file.write_all(b"\n").unwrap();
    drop(file);
    home.add(&["--pain", "4", "--note", "after"]);
    let out = home.cmd().args(["log", "list"]).assert().success();
    let listed = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        listed.contains("before") && listed.contains("after"),
        "{listed}"
    );
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains(
            "symptoms.jsonl line 2 could not be read: the line is 8388608 bytes long, longer \
             than any record can be (at most 1048576 bytes)"
        ),
        "{err}"
    );
    let aside = home.data().join("symptoms.jsonl.rejected");
    assert_eq!(
        fs::metadata(aside).unwrap().len(),
        knotless::store::ASIDE_PREFIX as u64 + 1
    );
}

#[test]
fn a_data_folder_others_can_read_is_made_private_and_said_once() {
    let home = Home::new();
    home.add(&["--pain", "2"]);
    fs::set_permissions(home.data(), fs::Permissions::from_mode(0o755)).unwrap();
    let first = stderr(&home, &["log", "list"]);
    assert!(
        first.contains(&format!(
            "warning: the data folder {} could be read by other users (mode 755); it is now \
             private (700)",
            home.data().display()
        )),
        "{first}"
    );
    let mode = fs::metadata(home.data()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    let second = stderr(&home, &["log", "list"]);
    assert!(!second.contains("data folder"), "{second}");
    // A command that only writes says it too.
    fs::set_permissions(home.data(), fs::Permissions::from_mode(0o750)).unwrap();
    let out = home
        .cmd()
        .args(["log", "add", "--pain", "1"])
        .assert()
        .success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("(mode 750); it is now private (700)"), "{err}");
}
