//! `knotless log add` asks the screening questions too: an entry with leg, foot, buttock or
//! nerve symptoms and no answers is stored, and stderr names each unanswered question with the
//! flags that answer it. Contradictions, denials of what is not a question, and times before
//! 1900 or in the future are refused with nothing written.

use crate::common;

use std::fs;

use chrono::{Duration, Local};
use common::cli::Home;

const QUESTIONS: [&str; 4] = [
    "saddle-numbness",
    "bladder-change",
    "bowel-change",
    "sexual-change",
];

impl Home {
    /// `log add` that succeeds: (stdout, stderr).
    fn add_out(&self, args: &[&str]) -> (String, String) {
        let out = self
            .cmd()
            .args(["log", "add"])
            .args(args)
            .assert()
            .success();
        let o = out.get_output();
        (
            String::from_utf8_lossy(&o.stdout).to_string(),
            String::from_utf8_lossy(&o.stderr).to_string(),
        )
    }

    fn lines(&self) -> usize {
        fs::read_to_string(self.log_file())
            .map(|s| s.lines().count())
            .unwrap_or(0)
    }

    /// `log add` refused: exit 2, stderr holds each of `says`, nothing written.
    fn refused_saying(&self, args: &[&str], says: &[&str]) {
        let before = fs::read(self.log_file()).ok();
        let out = self.cmd().args(["log", "add"]).args(args).assert().code(2);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        for s in says {
            assert!(stderr.contains(s), "{args:?} says {s:?}: {stderr}");
        }
        assert_eq!(
            fs::read(self.log_file()).ok(),
            before,
            "{args:?} wrote nothing"
        );
    }
}

#[test]
fn leg_foot_buttock_or_nerve_symptoms_without_answers_are_stored_and_asked_about() {
    // (what, arguments, the questions still to ask)
    let rows: &[(&str, &[&str], &[&str])] = &[
        ("a leg", &["--area", "leg-left"], &QUESTIONS),
        ("a foot", &["--area", "foot-right"], &QUESTIONS),
        ("a buttock", &["--area", "buttock-left"], &QUESTIONS),
        ("a nerve symptom", &["--symptom", "tingling"], &QUESTIONS),
        (
            "two answered: only the other two are asked",
            &[
                "--area",
                "leg-left",
                "--deny",
                "saddle-numbness",
                "--symptom",
                "bladder-change",
            ],
            &["bowel-change", "sexual-change"],
        ),
        (
            "all answered: nothing to ask (the numbness has its place, so nothing asks where)",
            &[
                "--symptom",
                "numbness",
                "--area",
                "foot-left",
                "--deny",
                "saddle-numbness",
                "--deny",
                "bladder-change",
                "--deny",
                "bowel-change",
                "--deny",
                "sexual-change",
            ],
            &[],
        ),
        (
            "nearest miss: a hip ache asks nothing",
            &["--area", "hip-left", "--symptom", "aching"],
            &[],
        ),
    ];
    for (what, args, asked) in rows {
        let home = Home::new();
        let mut all = vec!["--pain", "5"];
        all.extend_from_slice(args);
        let (stdout, stderr) = home.add_out(&all);
        assert_eq!(stdout.trim().len(), 26, "{what}: stdout is just the id");
        assert_eq!(home.lines(), 1, "{what}: the entry is stored");
        for q in QUESTIONS {
            let how = format!("yes: --symptom {q}    no: --deny {q}");
            assert_eq!(
                stderr.contains(&how),
                asked.contains(&q),
                "{what}: {q} asked iff unanswered:\n{stderr}"
            );
        }
        if asked.is_empty() {
            assert!(stderr.is_empty(), "{what}: {stderr}");
        } else {
            assert!(
                stderr.contains("please also answer these screening questions"),
                "{what}: {stderr}"
            );
            // The questions are asked in words, not only by id.
            assert!(
                stderr.contains("Any new trouble feeling or controlling your bowel?"),
                "{what}: {stderr}"
            );
        }
    }
}

#[test]
fn contradictions_denials_of_non_questions_and_impossible_dates_are_refused() {
    let home = Home::new();
    home.add(&["--pain", "2"]);
    let now = Local::now();
    let later = (now + Duration::minutes(10))
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let within_skew = (now + Duration::seconds(20))
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string();
    let rows: &[(&[&str], &[&str])] = &[
        (
            &["--symptom", "bowel-change", "--deny", "bowel-change"],
            &[
                "--symptom bowel-change and --deny bowel-change",
                "one of them",
            ],
        ),
        (
            &["--deny", "knot"],
            &[
                "--deny",
                "`knot` is not a screening question",
                "saddle-numbness, bladder-change, bowel-change, sexual-change",
            ],
        ),
        (
            &["--deny", "numbness"],
            &["--deny", "--symptom numbness", "saddle-numbness"],
        ),
        (
            &["--at", "1899-12-31"],
            &["--at", "before 1900", "from 1900-01-01 up to now"],
        ),
        (
            &["--at", "1899-12-31T23:59:00+00:00"],
            &["--at", "before 1900"],
        ),
        (
            &["--at", &later],
            &["--at", "in the future", "from 1900-01-01 up to now"],
        ),
    ];
    for (args, says) in rows {
        let mut all = vec!["--pain", "3"];
        all.extend_from_slice(args);
        home.refused_saying(&all, says);
    }
    // Nearest misses: the first day of 1900, a time a few seconds ahead (clocks differ), and a
    // screening question denied while another is logged.
    home.add(&["--pain", "3", "--at", "1900-01-01"]);
    home.add(&["--pain", "3", "--at", &within_skew]);
    home.add(&[
        "--pain",
        "3",
        "--symptom",
        "bowel-change",
        "--deny",
        "bladder-change",
    ]);
    assert_eq!(home.lines(), 4);
}
