//! Every command reads its files through the workspace: problems named by file, a command
//! reading only the files it needs, and `log add` telling an emergency whatever else is wrong.

use crate::common;
use common::cli::Home;

fn run(home: &Home, args: &[&str]) -> (i32, String, String) {
    let out = home.cmd().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn log_add_over_a_bad_line_tells_the_emergency_and_warns_of_the_line() {
    let home = Home::new();
    home.add(&["--pain", "3"]);
    std::fs::write(
        home.log_file(),
        format!(
            "{}not json\n",
            std::fs::read_to_string(home.log_file()).unwrap()
        ),
    )
    .unwrap();
    let (code, out, err) = run(
        &home,
        &["log", "add", "--pain", "5", "--symptom", "saddle-numbness"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1, "stdout keeps just the id: {out}");
    assert!(
        err.starts_with("EMERGENCY:"),
        "the emergency comes first: {err}"
    );
    assert!(
        err.lines()
            .any(|l| l.starts_with("warning:") && l.contains("symptoms.jsonl")),
        "{err}"
    );
    // The nearest miss: a good log, no warning.
    let clean = Home::new();
    let (_, _, err) = run(
        &clean,
        &["log", "add", "--pain", "5", "--symptom", "saddle-numbness"],
    );
    assert!(!err.contains("warning:"), "{err}");
}

#[test]
fn an_unreadable_acknowledgements_file_stops_flags_naming_it() {
    let home = Home::new();
    home.add(&["--pain", "3"]);
    let (code, _, err) = run(&home, &["flags"]);
    assert_eq!(code, 0, "{err}");
    std::fs::create_dir(home.data().join("acks.jsonl")).unwrap();
    let (code, _, err) = run(&home, &["flags"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error:") && err.contains("acks.jsonl"),
        "{err}"
    );
}

#[test]
fn export_reads_only_the_file_it_exports() {
    let home = Home::new();
    home.add(&["--pain", "3"]);
    std::fs::write(home.data().join("history.jsonl"), "not json\n").unwrap();
    let (code, out, err) = run(&home, &["export", "--what", "entries", "--format", "jsonl"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1);
    assert!(
        !err.contains("history.jsonl"),
        "the history is not read: {err}"
    );
    let (_, _, err) = run(
        &home,
        &["export", "--what", "sessions", "--format", "jsonl"],
    );
    assert!(err.contains("history.jsonl"), "{err}");
}
