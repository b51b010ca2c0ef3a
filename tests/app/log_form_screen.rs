//! The log form can say everything: every symptom of the vocabulary can be ticked at any time
//! (the warning signs included, without a leg symptom first), the screening questions come with
//! leg, foot, buttock or nerve symptoms and skip what is ticked already, options read as their
//! labels, and saving an entry that raises an emergency shows it at once, in full.

use crate::common;

use common::Harness;
use knotless::flags::Level;
use knotless::symptoms::{SymptomEntry, SymptomLog};
use knotless::tui::{LogForm, LogMode, Msg, Screen, Section};
use knotless::vocabulary::Vocabulary;

fn on_log_tab() -> Harness {
    let mut h = Harness::new(None);
    h.send(&[Msg::Tab]);
    assert!(matches!(h.app.screen, Screen::Log));
    h
}

fn form(h: &Harness) -> &LogForm {
    match &h.app.log.mode {
        LogMode::Form(form) => form,
        other => panic!("not in the form: {other:?}"),
    }
}

/// A new entry with pain `pain`, focus on the symptoms.
fn to_symptoms(h: &mut Harness, pain: u8) {
    h.send(&[Msg::Add, Msg::Digit(pain), Msg::Tab, Msg::Tab, Msg::Tab]);
    assert_eq!(form(h).focus, Section::Symptoms);
}

/// Ticks the symptom `id` by keyboard: back to the first option, right to it, space.
fn tick(h: &mut Harness, id: &str) {
    let at = LogForm::symptom_options()
        .iter()
        .position(|o| *o == id)
        .unwrap_or_else(|| panic!("{id} is offered"));
    h.send(&[Msg::Up; 12]);
    h.send(&[Msg::Left; 2]);
    for _ in 0..at {
        h.send(&[Msg::Right]);
    }
    h.send(&[Msg::Space]);
}

fn form_open(h: &Harness) -> bool {
    matches!(h.app.log.mode, LogMode::Form(_))
}

fn saved(h: &Harness) -> Vec<SymptomEntry> {
    SymptomLog::new(h.dir()).load().unwrap().entries
}

#[test]
fn every_symptom_of_the_vocabulary_can_be_ticked_and_saved() {
    let mut h = on_log_tab();
    to_symptoms(&mut h, 5);
    let all: Vec<&str> = Vocabulary::bundled()
        .symptoms
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(LogForm::symptom_options(), all, "every symptom is offered");
    for _ in &all {
        h.send(&[Msg::Space, Msg::Right]);
    }
    // Every question's symptom is ticked: nothing is left to ask but where the nerve symptoms
    // are; "not sure where" (where the save put the cursor) and it saves.
    h.send(&[Msg::Save]);
    assert_eq!(form(&h).focus, Section::Areas);
    h.send(&[Msg::Space, Msg::Save]);
    assert!(matches!(h.app.log.mode, LogMode::List), "saved");
    let e = &saved(&h)[0];
    assert_eq!(e.symptoms.iter().collect::<Vec<_>>(), all);
    assert!(e.denied.is_empty());
}

#[test]
fn warning_signs_save_at_once_without_a_leg_symptom_and_nerve_symptoms_ask_first() {
    // (symptom ticked on its own, saved at once?)
    let rows = [
        ("saddle-numbness", true),
        ("bladder-change", true),
        ("bowel-change", true),
        ("sexual-change", true),
        ("chest-pain", true),
        ("knot", true),
        // The nearest miss: a nerve symptom brings the questions, which must be answered.
        ("tingling", false),
        ("weakness", false),
    ];
    for (id, at_once) in rows {
        let mut h = on_log_tab();
        to_symptoms(&mut h, 3);
        tick(&mut h, id);
        h.send(&[Msg::Save]);
        if at_once {
            assert!(matches!(h.app.log.mode, LogMode::List), "{id} saves");
            let entries = saved(&h);
            assert_eq!(entries.len(), 1, "{id}");
            assert_eq!(entries[0].symptoms.iter().collect::<Vec<_>>(), [id]);
        } else {
            assert_eq!(form(&h).focus, Section::Screening, "{id} asks first");
            assert!(saved(&h).is_empty(), "{id}: nothing written yet");
        }
    }
}

#[test]
fn buttocks_legs_and_feet_bring_the_screening_questions_and_a_hip_does_not() {
    // Down from the lower back (the picture's first cursor place): hips, buttocks, legs, feet.
    let rows: [(&str, usize, bool); 4] = [
        ("a hip", 1, false),
        ("a buttock", 2, true),
        ("a leg", 3, true),
        ("a foot", 4, true),
    ];
    for (what, downs, asks) in rows {
        let mut h = on_log_tab();
        h.send(&[Msg::Add, Msg::Digit(4), Msg::Tab, Msg::Tab]);
        assert_eq!(form(&h).focus, Section::Areas);
        for _ in 0..downs {
            h.send(&[Msg::Down]);
        }
        h.send(&[Msg::Space]);
        assert_eq!(form(&h).areas.len(), 1, "{what} ticked");
        assert_eq!(
            form(&h).sections().contains(&Section::Screening),
            asks,
            "{what}"
        );
        // Saving: at once for a hip; for the others, the questions come first.
        h.send(&[Msg::Save]);
        assert_eq!(form_open(&h), asks, "{what}");
        if asks {
            let screen = h.screen(80, 24);
            assert!(screen.contains("please answer each question"), "{screen}");
        }
    }
}

#[test]
fn a_symptom_ticked_above_is_not_asked_again() {
    // With bladder trouble ticked, "n n n" answers the three other questions and saves; without
    // it (the nearest miss), three answers leave one open and the save is refused.
    for ticked in [true, false] {
        let mut h = on_log_tab();
        to_symptoms(&mut h, 6);
        tick(&mut h, "tingling");
        if ticked {
            tick(&mut h, "bladder-change");
        }
        h.send(&[Msg::Tab, Msg::Tab, Msg::Tab]);
        assert_eq!(form(&h).focus, Section::Screening);
        let screen = h.screen(80, 24);
        assert_eq!(
            screen.contains("YES Any new trouble peeing"),
            ticked,
            "{screen}"
        );
        h.send(&[Msg::Next, Msg::Next, Msg::Next, Msg::Save]);
        if ticked {
            // Answered: then where the tingling is; "not sure where".
            assert_eq!(form(&h).focus, Section::Areas);
            h.send(&[Msg::Space, Msg::Save]);
        }
        let entries = saved(&h);
        if ticked {
            let e = &entries[0];
            assert_eq!(e.symptoms, ["tingling", "bladder-change"]);
            assert_eq!(
                e.denied,
                ["saddle-numbness", "bowel-change", "sexual-change"]
            );
        } else {
            assert!(entries.is_empty(), "one question is still open");
            assert!(
                h.screen(80, 24)
                    .contains("Please answer each screening question")
            );
        }
    }
}

#[test]
fn a_yes_to_a_question_ticks_the_symptom_and_a_no_unticks_it() {
    let mut h = on_log_tab();
    to_symptoms(&mut h, 6);
    tick(&mut h, "numbness");
    h.send(&[Msg::Tab, Msg::Tab, Msg::Tab, Msg::Yes]);
    assert!(
        form(&h)
            .symptoms
            .chosen
            .contains(&"saddle-numbness".to_owned())
    );
    // Back to the first question: "no" takes the tick away again.
    h.send(&[Msg::Up, Msg::Up, Msg::Next]);
    assert!(
        !form(&h)
            .symptoms
            .chosen
            .contains(&"saddle-numbness".to_owned())
    );
    assert_eq!(form(&h).answer(0), Some(false));
}

#[test]
fn the_form_shows_labels_not_ids() {
    let mut h = on_log_tab();
    to_symptoms(&mut h, 6);
    tick(&mut h, "bladder-change");
    insta::assert_snapshot!("log_form_every_symptom_80x24", h.screen(80, 24));
    let screen = h.screen(80, 24);
    for label in [
        "Sharp or shooting pain",
        "New trouble peeing or controlling",
    ] {
        assert!(screen.contains(label), "{label:?}:\n{screen}");
    }
    for id in ["shooting-pain", "bladder-change", "night-pain"] {
        assert!(!screen.contains(id), "{id} shown as an id:\n{screen}");
    }
    // The triggers: an accident says what counts as one.
    h.send(&[Msg::Tab]);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("An accident (car crash, fall from"),
        "{screen}"
    );
    assert!(screen.contains("height)"), "{screen}");
    insta::assert_snapshot!("log_form_every_symptom_40x12", {
        h.send(&[Msg::BackTab]);
        h.screen(40, 12)
    });
}

fn save_with(h: &mut Harness, id: &str) {
    to_symptoms(h, 4);
    tick(h, id);
    h.send(&[Msg::Save]);
}

#[test]
fn an_entry_that_raises_an_emergency_shows_it_at_once_in_full() {
    // (what is saved, whether an emergency is shown)
    // (what is saved, the level shown at once: emergency and urgent, wherever an entry is
    // written — CLINICAL.md "At the edges")
    let rows = [
        ("bladder-change", Some(Level::Emergency)),
        ("saddle-numbness", Some(Level::Emergency)),
        ("chest-pain", Some(Level::Emergency)),
        ("fever", Some(Level::Urgent)),
        // Nearest misses: a soon sign keeps to the bar; an ordinary knot shows nothing.
        ("difficulty-bending", None),
        ("knot", None),
    ];
    for (id, level) in rows {
        let shown = level.is_some();
        let mut h = on_log_tab();
        h.app.config.emergency_number = Some("999".to_owned());
        save_with(&mut h, id);
        assert_eq!(saved(&h).len(), 1, "{id} saved");
        assert_eq!(!h.app.flags_tab.raised_on_save.is_empty(), shown, "{id}");
        let screen = h.screen(80, 24);
        assert_eq!(
            screen.contains("EMERGENCY: act now"),
            level == Some(Level::Emergency),
            "{id}:\n{screen}"
        );
        assert_eq!(
            screen.contains("URGENT: see a doctor today"),
            level == Some(Level::Urgent),
            "{id}:\n{screen}"
        );
        if let Some(level) = level {
            let flag = h
                .app
                .flags
                .active
                .iter()
                .find(|f| f.rule.id == h.app.flags_tab.raised_on_save[0])
                .unwrap();
            assert_eq!(flag.rule.level, level);
            let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            let text = squeeze(&screen.replace(['"', '┃'], " "));
            assert!(text.contains(&squeeze(&flag.rule.title)), "{id}:\n{screen}");
            let action = squeeze(&flag.rule.action_text(Some("999")));
            assert!(text.contains(&action), "the action:\n{screen}");
            assert!(text.contains("see it in full"), "the keys:\n{screen}");
        }
    }
}

#[test]
fn the_emergency_shown_on_save_stays_until_enter_or_esc() {
    let mut h = on_log_tab();
    h.app.config.emergency_number = Some("999".to_owned());
    save_with(&mut h, "bowel-change");
    insta::assert_snapshot!("log_emergency_on_save_80x24", h.screen(80, 24));
    insta::assert_snapshot!("log_emergency_on_save_40x12", h.screen(40, 12));
    let raised = h.app.flags_tab.raised_on_save[0].clone();

    // Stray keys, a tab change, help or a tick do not hide it.
    h.send(&[Msg::Down, Msg::Tab, Msg::Help, Msg::Quit, Msg::Add]);
    h.advance(3600);
    assert!(!h.app.flags_tab.raised_on_save.is_empty());
    assert!(!h.app.quit);

    // Enter: the Flags screen on that flag, whole.
    let mut enter = h.clone_state();
    enter.send(&[Msg::Confirm]);
    assert!(enter.app.flags_tab.raised_on_save.is_empty());
    assert!(matches!(enter.app.screen, Screen::Flags));
    assert_eq!(enter.app.selected_flag().unwrap().rule.id, raised);

    // Esc: back to the Log list, the bar still red.
    h.send(&[Msg::Cancel]);
    assert!(h.app.flags_tab.raised_on_save.is_empty());
    assert!(matches!(h.app.screen, Screen::Log));
    assert!(h.screen(80, 24).contains("EMERGENCY"));

    // Logging a knot afterwards, with the emergency still active, does not show it again: that
    // entry is not its evidence.
    save_with(&mut h, "knot");
    assert!(h.app.flags_tab.raised_on_save.is_empty());
}

#[test]
fn the_form_and_the_emergency_on_save_draw_at_every_size() {
    let mut h = on_log_tab();
    to_symptoms(&mut h, 4);
    tick(&mut h, "saddle-numbness");
    let form = h.clone_state();
    h.send(&[Msg::Save]);
    assert!(!h.app.flags_tab.raised_on_save.is_empty());
    for (width, height) in [
        (1, 1),
        (10, 3),
        (20, 5),
        (30, 8),
        (40, 12),
        (80, 24),
        (200, 60),
    ] {
        form.screen(width, height);
        let screen = h.screen(width, height);
        if width >= 40 && height >= 12 {
            assert!(screen.contains("EMERGENCY: act now"), "{width}x{height}");
            assert!(screen.contains("esc close"), "{width}x{height}:\n{screen}");
        }
    }
}

#[test]
fn two_emergencies_at_once_are_both_named_and_the_action_keeps_its_room() {
    let mut h = on_log_tab();
    h.app.config.emergency_number = Some("112".to_owned());
    to_symptoms(&mut h, 4);
    tick(&mut h, "saddle-numbness");
    tick(&mut h, "chest-pain");
    h.send(&[Msg::Save]);
    assert_eq!(
        h.app.flags_tab.raised_on_save.len(),
        2,
        "{:?}",
        h.app.flags_tab.raised_on_save
    );
    let squeeze = |s: String| {
        s.replace(['"', '┃'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let titles: Vec<String> = h
        .app
        .flags_tab
        .raised_on_save
        .iter()
        .map(|id| {
            let flag = h
                .app
                .flags
                .active
                .iter()
                .find(|f| &f.rule.id == id)
                .unwrap();
            flag.rule.title.clone()
        })
        .collect();
    let big = squeeze(h.screen(80, 24));
    for title in &titles {
        assert!(big.contains(title.as_str()), "{title:?} in {big}");
    }
    // On the smallest screen the action and the keys stay whole.
    let small = squeeze(h.screen(40, 12));
    assert!(small.contains("What to do:"), "{small}");
    assert!(small.contains("112"), "{small}");
    assert!(small.contains("esc close"), "{small}");
}

#[test]
fn a_joined_emoji_in_the_note_is_drawn_single_width_and_saved_as_typed() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let note = "yoga 🧘\u{200D}♀\u{FE0F} helped";
    let data = tempfile::tempdir().unwrap();
    let entry: SymptomEntry = serde_json::from_value(serde_json::json!({
        "id": "01KA0000000000000000000002", "at": "2026-11-23T12:00:00+01:00", "pain": 4,
        "areas": ["lower-back"], "note": note,
    }))
    .unwrap();
    SymptomLog::new(data.path()).save(&entry).unwrap();
    let mut h = Harness::in_dir(knotless::routine::Library::load(&[]), None, data);
    // Edit it, Shift-Tab to the note, End, and type "!".
    let key = |code| Msg::Text(KeyEvent::new(code, KeyModifiers::NONE));
    h.send(&[Msg::Tab, Msg::Edit, Msg::BackTab]);
    h.send(&[key(KeyCode::End), key(KeyCode::Char('!'))]);
    assert_eq!(form(&h).note.lines(), ["yoga 🧘\u{200D}♀\u{FE0F} helped!"]);
    let screen = h.screen(40, 12);
    assert!(screen.contains("yoga 🧘 helped!"), "{screen}");
    assert!(
        !screen.contains(['\u{200D}', '\u{FE0F}']),
        "no joined sequence in the frame:\n{screen}"
    );
    insta::assert_snapshot!("log_form_joined_emoji_40x12", screen);
    // Saved exactly as typed.
    h.send(&[Msg::Save]);
    let saved = SymptomLog::new(h.dir()).load().unwrap().entries;
    assert_eq!(saved[0].note, "yoga 🧘\u{200D}♀\u{FE0F} helped!");
}

/// Types `text` into the note (focus must be on it).
fn type_note(h: &mut Harness, text: &str) {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    for c in text.chars() {
        h.send(&[Msg::Text(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        ))]);
    }
}

#[test]
fn a_nerve_symptom_with_no_place_asks_where_and_saves_only_as_not_sure() {
    let mut h = on_log_tab();
    to_symptoms(&mut h, 4);
    tick(&mut h, "numbness");
    // The form says what is missing before any save.
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let screen = squeeze(&h.screen(80, 24));
    assert!(
        screen.contains("Where do you feel the numbness?"),
        "{screen}"
    );
    // The questions answered, a save is refused: it goes to Where, on "not sure where".
    h.send(&[Msg::Tab, Msg::Tab, Msg::Tab]);
    assert_eq!(form(&h).focus, Section::Screening);
    h.send(&[Msg::Next, Msg::Next, Msg::Next, Msg::Next, Msg::Save]);
    assert!(saved(&h).is_empty(), "not saved without a place");
    assert_eq!(form(&h).focus, Section::Areas);
    insta::assert_snapshot!("log_form_where_not_sure_80x24", h.screen(80, 24));
    // Space chooses "not sure where"; now it saves, with no place.
    h.send(&[Msg::Space]);
    assert!(form(&h).place_unsure);
    assert!(h.screen(80, 24).contains("[x] not sure where"));
    h.send(&[Msg::Save]);
    let entries = saved(&h);
    assert_eq!(entries.len(), 1);
    assert!(entries[0].areas.is_empty());
    assert_eq!(entries[0].symptoms, ["numbness"]);

    // Nearest miss: with a place ticked, nothing asks where and "not sure" is not offered.
    let mut h = on_log_tab();
    h.send(&[Msg::Add, Msg::Digit(4), Msg::Tab, Msg::Tab]);
    h.send(&[Msg::Down, Msg::Down, Msg::Down, Msg::Space]); // a leg
    h.send(&[Msg::Tab]);
    tick(&mut h, "numbness");
    let screen = h.screen(80, 24);
    assert!(!screen.contains("not sure where"), "{screen}");
    assert!(!screen.contains("Where do you feel"), "{screen}");
    h.send(&[Msg::Tab, Msg::Tab, Msg::Tab]);
    h.send(&[Msg::Next, Msg::Next, Msg::Next, Msg::Next, Msg::Save]);
    assert_eq!(saved(&h).len(), 1, "saved at once");
}

#[test]
fn a_note_naming_a_warning_sign_shows_a_hint_in_the_form_and_raises_nothing() {
    let mut h = on_log_tab();
    h.send(&[Msg::Add, Msg::Digit(3), Msg::BackTab]);
    assert_eq!(form(&h).focus, Section::Note);
    type_note(&mut h, "can't pee since lunch");
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let screen = h.screen(80, 24);
    let text = squeeze(&screen.replace('"', " "));
    assert!(
        text.contains(
            "Your note mentions pee ; the red flags do not read notes: if you have it, tick"
        ) && text.contains("New trouble peeing or controlling the bladder ."),
        "{screen}"
    );
    insta::assert_snapshot!("log_form_note_hint_80x24", screen);
    h.send(&[Msg::Save]);
    assert_eq!(saved(&h).len(), 1);
    assert!(
        h.app.flags.active.is_empty() && h.app.flags_tab.raised_on_save.is_empty(),
        "a note is never a flag"
    );
    // Nearest miss: a note that names nothing shows no hint.
    let mut h = on_log_tab();
    h.send(&[Msg::Add, Msg::Digit(3), Msg::BackTab]);
    type_note(&mut h, "sped up the walk");
    assert!(!h.screen(80, 24).contains("Your note mentions"));
}
