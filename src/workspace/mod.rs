//! The application layer both front ends share (DESIGN §2): [`Workspace`] loads every store once
//! from [`Paths`] with one list of [`Problem`]s, and holds the use cases the command line and the
//! app both call (after a log entry, the flare-plan step after a pain rating, the report's inputs,
//! the default period). The command line prints the problems as `warning: …`; the app shows them.
//!
//! It owns loading and the decisions around the pure parts, never their logic: the flags are
//! evaluated by `flags`, sessions by `session`, the records are read and written by `store`. It
//! knows nothing of terminals (no ratatui, no crossterm, nothing printed) and reads no clock:
//! `today` and `now` are passed in.

mod use_cases;

use std::path::PathBuf;

use crate::checkins::{Checkin, CheckinLog};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::flags::{Ack, AckLog, RuleSet};
use crate::history::{BreakRecord, SessionRecord};
use crate::paths::Paths;
use crate::programme::file::{self, ProgrammeLibrary};
use crate::programme::state::{self, ProgrammeRecord};
use crate::routine::Library;
use crate::store::{Cursor, JsonlStore, RejectedLine, StoreError};
use crate::symptoms::{LogChange, SymptomEntry, SymptomLog};

pub use use_cases::{
    AfterEntry, FlareStep, REPORT_DAYS, default_period, flare_after_rating, period,
};

/// Exit code for invalid content found by `check`.
pub const EXIT_INVALID: u8 = 1;
/// Exit code for bad usage or bad input (the command line's, and the app's when it cannot start).
pub const EXIT_USAGE: u8 = 2;

/// Something the person should hear about the files, each naming its file.
#[derive(Debug)]
pub enum Problem {
    /// Lines of a data file set aside, or its permissions tightened: the words name the file.
    Data {
        /// The file.
        file: PathBuf,
        /// What happened, in words.
        warning: String,
    },
    /// A data file that could not be read at all; what it holds counts as empty.
    Unreadable {
        /// The file.
        file: PathBuf,
        /// Why (the words name the file).
        error: StoreError,
    },
    /// The config could not be read; the defaults are used in its place.
    Config(Diagnostic),
    /// The person's own red-flag rules could not be read; the bundled rules apply.
    Rules(Diagnostic),
    /// A programme file is broken and was skipped.
    Programme {
        /// Where it is (a path, or `bundled:…`).
        label: String,
        /// Its first error, in one line.
        headline: String,
    },
}

/// Which stores to load: a command that needs a few files reads only those.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    /// `config.toml`.
    pub config: bool,
    /// The red-flag rules (bundled and `red-flags.toml`).
    pub rules: bool,
    /// `symptoms.jsonl`.
    pub log: bool,
    /// `history.jsonl`: sessions and breaks.
    pub history: bool,
    /// `checkins.jsonl`.
    pub checkins: bool,
    /// `acks.jsonl`.
    pub acks: bool,
    /// `programme.jsonl`.
    pub programme: bool,
    /// Routines (bundled and the person's).
    pub routines: bool,
    /// Programmes (bundled and the person's; they need the routines, which are then read too).
    pub programmes: bool,
}

impl Parts {
    /// Everything.
    pub const ALL: Parts = Parts {
        config: true,
        rules: true,
        log: true,
        history: true,
        checkins: true,
        acks: true,
        programme: true,
        routines: true,
        programmes: true,
    };
    /// Nothing (add what is needed).
    pub const NONE: Parts = Parts {
        config: false,
        rules: false,
        log: false,
        history: false,
        checkins: false,
        acks: false,
        programme: false,
        routines: false,
        programmes: false,
    };
    /// What the red flags are evaluated from: config, rules, log, acknowledgements.
    pub const FLAGS: Parts = Parts {
        config: true,
        rules: true,
        log: true,
        acks: true,
        ..Parts::NONE
    };
}

/// Every store, loaded once, and what was wrong with them.
#[derive(Debug)]
pub struct Workspace {
    /// Where everything is.
    pub paths: Paths,
    /// The config (the defaults when it is missing or broken; see [`Problem::Config`]).
    pub config: Config,
    /// The red-flag rules.
    pub rules: RuleSet,
    /// The routines as written (before any dose level).
    pub library: Library,
    /// The programmes.
    pub programmes: ProgrammeLibrary,
    /// The symptom log, in time order.
    pub entries: Vec<SymptomEntry>,
    /// The log's lines that could not be read.
    pub rejected: Vec<RejectedLine>,
    /// Sessions, in time order (a session recorded as it ran counts once).
    pub sessions: Vec<SessionRecord>,
    /// Posture breaks, in time order.
    pub breaks: Vec<BreakRecord>,
    /// Acknowledgements.
    pub acks: Vec<Ack>,
    /// Check-ins, in file order.
    pub checkins: Vec<Checkin>,
    /// The programme's records, in file order.
    pub programme: Vec<ProgrammeRecord>,
    /// Where the log was read up to, to follow it from there.
    pub log_cursor: Cursor,
    /// Where the history was read up to.
    pub history_cursor: Cursor,
    /// What could not be read, in load order.
    pub problems: Vec<Problem>,
}

impl Workspace {
    /// Loads everything in `paths`; `today` decides which birth years are in the future.
    pub fn load(paths: &Paths, today: chrono::NaiveDate) -> Workspace {
        Workspace::load_parts(paths, today, Parts::ALL)
    }

    /// Loads the stores in `parts`; the others stay empty (the config its defaults, the rules
    /// the bundled ones, no routines).
    pub fn load_parts(paths: &Paths, today: chrono::NaiveDate, parts: Parts) -> Workspace {
        let mut problems = Vec::new();
        let config = if parts.config {
            Config::load(&paths.config_file, today).unwrap_or_else(|e| {
                problems.push(Problem::Config(e));
                Config::default()
            })
        } else {
            Config::default()
        };
        let rules = if parts.rules {
            let rules = RuleSet::load(&paths.red_flags_file());
            problems.extend(rules.problems.iter().cloned().map(Problem::Rules));
            rules
        } else {
            RuleSet::bundled()
        };
        // Read as a follower's first read, so the app can follow them from where this ended.
        let mut log_cursor = Cursor::default();
        let (entries, rejected) = if parts.log {
            let log = SymptomLog::new(&paths.data_dir);
            let read = match paths.log_snapshot() {
                Some(snapshot) => log.load_cached(&snapshot).map(|(c, cursor)| {
                    log_cursor = cursor;
                    Some(c)
                }),
                None => log.follow(&mut log_cursor).map(|change| match change {
                    LogChange::Whole(c) => Some(c),
                    // A missing file: nothing yet.
                    LogChange::Appended { .. } => None,
                }),
            };
            match read {
                Ok(Some(c)) => {
                    data_warnings(log.store(), &c.rejected, &c.notes, &mut problems);
                    (c.entries, c.rejected)
                }
                Ok(None) => (Vec::new(), Vec::new()),
                Err(e) => {
                    problems.push(unreadable(log.store(), e));
                    (Vec::new(), Vec::new())
                }
            }
        } else {
            (Vec::new(), Vec::new())
        };
        let mut history_cursor = Cursor::default();
        let (sessions, breaks) = if parts.history {
            let store = crate::history::store(&paths.data_dir);
            let read = crate::history::follow(&store, &mut history_cursor).map(|c| match c {
                crate::history::HistoryChange::Whole(h)
                | crate::history::HistoryChange::Appended(h) => h,
            });
            match read {
                Ok(h) => {
                    data_warnings(&store, &h.rejected, &h.notes, &mut problems);
                    let mut breaks = h.breaks;
                    breaks.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
                    (h.sessions, breaks)
                }
                Err(e) => {
                    problems.push(unreadable(&store, e));
                    (Vec::new(), Vec::new())
                }
            }
        } else {
            (Vec::new(), Vec::new())
        };
        let checkins = if parts.checkins {
            let log = CheckinLog::new(&paths.data_dir);
            records(log.load(), log.store(), &mut problems)
        } else {
            Vec::new()
        };
        let acks = if parts.acks {
            let log = AckLog::new(&paths.data_dir);
            records(log.load(), log.store(), &mut problems)
        } else {
            Vec::new()
        };
        let programme = if parts.programme {
            let store = state::store(&paths.data_dir);
            records(store.load(), &store, &mut problems)
        } else {
            Vec::new()
        };
        let library = if parts.routines || parts.programmes {
            Library::load(&paths.routine_dirs())
        } else {
            Library::default()
        };
        let programmes = if parts.programmes {
            let programmes = ProgrammeLibrary::load(&file::dirs(paths), &library);
            problems.extend(programmes.broken.iter().map(|b| Problem::Programme {
                label: b.origin.label(),
                headline: b.errors[0].headline(),
            }));
            programmes
        } else {
            ProgrammeLibrary::default()
        };
        Workspace {
            paths: paths.clone(),
            config,
            rules,
            library,
            programmes,
            entries,
            rejected,
            sessions,
            breaks,
            acks,
            checkins,
            programme,
            log_cursor,
            history_cursor,
            problems,
        }
    }

    /// The symptom log's store, to write to.
    pub fn symptom_log(&self) -> SymptomLog {
        SymptomLog::new(&self.paths.data_dir)
    }

    /// The acknowledgements' store, to write to.
    pub fn ack_log(&self) -> AckLog {
        AckLog::new(&self.paths.data_dir)
    }

    /// The programme's store, to write to.
    pub fn programme_store(&self) -> JsonlStore {
        state::store(&self.paths.data_dir)
    }
}

/// Makes the data folder private (`0700`) when others can read or enter it, and says so: the
/// front ends call it once at start, so it is said once (the next run finds it private).
pub fn make_folder_private(paths: &Paths) -> Option<Problem> {
    let mode = crate::store::tighten_folder(&paths.data_dir)?;
    Some(Problem::Data {
        file: paths.data_dir.clone(),
        warning: crate::store::folder_tightened(&paths.data_dir, mode),
    })
}

fn data_warnings(
    store: &JsonlStore,
    rejected: &[RejectedLine],
    notes: &crate::store::LoadNotes,
    problems: &mut Vec<Problem>,
) {
    problems.extend(
        store
            .warnings(rejected, notes)
            .into_iter()
            .map(|warning| Problem::Data {
                file: store.path().to_path_buf(),
                warning,
            }),
    );
}

fn unreadable(store: &JsonlStore, error: StoreError) -> Problem {
    Problem::Unreadable {
        file: store.path().to_path_buf(),
        error,
    }
}

/// The records of a load, its warnings added to `problems`; an unreadable file is empty.
fn records<T>(
    loaded: Result<crate::store::Loaded<T>, StoreError>,
    store: &JsonlStore,
    problems: &mut Vec<Problem>,
) -> Vec<T> {
    match loaded {
        Ok(l) => {
            data_warnings(store, &l.rejected, &l.notes, problems);
            l.records
        }
        Err(e) => {
            problems.push(unreadable(store, e));
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests;
