//! The log read for streaming (`export --what entries`): the entries in the order a load gives
//! (time, then id), each read from the file as it is written out, so a million entries take a
//! key each in memory rather than an entry each (see [`crate::store::Streamed`]).

use chrono::{DateTime, FixedOffset};

use super::{Line, SymptomEntry, SymptomLog, check_line};
use crate::store::{Fold, Mark, StoreError, Streamed};

/// The log, read for streaming: its lines' order and what the read had to say.
#[derive(Debug)]
pub struct EntryStream(Streamed);

impl SymptomLog {
    /// Reads the log for streaming: the same entries as [`SymptomLog::load`] (the last line of
    /// an id wins, a tombstone removes it), the same rejected lines and notes.
    pub fn stream(&self) -> Result<EntryStream, StoreError> {
        fn mark(line: &Line) -> Mark<'_> {
            Mark {
                id: &line.id,
                time: if line.deleted { None } else { line.at },
                list: 0,
            }
        }
        self.store
            .stream_checked(&[Fold::LastWins], check_line, mark)
            .map(EntryStream)
    }
}

impl EntryStream {
    /// The read itself: its rejected lines and notes, for the warnings.
    pub fn read(&self) -> &Streamed {
        &self.0
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.0.len(0)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty(0)
    }

    /// Keeps the entries whose `at` `keep` accepts (given in UTC).
    pub fn retain(&mut self, keep: impl Fn(DateTime<FixedOffset>) -> bool) {
        self.0.retain(0, keep);
    }

    /// The entries in time order, then id, each read as it is yielded.
    pub fn entries(&self) -> impl Iterator<Item = Result<SymptomEntry, StoreError>> + '_ {
        self.0
            .records::<Line>(0)
            .filter_map(|line| line.map(Line::into_entry).transpose())
    }
}
