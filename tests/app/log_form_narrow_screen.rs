//! The log form on a narrow terminal, driven by keys: at 40 columns (and 24) every symptom,
//! trigger, relief and area of the body can be reached with the arrows and ticked, the one
//! highlighted stays in view whole, Up and Down move one row of the chips drawn (one column
//! there, two at 80), and your left stays on the left.

use crate::common;

use common::Harness;
use knotless::symptoms::SymptomLog;
use knotless::tui::{LogForm, LogMode, Msg, Section};
use knotless::vocabulary::Vocabulary;

fn form(h: &Harness) -> &LogForm {
    match &h.app.log.mode {
        LogMode::Form(form) => form,
        other => panic!("not in the form: {other:?}"),
    }
}

/// A new entry on a terminal of `width`×`height`, pain rated, focus on `section`.
fn form_at(width: u16, height: u16, section: Section) -> Harness {
    let mut h = Harness::new(None);
    h.resize(width, height);
    h.send(&[Msg::Tab, Msg::Add, Msg::Digit(3)]);
    while form(&h).focus != section {
        h.send(&[Msg::Tab]);
    }
    h
}

fn cursor(h: &Harness, section: Section) -> usize {
    let f = form(h);
    match section {
        Section::Symptoms => f.symptoms.cursor,
        Section::Triggers => f.triggers.cursor,
        _ => f.relief.cursor,
    }
}

fn ticked(h: &Harness, section: Section) -> Vec<String> {
    let f = form(h);
    match section {
        Section::Symptoms => f.symptoms.chosen.clone(),
        Section::Triggers => f.triggers.chosen.clone(),
        _ => f.relief.chosen.clone(),
    }
}

/// The screen's rows, without the quotes the test backend puts round them.
fn rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .map(|l| l.trim_start_matches('"').trim_end_matches('"').to_owned())
        .collect()
}

/// The ticked chips on screen, each label put together from its lines (one column: a chip
/// starts at "   [x] ", its label carries on in the lines indented under it).
fn ticked_on_screen(screen: &str) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    let mut open = false;
    for row in rows(screen) {
        if let Some(label) = row.strip_prefix("   [x] ") {
            labels.push(label.trim().to_owned());
            open = true;
        } else if open
            && let Some(more) = row.strip_prefix("       ")
            && !more.starts_with(' ')
            && !more.trim().is_empty()
        {
            if let Some(label) = labels.last_mut() {
                label.push(' ');
                label.push_str(more.trim());
            }
        } else {
            open = false;
        }
    }
    labels
}

#[test]
fn at_40_columns_down_reaches_every_chip_one_by_one_and_space_ticks_it_in_view() {
    let mut h = form_at(40, 12, Section::Symptoms);
    for section in [Section::Symptoms, Section::Triggers, Section::Relief] {
        assert_eq!(form(&h).focus, section);
        let options = LogForm::options(section);
        for (i, id) in options.iter().enumerate() {
            assert_eq!(cursor(&h, section), i, "{section:?}: Down moves by one");
            h.send(&[Msg::Space]);
            assert!(ticked(&h, section).iter().any(|t| t == id), "{id} ticked");
            // Drawn ticked, whole, on the screen.
            let label = LogForm::label(section, id);
            let screen = h.screen(40, 12);
            assert!(
                ticked_on_screen(&screen).iter().any(|l| l == label),
                "{label:?} shown ticked and whole:\n{screen}"
            );
            h.send(&[Msg::Down]);
        }
        assert_eq!(cursor(&h, section), options.len() - 1, "stops at the last");
        for i in (0..options.len() - 1).rev() {
            h.send(&[Msg::Up]);
            assert_eq!(cursor(&h, section), i, "{section:?}: Up moves by one");
        }
        h.send(&[Msg::Tab]);
    }
    // Every question's symptom is ticked, so nothing is left to ask; the nerve symptoms have no
    // place, so the save asks where, on "not sure where", which space chooses.
    h.send(&[Msg::Save]);
    assert_eq!(form(&h).focus, Section::Areas, "asked where");
    h.send(&[Msg::Space, Msg::Save]);
    assert!(matches!(h.app.log.mode, LogMode::List), "saved");
    let saved = &SymptomLog::new(h.dir()).load().unwrap().entries[0];
    let vocabulary = Vocabulary::bundled();
    let all = |ids: Vec<&str>| ids.into_iter().map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(
        saved.symptoms.iter().collect::<Vec<_>>(),
        all(vocabulary.symptoms.iter().map(|s| s.id.as_str()).collect())
    );
    assert_eq!(
        saved.triggers.iter().collect::<Vec<_>>(),
        all(vocabulary.triggers.iter().map(|s| s.id.as_str()).collect())
    );
    assert_eq!(
        saved.relief.iter().collect::<Vec<_>>(),
        all(vocabulary.relief.iter().map(|s| s.id.as_str()).collect())
    );
}

#[test]
fn up_and_down_follow_the_columns_drawn_when_the_terminal_is_resized() {
    let mut h = form_at(80, 24, Section::Symptoms);
    // (terminal, key, the cursor after it): two columns at 80 and 200, one at 40 and 24.
    let steps = [
        ((80, 24), Msg::Down, 2),
        ((40, 12), Msg::Down, 3),
        ((40, 12), Msg::Up, 2),
        ((200, 60), Msg::Down, 4),
        ((24, 8), Msg::Down, 5),
        ((80, 24), Msg::Up, 3),
    ];
    for ((width, height), key, at) in steps {
        h.resize(width, height);
        h.send(&[key]);
        assert_eq!(
            cursor(&h, Section::Symptoms),
            at,
            "{key:?} at {width}×{height}"
        );
    }
}

/// Each area's line in the compact picture: its part of the body, and its side.
fn place(id: &str) -> (&'static str, Option<&'static str>) {
    let part = match id.trim_end_matches("-left").trim_end_matches("-right") {
        "neck" => "neck",
        "upper-back" => "upper back",
        "lower-back" => "low back",
        "hip" => "hip",
        "buttock" => "buttock",
        "leg" => "leg",
        "foot" => "foot",
        "groin-saddle" => "groin/saddle",
        other => panic!("an area the test does not know: {other}"),
    };
    let side = if id.ends_with("-left") {
        Some("L")
    } else if id.ends_with("-right") {
        Some("R")
    } else {
        None
    };
    (part, side)
}

#[test]
fn at_40_and_24_columns_every_area_is_reached_by_the_arrows_and_ticked_in_view_left_on_the_left() {
    for (width, height) in [(40, 12), (24, 8)] {
        let mut h = form_at(width, height, Section::Areas);
        h.send(&[Msg::Up; 8]);
        let mut rows_walked = 0;
        loop {
            h.send(&[Msg::Left; 3]);
            loop {
                let before = form(&h).areas.clone();
                h.send(&[Msg::Space]);
                let now = &form(&h).areas;
                assert_eq!(now.len(), before.len() + 1, "ticked at {width}");
                let id = now.last().unwrap().clone();
                // Its line is on the screen, the box ticked, on its side.
                let (part, side) = place(&id);
                let screen = h.screen(width, height);
                let line = rows(&screen)
                    .into_iter()
                    .find(|r| r.contains(&format!("{part} [")))
                    .unwrap_or_else(|| panic!("{id} in view at {width}:\n{screen}"));
                match side {
                    Some("L") => assert!(line.contains(&format!("{part} [x] L")), "{line}"),
                    Some(_) => {
                        let (left, right) = (line.find("] L"), line.find("[x] R"));
                        assert!(left.is_some() && right > left, "{id}: {line}");
                    }
                    None => assert!(line.contains("[x]"), "{id}: {line}"),
                }
                let col = form(&h).area_cursor.1;
                h.send(&[Msg::Right]);
                if form(&h).area_cursor.1 == col {
                    break;
                }
            }
            rows_walked += 1;
            let row = form(&h).area_cursor.0;
            h.send(&[Msg::Down]);
            if form(&h).area_cursor.0 == row {
                break;
            }
        }
        assert_eq!(rows_walked, 8, "every row of the body");
        let mut ticked = form(&h).areas.clone();
        ticked.sort();
        let mut all: Vec<String> = Vocabulary::bundled()
            .areas
            .iter()
            .map(|a| a.id.clone())
            .collect();
        all.sort();
        assert_eq!(ticked, all, "every area at {width}×{height}");
    }
}
