//! What the reminder reads from the files: the plan, the running programme's day and the
//! sessions done.

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::config::Config;
use crate::history::{HistoryChange, SessionRecord};
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
}

impl Files {
    pub(super) fn reload(&mut self) {
        if let Ok(loaded) = self.programme_store.load::<ProgrammeRecord>() {
            self.state = ProgrammeState::fold(&loaded.records, None);
        }
        match crate::history::follow(&self.history, &mut self.history_read) {
            Ok(HistoryChange::Whole(h)) => self.sessions = h.sessions,
            Ok(HistoryChange::Appended(h)) => {
                crate::history::apply(&mut self.sessions, &mut Vec::new(), h);
            }
            Err(_) => {}
        }
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
