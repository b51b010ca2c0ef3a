//! The review of the log (Log tab, `v`): the pain chart over 30 or 90 days, the areas, and the
//! most common triggers and reliefs.

use crate::common;

use chrono::{DateTime, Duration, FixedOffset};
use common::Harness;
use knotless::routine::Library;
use knotless::symptoms::{SymptomEntry, SymptomLog};
use knotless::tui::{LogMode, Msg};
use knotless::vocabulary::IdSet;

/// Six weeks of entries before "today" (2026-11-24): a bad spell three weeks ago easing off,
/// mostly lower back after sitting, helped by heat and stretching; one entry from long ago.
fn six_weeks_of_entries() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let log = SymptomLog::new(dir.path());
    let today: DateTime<FixedOffset> = "2026-11-24T08:00:00+01:00".parse().unwrap();
    let mut n = 0;
    let mut add =
        |days_ago: i64, hour: i64, pain: u8, areas: &[&str], triggers: &[&str], relief: &[&str]| {
            n += 1;
            let entry = SymptomEntry {
                edited: None,
                id: format!("01KTEST{n:019}"),
                at: today - Duration::days(days_ago) + Duration::hours(hour),
                pain,
                onset: None,
                areas: IdSet::of(areas),
                symptoms: IdSet::of(&["knot"]),
                denied: IdSet::new(),
                triggers: IdSet::of(triggers),
                relief: IdSet::of(relief),
                note: String::new(),
            };
            log.save(&entry).unwrap();
        };
    add(200, 0, 9, &["neck"], &["stress"], &[]);
    for days_ago in (0..42).step_by(2) {
        let pain = match days_ago {
            18..=24 => 8,
            10..=17 => 6,
            _ => 3,
        };
        add(
            days_ago,
            0,
            pain,
            &["lower-back", "lower-back-left"],
            &["sitting"],
            &["heat"],
        );
        if days_ago % 4 == 0 {
            add(
                days_ago,
                10,
                pain.saturating_sub(2),
                &["hip-left"],
                &["lifting"],
                &["stretching"],
            );
        }
    }
    dir
}

fn review(dir: tempfile::TempDir) -> Harness {
    let mut h = Harness::in_dir(Library::load(&[]), None, dir);
    h.send(&[Msg::Tab, Msg::Review]);
    assert!(matches!(h.app.log.mode, LogMode::Review { days: 30 }));
    h
}

#[test]
fn the_review_charts_30_days_and_lists_areas_triggers_and_reliefs() {
    let mut h = review(six_weeks_of_entries());
    let screen = h.screen(80, 24);
    for expected in [
        "Pain over the last 30 days",
        "23 entries on 15 days",
        "worst 8",
        "█ daily average",
        "░ daily worst",
        "26 Oct",
        "24 Nov",
        "Where · entries · avg pain",
        "Set off by",
        "Helped by",
        "Sitting",
        "Heat",
    ] {
        assert!(screen.contains(expected), "{expected:?} missing:\n{screen}");
    }
    assert!(
        !screen.contains("Neck"),
        "200 days ago is outside:\n{screen}"
    );
    insta::assert_snapshot!("trends_30_80x24", screen);
    insta::assert_snapshot!("trends_30_40x12", h.screen(40, 12));

    h.send(&[Msg::Right]);
    assert!(matches!(h.app.log.mode, LogMode::Review { days: 90 }));
    let ninety = h.screen(80, 24);
    assert!(ninety.contains("Pain over the last 90 days"), "{ninety}");
    insta::assert_snapshot!("trends_90_80x24", ninety);

    // v goes back to the entries.
    h.send(&[Msg::Review]);
    assert!(matches!(h.app.log.mode, LogMode::List));
}

#[test]
fn an_empty_period_says_how_to_fill_it() {
    let h = review(tempfile::tempdir().unwrap());
    let screen = h.screen(80, 24);
    assert!(screen.contains("nothing logged"), "{screen}");
    assert!(screen.contains("Press a to log"), "{screen}");
}

#[test]
fn the_review_survives_every_size() {
    let h = review(six_weeks_of_entries());
    for w in 1..=90 {
        for ht in 1..=30 {
            h.screen(w, ht);
        }
    }
}

#[test]
fn a_click_selects_a_log_entry() {
    let mut h = Harness::in_dir(Library::load(&[]), None, six_weeks_of_entries());
    h.app.area = ratatui::layout::Rect::new(0, 0, 80, 24);
    h.send(&[Msg::Tab]);
    assert_eq!(h.app.log.selected, 0);
    // Rows: tab bar, filter row, then the entries, newest first.
    h.send(&[Msg::Click(10, 4)]);
    assert_eq!(h.app.log.selected, 2);
    h.send(&[Msg::Click(10, 23)]);
    assert_eq!(h.app.log.selected, 2, "the footer is not an entry");
}
