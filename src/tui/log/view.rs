//! The Log tab: the entry list with filters and a detail line, the entry form, the delete
//! confirmation, and the review of trends (drawn by [`super::trends`]).

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::symptoms::Onset;
use crate::tui::log::trends::TrendsScreen;
use crate::tui::log::{LogMode, LogView};
use crate::tui::theme::Theme;
use crate::vocabulary::{Category, Vocabulary};

use super::form_view::render_form;
use super::list_lines::{entry_line, filter_line, row_fit};
use super::words::labels;

/// The most of a note the detail pane lays out (more than it can show at 200×60).
const PREVIEW_CHARS: usize = 4_000;

/// The Log tab, drawn from its state.
pub struct LogScreen<'a> {
    /// The weekly check-ins, for the review.
    pub checkins: &'a [crate::checkins::Checkin],
    /// The tab's state.
    pub view: &'a LogView,
    /// Today, for the date filter.
    pub today: NaiveDate,
    /// Colours.
    pub theme: Theme,
}

impl Widget for &LogScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        match &self.view.mode {
            LogMode::Form(form) => render_form(form, &self.theme, area, buf),
            LogMode::Review { days } => (&TrendsScreen {
                checkins: self.checkins,
                entries: &self.view.entries,
                days: *days,
                today: self.today,
                theme: self.theme,
            })
                .render(area, buf),
            LogMode::List | LogMode::ConfirmDelete(_) => self.list(area, buf),
        }
    }
}

/// The filter row, the entry list and the detail of the highlighted entry.
fn list_layout(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(match area.height {
            20.. => 6,
            14.. => 4,
            _ => 0,
        }),
    ])
    .areas(area)
}

/// The entry (index into the visible entries) drawn at row `row` of the list in `area`.
pub fn entry_at(view: &LogView, today: NaiveDate, area: Rect, row: u16) -> Option<usize> {
    if !matches!(view.mode, LogMode::List) {
        return None;
    }
    let [_, list, _] = list_layout(area);
    if !(list.y..list.bottom()).contains(&row) {
        return None;
    }
    let offset = (view.selected + 1).saturating_sub(list.height as usize);
    let n = offset + usize::from(row - list.y);
    (n < view.visible(today).len()).then_some(n)
}

impl LogScreen<'_> {
    fn list(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let view = self.view;
        let visible = view.visible(self.today);
        let [filter_row, list_area, detail_area] = list_layout(area);

        // Filters: the focused one highlighted while changing them.
        filter_line(
            &view.filter,
            visible.len(),
            view.entries.len(),
            t,
            filter_row.width,
        )
        .render(filter_row, buf);

        if visible.is_empty() {
            let text = if view.entries.is_empty() {
                "No entries yet. Press a to log how your back feels."
            } else {
                "No entries match these filters. Press f to change them."
            };
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .style(t.muted())
                .render(list_area.inner(ratatui::layout::Margin::new(1, 1)), buf);
        }
        let height = list_area.height as usize;
        let offset = (view.selected + 1).saturating_sub(height);
        let drawn: Vec<_> = visible.iter().skip(offset).take(height).copied().collect();
        let fit = row_fit(&drawn, t, list_area.width);
        for (row, entry) in visible.iter().enumerate().skip(offset).take(height) {
            let y = list_area.y + (row - offset) as u16;
            let line_area = Rect::new(list_area.x, y, list_area.width, 1);
            let line = entry_line(entry, t, list_area.width, fit);
            if row == view.selected {
                line.style(t.selected()).render(line_area, buf);
            } else {
                line.render(line_area, buf);
            }
        }

        if let Some(entry) = visible.get(view.selected) {
            // Everything the row had to clip: every area and symptom in full, then the rest.
            let mut lines = vec![];
            let mut felt = Vec::new();
            // Labels may hold commas ("Leg, left"), so lists are joined with "; ".
            if !entry.areas.is_empty() {
                felt.push(Span::styled("Where: ", t.muted()));
                felt.push(Span::raw(labels(Category::Area, entry.areas.iter())));
            }
            if !entry.symptoms.is_empty() {
                if !felt.is_empty() {
                    felt.push(Span::styled(" · ", t.muted()));
                }
                felt.push(Span::styled("Felt: ", t.muted()));
                felt.push(Span::raw(labels(Category::Symptom, entry.symptoms.iter())));
            }
            if felt.is_empty() {
                felt.push(Span::styled(
                    format!("Pain {} of 10; no areas or symptoms noted.", entry.pain),
                    t.muted(),
                ));
            }
            lines.push(Line::from(felt));
            if !entry.note.is_empty() {
                // Wrapped, its own line breaks kept. A note edited into the file by hand can be
                // huge: lay out what fits.
                let quoted = format!("“{}”", crate::text::preview(&entry.note, PREVIEW_CHARS));
                lines.extend(quoted.lines().map(|l| {
                    let shown = crate::tui::untrusted::single_width(l);
                    Line::from(crate::text::visible(&shown).into_owned())
                }));
            }
            let mut facts = Vec::new();
            match entry.onset {
                Some(Onset::Sudden) => facts.push("began suddenly".to_owned()),
                Some(Onset::Gradual) => facts.push("began gradually".to_owned()),
                None => {}
            }
            if !entry.triggers.is_empty() {
                let triggers = labels(Category::Trigger, entry.triggers.iter());
                facts.push(format!("after: {triggers}"));
            }
            if !entry.relief.is_empty() {
                let relief = labels(Category::Relief, entry.relief.iter());
                facts.push(format!("helped: {relief}"));
            }
            let questions = Vocabulary::bundled().screening.len();
            if entry.denied.len() == questions {
                facts.push("said no to every screening question".to_owned());
            } else if !entry.denied.is_empty() {
                let denied = labels(Category::Symptom, entry.denied.iter());
                facts.push(format!("said no to: {denied}"));
            }
            if !facts.is_empty() {
                lines.push(Line::styled(facts.join(" · "), t.muted()));
            }
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(Block::new().borders(Borders::TOP).border_style(t.muted()))
                .render(detail_area, buf);
        }

        let message = match (&view.mode, &view.message) {
            (LogMode::ConfirmDelete(_), _) => {
                Some(Line::styled("Delete this entry? y yes · n no", t.error()))
            }
            (_, Some(m)) => Some(Line::styled(m.clone(), t.good())),
            _ => None,
        };
        if let (Some(message), true) = (message, area.height > 2) {
            let y = area.bottom() - 1;
            ratatui::widgets::Clear.render(Rect::new(area.x, y, area.width, 1), buf);
            message.render(Rect::new(area.x, y, area.width, 1), buf);
        }
    }
}
