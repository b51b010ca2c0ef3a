//! Which routines are due on a day, at which level, under the running programme or the flare
//! plan. Pure: the day is an argument.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

use super::dose::{self, DoseLimits};
use super::file::{DEFAULT_FLARE, Programme, ProgrammeLibrary, Week};
use super::state::ProgrammeState;
use crate::history::SessionRecord;
use crate::plan::{self, Today};
use crate::routine::Library;

/// Where a day falls in a programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based week.
    pub week: usize,
    /// Weeks in the programme.
    pub weeks: usize,
    /// Past the last week (the last week repeats).
    pub finished: bool,
}

/// The week `day` falls in, counting from `start` (a day before the start is in week 1).
pub fn position(programme: &Programme, start: NaiveDate, day: NaiveDate) -> Position {
    let weeks = programme.weeks.len().max(1);
    let days = (day - start).num_days().max(0);
    let index = usize::try_from(days / 7).unwrap_or(usize::MAX);
    Position {
        week: index.min(weeks - 1) + 1,
        weeks,
        finished: index >= weeks,
    }
}

fn week_of(programme: &Programme, pos: Position) -> Option<&Week> {
    programme.weeks.get(pos.week - 1)
}

/// The first day of the week `day` falls in.
fn week_start(start: NaiveDate, day: NaiveDate) -> NaiveDate {
    let days = (day - start).num_days().max(0);
    start + chrono::Duration::days(days - days % 7)
}

/// A routine's level on `day`: what the person chose, unless a later week starts higher (a
/// choice made during the current week always stands, a step back included).
pub fn level(programme: &Programme, state: &ProgrammeState, routine: &str, day: NaiveDate) -> u8 {
    let Some(active) = &state.active else {
        return 1;
    };
    let pos = position(programme, active.start_date, day);
    let base = week_of(programme, pos).map_or(1, |w| w.level);
    match state.levels.get(routine) {
        Some(chosen) if chosen.since.date_naive() >= week_start(active.start_date, day) => {
            chosen.level
        }
        Some(chosen) => chosen.level.max(base),
        None => base,
    }
}

/// The highest level progression may reach on `day` for this routine.
pub fn max_level(programme: &Programme, state: &ProgrammeState, day: NaiveDate) -> u8 {
    state.active.as_ref().map_or(1, |a| {
        week_of(programme, position(programme, a.start_date, day)).map_or(1, |w| w.max_level)
    })
}

/// One routine due today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// The routine's id.
    pub routine: String,
    /// Its dose level.
    pub level: u8,
}

/// What the running programme (or the flare plan) asks of a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    /// The programme's name, if one is running.
    pub programme: Option<String>,
    /// Where the day falls in it.
    pub position: Option<Position>,
    /// The week's note.
    pub note: String,
    /// The flare plan is on: these are its routines.
    pub flare: bool,
    /// The routines due.
    pub due: Vec<Due>,
}

/// The running programme, if its file is still there.
pub fn running<'a>(
    programmes: &'a ProgrammeLibrary,
    state: &ProgrammeState,
) -> Option<&'a Programme> {
    state
        .active
        .as_ref()
        .and_then(|a| programmes.get(&a.programme))
}

/// What is due on `day`; `None` when neither a programme nor the flare plan is on, or the
/// programme's first day is still to come (the config's `[[plan]]` applies).
pub fn day(programmes: &ProgrammeLibrary, state: &ProgrammeState, day: NaiveDate) -> Option<Day> {
    let programme = running(programmes, state);
    if state.flare.is_some() {
        let ids: Vec<String> = programme.map_or_else(
            || DEFAULT_FLARE.iter().map(|s| (*s).to_owned()).collect(),
            |p| p.flare.clone(),
        );
        return Some(Day {
            programme: programme.map(|p| p.name.clone()),
            position: None,
            note:
                "Flare plan: short, gentle and often. Your programme resumes when the pain settles."
                    .into(),
            flare: true,
            due: ids
                .into_iter()
                .map(|routine| Due { routine, level: 1 })
                .collect(),
        });
    }
    let programme = programme?;
    let active = state.active.as_ref()?;
    if day < active.start_date {
        // Started with a first day still to come: until then, the `[[plan]]`.
        return None;
    }
    let pos = position(programme, active.start_date, day);
    let week = week_of(programme, pos)?;
    let weekday = day.weekday().num_days_from_monday() as usize;
    Some(Day {
        programme: Some(programme.name.clone()),
        position: Some(pos),
        note: week.note.clone(),
        flare: false,
        due: week.days[weekday]
            .iter()
            .map(|r| Due {
                routine: r.clone(),
                level: level(programme, state, r, day),
            })
            .collect(),
    })
}

/// Today's list and streak under the programme or flare plan, in the shape of the `[[plan]]`
/// Today; `None` when neither is on.
pub fn today(
    programmes: &ProgrammeLibrary,
    state: &ProgrammeState,
    sessions: &[SessionRecord],
    today: NaiveDate,
) -> Option<Today> {
    day(programmes, state, today)?;
    Some(plan::today_with(
        |d| {
            day(programmes, state, d)
                .map(|day| day.due.into_iter().map(|due| (due.routine, None)).collect())
                .unwrap_or_default()
        },
        sessions,
        today,
    ))
}

/// Replaces each routine of the library due under the running programme by its dosed version,
/// so the runner and the Routines screen show the holds, reps and sets of its level.
pub fn apply_levels(
    library: &mut Library,
    programmes: &ProgrammeLibrary,
    state: &ProgrammeState,
    today: NaiveDate,
    limits: DoseLimits,
) {
    let Some(programme) = running(programmes, state) else {
        return;
    };
    if state.flare.is_some() {
        return;
    }
    for routine in &mut library.routines {
        let lvl = level(programme, state, &routine.id, today);
        if lvl > 1 {
            *routine = dose::at_level(routine, lvl, limits).0;
        }
    }
}

/// The week and level a session ran at, if a programme was running then.
pub fn session_context(
    programmes: &ProgrammeLibrary,
    records: &[super::ProgrammeRecord],
    routine: &str,
    started: DateTime<FixedOffset>,
) -> Option<(usize, u8)> {
    let state = ProgrammeState::fold(records, Some(started));
    let programme = running(programmes, &state)?;
    let start = state.active.as_ref()?.start_date;
    let d = started.date_naive();
    Some((
        position(programme, start, d).week,
        level(programme, &state, routine, d),
    ))
}
