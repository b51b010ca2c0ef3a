//! The tick sections as drawn: symptoms, triggers and relief as chips in columns (two where the
//! labels fit on two lines of one, else one: [`Chips::at`], which the keys follow too), each
//! label whole, wrapped within its column.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::tui::log::form::{CHIP_INDENT, Chips, LogForm, Section};
use crate::tui::theme::Theme;
use crate::tui::widgets::detail::wrap;

/// The chips of `section` in a section `width` columns wide, and which line to keep in view for
/// its cursor (the last line of the cursor's row of chips).
pub(super) fn chip_lines(
    form: &LogForm,
    t: &Theme,
    section: Section,
    width: u16,
) -> (Vec<Line<'static>>, usize) {
    let options = LogForm::options(section);
    let ticks = match section {
        Section::Symptoms => &form.symptoms,
        Section::Triggers => &form.triggers,
        _ => &form.relief,
    };
    let mut lines = Vec::new();
    let mut cursor_line = 0;
    // Each option is its label in full, wrapped within its column: "[x] " then the words.
    let chips = Chips::at(width);
    let (columns, column_width, text_width) =
        (chips.columns, chips.column_width, chips.text_width());
    for chunk_start in (0..options.len()).step_by(columns) {
        let cells: Vec<(Vec<String>, Style)> = options
            .iter()
            .enumerate()
            .skip(chunk_start)
            .take(columns)
            .map(|(i, id)| {
                let chosen = ticks.chosen.iter().any(|c| c == id);
                let cursor = form.focus == section && ticks.cursor == i;
                let mark = if chosen { "[x] " } else { "[ ] " };
                let words = wrap(LogForm::label(section, id), text_width);
                let cell = words
                    .into_iter()
                    .enumerate()
                    .map(|(n, w)| format!("{}{w}", if n == 0 { mark } else { "    " }))
                    .collect();
                let style = match (cursor, chosen) {
                    (true, _) => t.selected(),
                    (false, true) => t.good(),
                    _ => Style::new(),
                };
                (cell, style)
            })
            .collect();
        let rows = cells.iter().map(|(c, _)| c.len()).max().unwrap_or(1);
        for n in 0..rows {
            let mut spans = vec![Span::raw(" ".repeat(CHIP_INDENT))];
            for (cell, style) in &cells {
                let text = cell.get(n).map_or("", String::as_str);
                let pad = column_width.saturating_sub(text.chars().count());
                spans.push(Span::styled(text.to_owned(), *style));
                spans.push(Span::raw(" ".repeat(pad)));
            }
            lines.push(Line::from(spans));
        }
        if ticks.cursor / columns == chunk_start / columns {
            cursor_line = lines.len() - 1;
        }
    }
    (lines, cursor_line)
}
