//! The 0–10 pain rating as a row of numbers, the chosen one highlighted, with words for the band.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
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
        // Narrow areas keep every number: one space between them (22 columns), then the
        // chosen value alone, never a scale that loses its ends.
        let full = area.width >= 34;
        if area.width < 22 {
            let text = match self.value {
                Some(v) => format!("{v} of 0–10"),
                None => "0–10".to_owned(),
            };
            let style = self.value.map_or_else(Style::default, |v| {
                self.theme
                    .pain(v)
                    .add_modifier(Modifier::REVERSED | Modifier::BOLD)
            });
            Line::styled(text, style)
                .centered()
                .render(Rect { height: 1, ..area }, buf);
        }
        let spans: Vec<Span> = (0..=10u8)
            .filter(|_| area.width >= 22)
            .flat_map(|n| {
                let gap = (!full && n > 0).then(|| Span::raw(" "));
                let text = if full {
                    format!(" {n} ")
                } else {
                    n.to_string()
                };
                let number = if Some(n) == self.value {
                    Span::styled(
                        text,
                        self.theme
                            .pain(n)
                            .add_modifier(Modifier::REVERSED | Modifier::BOLD),
                    )
                } else {
                    Span::styled(text, self.theme.pain(n))
                };
                gap.into_iter().chain(std::iter::once(number))
            })
            .collect();
        if spans.is_empty() {
            // Drawn above, alone.
        } else {
            Line::from(spans)
                .centered()
                .render(Rect { height: 1, ..area }, buf);
        }
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

    #[test]
    fn narrow_scales_keep_0_1_and_10() {
        let row = |width: u16| {
            let mut buf = Buffer::empty(Rect::new(0, 0, width, 1));
            PainScale {
                value: Some(1),
                theme: Theme::new(true),
            }
            .render(buf.area, &mut buf);
            (0..width)
                .map(|x| buf[(x, 0)].symbol().to_owned())
                .collect::<String>()
        };
        assert_eq!(row(22), "0 1 2 3 4 5 6 7 8 9 10");
        assert_eq!(row(33).trim(), "0 1 2 3 4 5 6 7 8 9 10");
        assert_eq!(row(16).trim(), "1 of 0–10");
    }
}
