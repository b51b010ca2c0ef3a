//! `knotless flags` over logs built with `log add --at`: the JSON of DESIGN §6, windows,
//! `--as-of`, the configured emergency number, and broken config or rule files.

use crate::common;

use std::fs;

use common::cli::Home;
use serde_json::Value;

impl Home {
    /// `log add` with arguments written as one line (no argument contains a space).
    fn add_words(&self, args: &str) -> String {
        self.add(&args.split_whitespace().collect::<Vec<_>>())
    }

    fn flags(&self, as_of: &str) -> Value {
        let out = self
            .cmd()
            .args(["flags", "--json", "--as-of", as_of])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

fn ids(doc: &Value) -> Vec<&str> {
    doc["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect()
}

#[test]
fn both_legs_numbness_is_an_emergency_with_its_evidence_most_severe_first() {
    let home = Home::new();
    let fever = home.add(&[
        "--pain",
        "5",
        "--at",
        "2025-03-09 20:00",
        "--symptom",
        "fever",
    ]);
    let legs = home.add(&[
        "--pain",
        "6",
        "--at",
        "2025-03-10 09:30",
        "--area",
        "leg-left",
        "--area",
        "leg-right",
        "--symptom",
        "numbness",
    ]);
    let doc = home.flags("2025-03-10");
    // Not also "down one leg": both legs is the emergency, and only that.
    assert_eq!(ids(&doc), ["both-legs", "fever"]);
    let first = &doc["flags"][0];
    assert_eq!(first["level"], "emergency");
    assert!(first["title"].as_str().unwrap().starts_with("You logged"));
    assert!(
        first["action"]
            .as_str()
            .unwrap()
            .contains("your local emergency number"),
        "{first}"
    );
    assert_eq!(first["evidence"][0]["id"], legs.as_str());
    assert!(
        first["evidence"][0]["at"]
            .as_str()
            .unwrap()
            .starts_with("2025-03-10T09:30:00")
    );
    assert_eq!(doc["flags"][1]["evidence"][0]["id"], fever.as_str());
    assert!(
        doc["as_of"]
            .as_str()
            .unwrap()
            .starts_with("2025-03-10T23:59:59")
    );
}

#[test]
fn as_of_before_the_entry_or_after_the_window_shows_nothing() {
    let home = Home::new();
    home.add_words("--pain 4 --at 2025-03-10T09:30:00Z --symptom fever");
    assert_eq!(ids(&home.flags("2025-03-10T09:29:00Z")), Vec::<&str>::new());
    assert_eq!(ids(&home.flags("2025-03-10T09:30:00Z")), ["fever"]);
    // The window is 14 days, to the minute.
    assert_eq!(ids(&home.flags("2025-03-24T09:30:00Z")), ["fever"]);
    assert_eq!(ids(&home.flags("2025-03-24T09:31:00Z")), Vec::<&str>::new());
    // An emergency never lapses: it stays until it is acknowledged.
    home.add_words("--pain 4 --at 2025-03-10T09:30:00Z --symptom chest-pain");
    assert_eq!(ids(&home.flags("2025-06-01")), ["chest-pain"]);
}

#[test]
fn denied_screening_answers_and_negated_notes_raise_nothing() {
    let home = Home::new();
    home.add(&[
        "--pain",
        "5",
        "--at",
        "2025-03-10 09:30",
        "--area",
        "leg-left",
        "--symptom",
        "aching",
        "--deny",
        "saddle-numbness",
        "--deny",
        "bladder-change",
        "--deny",
        "bowel-change",
        "--deny",
        "sexual-change",
        "--note",
        "no numbness, no bladder problems",
    ]);
    assert_eq!(ids(&home.flags("2025-03-10")), Vec::<&str>::new());
}

#[test]
fn the_profile_and_emergency_number_come_from_the_config() {
    let home = Home::new();
    fs::write(
        home.config(),
        "emergency_number = \"999\"\n[profile]\nbirth_year = 1960\nconditions = [\"osteoporosis\"]\n",
    )
    .unwrap();
    home.add(&[
        "--pain",
        "6",
        "--at",
        "2025-03-10 09:30",
        "--trigger",
        "fall",
    ]);
    home.add(&[
        "--pain",
        "3",
        "--at",
        "2025-03-10 10:00",
        "--symptom",
        "bladder-change",
    ]);
    let doc = home.flags("2025-03-10");
    assert_eq!(
        ids(&doc),
        [
            "bladder-bowel",
            "fragile-trauma",
            "fall-over-50",
            "age-onset"
        ]
    );
    assert!(
        doc["flags"][0]["action"]
            .as_str()
            .unwrap()
            .contains("call 999")
    );
}

#[test]
fn the_text_form_gives_action_reason_evidence_and_the_caveats() {
    let home = Home::new();
    home.add(&[
        "--pain",
        "4",
        "--at",
        "2025-03-10 09:30",
        "--symptom",
        "night-pain",
    ]);
    let out = home
        .cmd()
        .args(["flags", "--as-of", "2025-03-10"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "URGENT: You logged pain that wakes you",
        "What to do: Get an urgent appointment with a doctor today.",
        "Why: ",
        "From your entries:",
        "Mon 10 Mar 2025 09:30 — Pain at night or at rest that wakes you",
        "false alarms are common",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    let empty = Home::new();
    let out = empty
        .cmd()
        .args(["flags", "--as-of", "2025-03-10"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("No red flags")
    );
}

#[test]
fn an_emergency_shows_only_its_action_while_an_urgent_flag_keeps_the_caveats() {
    let text = |home: &Home| {
        let out = home
            .cmd()
            .args(["flags", "--as-of", "2025-03-10"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    // Bladder trouble: an emergency, and no word about false alarms or weak evidence.
    let emergency = Home::new();
    emergency.add(&[
        "--pain",
        "5",
        "--at",
        "2025-03-10 09:30",
        "--symptom",
        "bladder-change",
    ]);
    let out = text(&emergency);
    assert!(out.contains("EMERGENCY: "), "{out}");
    assert!(
        out.to_lowercase()
            .contains("call your local emergency number"),
        "{out}"
    );
    for caveat in [
        "false alarm",
        "weak evidence",
        "Serious does not always",
        "small share",
    ] {
        assert!(
            !out.contains(caveat),
            "{caveat:?} under an emergency:\n{out}"
        );
    }
    // Its nearest miss: fever is urgent, and keeps them.
    let urgent = Home::new();
    urgent.add(&[
        "--pain",
        "5",
        "--at",
        "2025-03-10 09:30",
        "--symptom",
        "fever",
    ]);
    let out = text(&urgent);
    assert!(out.contains("URGENT: "), "{out}");
    assert!(out.contains("false alarms are common"), "{out}");
    // Both at once: the emergency governs, the caveats stay out.
    emergency.add(&[
        "--pain",
        "5",
        "--at",
        "2025-03-10 09:40",
        "--symptom",
        "fever",
    ]);
    let out = text(&emergency);
    assert!(
        out.contains("URGENT: ") && !out.contains("false alarm"),
        "{out}"
    );
}

#[test]
fn a_broken_config_stops_with_its_line_and_a_broken_rule_file_leaves_the_bundled_rules() {
    let home = Home::new();
    home.add(&[
        "--pain",
        "4",
        "--at",
        "2025-03-10 09:30",
        "--symptom",
        "fever",
    ]);
    fs::write(home.config(), "[profile]\nbirth_year = \"1960\"\n").unwrap();
    let out = home.cmd().args(["flags"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("config.toml:2:14"), "{err}");

    fs::write(home.config(), "").unwrap();
    fs::write(home.dir.path().join("red-flags.toml"), "[[rules]]\nid = \"fever\"\nlevel = \"soon\"\ntitle = \"t\"\naction = \"a\"\n[rules.when]\nsymptoms_any = [\"fever\"]\n").unwrap();
    let out = home
        .cmd()
        .args(["flags", "--json", "--as-of", "2025-03-10"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("red-flags.toml:2:6"), "{err}");
    assert!(err.contains("the bundled rules still apply"), "{err}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["flags"][0]["level"], "urgent",
        "the bundled fever rule, not weakened"
    );
}

#[test]
fn a_bad_as_of_is_refused_naming_the_accepted_forms() {
    let out = Home::new()
        .cmd()
        .args(["flags", "--as-of", "yesterday"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--as-of") && err.contains("2026-11-20"),
        "{err}"
    );
}

#[test]
fn a_user_rule_file_with_a_bad_new_condition_is_reported_at_its_line_and_column() {
    let home = Home::new();
    home.add_words("--pain 9 --onset gradual --at 2025-03-09");
    let rule = "[[rules]]\nid = \"mine\"\nlevel = \"soon\"\ntitle = \"t\"\naction = \"a\"\n";
    for (when, at) in [
        (
            "age_below = \"young\"\npain_at_least = 1\n",
            "red-flags.toml:7:13",
        ),
        (
            "pain_on_days = [{ at_least = 8, days = 2, within = \"a week\" }]\n",
            "red-flags.toml:7:52",
        ),
    ] {
        fs::write(
            home.dir.path().join("red-flags.toml"),
            format!("{rule}[rules.when]\n{when}"),
        )
        .unwrap();
        let out = home
            .cmd()
            .args(["flags", "--json", "--as-of", "2025-03-10"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(at), "{err}");
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(ids(&doc), ["severe-pain"], "the bundled rules still apply");
    }
    // The nearest miss: the same rule written well is in force.
    fs::write(
        home.dir.path().join("red-flags.toml"),
        format!("{rule}[rules.when]\npain_on_days = [{{ at_least = 9, days = 1 }}]\n"),
    )
    .unwrap();
    let doc = home.flags("2025-03-10");
    assert_eq!(ids(&doc), ["severe-pain", "mine"]);
}
