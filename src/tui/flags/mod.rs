//! The Flags tab: which flag is highlighted, "have you had this checked?", and the emergency a
//! save just raised. The flags themselves are worked out from the log in [`crate::flags`]; the
//! list and detail are drawn in [`view`], the bar, the first-run statement and the emergency
//! overlay in [`alerts`].

mod alerts;
mod view;

pub use alerts::{RaisedOnSave, WarningBar, Welcome, raised_by};
pub use view::FlagsScreen;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::msg::{Action, Msg};
use super::screen::{Ctx, Hint, Keys, Outcome, Request, Tab, TabScreen, View, hint, hint_of};
use crate::flags::lapsed::Lapsed;
use crate::flags::{Flag, Flags};

/// The flags as the tab lists them: active, then lapsed unchecked, then acknowledged.
pub fn listed<'a>(flags: &'a Flags, lapsed: &'a [Lapsed]) -> impl Iterator<Item = &'a Flag> {
    flags
        .active
        .iter()
        .chain(lapsed.iter().map(|l| &l.flag))
        .chain(&flags.acknowledged)
}

/// The Flags tab's own state.
#[derive(Debug, Clone, Default)]
pub struct FlagsTab {
    /// The highlighted flag (active ones, then acknowledged).
    pub selected: usize,
    /// "Have you had this checked?" is being asked about the highlighted flag.
    pub confirm_ack: bool,
    /// The rule id of the flag it is asked about: the answer goes to it, even when the list
    /// changed under the question (another window acknowledged a flag, the log was followed).
    pub asked: Option<String>,
    /// What the last acknowledgement or taking back did, when it needs saying (shown above the
    /// highlighted flag until the next key).
    pub message: Option<String>,
    /// The emergency and urgent flags (rule ids) that the entry just saved is evidence of:
    /// shown at once, in full, over every screen until Enter or `!` (the Flags screen on it) or Esc.
    pub raised_on_save: Vec<String>,
}

impl FlagsTab {
    /// The highlighted flag of `flags` (or of those that lapsed unchecked).
    pub fn selected_flag<'a>(&self, flags: &'a Flags, lapsed: &'a [Lapsed]) -> Option<&'a Flag> {
        listed(flags, lapsed).nth(self.selected)
    }

    /// Keeps the highlight in the list after the flags changed.
    pub fn clamp(&mut self, flags: &Flags, lapsed: &[Lapsed]) {
        let count = flags.active.len() + lapsed.len() + flags.acknowledged.len();
        self.selected = self.selected.min(count.saturating_sub(1));
    }

    /// Puts the highlight on the flag of rule `id`, active, lapsed or muted.
    pub fn highlight(&mut self, flags: &Flags, lapsed: &[Lapsed], id: &str) {
        if let Some(i) = listed(flags, lapsed).position(|f| f.rule.id == id) {
            self.selected = i;
        }
    }

    /// A key while the emergency raised by a save is showing: Enter or `!` opens it on the
    /// Flags screen, Esc closes it; nothing else does, so a stray key cannot hide it.
    pub fn answer_raised(&mut self, msg: Msg, flags: &Flags, lapsed: &[Lapsed]) -> Outcome {
        match msg {
            Msg::Confirm | Msg::Flags => {
                let first = self.raised_on_save.remove(0);
                self.raised_on_save.clear();
                self.selected = listed(flags, lapsed)
                    .position(|f| f.rule.id == first)
                    .unwrap_or(0);
                Outcome::Request(Request::Show(Tab::Flags))
            }
            Msg::Cancel => {
                self.raised_on_save.clear();
                Outcome::Redraw
            }
            Msg::ForceQuit => Outcome::Request(Request::Quit),
            Msg::Resize => Outcome::Redraw,
            _ => Outcome::Ignored,
        }
    }
}

impl<'a> FlagsScreen<'a> {
    /// The tab as drawn from `view`.
    pub fn of(tab: &'a FlagsTab, view: &View<'a>) -> FlagsScreen<'a> {
        FlagsScreen {
            tab,
            flags: view.flags,
            lapsed: view.lapsed,
            entries: view.entries,
            emergency_number: view.config.emergency_number.as_deref(),
            detail_scroll: view.detail_scroll,
            theme: view.theme,
        }
    }
}

impl TabScreen for FlagsTab {
    fn update(&mut self, msg: Msg, ctx: &Ctx<'_>) -> Outcome {
        let (flags, lapsed) = (ctx.flags, ctx.lapsed);
        if msg != Msg::Tick {
            self.message = None;
        }
        if self.confirm_ack {
            return match msg {
                Msg::Yes => {
                    self.confirm_ack = false;
                    Outcome::Request(Request::Acknowledge)
                }
                Msg::ForceQuit => Outcome::Request(Request::Quit),
                Msg::Tick => Outcome::Ignored,
                // Any other key: no.
                Msg::Action(_)
                | Msg::Resize
                | Msg::Digit(_)
                | Msg::Text(_)
                | Msg::Click(..)
                | Msg::Wheel(..)
                | Msg::Other => {
                    self.confirm_ack = false;
                    Outcome::Redraw
                }
            };
        }
        let action = match msg {
            Msg::Action(action) => action,
            Msg::Tick => return Outcome::Ignored,
            Msg::Resize
            | Msg::Click(..)
            | Msg::Wheel(..)
            | Msg::Digit(_)
            | Msg::Text(_)
            | Msg::Other => {
                return Outcome::Redraw;
            }
        };
        let count = flags.active.len() + lapsed.len() + flags.acknowledged.len();
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(count.saturating_sub(1)),
            Action::First => self.selected = 0,
            Action::Last => self.selected = count.saturating_sub(1),
            // Only an active or lapsed flag can be marked; a muted one is taken back with `u`.
            Action::Checked if self.selected < flags.active.len() + lapsed.len() => {
                self.asked = self.selected_flag(flags, lapsed).map(|f| f.rule.id.clone());
                self.confirm_ack = self.asked.is_some();
            }
            Action::Undo => return Outcome::Request(Request::Withdraw),
            Action::Quit | Action::ForceQuit => return Outcome::Request(Request::Quit),
            Action::Cancel => return Outcome::Request(Request::Show(Tab::Routines)),
            Action::Flags => return Outcome::Request(Request::OpenFlags),
            Action::NextTab => return Outcome::Request(Request::SwitchTab(true)),
            Action::PreviousTab => return Outcome::Request(Request::SwitchTab(false)),
            Action::Checked
            | Action::Left
            | Action::Right
            | Action::ScrollUp
            | Action::ScrollDown
            | Action::Confirm
            | Action::Pause
            | Action::Next
            | Action::Back
            | Action::Skip
            | Action::Help
            | Action::Add
            | Action::Edit
            | Action::Delete
            | Action::Filter
            | Action::Find
            | Action::Review
            | Action::Yes
            | Action::Snooze
            | Action::Report
            | Action::ReportOpen
            | Action::Save
            | Action::Programmes
            | Action::StopProgramme => return Outcome::Ignored,
        }
        Outcome::Redraw
    }

    fn hints(&self, view: &View<'_>, area: Rect) -> Vec<Hint> {
        if self.confirm_ack {
            return vec![
                hint(Action::Yes, "yes, it was checked"),
                hint(Action::Next, "no"),
            ];
        }
        // `c` for the highlighted flag, `u` for a muted one, neither with no flag to mark.
        let mark = self
            .selected_flag(view.flags, view.lapsed)
            .map(|f| match f.acknowledged {
                Some(_) => hint(Action::Undo, "take back \"checked\""),
                None => hint(Action::Checked, "I have had this checked"),
            });
        let mut keys: Vec<Hint> = [
            Some(hint_of(Keys::Pair(Action::Up, Action::Down), "choose")),
            mark,
            Some(hint(Action::NextTab, "next tab")),
            Some(hint(Action::Quit, "quit")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if self.detail_pane(view, area).is_some_and(|(_, max)| max > 0) {
            keys.insert(1, hint(Action::ScrollDown, "more"));
        }
        keys
    }

    fn draw(&self, view: &View<'_>, area: Rect, buf: &mut Buffer) {
        (&FlagsScreen::of(self, view)).render(area, buf);
    }

    fn busy(&self) -> bool {
        self.confirm_ack
    }

    fn detail_pane(&self, view: &View<'_>, area: Rect) -> Option<(Rect, u16)> {
        let (rect, pane) = FlagsScreen::of(self, view).detail_pane(area)?;
        Some((rect, pane.max_scroll(rect)))
    }
}
