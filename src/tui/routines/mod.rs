//! The Routines tab: the list (Today's plan, routines by kind and phase, broken files at the
//! end), the highlighted row, and finding a routine by typing ([`find`]). The list and its
//! detail pane are drawn in [`view`].

pub mod find;
pub mod picker;
mod view;

pub use view::RoutinesScreen;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::msg::{Action, Msg};
use super::screen::{Ctx, Hint, Keys, Outcome, Request, TabScreen, View, hint, hint_of};
use crate::plan::Today;
use crate::routine::Library;
use find::{Find, Found};
use picker::{Picked, Picker, PickerBox};

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
    /// The programme picker, when open (`programmes`).
    pub picker: Option<Picker>,
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
}

impl<'a> RoutinesScreen<'a> {
    /// The tab as drawn from `view`.
    pub fn of(tab: &'a RoutinesTab, view: &View<'a>) -> RoutinesScreen<'a> {
        RoutinesScreen {
            tab,
            library: view.library,
            programme: view.programme,
            sessions: view.sessions,
            plan: &view.config.plan,
            flags: view.flags,
            notice: view.notice,
            today: view.now.wall.date_naive(),
            detail_scroll: view.detail_scroll,
            theme: view.theme,
        }
    }
}

impl TabScreen for RoutinesTab {
    /// A key on the Routines tab: the find field first, then the list.
    fn update(&mut self, msg: Msg, ctx: &Ctx<'_>) -> Outcome {
        if let Some(picker) = &mut self.picker {
            return match picker.update(msg, ctx.programme) {
                Picked::Stays(outcome) => outcome,
                Picked::Closes(outcome) => {
                    self.picker = None;
                    outcome
                }
            };
        }
        let count = self.entries(ctx.library).len();
        let last = count.saturating_sub(1);
        match self.find.update(msg) {
            Found::Ignored => {}
            Found::Changed => {
                self.selected = 0;
                return Outcome::Redraw;
            }
            Found::Redraw => return Outcome::Redraw,
            Found::Move(down) => {
                self.selected = if down {
                    (self.selected + 1).min(last)
                } else {
                    self.selected.saturating_sub(1)
                };
                return Outcome::Redraw;
            }
        }
        let action = match msg {
            Msg::Action(action) => action,
            Msg::Tick => return Outcome::Ignored,
            // A resize, a click the app did not place, a digit: drawn again as before.
            Msg::Resize
            | Msg::Click(..)
            | Msg::Wheel(..)
            | Msg::Digit(_)
            | Msg::Text(_)
            | Msg::Other => {
                return Outcome::Redraw;
            }
        };
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            Action::Confirm | Action::Right => return Outcome::Request(Request::StartSelected),
            Action::Quit | Action::ForceQuit => return Outcome::Request(Request::Quit),
            Action::Flags => return Outcome::Request(Request::OpenFlags),
            Action::NextTab => return Outcome::Request(Request::SwitchTab(true)),
            Action::PreviousTab => return Outcome::Request(Request::SwitchTab(false)),
            Action::Programmes => {
                // On the running programme, if any.
                let running = ctx.programme.state.active.as_ref().and_then(|a| {
                    ctx.programme
                        .programmes
                        .programmes
                        .iter()
                        .position(|p| p.id == a.programme)
                });
                self.picker = Some(Picker {
                    selected: running.unwrap_or(0),
                    asking: None,
                });
            }
            // `/` opened the find field above; the rest are not keys of this tab.
            Action::Find
            | Action::Left
            | Action::ScrollUp
            | Action::ScrollDown
            | Action::Cancel
            | Action::Pause
            | Action::Next
            | Action::Back
            | Action::Skip
            | Action::Help
            | Action::Add
            | Action::Edit
            | Action::Delete
            | Action::Filter
            | Action::Review
            | Action::Yes
            | Action::Checked
            | Action::Undo
            | Action::Snooze
            | Action::Report
            | Action::ReportOpen
            | Action::StopProgramme
            | Action::Save => return Outcome::Ignored,
        }
        Outcome::Redraw
    }

    fn hints(&self, view: &View<'_>, area: Rect) -> Vec<Hint> {
        if let Some(picker) = &self.picker {
            return picker.hints(view.programme);
        }
        if self.find.typing {
            return vec![
                hint_of(Keys::Typing, "find"),
                hint_of(Keys::Pair(Action::Up, Action::Down), "choose"),
                hint(Action::Confirm, "keep"),
                hint(Action::Cancel, "clear"),
            ];
        }
        let mut keys = vec![
            hint_of(Keys::PairAll(Action::Up, Action::Down), "choose"),
            hint(Action::Confirm, "start"),
            hint(Action::Find, "find"),
            hint(Action::NextTab, "next tab"),
            hint(Action::Help, "help"),
            hint(Action::Quit, "quit"),
            hint(Action::Programmes, "programmes"),
        ];
        if self.detail_pane(view, area).is_some_and(|(_, max)| max > 0) {
            keys.insert(2, hint(Action::ScrollDown, "more"));
        }
        keys
    }

    fn draw(&self, view: &View<'_>, area: Rect, buf: &mut Buffer) {
        (&RoutinesScreen::of(self, view)).render(area, buf);
        if let Some(picker) = &self.picker {
            (&PickerBox {
                picker,
                programme: view.programme,
                today: view.now.wall.date_naive(),
                theme: view.theme,
            })
                .render(area, buf);
        }
    }

    fn busy(&self) -> bool {
        self.picker.is_some()
    }

    fn detail_pane(&self, view: &View<'_>, area: Rect) -> Option<(Rect, u16)> {
        let (rect, pane) = RoutinesScreen::of(self, view).detail_pane(area);
        Some((rect, pane.max_scroll(rect)))
    }
}
