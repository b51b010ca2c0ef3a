//! The terminal app: state and messages (`app`), the runner's state (`runner`), keys
//! (`keymap`), screens that only draw (`screens`, `widgets`, `view`), and the event loop — the
//! one place that reads the clock and talks to the terminal.

mod app;
pub mod appointment;
mod event_loop;
pub mod find;
mod follow;
mod keymap;
mod log_form;
mod log_view;
mod msg;
pub mod programme;
mod runner;
pub mod screens;
mod theme;
pub(crate) mod untrusted;
mod view;
pub mod widgets;

pub use app::{App, BreakPrompt, Entry, Screen, Tab, WELCOME_SEEN, update};
pub use event_loop::run;
pub use keymap::{ACTIONS, Key, KeyError, KeyLabels, Keymap, MapKeys, keymap};
pub use log_form::{FormEffect, LogForm, Section};
pub use log_view::{Filter, FilterField, LogMode, LogView, Range};
pub use msg::Msg;
pub use runner::{
    Effect, Gate, HEAT_CHECKLIST, Notice, PainInput, Runner, Setup, SkinPrompt, Stage, Summary,
};
pub use theme::{Palette, Theme};
