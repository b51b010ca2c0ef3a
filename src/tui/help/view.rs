//! The footer's key hints and the help overlay as drawn, scrolled when it does not fit.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Padding, Paragraph, Widget, Wrap};

use crate::tui::app::App;

use super::{Shown, every_key, footer_keys, keys};

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
        for (key, action) in footer_hints(footer_keys(self.app, self.full), area.width) {
            spans.push(Span::styled(format!(" {key} "), theme.key()));
            spans.push(Span::styled(format!("{action} "), theme.muted()));
        }
        Line::from(spans).render(area, buf);
    }
}

/// The hints that fit in `width` columns, each whole: all of them as they are when they fit;
/// otherwise with their keys shortened ("↑↓ jk" to "↑↓"), and then, the least important first,
/// each hint in fewer words ([`super::short_action`]) and, if that is not enough, dropped. The
/// key to act (the first hint that does not just move a highlight) goes last, a key that stops
/// the session just before it, a key that moves a highlight first, and the others from the end
/// ([`super::footer_rank`]).
fn footer_hints(shown: Vec<Shown>, width: u16) -> Vec<(String, &'static str)> {
    let hints: Vec<(String, &'static str)> =
        shown.iter().map(|s| (s.keys.clone(), s.what)).collect();
    // " key action " each, the last space unseen.
    let width_of = |hints: &[Option<(String, &'static str)>]| -> usize {
        hints
            .iter()
            .flatten()
            .map(|(key, action)| key.chars().count() + action.chars().count() + 3)
            .sum::<usize>()
            .saturating_sub(1)
    };
    let room = usize::from(width);
    let shown_short: Vec<String> = shown.into_iter().map(|s| s.short).collect();
    let mut shown: Vec<Option<(String, &'static str)>> = hints.iter().cloned().map(Some).collect();
    let done = |shown: Vec<Option<(String, &'static str)>>| shown.into_iter().flatten().collect();
    if width_of(&shown) <= room {
        return done(shown);
    }
    for (hint, short) in shown.iter_mut().zip(&shown_short) {
        if let Some((key, _)) = hint {
            *key = short.clone();
        }
    }
    // The least important first.
    let mut order: Vec<usize> = (0..hints.len()).collect();
    let act = hints
        .iter()
        .position(|(_, action)| super::footer_rank(action) > 0)
        .unwrap_or(0);
    order.sort_by_key(|&i| {
        (
            i == act,
            super::footer_rank(hints[i].1),
            std::cmp::Reverse(i),
        )
    });
    for (n, &i) in order.iter().enumerate() {
        if let Some((_, action)) = &mut shown[i] {
            *action = super::short_action(action);
        }
        let last = n + 1 == order.len();
        if width_of(&shown) <= room || last {
            break;
        }
        shown[i] = None;
        if width_of(&shown) <= room {
            break;
        }
    }
    done(shown)
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

#[cfg(test)]
mod tests {
    use super::{Shown, footer_hints};

    /// Hints as drawn; "↑↓ jk" shortens to "↑↓" as the keymap's `PairAll` does.
    fn hints(list: &[(&str, &'static str)]) -> Vec<Shown> {
        list.iter()
            .map(|(k, a)| Shown {
                keys: (*k).to_owned(),
                short: k.split(' ').next().unwrap_or(k).to_owned(),
                what: a,
            })
            .collect()
    }

    fn shown(list: &[(&str, &'static str)], width: u16) -> String {
        footer_hints(hints(list), width)
            .iter()
            .map(|(k, a)| format!(" {k} {a} "))
            .collect::<String>()
            .trim_end()
            .to_owned()
    }

    const RUNNING: [(&str, &str); 4] = [
        ("space", "pause"),
        ("n", "next"),
        ("b", "back"),
        ("q", "stop"),
    ];

    #[test]
    fn hints_that_fit_are_drawn_as_they_are() {
        assert_eq!(shown(&RUNNING, 37), " space pause  n next  b back  q stop");
    }

    #[test]
    fn a_narrow_footer_drops_whole_hints_keeping_the_first_and_stop() {
        assert_eq!(shown(&RUNNING, 35), " space pause  n next  q stop");
        assert_eq!(shown(&RUNNING, 24), " space pause  q stop");
        assert_eq!(shown(&RUNNING, 12), " space pause");
        // Narrower than the first hint: the first hint alone (the line clips it).
        assert_eq!(shown(&RUNNING, 5), " space pause");
    }

    #[test]
    fn a_narrow_footer_shortens_the_words_before_dropping_any() {
        // The last hint first: the first keeps its words while the room allows.
        let list = [("u", "undo delete"), ("a", "add"), ("tab", "next tab")];
        assert_eq!(shown(&list, 32), " u undo delete  a add  tab next");
        // Then dropped, before a more important hint loses its words.
        assert_eq!(shown(&list, 25), " u undo delete  a add");
        assert_eq!(shown(&list, 12), " u undo");
        // Keys are shortened first.
        let list = [("↑↓ jk", "choose"), ("enter", "start"), ("q", "quit")];
        assert_eq!(shown(&list, 24), " ↑↓ choose  enter start");
        // Moving a highlight goes before the keys that act.
        let list = [("↑↓", "move"), ("space", "tick"), ("enter", "start")];
        assert_eq!(shown(&list, 24), " space tick  enter start");
        let skin = [("enter", "skin OK"), ("q", "stop the heat")];
        assert_eq!(shown(&skin, 40), " enter skin OK  q stop the heat");
        assert_eq!(shown(&skin, 24), " enter skin OK  q stop");
        let tabs = [("←→", "month"), ("r", "report"), ("tab", "next tab")];
        assert_eq!(shown(&tabs, 30), " ←→ month  r report  tab next");
    }
}
