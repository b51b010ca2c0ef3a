//! Bounds on routine files (issue: files `check` called valid crashed the app): every file either
//! loads within the bounds or is refused with an error that points at a line; nothing panics and
//! nothing allocates out of proportion to the file.

use std::time::Duration;

use proptest::prelude::*;

use super::file::{MAX_NAME_CHARS, MAX_PHASE, MAX_SETS, MAX_STEPS, MAX_TOTAL};
use super::plan::expand;
use super::*;

fn load(text: &str) -> Result<Routine, Vec<crate::diagnostic::Diagnostic>> {
    parse("test", "test.toml", text, Origin::Bundled, &|_| None)
}

fn steps(n: usize, step: &str) -> String {
    let mut text = String::from("name = \"Big\"\nkind = \"stretch\"\n");
    for _ in 0..n {
        text.push_str("[[steps]]\n");
        text.push_str(step);
        text.push('\n');
    }
    text
}

#[test]
fn huge_holds_sets_steps_and_totals_are_refused_at_their_line() {
    // (file, the message it gives, its line)
    let cases = [
        (
            steps(3, "name = \"x\"\nhold = \"999999999h\""),
            "`hold` may be at most 1h",
            5,
        ),
        (
            steps(1, "name = \"x\"\nhold = \"1h1s\""),
            "`hold` may be at most 1h",
            5,
        ),
        (
            steps(1, "name = \"x\"\nhold = \"10s\"\nsets = 1000"),
            "`sets` must be a whole number from 1 to 20",
            6,
        ),
        (
            steps(1, "name = \"x\"\nreps = 5000"),
            "`reps` must be a whole number from 1 to 200",
            5,
        ),
        (
            steps(1, "name = \"x\"\nreps = 10\ntempo = \"2h\""),
            "`tempo` may be at most 1h",
            6,
        ),
        (
            steps(MAX_STEPS + 1, "name = \"x\"\nhold = \"1s\""),
            "steps; at most 200",
            1,
        ),
        (
            steps(3, "name = \"x\"\nhold = \"1h\"\nsets = 2"),
            "at most 4h in all",
            1,
        ),
        // The fuzz finding: a name of 65,536 characters made `knotless routines` panic.
        (
            steps(1, "name = \"x\"\nhold = \"1s\"").replacen("Big", &"a".repeat(65_536), 1),
            "the routine's `name` is 65536 characters long; at most 80",
            1,
        ),
        (
            steps(2, &format!("name = \"{}\"\nhold = \"1s\"", "é".repeat(81))),
            "the step's `name` is 81 characters long; at most 80",
            4,
        ),
    ];
    for (text, says, line) in cases {
        let errors = load(&text).expect_err(says);
        assert!(
            errors
                .iter()
                .any(|e| e.message.contains(says) && e.line == line),
            "{says} at line {line}: {errors:#?}"
        );
    }
    // The nearest misses load.
    assert!(load(&steps(1, "name = \"x\"\nhold = \"1h\"")).is_ok());
    let longest = "é".repeat(MAX_NAME_CHARS);
    assert!(load(&steps(1, &format!("name = \"{longest}\"\nhold = \"1s\""))).is_ok());
    assert!(load(&steps(MAX_STEPS, "name = \"x\"\nhold = \"1s\"")).is_ok());
    assert!(load(&steps(1, "name = \"x\"\nhold = \"10s\"\nsets = 20")).is_ok());
}

fn duration_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,10}[hms]",
        "[0-9]{1,3}h[0-9]{1,3}m[0-9]{1,3}s",
        "[0-9a-z ]{0,6}",
    ]
}

proptest! {
    // A few thousand cases in `cargo test`; for a longer run:
    // PROPTEST_CASES=200000 cargo test --release --lib routine::bounds_tests
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000)
    ))]

    #[test]
    fn any_routine_file_loads_within_bounds_or_is_refused_at_a_line(
        n in 0usize..260,
        hold in duration_text(),
        rest in duration_text(),
        sets in -5i64..2000,
        reps in proptest::option::of(-5i64..5000),
        sided in any::<bool>(),
        heat in any::<bool>(),
    ) {
        let mut text = format!(
            "name = \"R\"\nkind = \"{}\"\nrest = \"{rest}\"\n",
            if heat { "heat" } else { "stretch" }
        );
        for _ in 0..n {
            text.push_str("[[steps]]\nname = \"s\"\n");
            match reps {
                Some(r) => text.push_str(&format!("reps = {r}\n")),
                None => text.push_str(&format!("hold = \"{hold}\"\n")),
            }
            text.push_str(&format!("sets = {sets}\n"));
            if sided {
                text.push_str("sides = \"left-right\"\n");
            }
        }
        match load(&text) {
            Ok(routine) => {
                prop_assert!(routine.steps.len() <= MAX_STEPS);
                prop_assert!(routine.total() <= MAX_TOTAL);
                for step in &routine.steps {
                    prop_assert!(i64::from(step.sets) <= MAX_SETS);
                    if let Work::Hold(h) = step.work {
                        prop_assert!(h <= MAX_PHASE && h > Duration::ZERO);
                    }
                }
                prop_assert!(expand(&routine).len() <= 1 + MAX_STEPS * MAX_SETS as usize * 4);
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                prop_assert!(errors.iter().all(|e| e.line >= 1));
            }
        }
    }
}
