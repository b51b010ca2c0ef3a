//! A detail pane: wrapped text in a block, scrolled by the app when it does not fit, with a
//! scrollbar on the block's right edge so what is below the fold is never silently cut off.
//!
//! Also the word wrapping used where a paragraph needs a hanging indent (bullets), which
//! ratatui's own wrapping does not do.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::scrollbar;
use ratatui::text::{Line, Text};
use ratatui::widgets::{
    Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget, Wrap,
};

/// Wrapped text that scrolls.
pub struct Detail<'a> {
    paragraph: Paragraph<'a>,
    block: Block<'a>,
    scroll: u16,
    bar_style: Style,
}

impl<'a> Detail<'a> {
    /// `text` in `block`, scrolled down `scroll` lines (less if there is not that much).
    pub fn new(text: impl Into<Text<'a>>, block: Block<'a>, scroll: u16) -> Self {
        Detail {
            paragraph: Paragraph::new(text).wrap(Wrap { trim: false }),
            block,
            scroll,
            bar_style: Style::new(),
        }
    }

    /// The scrollbar's style.
    pub fn bar_style(mut self, style: Style) -> Self {
        self.bar_style = style;
        self
    }

    /// How far the text can scroll in `area`: 0 when it fits.
    pub fn max_scroll(&self, area: Rect) -> u16 {
        let inner = self.block.inner(area);
        let lines = self.paragraph.line_count(inner.width);
        u16::try_from(lines.saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX)
    }
}

impl Widget for Detail<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let inner = self.block.inner(area);
        let max = self.max_scroll(area);
        let scroll = self.scroll.min(max);
        (&self.block).render(area, buf);
        self.paragraph.scroll((scroll, 0)).render(inner, buf);
        if max > 0 && area.width > 2 {
            // In the block's right padding column, beside the text.
            let bar = Rect {
                x: area.right() - 1,
                width: 1,
                ..inner
            };
            let mut state = ScrollbarState::new(usize::from(max) + 1)
                .position(usize::from(scroll))
                .viewport_content_length(usize::from(inner.height));
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .symbols(scrollbar::VERTICAL)
                .style(self.bar_style)
                .render(bar, buf, &mut state);
        }
    }
}

/// `text` split into lines of at most `width` characters at spaces (a longer word gets a line of
/// its own).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    for word in text.split_whitespace() {
        let line = out.last_mut().expect("never empty");
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push(word.to_owned());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    out
}

/// `text` in at most `width` columns: whole when it fits, otherwise cut after the last word that
/// leaves room for an ellipsis (within a word only when the first word alone is too long).
pub fn shorten(text: &str, width: usize) -> String {
    let columns = |s: &str| ratatui::text::Span::raw(s).width();
    if columns(text) <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let room = width - 1;
    let at_word = text
        .match_indices(' ')
        .map(|(i, _)| text[..i].trim_end())
        .rev()
        .find(|head| !head.is_empty() && columns(head) <= room);
    let head = match at_word {
        Some(head) => head.to_owned(),
        None => {
            let mut head = String::new();
            for c in text.chars() {
                head.push(c);
                if columns(&head) > room {
                    head.pop();
                    break;
                }
            }
            head
        }
    };
    format!("{head}…")
}

/// `text` after `marker` (such as `" • "`), its wrapped lines indented to line up under the first
/// word, in at most `width` columns.
pub fn hanging(marker: &str, text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    let indent = marker.chars().count();
    let room = width.saturating_sub(indent).max(10);
    wrap(text, room)
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let lead = if i == 0 {
                marker.to_owned()
            } else {
                " ".repeat(indent)
            };
            Line::styled(format!("{lead}{part}"), style)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::widgets::Borders;

    #[test]
    fn shorten_cuts_after_a_whole_word() {
        assert_eq!(shorten("Lower back release", 18), "Lower back release");
        assert_eq!(shorten("Lower back release", 17), "Lower back…");
        assert_eq!(
            shorten("Heat pack on the lower back", 22),
            "Heat pack on the…"
        );
        // A first word too long for the room is cut within it.
        assert_eq!(shorten("Hamstrings stretch", 6), "Hamst…");
        assert_eq!(shorten("abc", 1), "…");
        assert_eq!(shorten("abc", 0), "");
    }

    fn text(lines: usize) -> Text<'static> {
        Text::from(
            (1..=lines)
                .map(|n| Line::from(format!("line {n}")))
                .collect::<Vec<_>>(),
        )
    }

    fn rows(buf: &Buffer) -> Vec<String> {
        (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect()
    }

    #[test]
    fn text_that_fits_has_no_scrollbar_and_does_not_scroll() {
        let area = Rect::new(0, 0, 12, 4);
        let detail = Detail::new(text(4), Block::new(), 3);
        assert_eq!(detail.max_scroll(area), 0);
        let mut buf = Buffer::empty(area);
        detail.render(area, &mut buf);
        assert_eq!(
            rows(&buf),
            [
                "line 1      ",
                "line 2      ",
                "line 3      ",
                "line 4      "
            ]
        );
    }

    #[test]
    fn longer_text_scrolls_to_its_last_line_and_shows_a_bar() {
        let area = Rect::new(0, 0, 12, 4);
        let block = Block::new().padding(ratatui::widgets::Padding::horizontal(1));
        let detail = Detail::new(text(10), block.clone(), 0);
        assert_eq!(detail.max_scroll(area), 6);
        let mut buf = Buffer::empty(area);
        detail.render(area, &mut buf);
        let top = rows(&buf);
        assert_eq!(top[0], " line 1    ↑");
        assert_eq!(top[3], " line 4    ↓");

        // Asking for more than there is stops at the last line.
        let mut buf = Buffer::empty(area);
        Detail::new(text(10), block, 99).render(area, &mut buf);
        let bottom = rows(&buf);
        assert_eq!(bottom[0], " line 7    ↑");
        assert_eq!(bottom[3], " line 10   ↓");
    }

    #[test]
    fn the_block_is_outside_the_scrolled_text() {
        let area = Rect::new(0, 0, 10, 4);
        let block = Block::new().borders(Borders::TOP);
        let detail = Detail::new(text(5), block, 1);
        assert_eq!(detail.max_scroll(area), 2);
        let mut buf = Buffer::empty(area);
        detail.render(area, &mut buf);
        let rows = rows(&buf);
        assert!(rows[0].starts_with("─────────"), "{rows:?}");
        assert!(rows[1].starts_with("line 2"), "{rows:?}");
    }

    #[test]
    fn wrapped_bullets_line_up_under_their_first_word() {
        let lines = hanging(
            " • ",
            "Press on muscle only, never on the spine itself",
            24,
            Style::new(),
        );
        let lines: Vec<String> = lines.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                " • Press on muscle only,",
                "   never on the spine",
                "   itself"
            ]
        );
    }

    #[test]
    fn a_word_longer_than_the_line_gets_a_line_of_its_own() {
        assert_eq!(wrap("a bbbbbbbbbbbb c", 5), ["a", "bbbbbbbbbbbb", "c"]);
        assert_eq!(wrap("", 5), [""]);
    }
}
