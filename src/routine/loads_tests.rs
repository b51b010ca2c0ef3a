//! Loader tests for what a step loads and its alternative: the valid shapes, and each mistake
//! located at its line and column with the accepted values.

use std::time::Duration;

use super::*;

fn load(text: &str) -> Result<Routine, Vec<crate::diagnostic::Diagnostic>> {
    parse("test", "test.toml", text, Origin::Bundled, &|name| {
        (name == "knee-rocking").then(|| "\\o/".to_owned())
    })
}

/// The single error for `text`: line, column, message and help.
fn error(text: &str) -> (usize, usize, String, String) {
    let errors = load(text).expect_err("should be invalid");
    assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
    let e = &errors[0];
    (
        e.line,
        e.column,
        e.message.clone(),
        e.help.clone().unwrap_or_default(),
    )
}

const HEAD: &str =
    "name = \"x\"\nkind = \"stretch\"\n[[steps]]\nname = \"Knee to chest\"\nhold = \"30s\"\n";

#[test]
fn loads_and_an_alternative_as_a_sub_table_or_inline() {
    let r = load(&format!(
        "{HEAD}loads = [\"twist\", \"flexion\", \"flexion\"]\n\n[steps.alternative]\nname = \"Knee rocking\"\nreps = 10\ntempo = \"4s\"\nart = \"knee-rocking\"\n\n[[steps]]\nname = \"Ball\"\nhold = \"45s\"\nloads = [\"massage\"]\nalternative = {{ name = \"Pelvic tilt\", reps = 8, sides = \"left-right\" }}\n"
    ))
    .unwrap();
    let step = &r.steps[0];
    assert_eq!(
        step.loads,
        vec![Load::Flexion, Load::Twist],
        "once each, in order"
    );
    let alt = step.alternative.as_deref().unwrap();
    assert_eq!(alt.name, "Knee rocking");
    assert_eq!(
        alt.work,
        Work::Reps {
            count: 10,
            tempo: Some(Duration::from_secs(4))
        }
    );
    assert_eq!(alt.art.as_ref().unwrap().text, "\\o/");
    assert!(alt.loads.is_empty() && alt.alternative.is_none());
    let inline = r.steps[1].alternative.as_deref().unwrap();
    assert_eq!(inline.sides, Sides::LeftRight);
    assert_eq!(r.steps[1].loads, vec![Load::Massage]);
    // The routine as written runs the step itself.
    assert_eq!(r.steps[0].name, "Knee to chest");
    assert_eq!(r.with_alternatives().steps[0].name, "Knee rocking");
}

#[test]
fn an_unknown_load_is_located_and_the_accepted_ones_listed() {
    let (line, col, msg, help) = error(&format!("{HEAD}loads = [\"flexion\", \"bending\"]\n"));
    assert_eq!((line, col), (6, 21));
    assert!(msg.contains("unknown load `bending`"), "{msg}");
    for id in ["flexion", "twist", "prone", "belly-heat", "massage"] {
        assert!(help.contains(id), "{help}");
    }
}

#[test]
fn belly_heat_only_marks_heat_steps() {
    let (line, col, msg, _) = error(&format!("{HEAD}loads = [\"belly-heat\"]\n"));
    assert_eq!((line, col), (6, 10));
    assert!(msg.contains("not a heat hold"), "{msg}");
    // The nearest miss: a heat hold over the belly.
    load("name = \"x\"\nkind = \"heat\"\n[[steps]]\nname = \"a\"\nhold = \"10m\"\nloads = [\"belly-heat\"]\n").unwrap();
}

#[test]
fn an_invalid_alternative_is_located_like_a_step() {
    let (line, col, msg, _) = error(&format!(
        "{HEAD}loads = [\"flexion\"]\n[steps.alternative]\nname = \"Knee rocking\"\nhold = \"30s\"\nreps = 10\n"
    ));
    assert_eq!((line, col), (10, 8));
    assert!(
        msg.contains("`Knee rocking` has both `hold` and `reps`"),
        "{msg}"
    );

    let (line, _, msg, _) = error(&format!(
        "{HEAD}[steps.alternative]\nname = \"Knee rocking\"\nreps = 10\nart = \"nope\"\n"
    ));
    assert_eq!(line, 9);
    assert!(msg.contains("unknown art `nope`"), "{msg}");

    // A typo in the alternative's keys is caught like one in a step.
    let (line, _, msg, _) = error(&format!(
        "{HEAD}[steps.alternative]\nname = \"Knee rocking\"\nrepz = 10\n"
    ));
    assert_eq!(line, 8);
    assert!(msg.contains("repz"), "{msg}");
}

#[test]
fn an_alternative_must_avoid_its_steps_loads_and_have_none_of_its_own() {
    let (line, col, msg, _) = error(&format!(
        "{HEAD}loads = [\"flexion\"]\n[steps.alternative]\nname = \"Curl-up\"\nhold = \"8s\"\nloads = [\"flexion\"]\n"
    ));
    assert_eq!((line, col), (10, 10));
    assert!(
        msg.contains("loads `flexion` like the step `Knee to chest`"),
        "{msg}"
    );
    // The nearest miss: a different load is allowed (a face-down step's alternative may bend).
    load(&format!(
        "{HEAD}loads = [\"prone\"]\n[steps.alternative]\nname = \"Child's pose\"\nhold = \"30s\"\nloads = [\"flexion\"]\n"
    ))
    .unwrap();

    let errors = load(&format!(
        "{HEAD}[steps.alternative]\nname = \"Knee rocking\"\nreps = 10\n[steps.alternative.alternative]\nname = \"Rest\"\nhold = \"30s\"\n"
    ))
    .unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].message.contains("has an alternative of its own"),
        "{}",
        errors[0].message
    );
    assert!(errors[0].line >= 9, "{errors:#?}");
}

#[test]
fn an_alternative_keeps_the_heat_and_break_limits() {
    // 15 minutes of heat, then an alternative of 10: 25 minutes if it is used.
    let (line, _, msg, _) = error(
        "name = \"x\"\nkind = \"heat\"\n[[steps]]\nname = \"Back\"\nhold = \"10m\"\n[[steps]]\nname = \"Belly\"\nhold = \"5m\"\nloads = [\"belly-heat\"]\n[steps.alternative]\nname = \"Hip\"\nhold = \"15m\"\n",
    );
    assert_eq!(line, 12);
    assert!(msg.contains("25m in total"), "{msg}");
    let (_, _, msg, _) = error(
        "name = \"x\"\nkind = \"posture-break\"\nevery = \"30m\"\n[[steps]]\nname = \"Twist\"\nhold = \"1m\"\nloads = [\"twist\"]\n[steps.alternative]\nname = \"Walk\"\nhold = \"11m\"\n",
    );
    assert!(msg.contains("at most 10 minutes"), "{msg}");
}
