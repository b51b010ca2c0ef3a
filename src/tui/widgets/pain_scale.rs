//! The 0–10 pain rating as a row of numbers, the chosen one highlighted, with words for the band.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::theme::Theme;

/// A pain scale with an optional chosen value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PainScale {
    /// The chosen rating.
    pub value: Option<u8>,
    /// Colours.
    pub theme: Theme,
}

/// Plain words for a rating, as commonly used with the 0–10 scale.
pub fn describe(value: u8) -> &'static str {
    match value {
        0 => "no pain",
        1..=3 => "mild",
        4..=6 => "moderate",
        7..=9 => "severe",
        _ => "worst imaginable",
    }
}

impl Widget for PainScale {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let spans: Vec<Span> = (0..=10u8)
            .map(|n| {
                let text = format!(" {n} ");
                if Some(n) == self.value {
                    Span::styled(
                        text,
                        self.theme
                            .pain(n)
                            .add_modifier(Modifier::REVERSED | Modifier::BOLD),
                    )
                } else {
                    Span::styled(text, self.theme.pain(n))
                }
            })
            .collect();
        Line::from(spans)
            .centered()
            .render(Rect { height: 1, ..area }, buf);
        if area.height > 1 {
            let words = match self.value {
                Some(v) => format!("{v} — {}", describe(v)),
                None => "not rated yet".to_owned(),
            };
            Line::from(words).centered().render(
                Rect {
                    y: area.y + 1,
                    height: 1,
                    ..area
                },
                buf,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::Color;

    use super::*;

    #[test]
    fn highlights_the_chosen_value_in_its_band_colour() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 34, 2));
        PainScale {
            value: Some(7),
            theme: Theme::new(true),
        }
        .render(buf.area, &mut buf);
        let row: String = (0..34).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert_eq!(row, " 0  1  2  3  4  5  6  7  8  9  10 ");
        let seven = &buf[(22, 0)];
        assert_eq!(seven.symbol(), "7");
        assert_eq!(seven.fg, Color::Red);
        assert!(seven.modifier.contains(Modifier::REVERSED));
        assert!(!buf[(19, 0)].modifier.contains(Modifier::REVERSED));
        let words: String = (0..34).map(|x| buf[(x, 1)].symbol().to_owned()).collect();
        assert_eq!(words.trim(), "7 — severe");
        let mut plain = Buffer::empty(Rect::new(0, 0, 34, 1));
        PainScale {
            value: Some(2),
            theme: Theme::new(false),
        }
        .render(plain.area, &mut plain);
        assert!(
            (0..34).all(|x| plain[(x, 0)].fg == Color::Reset),
            "NO_COLOR: no colour"
        );
    }
}
