//! The entry form as drawn: the note editor with a joined emoji, the cursor and a selection.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui_textarea::{CursorMove, TextArea};

use super::render_form;
use crate::tui::log::form::{LogForm, Section};
use crate::tui::theme::Theme;

const NOTE: &str = "yoga 🧘\u{200D}♀\u{FE0F} helped";

/// The form over a note of `lines`, focus on the note, the cursor at `cursor`, drawn.
fn drawn(lines: &[&str], cursor: (u16, u16), select_from: Option<(u16, u16)>) -> (LogForm, Buffer) {
    let mut form = LogForm::new("2026-11-24T18:30:00+01:00".parse().unwrap());
    form.note = TextArea::new(lines.iter().map(|l| (*l).to_owned()).collect());
    form.focus = Section::Note;
    if let Some((row, col)) = select_from {
        form.note.move_cursor(CursorMove::Jump(row, col));
        form.note.start_selection();
    }
    form.note.move_cursor(CursorMove::Jump(cursor.0, cursor.1));
    let mut buf = Buffer::empty(Rect::new(0, 0, 30, 12));
    render_form(&form, &Theme::new(true), buf.area, &mut buf);
    (form, buf)
}

/// Row `y` as a terminal shows it: a wide symbol covers the cell after it.
fn row(buf: &Buffer, y: u16) -> String {
    let mut text = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let symbol = buf[(x, y)].symbol();
        text.push_str(symbol);
        x += ratatui::text::Span::raw(symbol).width().max(1) as u16;
    }
    text
}

/// The symbols of the cells drawn reversed: the cursor.
fn reversed(buf: &Buffer) -> String {
    buf.content()
        .iter()
        .filter(|c| c.modifier.contains(Modifier::REVERSED))
        .map(|c| c.symbol())
        .collect()
}

/// The symbols of the cells drawn as selected.
fn selected(buf: &Buffer) -> String {
    let style = Theme::new(true).selection();
    buf.content()
        .iter()
        .filter(|c| style.bg.is_some() && c.bg == style.bg.unwrap_or_default())
        .map(|c| c.symbol())
        .collect()
}

#[test]
fn a_joined_emoji_in_the_note_is_drawn_single_width_and_the_cursor_stays_on_its_character() {
    // The cursor on the "h" of "helped", the tenth character (the emoji is four).
    let (form, buf) = drawn(&[NOTE], (0, 10), None);
    for cell in buf.content() {
        assert!(
            !cell.symbol().contains(['\u{200D}', '\u{FE0F}']),
            "a joined sequence reached the frame: {:?}",
            cell.symbol()
        );
    }
    let rows: Vec<String> = (0..buf.area.height).map(|y| row(&buf, y)).collect();
    let note = rows
        .iter()
        .position(|r| r.contains("yoga"))
        .unwrap_or_else(|| panic!("the note is drawn: {rows:#?}"));
    // The emoji takes two cells; "helped" follows it where every terminal puts it.
    assert_eq!(rows[note], "│yoga 🧘 helped              │");
    assert_eq!(reversed(&buf), "h");
    assert_eq!(buf[(9, note as u16)].symbol(), "h");
    // The form keeps what was typed.
    assert_eq!(form.note.lines(), [NOTE]);

    // At the end of the line, after the emoji, on a second line, and over a selection.
    let (_, buf) = drawn(&[NOTE], (0, 16), None);
    assert_eq!(reversed(&buf), " ");
    let (_, buf) = drawn(&["a", NOTE], (1, 9), None);
    assert_eq!(reversed(&buf), " ");
    let (_, buf) = drawn(&[NOTE], (0, 10), Some((0, 5)));
    assert_eq!(reversed(&buf), "h");
    assert_eq!(selected(&buf), "🧘 ", "the emoji and the space after it");
}

#[test]
fn control_and_bidi_characters_in_the_note_are_drawn_as_escapes_and_kept_as_typed() {
    // A note read from the log or pasted: a right-to-left override and an escape sequence.
    let note = "a\u{202E}bc\u{1b}[2Jd";
    // The cursor on the "d", after both.
    let (form, buf) = drawn(&[note], (0, 8), None);
    for cell in buf.content() {
        assert!(
            !cell.symbol().chars().any(crate::text::is_unsafe),
            "an unsafe character reached the frame: {:?}",
            cell.symbol()
        );
    }
    let rows: Vec<String> = (0..buf.area.height).map(|y| row(&buf, y)).collect();
    let shown = rows
        .iter()
        .find(|r| r.contains("\\u{202e}"))
        .unwrap_or_else(|| panic!("the note is drawn with escapes: {rows:#?}"));
    assert!(shown.contains(r"a\u{202e}bc\x1b[2Jd"), "{shown}");
    assert_eq!(reversed(&buf), "d", "the cursor stays on its character");
    assert_eq!(form.note.lines(), [note], "kept as typed");
}
