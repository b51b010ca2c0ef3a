//! Through the public command line: the rules read the whole log (sides across days and parts,
//! entries written after an acknowledgement, entries dated ahead of the clock), and
//! `flags ack` / `flags unack`.

use crate::common;

use std::fs;
use std::io::Write;

use chrono::{Duration, Local};
use common::cli::Home;
use serde_json::Value;

impl Home {
    fn flags_json(&self, extra: &[&str]) -> Value {
        let out = self
            .cmd()
            .args(["flags", "--json"])
            .args(extra)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    fn run(&self, args: &[&str]) -> (bool, String, String) {
        let out = self.cmd().args(args).output().unwrap();
        (
            out.status.code() == Some(0),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

fn ids<'a>(doc: &'a Value, list: &str) -> Vec<&'a str> {
    doc[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect()
}

fn days_ago(days: i64) -> String {
    (Local::now() - Duration::days(days))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

#[test]
fn numbness_in_the_left_leg_one_day_and_the_right_foot_the_next_is_the_emergency() {
    for (second, emergency) in [("foot-right", true), ("foot-left", false)] {
        let home = Home::new();
        home.add(&[
            "--pain",
            "4",
            "--at",
            "2025-03-09 20:00",
            "--area",
            "leg-left",
            "--symptom",
            "numbness",
            "--deny",
            "saddle-numbness",
            "--deny",
            "bladder-change",
        ]);
        home.add(&[
            "--pain",
            "4",
            "--at",
            "2025-03-10 08:00",
            "--area",
            second,
            "--symptom",
            "numbness",
        ]);
        let doc = home.flags_json(&["--as-of", "2025-03-10"]);
        let flags = ids(&doc, "flags");
        let expected = if emergency { "both-legs" } else { "one-leg" };
        assert_eq!(flags, [expected], "left leg, then {second}");
        if emergency {
            assert_eq!(doc["flags"][0]["level"], "emergency");
            assert_eq!(doc["flags"][0]["evidence"].as_array().unwrap().len(), 2);
        }
    }
}

#[test]
fn ack_and_unack_from_the_command_line() {
    let home = Home::new();
    home.add(&["--pain", "5", "--at", &days_ago(2), "--symptom", "fever"]);
    assert_eq!(ids(&home.flags_json(&[]), "flags"), ["fever"]);

    let (ok, out, err) = home.run(&["flags", "ack", "fever"]);
    assert!(ok, "{err}");
    assert!(out.contains("knotless flags unack fever"), "{out}");
    let doc = home.flags_json(&[]);
    assert!(ids(&doc, "flags").is_empty());
    assert_eq!(ids(&doc, "acknowledged"), ["fever"]);
    assert!(doc["acknowledged"][0]["acknowledged_at"].is_string());

    // Acknowledging again changes nothing and says so.
    let (ok, out, _) = home.run(&["flags", "ack", "fever"]);
    assert!(ok && out.contains("already acknowledged"), "{out}");

    let (ok, out, err) = home.run(&["flags", "unack", "fever"]);
    assert!(ok, "{err}");
    assert!(out.contains("active again"), "{out}");
    assert_eq!(ids(&home.flags_json(&[]), "flags"), ["fever"]);
    let acks = fs::read_to_string(home.data().join("acks.jsonl")).unwrap();
    assert_eq!(
        acks.lines().count(),
        2,
        "an acknowledgement and its tombstone: {acks}"
    );

    // Refused, nothing written: a flag not raised, an unknown id, nothing to take back.
    for (args, says) in [
        (&["flags", "ack", "lump"][..], "not raised by your log now"),
        (
            &["flags", "ack", "nonsense"][..],
            "no red flag has the id `nonsense`",
        ),
        (
            &["flags", "unack", "fever"][..],
            "no acknowledgement to take back",
        ),
    ] {
        let out = home.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(
            err.contains("raised now: fever") || args[2] == "fever",
            "{err}"
        );
    }
    assert_eq!(
        fs::read_to_string(home.data().join("acks.jsonl")).unwrap(),
        acks
    );
}

#[test]
fn an_entry_written_after_an_acknowledgement_about_an_earlier_day_raises_the_flag_again() {
    let home = Home::new();
    home.add(&["--pain", "5", "--at", &days_ago(1), "--symptom", "fever"]);
    assert!(home.run(&["flags", "ack", "fever"]).0);
    assert!(ids(&home.flags_json(&[]), "flags").is_empty());
    // Written now, dated three days ago: before the acknowledgement, yet new to it.
    home.add(&["--pain", "5", "--at", &days_ago(3), "--symptom", "fever"]);
    assert_eq!(ids(&home.flags_json(&[]), "flags"), ["fever"]);
}

#[test]
fn an_entry_dated_an_hour_ahead_of_the_clock_counts_now_but_not_as_of_earlier() {
    let home = Home::new();
    fs::create_dir_all(home.data()).unwrap();
    let ahead = (Local::now() + Duration::hours(1)).fixed_offset();
    let line = format!(
        "{{\"id\":\"01JDX0000000000000000000AA\",\"at\":\"{}\",\"pain\":3,\"symptoms\":[\"chest-pain\"]}}\n",
        ahead.to_rfc3339()
    );
    fs::File::create(home.log_file())
        .unwrap()
        .write_all(line.as_bytes())
        .unwrap();
    assert_eq!(ids(&home.flags_json(&[]), "flags"), ["chest-pain"]);
    let earlier = (Local::now() - Duration::minutes(1)).to_rfc3339();
    assert!(ids(&home.flags_json(&["--as-of", &earlier]), "flags").is_empty());
}

/// (what it shows, entries as `log add` arguments with `--at`, the flag expected, present?)
#[test]
fn the_clinical_scenarios_through_the_command_line_each_beside_its_nearest_miss() {
    type Case = (&'static str, Vec<Vec<&'static str>>, &'static str, bool);
    let at = |day: &'static str| -> Vec<&'static str> { vec!["--pain", "4", "--at", day] };
    let entry = |day: &'static str, rest: &[&'static str]| -> Vec<&'static str> {
        let mut args = at(day);
        args.extend_from_slice(rest);
        args
    };
    let cases: Vec<Case> = vec![
        (
            "both buttocks numb",
            vec![entry(
                "2025-03-09",
                &[
                    "--area",
                    "buttock-left",
                    "--area",
                    "buttock-right",
                    "--symptom",
                    "numbness",
                ],
            )],
            "saddle-buttocks",
            true,
        ),
        (
            "one buttock numb",
            vec![entry(
                "2025-03-09",
                &["--area", "buttock-left", "--symptom", "numbness"],
            )],
            "saddle-buttocks",
            false,
        ),
        (
            "both legs numb",
            vec![entry(
                "2025-03-09",
                &[
                    "--area",
                    "leg-left",
                    "--area",
                    "leg-right",
                    "--symptom",
                    "numbness",
                ],
            )],
            "both-legs",
            true,
        ),
        (
            "both legs stiff",
            vec![entry(
                "2025-03-09",
                &[
                    "--area",
                    "leg-left",
                    "--area",
                    "leg-right",
                    "--symptom",
                    "stiffness",
                ],
            )],
            "both-legs",
            false,
        ),
        (
            "weakness, no area",
            vec![entry("2025-03-09", &["--symptom", "weakness"])],
            "leg-weakness",
            true,
        ),
        (
            "a fall, pain 8, sudden",
            vec![vec![
                "--pain",
                "8",
                "--at",
                "2025-03-09",
                "--onset",
                "sudden",
                "--trigger",
                "fall",
            ]],
            "fall-severe",
            true,
        ),
        (
            "a fall, pain 7, sudden",
            vec![vec![
                "--pain",
                "7",
                "--at",
                "2025-03-09",
                "--onset",
                "sudden",
                "--trigger",
                "fall",
            ]],
            "fall-severe",
            false,
        ),
        (
            "one entry six days old",
            vec![entry("2025-03-04", &[])],
            "lingering",
            false,
        ),
        (
            "two entries four days apart",
            vec![entry("2025-03-04", &[]), entry("2025-03-08", &[])],
            "lingering",
            true,
        ),
        (
            "saddle numbness 15 days ago, never acknowledged",
            vec![entry("2025-02-23", &["--symptom", "saddle-numbness"])],
            "saddle-numbness",
            true,
        ),
    ];
    for (what, entries, flag, present) in cases {
        let home = Home::new();
        for args in entries {
            home.add(&args);
        }
        let doc = home.flags_json(&["--as-of", "2025-03-10"]);
        assert_eq!(ids(&doc, "flags").contains(&flag), present, "{what}: {doc}");
    }
}

#[test]
fn acknowledging_a_flag_raised_once_per_episode_says_it_holds_until_a_new_bout() {
    let home = Home::new();
    home.add(&[
        "--pain",
        "9",
        "--onset",
        "gradual",
        "--at",
        &days_ago(2),
        "--symptom",
        "fever",
    ]);
    assert_eq!(
        ids(&home.flags_json(&[]), "flags"),
        ["fever", "severe-pain"]
    );
    let (ok, out, err) = home.run(&["flags", "ack", "severe-pain"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("quiet until a new bout of pain starts"),
        "{out}"
    );
    // The nearest miss: a flag from a symptom comes back with the next entry showing it.
    let (ok, out, err) = home.run(&["flags", "ack", "fever"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("quiet until you log something new that matches it"),
        "{out}"
    );
}

/// Acknowledgements written twice for one flag (two quick `flags ack` before the check under
/// the lock) are all taken back by one `unack`: the flag is not left muted.
#[test]
fn one_unack_takes_back_every_acknowledgement_of_the_flag() {
    let home = Home::new();
    home.add(&["--pain", "5", "--at", &days_ago(2), "--symptom", "fever"]);
    let at = chrono::Local::now().fixed_offset().to_rfc3339();
    fs::write(
        home.data().join("acks.jsonl"),
        format!(
            "{{\"id\":\"01KACK000000000000000000A1\",\"flag\":\"fever\",\"at\":\"{at}\"}}\n\
             {{\"id\":\"01KACK000000000000000000A2\",\"flag\":\"fever\",\"at\":\"{at}\"}}\n"
        ),
    )
    .unwrap();
    let (ok, out, err) = home.run(&["flags", "unack", "fever"]);
    assert!(ok, "{err}");
    assert!(out.contains("Took back the 2 acknowledgements"), "{out}");
    assert!(out.contains("active again"), "{out}");
    assert_eq!(ids(&home.flags_json(&[]), "flags"), ["fever"]);
}
