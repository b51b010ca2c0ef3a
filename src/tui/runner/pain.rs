//! A 0–10 pain rating being chosen, by digits or arrows.

use crate::tui::msg::Msg;

/// A 0–10 rating being chosen; `None` until the person picks a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PainInput {
    /// The chosen rating.
    pub value: Option<u8>,
    /// The digit typed just before, so that "1" then "0" reads as ten.
    last_digit: Option<u8>,
}

impl PainInput {
    /// A rating already chosen.
    pub fn with(value: u8) -> Self {
        Self {
            value: Some(value),
            last_digit: None,
        }
    }

    /// Digits, arrows, Home/End change the rating.
    pub fn update(&mut self, msg: Msg) {
        let last_digit = std::mem::take(&mut self.last_digit);
        self.value = match (msg, self.value) {
            (Msg::Digit(0), _) if last_digit == Some(1) => Some(10),
            (Msg::Digit(d), _) => {
                self.last_digit = Some(d);
                Some(d)
            }
            (Msg::Right | Msg::Up, None) => Some(0),
            (Msg::Right | Msg::Up, Some(v)) => Some((v + 1).min(10)),
            (Msg::Left | Msg::Down, Some(v)) => Some(v.saturating_sub(1)),
            (Msg::Last, _) => Some(10),
            (Msg::First, _) => Some(0),
            (_, v) => v,
        };
    }
}
