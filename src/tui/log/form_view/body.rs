//! The body picture as drawn: the areas of [`BODY`] where they are on the body, seen from behind
//! (your left on the left), each a tick box.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::tui::log::form::{BODY, LogForm, Section};
use crate::tui::log::view::short_area;
use crate::tui::theme::Theme;

/// The picture's lines in a section `width` columns wide, one a row of [`BODY`], and which of
/// them holds the cursor.
pub(super) fn body_lines(form: &LogForm, t: &Theme, width: usize) -> (Vec<Line<'static>>, usize) {
    let mut lines = Vec::new();
    for (r, row) in BODY.iter().enumerate() {
        let mut spans = Vec::new();
        let mut text_width = 0;
        for (c, id) in row.iter().enumerate() {
            let chosen = form.areas.iter().any(|a| a == id);
            let cursor = form.focus == Section::Areas && form.area_cursor == (r, c);
            let text = format!("[{}] {}", if chosen { "x" } else { " " }, short_area(id));
            text_width += text.chars().count() + 3;
            let style = match (cursor, chosen) {
                (true, _) => t.selected(),
                (false, true) => t.good(),
                _ => Style::new(),
            };
            spans.push(Span::styled(text, style));
            spans.push(Span::raw("   "));
        }
        let pad = width.saturating_sub(text_width) / 2;
        let prefix = if *row == ["groin-saddle"] {
            "front: "
        } else {
            ""
        };
        spans.insert(
            0,
            Span::styled(
                format!("{}{prefix}", " ".repeat(pad.saturating_sub(prefix.len()))),
                t.muted(),
            ),
        );
        lines.push(Line::from(spans));
    }
    (lines, form.area_cursor.0)
}
