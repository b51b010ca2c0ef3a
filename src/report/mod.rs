//! The appointment report (`knotless report`): what a doctor reads in a minute, computed once
//! from the log, the history, the check-ins and the red flags, then written as HTML
//! ([`html`]), Markdown ([`markdown`]) or JSON (this module's [`Report`], serialised as is: the
//! JSON schema is these structs). Pure: the records, the period and `now` are passed in.
//!
//! Decisions, written down here and in the README:
//! - An entry or session belongs to the period by its instant; it counts on the calendar day and
//!   the time of day of its own offset (the day the person lived it, wherever they were).
//! - Time of day: morning 05–12, afternoon 12–17, evening 17–22, night 22–05.
//! - Red flags "raised in the period" are those the rules raise at moments through the period
//!   (its end, and every week back to its start, at most 26 moments for long periods) whose
//!   evidence lies in the period; "active now" is the live evaluation at `now`.
//! - The flags are always evaluated with the profile (safety); `--no-profile` only leaves age
//!   and conditions out of what the report prints.
//! - Per routine: with fewer than [`TOO_FEW`] sessions rated before and after, the change is
//!   "too few to tell".
//!
//! Where things are: the inputs, the period, the formats and [`render`] here; the model (the
//! JSON schema) in `model`; [`compute`] in `gather`, which asks each section for its figures
//! (`red_flags`, `pain`, `routines` with the posture breaks, `peg` for the check-ins); helpers
//! the sections share in `common`, and [`when`], [`day`], [`num`] and [`outcome_name`] in
//! `words`; the words and tables both writers print in [`view`] (built in `view_summary` and
//! `view_details`), the figures in [`chart`]; writing and opening the file in `files`; and
//! `knotless export` in [`export`].

pub mod chart;
mod common;
pub mod export;
mod files;
mod gather;
pub mod html;
pub mod markdown;
mod model;
mod pain;
mod peg;
mod red_flags;
mod routines;
pub mod view;
mod view_details;
mod view_summary;
mod words;

pub use files::{default_name, open_in_browser, write_private};
pub use gather::{compute, entry_out, session_out};
pub use model::{
    BreaksOut, ChangeOut, CheckinOut, CheckinsOut, CountOut, DayPainOut, EffectOut, EntryOut,
    EvidenceOut, FlagOut, FlagsOut, Labels, PainOut, PeriodOut, PlanOut, ProfileOut, Report,
    RoutinesOut, SCHEMA, SessionOut, WeekPain, WeekRoutines,
};
pub use pain::TIMES_OF_DAY;
pub use words::{day, num, outcome_name, when};

use std::collections::HashMap;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

use crate::checkins::Checkin;
use crate::config::PlanEntry;
use crate::flags::{Ack, Profile, Rule};
use crate::history::{BreakRecord, SessionRecord};
use crate::symptoms::SymptomEntry;

/// Fewer rated sessions than this and a routine's change is "too few to tell" (the History
/// tab's threshold too).
pub const TOO_FEW: usize = crate::history::stats::TOO_FEW;

/// Everything a report is computed from. `entries` is the whole log in time order (flags look
/// back before the period); the other lists may hold records outside the period.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// The whole symptom log, sorted by time.
    pub entries: &'a [SymptomEntry],
    /// Every session.
    pub sessions: &'a [SessionRecord],
    /// Every posture-break outcome.
    pub breaks: &'a [BreakRecord],
    /// Every check-in, in time order.
    pub checkins: &'a [Checkin],
    /// Acknowledgements in force.
    pub acks: &'a [Ack],
    /// The red-flag rules.
    pub rules: &'a [Rule],
    /// Age and conditions (always used for flags).
    pub profile: &'a Profile,
    /// Whether the report may print age and conditions.
    pub show_profile: bool,
    /// The daily plan.
    pub plan: &'a [PlanEntry],
    /// Routine names by id (an id without a name is shown as it is).
    pub routine_names: &'a HashMap<String, String>,
    /// The configured emergency number, for flag actions.
    pub emergency_number: Option<&'a str>,
    /// The programme's records (`programme.jsonl`): dose changes and the flare plan.
    pub programme: &'a [crate::programme::state::ProgrammeRecord],
    /// Every programme, for what Today asked of each day.
    pub programmes: &'a crate::programme::ProgrammeLibrary,
}

/// The period a report covers: `[since, until)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The first moment included.
    pub since: DateTime<FixedOffset>,
    /// The first moment after the period.
    pub until: DateTime<FixedOffset>,
}

impl Period {
    /// Whether `at` is inside.
    pub fn contains(&self, at: DateTime<FixedOffset>) -> bool {
        at >= self.since && at < self.until
    }

    /// The first calendar day (in the offset `since` was given in).
    pub fn first_day(&self) -> NaiveDate {
        self.since.date_naive()
    }

    /// The last calendar day included.
    pub fn last_day(&self) -> NaiveDate {
        (self.until - Duration::seconds(1))
            .date_naive()
            .max(self.first_day())
    }
}

/// The report's formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// One self-contained page for a browser or a printer.
    Html,
    /// Markdown text and tables.
    Md,
    /// The figures as JSON (schema in the README).
    Json,
}

impl ReportFormat {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Md => "md",
            ReportFormat::Json => "json",
        }
    }
}

/// The report in `format` as text.
pub fn render(
    inputs: &Inputs<'_>,
    period: Period,
    now: DateTime<FixedOffset>,
    format: ReportFormat,
) -> Result<String, String> {
    let report = compute(inputs, period, now);
    match format {
        ReportFormat::Html => html::render(&report).map_err(|e| e.to_string()),
        ReportFormat::Md => Ok(markdown::render(&report)),
        ReportFormat::Json => {
            // Room for the whole text at once (ten years are 30 MB): about 500 bytes an entry
            // and 350 a session, pretty-printed.
            let size = 64 * 1024 + report.entries.len() * 500 + report.sessions.len() * 350;
            let mut out = Vec::with_capacity(size);
            serde_json::to_writer_pretty(&mut out, &report).map_err(|e| e.to_string())?;
            out.push(b'\n');
            String::from_utf8(out).map_err(|e| e.to_string())
        }
    }
}

#[cfg(test)]
mod test_fixture;
#[cfg(test)]
mod tests;
