//! A routine fitted to the person's profile, on screen: the briefing says what was swapped or
//! left out and why, cautions name the steps that bend or twist the spine or press with a ball,
//! a posture break says it under the step's cue, and heat keeps its checklist and skin checks.
//! Each beside its nearest miss. (The harness's year is 2026: born 1950 is 76.)

use crate::common;

use std::path::Path;

use common::Harness;
use knotless::routine::Work;
use knotless::routine::plan::PhaseKind;
use knotless::tui::{Msg, Screen, Stage};

fn opened(routine: &str, profile: &str) -> Harness {
    let mut h = Harness::new(Some(routine));
    let config =
        knotless::config::Config::parse("config.toml", &format!("[profile]\n{profile}\n")).unwrap();
    h.app = h.app.clone().with_safety(
        config,
        knotless::flags::RuleSet::bundled(),
        Path::new("config.toml"),
    );
    h
}

fn runner(h: &Harness) -> &knotless::tui::Runner {
    match &h.app.screen {
        Screen::Runner(r) => r,
        _ => panic!("not in the runner"),
    }
}

fn step_names(h: &Harness) -> Vec<String> {
    runner(h)
        .routine
        .steps
        .iter()
        .map(|s| s.name.clone())
        .collect()
}

/// The screen's text with each row trimmed and the rows joined by spaces, so a sentence
/// wrapped across rows can be found whole.
fn text(screen: &str) -> String {
    screen
        .lines()
        .map(|l| l.trim_matches('"').trim())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn osteoporosis_at_76_briefing_names_the_alternatives() {
    let h = opened(
        "lower-back-release",
        "birth_year = 1950\nconditions = [\"osteoporosis\"]",
    );
    assert!(matches!(h.stage(), Stage::Briefing { .. }));
    let screen = h.screen(80, 24);
    insta::assert_snapshot!("care_osteoporosis_76_briefing_80x24", screen);
    let all = text(&screen);
    assert!(all.contains("Fitted to your profile"), "{screen}");
    assert!(
        all.contains(
            "Knee rocking replaces Knee to chest: with osteoporosis or long-term steroids"
        ),
        "{screen}"
    );
    assert!(
        all.contains("Rest with knees bent replaces Child's pose"),
        "{screen}"
    );
    assert_eq!(
        step_names(&h),
        [
            "Pelvic tilt",
            "Knee rocking",
            "Knee fall-out",
            "Bridge",
            "Figure-four stretch",
            "Hamstring stretch",
            "Rest with knees bent"
        ]
    );

    // The nearest miss: 76 without a condition, the routine as written and no such section.
    let plain = opened("lower-back-release", "birth_year = 1950");
    assert!(step_names(&plain).contains(&"Knee to chest".to_owned()));
    assert!(!text(&plain.screen(80, 40)).contains("Fitted to your profile"));
}

#[test]
fn a_forward_bend_without_an_alternative_keeps_its_hold_and_is_named_in_a_caution() {
    // desk-stretch's forward bend names one; a routine of one's own may not.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bend.toml"),
        "name = \"Bend\"\nkind = \"stretch\"\n[[steps]]\nname = \"Seated forward bend\"\nhold = \"20s\"\nloads = [\"flexion\"]\n[[steps]]\nname = \"Sit tall\"\nhold = \"20s\"\n",
    )
    .unwrap();
    let open = |profile: &str| {
        let mut h = Harness::with_library(
            knotless::routine::Library::load(&[dir.path().to_path_buf()]),
            Some("bend"),
        );
        let config =
            knotless::config::Config::parse("config.toml", &format!("[profile]\n{profile}\n"))
                .unwrap();
        h.app = h.app.clone().with_safety(
            config,
            knotless::flags::RuleSet::bundled(),
            Path::new("config.toml"),
        );
        h
    };
    let hold = |h: &Harness, i: usize| runner(h).routine.steps[i].work;
    let secs = |s| Work::Hold(std::time::Duration::from_secs(s));

    let h = open("birth_year = 1950\nconditions = [\"long-term-steroids\"]");
    let all = text(&h.screen(80, 30));
    assert!(
        all.contains("Go gently in Seated forward bend: with fragile bones"),
        "{all}"
    );
    assert!(
        all.contains("Holds kept as written in Seated forward bend: from 65 with fragile bones"),
        "{all}"
    );
    assert_eq!(hold(&h, 0), secs(20), "not lengthened");
    assert_eq!(hold(&h, 1), secs(30), "the other hold is, for 65+");

    // Nearest misses: 64 with the condition (caution, lengthened), 76 without (lengthened).
    let at_64 = open("birth_year = 1962\nconditions = [\"long-term-steroids\"]");
    assert!(text(&at_64.screen(80, 30)).contains("Go gently in Seated forward bend"));
    assert_eq!(
        hold(&at_64, 0),
        secs(20),
        "under 65 nothing is lengthened for age"
    );
    let plain = open("birth_year = 1950");
    assert_eq!(hold(&plain, 0), secs(30));
    assert!(!text(&plain.screen(80, 30)).contains("Go gently"));
}

#[test]
fn pregnancy_swaps_face_down_steps_and_twists_and_says_so() {
    let h = opened("evening-wind-down", "conditions = [\"pregnancy\"]");
    let all = text(&h.screen(80, 40));
    assert!(
        all.contains(
            "Back arch on hands and knees replaces Sphinx: in pregnancy, avoid lying face down."
        ),
        "{all}"
    );
    assert!(
        all.contains(
            "Knee fall-out replaces Lower back rotation: in pregnancy, avoid deep twists."
        ),
        "{all}"
    );
    let names = step_names(&h);
    assert!(!names.contains(&"Sphinx".to_owned()), "{names:?}");
    assert!(
        names.contains(&"Both knees to chest".to_owned()),
        "{names:?}"
    );

    let not = opened("evening-wind-down", "conditions = [\"diabetes\"]");
    assert!(step_names(&not).contains(&"Sphinx".to_owned()));
}

#[test]
fn pregnancy_keeps_the_heat_checklist_and_skin_checks_on_the_side_lying_heat() {
    let mut h = opened("heat-pack", "conditions = [\"pregnancy\"]");
    // At 80×24 too, the note is in view above the checklist.
    let all = text(&h.screen(80, 24));
    assert!(all.contains("Safety checklist"), "{all}");
    assert!(
        all.contains("Heat pack on the lower back, lying on your side replaces Heat pack on the lower back: in pregnancy, avoid lying face down."),
        "{all}"
    );
    h.start_session(None);
    assert_eq!(
        runner(&h).routine.steps[0].check_every,
        Some(std::time::Duration::from_secs(300))
    );
    h.advance(31);
    assert!(runner(&h).in_heat(), "the heat is timed as heat");
}

#[test]
fn blood_thinners_put_a_gentle_pressure_caution_on_the_ball_steps() {
    let h = opened("self-massage", "conditions = [\"blood-thinners\"]");
    let screen = h.screen(80, 40);
    let all = text(&screen);
    assert!(
        all.contains("Press gently in Ball on the buttock, Ball beside the spine, Foam roller on the buttock, never hard"),
        "{screen}"
    );
    assert!(all.contains("Stop if you find you bruise"), "{screen}");
    let not = opened("self-massage", "birth_year = 1990");
    assert!(!text(&not.screen(80, 40)).contains("Press gently in"));
}

#[test]
fn a_posture_break_says_what_it_swapped_under_the_step() {
    // Opened from the Routines tab once the profile is read (a break starts at once).
    let mut h = opened("lower-back-release", "conditions = [\"pregnancy\"]");
    h.send(&[Msg::Cancel]);
    h.app.routines.selected = h
        .app
        .library
        .routines
        .iter()
        .position(|r| r.id == "posture-check")
        .unwrap();
    h.send(&[Msg::Confirm]);
    assert!(
        matches!(h.stage(), Stage::Running(_)),
        "a break starts at once"
    );
    while !matches!(h.stage(), Stage::Running(s) if s.current().is_some_and(|p| p.step == 2 && p.kind == PhaseKind::Work))
    {
        h.send(&[Msg::Next]);
    }
    // Under the cue, beside the drawing: each row of the note is found on its own.
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Reach up tall replaces Seated twist: in"),
        "{screen}"
    );
    assert!(screen.contains("pregnancy, avoid deep twists."), "{screen}");
}

#[test]
fn a_routine_with_nothing_left_says_so_and_enter_goes_back() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("prone.toml"),
        "name = \"Prone\"\nkind = \"stretch\"\n[[steps]]\nname = \"Cobra\"\nhold = \"20s\"\nloads = [\"prone\"]\n",
    )
    .unwrap();
    let mut h = Harness::with_library(
        knotless::routine::Library::load(&[dir.path().to_path_buf()]),
        Some("prone"),
    );
    let config =
        knotless::config::Config::parse("config.toml", "[profile]\nconditions = [\"pregnancy\"]\n")
            .unwrap();
    h.app = h.app.clone().with_safety(
        config,
        knotless::flags::RuleSet::bundled(),
        Path::new("config.toml"),
    );
    let all = text(&h.screen(80, 24));
    assert!(
        all.contains("Cobra is left out: in pregnancy, avoid lying face down."),
        "{all}"
    );
    assert!(
        all.contains("Nothing in this routine is left to do for you"),
        "{all}"
    );
    h.send(&[Msg::Confirm]);
    assert!(
        !matches!(h.app.screen, Screen::Runner(_)),
        "Enter leaves instead of starting an empty session"
    );
}
