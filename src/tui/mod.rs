//! The terminal app: state and messages (`app`), the runner's state (`runner`), keys
//! (`keymap`), screens that only draw (`screens`, `widgets`, `view`), and the event loop — the
//! one place that reads the clock and talks to the terminal.

mod app;
pub mod appointment;
mod breaks;
mod event_loop;
mod flags;
mod follow;
mod history;
mod keymap;
mod log;
mod msg;
pub mod programme;
mod routines;
mod runner;
pub mod screens;
mod theme;
pub(crate) mod untrusted;
mod view;
pub mod widgets;

pub use app::{App, BreakPrompt, Entry, Screen, Tab, WELCOME_SEEN, update};
pub use event_loop::run;
pub use keymap::{ACTIONS, Key, KeyError, KeyLabels, Keymap, MapKeys, keymap};
pub use log::{Filter, FilterField, LogMode, LogView, Range};
pub use log::{FormEffect, LogForm, Section};
pub use msg::Msg;
pub use runner::{
    Effect, Gate, HEAT_CHECKLIST, Notice, PainInput, Runner, Setup, SkinPrompt, Stage, Summary,
};
pub use theme::{Palette, Theme};
