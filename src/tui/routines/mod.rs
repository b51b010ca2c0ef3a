//! The Routines tab: the list (Today's plan, routines by kind and phase, broken files at the
//! end), the highlighted row, and finding a routine by typing ([`find`]). The list and its
//! detail pane are drawn in [`view`].

pub mod find;
mod view;

pub use view::RoutinesScreen;

use super::msg::Msg;
use crate::plan::Today;
use crate::routine::Library;
use find::{Find, Found};

/// One selectable row of the Routines list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// `library.routines[i]`.
    Routine(usize),
    /// `library.broken[i]`.
    Broken(usize),
}

/// The Routines tab's own state.
#[derive(Debug, Clone, Default)]
pub struct RoutinesTab {
    /// Index into [`RoutinesTab::entries`] of the highlighted routine or broken file.
    pub selected: usize,
    /// Finding a routine by typing (`/`).
    pub find: Find,
}

/// What a key on the Routines tab asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoutinesKey {
    /// Handled here; whether to redraw.
    Done(bool),
    /// Enter (or →): open the highlighted routine.
    Open,
    /// Quit the app.
    Quit,
}

impl RoutinesTab {
    /// The rows of the list, in display order (routines are sorted by kind); only the ones
    /// found while finding.
    pub fn entries(&self, library: &Library) -> Vec<Entry> {
        (0..library.routines.len())
            .filter(|&i| !self.find.is_active() || self.find.matches(&library.routines[i]))
            .map(Entry::Routine)
            .chain((0..library.broken.len()).map(Entry::Broken))
            .collect()
    }

    /// The highlighted row.
    pub fn selected_entry(&self, library: &Library) -> Option<Entry> {
        self.entries(library).get(self.selected).copied()
    }

    /// Highlights the first routine of `today` not done yet, so one key starts it (not while
    /// finding: the list is what was typed for).
    pub fn select_planned(&mut self, library: &Library, today: &Today) {
        if self.find.is_active() {
            return;
        }
        if let Some(index) = today
            .items
            .iter()
            .filter(|p| !p.done)
            .find_map(|p| library.routines.iter().position(|r| r.id == p.routine))
        {
            self.selected = index;
        }
    }

    /// Keeps the highlight in the list after the library changed.
    pub fn clamp(&mut self, library: &Library) {
        let rows = self.entries(library).len();
        self.selected = self.selected.min(rows.saturating_sub(1));
    }

    /// A key on the Routines tab: the find field first, then the list.
    pub fn update(&mut self, msg: Msg, library: &Library) -> RoutinesKey {
        let count = self.entries(library).len();
        let last = count.saturating_sub(1);
        match self.find.update(msg) {
            Found::Ignored => {}
            Found::Changed => {
                self.selected = 0;
                return RoutinesKey::Done(true);
            }
            Found::Redraw => return RoutinesKey::Done(true),
            Found::Move(down) => {
                self.selected = if down {
                    (self.selected + 1).min(last)
                } else {
                    self.selected.saturating_sub(1)
                };
                return RoutinesKey::Done(true);
            }
        }
        match msg {
            Msg::Up => self.selected = self.selected.saturating_sub(1),
            Msg::Down => self.selected = (self.selected + 1).min(last),
            Msg::First => self.selected = 0,
            Msg::Last => self.selected = last,
            Msg::Confirm | Msg::Right => return RoutinesKey::Open,
            Msg::Quit | Msg::ForceQuit => return RoutinesKey::Quit,
            Msg::Tick => return RoutinesKey::Done(false),
            _ => {}
        }
        RoutinesKey::Done(true)
    }
}
