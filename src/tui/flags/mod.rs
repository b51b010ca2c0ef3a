//! The Flags tab: which flag is highlighted, "have you had this checked?", and the emergency a
//! save just raised. The flags themselves are worked out from the log in [`crate::flags`]; the
//! list and detail are drawn in [`view`], the bar, the first-run statement and the emergency
//! overlay in [`alerts`].

mod alerts;
mod view;

pub use alerts::{RaisedOnSave, WarningBar, Welcome, raised_by};
pub use view::FlagsScreen;

use super::msg::Msg;
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

/// What a key on the Flags tab asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagsKey {
    /// Handled here; whether to redraw.
    Done(bool),
    /// "Yes, I have had it checked": acknowledge the highlighted flag.
    Acknowledge,
    /// `u`: take back the highlighted flag's acknowledgement.
    Withdraw,
    /// Esc: back to Routines.
    Back,
    /// Quit the app.
    Quit,
}

/// What a key does while the emergency raised by a save is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RaisedKey {
    /// Enter or `!`: open the Flags screen on it (highlighted already).
    Open,
    /// Ctrl-C.
    Quit,
    /// Handled here; whether to redraw.
    Done(bool),
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

    /// A key on the Flags tab.
    pub fn update(&mut self, msg: Msg, flags: &Flags, lapsed: &[Lapsed]) -> FlagsKey {
        if msg != Msg::Tick {
            self.message = None;
        }
        if self.confirm_ack {
            return match msg {
                Msg::Yes => {
                    self.confirm_ack = false;
                    FlagsKey::Acknowledge
                }
                Msg::ForceQuit => FlagsKey::Quit,
                Msg::Tick => FlagsKey::Done(false),
                // Any other key: no.
                _ => {
                    self.confirm_ack = false;
                    FlagsKey::Done(true)
                }
            };
        }
        let count = flags.active.len() + lapsed.len() + flags.acknowledged.len();
        match msg {
            Msg::Up => self.selected = self.selected.saturating_sub(1),
            Msg::Down => self.selected = (self.selected + 1).min(count.saturating_sub(1)),
            Msg::First => self.selected = 0,
            Msg::Last => self.selected = count.saturating_sub(1),
            // Only an active or lapsed flag can be marked; a muted one is taken back with `u`.
            Msg::Checked if self.selected < flags.active.len() + lapsed.len() => {
                self.asked = self.selected_flag(flags, lapsed).map(|f| f.rule.id.clone());
                self.confirm_ack = self.asked.is_some();
            }
            Msg::Undo => return FlagsKey::Withdraw,
            Msg::Quit | Msg::ForceQuit => return FlagsKey::Quit,
            Msg::Cancel => return FlagsKey::Back,
            Msg::Tick => return FlagsKey::Done(false),
            _ => {}
        }
        FlagsKey::Done(true)
    }

    /// A key while the emergency raised by a save is showing: Enter or `!` opens it on the
    /// Flags screen, Esc closes it; nothing else does, so a stray key cannot hide it.
    pub fn answer_raised(&mut self, msg: Msg, flags: &Flags, lapsed: &[Lapsed]) -> RaisedKey {
        match msg {
            Msg::Confirm | Msg::Flags => {
                let first = self.raised_on_save.remove(0);
                self.raised_on_save.clear();
                self.selected = listed(flags, lapsed)
                    .position(|f| f.rule.id == first)
                    .unwrap_or(0);
                RaisedKey::Open
            }
            Msg::Cancel => {
                self.raised_on_save.clear();
                RaisedKey::Done(true)
            }
            Msg::ForceQuit => RaisedKey::Quit,
            Msg::Resize => RaisedKey::Done(true),
            _ => RaisedKey::Done(false),
        }
    }
}
