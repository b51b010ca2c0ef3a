//! `knotless log list` as a table: times in local time (an entry's own offset beside it where
//! it differs), in time order, agreeing with `--since`; a note of several lines shown whole.

use crate::common;

use common::cli::Home;

fn list(home: &Home, args: &[&str]) -> String {
    let out = home
        .cmd()
        .env("TZ", "Europe/Paris")
        .args(["log", "list"])
        .args(args)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn log_list_shows_local_times_in_order_and_since_agrees_with_them() {
    let home = Home::new();
    let add = |at: &str, note: &str| {
        home.cmd()
            .env("TZ", "Europe/Paris")
            .args(["log", "add", "--pain", "3", "--at", at, "--note", note])
            .assert()
            .success();
    };
    add("2026-11-24T13:30:00+00:00", "london");
    add("2026-11-24T08:00:00-05:00", "new york");
    add("2026-11-24T10:00:00+01:00", "paris");
    let table = list(&home, &[]);
    let rows: Vec<&str> = table.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{table}");
    // Paris time, in order: 10:00, then 14:00 (08:00 in New York), then 14:30 (13:30 UTC).
    assert!(
        rows[0].contains("2026-11-24 10:00 ") && rows[0].contains("paris"),
        "{table}"
    );
    assert!(
        !rows[0].contains("+01:00"),
        "its own offset is the local one: {table}"
    );
    assert!(
        rows[1].contains("2026-11-24 14:00 (08:00 -05:00)"),
        "{table}"
    );
    assert!(rows[1].contains("new york"), "{table}");
    assert!(
        rows[2].contains("2026-11-24 14:30 (13:30 +00:00)"),
        "{table}"
    );

    // `--since` a local time takes what the table shows from that time on.
    let since = list(&home, &["--since", "2026-11-24 14:00"]);
    let rows: Vec<&str> = since.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{since}");
    assert!(
        rows[0].contains("new york") && rows[1].contains("london"),
        "{since}"
    );
}

#[test]
fn log_list_shows_a_note_of_several_lines_whole() {
    let home = Home::new();
    home.cmd()
        .args([
            "log",
            "add",
            "--pain",
            "4",
            "--at",
            "2026-11-24T09:00:00+01:00",
        ])
        .args([
            "--note",
            "stiff on waking\neased after the walk\nback by lunch",
        ])
        .assert()
        .success();
    let table = list(&home, &[]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines.len(),
        4,
        "a header, the entry and two more note lines: {table}"
    );
    let column = lines[0].find("NOTE").unwrap();
    assert_eq!(lines[1].find("stiff on waking"), Some(column), "{table}");
    assert_eq!(
        lines[2].find("eased after the walk"),
        Some(column),
        "{table}"
    );
    assert_eq!(lines[3].find("back by lunch"), Some(column), "{table}");
}
