//! Messages: everything a key press, a click or a timer can ask of the app. Keys become
//! messages in [`super::keymap`]; what a message means on a screen is decided by that screen.
//!
//! The keys' actions are one list, [`Action`] (with each action's name, default keys and words
//! in [`crate::config::keys::ACTIONS`]); a message is one of them or an input no key of
//! `[keys]` sends (a timer, a digit, text, the mouse). `Msg::Confirm` and the like name the
//! message of an action, so a screen can match on `Msg::Confirm` or, where every action must
//! be decided, on `Msg::Action(action)` with a `match` over [`Action`].

use ratatui::crossterm::event::KeyEvent;

pub use crate::config::keys::Action;

/// Everything a key press or a timer can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    /// A key of `[keys]` was pressed.
    Action(Action),
    /// A timer is due: bring the clock up to date.
    Tick,
    /// The terminal was resized.
    Resize,
    /// A digit key.
    Digit(u8),
    /// A key typed into a text field.
    Text(KeyEvent),
    /// A left click at (column, row).
    Click(u16, u16),
    /// The mouse wheel at (column, row); `true` is down.
    Wheel(u16, u16, bool),
    /// A key with no action of its own: it still answers "press any key" and "any other key
    /// no".
    Other,
}

/// Each action's message by a short name, for matching (`Msg::Space | Msg::Confirm`). The
/// names are the messages' own; what each action is, is said once, in [`Action`].
#[allow(non_upper_case_globals, missing_docs)]
impl Msg {
    pub const Up: Msg = Msg::Action(Action::Up);
    pub const Down: Msg = Msg::Action(Action::Down);
    pub const Left: Msg = Msg::Action(Action::Left);
    pub const Right: Msg = Msg::Action(Action::Right);
    pub const First: Msg = Msg::Action(Action::First);
    pub const Last: Msg = Msg::Action(Action::Last);
    pub const ScrollUp: Msg = Msg::Action(Action::ScrollUp);
    pub const ScrollDown: Msg = Msg::Action(Action::ScrollDown);
    pub const Confirm: Msg = Msg::Action(Action::Confirm);
    pub const Cancel: Msg = Msg::Action(Action::Cancel);
    pub const Space: Msg = Msg::Action(Action::Pause);
    pub const Next: Msg = Msg::Action(Action::Next);
    pub const Back: Msg = Msg::Action(Action::Back);
    pub const Skip: Msg = Msg::Action(Action::Skip);
    pub const Help: Msg = Msg::Action(Action::Help);
    pub const Quit: Msg = Msg::Action(Action::Quit);
    pub const ForceQuit: Msg = Msg::Action(Action::ForceQuit);
    pub const Tab: Msg = Msg::Action(Action::NextTab);
    pub const BackTab: Msg = Msg::Action(Action::PreviousTab);
    pub const Save: Msg = Msg::Action(Action::Save);
    pub const Add: Msg = Msg::Action(Action::Add);
    pub const Edit: Msg = Msg::Action(Action::Edit);
    pub const Delete: Msg = Msg::Action(Action::Delete);
    pub const Filter: Msg = Msg::Action(Action::Filter);
    pub const Review: Msg = Msg::Action(Action::Review);
    pub const Yes: Msg = Msg::Action(Action::Yes);
    pub const Flags: Msg = Msg::Action(Action::Flags);
    pub const Find: Msg = Msg::Action(Action::Find);
    pub const Checked: Msg = Msg::Action(Action::Checked);
    pub const Undo: Msg = Msg::Action(Action::Undo);
    pub const Snooze: Msg = Msg::Action(Action::Snooze);
    pub const Report: Msg = Msg::Action(Action::Report);
    pub const ReportOpen: Msg = Msg::Action(Action::ReportOpen);
    pub const Programmes: Msg = Msg::Action(Action::Programmes);
    pub const StopProgramme: Msg = Msg::Action(Action::StopProgramme);
}

impl From<Action> for Msg {
    fn from(action: Action) -> Msg {
        Msg::Action(action)
    }
}

/// The action a message comes from, if a key of `[keys]` sends it; the message back otherwise
/// (ticks, clicks, digits, text).
impl TryFrom<Msg> for Action {
    type Error = Msg;

    fn try_from(msg: Msg) -> Result<Action, Msg> {
        match msg {
            Msg::Action(action) => Ok(action),
            Msg::Tick
            | Msg::Resize
            | Msg::Digit(_)
            | Msg::Text(_)
            | Msg::Click(..)
            | Msg::Wheel(..)
            | Msg::Other => Err(msg),
        }
    }
}
