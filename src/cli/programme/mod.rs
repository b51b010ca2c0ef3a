//! `knotless programme ...`: start, follow and stop a programme, answer a dose offer, and switch
//! the flare plan on or off. Everything is recorded in `programme.jsonl`.
//!
//! Here: the commands, what they all read, and `list`, `start`, `stop`, `up` and `stay`; `status`
//! the running programme's day, `flare_plan` the flare plan.

mod flare_plan;
mod status;

use std::io::Write;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset, NaiveDate};
use clap::Subcommand;

use super::{EXIT_USAGE, open, usage_error};
use crate::id::new_id;
use crate::paths::Paths;
use crate::programme::offer;
use crate::programme::state::{self, Direction, ProgrammeRecord};
use crate::text::visible;
use crate::workspace::{Parts, Workspace};

use flare_plan::set_flare;
use status::status;

/// What to do with programmes.
#[derive(Debug, Subcommand)]
pub enum ProgrammeCommand {
    /// List the programmes: id, name, weeks, where each came from
    List,
    /// Start a programme (any running one ends); week 1 starts today or on --from
    Start {
        /// The programme's id (see `knotless programme list`)
        id: String,
        /// The first day of week 1 (YYYY-MM-DD) [default: today]: a day to come starts then
        /// (Today follows the [[plan]] until it), a past day counts the sessions since
        #[arg(long, value_name = "DATE")]
        from: Option<NaiveDate>,
    },
    /// The running programme: week, today's routines with their levels, dose offers
    Status,
    /// Stop the running programme (its records stay)
    Stop,
    /// Accept the offered next level for a routine
    Up {
        /// The routine's id
        routine: String,
    },
    /// Decline the offered next level for a routine (the offer comes back after three more sessions)
    Stay {
        /// The routine's id
        routine: String,
    },
    /// Switch the flare plan on or off
    Flare {
        /// on or off
        #[arg(value_parser = ["on", "off"])]
        state: String,
    },
}

/// Runs a `programme` subcommand.
pub fn run(paths: &Paths, command: Option<ProgrammeCommand>) -> ExitCode {
    let now = crate::clock::wall_now();
    let loaded = match load(paths) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let result = match command.unwrap_or(ProgrammeCommand::Status) {
        ProgrammeCommand::List => list(&loaded),
        ProgrammeCommand::Start { id, from } => start(&loaded, &id, from, now),
        ProgrammeCommand::Status => status(&loaded, now),
        ProgrammeCommand::Stop => stop(&loaded, now),
        ProgrammeCommand::Up { routine } => choose(&loaded, &routine, Direction::Up, now),
        ProgrammeCommand::Stay { routine } => choose(&loaded, &routine, Direction::Stay, now),
        ProgrammeCommand::Flare { state } => set_flare(&loaded, state == "on", now),
    };
    result.unwrap_or_else(|code| code)
}

/// What every `programme` subcommand reads: the flags' inputs, the routines, the programmes,
/// the programme records and the sessions.
fn load(paths: &Paths) -> Result<Workspace, ExitCode> {
    open(
        paths,
        Parts {
            checkins: false,
            ..Parts::ALL
        },
    )
}

/// Appends a programme record; `Err` is the exit code when it could not be written.
fn append(l: &Workspace, record: &ProgrammeRecord) -> Result<(), ExitCode> {
    state::record(&l.programme_store(), record).map_err(|e| usage_error(&e.to_string()))
}

fn list(l: &Workspace) -> Result<ExitCode, ExitCode> {
    let mut out = std::io::stdout().lock();
    // A programme file may come from someone else: its id, name and path pass the gate.
    for p in &l.programmes.programmes {
        let _ = writeln!(
            out,
            "{:16}  {:32}  {} week{}  {}",
            visible(&p.id),
            visible(&p.name),
            p.weeks.len(),
            if p.weeks.len() == 1 { "" } else { "s" },
            visible(&p.origin.label())
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn start(
    l: &Workspace,
    id: &str,
    from: Option<NaiveDate>,
    now: DateTime<FixedOffset>,
) -> Result<ExitCode, ExitCode> {
    let Some(p) = l.programmes.get(id) else {
        return Err(usage_error(&format!(
            "unknown programme `{id}`; available: {}",
            l.programmes.ids().join(", ")
        )));
    };
    let today = now.date_naive();
    let start_date = from.unwrap_or(today);
    let running = l.programme_state().active;
    append(l, &ProgrammeRecord::start(&p.id, start_date, now))?;
    let mut out = std::io::stdout().lock();
    if let Some(stopped) = running {
        // Replacing a running programme ends it: say which, and where it had got to.
        let name = l
            .programmes
            .get(&stopped.programme)
            .map_or(stopped.programme.as_str(), |p| p.name.as_str());
        let _ = write!(out, "Stopped {}", visible(name));
        if let Some(running) = l.programmes.get(&stopped.programme)
            && stopped.start_date <= today
        {
            let pos = crate::programme::schedule::position(running, stopped.start_date, today);
            let _ = write!(out, " (week {} of {})", pos.week, pos.weeks);
        }
        let _ = writeln!(
            out,
            ", started {}; its records stay.",
            stopped.start_date.format("%a %-d %b %Y")
        );
    }
    let _ = writeln!(
        out,
        "Started {} ({} weeks).",
        visible(&p.name),
        p.weeks.len()
    );
    match start_date.cmp(&today) {
        std::cmp::Ordering::Greater => {
            let _ = writeln!(
                out,
                "Week 1 starts on {}; until then Today follows your [[plan]].",
                start_date.format("%a %-d %b %Y")
            );
        }
        std::cmp::Ordering::Less => {
            let _ = writeln!(
                out,
                "Week 1 started on {}: sessions since then count towards it.",
                start_date.format("%a %-d %b %Y")
            );
        }
        std::cmp::Ordering::Equal => {}
    }
    for c in &p.cautions {
        let _ = writeln!(out, "  • {}", visible(c));
    }
    let _ = writeln!(
        out,
        "Today's routines are on the Routines screen; see `knotless programme status`."
    );
    Ok(ExitCode::SUCCESS)
}

fn stop(l: &Workspace, now: DateTime<FixedOffset>) -> Result<ExitCode, ExitCode> {
    let state = l.programme_state();
    let Some(active) = state.active else {
        return Err(usage_error("no programme is running"));
    };
    append(l, &ProgrammeRecord::stop(now))?;
    println!(
        "Stopped {}. Today follows your [[plan]] again.",
        visible(&active.programme)
    );
    Ok(ExitCode::SUCCESS)
}

fn choose(
    l: &Workspace,
    routine: &str,
    direction: Direction,
    now: DateTime<FixedOffset>,
) -> Result<ExitCode, ExitCode> {
    let state = l.programme_state();
    if state.active.is_none() {
        return Err(usage_error("no programme is running"));
    }
    let decision = l
        .decisions(&state, now)
        .into_iter()
        .find(|d| d.routine == routine);
    let Some(d) = decision else {
        return Err(usage_error(&format!(
            "`{routine}` is not a stretch routine of the running programme"
        )));
    };
    let Some(change) = offer::record_for(&d, direction, new_id(now.timestamp_millis()), now) else {
        let _ = writeln!(
            std::io::stderr(),
            "error: no new level is offered for {} now: {}",
            visible(&d.name),
            visible(d.decision.reason())
        );
        return Err(ExitCode::from(EXIT_USAGE));
    };
    append(l, &ProgrammeRecord::Dose(change.clone()))?;
    match direction {
        Direction::Up => println!("{}: level {} from now on.", visible(&d.name), change.to),
        _ => println!(
            "{}: staying at level {}; the offer comes back after three more sessions.",
            visible(&d.name),
            change.to
        ),
    }
    Ok(ExitCode::SUCCESS)
}
