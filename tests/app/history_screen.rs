//! The History tab: calendar, streaks, this week's minutes and what helps, from `history.jsonl`.

use crate::common;

use chrono::{DateTime, Duration, FixedOffset};
use common::Harness;
use knotless::history::{SessionOutcome, SessionRecord, record_session, store};
use knotless::routine::{Kind, Library};
use knotless::tui::{Msg, Tab};

fn session(
    routine: &str,
    kind: Kind,
    started: &str,
    minutes: i64,
    outcome: SessionOutcome,
    pain: Option<(u8, u8)>,
) -> SessionRecord {
    let started: DateTime<FixedOffset> = started.parse().unwrap();
    SessionRecord {
        id: format!("{routine}-{}", started.timestamp()),
        routine: routine.into(),
        kind,
        started,
        ended: started + Duration::minutes(minutes),
        active_seconds: minutes as u64 * 60,
        outcome,
        steps_done: 7,
        steps_total: 7,
        pain_before: pain.map(|p| p.0),
        pain_after: pain.map(|p| p.1),
    }
}

/// A month of use: a streak early in November, one from the 21st to yesterday, heat and
/// desk stretches with pain ratings, and one stopped session. "Today" is 2026-11-24.
fn a_month_of_sessions() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let history = store(dir.path());
    let c = SessionOutcome::Completed;
    let mut records = Vec::new();
    for day in [2, 3, 4, 5, 6, 10, 21, 22, 23] {
        let pain = Some((6 - (day % 3) as u8, 3));
        records.push(session(
            "lower-back-release",
            Kind::Stretch,
            &format!("2026-11-{day:02}T07:30:00+01:00"),
            10,
            c,
            pain,
        ));
    }
    records.push(session(
        "heat-pack",
        Kind::Heat,
        "2026-11-23T20:00:00+01:00",
        15,
        c,
        Some((7, 5)),
    ));
    records.push(session(
        "desk-stretch",
        Kind::Stretch,
        "2026-11-24T12:00:00+01:00",
        4,
        c,
        Some((4, 4)),
    ));
    records.push(session(
        "desk-stretch",
        Kind::Stretch,
        "2026-11-13T12:00:00+01:00",
        2,
        SessionOutcome::Stopped,
        None,
    ));
    records.push(session(
        "posture-check",
        Kind::PostureBreak,
        "2026-11-24T10:00:00+01:00",
        1,
        c,
        None,
    ));
    for r in records {
        record_session(&history, r).unwrap();
    }
    dir
}

fn history_tab(h: &mut Harness) {
    h.send(&[Msg::Tab, Msg::Tab]);
    assert_eq!(h.app.tab(), Tab::History);
}

#[test]
fn the_history_tab_shows_the_calendar_streaks_week_and_what_helps() {
    let mut h = Harness::in_dir(Library::load(&[]), None, a_month_of_sessions());
    history_tab(&mut h);
    let screen = h.screen(80, 24);
    for expected in [
        "November 2026",
        "Current         4 days",
        "Best            5 days",
        "This week (since Mon 23 Nov)",
        "Stretching        14 min",
        "Heat              15 min",
        "Posture breaks     1 min",
        // Both lower back release and the heat pack bring pain down by two or more.
        "Lower back release",
        "5.0 → 3.0",
        "-2.0 a clear drop",
        // Routines never rated are one line, not a row each.
        "1 more routine without pain ratings",
    ] {
        assert!(screen.contains(expected), "{expected:?} missing:\n{screen}");
    }
    // Done days are marked, the stopped one too, in their own way.
    assert!(
        screen.contains(" 21• 22•") && screen.contains(" 23• 24•"),
        "{screen}"
    );
    assert!(screen.contains(" 13◦"), "{screen}");
    insta::assert_snapshot!("history_80x24", screen);
    insta::assert_snapshot!("history_40x12", h.screen(40, 12));
}

#[test]
fn left_and_right_change_the_month() {
    let mut h = Harness::in_dir(Library::load(&[]), None, a_month_of_sessions());
    history_tab(&mut h);
    h.send(&[Msg::Left]);
    let october = h.screen(80, 24);
    assert!(october.contains("October 2026"), "{october}");
    assert!(
        !october.contains('•') || !october.contains(" 21•"),
        "{october}"
    );
    h.send(&[Msg::Right, Msg::Right, Msg::Right]);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("November 2026"),
        "stops at this month:\n{screen}"
    );
}

#[test]
fn with_no_sessions_the_tab_says_how_to_fill_it() {
    let mut h = Harness::new(None);
    history_tab(&mut h);
    let screen = h.screen(80, 24);
    assert!(screen.contains("No sessions yet"), "{screen}");
    assert!(screen.contains("Current         0 days"), "{screen}");
}

#[test]
fn a_session_run_in_the_app_appears_in_history() {
    let mut h = Harness::new(Some("morning-mobility"));
    h.start_session(Some(5));
    h.advance(300);
    h.send(&[Msg::Digit(3), Msg::Confirm]);
    let summary = h.screen(80, 24);
    assert!(summary.contains("Session complete"), "{summary}");
    h.send(&[Msg::Confirm]);
    history_tab(&mut h);
    let screen = h.screen(80, 24);
    assert!(screen.contains("Morning mobility"), "{screen}");
    assert!(screen.contains("5.0 → 3.0"), "{screen}");
    assert!(screen.contains("Current         1 day"), "{screen}");
    assert!(screen.contains(" 24•"), "{screen}");
}

#[test]
fn the_history_tab_survives_every_size() {
    let mut h = Harness::in_dir(Library::load(&[]), None, a_month_of_sessions());
    history_tab(&mut h);
    for w in 1..=90 {
        for ht in 1..=30 {
            h.screen(w, ht);
        }
    }
}

#[test]
fn a_session_with_every_step_skipped_is_partial_and_counts_for_nothing() {
    let mut h = Harness::new(Some("morning-mobility"));
    h.start_session(Some(5));
    let mut presses = 0;
    while matches!(h.stage(), knotless::tui::Stage::Running(_)) && presses < 500 {
        h.send(&[Msg::Next]);
        presses += 1;
    }
    h.send(&[Msg::Digit(4), Msg::Confirm]);
    let summary = h.screen(80, 24);
    assert!(summary.contains("not counted as done"), "{summary}");
    assert!(!summary.contains("Session complete"), "{summary}");
    let text = std::fs::read_to_string(h.dir().join("history.jsonl")).unwrap();
    assert!(text.contains(r#""outcome":"partial""#), "{text}");
    assert!(text.contains(r#""steps_done":0"#), "{text}");
    h.send(&[Msg::Confirm]);
    history_tab(&mut h);
    let screen = h.screen(80, 24);
    assert!(screen.contains("Current         0 days"), "{screen}");
    assert!(!screen.contains(" 24•"), "not a done day: {screen}");
}

#[test]
fn a_session_is_recorded_as_it_goes_so_a_killed_app_leaves_it_interrupted() {
    let mut h = Harness::new(Some("morning-mobility"));
    h.start_session(Some(6));
    let load = |h: &Harness| knotless::history::load(&store(h.dir())).unwrap().sessions;
    let started = load(&h);
    assert_eq!(started.len(), 1, "a start record");
    assert_eq!(started[0].outcome, SessionOutcome::Interrupted);
    assert_eq!(started[0].pain_before, Some(6));
    assert_eq!(started[0].steps_done, 0);
    // Two steps' worth of time: a record per step done.
    h.advance(75);
    let mut presses = 0;
    while load(&h)[0].steps_done < 2 && presses < 200 {
        h.advance(5);
        presses += 1;
    }
    let cut = load(&h);
    assert_eq!(cut.len(), 1, "one session however many lines");
    assert_eq!(cut[0].outcome, SessionOutcome::Interrupted);
    assert!(cut[0].steps_done >= 2, "{:?}", cut[0]);
    // The app is killed here: a new one sees the interrupted session, with what was done.
    let again = h.beside();
    let seen = &again.app.sessions;
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].outcome, SessionOutcome::Interrupted);
    assert_eq!(seen[0].pain_before, Some(6));
    // Finishing replaces the journal with the outcome, under the same id.
    h.send(&[Msg::Quit, Msg::Yes, Msg::Digit(3), Msg::Confirm]);
    let done = load(&h);
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].id, cut[0].id);
    assert_eq!(done[0].outcome, SessionOutcome::Stopped);
    assert_eq!(done[0].pain_after, Some(3));
}

#[test]
fn the_pain_change_is_arithmetic_on_the_numbers_shown() {
    let dir = tempfile::tempdir().unwrap();
    let history = store(dir.path());
    // Before: 5, 4, 4, 4 twice (4.25); after: 4, 3, 4, 3 twice (3.5). The exact change,
    // -0.75, would show as "4.2 → 3.5 -0.8": the screen works from the rounded numbers
    // instead. Eight rated sessions: enough to tell (five are needed, as in the report).
    for (day, pain) in [
        (16, (5, 4)),
        (17, (4, 3)),
        (18, (4, 4)),
        (19, (4, 3)),
        (20, (5, 4)),
        (21, (4, 3)),
        (22, (4, 4)),
        (23, (4, 3)),
    ] {
        let record = session(
            "heat-pack",
            Kind::Heat,
            &format!("2026-11-{day}T20:00:00+01:00"),
            15,
            SessionOutcome::Completed,
            Some(pain),
        );
        record_session(&history, record).unwrap();
    }
    let mut h = Harness::in_dir(Library::load(&[]), None, dir);
    history_tab(&mut h);
    let screen = h.screen(80, 24);
    assert!(screen.contains("4.3 → 3.5  -0.8"), "{screen}");
    assert!(screen.contains("(8 rated)"), "{screen}");
    assert!(!screen.contains("without pain ratings"), "{screen}");
}
