//! Library and bundled content tests: a user file beside or over a bundled routine, every bundled
//! routine loading, and the bundled content following the stretching and heat safety facts.

use std::time::Duration;

use super::*;

#[test]
fn a_broken_user_file_does_not_hide_others_or_its_bundled_namesake() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mine.toml"),
        "name = \"Mine\"\nkind = \"stretch\"\n[[steps]]\nname = \"a\"\nhold = \"20s\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        "name = \"Bad\"\nkind = \"stretch\"\n[[steps]]\nname = \"a\"\nhodl = \"20s\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a routine").unwrap();
    let lib = Library::load(&[dir.path().to_path_buf()]);
    assert!(lib.get("mine").is_some());
    assert_eq!(lib.broken.len(), 1);
    assert_eq!(lib.broken[0].id, "bad");
    assert_eq!(lib.broken[0].errors[0].line, 5);
}

#[test]
fn a_user_file_overrides_a_bundled_routine_and_can_use_its_own_art() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("art")).unwrap();
    std::fs::write(dir.path().join("art/my-pose.txt"), " \\o/").unwrap();
    std::fs::write(dir.path().join("desk-stretch.toml"), "name = \"My desk\"\nkind = \"stretch\"\n[[steps]]\nname = \"a\"\nhold = \"20s\"\nart = \"my-pose\"\n").unwrap();
    let lib = Library::load(&[dir.path().to_path_buf()]);
    let r = lib.get("desk-stretch").unwrap();
    assert_eq!(r.name, "My desk");
    assert_eq!(r.origin, Origin::File(dir.path().join("desk-stretch.toml")));
    assert_eq!(r.steps[0].art.as_ref().unwrap().text, " \\o/");
    assert_eq!(
        lib.routines
            .iter()
            .filter(|r| r.id == "desk-stretch")
            .count(),
        1
    );
}

#[test]
fn every_bundled_routine_loads() {
    let lib = Library::load(&[]);
    assert!(lib.broken.is_empty(), "{:#?}", lib.broken);
    assert!(lib.routines.len() >= 8);
}

/// Whether a caution tells the person to stop, and see a doctor, if pain spreads into a leg or
/// gets worse (CLINICAL, stretching safety).
fn says_stop_and_see_a_doctor(caution: &str) -> bool {
    let c = caution.to_lowercase();
    c.contains("stop") && c.contains("doctor") && c.contains("leg") && c.contains("worse")
}

#[test]
fn every_bundled_routine_says_stop_and_see_a_doctor_if_pain_spreads_or_gets_worse() {
    // The nearest misses do not count: stopping without a doctor, or a doctor without the leg.
    assert!(!says_stop_and_see_a_doctor(
        "Stop if you feel sharp pain, or pain spreading into a leg."
    ));
    assert!(!says_stop_and_see_a_doctor(
        "Stop and see a doctor if the pain gets much worse."
    ));
    let lib = Library::load(&[]);
    let bundled: Vec<&Routine> = lib
        .routines
        .iter()
        .filter(|r| r.origin == Origin::Bundled)
        .collect();
    assert!(bundled.len() >= 8);
    for kind in [Kind::Stretch, Kind::Heat, Kind::PostureBreak] {
        assert!(bundled.iter().any(|r| r.kind == kind), "{kind:?}");
    }
    for r in bundled {
        assert!(
            r.cautions.iter().any(|c| says_stop_and_see_a_doctor(c)),
            "{} lacks the stop-and-see-a-doctor caution: {:?}",
            r.id,
            r.cautions
        );
    }
}

#[test]
fn bundled_content_follows_the_stretching_and_heat_safety_facts() {
    let lib = Library::load(&[]);
    let get = |id: &str| lib.get(id).unwrap();
    // Posture-check holds reach 10 seconds.
    for step in &get("posture-check").steps {
        if let Work::Hold(hold) = step.work {
            assert!(hold >= Duration::from_secs(10), "{}: {hold:?}", step.name);
        }
    }
    // The hamstring stretch: knee bent, or skip it, with leg symptoms.
    let hamstring = get("lower-back-release")
        .steps
        .iter()
        .find(|s| s.name.contains("Hamstring"))
        .unwrap();
    assert!(
        hamstring.cue.contains("knee well bent") && hamstring.cue.contains("skip"),
        "{}",
        hamstring.cue
    );
    // Self-massage: broken or bruised skin, blood thinners, osteoporosis.
    let massage = get("self-massage").cautions.join(" ");
    for words in ["broken or bruised skin", "blood thinners", "osteoporosis"] {
        assert!(massage.contains(words), "{words}: {massage}");
    }
    // The heat pack goes on top of someone lying face down, not under them.
    let heat = &get("heat-pack").steps[0].cue;
    assert!(
        heat.contains("face down") && heat.contains("on top") && !heat.contains("Lie or sit"),
        "{heat}"
    );
}

#[test]
fn bundled_steps_say_what_they_load_and_name_a_safer_alternative() {
    let lib = Library::load(&[]);
    let loads_of = |name: &str| -> Vec<(String, Vec<Load>)> {
        lib.routines
            .iter()
            .flat_map(|r| r.steps.iter().map(move |s| (r.id.clone(), s)))
            .filter(|(_, s)| s.name == name)
            .map(|(id, s)| (id, s.loads.clone()))
            .collect()
    };
    // What CLINICAL.md names, by the steps that do it.
    let marked = [
        ("Knee to chest", Load::Flexion),
        ("Both knees to chest", Load::Flexion),
        ("Curl-up", Load::Flexion),
        ("Child's pose", Load::Flexion),
        ("Seated forward bend", Load::Flexion),
        ("Cat-cow", Load::Flexion),
        ("Lower back rotation", Load::Twist),
        ("Seated twist", Load::Twist),
        ("Sphinx", Load::Prone),
        ("Lying face down", Load::Prone),
        ("Heat pack on the lower back", Load::Prone),
        ("Ball on the buttock", Load::Massage),
        ("Ball beside the spine", Load::Massage),
        ("Ball on the side of the hip", Load::Massage),
        ("Foam roller on the buttock", Load::Massage),
    ];
    for (name, load) in marked {
        let found = loads_of(name);
        assert!(!found.is_empty(), "no bundled step {name}");
        for (id, loads) in found {
            assert!(loads.contains(&load), "{id}: {name} should load {load:?}");
        }
    }
    // Neutral-spine steps carry nothing, so they can stand in for the others.
    for name in [
        "Knee rocking",
        "Pelvic tilt",
        "Bridge",
        "Bird-dog",
        "Hip hinge",
    ] {
        for (id, loads) in loads_of(name) {
            assert!(loads.is_empty(), "{id}: {name} is marked {loads:?}");
        }
    }
    // Every bundled step that bends, twists or lies face down names an alternative that does
    // none of these, so fragile bones and pregnancy always have something to do instead.
    for r in &lib.routines {
        for step in &r.steps {
            if step.bends_spine() || step.loads(Load::Prone) {
                let alt = step.alternative.as_deref();
                assert!(alt.is_some(), "{}: {} has no alternative", r.id, step.name);
                assert!(
                    alt.is_some_and(|a| a.loads.is_empty()),
                    "{}: the alternative to {} loads {:?}",
                    r.id,
                    step.name,
                    alt.map(|a| &a.loads)
                );
            }
        }
    }
}
