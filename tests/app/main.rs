//! Screens and the command line: every screen test (the app driven by messages over a private
//! data folder, drawn on a test backend) and every command-line test (the real binary through
//! assert_cmd), one test crate so that a change relinks one binary, not forty.

#[path = "../common/mod.rs"]
mod common;

mod adherence_cli;
mod bounds_cli;
mod breaks_screen;
mod breaks_wake_screen;
mod care_screen;
mod checkin_screen;
mod cli;
mod config_cli;
mod confirm_screen;
mod conflict_screen;
mod conventions_cli;
mod details_cli;
mod details_screen;
mod draft_screen;
mod export_stream_cli;
mod fifo_cli;
mod flags_cli;
mod flags_history_cli;
mod flags_screen;
mod flags_text_cli;
mod flags_undo_screen;
mod follow_screen;
mod fuzz;
mod gate_cli;
mod heat_cli;
mod heat_screen;
mod hints_screen;
mod history_screen;
mod hostile_data_cli;
mod injection_cli;
mod layers;
mod library;
mod log_cli;
mod log_form_narrow_screen;
mod log_form_screen;
mod log_notice_cli;
mod log_screen;
mod log_screening_cli;
mod outputs_cli;
mod overlays_screen;
mod picker_screen;
mod programme_cli;
mod programme_screen;
mod remind_cli;
mod report_cli;
mod routine_loads_cli;
mod routine_summaries;
mod runner_sizes_screen;
mod screens;
mod sizes_screen;
mod symlinks_cli;
mod trends_screen;
mod workspace_cli;
