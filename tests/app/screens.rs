//! Whole screens as a person sees them: insta snapshots at 80×24 and 40×12, every state at every
//! size without a panic, and `NO_COLOR`. Time is driven by hand through `update`.

use crate::common;

use std::path::PathBuf;

use common::Harness;
use knotless::routine::{Kind, Library};
use knotless::tui::{Msg, Stage, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::widgets::Widget;

fn first_of(kind: Kind) -> String {
    Library::load(&[])
        .routines
        .iter()
        .find(|r| r.kind == kind)
        .unwrap()
        .id
        .clone()
}

#[test]
fn routines_screen() {
    let h = Harness::new(None);
    insta::assert_snapshot!("routines_80x24", h.screen(80, 24));
    insta::assert_snapshot!("routines_40x12", h.screen(40, 12));
}

#[test]
fn routines_screen_lists_a_broken_file_with_its_error() {
    let library = Library::load(&[PathBuf::from("tests/fixtures/routines")]);
    let mut h = Harness::with_library(library, None);
    h.send(&[Msg::Last]);
    let screen = h.screen(80, 24);
    assert!(screen.contains("Broken files"), "{screen}");
    insta::assert_snapshot!("routines_broken_80x24", screen);
}

#[test]
fn heat_checklist_must_be_ticked_before_starting() {
    let id = first_of(Kind::Heat);
    let mut h = Harness::new(Some(&id));
    h.send(&[Msg::Space, Msg::Confirm]);
    assert!(matches!(
        h.stage(),
        Stage::Briefing {
            incomplete: true,
            ..
        }
    ));
    insta::assert_snapshot!("heat_checklist_80x24", h.screen(80, 24));
}

#[test]
fn on_a_small_terminal_each_checklist_item_is_in_view_when_it_is_ticked() {
    let id = first_of(Kind::Heat);
    let mut h = Harness::new(Some(&id));
    let cautions = match &h.app.screen {
        knotless::tui::Screen::Runner(r) => r.briefing_items.clone(),
        _ => panic!("in the runner"),
    };
    assert!(cautions.len() >= 5);
    // A few words from the start of each item, as they wrap at 40 columns.
    let start = |c: &str| c.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    for (i, caution) in cautions.iter().enumerate() {
        let screen = h.screen(40, 12);
        assert!(
            screen.contains(&start(caution)),
            "item {i} not in view when highlighted:\n{screen}"
        );
        h.send(&[Msg::Space]);
    }
    // Enter with one unticked: the reason shows, even at this size.
    h.send(&[Msg::Space, Msg::Confirm]);
    let screen = h.screen(40, 12);
    assert!(screen.contains("Tick every item"), "{screen}");
}

#[test]
fn pain_rating_before() {
    let mut h = Harness::new(Some("lower-back-release"));
    h.send(&[Msg::Confirm, Msg::Digit(6)]);
    insta::assert_snapshot!("pain_before_80x24", h.screen(80, 24));
}

#[test]
fn runner_mid_hold() {
    let mut h = Harness::new(Some("lower-back-release"));
    h.start_session(Some(6));
    // Through the prepare phase, the timed pelvic tilts and the rest, 12 s into the first hold.
    for _ in 0..3 {
        let Stage::Running(session) = h.stage() else {
            panic!("running")
        };
        let left = session.remaining(h.now.instant).unwrap().as_secs();
        h.advance(left);
    }
    h.advance(12);
    let screen = h.screen(80, 24);
    assert!(screen.contains("Knee to chest"), "{screen}");
    insta::assert_snapshot!("runner_80x24", h.screen(80, 24));
    insta::assert_snapshot!("runner_40x12", h.screen(40, 12));
    h.send(&[Msg::Space]);
    let paused = h.screen(80, 24);
    assert!(paused.contains("PAUSED"), "{paused}");
    h.advance(600);
    assert_eq!(h.screen(80, 24), paused, "nothing moves while paused");
}

#[test]
fn summary_after_a_session_shows_the_pain_change() {
    let mut h = Harness::new(Some("lower-back-release"));
    h.start_session(Some(6));
    h.advance(60)
        .send(&[Msg::Quit, Msg::Yes, Msg::Digit(4), Msg::Confirm]);
    assert!(matches!(h.stage(), Stage::Summary(_)));
    let screen = h.screen(80, 24);
    assert!(screen.contains("Pain: 6 → 4"), "{screen}");
    insta::assert_snapshot!("summary_80x24", screen);
}

#[test]
fn help_overlay() {
    let mut h = Harness::new(None);
    h.send(&[Msg::Help]);
    insta::assert_snapshot!("help_80x24", h.screen(80, 24));
}

#[test]
fn every_state_renders_at_every_size_without_panicking() {
    let mut states = vec![Harness::new(None)];
    let mut help = Harness::new(None);
    help.send(&[Msg::Help]);
    states.push(help);
    for routine in Library::load(&[]).routines {
        let mut h = Harness::new(Some(&routine.id));
        states.push(h.clone_state());
        h.start_session(Some(3));
        states.push(h.clone_state());
        h.advance(7);
        states.push(h.clone_state());
        h.send(&[Msg::Next, Msg::Next]);
        states.push(h.clone_state());
        h.send(&[Msg::Quit]);
        states.push(h.clone_state());
        h.send(&[Msg::Skip]);
        states.push(h.clone_state());
    }
    for state in &states {
        for w in [
            0u16, 1, 2, 5, 10, 20, 30, 39, 40, 55, 59, 60, 71, 72, 80, 120, 200,
        ] {
            for hgt in [0u16, 1, 2, 3, 4, 6, 8, 12, 17, 18, 24, 60] {
                let mut buf = Buffer::empty(Rect::new(0, 0, w, hgt));
                (&state.app).render(buf.area, &mut buf);
            }
        }
    }
}

#[test]
fn no_color_draws_without_any_colour() {
    let mut h = Harness::new(Some("lower-back-release"));
    h.app.theme = Theme::new(false);
    h.start_session(None).advance(20);
    let mut buf = Buffer::empty(Rect::new(0, 0, 80, 24));
    (&h.app).render(buf.area, &mut buf);
    for cell in buf.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
}

/// The colours of `[theme]` reach the app's theme, and `NO_COLOR` still turns them all off.
#[test]
fn no_color_wins_over_the_theme() {
    let c = knotless::config::Config::parse("c.toml", "[theme]\ntitle = \"red\"\n").unwrap();
    let coloured = Theme::new(true).with_palette(c.theme);
    assert_eq!(coloured.title().fg, Some(Color::Red));
    let plain = Theme::new(false).with_palette(c.theme);
    assert_eq!(plain.title().fg, None);
    assert_eq!(plain.selected().bg, None);
}

#[test]
fn keys_from_the_config_show_in_the_footer_and_help() {
    let mut h = Harness::new(None);
    let config =
        knotless::config::Config::parse("config.toml", "[keys]\nquit = \"x\"\nhelp = \"f1\"\n")
            .unwrap();
    h.app = h.app.clone().with_safety(
        config,
        knotless::flags::RuleSet::bundled(),
        std::path::Path::new("config.toml"),
    );
    let screen = h.screen(80, 24);
    let footer = screen.lines().last().unwrap();
    assert!(
        footer.contains(" x quit") && footer.contains(" f1 help"),
        "{footer}"
    );
    let bar = screen.lines().next().unwrap();
    assert!(bar.contains("f1 help") && !bar.contains("? help"), "{bar}");
    h.send(&[Msg::Help]);
    let help = h.screen(80, 24);
    assert!(
        help.contains("f1  help") || help.contains("f1  open or close"),
        "{help}"
    );
}

#[test]
fn clicks_select_tabs_and_routines() {
    let mut h = Harness::new(None);
    h.app.area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let screen = h.screen(80, 24);
    let row = screen
        .lines()
        .position(|l| l.contains(" Flare: first days "))
        .unwrap() as u16;
    h.send(&[Msg::Click(3, row)]);
    assert_eq!(
        h.app.routines.selected, 0,
        "Flare: first days is the first routine"
    );
    h.send(&[Msg::Click(3, row)]);
    match &h.app.screen {
        knotless::tui::Screen::Runner(r) => assert_eq!(r.routine.id, "flare-first-days"),
        _ => panic!("a second click starts it"),
    }
    let mut h = Harness::new(None);
    h.app.area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let bar = h.screen(80, 24).lines().next().unwrap().to_owned();
    let log = bar.find(" Log ").unwrap() as u16;
    h.send(&[Msg::Click(log + 1, 0)]);
    assert_eq!(h.app.tab(), knotless::tui::Tab::Log);
    let flags = bar.find(" Flags ").unwrap() as u16;
    h.send(&[Msg::Click(flags + 2, 0)]);
    assert_eq!(h.app.tab(), knotless::tui::Tab::Flags);
    // A click on nothing in particular does nothing.
    h.send(&[Msg::Click(70, 12)]);
    assert_eq!(h.app.tab(), knotless::tui::Tab::Flags);
}

#[test]
fn a_routines_cautions_can_be_scrolled_into_view_on_a_small_terminal() {
    let mut h = Harness::new(None);
    h.app.area = ratatui::layout::Rect::new(0, 0, 40, 12);
    let screen = h.screen(40, 12);
    assert!(screen.contains("pgdn more"), "{screen}");
    assert!(!screen.contains("Before you start"), "{screen}");
    for _ in 0..10 {
        h.send(&[Msg::ScrollDown]);
    }
    let screen = h.screen(40, 12);
    assert!(
        screen.contains("severe."),
        "the last caution's end:\n{screen}"
    );
    assert!(!screen.contains("Five minutes"), "{screen}");
    // Scrolling is for the pane only; moving down the list starts the next routine at its top.
    h.send(&[Msg::Down]);
    assert_eq!(h.app.detail_scroll, 0);
}

#[test]
fn esc_goes_back_to_routines_and_never_quits() {
    let mut h = Harness::new(None);
    h.send(&[Msg::Cancel]);
    assert!(!h.app.quit, "Esc on Routines does not quit");
    for tabs in 1..=4 {
        let mut h = Harness::new(None);
        for _ in 0..tabs {
            h.send(&[Msg::Tab]);
        }
        assert_ne!(h.app.tab(), knotless::tui::Tab::Routines);
        h.send(&[Msg::Cancel]);
        assert!(!h.app.quit);
        assert_eq!(h.app.tab(), knotless::tui::Tab::Routines, "from tab {tabs}");
    }
    h.send(&[Msg::Quit]);
    assert!(h.app.quit, "q quits");
}

/// A resize is drawn at once on every tab and in the runner, whatever the tab makes of other
/// keys: nothing else may be needed to repaint a terminal that changed size.
#[test]
fn a_resize_redraws_every_tab_and_the_runner() {
    let mut h = Harness::new(None);
    for tab in knotless::tui::Tab::ALL {
        h.app.screen = tab.screen();
        let now = h.now;
        assert!(
            knotless::tui::update(&mut h.app, Msg::Resize, now),
            "{tab:?} did not redraw on a resize"
        );
    }
    let mut h = Harness::new(Some(&first_of(Kind::Stretch)));
    h.start_session(None);
    let now = h.now;
    assert!(knotless::tui::update(&mut h.app, Msg::Resize, now));
}
