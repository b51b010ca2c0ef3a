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
    scale: u16,
}

impl<'a> BigText<'a> {
    /// Large `text` in `style`.
    pub fn new(text: &'a str, style: Style) -> Self {
        Self {
            text,
            style,
            scale: 1,
        }
    }

    /// Each dot of the font drawn as `scale` × `scale` cells, for large terminals; a scale
    /// that does not fit falls back to smaller ones.
    pub fn scale(mut self, scale: u16) -> Self {
        self.scale = scale.max(1);
        self
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
        let fitting = (1..=self.scale).rev().find_map(|k| {
            self.width()
                .map(|w| w.saturating_mul(k))
                .filter(|&w| w <= area.width && area.height >= HEIGHT.saturating_mul(k))
                .map(|w| (w, k))
        });
        let Some((width, k)) = fitting else {
            let len = self.text.chars().count() as u16;
            let x = area.x + area.width.saturating_sub(len) / 2;
            let y = area.y + area.height.saturating_sub(1) / 2;
            buf.set_stringn(x, y, self.text, area.width as usize, self.style);
            return;
        };
        let top = area.y + (area.height - HEIGHT * k) / 2;
        let mut x = area.x + (area.width - width) / 2;
        for c in self.text.chars() {
            let Some(rows) = glyph(c) else { continue };
            for (dy, row) in rows.iter().enumerate() {
                let wide: String = row
                    .chars()
                    .flat_map(|ch| std::iter::repeat_n(ch, usize::from(k)))
                    .collect();
                for sub in 0..k {
                    buf.set_string(x, top + dy as u16 * k + sub, &wide, self.style);
                }
            }
            x += (rows[0].chars().count() as u16 + 1) * k;
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
    fn draws_twice_as_large_when_asked_and_it_fits() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 10));
        (&BigText::new("1", Style::new()).scale(2)).render(buf.area, &mut buf);
        let rows: Vec<String> = (0..10)
            .map(|y| (0..6).map(|x| buf[(x, y)].symbol()).collect())
            .collect();
        assert_eq!(rows[0], "  ████");
        assert_eq!(rows[1], "  ████");
        assert_eq!(rows[9], "    ██");
        // Too small for twice: once.
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 6));
        (&BigText::new("1", Style::new()).scale(2)).render(buf.area, &mut buf);
        assert_eq!(buf[(2, 0)].symbol(), "█");
        assert_eq!(buf[(2, 5)].symbol(), " ");
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
