//! `knotless programme ...`: start, follow and stop a programme, answer a dose offer, and switch
//! the flare plan on or off. Everything is recorded in `programme.jsonl`.

use std::io::Write;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset, NaiveDate};
use clap::Subcommand;

use super::flags::Inputs;
use super::{EXIT_USAGE, usage_error};
use crate::flags::Moment;
use crate::history::SessionRecord;
use crate::id::new_id;
use crate::paths::Paths;
use crate::programme::dose::DoseLimits;
use crate::programme::file::{self, ProgrammeLibrary};
use crate::programme::offer::{self, RoutineDecision};
use crate::programme::state::{self, Direction, FlareChange, ProgrammeRecord, ProgrammeState};
use crate::programme::{Decision, flare, schedule};
use crate::routine::Library;
use crate::store::JsonlStore;

/// What to do with programmes.
#[derive(Debug, Subcommand)]
pub enum ProgrammeCommand {
    /// List the programmes: id, name, weeks, where each came from
    List,
    /// Start a programme (any running one ends); week 1 starts today or on --from
    Start {
        /// The programme's id (see `knotless programme list`)
        id: String,
        /// The first day of week 1 (YYYY-MM-DD) [default: today]
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

struct Loaded {
    inputs: Inputs,
    routines: Library,
    programmes: ProgrammeLibrary,
    store: JsonlStore,
    records: Vec<ProgrammeRecord>,
    sessions: Vec<SessionRecord>,
}

fn load(paths: &Paths) -> Result<Loaded, ExitCode> {
    let inputs = Inputs::load(paths)?;
    let routines = Library::load(&paths.routine_dirs());
    let programmes = ProgrammeLibrary::load(&file::dirs(paths), &routines);
    for broken in &programmes.broken {
        let _ = writeln!(
            std::io::stderr(),
            "warning: {} is broken and was skipped: {} (run `knotless check`)",
            crate::text::visible(&broken.origin.label()),
            broken.errors[0].headline()
        );
    }
    let store = state::store(&paths.data_dir);
    let loaded = store
        .load::<ProgrammeRecord>()
        .map_err(|e| usage_error(&e.to_string()))?;
    super::log::report_load(&store, &loaded.rejected, &loaded.notes);
    // Folded: a session recorded as it ran counts once, as its last line says.
    let history = crate::history::store(&paths.data_dir);
    let folded = crate::history::load(&history).map_err(|e| usage_error(&e.to_string()))?;
    super::log::report_load(&history, &folded.rejected, &folded.notes);
    let sessions = folded.sessions;
    Ok(Loaded {
        inputs,
        routines,
        programmes,
        store,
        records: loaded.records,
        sessions,
    })
}

/// Who the dose is for, from the config's birth year.
pub fn limits(config: &crate::config::Config, today: NaiveDate) -> DoseLimits {
    DoseLimits::for_birth_year(config.profile.birth_year, today)
}

impl Loaded {
    fn state(&self) -> ProgrammeState {
        ProgrammeState::fold(&self.records, None)
    }

    fn decisions(
        &self,
        state: &ProgrammeState,
        now: DateTime<FixedOffset>,
    ) -> Vec<RoutineDecision> {
        let flags = self.inputs.evaluate(Moment::live(now));
        offer::decide_all(offer::Inputs {
            programmes: &self.programmes,
            routines: &self.routines,
            state,
            sessions: &self.sessions,
            today: now.date_naive(),
            limits: limits(&self.inputs.config, now.date_naive()),
            flag_active: flare::serious_flag(&flags),
        })
    }

    fn append(&self, record: &ProgrammeRecord) -> Result<(), ExitCode> {
        state::record(&self.store, record).map_err(|e| usage_error(&e.to_string()))
    }
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

fn list(l: &Loaded) -> Result<ExitCode, ExitCode> {
    let mut out = std::io::stdout().lock();
    for p in &l.programmes.programmes {
        let _ = writeln!(
            out,
            "{:16}  {:32}  {} week{}  {}",
            p.id,
            p.name,
            p.weeks.len(),
            if p.weeks.len() == 1 { "" } else { "s" },
            p.origin.label()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn start(
    l: &Loaded,
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
    l.append(&ProgrammeRecord::Start {
        id: new_id(now.timestamp_millis()),
        at: now,
        programme: p.id.clone(),
        start_date: from.unwrap_or(now.date_naive()),
    })?;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "Started {} ({} weeks).", p.name, p.weeks.len());
    for c in &p.cautions {
        let _ = writeln!(out, "  • {c}");
    }
    let _ = writeln!(
        out,
        "Today's routines are on the Routines screen; see `knotless programme status`."
    );
    Ok(ExitCode::SUCCESS)
}

fn stop(l: &Loaded, now: DateTime<FixedOffset>) -> Result<ExitCode, ExitCode> {
    let state = l.state();
    let Some(active) = state.active else {
        return Err(usage_error("no programme is running"));
    };
    l.append(&ProgrammeRecord::Stop {
        id: new_id(now.timestamp_millis()),
        at: now,
    })?;
    println!(
        "Stopped {}. Today follows your [[plan]] again.",
        active.programme
    );
    Ok(ExitCode::SUCCESS)
}

fn status(l: &Loaded, now: DateTime<FixedOffset>) -> Result<ExitCode, ExitCode> {
    let mut state = l.state();
    let mut out = std::io::stdout().lock();
    let today = now.date_naive();
    // A step back is applied at once (it is the safe direction) and said with its reason.
    for d in l.decisions(&state, now) {
        if let Decision::StepBack { .. } = d.decision
            && let Some(change) =
                offer::record_for(&d, Direction::Down, new_id(now.timestamp_millis()), now)
        {
            l.append(&ProgrammeRecord::Dose(change.clone()))?;
            let _ = writeln!(
                out,
                "{}: back to level {}: {}",
                d.name, change.to, change.reason
            );
            state = ProgrammeState::fold(
                &[l.records.clone(), vec![ProgrammeRecord::Dose(change)]].concat(),
                None,
            );
        }
    }
    let Some(day) = schedule::day(&l.programmes, &state, today) else {
        let _ = writeln!(
            out,
            "No programme is running. Start one with `knotless programme start ID`:"
        );
        drop(out);
        return list(l);
    };
    if let Some(name) = &day.programme {
        let _ = write!(out, "{name}");
        if let Some(pos) = day.position {
            let _ = write!(out, " · week {} of {}", pos.week, pos.weeks);
            if pos.finished {
                let _ = write!(out, " (finished: the last week repeats)");
            }
        }
        let _ = writeln!(out);
    }
    if day.flare {
        let _ = writeln!(out, "Flare plan on.");
    }
    if !day.note.is_empty() {
        let _ = writeln!(out, "{}", day.note);
    }
    let _ = writeln!(out, "\nToday ({})", today.format("%a %-d %b"));
    if day.due.is_empty() {
        let _ = writeln!(out, "  a rest day");
    }
    for due in &day.due {
        let name = l
            .routines
            .get(&due.routine)
            .map_or(due.routine.as_str(), |r| r.name.as_str());
        let done = l
            .sessions
            .iter()
            .any(|s| s.routine == due.routine && s.started.date_naive() == today);
        let _ = writeln!(
            out,
            "  {} {name} · level {}",
            if done { "✓" } else { "·" },
            due.level
        );
    }
    let decisions = l.decisions(&state, now);
    if !decisions.is_empty() {
        let _ = writeln!(out, "\nDose");
    }
    for d in decisions {
        match &d.decision {
            Decision::Offer { to, change, reason } => {
                let _ = writeln!(
                    out,
                    "  {} · level {} → {to} offered ({}): {reason}\n    go up: knotless programme up {}   stay: knotless programme stay {}",
                    d.name,
                    d.level,
                    change.label(),
                    d.routine,
                    d.routine
                );
            }
            decision => {
                let _ = writeln!(
                    out,
                    "  {} · level {}: {}",
                    d.name,
                    d.level,
                    decision.reason()
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn choose(
    l: &Loaded,
    routine: &str,
    direction: Direction,
    now: DateTime<FixedOffset>,
) -> Result<ExitCode, ExitCode> {
    let state = l.state();
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
            d.name,
            d.decision.reason()
        );
        return Err(ExitCode::from(EXIT_USAGE));
    };
    l.append(&ProgrammeRecord::Dose(change.clone()))?;
    match direction {
        Direction::Up => println!("{}: level {} from now on.", d.name, change.to),
        _ => println!(
            "{}: staying at level {}; the offer comes back after three more sessions.",
            d.name, change.to
        ),
    }
    Ok(ExitCode::SUCCESS)
}

fn set_flare(l: &Loaded, on: bool, now: DateTime<FixedOffset>) -> Result<ExitCode, ExitCode> {
    let state = l.state();
    if on {
        let flags = l.inputs.evaluate(Moment::live(now));
        if flare::serious_flag(&flags) {
            return Err(usage_error(
                "a red flag at the emergency or urgent level is active: see `knotless flags` first; the flare plan waits",
            ));
        }
    }
    if state.flare.is_some() == on {
        println!(
            "The flare plan is already {}.",
            if on { "on" } else { "off" }
        );
        return Ok(ExitCode::SUCCESS);
    }
    let from_pain = if on {
        l.inputs.entries.iter().max_by_key(|e| e.at).map(|e| e.pain)
    } else {
        None
    };
    l.append(&ProgrammeRecord::Flare(FlareChange {
        id: new_id(now.timestamp_millis()),
        at: now,
        on,
        from_pain,
        reason: if on {
            "switched on from the command line".into()
        } else {
            "switched off from the command line".into()
        },
    }))?;
    if on {
        println!("Flare plan on: short, gentle routines every day until the pain settles.");
    } else {
        println!("Flare plan off: your programme resumes.");
    }
    Ok(ExitCode::SUCCESS)
}

/// After a pain rating is logged: offers the flare plan (or ends it), and prints what it did.
/// Never offers over an emergency or urgent flag.
pub fn after_log(paths: &Paths, pain: u8, now: DateTime<FixedOffset>) {
    let Ok(l) = load(paths) else { return };
    let state = l.state();
    let mut out = std::io::stdout().lock();
    if let Some(f) = &state.flare {
        let ratings: Vec<(DateTime<FixedOffset>, u8)> =
            l.inputs.entries.iter().map(|e| (e.at, e.pain)).collect();
        if let Some(reason) = flare::resumes(f, &ratings) {
            let change = ProgrammeRecord::Flare(FlareChange {
                id: new_id(now.timestamp_millis()),
                at: now,
                on: false,
                from_pain: None,
                reason: reason.clone(),
            });
            if l.append(&change).is_ok() {
                let _ = writeln!(out, "Flare plan off: {reason}.");
            }
        }
        return;
    }
    let flags = l.inputs.evaluate(Moment::live(now));
    if let flare::Advice::Offer { reason, .. } = flare::offer(
        flare::Trigger::Logged(pain),
        flare::serious_flag(&flags),
        None,
    ) {
        let _ = writeln!(
            out,
            "Flare plan: {reason}. For the next days, short gentle routines every day may help more than your usual ones.\n  switch it on: knotless programme flare on"
        );
    }
}
