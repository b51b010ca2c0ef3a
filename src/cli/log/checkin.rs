//! `knotless log checkin`: the weekly check-in (PEG) from the command line.

use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};
use clap::Args;

use super::{checked_at, parse_pain, parse_when, usage_error};
use crate::paths::Paths;
use crate::when::When;

/// `knotless log checkin` flags: the three PEG answers for the past week.
#[derive(Debug, Args)]
pub struct CheckinArgs {
    /// Average pain in the past week, 0 (none) to 10 (worst imaginable)
    #[arg(long, allow_negative_numbers = true, value_parser = parse_pain)]
    pain: u8,
    /// How much pain got in the way of enjoying life, 0 (not at all) to 10 (completely)
    #[arg(long, allow_negative_numbers = true, value_parser = parse_interference)]
    enjoyment: u8,
    /// How much pain got in the way of general activity, 0 (not at all) to 10 (completely)
    #[arg(long, allow_negative_numbers = true, value_parser = parse_interference)]
    activity: u8,
    /// When [default: now]
    #[arg(long, value_name = "WHEN", value_parser = parse_when)]
    at: Option<When>,
}

fn parse_interference(text: &str) -> Result<u8, String> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|p| *p <= 10)
        .ok_or_else(|| {
            "accepted values: a whole number from 0 (not at all) to 10 (completely)".to_owned()
        })
}

pub(super) fn checkin(paths: &Paths, args: CheckinArgs, now: DateTime<FixedOffset>) -> ExitCode {
    let at = match checked_at(args.at, now) {
        Ok(at) => at,
        Err(code) => return code,
    };
    let checkin = crate::checkins::Checkin {
        id: crate::id::new_id(now.timestamp_millis()),
        at,
        pain: args.pain,
        enjoyment: args.enjoyment,
        activity: args.activity,
    };
    if let Err(e) = crate::checkins::CheckinLog::new(&paths.data_dir).save(&checkin) {
        return usage_error(&e.to_string());
    }
    println!("{}", checkin.id);
    ExitCode::SUCCESS
}
