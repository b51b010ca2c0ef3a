//! Loader tests: one per invalid case of DESIGN §4, each asserting where the error points.
//! The library (user files beside bundled ones) and the bundled content are tested in
//! `library_tests`.

use std::time::Duration;

use super::plan::{PhaseKind, Side, expand};
use super::*;

fn art(name: &str) -> Option<String> {
    (name == "knee-to-chest").then(|| "o\n/|\\".to_owned())
}

fn load(text: &str) -> Result<Routine, Vec<crate::diagnostic::Diagnostic>> {
    parse("test", "test.toml", text, Origin::Bundled, &art)
}

/// The single error for `text`, as (line, column, message).
fn error(text: &str) -> (usize, usize, String) {
    let errors = load(text).expect_err("should be invalid");
    assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
    let e = &errors[0];
    (e.line, e.column, e.message.clone())
}

const GOOD: &str = r#"
name = "Lower back release"
kind = "stretch"
prepare = "10s"
rest = "10s"

[[steps]]
name = "Knee to chest"
hold = "30s"
sides = "left-right"
sets = 2
rest = "15s"
art = "knee-to-chest"

[[steps]]
name = "Pelvic tilt"
reps = 10
tempo = "3s"

[[steps]]
name = "Cat-cow"
reps = 8
"#;

#[test]
fn a_valid_routine_loads_with_defaults_and_plan() {
    let r = load(GOOD).unwrap();
    assert_eq!(r.name, "Lower back release");
    assert_eq!(r.steps[0].switch, Duration::from_secs(5));
    assert_eq!(
        r.steps[1].rest,
        Duration::from_secs(10),
        "routine rest is the default"
    );
    assert_eq!(r.steps[0].art.as_ref().unwrap().text, "o\n/|\\");
    assert_eq!(
        r.steps[1].work,
        super::Work::Reps {
            count: 10,
            tempo: Some(Duration::from_secs(3))
        }
    );
    // prepare 10 + 2 sets × (30 + 5 + 30) + rests 15 × 2 + 30 tempo + rest 10 + untimed 0
    assert_eq!(r.total(), Duration::from_secs(10 + 130 + 30 + 30 + 10));
    let kinds: Vec<(PhaseKind, Side)> = expand(&r).iter().map(|p| (p.kind, p.side)).collect();
    use PhaseKind::*;
    assert_eq!(
        kinds,
        vec![
            (Prepare, Side::Left),
            (Work, Side::Left),
            (SwitchSides, Side::Right),
            (Work, Side::Right),
            (Rest, Side::Right),
            (Work, Side::Left),
            (SwitchSides, Side::Right),
            (Work, Side::Right),
            (Rest, Side::Right),
            (Work, Side::Both),
            (Rest, Side::Both),
            (Work, Side::Both),
        ]
    );
    assert_eq!(expand(&r).last().unwrap().duration, None, "untimed reps");
}

#[test]
fn typo_in_a_key_is_an_error_at_that_key() {
    let (line, col, msg) =
        error("name = \"x\"\nkind = \"stretch\"\n\n[[steps]]\nname = \"a\"\nhodl = \"30s\"\n");
    assert_eq!((line, col), (6, 1));
    assert!(
        msg.contains("unknown field `hodl`") && msg.contains("`hold`"),
        "{msg}"
    );
}

#[test]
fn unknown_top_level_key() {
    let (line, col, msg) = error(
        "name = \"x\"\nkind = \"stretch\"\nsumary = \"y\"\n[[steps]]\nname = \"a\"\nhold = \"5s\"\n",
    );
    assert_eq!((line, col), (3, 1));
    assert!(msg.contains("sumary"), "{msg}");
}

#[test]
fn wrong_type() {
    let (line, col, msg) =
        error("name = \"x\"\nkind = \"stretch\"\n[[steps]]\nname = \"a\"\nhold = 30\n");
    assert_eq!((line, col), (5, 8));
    assert!(msg.contains("string"), "{msg}");
}

#[test]
fn unknown_kind_lists_the_accepted_ones() {
    let (line, col, msg) =
        error("name = \"x\"\nkind = \"strech\"\n[[steps]]\nname = \"a\"\nhold = \"5s\"\n");
    assert_eq!((line, col), (2, 8));
    assert!(msg.contains("posture-break"), "{msg}");
}

#[test]
fn zero_duration() {
    let (line, col, msg) =
        error("name = \"x\"\nkind = \"stretch\"\n[[steps]]\nname = \"a\"\nhold = \"0s\"\n");
    assert_eq!((line, col), (5, 8));
    assert!(msg.contains("longer than zero"), "{msg}");
}

#[test]
fn negative_duration() {
    let (line, col, msg) = error(
        "name = \"x\"\nkind = \"stretch\"\nprepare = \"-5s\"\n[[steps]]\nname = \"a\"\nhold = \"5s\"\n",
    );
    assert_eq!((line, col), (3, 11));
    assert!(msg.contains("prepare"), "{msg}");
}

#[test]
fn zero_or_negative_counts() {
    let (line, col, msg) =
        error("name = \"x\"\nkind = \"stretch\"\n[[steps]]\nname = \"a\"\nreps = 0\n");
    assert_eq!((line, col), (5, 8));
    assert!(msg.contains("1 to 200"), "{msg}");
    let (line, col, _) = error(
        "name = \"x\"\nkind = \"stretch\"\n[[steps]]\nname = \"a\"\nhold = \"5s\"\nsets = -2\n",
    );
    assert_eq!((line, col), (6, 8));
}

#[test]
fn step_with_both_hold_and_reps() {
    let (line, col, msg) = error(
        "name = \"x\"\nkind = \"stretch\"\n[[steps]]\nname = \"a\"\nhold = \"5s\"\nreps = 3\n",
    );
    assert_eq!((line, col), (6, 8));
    assert!(msg.contains("both"), "{msg}");
}

#[test]
fn step_with_neither_hold_nor_reps() {
    let (line, col, msg) =
        error("name = \"x\"\nkind = \"stretch\"\n[[steps]]\nname = \"Twist\"\ncue = \"turn\"\n");
    assert_eq!((line, col), (4, 8));
    assert!(msg.contains("neither"), "{msg}");
}

#[test]
fn unknown_art() {
    let (line, col, msg) = error(
        "name = \"x\"\nkind = \"stretch\"\n[[steps]]\nname = \"a\"\nhold = \"5s\"\nart = \"knee-to-chin\"\n",
    );
    assert_eq!((line, col), (6, 7));
    assert!(msg.contains("knee-to-chin"), "{msg}");
    let (_, _, msg) = error(
        "name = \"x\"\nkind = \"stretch\"\n[[steps]]\nname = \"a\"\nhold = \"5s\"\nart = \"../../etc/passwd\"\n",
    );
    assert!(
        msg.contains("unknown art"),
        "paths are not art names: {msg}"
    );
}

#[test]
fn heat_step_over_twenty_minutes() {
    let (line, col, msg) =
        error("name = \"x\"\nkind = \"heat\"\n[[steps]]\nname = \"pack\"\nhold = \"25m\"\n");
    assert_eq!((line, col), (5, 8));
    assert!(msg.contains("20 minutes"), "{msg}");
}

#[test]
fn heat_routine_over_twenty_minutes_in_total() {
    let text = "name = \"x\"\nkind = \"heat\"\n[[steps]]\nname = \"a\"\nhold = \"15m\"\n[[steps]]\nname = \"b\"\nhold = \"10m\"\n";
    let (line, col, msg) = error(text);
    assert_eq!((line, col), (8, 8));
    assert!(msg.contains("25m in total"), "{msg}");
    // Sets count too.
    let (line, _, _) =
        error("name = \"x\"\nkind = \"heat\"\n[[steps]]\nname = \"a\"\nhold = \"15m\"\nsets = 2\n");
    assert_eq!(line, 5);
}

#[test]
fn heat_steps_get_skin_checks_every_five_minutes_by_default() {
    let r =
        load("name = \"x\"\nkind = \"heat\"\n[[steps]]\nname = \"a\"\nhold = \"15m\"\n").unwrap();
    assert_eq!(r.steps[0].check_every, Some(Duration::from_secs(300)));
    let (line, col, _) = error(
        "name = \"x\"\nkind = \"stretch\"\n[[steps]]\nname = \"a\"\nhold = \"5m\"\ncheck_every = \"1m\"\n",
    );
    assert_eq!((line, col), (6, 15));
}

#[test]
fn skin_checks_more_than_five_minutes_apart_are_an_error_at_check_every() {
    let text = |every: &str| {
        format!(
            "name = \"x\"\nkind = \"heat\"\n[[steps]]\nname = \"a\"\nhold = \"15m\"\ncheck_every = \"{every}\"\n"
        )
    };
    let (line, col, msg) = error(&text("5m1s"));
    assert_eq!((line, col), (6, 15));
    assert!(msg.contains("at most 5 minutes apart"), "{msg}");
    let (_, _, msg) = error(&text("20m"));
    assert!(msg.contains("20m"), "{msg}");
    // The nearest miss: exactly 5 minutes, or closer, is fine.
    for ok in ["5m", "4m59s", "2m"] {
        assert!(load(&text(ok)).is_ok(), "{ok}");
    }
}

#[test]
fn posture_break_without_every() {
    let (line, col, msg) =
        error("name = \"x\"\nkind = \"posture-break\"\n[[steps]]\nname = \"a\"\nhold = \"30s\"\n");
    assert_eq!((line, col), (2, 8));
    assert!(msg.contains("every"), "{msg}");
}

#[test]
fn posture_break_over_ten_minutes() {
    let (line, col, msg) = error(
        "name = \"x\"\nkind = \"posture-break\"\nevery = \"1h\"\n[[steps]]\nname = \"a\"\nhold = \"11m\"\n",
    );
    assert_eq!((line, col), (2, 8));
    assert!(msg.contains("10 minutes"), "{msg}");
}

#[test]
fn every_on_a_stretch_routine() {
    let (line, col, _) = error(
        "name = \"x\"\nkind = \"stretch\"\nevery = \"1h\"\n[[steps]]\nname = \"a\"\nhold = \"1m\"\n",
    );
    assert_eq!((line, col), (3, 9));
}

#[test]
fn missing_required_name() {
    let errors = load("kind = \"stretch\"\n[[steps]]\nname = \"a\"\nhold = \"1m\"\n").unwrap_err();
    assert!(
        errors[0].message.contains("missing field `name`"),
        "{errors:?}"
    );
}

#[test]
fn no_steps() {
    let (line, col, msg) = error("name = \"x\"\nkind = \"stretch\"\n");
    assert_eq!((line, col), (1, 8));
    assert!(msg.contains("no steps"), "{msg}");
}

#[test]
fn every_error_in_a_file_is_reported() {
    let errors = load("name = \"x\"\nkind = \"stretch\"\nrest = \"0s\"\n[[steps]]\nname = \"a\"\nhold = \"1q\"\n[[steps]]\nname = \"b\"\nreps = 0\n").unwrap_err();
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![3, 6, 9]);
}

#[test]
fn holds_under_thirty_seconds_are_lengthened_but_heat_is_not() {
    let mut r = load(
        "name = \"x\"\nkind = \"stretch\"\n[[steps]]\nname = \"a\"\nhold = \"29s\"\n[[steps]]\nname = \"b\"\nhold = \"30s\"\n[[steps]]\nname = \"c\"\nreps = 5\ntempo = \"3s\"\n",
    )
    .unwrap();
    assert_eq!(r.lengthen_short_holds(OLDER_ADULT_HOLD), vec![0]);
    assert_eq!(r.steps[0].work, Work::Hold(Duration::from_secs(30)));
    assert_eq!(r.steps[1].work, Work::Hold(Duration::from_secs(30)));
    let mut heat =
        load("name = \"x\"\nkind = \"heat\"\n[[steps]]\nname = \"a\"\nhold = \"20s\"\n").unwrap();
    assert!(heat.lengthen_short_holds(OLDER_ADULT_HOLD).is_empty());
}
