//! What every `programme` subcommand reads: the flags' inputs, the routines, the programmes, the
//! programme records and the sessions; and the dose decisions made from them.

use std::io::Write;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::usage_error;
use crate::cli::flags::Inputs;
use crate::cli::log::report_load;
use crate::flags::Moment;
use crate::history::SessionRecord;
use crate::paths::Paths;
use crate::programme::dose::DoseLimits;
use crate::programme::file::{self, ProgrammeLibrary};
use crate::programme::hold;
use crate::programme::offer::{self, RoutineDecision};
use crate::programme::state::{self, ProgrammeRecord, ProgrammeState};
use crate::routine::Library;
use crate::store::JsonlStore;

pub(super) struct Loaded {
    pub(super) inputs: Inputs,
    pub(super) routines: Library,
    pub(super) programmes: ProgrammeLibrary,
    pub(super) store: JsonlStore,
    pub(super) records: Vec<ProgrammeRecord>,
    pub(super) sessions: Vec<SessionRecord>,
}

pub(super) fn load(paths: &Paths) -> Result<Loaded, ExitCode> {
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
    report_load(&store, &loaded.rejected, &loaded.notes);
    // Folded: a session recorded as it ran counts once, as its last line says.
    let history = crate::history::store(&paths.data_dir);
    let folded = crate::history::load(&history).map_err(|e| usage_error(&e.to_string()))?;
    report_load(&history, &folded.rejected, &folded.notes);
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

/// Who the dose is for, from the config's birth year and conditions.
pub fn limits(config: &crate::config::Config, today: NaiveDate) -> DoseLimits {
    DoseLimits::for_profile(&config.profile, today)
}

impl Loaded {
    pub(super) fn state(&self) -> ProgrammeState {
        ProgrammeState::fold(&self.records, None)
    }

    pub(super) fn decisions(
        &self,
        state: &ProgrammeState,
        now: DateTime<FixedOffset>,
    ) -> Vec<RoutineDecision> {
        let flags = self.inputs.evaluate(Moment::live(now));
        let logged = self.ratings();
        offer::decide_all(offer::Inputs {
            programmes: &self.programmes,
            routines: &self.routines,
            state,
            sessions: &self.sessions,
            today: now.date_naive(),
            limits: limits(&self.inputs.config, now.date_naive()),
            flags: hold::flag_hold(&flags),
            logged: &logged,
        })
    }

    /// The symptom log's pain ratings: (when, pain).
    pub(super) fn ratings(&self) -> Vec<(DateTime<FixedOffset>, u8)> {
        self.inputs.entries.iter().map(|e| (e.at, e.pain)).collect()
    }

    pub(super) fn append(&self, record: &ProgrammeRecord) -> Result<(), ExitCode> {
        state::record(&self.store, record).map_err(|e| usage_error(&e.to_string()))
    }
}
