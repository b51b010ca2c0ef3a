//! The colours of `[theme]`, as settings: what a person chose, or the defaults. The app draws
//! with them (`tui/theme.rs`), and `NO_COLOR` there turns all colour off.

use ratatui::style::Color;

/// The colours a person can change in `[theme]`. The red-flag levels keep their colours:
/// red, amber and yellow mean the same thing everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Titles and headings.
    pub title: Color,
    /// The background of the selected row.
    pub selected: Color,
    /// Key names in hints.
    pub key: Color,
    /// Good news: done, saved, pain down.
    pub good: Color,
    /// Cautions and skin checks.
    pub caution: Color,
    /// Errors.
    pub error: Color,
    /// Secondary text.
    pub muted: Color,
}

impl Default for Palette {
    fn default() -> Self {
        Palette {
            title: Color::Cyan,
            selected: Color::Blue,
            key: Color::Yellow,
            good: Color::Green,
            caution: Color::Yellow,
            error: Color::Red,
            muted: Color::DarkGray,
        }
    }
}
