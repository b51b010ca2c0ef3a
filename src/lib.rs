//! knotless: a terminal coach for lower back knots.
//!
//! Data flows one way: files → domain model ([`routine`]) → app state ([`tui`]) → frame.
//! Only the event loop and the command entry points read clocks; everything below takes `now`.

pub mod breaks;
pub mod checkins;
pub mod cli;
pub mod clock;
pub mod config;
pub mod desktop;
pub mod diagnostic;
pub mod disk;
pub mod duration;
pub mod flags;
pub mod history;
pub mod id;
pub mod paths;
pub mod plan;
pub mod programme;
pub mod remind;
pub mod report;
pub mod routine;
pub mod session;
pub mod store;
pub mod symptoms;
pub mod text;
pub mod tui;
pub mod vocabulary;
pub mod when;
pub mod workspace;
