//! The weekly check-in in the app (offered on the Log tab and after a session, never over a
//! session or a form; "not now" waits a day) and the report key on History and Review.

use crate::common;

use common::Harness;
use knotless::checkins::CheckinLog;
use knotless::routine::Library;
use knotless::tui::{LogMode, Msg, Screen};

/// A returning user who has never checked in.
fn never_checked_in() -> Harness {
    let data = tempfile::tempdir().unwrap();
    // An old check-in, more than a week ago: one is due.
    let old = "2026-11-01T09:00:00+01:00".parse().unwrap();
    common::checked_in(data.path(), &old);
    Harness::in_dir(Library::load(&[]), None, data)
}

fn open_log(h: &mut Harness) {
    h.app.screen = Screen::Log;
    h.send(&[Msg::Resize]);
}

#[test]
fn the_log_tab_offers_the_check_in_and_three_answers_save_it() {
    let mut h = never_checked_in();
    assert!(
        h.app.appointment.prompt.is_none(),
        "not on the Routines screen"
    );
    open_log(&mut h);
    let screen = h.screen(80, 24);
    assert!(screen.contains("Weekly check-in"), "{screen}");
    insta::assert_snapshot!("checkin_offer_80x24", screen);
    insta::assert_snapshot!("checkin_offer_40x12", h.screen(40, 12));
    // The offer takes `y`, not Enter: it came unasked.
    h.send(&[Msg::Yes, Msg::Digit(6), Msg::Confirm]);
    let screen = h.screen(80, 24);
    assert!(screen.contains("Question 2 of 3"), "{screen}");
    assert!(screen.contains("enjoying life"), "{screen}");
    insta::assert_snapshot!("checkin_question_40x12", h.screen(40, 12));
    h.send(&[
        Msg::Digit(1),
        Msg::Digit(0),
        Msg::Confirm,
        Msg::Digit(4),
        Msg::Confirm,
    ]);
    assert!(h.app.appointment.prompt.is_none());
    let saved = CheckinLog::new(h.dir()).load().unwrap().records;
    let last = saved.last().unwrap();
    assert_eq!((last.pain, last.enjoyment, last.activity), (6, 10, 4));
    assert!(h.screen(80, 24).contains("Weekly check-in saved: PEG 6.7"));
    // Once a week: not again tomorrow.
    h.now.wall += chrono::Duration::days(1);
    h.send(&[Msg::Tick]);
    assert!(h.app.appointment.prompt.is_none());
}

#[test]
fn not_now_asks_again_the_next_day_and_the_log_works_meanwhile() {
    let mut h = never_checked_in();
    open_log(&mut h);
    h.send(&[Msg::Cancel]);
    assert!(h.app.appointment.prompt.is_none());
    h.send(&[Msg::Add]);
    assert!(matches!(h.app.log.mode, LogMode::Form(_)), "the log works");
    h.send(&[Msg::Cancel]);
    h.send(&[Msg::Tab, Msg::BackTab]);
    assert!(h.app.appointment.prompt.is_none(), "not again today");
    h.now.wall += chrono::Duration::days(1);
    h.send(&[Msg::Tick]);
    assert!(
        h.app.appointment.prompt.is_some(),
        "asked again the next day"
    );
}

#[test]
fn not_now_holds_for_the_day_after_the_app_is_closed_and_opened_again() {
    let mut h = never_checked_in();
    open_log(&mut h);
    h.send(&[Msg::Cancel]);
    let kept = std::fs::read_to_string(h.dir().join(knotless::tui::appointment::NOT_NOW)).unwrap();
    assert_eq!(kept, "2026-11-24");
    // The app closed and opened again the same day: not asked again.
    let mut again = h.beside();
    open_log(&mut again);
    assert!(again.app.appointment.prompt.is_none(), "not again today");
    // Opened the next day: asked.
    h.now.wall += chrono::Duration::days(1);
    let mut tomorrow = h.beside();
    open_log(&mut tomorrow);
    assert!(
        tomorrow.app.appointment.prompt.is_some(),
        "asked the next day"
    );
    // A file holding anything else is no day: asked (today too).
    h.now.wall -= chrono::Duration::days(1);
    std::fs::write(
        h.dir().join(knotless::tui::appointment::NOT_NOW),
        "not a date\n",
    )
    .unwrap();
    let mut garbled = h.beside();
    open_log(&mut garbled);
    assert!(garbled.app.appointment.prompt.is_some());
}

#[test]
fn keys_the_offer_does_not_take_go_to_the_screen_beneath() {
    // `a` on the Log list opens the form, and the offer waits for the next session.
    let mut h = never_checked_in();
    open_log(&mut h);
    assert!(h.app.appointment.prompt.is_some());
    h.send(&[Msg::Add]);
    assert!(h.app.appointment.prompt.is_none());
    assert!(matches!(h.app.log.mode, LogMode::Form(_)));
    h.send(&[Msg::Cancel]);
    assert!(h.app.appointment.prompt.is_none(), "not again at once");
    // `q` quits.
    let mut h = never_checked_in();
    open_log(&mut h);
    h.send(&[Msg::Quit]);
    assert!(h.app.quit);
    // After a session, the Enter meant for the list starts the highlighted routine.
    let mut h = never_checked_in();
    h.send(&[Msg::Confirm]);
    h.start_session(Some(5));
    h.advance(5);
    h.send(&[Msg::Quit, Msg::Yes]);
    for _ in 0..10 {
        if !matches!(h.app.screen, Screen::Runner(_)) {
            break;
        }
        h.send(&[Msg::Skip, Msg::Confirm]);
    }
    assert!(
        h.app.appointment.prompt.is_some(),
        "offered after a session"
    );
    assert!(h.screen(80, 24).contains(" y start"));
    h.send(&[Msg::Confirm]);
    assert!(
        matches!(h.app.screen, Screen::Runner(_)),
        "Enter started a routine"
    );
    assert!(h.app.appointment.prompt.is_none());
}

#[test]
fn never_over_a_form_or_a_session_and_offered_after_a_session() {
    let mut h = never_checked_in();
    // Straight into a routine: the runner is never interrupted.
    h.app.screen = Screen::Routines;
    h.send(&[Msg::Confirm]);
    assert!(matches!(h.app.screen, Screen::Runner(_)));
    h.start_session(Some(5));
    h.advance(5);
    assert!(h.app.appointment.prompt.is_none(), "not during a session");
    // Stop, rate, and back to Routines: now it is offered.
    // `q` asks first once a step has begun; `y` stops.
    h.send(&[Msg::Quit, Msg::Yes]);
    for _ in 0..10 {
        if !matches!(h.app.screen, Screen::Runner(_)) {
            break;
        }
        h.send(&[Msg::Skip, Msg::Confirm]);
    }
    assert!(h.app.appointment.prompt.is_some(), "after a session");
    h.send(&[Msg::Cancel]);

    // A form in progress on the Log tab is never covered.
    let mut h = never_checked_in();
    h.app.screen = Screen::Log;
    h.app.appointment.declined_on = Some(h.now.wall.date_naive());
    h.send(&[Msg::Add]);
    h.app.appointment.declined_on = None;
    h.send(&[Msg::Digit(4)]);
    assert!(matches!(h.app.log.mode, LogMode::Form(_)));
    assert!(h.app.appointment.prompt.is_none(), "not over the form");
}

#[test]
fn r_on_history_and_review_writes_the_report_and_says_where() {
    let mut h = Harness::new(None);
    h.app.screen = Screen::History;
    h.send(&[Msg::Report]);
    let reports = h.dir().join("reports");
    let written: Vec<_> = std::fs::read_dir(&reports).unwrap().collect();
    assert_eq!(written.len(), 1);
    let path = written[0].as_ref().unwrap().path();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(name, "knotless-report-2026-11-24.html");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("Back pain report")
    );
    let screen = h.screen(120, 24);
    assert!(screen.contains("Report written to"), "{screen}");
    assert!(
        screen.contains("knotless-report-2026-11-24.html"),
        "{screen}"
    );
    // On a small terminal the file's name still shows.
    let small = h.screen(40, 12);
    assert!(small.contains("knotless-report-2026-11-24.html"), "{small}");
    insta::assert_snapshot!("report_written_40x12", small);
    // The next key clears the word and still acts.
    h.send(&[Msg::Left]);
    assert!(!h.screen(120, 24).contains("Report written to"));

    h.app.screen = Screen::Log;
    h.send(&[Msg::Review, Msg::Report]);
    assert!(h.screen(120, 24).contains("Report written to"));
    // On the entry list `r` does nothing.
    h.send(&[Msg::Review, Msg::Report]);
    assert!(!h.screen(120, 24).contains("Report written to"));
}
