//! The colours of `[theme]`, as settings: what a person chose, or the defaults. Only names and
//! numbers live here; the app turns them into terminal colours (`tui/theme.rs`), and `NO_COLOR`
//! there turns all colour off.

use std::fmt;

/// A colour as a person writes it in `[theme]`: one of the sixteen terminal colours by name,
/// `reset` (the terminal's own), a hex colour `#rrggbb` or a 256-colour index `0`–`255`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Colour {
    /// The terminal's own colour.
    Reset,
    /// `black`.
    Black,
    /// `red`.
    Red,
    /// `green`.
    Green,
    /// `yellow`.
    Yellow,
    /// `blue`.
    Blue,
    /// `magenta`.
    Magenta,
    /// `cyan`.
    Cyan,
    /// `gray` (also `grey`, `silver`).
    Gray,
    /// `dark-gray` (also `light-black`, `bright-black`).
    DarkGray,
    /// `light-red` (also `bright-red`).
    LightRed,
    /// `light-green`.
    LightGreen,
    /// `light-yellow`.
    LightYellow,
    /// `light-blue`.
    LightBlue,
    /// `light-magenta`.
    LightMagenta,
    /// `light-cyan`.
    LightCyan,
    /// `white` (also `light-white`, `light-gray`).
    White,
    /// `#rrggbb`.
    Rgb(u8, u8, u8),
    /// A 256-colour index, `0`–`255`.
    Indexed(u8),
}

/// Every named colour with the name `knotless config` prints for it.
const NAMES: [(Colour, &str); 17] = [
    (Colour::Reset, "reset"),
    (Colour::Black, "black"),
    (Colour::Red, "red"),
    (Colour::Green, "green"),
    (Colour::Yellow, "yellow"),
    (Colour::Blue, "blue"),
    (Colour::Magenta, "magenta"),
    (Colour::Cyan, "cyan"),
    (Colour::Gray, "gray"),
    (Colour::DarkGray, "dark-gray"),
    (Colour::LightRed, "light-red"),
    (Colour::LightGreen, "light-green"),
    (Colour::LightYellow, "light-yellow"),
    (Colour::LightBlue, "light-blue"),
    (Colour::LightMagenta, "light-magenta"),
    (Colour::LightCyan, "light-cyan"),
    (Colour::White, "white"),
];

impl Colour {
    /// Reads a colour the way the theme always has (the spellings of ratatui's `Color`, which
    /// the `tui` tests hold it to): a name in any case, with or without `-`, `_` or spaces,
    /// `bright` for `light`, `grey` or `silver` for `gray`; else an index `0`–`255`; else
    /// `#rrggbb`. `None` for anything else.
    pub fn parse(text: &str) -> Option<Colour> {
        let name = text
            .to_lowercase()
            .replace([' ', '-', '_'], "")
            .replace("bright", "light")
            .replace("grey", "gray")
            .replace("silver", "gray")
            .replace("lightblack", "darkgray")
            .replace("lightwhite", "white")
            .replace("lightgray", "white");
        if let Some((colour, _)) = NAMES
            .iter()
            .find(|(_, shown)| shown.replace('-', "") == name)
        {
            return Some(*colour);
        }
        if let Ok(index) = text.parse::<u8>() {
            return Some(Colour::Indexed(index));
        }
        if !text.starts_with('#') || text.len() != 7 {
            return None;
        }
        let byte = |at: std::ops::Range<usize>| u8::from_str_radix(text.get(at)?, 16).ok();
        Some(Colour::Rgb(byte(1..3)?, byte(3..5)?, byte(5..7)?))
    }
}

/// A colour as the README and `knotless config` write it: `dark-gray`, `light-blue`, `#336699`
/// (upper-case hex digits), `214`.
impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Colour::Rgb(r, g, b) => write!(f, "#{r:02X}{g:02X}{b:02X}"),
            Colour::Indexed(i) => write!(f, "{i}"),
            named => {
                let shown = NAMES
                    .iter()
                    .find(|(c, _)| c == named)
                    .map_or("reset", |(_, shown)| shown);
                f.write_str(shown)
            }
        }
    }
}

/// The colours a person can change in `[theme]`. The red-flag levels keep their colours:
/// red, amber and yellow mean the same thing everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Titles and headings.
    pub title: Colour,
    /// The background of the selected row.
    pub selected: Colour,
    /// Key names in hints.
    pub key: Colour,
    /// Good news: done, saved, pain down.
    pub good: Colour,
    /// Cautions and skin checks.
    pub caution: Colour,
    /// Errors.
    pub error: Colour,
    /// Secondary text.
    pub muted: Colour,
}

impl Default for Palette {
    fn default() -> Self {
        Palette {
            title: Colour::Cyan,
            selected: Colour::Blue,
            key: Colour::Yellow,
            good: Colour::Green,
            caution: Colour::Yellow,
            error: Colour::Red,
            muted: Colour::DarkGray,
        }
    }
}
