//! What the report says of plan adherence, and the one rule for "done", on the command line: a
//! programme followed for six days reads 6 of 6; a log of entries alone asks nothing; a session
//! with every step skipped is done nowhere (Today's list in `programme status`, the level-up, the
//! report).

use crate::common;

use std::fs;

use common::cli::Home;

/// Sessions of `routines` on `day` at 08:00 UTC, every step done unless `steps_done` says less.
fn sessions_on(day: &str, routines: &[&str], steps_done: usize) -> String {
    routines
        .iter()
        .map(|r| {
            let outcome = if steps_done >= 4 { "completed" } else { "partial" };
            format!(
                r#"{{"type":"session","id":"S{day}{r}","routine":"{r}","kind":"stretch","started":"{day}T08:00:00+00:00","ended":"{day}T08:06:00+00:00","active_seconds":360,"outcome":"{outcome}","steps_done":{steps_done},"steps_total":4,"pain_before":3,"pain_after":3}}"#
            ) + "\n"
        })
        .collect()
}

fn run(home: &Home, today: &str, args: &[&str]) -> String {
    let out = home
        .cmd()
        .env("KNOTLESS_TODAY", today)
        .env("NO_COLOR", "1")
        .args(args)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn plan_of(json: &str) -> (u64, u64) {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let plan = &v["routines"]["plan"];
    (
        plan["days_planned"].as_u64().unwrap(),
        plan["days_done"].as_u64().unwrap(),
    )
}

/// Steady back's first week as asked, Monday 2 to Saturday 7 November 2026.
const WEEK: [(&str, &[&str]); 6] = [
    ("2026-11-02", &["morning-mobility", "core-starter"]),
    ("2026-11-03", &["morning-mobility", "desk-stretch"]),
    ("2026-11-04", &["morning-mobility", "core-starter"]),
    ("2026-11-05", &["morning-mobility", "desk-stretch"]),
    ("2026-11-06", &["morning-mobility", "core-starter"]),
    ("2026-11-07", &["hips-and-glutes"]),
];

#[test]
fn a_programme_followed_for_six_days_reads_six_of_six() {
    let home = Home::new();
    fs::create_dir_all(home.data()).unwrap();
    run(
        &home,
        "2026-11-02",
        &["programme", "start", "steady-back", "--from", "2026-11-02"],
    );
    let history: String = WEEK.iter().map(|(d, r)| sessions_on(d, r, 4)).collect();
    fs::write(home.data().join("history.jsonl"), history).unwrap();
    // The default 90 days reach back to August: only the programme's six days count.
    let json = run(
        &home,
        "2026-11-07",
        &["report", "--format", "json", "-o", "-"],
    );
    assert_eq!(plan_of(&json), (6, 6), "{json}");
    let md = run(
        &home,
        "2026-11-07",
        &["report", "--format", "md", "-o", "-"],
    );
    assert!(md.contains("all done on 6 of 6 days"), "{md}");
    // Saturday's hips left undone: 5 of 6.
    let history: String = WEEK[..5]
        .iter()
        .map(|(d, r)| sessions_on(d, r, 4))
        .collect();
    fs::write(home.data().join("history.jsonl"), history).unwrap();
    let json = run(
        &home,
        "2026-11-07",
        &["report", "--format", "json", "-o", "-"],
    );
    assert_eq!(plan_of(&json), (6, 5), "{json}");
}

#[test]
fn a_log_with_only_entries_asks_nothing_and_the_plan_counts_from_the_first_session() {
    let home = Home::new();
    for day in ["2026-11-01", "2026-11-05"] {
        home.cmd()
            .env("KNOTLESS_TODAY", "2026-11-07")
            .args(["log", "add", "--pain", "3", "--at", &format!("{day} 09:00")])
            .assert()
            .success();
    }
    let json = run(
        &home,
        "2026-11-07",
        &["report", "--format", "json", "-o", "-"],
    );
    assert_eq!(plan_of(&json), (0, 0), "{json}");
    let md = run(
        &home,
        "2026-11-07",
        &["report", "--format", "md", "-o", "-"],
    );
    assert!(!md.contains("0 of 90"), "{md}");
    assert!(!md.contains("days with routines planned"), "{md}");
    // Without a programme the config's [[plan]] applies (by default morning mobility and lower
    // back release, every day), from the day of the first session: Thursday to Saturday.
    let mut history = sessions_on("2026-11-05", &["morning-mobility", "lower-back-release"], 4);
    history.push_str(&sessions_on("2026-11-06", &["morning-mobility"], 4));
    history.push_str(&sessions_on(
        "2026-11-07",
        &["morning-mobility", "lower-back-release"],
        4,
    ));
    fs::write(home.data().join("history.jsonl"), history).unwrap();
    let json = run(
        &home,
        "2026-11-07",
        &["report", "--format", "json", "-o", "-"],
    );
    assert_eq!(plan_of(&json), (3, 2), "{json}");
}

#[test]
fn a_session_with_every_step_skipped_is_done_nowhere() {
    let home = Home::new();
    fs::create_dir_all(home.data()).unwrap();
    run(
        &home,
        "2026-11-02",
        &["programme", "start", "steady-back", "--from", "2026-11-02"],
    );
    // Monday, Wednesday and Friday: core starter, the last run to the end with every step
    // skipped; morning mobility done in full each day.
    let mut history = String::new();
    for day in ["2026-11-02", "2026-11-04"] {
        history.push_str(&sessions_on(day, &["morning-mobility", "core-starter"], 4));
    }
    history.push_str(&sessions_on("2026-11-06", &["morning-mobility"], 4));
    history.push_str(&sessions_on("2026-11-06", &["core-starter"], 0));
    fs::write(home.data().join("history.jsonl"), history).unwrap();
    let status = run(&home, "2026-11-06", &["programme", "status"]);
    assert!(status.contains("✓ Morning mobility · level 1"), "{status}");
    assert!(status.contains("· Core starter · level 1"), "{status}");
    assert!(!status.contains("✓ Core starter"), "{status}");
    // Not the third session towards the level-up, and the reason says why.
    assert!(
        status.contains(
            "Core starter · level 1: the session on Fri 6 Nov does not count, as every step was \
             skipped: 3 more sessions with every step done at this level before it can go up"
        ),
        "{status}"
    );
    assert!(!status.contains("offered"), "{status}");
    let refused = home
        .cmd()
        .env("KNOTLESS_TODAY", "2026-11-06")
        .args(["programme", "up", "core-starter"])
        .assert()
        .code(2);
    let stderr = String::from_utf8(refused.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("every step was skipped"), "{stderr}");
    // The report: Monday and Wednesday done; Tuesday and Thursday asked desk stretch, not done;
    // Friday asked core starter, and every step of it was skipped.
    let json = run(
        &home,
        "2026-11-06",
        &["report", "--format", "json", "-o", "-"],
    );
    assert_eq!(plan_of(&json), (5, 2), "{json}");
}
