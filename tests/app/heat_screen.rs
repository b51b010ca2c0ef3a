//! Heat in the app: refused within an hour of the last heat session or after three in a day,
//! saying when it is next available; the app's own checklist before every heat routine; skin
//! checks that wait for an answer while the heat keeps counting; `b` that cannot add heat; and
//! holds lengthened for people 65 and over. Time is driven by hand.

use crate::common;

use std::path::Path;

use chrono::{DateTime, Duration, FixedOffset};
use common::Harness;
use knotless::history::{SessionOutcome, SessionRecord, record_session, store};
use knotless::routine::{Kind, Library};
use knotless::tui::{Msg, Screen, Stage};

/// The harness's "now".
fn now() -> DateTime<FixedOffset> {
    "2026-11-24T18:30:00+01:00".parse().unwrap()
}

/// A data folder whose history has heat sessions that ended `minutes_ago` each.
fn heat_done(minutes_ago: &[i64]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let history = store(dir.path());
    for &ago in minutes_ago {
        let ended = now() - Duration::minutes(ago);
        record_session(
            &history,
            SessionRecord {
                id: format!("01KHEAT{:019}", ended.timestamp()),
                routine: "heat-pack".into(),
                kind: Kind::Heat,
                started: ended - Duration::minutes(15),
                ended,
                active_seconds: 930,
                outcome: SessionOutcome::Completed,
                steps_done: 1,
                steps_total: 1,
                pain_before: None,
                pain_after: None,
            },
        )
        .unwrap();
    }
    dir
}

fn heat_after(minutes_ago: &[i64]) -> Harness {
    Harness::in_dir(
        Library::load(&[]),
        Some("heat-pack"),
        heat_done(minutes_ago),
    )
}

fn runner(h: &Harness) -> &knotless::tui::Runner {
    match &h.app.screen {
        Screen::Runner(r) => r,
        _ => panic!("not in the runner"),
    }
}

/// Seconds left in the phase under way.
fn left(h: &Harness) -> u64 {
    match h.stage() {
        Stage::Running(s) => s.remaining(h.now.instant).unwrap().as_secs(),
        _ => panic!("not running"),
    }
}

#[test]
fn heat_within_an_hour_of_the_last_session_is_refused_with_the_time_it_is_next_available() {
    // The last heat session ended 25 minutes ago, at 18:05.
    let mut h = heat_after(&[25]);
    assert!(matches!(h.stage(), Stage::Gate(g) if g.refuses() && g.heat_rest.is_some()));
    let screen = h.screen(80, 24);
    assert!(screen.contains("Heat is not offered right now"), "{screen}");
    assert!(screen.contains("ended at 18:05"), "{screen}");
    assert!(
        screen.contains("Heat is next available at 19:05 on Tue 24 Nov."),
        "{screen}"
    );
    insta::assert_snapshot!("heat_refused_80x24", screen);
    let small = h.screen(40, 12);
    assert!(small.contains("Heat is not offered"), "{small}");
    insta::assert_snapshot!("heat_refused_40x12", small);
    // Enter does not pass it; Esc goes back.
    h.send(&[Msg::Confirm]);
    assert!(matches!(h.stage(), Stage::Gate(_)));
    h.send(&[Msg::Cancel]);
    assert!(matches!(h.app.screen, Screen::Routines));

    // The nearest misses: 59 minutes ago is refused, 61 is not.
    assert!(matches!(heat_after(&[59]).stage(), Stage::Gate(_)));
    assert!(matches!(heat_after(&[61]).stage(), Stage::Briefing { .. }));
}

#[test]
fn after_three_heat_sessions_today_heat_waits_for_tomorrow() {
    let h = heat_after(&[600, 400, 90]);
    let screen = h.screen(80, 24);
    assert!(screen.contains("three times today"), "{screen}");
    assert!(
        screen.contains("next available at 00:00 on Wed 25 Nov"),
        "{screen}"
    );
    // Two today: a third is fine.
    assert!(matches!(
        heat_after(&[400, 90]).stage(),
        Stage::Briefing { .. }
    ));
}

#[test]
fn a_heat_routine_of_ones_own_gets_the_apps_checklist() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("my-heat.toml"),
        "name = \"My heat\"\nkind = \"heat\"\n[[steps]]\nname = \"Pack\"\nhold = \"10m\"\n",
    )
    .unwrap();
    let library = Library::load(&[dir.path().to_path_buf()]);
    let mut h = Harness::with_library(library, Some("my-heat"));
    assert!(
        matches!(h.stage(), Stage::Briefing { .. }),
        "not straight in"
    );
    let items = runner(&h).briefing_items.clone();
    assert_eq!(items.len(), knotless::tui::HEAT_CHECKLIST.len());
    let screen = h.screen(80, 24);
    assert!(screen.contains("Safety checklist"), "{screen}");
    assert!(screen.contains("towel or cloth"), "{screen}");
    h.send(&[Msg::Confirm]);
    assert!(
        matches!(
            h.stage(),
            Stage::Briefing {
                incomplete: true,
                ..
            }
        ),
        "it must be ticked"
    );
}

/// Into the heat-pack session, `secs` seconds into the heat.
fn heat_running(secs: u64) -> Harness {
    let mut h = Harness::new(Some("heat-pack"));
    h.start_session(None);
    h.advance(left(&h)); // through the prepare
    h.advance(secs);
    h
}

#[test]
fn a_skin_check_waits_for_an_answer_while_the_heat_keeps_counting() {
    let mut h = heat_running(299);
    assert!(runner(&h).skin_prompt.is_none());
    let screen = h.screen(80, 24);
    assert!(screen.contains("Next skin check in 0:01"), "{screen}");
    let bells = h.app.bells;
    h.advance(1);
    assert!(runner(&h).skin_prompt.is_some(), "five minutes of heat");
    assert!(h.app.bells > bells, "the bell rings");
    let screen = h.screen(80, 24);
    assert!(screen.contains("Skin check"), "{screen}");
    assert!(screen.contains("skin OK"), "{screen}");
    assert!(screen.contains("Next check in 5:00"), "{screen}");
    insta::assert_snapshot!("skin_check_80x24", screen);
    let small = h.screen(40, 12);
    assert!(small.contains("stop the heat"), "{small}");
    insta::assert_snapshot!("skin_check_40x12", small);

    // Unanswered, the heat keeps counting and the bell rings again every 30 seconds; other keys
    // wait for the answer.
    assert_eq!(left(&h), 600);
    let bells = h.app.bells;
    h.advance(30);
    assert_eq!(left(&h), 570);
    assert_eq!(h.app.bells, bells + 1, "rung again");
    h.send(&[Msg::Next, Msg::Back, Msg::Space]);
    assert_eq!(left(&h), 570, "n, b and space wait for the answer");
    assert!(runner(&h).skin_prompt.is_some());

    // Skin OK: the prompt goes, the heat goes on.
    h.send(&[Msg::Confirm]);
    assert!(runner(&h).skin_prompt.is_none());
    assert!(h.screen(80, 24).contains("Next skin check in 4:30"));
    assert_eq!(left(&h), 570);
}

#[test]
fn stop_at_a_skin_check_ends_the_heat_and_saves_the_session_as_stopped() {
    let mut h = heat_running(300);
    h.send(&[Msg::Quit]);
    assert!(matches!(h.stage(), Stage::PainAfter(..)));
    h.send(&[Msg::Skip]);
    let Stage::Summary(summary) = h.stage() else {
        panic!("summary")
    };
    assert_eq!(summary.record.outcome, SessionOutcome::Stopped);
    let screen = h.screen(80, 24);
    assert!(screen.contains("Session stopped"), "{screen}");
    assert!(
        screen.contains("stopped the heat at a skin check"),
        "{screen}"
    );
    let saved = std::fs::read_to_string(h.dir().join("history.jsonl")).unwrap();
    assert!(saved.contains("\"outcome\":\"stopped\""), "{saved}");
    // A stopped heat session counts: heat again from the Routines screen waits an hour...
    h.send(&[Msg::Confirm]);
    assert!(matches!(h.app.screen, Screen::Routines));
    h.app.routines.selected = h
        .app
        .library
        .routines
        .iter()
        .position(|r| r.id == "heat-pack")
        .unwrap();
    h.send(&[Msg::Confirm]);
    assert!(matches!(h.stage(), Stage::Gate(g) if g.heat_rest.is_some()));
    // ...and so it does in the next run of the app.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        h.dir().join("history.jsonl"),
        dir.path().join("history.jsonl"),
    )
    .unwrap();
    let again = Harness::in_dir(Library::load(&[]), Some("heat-pack"), dir);
    assert!(matches!(again.stage(), Stage::Gate(g) if g.heat_rest.is_some()));
}

#[test]
fn back_near_the_end_of_heat_says_how_much_is_left_and_never_passes_twenty_minutes() {
    let mut h = heat_running(14 * 60 + 30);
    h.send(&[Msg::Confirm]); // the 10-minute skin check: skin OK
    h.send(&[Msg::Back]);
    assert_eq!(left(&h), 330, "5:30 left of the 20 minutes");
    let screen = h.screen(80, 24);
    assert!(screen.contains("Only 5:30 of heat left"), "{screen}");
    let footer = screen.lines().last().unwrap().to_owned();
    assert!(
        !footer.contains("pause") && footer.contains("b back"),
        "{footer}"
    );
    // Pause is refused during heat, with the reason.
    h.send(&[Msg::Space]);
    assert!(h.screen(80, 24).contains("Heat does not pause"));
    h.advance(330);
    assert!(
        matches!(h.stage(), Stage::PainAfter(..)),
        "the heat ended on time"
    );
}

#[test]
fn at_65_and_over_short_holds_last_30_seconds_and_the_runner_says_so() {
    let with_birth_year = |year: i32| {
        let mut h = Harness::new(Some("desk-stretch"));
        let config = knotless::config::Config::parse(
            "config.toml",
            &format!("[profile]\nbirth_year = {year}\n"),
        )
        .unwrap();
        h.app = h.app.clone().with_safety(
            config,
            knotless::flags::RuleSet::bundled(),
            Path::new("config.toml"),
        );
        h
    };
    // 2026 - 1961 = 65: the seated twist (20 s) becomes 30 s.
    let mut h = with_birth_year(1961);
    assert!(
        !runner(&h).care.lengthened.is_empty(),
        "desk-stretch has holds under 30 s"
    );
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Holds shorter than 30 seconds last 30 seconds"),
        "{screen}"
    );
    assert!(screen.contains("Seated twist"), "{screen}");
    let twist = |h: &Harness| {
        runner(h)
            .routine
            .steps
            .iter()
            .find(|s| s.name == "Seated twist")
            .unwrap()
            .work
    };
    assert_eq!(
        twist(&h),
        knotless::routine::Work::Hold(std::time::Duration::from_secs(30))
    );
    h.start_session(None);
    while !matches!(h.stage(), Stage::Running(s) if s.current().is_some_and(|p| p.step == 2 && p.kind == knotless::routine::plan::PhaseKind::Work))
    {
        h.send(&[Msg::Next]);
    }
    assert_eq!(left(&h), 30);
    assert!(h.screen(80, 24).contains("30 s for 65+"));

    // A posture break is lengthened too, and still starts straight away.
    let mut h = with_birth_year(1961);
    h.send(&[Msg::Cancel]);
    h.app.routines.selected = h
        .app
        .library
        .routines
        .iter()
        .position(|r| r.id == "posture-check")
        .unwrap();
    h.send(&[Msg::Confirm]);
    assert!(matches!(h.stage(), Stage::Running(_)), "no briefing");
    assert!(!runner(&h).care.lengthened.is_empty());

    // The nearest miss: 64 this year, holds as written.
    let h = with_birth_year(1962);
    assert!(runner(&h).care.lengthened.is_empty());
    assert_eq!(
        twist(&h),
        knotless::routine::Work::Hold(std::time::Duration::from_secs(20))
    );
    assert!(!h.screen(80, 24).contains("Holds shorter"));
}

#[test]
fn the_skin_check_and_the_heat_refusal_draw_at_every_size_without_panicking() {
    let states = [
        heat_running(300),
        heat_after(&[25]),
        heat_after(&[600, 400, 90]),
    ];
    for h in &states {
        for w in [0u16, 1, 2, 5, 10, 20, 30, 39, 40, 55, 60, 80, 120, 200] {
            for hgt in [0u16, 1, 2, 3, 4, 6, 8, 12, 17, 18, 24, 60] {
                let mut buf =
                    ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, w, hgt));
                ratatui::widgets::Widget::render(&h.app, buf.area, &mut buf);
            }
        }
    }
}

#[test]
fn the_first_run_statement_says_what_to_do_now_if_the_worst_signs_are_present() {
    let data = tempfile::tempdir().unwrap();
    let now = knotless::clock::Now {
        instant: std::time::Instant::now(),
        wall: now(),
    };
    let mut h = Harness {
        app: knotless::tui::App::new(
            Library::load(&[]),
            knotless::tui::Theme::new(false),
            data.path(),
            None,
            now,
        ),
        now,
        data: tempfile::tempdir().unwrap(),
    };
    assert!(h.app.welcome);
    let full = "Call your local emergency number now if any of these is new for you: numbness \
                around the genitals or buttocks, trouble controlling your bladder or bowel, or \
                pain, tingling, numbness or weakness in both legs.";
    // The smallest terminal gets the same signs in fewer words.
    let short = "Call your local emergency number now if new: numbness between the legs, bladder \
                 or bowel trouble, or symptoms in both legs.";
    for (w, hgt, line) in [(80, 24, full), (40, 12, full), (30, 10, short)] {
        let screen = h.screen(w, hgt);
        // The words inside the box, whatever is drawn around it.
        let joined: String = screen
            .lines()
            .filter_map(|line| {
                line.split('│')
                    .nth(1)
                    .filter(|_| line.matches('│').count() >= 2)
            })
            .flat_map(str::split_whitespace)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(joined.contains(line), "{w}×{hgt}:\n{screen}");
        assert!(joined.contains("not a diagnosis"), "{w}×{hgt}:\n{screen}");
        assert!(joined.contains("Press any key"), "{w}×{hgt}:\n{screen}");
    }
    // The configured number, when there is one.
    let config =
        knotless::config::Config::parse("config.toml", "emergency_number = \"112\"\n").unwrap();
    h.app = h.app.clone().with_safety(
        config,
        knotless::flags::RuleSet::bundled(),
        Path::new("config.toml"),
    );
    assert!(
        h.screen(80, 24)
            .contains("Call 112 now if any of these is new for you")
    );
}
