//! Ties the pieces together for one routine: the sessions at its current level, the context, the
//! decision — and the record a choice makes. Used by the command line and the app alike.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::dose::{self, DoseLimits};
use super::file::{Programme, ProgrammeLibrary};
use super::hold::FlagHold;
use super::progression::{self, Context, Decision, SessionView};
use super::schedule;
use super::state::{Direction, DoseChange, ProgrammeState};
use crate::history::SessionRecord;
use crate::routine::{Kind, Library};

/// What the decision is read from.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// Every programme.
    pub programmes: &'a ProgrammeLibrary,
    /// The routines as written (not dosed).
    pub routines: &'a Library,
    /// The folded records.
    pub state: &'a ProgrammeState,
    /// Every session, any order.
    pub sessions: &'a [SessionRecord],
    /// Today.
    pub today: NaiveDate,
    /// Who the dose is for.
    pub limits: DoseLimits,
    /// What the red flags ask of the dose ([`super::hold::flag_hold`]).
    pub flags: FlagHold,
    /// The symptom log's pain ratings (when, pain), any order: the day after a session is read
    /// from them.
    pub logged: &'a [(DateTime<FixedOffset>, u8)],
}

/// A decision about one routine of the running programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutineDecision {
    /// The programme's id.
    pub programme: String,
    /// The routine's id.
    pub routine: String,
    /// Its display name.
    pub name: String,
    /// The level now.
    pub level: u8,
    /// What the rule says.
    pub decision: Decision,
}

fn in_programme(p: &Programme, routine: &str) -> bool {
    p.weeks
        .iter()
        .any(|w| w.days.iter().flatten().any(|r| r == routine))
}

/// The highest pain logged on the calendar day after `started`'s day (each in its own offset).
fn next_day_pain(
    logged: &[(DateTime<FixedOffset>, u8)],
    started: DateTime<FixedOffset>,
) -> Option<u8> {
    let next = started.date_naive().succ_opt()?;
    logged
        .iter()
        .filter(|(at, _)| at.date_naive() == next)
        .map(|(_, pain)| *pain)
        .max()
}

/// The decision for `routine` under the running programme (while the flare plan is on, a stay
/// that says so, unless pain rose enough to step back); `None` when no programme runs or the
/// routine is not a stretch routine of the programme.
pub fn decide(inputs: Inputs<'_>, routine: &str) -> Option<RoutineDecision> {
    let programme = schedule::running(inputs.programmes, inputs.state)?;
    let active = inputs.state.active.as_ref()?;
    if !in_programme(programme, routine) {
        return None;
    }
    let written = inputs.routines.get(routine)?;
    if written.kind != Kind::Stretch {
        return None;
    }
    let since = inputs
        .state
        .levels
        .get(routine)
        .map_or(active.started_at, |c| c.since);
    let mut sessions: Vec<&SessionRecord> = inputs
        .sessions
        .iter()
        .filter(|s| s.routine == routine && s.started > since)
        .collect();
    sessions.sort_by_key(|s| s.started);
    let views: Vec<SessionView> = sessions
        .into_iter()
        .map(|s| SessionView {
            next_day_pain: next_day_pain(inputs.logged, s.started),
            ..SessionView::from(s)
        })
        .collect();
    let level = schedule::level(programme, inputs.state, routine, inputs.today);
    let ctx = Context {
        level,
        max_level: schedule::max_level(programme, inputs.state, inputs.today)
            .min(dose::top_level(written, inputs.limits)),
        next: dose::next_change(written, level, inputs.limits),
        flags: inputs.flags,
        flare: inputs.state.flare.is_some(),
    };
    Some(RoutineDecision {
        programme: programme.id.clone(),
        routine: routine.to_owned(),
        name: written.name.clone(),
        level,
        decision: progression::decide(&views, ctx),
    })
}

/// Decisions for every stretch routine of the running programme that has a session at its
/// current level, by routine id.
pub fn decide_all(inputs: Inputs<'_>) -> Vec<RoutineDecision> {
    let Some(programme) = schedule::running(inputs.programmes, inputs.state) else {
        return Vec::new();
    };
    let mut ids: Vec<&String> = programme
        .weeks
        .iter()
        .flat_map(|w| w.days.iter().flatten())
        .collect();
    ids.sort();
    ids.dedup();
    ids.into_iter()
        .filter_map(|id| decide(inputs, id))
        .collect()
}

/// The record of a choice: `Up` accepts an offer, `Stay` declines it, `Down` applies a step back.
/// `None` when the decision does not allow that choice (only an offer can be accepted).
pub fn record_for(
    d: &RoutineDecision,
    direction: Direction,
    id: String,
    at: DateTime<FixedOffset>,
) -> Option<DoseChange> {
    let to = match (&d.decision, direction) {
        (Decision::Offer { to, .. }, Direction::Up) => *to,
        (Decision::Offer { .. }, Direction::Stay) => d.level,
        (Decision::StepBack { to, .. }, Direction::Down) => *to,
        _ => return None,
    };
    let reason = match direction {
        Direction::Stay => format!("offered level {}; chose to stay", d.level + 1),
        _ => d.decision.reason().to_owned(),
    };
    Some(DoseChange {
        id,
        at,
        programme: d.programme.clone(),
        routine: d.routine.clone(),
        from: d.level,
        to,
        direction,
        reason,
    })
}
