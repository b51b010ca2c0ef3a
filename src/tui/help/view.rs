//! The footer's key hints and the help overlay as drawn, scrolled when it does not fit.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Padding, Paragraph, Widget, Wrap};

use crate::tui::app::App;

use super::{every_key, keys};

/// The key hints on the bottom line.
pub struct Footer<'a> {
    /// The state to describe.
    pub app: &'a App,
    /// The whole terminal.
    pub full: Rect,
}

impl Widget for &Footer<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = &self.app.theme;
        let mut spans = Vec::new();
        for (key, action) in keys(self.app, self.full) {
            spans.push(Span::styled(format!(" {key} "), theme.key()));
            spans.push(Span::styled(format!("{action} "), theme.muted()));
        }
        Line::from(spans).render(area, buf);
    }
}

/// The lines of the `?` overlay for an inner width of `width`.
fn help_lines(app: &App, area: Rect, width: u16) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = vec![Line::styled("Keys here", theme.title())];
    for (key, action) in keys(app, area) {
        lines.push(Line::from(vec![
            Span::styled(format!("{key:>12}  "), theme.key()),
            Span::raw(action),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled("Every key", theme.title()));
    let all = every_key(app);
    // Two columns when they fit.
    const CELL: usize = 38;
    let columns = if usize::from(width) >= 2 * CELL { 2 } else { 1 };
    let rows = all.len().div_ceil(columns);
    for r in 0..rows {
        let mut spans = Vec::new();
        for c in 0..columns {
            if let Some((key, what)) = all.get(c * rows + r) {
                spans.push(Span::styled(format!("{key:>12}  "), theme.key()));
                let pad = if c + 1 < columns {
                    CELL.saturating_sub(14)
                } else {
                    0
                };
                spans.push(Span::raw(format!("{what:<pad$}")));
            }
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::styled(
        "The mouse: click a tab, a row or the red-flag bar; the wheel scrolls.",
        theme.muted(),
    ));
    lines
}

/// Where the overlay goes on a terminal of `area`, and its lines.
fn help_layout(app: &App, area: Rect) -> (Rect, Vec<Line<'static>>) {
    let width = 80.min(area.width);
    let lines = help_lines(app, area, width.saturating_sub(4));
    let rows = Paragraph::new(lines.clone())
        .wrap(Wrap { trim: false })
        .line_count(width.saturating_sub(4)) as u16;
    let height = (rows + 2).min(area.height);
    let popup = area.centered(Constraint::Length(width), Constraint::Length(height));
    (popup, lines)
}

/// How far the overlay can scroll on a terminal of `area`.
pub fn help_max_scroll(app: &App, area: Rect) -> u16 {
    let (popup, lines) = help_layout(app, area);
    let rows = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .line_count(popup.width.saturating_sub(4)) as u16;
    rows.saturating_sub(popup.height.saturating_sub(2))
}

/// The `?` overlay: the keys of the current view, then every key in use, generated from the
/// keymap so that it cannot drift from it; `↑`/`↓` scroll it when it does not fit.
pub struct HelpOverlay<'a> {
    /// The state to describe.
    pub app: &'a App,
}

impl Widget for &HelpOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (popup, lines) = help_layout(self.app, area);
        let max = help_max_scroll(self.app, area);
        let scroll = self.app.help_scroll.min(max);
        let mut block = Block::bordered()
            .border_type(BorderType::Rounded)
            .title(" Help ")
            .padding(Padding::horizontal(1));
        if max > 0 {
            block = block.title_bottom(Line::from(" ↑↓ more ").right_aligned());
        }
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(block)
            .render(popup, buf);
    }
}
