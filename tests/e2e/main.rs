//! End to end: the real binary in tmux (keys typed, the screen read back), one test crate.

#[path = "../common/mod.rs"]
mod common;

mod care_tmux;
mod details_tmux;
mod e2e_follow;
mod e2e_tmux;
mod hangup_tmux;
mod programme_tmux;
mod remind_tmux;
