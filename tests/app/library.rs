//! The bundled library: enough routines and exercises for every phase of a bad back, each with
//! its source, its cautions and a drawing for every step.

use std::collections::BTreeSet;

use knotless::routine::phase::Phase;
use knotless::routine::{Kind, Library, Origin, bundled_art};

#[test]
fn the_library_covers_every_phase_with_twenty_routines_and_forty_exercises() {
    let lib = Library::load(&[]);
    assert!(lib.broken.is_empty(), "{:#?}", lib.broken);
    let bundled: Vec<_> = lib
        .routines
        .iter()
        .filter(|r| r.origin == Origin::Bundled)
        .collect();
    assert!(bundled.len() >= 20, "{} routines", bundled.len());
    let exercises: BTreeSet<&str> = bundled
        .iter()
        .flat_map(|r| r.steps.iter().map(|s| s.name.as_str()))
        .collect();
    assert!(exercises.len() >= 40, "{} exercises", exercises.len());
    for (phase, _) in Phase::TAGS {
        assert!(
            bundled.iter().any(|r| Phase::of(r) == phase),
            "no routine for {phase:?}"
        );
    }
    for r in &bundled {
        assert!(!r.source.is_empty(), "{} has no source", r.id);
        assert!(!r.cautions.is_empty(), "{} has no cautions", r.id);
        for step in &r.steps {
            assert!(
                step.art.is_some(),
                "{}: `{}` has no drawing",
                r.id,
                step.name
            );
        }
    }
    // The core-endurance routines hold 8–10 s in descending sets (5, then 3, then 1).
    for id in ["core-endurance-knees", "core-endurance-feet"] {
        let r = lib.get(id).unwrap();
        let curl: Vec<u32> = r
            .steps
            .iter()
            .filter(|s| s.name == "Curl-up")
            .map(|s| s.sets)
            .collect();
        assert_eq!(curl, [5, 3, 1], "{id}");
    }
    // Nerve-friendly routines keep the knee bent: no straight-leg hamstring stretch, no slump.
    for r in bundled
        .iter()
        .filter(|r| Phase::of(r) == Phase::NerveFriendly)
    {
        for s in &r.steps {
            let name = s.name.to_lowercase();
            assert!(
                !name.contains("slump") && (!name.contains("hamstring") || name.contains("bent")),
                "{}: {}",
                r.id,
                s.name
            );
        }
    }
    // Every kind still has a routine.
    for kind in [Kind::Stretch, Kind::Heat, Kind::PostureBreak] {
        assert!(bundled.iter().any(|r| r.kind == kind));
    }
}

#[test]
fn every_drawing_fits_28_columns_by_8_lines() {
    let mut count = 0;
    for (name, text) in bundled_art() {
        count += 1;
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.len() <= 8, "{name}: {} lines", lines.len());
        for l in lines {
            assert!(l.chars().count() <= 28, "{name}: {l:?}");
        }
    }
    assert!(count >= 40, "{count} drawings");
}

#[test]
fn core_endurance_holds_are_not_lengthened_for_older_adults() {
    use std::time::Duration;
    let lib = Library::load(&[]);
    let mut core = lib.get("core-endurance-knees").unwrap().clone();
    assert!(
        core.lengthen_short_holds(Duration::from_secs(30))
            .is_empty()
    );
    let mut stretch = lib.get("desk-reset").unwrap().clone();
    assert!(
        !stretch
            .lengthen_short_holds(Duration::from_secs(30))
            .is_empty()
    );
}
