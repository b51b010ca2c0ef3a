//! Red flags in the app: the warning bar's colour per level, the Flags screen, acknowledging,
//! gates before routines, heat on numb skin, the pain-rise advice and the first-run statement.

use crate::common;

use chrono::Duration;
use common::Harness;
use knotless::routine::Library;
use knotless::symptoms::{SymptomEntry, SymptomLog};
use knotless::tui::{LogMode, Msg, Screen, Stage, Tab};
use knotless::vocabulary::IdSet;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

/// A data folder with entries logged `days_ago` before the harness's "now" (2026-11-24 18:30).
fn logged(entries: &[(i64, &[&str], &[&str])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let log = SymptomLog::new(dir.path());
    let now: chrono::DateTime<chrono::FixedOffset> = "2026-11-24T18:30:00+01:00".parse().unwrap();
    for (i, (days_ago, areas, symptoms)) in entries.iter().enumerate() {
        log.save(&SymptomEntry {
            edited: None,
            id: format!("01KFLAG{i:019}"),
            at: now - Duration::days(*days_ago) - Duration::hours(2),
            pain: 5,
            onset: None,
            areas: IdSet::of(areas),
            symptoms: IdSet::of(symptoms),
            denied: IdSet::new(),
            triggers: IdSet::new(),
            relief: IdSet::new(),
            note: String::new(),
        })
        .unwrap();
    }
    dir
}

fn app(entries: &[(i64, &[&str], &[&str])]) -> Harness {
    Harness::in_dir(Library::load(&[]), None, logged(entries))
}

fn buffer(h: &Harness, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| f.render_widget(&h.app, f.area()))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn open(h: &mut Harness, id: &str) {
    let index = h
        .app
        .library
        .routines
        .iter()
        .position(|r| r.id == id)
        .unwrap();
    h.app.routines.selected = index;
    h.send(&[Msg::Confirm]);
}

#[test]
fn the_warning_bar_uses_the_colour_of_the_most_severe_level() {
    for (symptom, colour, word) in [
        ("chest-pain", Color::Red, "EMERGENCY"),
        ("fever", Color::Indexed(214), "URGENT"),
        ("difficulty-bending", Color::Yellow, "SEE A DOCTOR"),
    ] {
        let h = app(&[(1, &["lower-back"], &[symptom])]);
        let buf = buffer(&h, 80, 24);
        let first: String = (0..80).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert!(first.contains(word), "{first}");
        for x in [0, 40, 79] {
            assert_eq!(buf[(x, 0)].bg, colour, "{symptom} at column {x}");
        }
        assert!(first.trim_end().ends_with("! what to do"), "{first}");
    }
    // With every level at once, the bar shows the emergency and counts the rest.
    let h = app(&[
        (1, &["lower-back"], &["fever"]),
        (2, &["lower-back"], &["chest-pain"]),
        (3, &["lower-back"], &["difficulty-bending"]),
    ]);
    let buf = buffer(&h, 80, 24);
    assert_eq!(buf[(0, 0)].bg, Color::Red);
    let first: String = (0..80).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
    assert!(first.contains("+2 more"), "{first}");
}

#[test]
fn without_colour_the_bar_is_still_marked() {
    let mut h = app(&[(1, &["lower-back"], &["chest-pain"])]);
    h.app.theme = knotless::tui::Theme::new(false);
    let buf = buffer(&h, 80, 24);
    assert_eq!(buf[(5, 0)].bg, Color::Reset);
    assert!(
        buf[(5, 0)]
            .modifier
            .contains(Modifier::REVERSED | Modifier::BOLD)
    );
}

#[test]
fn no_flags_no_bar() {
    let h = app(&[(1, &["lower-back"], &["knot"])]);
    let screen = h.screen(80, 24);
    assert!(
        screen.lines().next().unwrap().contains("Routines"),
        "{screen}"
    );
    assert!(!screen.contains("what to do"));
}

#[test]
fn the_bar_shows_on_every_screen_and_at_the_smallest_sizes() {
    let mut h = app(&[(1, &["leg-left", "leg-right"], &["numbness"])]);
    for _ in 0..4 {
        let screen = h.screen(80, 24);
        assert!(
            screen.lines().next().unwrap().contains("EMERGENCY"),
            "{screen}"
        );
        h.send(&[Msg::Tab]);
    }
    for (w, ht) in [(40, 12), (20, 6), (10, 2)] {
        let screen = h.screen(w, ht);
        assert!(screen.contains("⚠"), "{w}x{ht}:\n{screen}");
    }
    for w in 1..=90 {
        for ht in 1..=30 {
            h.screen(w, ht);
        }
    }
}

#[test]
fn the_flags_screen_lists_each_flag_with_action_why_evidence_and_sources() {
    let mut h = app(&[
        (1, &["leg-left", "leg-right"], &["numbness"]),
        (2, &["lower-back"], &["fever"]),
        (3, &["lower-back"], &["difficulty-bending"]),
    ]);
    h.send(&[Msg::Flags]);
    assert_eq!(h.app.tab(), Tab::Flags);
    let screen = h.screen(80, 24);
    for expected in [
        "Emergency: act now",
        "Urgent: see a doctor today",
        "Soon: book an appointment",
        "What to do: If this is new or worse for you,",
        "Why:",
        "From your log",
        "Mon 23 Nov 16:30",
    ] {
        assert!(screen.contains(expected), "{expected:?} missing:\n{screen}");
    }
    insta::assert_snapshot!("flags_80x24", screen);
    insta::assert_snapshot!("flags_40x12", h.screen(40, 12));
}

#[test]
fn the_detail_of_an_emergency_has_no_caveat_and_an_urgent_one_has_them() {
    let mut h = app(&[
        (1, &["lower-back"], &["bladder-change"]),
        (2, &["lower-back"], &["fever"]),
    ]);
    h.send(&[Msg::Flags]);
    let detail = |h: &Harness| {
        // Tall enough for the whole detail, so nothing is scrolled out of view.
        let screen = h.screen(120, 60);
        screen.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    assert_eq!(h.app.selected_flag().unwrap().rule.id, "bladder-bowel");
    let emergency = detail(&h);
    assert!(
        emergency
            .to_lowercase()
            .contains("call your local emergency"),
        "{emergency}"
    );
    for caveat in [
        "false alarm",
        "weak evidence",
        "Serious does not always",
        "small share",
    ] {
        assert!(
            !emergency.contains(caveat),
            "{caveat:?} under an emergency:\n{emergency}"
        );
    }
    // Its nearest miss: the urgent fever flag keeps them.
    h.send(&[Msg::Down]);
    assert_eq!(h.app.selected_flag().unwrap().rule.id, "fever");
    let urgent = detail(&h);
    assert!(urgent.contains("false alarms are"), "{urgent}");
}

#[test]
fn acknowledging_mutes_a_flag_but_never_hides_the_emergency() {
    let mut h = app(&[
        (1, &["lower-back"], &["chest-pain"]),
        (2, &["lower-back"], &["fever"]),
    ]);
    h.send(&[Msg::Flags, Msg::Down]);
    assert_eq!(h.app.selected_flag().unwrap().rule.id, "fever");
    h.send(&[Msg::Checked]);
    assert!(h.screen(80, 24).contains("Have you had this checked"));
    h.send(&[Msg::Yes]);
    assert_eq!(h.app.flags.acknowledged[0].rule.id, "fever");
    let screen = h.screen(80, 24);
    assert!(screen.contains("Checked (muted)"), "{screen}");
    assert!(
        screen.lines().next().unwrap().contains("EMERGENCY"),
        "{screen}"
    );
    insta::assert_snapshot!("flags_acknowledged_80x24", screen);

    // Saved: a new app over the same folder still has it acknowledged.
    let acks = std::fs::read_to_string(h.dir().join("acks.jsonl")).unwrap();
    assert!(acks.contains(r#""flag":"fever""#), "{acks}");
    let again = Harness::in_dir(Library::load(&[]), None, {
        let dir = tempfile::tempdir().unwrap();
        for f in ["symptoms.jsonl", "acks.jsonl"] {
            std::fs::copy(h.dir().join(f), dir.path().join(f)).unwrap();
        }
        dir
    });
    assert_eq!(again.app.flags.acknowledged.len(), 1);
    assert_eq!(again.app.flags.active[0].rule.id, "chest-pain");

    // Any key but y keeps it active.
    let mut h = app(&[(1, &["lower-back"], &["fever"])]);
    h.send(&[Msg::Flags, Msg::Checked, Msg::Next]);
    assert_eq!(h.app.flags.active.len(), 1);
    // A key with no action of its own is "any key" too: it closes the question.
    h.send(&[Msg::Checked, Msg::Other]);
    assert!(!h.app.flags_tab.confirm_ack);
    assert_eq!(h.app.flags.active.len(), 1);
}

#[test]
fn an_emergency_refuses_to_start_a_stretch_until_acknowledged() {
    let mut h = app(&[(1, &["leg-left", "leg-right"], &["numbness"])]);
    open(&mut h, "lower-back-release");
    let screen = h.screen(80, 24);
    assert!(matches!(h.stage(), Stage::Gate(g) if g.refuses()));
    assert!(
        screen.contains("will not start while an emergency flag is active"),
        "{screen}"
    );
    insta::assert_snapshot!("gate_emergency_80x24", screen);
    h.send(&[Msg::Confirm, Msg::Space]);
    assert!(
        matches!(h.stage(), Stage::Gate(_)),
        "enter does not go past it"
    );

    // ! opens the flags; acknowledging lets the routine start.
    h.send(&[Msg::Flags]);
    assert_eq!(h.app.tab(), Tab::Flags);
    h.send(&[Msg::Checked, Msg::Yes, Msg::Tab]);
    assert_eq!(h.app.tab(), Tab::Routines);
    h.send(&[Msg::Confirm]);
    assert!(matches!(h.stage(), Stage::Briefing { .. }), "cautions next");
}

#[test]
fn an_urgent_flag_that_blocks_heat_is_shown_first_and_can_be_passed() {
    let mut h = app(&[(1, &["lower-back"], &["fever"])]);
    open(&mut h, "heat-pack");
    let screen = h.screen(80, 24);
    assert!(matches!(h.stage(), Stage::Gate(g) if !g.refuses()));
    assert!(
        screen.contains("URGENT: You logged a high temperature"),
        "{screen}"
    );
    insta::assert_snapshot!("gate_urgent_heat_80x24", screen);
    h.send(&[Msg::Confirm]);
    assert!(matches!(h.stage(), Stage::Briefing { .. }));

    // Stretches are not held back by a fever.
    let mut h = app(&[(1, &["lower-back"], &["fever"])]);
    open(&mut h, "desk-stretch");
    assert!(matches!(h.stage(), Stage::Briefing { .. }));
}

#[test]
fn heat_is_refused_while_numbness_or_tingling_is_in_the_window() {
    let mut h = app(&[(3, &["buttock-left"], &["tingling"])]);
    open(&mut h, "heat-pack");
    let screen = h.screen(80, 24);
    assert!(matches!(h.stage(), Stage::Gate(g) if g.refuses() && g.numb_skin.is_some()));
    assert!(screen.contains("Heat is not offered right now"), "{screen}");
    assert!(screen.contains("Skin that is numb cannot feel"), "{screen}");
    h.send(&[Msg::Confirm]);
    assert!(matches!(h.stage(), Stage::Gate(_)));
    h.send(&[Msg::Cancel]);
    assert!(matches!(h.app.screen, Screen::Routines));

    // Fifteen days on, heat is offered again.
    let mut h = app(&[(15, &["buttock-left"], &["tingling"])]);
    open(&mut h, "heat-pack");
    assert!(matches!(h.stage(), Stage::Briefing { .. }));
}

#[test]
fn a_rise_of_two_points_suggests_logging_and_says_when_to_seek_help() {
    let mut h = Harness::new(Some("morning-mobility"));
    h.start_session(Some(3));
    h.advance(400);
    h.send(&[Msg::Digit(6), Msg::Confirm]);
    let screen = h.screen(80, 24);
    assert!(screen.contains("Your pain went up by 3 points"), "{screen}");
    assert!(screen.contains("see a doctor"), "{screen}");
    insta::assert_snapshot!("summary_pain_rose_80x24", screen);
    h.send(&[Msg::Add]);
    assert_eq!(h.app.tab(), Tab::Log);
    match &h.app.log.mode {
        LogMode::Form(form) => assert_eq!(form.pain.value, Some(6)),
        other => panic!("the form should be open: {other:?}"),
    }

    // A rise of one point: no advice.
    let mut h = Harness::new(Some("morning-mobility"));
    h.start_session(Some(3));
    h.advance(400);
    h.send(&[Msg::Digit(4), Msg::Confirm]);
    assert!(!h.screen(80, 24).contains("went up"));
    h.send(&[Msg::Add]);
    assert!(matches!(h.stage(), Stage::Summary(_)));
}

#[test]
fn the_first_run_statement_shows_once() {
    let data = tempfile::tempdir().unwrap();
    let now = knotless::clock::Now {
        instant: std::time::Instant::now(),
        wall: "2026-11-24T18:30:00+01:00".parse().unwrap(),
    };
    let app = || {
        knotless::tui::App::new(
            Library::load(&[]),
            knotless::tui::Theme::new(false),
            data.path(),
            None,
            now,
        )
    };
    let mut first = Harness {
        app: app(),
        now,
        data: tempfile::tempdir().unwrap(),
    };
    let screen = first.screen(80, 24);
    assert!(screen.contains("not a diagnosis"), "{screen}");
    assert!(screen.contains("emergency_number"), "{screen}");
    // The statement's words, row by row between the box's borders.
    let words = screen
        .lines()
        .filter_map(|row| row.split('│').nth(1))
        .flat_map(str::split_whitespace)
        .collect::<Vec<_>>()
        .join(" ");
    for sign in [
        "pain, tingling, numbness or weakness in both legs",
        "bladder or bowel",
        "numbness around the genitals or buttocks",
    ] {
        assert!(words.contains(sign), "{sign:?} missing:\n{screen}");
    }
    insta::assert_snapshot!("welcome_80x24", screen);
    // Small terminals get the statement and the prompt whole; a resize redraws it.
    for (w, h) in [(40, 12), (30, 10)] {
        let small = first.screen(w, h);
        let joined: String = small.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(joined.contains("not a"), "{small}");
        assert!(joined.contains("Press any key to start."), "{small}");
    }
    insta::assert_snapshot!("welcome_40x12", first.screen(40, 12));
    assert!(knotless::tui::update(&mut first.app, Msg::Resize, now));
    assert!(first.app.welcome, "a resize is not a key");
    let selected = first.app.routines.selected;
    // Any key: one with no action of its own too (`x`).
    first.send(&[Msg::Other]);
    assert!(!first.app.welcome);
    assert_eq!(
        first.app.routines.selected, selected,
        "the key only closes the statement"
    );
    assert!(!first.screen(80, 24).contains("not a diagnosis"));
    assert!(!app().welcome, "not shown again");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(data.path().join(knotless::tui::WELCOME_SEEN))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn bang_from_the_gate_opens_the_emergency_so_c_y_marks_that_one() {
    let mut h = app(&[
        (1, &["leg-left", "leg-right"], &["numbness"]),
        (2, &["lower-back"], &["fever"]),
    ]);
    // Earlier, another flag was highlighted on the Flags tab.
    h.send(&[Msg::Flags, Msg::Down]);
    assert_ne!(h.app.selected_flag().unwrap().rule.id, "both-legs");
    h.send(&[Msg::Cancel]);
    open(&mut h, "lower-back-release");
    assert!(matches!(h.stage(), Stage::Gate(_)));
    h.send(&[Msg::Flags]);
    assert_eq!(h.app.selected_flag().unwrap().rule.id, "both-legs");
    h.send(&[Msg::Checked, Msg::Yes]);
    assert_eq!(h.app.flags.acknowledged[0].rule.id, "both-legs");
}

#[test]
fn opening_straight_into_a_routine_passes_the_same_gate() {
    let data = logged(&[(1, &["lower-back"], &["bladder-change"])]);
    let h = Harness::in_dir(Library::load(&[]), Some("desk-stretch"), data);
    let app = h.app.clone().with_safety(
        knotless::config::Config::default(),
        knotless::flags::RuleSet::bundled(),
        std::path::Path::new("config.toml"),
    );
    match &app.screen {
        Screen::Runner(r) => assert!(matches!(&r.stage, Stage::Gate(g) if g.refuses())),
        _ => panic!("in the runner"),
    }
}

#[test]
fn a_click_selects_a_flag() {
    let mut h = app(&[
        (1, &["lower-back"], &["chest-pain"]),
        (2, &["lower-back"], &["fever"]),
    ]);
    h.app.area = ratatui::layout::Rect::new(0, 0, 80, 24);
    h.send(&[Msg::Flags]);
    let screen = h.screen(80, 24);
    let row = screen
        .lines()
        .position(|l| l.starts_with("\" A high temperature"))
        .unwrap() as u16;
    h.send(&[Msg::Click(5, row)]);
    assert_eq!(h.app.selected_flag().unwrap().rule.id, "fever");
}

#[test]
fn page_down_and_the_wheel_reach_the_foot_of_a_long_flag_and_a_new_flag_starts_at_its_top() {
    let mut h = app(&[
        (1, &["leg-left", "leg-right"], &["numbness"]),
        (2, &["lower-back"], &["fever"]),
    ]);
    h.app.area = ratatui::layout::Rect::new(0, 0, 80, 18);
    h.send(&[Msg::Flags]);
    let top = h.screen(80, 18);
    assert!(top.contains("pgdn more"), "{top}");
    assert!(!top.contains("serious case is never"), "{top}");

    // Page Down until it stops: the foot is in view (an emergency ends on how to mark it
    // checked: no caveats under it), the headline scrolled off.
    h.send(&[Msg::ScrollDown, Msg::ScrollDown, Msg::ScrollDown]);
    let foot = h.screen(80, 18);
    assert!(foot.contains("Had it checked? Press c"), "{foot}");
    assert!(
        !foot.contains("│ You logged nerve symptoms on both sides"),
        "{foot}"
    );
    // The list beside it did not move.
    assert!(foot.contains(" Nerve symptoms on both sides (…│"), "{foot}");
    h.send(&[Msg::ScrollUp, Msg::ScrollUp, Msg::ScrollUp]);
    assert_eq!(h.screen(80, 18), top);

    // The wheel over the detail scrolls it; over the list it moves the highlight.
    h.send(&[Msg::Wheel(60, 10, true)]);
    assert!(h.app.detail_scroll > 0);
    assert_eq!(h.app.selected_flag().unwrap().rule.id, "both-legs");
    h.send(&[Msg::Wheel(5, 10, true)]);
    assert_eq!(h.app.selected_flag().unwrap().rule.id, "fever");
    assert_eq!(h.app.detail_scroll, 0, "another flag opens at its top");
    // Acknowledging puts another flag in the highlighted row: it opens at its top too.
    h.send(&[Msg::Wheel(60, 10, true)]);
    assert!(h.app.detail_scroll > 0);
    h.send(&[Msg::Checked, Msg::Yes]);
    assert_eq!(h.app.detail_scroll, 0);
}

#[test]
fn a_flag_that_lapsed_unchecked_is_listed_until_it_is_marked_as_checked() {
    // A fever 16 days ago left its 14-day window two days ago; a knot today raises nothing.
    let mut h = app(&[
        (16, &["lower-back"], &["fever"]),
        (0, &["lower-back"], &["knot"]),
    ]);
    assert!(h.app.flags.active.is_empty(), "lapsed with its window");
    h.send(&[Msg::Flags]);
    let screen = h.screen(80, 24);
    for expected in [
        "Lapsed, not marked as checked",
        "A high temperature or chills",
        "it left its window",
        "Had it checked? Press c to mark it.",
    ] {
        assert!(screen.contains(expected), "{expected:?} missing:\n{screen}");
    }
    insta::assert_snapshot!("flags_lapsed_80x24", screen);
    // c, y: marked as checked, so no longer listed.
    h.send(&[Msg::Checked, Msg::Yes]);
    assert!(h.app.lapsed.is_empty());
    assert!(!h.screen(80, 24).contains("Lapsed, not marked as checked"));

    // Nearest miss: leg weakness 16 days ago has not lapsed: it is still raised.
    let mut h = app(&[(16, &["leg-left"], &["weakness"])]);
    h.send(&[Msg::Flags]);
    let screen = h.screen(80, 24);
    assert!(h.app.lapsed.is_empty());
    assert!(
        screen.contains("Urgent: see a doctor today") && screen.contains("Weakness in a leg"),
        "{screen}"
    );
}

#[test]
fn a_nerve_symptom_with_no_place_asks_where_on_the_flags_screen() {
    let mut h = app(&[(1, &[], &["numbness"])]);
    h.send(&[Msg::Flags]);
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let screen = h.screen(100, 30);
    let text = squeeze(&screen.replace(['"', '│', '█'], " "));
    assert!(text.contains("Where do you feel the numbness?"), "{screen}");
    // Nearest miss: with its place, nothing asks.
    let mut h = app(&[(1, &["leg-left"], &["numbness"])]);
    h.send(&[Msg::Flags]);
    assert!(!h.screen(100, 30).contains("Where do you feel"));
}
