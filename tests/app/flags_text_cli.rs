//! `knotless flags` in words: each piece of evidence is the entry's date and what in it matched,
//! in the vocabulary's labels (which may hold commas, so parts are joined with "; "); ids stay
//! in `--json`.

use crate::common;

use common::cli::Home;

impl Home {
    fn flags_text(&self, as_of: &str) -> String {
        let out = self
            .cmd()
            .args(["flags", "--as-of", as_of])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    }
}

#[test]
fn evidence_reads_as_the_date_and_what_matched_in_words() {
    // (what, the entry, a line the text must hold, text it must not hold)
    let rows: &[(&str, &[&str], &str, &[&str])] = &[
        (
            "a nerve symptom down one leg: the symptom and the side, not the knot or the back",
            &[
                "--area",
                "leg-left",
                "--area",
                "lower-back",
                "--symptom",
                "numbness",
                "--symptom",
                "knot",
            ],
            "Tue 24 Nov 2026 09:30 — Numbness; Leg, left",
            &["leg-left", "Knot or tight spot; ", "Lower back (middle)"],
        ),
        (
            "an accident: the label says what counts as one",
            &["--trigger", "accident", "--onset", "sudden"],
            "Tue 24 Nov 2026 09:30 — An accident (car crash, fall from height)",
            &["— accident"],
        ),
        (
            "pain at night, in words",
            &["--symptom", "night-pain"],
            "Tue 24 Nov 2026 09:30 — Pain at night or at rest that wakes you",
            &["night-pain"],
        ),
    ];
    for (what, args, line, absent) in rows {
        let home = Home::new();
        let mut all = vec!["--pain", "8", "--at", "2026-11-24 09:30"];
        all.extend_from_slice(args);
        all.extend(
            [
                "--deny",
                "saddle-numbness",
                "--deny",
                "bladder-change",
                "--deny",
                "bowel-change",
                "--deny",
                "sexual-change",
            ]
            .iter(),
        );
        let id = home.add(&all);
        let text = home.flags_text("2026-11-24");
        assert!(text.contains(line), "{what}: {line:?} in\n{text}");
        assert!(!text.contains(&id), "{what}: no entry id in\n{text}");
        for a in *absent {
            assert!(!text.contains(a), "{what}: {a:?} not in\n{text}");
        }
    }
}
