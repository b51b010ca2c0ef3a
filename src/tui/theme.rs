//! Colours and emphasis in one place. With `NO_COLOR` set, no colour is used at all; meaning is
//! still carried by bold, reversed and dim text.

use ratatui::style::{Color, Modifier, Style};

pub use crate::config::palette::Palette;
use crate::flags::Level;

/// Amber, between the red of an emergency and the yellow of "soon" (xterm colour 214).
pub const AMBER: Color = Color::Indexed(214);

/// The styles screens draw with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// False when `NO_COLOR` is set: no colour at all, whatever the palette says.
    pub color: bool,
    /// The colours used when colour is on.
    pub palette: Palette,
}

impl Theme {
    /// A theme with or without colour, in the default palette.
    pub fn new(color: bool) -> Self {
        Self {
            color,
            palette: Palette::default(),
        }
    }

    /// The same theme in another palette.
    pub fn with_palette(self, palette: Palette) -> Self {
        Self { palette, ..self }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// Titles and headings.
    pub fn title(&self) -> Style {
        self.fg(self.palette.title).add_modifier(Modifier::BOLD)
    }

    /// Secondary text.
    pub fn muted(&self) -> Style {
        if self.color {
            Style::new().fg(self.palette.muted)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// Text selected in an editor: the list highlight, or underlined without colour.
    pub fn selection(&self) -> Style {
        if self.color {
            self.selected()
        } else {
            // Reversed is the cursor's.
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    /// The selected row of a list.
    pub fn selected(&self) -> Style {
        if self.color {
            Style::new()
                .bg(self.palette.selected)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// Key names in hints.
    pub fn key(&self) -> Style {
        self.fg(self.palette.key).add_modifier(Modifier::BOLD)
    }

    /// Good news: done, saved, pain down.
    pub fn good(&self) -> Style {
        self.fg(self.palette.good).add_modifier(Modifier::BOLD)
    }

    /// Needs attention: a caution, a skin check.
    pub fn caution(&self) -> Style {
        self.fg(self.palette.caution).add_modifier(Modifier::BOLD)
    }

    /// Something failed.
    pub fn error(&self) -> Style {
        self.fg(self.palette.error).add_modifier(Modifier::BOLD)
    }

    /// The big countdown.
    pub fn clock(&self, paused: bool) -> Style {
        if paused {
            self.muted()
        } else {
            self.fg(Color::White).add_modifier(Modifier::BOLD)
        }
    }

    /// The warning bar and headings of a red-flag level: red for emergency, amber for urgent,
    /// yellow for soon. Without colour: reversed and bold, reversed, bold.
    pub fn level(&self, level: Level) -> Style {
        let bold = Modifier::BOLD;
        match (self.color, level) {
            (true, Level::Emergency) => Style::new()
                .bg(Color::Red)
                .fg(Color::White)
                .add_modifier(bold),
            (true, Level::Urgent) => Style::new().bg(AMBER).fg(Color::Black).add_modifier(bold),
            (true, Level::Soon) => Style::new().bg(Color::Yellow).fg(Color::Black),
            (false, Level::Emergency) => Style::new().add_modifier(Modifier::REVERSED | bold),
            (false, Level::Urgent) => Style::new().add_modifier(Modifier::REVERSED),
            (false, Level::Soon) => Style::new().add_modifier(bold),
        }
    }

    /// Text in a red-flag level's colour (headings on the Flags screen).
    pub fn level_text(&self, level: Level) -> Style {
        self.fg(match level {
            Level::Emergency => Color::Red,
            Level::Urgent => AMBER,
            Level::Soon => Color::Yellow,
        })
        .add_modifier(Modifier::BOLD)
    }

    /// A progress bar's filled part.
    pub fn gauge(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Green).bg(Color::Black)
        } else {
            Style::new()
        }
    }

    /// Colour for a pain rating 0–10, green through red.
    pub fn pain(&self, value: u8) -> Style {
        self.fg(match value {
            0..=3 => Color::Green,
            4..=6 => Color::Yellow,
            _ => Color::Red,
        })
    }
}
