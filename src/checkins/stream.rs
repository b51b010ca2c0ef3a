//! The check-ins read for streaming (`export --what checkins`): in the order a load gives
//! (time, then id), each read from the file as it is written out.

use chrono::{DateTime, FixedOffset};

use super::{Checkin, CheckinLog, Line, check_line, into_checkin};
use crate::store::{Fold, Mark, StoreError, Streamed};

/// The check-ins, read for streaming.
#[derive(Debug)]
pub struct CheckinStream(Streamed);

impl CheckinLog {
    /// Reads the check-ins for streaming: the same ones as [`CheckinLog::load`] (the last line
    /// of an id wins, a tombstone removes it), the same rejected lines and notes.
    pub fn stream(&self) -> Result<CheckinStream, StoreError> {
        fn mark(line: &Line) -> Mark<'_> {
            Mark {
                id: &line.id,
                time: if line.deleted { None } else { line.at },
                list: 0,
            }
        }
        self.store
            .stream_checked(&[Fold::LastWins], check_line, mark)
            .map(CheckinStream)
    }
}

impl CheckinStream {
    /// The read itself: its rejected lines and notes, for the warnings.
    pub fn read(&self) -> &Streamed {
        &self.0
    }

    /// Keeps the check-ins whose `at` `keep` accepts (given in UTC).
    pub fn retain(&mut self, keep: impl Fn(DateTime<FixedOffset>) -> bool) {
        self.0.retain(0, keep);
    }

    /// The check-ins in time order, then id, each read as it is yielded.
    pub fn checkins(&self) -> impl Iterator<Item = Result<Checkin, StoreError>> + '_ {
        self.0
            .records::<Line>(0)
            .filter_map(|line| line.map(|l| into_checkin(&l)).transpose())
    }
}
