//! What the person chose, as records in `programme.jsonl` (appended through the durable
//! [`JsonlStore`]), and the current state folded from them.
//!
//! Records are never rewritten: a programme started, a programme stopped, a dose change (up,
//! down, or "stay" when an offer was declined) with its reason, and the flare plan on or off with
//! its reason. The report reads [`DoseChange`] and [`FlareChange`] records as they are.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::store::{JsonlStore, StoreError};

/// The file's name in the data folder.
pub const FILE: &str = "programme.jsonl";

/// The programme store in `data_dir`.
pub fn store(data_dir: &Path) -> JsonlStore {
    JsonlStore::new(data_dir, FILE)
}

/// Which way a dose changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// The person chose the next level.
    Up,
    /// The person chose to stay when offered the next level.
    Stay,
    /// Pain rose: back a level.
    Down,
}

/// A change of a routine's dose level (or a declined offer), and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoseChange {
    /// Unique, time-ordered id.
    pub id: String,
    /// When it was chosen.
    pub at: DateTime<FixedOffset>,
    /// The programme it belongs to.
    pub programme: String,
    /// The routine.
    pub routine: String,
    /// The level before.
    pub from: u8,
    /// The level after (the same as `from` for a stay).
    pub to: u8,
    /// Up, stay or down.
    pub direction: Direction,
    /// Why, in the words shown to the person.
    pub reason: String,
}

/// The flare plan switched on or off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlareChange {
    /// Unique, time-ordered id.
    pub id: String,
    /// When.
    pub at: DateTime<FixedOffset>,
    /// On (with the pain rating it started from) or off.
    pub on: bool,
    /// The pain rating that started the flare plan (for `on`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_pain: Option<u8>,
    /// Why, in words.
    pub reason: String,
}

/// A line of `programme.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ProgrammeRecord {
    /// A programme was started (any running one ends).
    Start {
        /// Unique, time-ordered id.
        id: String,
        /// When.
        at: DateTime<FixedOffset>,
        /// The programme's id.
        programme: String,
        /// Day 1 of week 1.
        start_date: NaiveDate,
    },
    /// The running programme was stopped.
    Stop {
        /// Unique, time-ordered id.
        id: String,
        /// When.
        at: DateTime<FixedOffset>,
    },
    /// A dose level changed or an offer was declined.
    Dose(DoseChange),
    /// The flare plan went on or off.
    Flare(FlareChange),
}

impl ProgrammeRecord {
    /// Starting `programme` with week 1 on `start_date`, made at `at` (any running programme
    /// ends): what `programme start` and the app's picker both write.
    pub fn start(
        programme: &str,
        start_date: NaiveDate,
        at: DateTime<FixedOffset>,
    ) -> ProgrammeRecord {
        ProgrammeRecord::Start {
            id: crate::id::new_id(at.timestamp_millis()),
            at,
            programme: programme.to_owned(),
            start_date,
        }
    }

    /// Stopping the running programme at `at`: what `programme stop` and the app's picker both
    /// write.
    pub fn stop(at: DateTime<FixedOffset>) -> ProgrammeRecord {
        ProgrammeRecord::Stop {
            id: crate::id::new_id(at.timestamp_millis()),
            at,
        }
    }

    /// When the record was made.
    pub fn at(&self) -> DateTime<FixedOffset> {
        match self {
            ProgrammeRecord::Start { at, .. } | ProgrammeRecord::Stop { at, .. } => *at,
            ProgrammeRecord::Dose(d) => d.at,
            ProgrammeRecord::Flare(f) => f.at,
        }
    }
}

impl ProgrammeRecord {
    /// The first day on which the record shapes what Today asks ([`ProgrammeState::fold_through`]).
    /// A start given a first day before the day it was made (`programme start --from` a past
    /// day) counts from that first day.
    pub fn effective_day(&self) -> NaiveDate {
        let day = self.at().date_naive();
        match self {
            ProgrammeRecord::Stop { .. } => day.succ_opt().unwrap_or(day),
            ProgrammeRecord::Start { start_date, .. } => day.min(*start_date),
            _ => day,
        }
    }

    /// The moment the record takes effect: when it was made, except a start whose first day is
    /// another day than the one it was made on (`programme start --from DATE`), which starts at
    /// the beginning of that day (in the offset it was made in): sessions from then on are the
    /// programme's, and none before a first day still to come.
    pub fn effective_at(&self) -> DateTime<FixedOffset> {
        match self {
            ProgrammeRecord::Start { at, start_date, .. } if *start_date != at.date_naive() => {
                start_date
                    .and_hms_opt(0, 0, 0)
                    .and_then(|t| t.and_local_timezone(*at.offset()).single())
                    .unwrap_or(*at)
            }
            r => r.at(),
        }
    }
}

/// Appends a record durably.
pub fn record(store: &JsonlStore, record: &ProgrammeRecord) -> Result<(), StoreError> {
    store.append(record)
}

/// The running programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Active {
    /// The programme's id.
    pub programme: String,
    /// Day 1 of week 1.
    pub start_date: NaiveDate,
    /// When it started: when it was started, or the beginning of its first day when that was
    /// given as another day ([`ProgrammeRecord::effective_at`]).
    pub started_at: DateTime<FixedOffset>,
}

/// A routine's level as chosen, and when the level or the answer last changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chosen {
    /// The level.
    pub level: u8,
    /// When it was set or an offer was last answered.
    pub since: DateTime<FixedOffset>,
}

/// The flare plan in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flare {
    /// When it started.
    pub since: DateTime<FixedOffset>,
    /// The pain rating it started from.
    pub from_pain: Option<u8>,
}

/// Everything the records say now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProgrammeState {
    /// The running programme, if any.
    pub active: Option<Active>,
    /// Levels chosen in the running programme, by routine.
    pub levels: BTreeMap<String, Chosen>,
    /// The flare plan, if on.
    pub flare: Option<Flare>,
}

impl ProgrammeState {
    /// Folds records (in file order) into the state as of `until` (records after it are
    /// ignored, so the History screen can ask what the level was at a session).
    pub fn fold(records: &[ProgrammeRecord], until: Option<DateTime<FixedOffset>>) -> Self {
        Self::fold_where(records, |r| until.is_none_or(|u| r.effective_at() <= u))
    }

    /// What Today asked on `day`: the records made on or before it (each on the calendar day of
    /// its own offset), except a stop made that day, which takes effect the next (the day a
    /// programme starts asks its routines, and so does the day it is stopped).
    pub fn fold_through(records: &[ProgrammeRecord], day: NaiveDate) -> Self {
        Self::fold_where(records, |r| r.effective_day() <= day)
    }

    fn fold_where(records: &[ProgrammeRecord], keep: impl Fn(&ProgrammeRecord) -> bool) -> Self {
        let mut s = ProgrammeState::default();
        for r in records {
            if !keep(r) {
                continue;
            }
            match r {
                ProgrammeRecord::Start {
                    programme,
                    start_date,
                    ..
                } => {
                    s.active = Some(Active {
                        programme: programme.clone(),
                        start_date: *start_date,
                        started_at: r.effective_at(),
                    });
                    s.levels.clear();
                }
                ProgrammeRecord::Stop { .. } => {
                    s.active = None;
                    s.levels.clear();
                }
                ProgrammeRecord::Dose(d) => {
                    if s.active
                        .as_ref()
                        .is_some_and(|a| a.programme == d.programme)
                    {
                        s.levels.insert(
                            d.routine.clone(),
                            Chosen {
                                level: d.to,
                                since: d.at,
                            },
                        );
                    }
                }
                ProgrammeRecord::Flare(f) => {
                    s.flare = f.on.then_some(Flare {
                        since: f.at,
                        from_pain: f.from_pain,
                    });
                }
            }
        }
        s
    }
}

/// The dose changes and flare changes in a time range, for the report.
pub fn changes_between(
    records: &[ProgrammeRecord],
    since: Option<DateTime<FixedOffset>>,
    until: Option<DateTime<FixedOffset>>,
) -> Vec<&ProgrammeRecord> {
    records
        .iter()
        .filter(|r| matches!(r, ProgrammeRecord::Dose(_) | ProgrammeRecord::Flare(_)))
        .filter(|r| since.is_none_or(|s| r.at() >= s) && until.is_none_or(|u| r.at() <= u))
        .collect()
}
