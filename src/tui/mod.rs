//! The terminal app. Each tab is a module holding its own state, the keys it handles and its
//! drawing side by side (as gitui's components do): `routines` (with the find field),
//! `log` (list, filters, form, review), `history`, `breaks`, `flags` (with the warning
//! bar, the first-run statement and the emergency a save raised) and the `runner`. Each is a
//! [`TabScreen`] ([`screen`]): it updates to one [`Outcome`], names its keys as hints of the
//! keymap's actions and draws from a borrowed view of the records. The tabs do not know
//! [`App`]: what they need of the app (start a routine, acknowledge a flag) is a [`Request`].
//!
//! - `msg`: every message a key, a click or a timer can send (the keys' actions and the rest).
//! - `app`: the app state and what the screens' requests do; `update` routes a message to the
//!   overlay or screen in front; `layout` places the parts of a frame; `view` draws the frame
//!   (bar, tabs, footer, overlays) around the screen in front.
//! - `help`: the help overlay and the footer, built from the hints of what is in front.
//! - `keymap`: keys to messages (the settings themselves are read in [`crate::config::keys`]).
//! - [`appointment`], [`programme`], `follow`: the weekly check-in and the report key, the
//!   programme's questions, and following what other processes wrote.
//! - `event_loop`: the one place that reads the clock and talks to the terminal.

mod app;
pub mod appointment;
mod breaks;
mod event_loop;
mod flags;
mod follow;
mod help;
mod history;
mod keymap;
mod layout;
mod log;
mod msg;
pub mod programme;
mod routines;
mod runner;
pub mod screen;
mod theme;
pub(crate) mod untrusted;
mod update;
mod view;
pub mod widgets;

pub use app::{App, BreakPrompt, Entry, Overlay, Screen, WELCOME_SEEN};
pub use event_loop::run;
pub use help::hints;
pub use keymap::{ACTIONS, Key, KeyError, KeyLabels, Keymap, MapKeys, keymap};
pub use log::{Filter, FilterField, LogMode, LogView, Range};
pub use log::{FormEffect, LogForm, Section};
pub use msg::{Action, Msg};
pub use runner::{
    Gate, HEAT_CHECKLIST, Notice, PainInput, Runner, Setup, SkinPrompt, Stage, Summary,
};
pub use screen::{Hint, Keys, Outcome, Request, TABS, Tab, TabScreen};
pub use theme::{Palette, Theme};
pub use update::update;
