//! Large digits for the countdown: a 5-row block font for `0-9` and `:`, centred in its area.
//! When the area is too small it falls back to one line of bold text, so it never clips.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

/// Rows of the block font.
pub const HEIGHT: u16 = 5;

fn glyph(c: char) -> Option<[&'static str; 5]> {
    Some(match c {
        '0' => ["███", "█ █", "█ █", "█ █", "███"],
        '1' => [" ██", "  █", "  █", "  █", "  █"],
        '2' => ["███", "  █", "███", "█  ", "███"],
        '3' => ["███", "  █", "███", "  █", "███"],
        '4' => ["█ █", "█ █", "███", "  █", "  █"],
        '5' => ["███", "█  ", "███", "  █", "███"],
        '6' => ["███", "█  ", "███", "█ █", "███"],
        '7' => ["███", "  █", "  █", "  █", "  █"],
        '8' => ["███", "█ █", "███", "█ █", "███"],
        '9' => ["███", "█ █", "███", "  █", "███"],
        ':' => [" ", "█", " ", "█", " "],
        ' ' => ["  ", "  ", "  ", "  ", "  "],
        _ => return None,
    })
}

/// Text drawn large when it fits (digits, `:` and spaces), otherwise on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BigText<'a> {
    text: &'a str,
    style: Style,
}

impl<'a> BigText<'a> {
    /// Large `text` in `style`.
    pub fn new(text: &'a str, style: Style) -> Self {
        Self { text, style }
    }

    /// Columns needed to draw it large (glyphs plus one space between them).
    pub fn width(&self) -> Option<u16> {
        let mut width = 0u16;
        for c in self.text.chars() {
            width += glyph(c)?[0].chars().count() as u16 + 1;
        }
        Some(width.saturating_sub(1))
    }
}

impl Widget for &BigText<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let fits = self
            .width()
            .filter(|&w| w <= area.width && area.height >= HEIGHT);
        let Some(width) = fits else {
            let len = self.text.chars().count() as u16;
            let x = area.x + area.width.saturating_sub(len) / 2;
            let y = area.y + area.height.saturating_sub(1) / 2;
            buf.set_stringn(x, y, self.text, area.width as usize, self.style);
            return;
        };
        let top = area.y + (area.height - HEIGHT) / 2;
        let mut x = area.x + (area.width - width) / 2;
        for c in self.text.chars() {
            let Some(rows) = glyph(c) else { continue };
            for (dy, row) in rows.iter().enumerate() {
                buf.set_string(x, top + dy as u16, row, self.style);
            }
            x += rows[0].chars().count() as u16 + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_large_when_it_fits() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 15, 5));
        (&BigText::new("0:25", Style::new())).render(buf.area, &mut buf);
        assert_eq!(
            buf,
            Buffer::with_lines([
                " ███   ███ ███ ",
                " █ █ █   █ █   ",
                " █ █   ███ ███ ",
                " █ █ █ █     █ ",
                " ███   ███ ███ ",
            ])
        );
    }

    #[test]
    fn falls_back_to_one_line_when_small_and_never_panics() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 3));
        (&BigText::new("12:34", Style::new())).render(buf.area, &mut buf);
        assert_eq!(
            buf,
            Buffer::with_lines(["        ", " 12:34  ", "        "])
        );
        for (w, h) in [(0, 0), (1, 1), (3, 5), (40, 1)] {
            let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
            (&BigText::new("1:02:03", Style::new())).render(buf.area, &mut buf);
        }
    }
}
