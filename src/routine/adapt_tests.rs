//! Fitting a routine to the person: each rule beside its nearest miss.

use std::time::Duration;

use super::*;
use crate::programme::dose::{self, DoseLimits};
use crate::routine::{Origin, Work, parse};

const FLOOR: &str = r#"
name = "Floor"
kind = "stretch"

[[steps]]
name = "Knee to chest"
hold = "20s"
loads = ["flexion"]

[steps.alternative]
name = "Knee rocking"
reps = 10
tempo = "3s"

[[steps]]
name = "Seated forward bend"
hold = "20s"
loads = ["flexion"]

[[steps]]
name = "Hip flexor stretch"
hold = "20s"

[[steps]]
name = "Sphinx"
hold = "20s"
loads = ["prone"]

[steps.alternative]
name = "Back arch on hands and knees"
hold = "20s"

[[steps]]
name = "Lying face down"
hold = "1m"
loads = ["prone"]

[[steps]]
name = "Lower back rotation"
hold = "20s"
loads = ["twist"]

[[steps]]
name = "Ball on the buttock"
hold = "45s"
loads = ["massage"]
"#;

fn floor() -> Routine {
    parse("floor", "floor.toml", FLOOR, Origin::Bundled, &|_| None).unwrap()
}

fn person(age: i32, conditions: &[&str]) -> Person {
    Person::new(Some(age), &ProfileConditions::of(conditions))
}

fn names(r: &Routine) -> Vec<&str> {
    r.steps.iter().map(|s| s.name.as_str()).collect()
}

fn hold(r: &Routine, name: &str) -> Duration {
    match r.steps.iter().find(|s| s.name == name).unwrap().work {
        Work::Hold(d) => d,
        Work::Reps { .. } => panic!("{name} is not a hold"),
    }
}

const SECS_20: Duration = Duration::from_secs(20);
const SECS_30: Duration = Duration::from_secs(30);

#[test]
fn the_condition_names_are_in_the_vocabulary() {
    ProfileConditions::of(&FRAGILE_BONES);
    ProfileConditions::of(&[PREGNANCY, BLOOD_THINNERS]);
}

#[test]
fn osteoporosis_at_76_keeps_forward_bends_as_written_and_uses_the_alternative() {
    let fitted = adapt(&floor(), &person(76, &["osteoporosis"]));
    let r = &fitted.routine;
    assert_eq!(
        names(r)[..3],
        ["Knee rocking", "Seated forward bend", "Hip flexor stretch"]
    );
    assert_eq!(
        fitted.care.changes[0],
        Change::Swapped {
            step: 0,
            instead_of: "Knee to chest".into(),
            load: Load::Flexion,
            why: Reason::FragileBones
        }
    );
    // The forward bend with no alternative stays at 20 s; the hip stretch gets the 30 s of 65+.
    assert_eq!(hold(r, "Seated forward bend"), SECS_20);
    assert_eq!(hold(r, "Lower back rotation"), SECS_20);
    assert_eq!(hold(r, "Hip flexor stretch"), SECS_30);
    let bend = 1;
    let twist = names(r)
        .iter()
        .position(|n| *n == "Lower back rotation")
        .unwrap();
    assert_eq!(fitted.care.spine_steps, vec![bend, twist]);
    assert_eq!(fitted.care.kept_dose, vec![bend, twist]);
    assert!(!fitted.care.lengthened.contains(&bend));
    // Long-term steroids count as fragile bones too.
    assert_eq!(
        adapt(&floor(), &person(76, &["long-term-steroids"])),
        fitted
    );
}

#[test]
fn the_nearest_misses_lengthen_as_before() {
    // 64 with osteoporosis: the alternative and the caution, but no 65+ rule at all.
    let at_64 = adapt(&floor(), &person(64, &["osteoporosis"]));
    assert_eq!(names(&at_64.routine)[0], "Knee rocking");
    assert!(!at_64.care.spine_steps.is_empty());
    assert!(at_64.care.kept_dose.is_empty());
    assert!(at_64.care.lengthened.is_empty());
    // 76 with no condition: every short hold lengthened, nothing swapped.
    let plain = adapt(&floor(), &person(76, &[]));
    assert_eq!(names(&plain.routine), names(&floor()));
    assert_eq!(hold(&plain.routine, "Seated forward bend"), SECS_30);
    assert_eq!(hold(&plain.routine, "Knee to chest"), SECS_30);
    assert!(plain.care.changes.is_empty() && plain.care.spine_steps.is_empty());
    // Another condition is not fragile bones.
    let diabetes = adapt(&floor(), &person(76, &["diabetes"]));
    assert_eq!(diabetes.routine, plain.routine);
}

#[test]
fn programme_levels_leave_spine_bending_steps_at_level_1_from_65_with_fragile_bones() {
    let written = floor();
    let grown = |limits: DoseLimits| dose::at_level(&written, 4, limits).0;
    let fragile_76 = grown(DoseLimits {
        older_adult: true,
        fragile_bones: true,
    });
    assert_eq!(hold(&fragile_76, "Knee to chest"), SECS_20);
    assert_eq!(hold(&fragile_76, "Seated forward bend"), SECS_20);
    assert_eq!(hold(&fragile_76, "Lower back rotation"), SECS_20);
    let bend = &fragile_76.steps[1];
    assert_eq!(bend.sets, 1, "no extra set either");
    assert!(hold(&fragile_76, "Hip flexor stretch") > SECS_20);
    // Nearest misses: 64 with fragile bones, and 76 without.
    for limits in [
        DoseLimits {
            older_adult: false,
            fragile_bones: true,
        },
        DoseLimits {
            older_adult: true,
            fragile_bones: false,
        },
    ] {
        assert!(
            hold(&grown(limits), "Seated forward bend") > SECS_20,
            "{limits:?}"
        );
    }
}

#[test]
fn dose_limits_read_fragile_bones_from_the_profile() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let profile = |year, conditions: &[&str]| crate::flags::Profile {
        birth_year: Some(year),
        conditions: ProfileConditions::of(conditions),
    };
    assert!(DoseLimits::for_profile(&profile(1950, &["osteoporosis"]), today).keeps_spine_dose());
    assert!(!DoseLimits::for_profile(&profile(1962, &["osteoporosis"]), today).keeps_spine_dose());
    assert!(!DoseLimits::for_profile(&profile(1950, &["diabetes"]), today).keeps_spine_dose());
}

#[test]
fn pregnancy_swaps_or_leaves_out_face_down_steps_and_twists() {
    let fitted = adapt(&floor(), &person(31, &["pregnancy"]));
    let r = &fitted.routine;
    assert!(names(r).contains(&"Back arch on hands and knees"));
    for gone in ["Sphinx", "Lying face down", "Lower back rotation"] {
        assert!(!names(r).contains(&gone), "{gone}");
    }
    // Forward bends are not a pregnancy rule: knee to chest stays.
    assert!(names(r).contains(&"Knee to chest"));
    assert!(fitted.care.changes.contains(&Change::LeftOut {
        name: "Lying face down".into(),
        load: Load::Prone,
        why: Reason::Pregnancy
    }));
    assert!(fitted.care.changes.contains(&Change::LeftOut {
        name: "Lower back rotation".into(),
        load: Load::Twist,
        why: Reason::Pregnancy
    }));
    // The nearest miss: not pregnant, nothing changes.
    let not = adapt(&floor(), &person(31, &[]));
    assert_eq!(not.routine, floor());
    assert!(!not.care.has_notes());
}

#[test]
fn pregnancy_leaves_out_heat_over_the_belly() {
    let heat = parse(
        "belly",
        "belly.toml",
        "name = \"Belly heat\"\nkind = \"heat\"\n[[steps]]\nname = \"Heat on the belly\"\nhold = \"10m\"\nloads = [\"belly-heat\"]\n[[steps]]\nname = \"Heat on the lower back\"\nhold = \"5m\"\n",
        Origin::Bundled,
        &|_| None,
    )
    .unwrap();
    let fitted = adapt(&heat, &person(31, &["pregnancy"]));
    assert_eq!(names(&fitted.routine), ["Heat on the lower back"]);
    assert_eq!(
        fitted.routine.steps[0].check_every,
        Some(crate::routine::MAX_SKIN_CHECK),
        "the heat that stays keeps its skin checks"
    );
    assert_eq!(adapt(&heat, &person(31, &[])).routine, heat);
}

#[test]
fn an_alternative_the_person_must_also_avoid_is_not_used() {
    let r = parse(
        "t",
        "t.toml",
        "name = \"t\"\nkind = \"stretch\"\n[[steps]]\nname = \"Sphinx\"\nhold = \"20s\"\nloads = [\"prone\"]\n[steps.alternative]\nname = \"Seated twist\"\nhold = \"20s\"\nloads = [\"twist\"]\n",
        Origin::Bundled,
        &|_| None,
    )
    .unwrap();
    let fitted = adapt(&r, &person(31, &["pregnancy"]));
    assert!(fitted.routine.steps.is_empty(), "both are ruled out");
    // With fragile bones only, the sphinx is fine as it is.
    let fragile = adapt(&r, &person(31, &["osteoporosis"]));
    assert_eq!(names(&fragile.routine), ["Sphinx"]);
}

#[test]
fn blood_thinners_mark_the_massage_steps() {
    let fitted = adapt(&floor(), &person(50, &["blood-thinners"]));
    let ball = names(&fitted.routine)
        .iter()
        .position(|n| *n == "Ball on the buttock")
        .unwrap();
    assert_eq!(fitted.care.massage_steps, vec![ball]);
    assert_eq!(fitted.routine, floor(), "kept, with a caution");
    assert!(
        adapt(&floor(), &person(50, &[]))
            .care
            .massage_steps
            .is_empty()
    );
}
