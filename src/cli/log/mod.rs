//! `knotless log add|list|rm`: the symptom log from the command line. Everything is validated
//! before anything is written; bad input exits 2 naming the flag and the accepted values.
//!
//! Each subcommand has its own file (`add`, `checkin`, `list`, `rm`); this one holds the command
//! enum, the dispatch, and what they share: `--at`, `--pain`, and loading the log alone.

mod add;
mod checkin;
mod list;
mod rm;
mod tell;

use std::process::ExitCode;

use chrono::{DateTime, Datelike, FixedOffset};
use clap::Subcommand;

use super::{open, parse_when, usage_error};
use crate::paths::Paths;
use crate::symptoms::SymptomLog;
use crate::when::When;
use crate::workspace::{Parts, Workspace};

pub use add::AddArgs;
use add::add;
pub use checkin::CheckinArgs;
use checkin::checkin;
use list::list;
pub use list::write_table;
use rm::rm;
use tell::after_write;

/// `knotless log …`
#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// Add an entry; prints its id
    Add(AddArgs),
    /// List entries in time order
    List {
        /// Only entries from this day or moment on
        #[arg(long, value_name = "DATE", value_parser = parse_when)]
        since: Option<When>,
        /// Only entries up to this day (inclusive) or moment
        #[arg(long, value_name = "DATE", value_parser = parse_when)]
        until: Option<When>,
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// The weekly check-in (PEG): pain, and how much it got in the way of enjoyment and activity
    Checkin(CheckinArgs),
    /// Delete an entry by id (or a unique start of it: 6 characters or more, any case)
    Rm {
        /// The entry's id, as printed by `log add` or `log list`, or its first 6+ characters
        id: String,
    },
}

fn parse_pain(text: &str) -> Result<u8, String> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|p| *p <= 10)
        .ok_or_else(|| {
            "accepted values: a whole number from 0 (no pain) to 10 (worst imaginable)".to_owned()
        })
}

/// How far ahead of this computer's clock `--at` may be: clocks of two machines, or of a phone
/// someone reads the time from, differ by seconds, so "now" written by hand must not be refused.
pub const CLOCK_SKEW: chrono::TimeDelta = chrono::TimeDelta::minutes(1);

/// The earliest year `--at` accepts: anything before is a typo, not a memory.
pub const FIRST_YEAR: i32 = 1900;

/// Runs a `log` subcommand.
pub fn run(paths: &Paths, command: LogCommand) -> ExitCode {
    let log = SymptomLog::new(&paths.data_dir);
    match command {
        LogCommand::Add(args) => {
            let now = crate::clock::wall_now();
            match add(&log, args, now) {
                Ok(written) => {
                    // Right after the id: what the entry raises, its hints, then the
                    // screening questions still open.
                    after_write(paths, &written, now);
                    ExitCode::SUCCESS
                }
                Err(code) => code,
            }
        }
        LogCommand::List { since, until, json } => list(paths, since, until, json),
        LogCommand::Checkin(args) => checkin(paths, args, crate::clock::wall_now()),
        LogCommand::Rm { id } => rm(paths, &log, &id),
    }
}

/// The log alone, its warnings on stderr (lines that could not be read are kept, never
/// dropped); `Err` is the exit code when it cannot be read.
fn load(paths: &Paths) -> Result<Workspace, ExitCode> {
    let parts = Parts {
        log: true,
        ..Parts::NONE
    };
    open(paths, parts)
}

/// `--at` checked: not in the future (beyond [`CLOCK_SKEW`]), not before [`FIRST_YEAR`].
fn checked_at(
    at: Option<When>,
    now: DateTime<FixedOffset>,
) -> Result<DateTime<FixedOffset>, ExitCode> {
    let at = match at.map(When::start) {
        None => now,
        Some(Ok(at)) => at,
        Some(Err(e)) => return Err(usage_error(&format!("--at: {e}"))),
    };
    let accepted = format!(
        "accepted: a time from {FIRST_YEAR}-01-01 up to now (a minute ahead of this computer's \
         clock is allowed for clocks that differ)"
    );
    if at > now + CLOCK_SKEW {
        return Err(usage_error(&format!(
            "--at {} is in the future; log what you have felt, up to now; {accepted}",
            at.format("%Y-%m-%d %H:%M")
        )));
    }
    if at.year() < FIRST_YEAR {
        return Err(usage_error(&format!(
            "--at {} is before {FIRST_YEAR}; {accepted}",
            at.format("%Y-%m-%d %H:%M")
        )));
    }
    Ok(at)
}
