//! Colours and emphasis in one place. With `NO_COLOR` set, no colour is used at all; meaning is
//! still carried by bold, reversed and dim text.

use ratatui::style::{Color, Modifier, Style};

use crate::config::palette::Colour;
pub use crate::config::palette::Palette;
use crate::flags::Level;

/// The terminal colour of a `[theme]` colour.
impl From<Colour> for Color {
    fn from(colour: Colour) -> Color {
        match colour {
            Colour::Reset => Color::Reset,
            Colour::Black => Color::Black,
            Colour::Red => Color::Red,
            Colour::Green => Color::Green,
            Colour::Yellow => Color::Yellow,
            Colour::Blue => Color::Blue,
            Colour::Magenta => Color::Magenta,
            Colour::Cyan => Color::Cyan,
            Colour::Gray => Color::Gray,
            Colour::DarkGray => Color::DarkGray,
            Colour::LightRed => Color::LightRed,
            Colour::LightGreen => Color::LightGreen,
            Colour::LightYellow => Color::LightYellow,
            Colour::LightBlue => Color::LightBlue,
            Colour::LightMagenta => Color::LightMagenta,
            Colour::LightCyan => Color::LightCyan,
            Colour::White => Color::White,
            Colour::Rgb(r, g, b) => Color::Rgb(r, g, b),
            Colour::Indexed(i) => Color::Indexed(i),
        }
    }
}

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

    fn fg(&self, color: impl Into<Color>) -> Style {
        if self.color {
            Style::new().fg(color.into())
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
            Style::new().fg(self.palette.muted.into())
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
                .bg(self.palette.selected.into())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `[theme]` used to be read with ratatui's `str::parse::<Color>()`; the settings' own
    /// colour reads every spelling to the same colour and refuses the same ones.
    #[test]
    fn theme_colours_read_as_ratatui_read_them() {
        let inputs = [
            "red",
            "Red",
            "RED",
            "dark-gray",
            "darkgray",
            "dark_grey",
            "Dark Gray",
            "grey",
            "silver",
            "gray",
            "light-gray",
            "lightgrey",
            "light-white",
            "light-black",
            "bright-black",
            "bright-blue",
            "BrightCyan",
            "light_magenta",
            "light yellow",
            "lightgreen",
            "light-red",
            "white",
            "black",
            "blue",
            "magenta",
            "cyan",
            "yellow",
            "green",
            "reset",
            "Reset",
            "0",
            "7",
            "214",
            "255",
            "256",
            "-1",
            "+5",
            "007",
            "#336699",
            "#FF8800",
            "#ff8800",
            "#abcdeF",
            "#12345",
            "#1234567",
            "#gg0000",
            "#+f+f+f",
            "336699",
            "",
            "greenish",
            "light",
            "bright",
            "lightpurple",
            "purple",
            "silverish",
            "dark-silver",
            "Ｒed",
            "İ",
        ];
        for input in inputs {
            let ours = Colour::parse(input).map(Color::from);
            let ratatui = input.parse::<Color>().ok();
            assert_eq!(ours, ratatui, "{input:?}");
        }
        // Every colour prints as `knotless config` printed it (ratatui's name in kebab case),
        // a spelling that reads back as itself.
        let printed_before = |colour: Color| {
            let shown = colour.to_string();
            if !shown.starts_with(|c: char| c.is_ascii_uppercase()) {
                return shown;
            }
            let mut name = String::new();
            for (i, c) in shown.chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    name.push('-');
                }
                name.push(c.to_ascii_lowercase());
            }
            name
        };
        let mut all: Vec<Colour> = inputs.iter().filter_map(|i| Colour::parse(i)).collect();
        all.extend((0..=255).map(Colour::Indexed));
        all.extend([Colour::Rgb(0, 0, 0), Colour::Rgb(0xab, 0x0c, 0xff)]);
        for colour in all {
            assert_eq!(
                colour.to_string(),
                printed_before(colour.into()),
                "{colour:?}"
            );
            assert_eq!(Colour::parse(&colour.to_string()), Some(colour), "{colour}");
        }
    }

    #[test]
    fn the_palette_draws_in_its_colours_and_no_color_in_none() {
        let palette = Palette {
            title: Colour::LightBlue,
            selected: Colour::Rgb(0x33, 0x66, 0x99),
            key: Colour::Indexed(214),
            ..Palette::default()
        };
        let theme = Theme::new(true).with_palette(palette);
        assert_eq!(theme.title().fg, Some(Color::LightBlue));
        assert_eq!(theme.selected().bg, Some(Color::Rgb(0x33, 0x66, 0x99)));
        assert_eq!(theme.key().fg, Some(Color::Indexed(214)));
        assert_eq!(theme.muted().fg, Some(Color::DarkGray), "the default stays");
        let plain = Theme::new(false).with_palette(palette);
        assert_eq!((plain.title().fg, plain.selected().bg), (None, None));
    }
}
