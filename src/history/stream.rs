//! The history read for streaming (`history`, `export --what sessions`): sessions (a session
//! recorded as it ran counts once, as its last line says) and posture breaks (every line), each
//! in the order the workspace gives them (time, then id), read from the file as they are
//! written out.

use chrono::{DateTime, FixedOffset};

use super::{BreakRecord, HistoryRecord, SessionRecord, check_record};
use crate::store::{Fold, JsonlStore, Mark, StoreError, Streamed};

const SESSIONS: usize = 0;
const BREAKS: usize = 1;

/// The history, read for streaming.
#[derive(Debug)]
pub struct HistoryStream(Streamed);

/// Reads the history in `store` for streaming: the same sessions and breaks as [`super::load`]
/// (breaks in time order, as the workspace sorts them), the same rejected lines and notes.
pub fn stream(store: &JsonlStore) -> Result<HistoryStream, StoreError> {
    fn mark(record: &HistoryRecord) -> Mark<'_> {
        match record {
            HistoryRecord::Session(s) => Mark {
                id: &s.id,
                time: Some(s.started),
                list: SESSIONS,
            },
            HistoryRecord::Break(b) => Mark {
                id: &b.id,
                time: Some(b.at),
                list: BREAKS,
            },
        }
    }
    store
        .stream_checked(&[Fold::LastWins, Fold::Every], check_record, mark)
        .map(HistoryStream)
}

impl HistoryStream {
    /// The read itself: its rejected lines and notes, for the warnings.
    pub fn read(&self) -> &Streamed {
        &self.0
    }

    /// Keeps the sessions whose start and the breaks whose time `keep` accepts (given in UTC).
    pub fn retain(&mut self, keep: impl Fn(DateTime<FixedOffset>) -> bool) {
        self.0.retain(SESSIONS, &keep);
        self.0.retain(BREAKS, &keep);
    }

    /// Whether there is neither a session nor a break.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty(SESSIONS) && self.0.is_empty(BREAKS)
    }

    /// The sessions by start, then id, each read as it is yielded.
    pub fn sessions(&self) -> impl Iterator<Item = Result<SessionRecord, StoreError>> + '_ {
        self.0
            .records::<HistoryRecord>(SESSIONS)
            .filter_map(|record| match record {
                Ok(HistoryRecord::Session(s)) => Some(Ok(s)),
                Ok(HistoryRecord::Break(_)) => None,
                Err(e) => Some(Err(e)),
            })
    }

    /// The breaks by time, then id, then file order, each read as it is yielded.
    pub fn breaks(&self) -> impl Iterator<Item = Result<BreakRecord, StoreError>> + '_ {
        self.0
            .records::<HistoryRecord>(BREAKS)
            .filter_map(|record| match record {
                Ok(HistoryRecord::Break(b)) => Some(Ok(b)),
                Ok(HistoryRecord::Session(_)) => None,
                Err(e) => Some(Err(e)),
            })
    }
}
