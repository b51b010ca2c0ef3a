//! What the reminder reads from the files: the plan, the running programme's day and the
//! sessions done.

use std::collections::HashSet;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime};

use crate::config::Config;
use crate::history::{BreakRecord, HistoryChange, SessionRecord};
use crate::programme::file::ProgrammeLibrary;
use crate::programme::schedule;
use crate::programme::state::{ProgrammeRecord, ProgrammeState};
use crate::routine::Library;
use crate::store::{Cursor, JsonlStore};

/// What the reminder reads from the files: the plan (or the running programme's day) and
/// what was done. Read again at every wake, so a session done in the app, a programme started
/// or the plan changed in the meantime count.
pub(super) struct Files {
    pub(super) config: Config,
    pub(super) library: Library,
    pub(super) programmes: ProgrammeLibrary,
    pub(super) programme_store: JsonlStore,
    pub(super) history: JsonlStore,
    /// Where the history was read up to: each wake reads only what was appended since.
    pub(super) history_read: Cursor,
    pub(super) state: ProgrammeState,
    pub(super) sessions: Vec<SessionRecord>,
    /// Whether the files have been read once.
    pub(super) read_once: bool,
    /// The break answers already known: read before, or recorded here.
    pub(super) known_breaks: HashSet<String>,
    /// When this reminder started: answers from before are not followed.
    pub(super) started: DateTime<FixedOffset>,
}

impl Files {
    /// Reads the files again; returns the break answers recorded since the last read by
    /// someone else (another reminder, the app) — none at the first read.
    pub(super) fn reload(&mut self) -> Vec<BreakRecord> {
        if let Ok(loaded) = self.programme_store.load::<ProgrammeRecord>() {
            self.state = ProgrammeState::fold(&loaded.records, None);
        }
        let first = !self.read_once;
        self.read_once = true;
        let breaks = match crate::history::follow(&self.history, &mut self.history_read) {
            Ok(HistoryChange::Whole(h)) => {
                self.sessions = h.sessions;
                h.breaks
            }
            Ok(HistoryChange::Appended(h)) => {
                let breaks = h.breaks.clone();
                crate::history::apply(&mut self.sessions, &mut Vec::new(), h);
                breaks
            }
            Err(_) => Vec::new(),
        };
        // A file new to this reader (created by the first answer, or replaced) is read whole:
        // what is older than this reminder was answered before it started.
        let new: Vec<BreakRecord> = breaks
            .into_iter()
            .filter(|b| self.known_breaks.insert(b.id.clone()))
            .collect();
        if first {
            return Vec::new();
        }
        new.into_iter().filter(|b| b.at >= self.started).collect()
    }

    /// An answer recorded here: not to be followed as someone else's.
    pub(super) fn recorded(&mut self, id: &str) {
        self.known_breaks.insert(id.to_owned());
    }

    /// The routines planned on `day` with their times: the running programme's day (a
    /// `[[plan]]` entry for the same routine that day gives its time), else the `[[plan]]`.
    pub(super) fn planned_on(&self, day: NaiveDate) -> Vec<(String, Option<NaiveTime>)> {
        let weekday = day.weekday();
        let plan_time = |routine: &str| {
            self.config
                .plan
                .iter()
                .find(|p| p.routine == routine && p.days.contains(&weekday))
                .and_then(|p| p.time)
        };
        match schedule::day(&self.programmes, &self.state, day) {
            Some(d) => d
                .due
                .into_iter()
                .map(|due| {
                    let time = plan_time(&due.routine);
                    (due.routine, time)
                })
                .collect(),
            None => self
                .config
                .plan
                .iter()
                .filter(|p| p.days.contains(&weekday))
                .map(|p| (p.routine.clone(), p.time))
                .collect(),
        }
    }

    /// Whether `routine` was done on `day`, as Today counts it.
    pub(super) fn done(&self, day: NaiveDate, routine: &str) -> bool {
        crate::plan::today_with(|d| self.planned_on(d), &self.sessions, day)
            .items
            .iter()
            .any(|p| p.routine == routine && p.done)
    }

    /// A routine's name, through the terminal gate.
    pub(super) fn name(&self, routine: &str) -> String {
        let name = self
            .library
            .get(routine)
            .map_or(routine, |r| r.name.as_str());
        crate::text::visible(name).into_owned()
    }
}
