//! Finding a routine by typing: `/` on the Routines screen, then letters. The list keeps the
//! routines whose name, id, tags, phase or summary contain every typed word; Enter keeps the
//! filter and leaves the field, Esc clears it.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::routine::Routine;
use crate::routine::phase::Phase;
use crate::tui::msg::Msg;

/// The longest query kept.
const MAX_QUERY: usize = 40;

/// The find field of the Routines screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Find {
    /// What was typed.
    pub query: String,
    /// The field has focus: keys are text.
    pub typing: bool,
}

/// What a message did to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// Not for the field.
    Ignored,
    /// The query changed: the list starts again from the top.
    Changed,
    /// Something else changed (focus).
    Redraw,
    /// Move the highlight up or down.
    Move(bool),
}

impl Find {
    /// Whether the list is filtered.
    pub fn is_active(&self) -> bool {
        self.typing || !self.query.is_empty()
    }

    /// Whether `routine` matches every word typed (case-insensitive).
    pub fn matches(&self, routine: &Routine) -> bool {
        let haystack = format!(
            "{} {} {} {} {}",
            routine.name,
            routine.id,
            routine.tags.join(" "),
            Phase::of(routine).label(),
            routine.summary
        )
        .to_lowercase();
        self.query
            .to_lowercase()
            .split_whitespace()
            .all(|w| haystack.contains(w))
    }

    /// Handles a message on the Routines screen.
    pub fn update(&mut self, msg: Msg) -> Found {
        if !self.typing {
            return match msg {
                Msg::Find => {
                    self.typing = true;
                    Found::Redraw
                }
                Msg::Cancel if !self.query.is_empty() => {
                    self.query.clear();
                    Found::Changed
                }
                _ => Found::Ignored,
            };
        }
        match msg {
            Msg::Cancel => {
                self.typing = false;
                self.query.clear();
                Found::Changed
            }
            Msg::Text(KeyEvent { code, .. }) => match code {
                KeyCode::Enter => {
                    self.typing = false;
                    Found::Redraw
                }
                KeyCode::Backspace => {
                    self.query.pop();
                    Found::Changed
                }
                KeyCode::Up => Found::Move(false),
                KeyCode::Down => Found::Move(true),
                KeyCode::Char(c) if !c.is_control() && self.query.chars().count() < MAX_QUERY => {
                    self.query.push(c);
                    Found::Changed
                }
                _ => Found::Redraw,
            },
            Msg::Confirm => {
                self.typing = false;
                Found::Redraw
            }
            _ => Found::Ignored,
        }
    }
}
