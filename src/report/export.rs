//! `knotless export`: the records themselves for a spreadsheet (CSV, RFC 4180 through the `csv`
//! crate: a header row, one row per record, lists of ids joined with `;`, times in RFC 3339 with
//! their offset) or for another program (JSON lines, exactly as stored). Ids, not labels, so
//! that what is exported reads back as the same records. Also `history --json`.
//!
//! Every writer takes the records as they are read (a stream from the store, see
//! [`crate::store::Streamed`]) and writes each before the next is read, so a million records
//! never sit in memory at once.
//!
//! A CSV cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is neutralised with
//! a leading `'`, as OWASP advises against CSV injection (a spreadsheet would take it for a
//! formula), unless [`Cells::Raw`]; [`restore`] takes it back off.

use std::borrow::Cow;
use std::cell::RefCell;
use std::io::Write;

use chrono::{DateTime, FixedOffset};
use serde::{Serialize, Serializer};

use super::outcome_name;
use crate::checkins::Checkin;
use crate::history::{BreakRecord, HistoryStream, SessionRecord};
use crate::store::StoreError;
use crate::symptoms::SymptomEntry;

/// What can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    /// The symptom log.
    Entries,
    /// Guided sessions.
    Sessions,
    /// Weekly check-ins.
    Checkins,
}

/// The file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// The CSV header of the entries.
pub const ENTRY_HEADER: [&str; 10] = [
    "id", "at", "pain", "onset", "areas", "symptoms", "denied", "triggers", "relief", "note",
];

/// The CSV header of the sessions.
pub const SESSION_HEADER: [&str; 11] = [
    "id",
    "routine",
    "kind",
    "started",
    "ended",
    "active_seconds",
    "outcome",
    "steps_done",
    "steps_total",
    "pain_before",
    "pain_after",
];

/// The CSV header of the check-ins.
pub const CHECKIN_HEADER: [&str; 6] = ["id", "at", "pain", "enjoyment", "activity", "score"];

/// Whether CSV cells are neutralised against formulas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cells {
    /// A cell that a spreadsheet could take for a formula gets a leading `'` ([`neutralise`]).
    Neutralised,
    /// Every cell exactly as stored (`--raw`).
    Raw,
}

/// Why an export stopped part way.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A record could not be read again from its file.
    #[error(transparent)]
    Read(#[from] StoreError),
    /// The output could not be written (a closed pipe, a full disk).
    #[error("{0}")]
    Write(#[from] std::io::Error),
}

impl From<csv::Error> for ExportError {
    fn from(e: csv::Error) -> Self {
        ExportError::Write(e.into())
    }
}

impl From<serde_json::Error> for ExportError {
    fn from(e: serde_json::Error) -> Self {
        ExportError::Write(e.into())
    }
}

/// The characters a spreadsheet may read a formula (or a command) from at the start of a cell.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `cell` needs a `'` in front: it begins with a [`FORMULA_START`] character, or with
/// `'`s and then one (so that [`restore`] can tell a `'` it must take off from one written).
fn needs_quote(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_START)
}

/// A CSV cell neutralised against formulas: a `'` in front of a cell that begins with `=`, `+`,
/// `-`, `@`, a tab or a carriage return (OWASP's advice), and of one that begins with `'`s
/// before such a character, so that [`restore`] gives back exactly what was written.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if needs_quote(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The cell [`neutralise`] was given: its one leading `'` taken off when what follows begins
/// with `=`, `+`, `-`, `@`, a tab or a carriage return (after any further `'`s). For `import`.
pub fn restore(cell: &str) -> Cow<'_, str> {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => Cow::Borrowed(rest),
        _ => Cow::Borrowed(cell),
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// Writes one CSV row, each cell neutralised unless `cells` is raw.
fn row<W: Write, const N: usize>(
    w: &mut csv::Writer<W>,
    cells: Cells,
    row: [String; N],
) -> Result<(), ExportError> {
    match cells {
        Cells::Raw => w.write_record(row)?,
        Cells::Neutralised => w.write_record(row.iter().map(|c| neutralise(c).into_owned()))?,
    }
    Ok(())
}

/// Writes the entries as CSV.
pub fn entries_csv(
    out: impl Write,
    entries: impl Iterator<Item = Result<SymptomEntry, StoreError>>,
    cells: Cells,
) -> Result<(), ExportError> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(ENTRY_HEADER)?;
    for e in entries {
        let e = e?;
        let onset = e.onset.map(|o| o.id()).unwrap_or("").to_owned();
        row(
            &mut w,
            cells,
            [
                e.id,
                e.at.to_rfc3339(),
                e.pain.to_string(),
                onset,
                e.areas.join(";"),
                e.symptoms.join(";"),
                e.denied.join(";"),
                e.triggers.join(";"),
                e.relief.join(";"),
                e.note,
            ],
        )?;
    }
    w.flush()?;
    Ok(())
}

/// Writes the sessions as CSV.
pub fn sessions_csv(
    out: impl Write,
    sessions: impl Iterator<Item = Result<SessionRecord, StoreError>>,
    cells: Cells,
) -> Result<(), ExportError> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(SESSION_HEADER)?;
    for s in sessions {
        let s = s?;
        let outcome = outcome_name(&s.outcome);
        row(
            &mut w,
            cells,
            [
                s.id,
                s.routine,
                s.kind.id().to_owned(),
                s.started.to_rfc3339(),
                s.ended.to_rfc3339(),
                s.active_seconds.to_string(),
                outcome,
                s.steps_done.to_string(),
                s.steps_total.to_string(),
                opt(s.pain_before),
                opt(s.pain_after),
            ],
        )?;
    }
    w.flush()?;
    Ok(())
}

/// Writes the check-ins as CSV (with the PEG score, rounded to 0.1).
pub fn checkins_csv(
    out: impl Write,
    checkins: impl Iterator<Item = Result<Checkin, StoreError>>,
    cells: Cells,
) -> Result<(), ExportError> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CHECKIN_HEADER)?;
    for c in checkins {
        let c = c?;
        let score = format!("{:.1}", c.score());
        row(
            &mut w,
            cells,
            [
                c.id,
                c.at.to_rfc3339(),
                c.pain.to_string(),
                c.enjoyment.to_string(),
                c.activity.to_string(),
                score,
            ],
        )?;
    }
    w.flush()?;
    Ok(())
}

/// Writes records as JSON lines.
pub fn jsonl<T: Serialize>(
    mut out: impl Write,
    records: impl Iterator<Item = Result<T, StoreError>>,
) -> Result<(), ExportError> {
    for r in records {
        serde_json::to_writer(&mut out, &r?)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// Writes `history --json`: `{"breaks": [...], "sessions": [...]}`, pretty-printed, each record
/// written as it is read (the keys in the order serde_json's map wrote them when this was one
/// JSON tree, so the output is the same byte for byte), and a newline.
pub fn history_json(mut out: impl Write, history: &HistoryStream) -> Result<(), ExportError> {
    let failed = RefCell::new(None);
    let doc = HistoryOut {
        breaks: Each {
            records: || history.breaks().map(|r| r.map(break_out)),
            failed: &failed,
        },
        sessions: Each {
            records: || history.sessions().map(|r| r.map(session_out)),
            failed: &failed,
        },
    };
    let written = serde_json::to_writer_pretty(&mut out, &doc);
    if let Some(e) = failed.take() {
        return Err(ExportError::Read(e));
    }
    written?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// `history --json`'s document.
#[derive(Serialize)]
struct HistoryOut<B, S> {
    breaks: B,
    sessions: S,
}

/// A session as `history --json` writes it (fields in key order).
#[derive(Serialize)]
struct SessionOut {
    active_seconds: u64,
    ended: DateTime<FixedOffset>,
    id: String,
    kind: &'static str,
    outcome: String,
    pain_after: Option<u8>,
    pain_before: Option<u8>,
    routine: String,
    started: DateTime<FixedOffset>,
    steps_done: usize,
    steps_total: usize,
}

/// A break as `history --json` writes it (fields in key order).
#[derive(Serialize)]
struct BreakOut {
    at: DateTime<FixedOffset>,
    id: String,
    outcome: &'static str,
    reason: Option<String>,
    routine: String,
}

fn session_out(s: SessionRecord) -> SessionOut {
    SessionOut {
        active_seconds: s.active_seconds,
        ended: s.ended,
        outcome: outcome_name(&s.outcome),
        kind: s.kind.id(),
        id: s.id,
        pain_after: s.pain_after,
        pain_before: s.pain_before,
        routine: s.routine,
        started: s.started,
        steps_done: s.steps_done,
        steps_total: s.steps_total,
    }
}

fn break_out(b: BreakRecord) -> BreakOut {
    BreakOut {
        at: b.at,
        id: b.id,
        outcome: b.outcome.id(),
        reason: b.reason,
        routine: b.routine,
    }
}

/// A JSON array written record by record as the records are read; a record that cannot be
/// read stops the writing and is kept in `failed`.
struct Each<'a, F> {
    records: F,
    failed: &'a RefCell<Option<StoreError>>,
}

impl<T: Serialize, I: Iterator<Item = Result<T, StoreError>>, F: Fn() -> I> Serialize
    for Each<'_, F>
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = serializer.serialize_seq(None)?;
        for record in (self.records)() {
            match record {
                Ok(r) => seq.serialize_element(&r)?,
                Err(e) => {
                    let message = e.to_string();
                    *self.failed.borrow_mut() = Some(e);
                    return Err(S::Error::custom(message));
                }
            }
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn cells_a_spreadsheet_would_run_get_a_quote_and_others_stay() {
        for (cell, want) in [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-5 after stretch", "'-5 after stretch"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=x", "''=x"),
            ("'plain", "'plain"),
            ("plain - dash", "plain - dash"),
            ("5", "5"),
            ("", ""),
            ("2026-11-24T09:30:00+01:00", "2026-11-24T09:30:00+01:00"),
        ] {
            assert_eq!(neutralise(cell), want, "{cell:?}");
            assert_eq!(restore(want), cell, "{want:?}");
        }
        // A quote before anything else is the person's own, and stays.
        assert_eq!(restore("'plain"), "'plain");
    }

    proptest! {
        /// What `neutralise` writes, `restore` reads back exactly; and what it writes never
        /// begins with a character a spreadsheet would run.
        #[test]
        fn neutralised_cells_restore_to_what_was_stored(
            cell in "['=+@\t\r-]{0,3}[a-z0-9 ='+-]{0,6}"
        ) {
            let written = neutralise(&cell);
            prop_assert!(!written.starts_with(FORMULA_START));
            prop_assert_eq!(restore(&written), cell.as_str());
        }

        #[test]
        fn any_text_round_trips(cell in any::<String>()) {
            let written = neutralise(&cell);
            prop_assert_eq!(restore(&written), cell.as_str());
        }
    }
}
