//! What the person has done: one record per guided session (and, later, per posture break),
//! appended to `history.jsonl` through the durable [`JsonlStore`](crate::store::JsonlStore).

use std::hash::BuildHasherDefault;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::id::IdHasher;
use crate::routine::Kind;
use crate::session::Outcome;
use crate::store::{JsonlStore, StoreError};

pub mod heat;
pub mod stats;
mod stream;

pub use stream::{HistoryStream, stream};

/// The history file's name in the data folder.
pub const FILE: &str = "history.jsonl";

/// How a session ended, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SessionOutcome {
    /// Ran to the end with every step done.
    Completed,
    /// Ran to the end, but some steps were skipped.
    Partial,
    /// Stopped early.
    Stopped,
    /// Cut off: the app was killed or crashed, or the window closed, before the session ended.
    /// What the last line recorded (the steps done by then) is what there is.
    Interrupted,
}

impl SessionOutcome {
    /// The outcome of a session that ended as `ended` with `steps_done` of `steps_total` done:
    /// "completed" only when every step was done.
    pub fn of(ended: Outcome, steps_done: usize, steps_total: usize) -> SessionOutcome {
        match ended {
            Outcome::Completed if steps_done >= steps_total => SessionOutcome::Completed,
            Outcome::Completed => SessionOutcome::Partial,
            Outcome::Stopped => SessionOutcome::Stopped,
        }
    }

    /// The stored name.
    pub fn id(self) -> &'static str {
        match self {
            SessionOutcome::Completed => "completed",
            SessionOutcome::Partial => "partial",
            SessionOutcome::Stopped => "stopped",
            SessionOutcome::Interrupted => "interrupted",
        }
    }
}

/// One guided session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    /// Unique, time-ordered id.
    pub id: String,
    /// The routine's id.
    pub routine: String,
    /// The routine's kind, so minutes of stretching and heat can be added up later.
    pub kind: Kind,
    /// When it started (local time with offset).
    #[serde(deserialize_with = "time")]
    pub started: DateTime<FixedOffset>,
    /// When it ended.
    #[serde(deserialize_with = "time")]
    pub ended: DateTime<FixedOffset>,
    /// Time actually spent, pauses left out, in seconds.
    pub active_seconds: u64,
    /// Completed, partial, stopped or interrupted.
    pub outcome: SessionOutcome,
    /// Steps whose every set and side ran to the end.
    pub steps_done: usize,
    /// Steps in the routine.
    pub steps_total: usize,
    /// Pain 0–10 before, if rated.
    pub pain_before: Option<u8>,
    /// Pain 0–10 after, if rated.
    pub pain_after: Option<u8>,
}

impl SessionRecord {
    /// Whether the session counts as done: it ran to the end with every step done
    /// (`completed`). A session with a step skipped (`partial`, every step skipped included),
    /// stopped or interrupted is not done. The one rule for "done" that Today, `programme
    /// status`, the dose progression and the report's plan adherence share.
    pub fn done(&self) -> bool {
        self.outcome == SessionOutcome::Completed && self.steps_done >= self.steps_total
    }
}

/// What happened to a posture break that fell due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BreakOutcome {
    /// Started and, asked afterwards, done.
    Taken,
    /// Started but, asked afterwards, not really done.
    NotDone,
    /// Put off for a while.
    Snoozed,
    /// Passed over.
    Skipped,
}

impl BreakOutcome {
    /// The stored name.
    pub fn id(self) -> &'static str {
        match self {
            BreakOutcome::Taken => "taken",
            BreakOutcome::NotDone => "not-done",
            BreakOutcome::Snoozed => "snoozed",
            BreakOutcome::Skipped => "skipped",
        }
    }
}

/// One due posture break and what the person did about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakRecord {
    /// Unique, time-ordered id.
    pub id: String,
    /// The posture-break routine.
    pub routine: String,
    /// When the answer was given.
    #[serde(deserialize_with = "time")]
    pub at: DateTime<FixedOffset>,
    /// Taken, not done, snoozed or skipped.
    pub outcome: BreakOutcome,
    /// Why it was skipped, if a reason was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A line of `history.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum HistoryRecord {
    /// A guided session.
    Session(SessionRecord),
    /// A posture break's outcome.
    Break(BreakRecord),
}

/// Reads a time as `DateTime`'s own `Deserialize` does, with the same values and the same
/// errors, but tries chrono's dedicated RFC 3339 parser first: several times quicker than the
/// general one `DateTime` goes through, and what it accepts the general one reads the same (the
/// general one also takes spaces, `UTC`, other years; those still go through it). Ten years of
/// history hold 60,000 times.
fn time<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<DateTime<FixedOffset>, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = DateTime<FixedOffset>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            // chrono's words, so a wrong type reads as before.
            f.write_str("an RFC 3339 formatted date and time string")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
            DateTime::parse_from_rfc3339(text).or_else(|_| text.parse().map_err(E::custom))
        }
    }
    deserializer.deserialize_str(V)
}

/// The history file in `data_dir`.
pub fn store(data_dir: &std::path::Path) -> JsonlStore {
    JsonlStore::new(data_dir, FILE)
}

/// Appends a posture break's outcome.
pub fn record_break(store: &JsonlStore, record: BreakRecord) -> Result<(), StoreError> {
    store.append(&HistoryRecord::Break(record))
}

/// What `history.jsonl` holds, folded: a session recorded several times as it ran (a start
/// record, one per step done, the final one) counts once, as its last line says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// Sessions, oldest start first.
    pub sessions: Vec<SessionRecord>,
    /// Break outcomes, in the order they were recorded.
    pub breaks: Vec<BreakRecord>,
    /// Lines that could not be read.
    pub rejected: Vec<crate::store::RejectedLine>,
    /// What else the load has to say.
    pub notes: crate::store::LoadNotes,
}

/// What a line of the history must hold: a good id.
fn check_record(record: &HistoryRecord) -> Option<String> {
    match record {
        HistoryRecord::Session(s) => crate::id::check(&s.id),
        HistoryRecord::Break(b) => crate::id::check(&b.id),
    }
}

/// What following the history read.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryChange {
    /// The lines appended since the last read, folded like a load: sessions (a session
    /// recorded as it ran counts once, as its last line says) and breaks, in time order.
    Appended(History),
    /// The file was new to the follower, replaced or shrunk: the whole history.
    Whole(History),
}

/// Reads what was appended to the history since `cursor` (see [`JsonlStore::follow`]).
pub fn follow(
    store: &JsonlStore,
    cursor: &mut crate::store::Cursor,
) -> Result<HistoryChange, StoreError> {
    Ok(match store.follow_checked(cursor, check_record)? {
        crate::store::Tail::Whole(loaded) => HistoryChange::Whole(fold(loaded)),
        crate::store::Tail::Appended(loaded) => HistoryChange::Appended(fold(loaded)),
    })
}

/// Applies the sessions and breaks appended to the history (`new`, folded) to `sessions` and
/// `breaks` (each in time order): a session replaces the one with its id.
pub fn apply(sessions: &mut Vec<SessionRecord>, breaks: &mut Vec<BreakRecord>, new: History) {
    for session in new.sessions {
        if let Some(at) = sessions.iter().rposition(|s| s.id == session.id) {
            sessions.remove(at);
        }
        let at = sessions.partition_point(|s| (s.started, &s.id) <= (session.started, &session.id));
        sessions.insert(at, session);
    }
    for record in new.breaks {
        if breaks.iter().rev().any(|b| b.id == record.id) {
            continue;
        }
        let at = breaks.partition_point(|b| (b.at, &b.id) <= (record.at, &record.id));
        breaks.insert(at, record);
    }
}

/// Loads and folds the history in `store` (see [`History`]).
pub fn load(store: &JsonlStore) -> Result<History, StoreError> {
    Ok(fold(store.load_checked::<HistoryRecord>(check_record)?))
}

/// The lines of the history folded (see [`History`]).
fn fold(loaded: crate::store::Loaded<HistoryRecord>) -> History {
    // A session recorded as it ran has several lines: the last one counts. Found by borrowing
    // the ids (no copy of each); the sort below puts the sessions in order whatever line each
    // came from, as no two have the same id.
    let records = loaded.records;
    let mut last: std::collections::HashMap<&str, usize, BuildHasherDefault<IdHasher>> =
        std::collections::HashMap::with_capacity_and_hasher(records.len(), Default::default());
    for (i, record) in records.iter().enumerate() {
        if let HistoryRecord::Session(s) = record {
            last.insert(s.id.as_str(), i);
        }
    }
    let mut counts = vec![true; records.len()];
    for (i, record) in records.iter().enumerate() {
        if let HistoryRecord::Session(s) = record {
            counts[i] = last.get(s.id.as_str()) == Some(&i);
        }
    }
    drop(last);
    let mut sessions: Vec<SessionRecord> = Vec::with_capacity(records.len());
    let mut breaks = Vec::new();
    for (record, counts) in records.into_iter().zip(counts) {
        match record {
            HistoryRecord::Session(s) if counts => sessions.push(s),
            HistoryRecord::Session(_) => {}
            HistoryRecord::Break(b) => breaks.push(b),
        }
    }
    sessions.sort_by(|a, b| (a.started, &a.id).cmp(&(b.started, &b.id)));
    History {
        sessions,
        breaks,
        rejected: loaded.rejected,
        notes: loaded.notes,
    }
}

/// Appends a finished or stopped session.
pub fn record_session(store: &JsonlStore, record: SessionRecord) -> Result<(), StoreError> {
    store.append(&HistoryRecord::Session(record))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_datetime_reads_them() {
        #[derive(Debug, PartialEq, Deserialize)]
        struct Quick(#[serde(deserialize_with = "time")] DateTime<FixedOffset>);
        for text in [
            r#""2026-11-24T09:30:00+01:00""#,
            r#""2026-11-24t09:30:00Z""#,
            r#""2026-11-24 09:30:00z""#,
            r#""2026-11-24T09:30:00.123456789123-05:30""#,
            r#""2026-11-24T09:30:00.""#,
            r#""2016-12-31T23:59:60+00:00""#,
            r#""2026-11-24T09:30:00-00:00""#,
            r#""2026-11-24T09:30:00+23:59""#,
            r#""2026-11-24T09:30:00+24:00""#,
            r#""2026-11-24T09:30:00+0100""#,
            r#""2026-11-24T09:30:00 +01:00""#,
            r#""2026-11-24T09:30:00 UTC""#,
            r#""2026-11-24T09:30:00+01:00 ""#,
            r#"" 2026-11-24T09:30:00+01:00""#,
            r#""+12026-11-24T09:30:00+01:00""#,
            r#""2026-02-30T09:30:00+01:00""#,
            r#""2026-11-24T24:00:00+01:00""#,
            r#""2026-11-24""#,
            r#""""#,
            "5",
            "null",
        ] {
            let general = serde_json::from_str::<DateTime<FixedOffset>>(text);
            let quick = serde_json::from_str::<Quick>(text);
            match (general, quick) {
                (Ok(g), Ok(Quick(q))) => {
                    assert_eq!((g, g.offset()), (q, q.offset()), "{text}");
                }
                (Err(g), Err(q)) => assert_eq!(g.to_string(), q.to_string(), "{text}"),
                (g, q) => panic!("{text}: {g:?} but {q:?}"),
            }
        }
    }

    #[test]
    fn outcomes_are_named_as_stored() {
        use SessionOutcome::*;
        for o in [Completed, Partial, Stopped, Interrupted] {
            assert_eq!(serde_json::to_value(o).unwrap(), o.id());
        }
        use BreakOutcome::*;
        for o in [Taken, NotDone, Snoozed, Skipped] {
            assert_eq!(serde_json::to_value(o).unwrap(), o.id());
        }
    }

    #[test]
    fn a_session_record_is_one_tagged_json_line_and_reads_back() {
        let record = SessionRecord {
            id: "01JDX0000000000000000000AB".into(),
            routine: "lower-back-release".into(),
            kind: Kind::Stretch,
            started: "2026-11-24T09:30:00+01:00".parse().unwrap(),
            ended: "2026-11-24T09:40:05+01:00".parse().unwrap(),
            active_seconds: 605,
            outcome: SessionOutcome::Completed,
            steps_done: 9,
            steps_total: 9,
            pain_before: Some(6),
            pain_after: Some(4),
        };
        let line = serde_json::to_string(&HistoryRecord::Session(record.clone())).unwrap();
        assert!(
            line.starts_with(r#"{"type":"session","id":"01JDX"#),
            "{line}"
        );
        assert!(
            line.contains(r#""started":"2026-11-24T09:30:00+01:00""#),
            "{line}"
        );
        let back: HistoryRecord = serde_json::from_str(&line).unwrap();
        assert_eq!(back, HistoryRecord::Session(record));
    }
}

#[cfg(test)]
mod load_tests {
    use super::*;

    fn session(id: &str, started: &str, steps_done: usize) -> SessionRecord {
        let started: DateTime<FixedOffset> = started.parse().unwrap();
        SessionRecord {
            id: id.to_owned(),
            routine: "lower-back-release".into(),
            kind: Kind::Stretch,
            started,
            ended: started + chrono::Duration::minutes(10),
            active_seconds: 600,
            outcome: SessionOutcome::Interrupted,
            steps_done,
            steps_total: 9,
            pain_before: Some(6),
            pain_after: None,
        }
    }

    #[test]
    fn a_session_recorded_as_it_ran_counts_once_as_its_last_line_says() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let (a, b, c) = (
            "01JDX0000000000000000000AA",
            "01JDX0000000000000000000AB",
            "01JDX0000000000000000000AC",
        );
        let brk = |id: &str, at: &str| BreakRecord {
            id: id.to_owned(),
            routine: "posture-check".into(),
            at: at.parse().unwrap(),
            outcome: BreakOutcome::Taken,
            reason: None,
        };
        record_session(&store, session(b, "2026-11-24T09:30:00+01:00", 1)).unwrap();
        record_break(
            &store,
            brk("01JDX0000000000000000000B2", "2026-11-24T11:00:00+01:00"),
        )
        .unwrap();
        record_session(&store, session(a, "2026-11-24T08:30:00+01:00", 1)).unwrap();
        record_session(&store, session(b, "2026-11-24T09:30:00+01:00", 4)).unwrap();
        record_break(
            &store,
            brk("01JDX0000000000000000000B1", "2026-11-24T10:00:00+01:00"),
        )
        .unwrap();
        record_session(&store, session(c, "2026-11-24T09:30:00+01:00", 2)).unwrap();
        record_session(&store, session(b, "2026-11-24T09:30:00+01:00", 9)).unwrap();
        let loaded = load(&store).unwrap();
        let sessions: Vec<(&str, usize)> = (loaded.sessions.iter())
            .map(|s| (s.id.as_str(), s.steps_done))
            .collect();
        assert_eq!(sessions, [(a, 1), (b, 9), (c, 2)]);
        let breaks: Vec<&str> = loaded.breaks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(
            breaks,
            ["01JDX0000000000000000000B2", "01JDX0000000000000000000B1"]
        );
    }
}
