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

#[cfg(test)]
mod tests {
    use super::*;

    /// The labels as drawn, in the order drawn: a chip starts at "[ ] " in its column, and the
    /// lines below it in that column carry on its label.
    fn drawn_labels(lines: &[Line], chips: Chips) -> Vec<String> {
        let mut starts: Vec<(usize, usize, String)> = Vec::new();
        for column in 0..chips.columns {
            let mut current: Option<(usize, String)> = None;
            for (n, line) in lines.iter().enumerate() {
                let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
                let cell: String = text
                    .chars()
                    .skip(CHIP_INDENT + column * chips.column_width)
                    .take(chips.column_width)
                    .collect();
                let cell = cell.trim();
                if let Some(label) = cell.strip_prefix("[ ] ") {
                    if let Some((at, label)) = current.take() {
                        starts.push((at, column, label));
                    }
                    current = Some((n, label.to_owned()));
                } else if let Some((_, label)) = &mut current
                    && !cell.is_empty()
                {
                    label.push(' ');
                    label.push_str(cell);
                }
            }
            starts.extend(current.map(|(at, label)| (at, column, label)));
        }
        starts.sort();
        starts.into_iter().map(|(_, _, label)| label).collect()
    }

    #[test]
    fn every_label_is_drawn_whole_in_order_within_the_width_from_24_columns() {
        let form = LogForm::new("2026-11-24T18:30:00+01:00".parse().unwrap());
        let t = Theme::new(true);
        for width in 24..=200 {
            for section in [Section::Symptoms, Section::Triggers, Section::Relief] {
                let (lines, _) = chip_lines(&form, &t, section, width);
                for line in &lines {
                    assert!(line.width() <= usize::from(width), "at {width}: {line:?}");
                }
                let labels: Vec<&str> = LogForm::options(section)
                    .into_iter()
                    .map(|id| LogForm::label(section, id))
                    .collect();
                assert_eq!(drawn_labels(&lines, Chips::at(width)), labels, "at {width}");
            }
        }
    }

    #[test]
    fn the_line_kept_in_view_is_the_last_of_the_cursors_chip() {
        let t = Theme::new(true);
        let mut form = LogForm::new("2026-11-24T18:30:00+01:00".parse().unwrap());
        form.focus = Section::Symptoms;
        // "Numb around genitals, buttocks or inner thighs": two lines at 40 columns, one column.
        form.symptoms.cursor = LogForm::symptom_options()
            .iter()
            .position(|id| *id == "saddle-numbness")
            .unwrap();
        let (lines, cursor_line) = chip_lines(&form, &t, Section::Symptoms, 40);
        let text =
            |n: usize| -> String { lines[n].spans.iter().map(|s| s.content.as_ref()).collect() };
        assert!(
            text(cursor_line - 1).contains("[ ] Numb around genitals"),
            "{lines:?}"
        );
        assert_eq!(text(cursor_line).trim(), "or inner thighs");
        assert_eq!(lines[cursor_line - 1].spans[1].style, t.selected());
    }
}
