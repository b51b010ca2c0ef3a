//! `knotless export`: the records themselves for a spreadsheet (CSV, RFC 4180 through the `csv`
//! crate: a header row, one row per record, lists of ids joined with `;`, times in RFC 3339 with
//! their offset) or for another program (JSON lines, exactly as stored). Ids, not labels, so
//! that what is exported reads back as the same records.

use std::io::Write;

use serde::Serialize;

use super::outcome_name;
use crate::checkins::Checkin;
use crate::history::SessionRecord;
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

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// Writes the entries as CSV.
pub fn entries_csv(out: impl Write, entries: &[SymptomEntry]) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(ENTRY_HEADER)?;
    for e in entries {
        w.write_record([
            e.id.clone(),
            e.at.to_rfc3339(),
            e.pain.to_string(),
            e.onset.map(|o| o.id()).unwrap_or("").to_owned(),
            e.areas.join(";"),
            e.symptoms.join(";"),
            e.denied.join(";"),
            e.triggers.join(";"),
            e.relief.join(";"),
            e.note.clone(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Writes the sessions as CSV.
pub fn sessions_csv(out: impl Write, sessions: &[SessionRecord]) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(SESSION_HEADER)?;
    for s in sessions {
        w.write_record([
            s.id.clone(),
            s.routine.clone(),
            s.kind.id().to_owned(),
            s.started.to_rfc3339(),
            s.ended.to_rfc3339(),
            s.active_seconds.to_string(),
            outcome_name(&s.outcome),
            s.steps_done.to_string(),
            s.steps_total.to_string(),
            opt(s.pain_before),
            opt(s.pain_after),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Writes the check-ins as CSV (with the PEG score, rounded to 0.1).
pub fn checkins_csv(out: impl Write, checkins: &[Checkin]) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CHECKIN_HEADER)?;
    for c in checkins {
        w.write_record([
            c.id.clone(),
            c.at.to_rfc3339(),
            c.pain.to_string(),
            c.enjoyment.to_string(),
            c.activity.to_string(),
            format!("{:.1}", c.score()),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Writes records as JSON lines.
pub fn jsonl<T: Serialize>(mut out: impl Write, records: &[T]) -> std::io::Result<()> {
    for r in records {
        serde_json::to_writer(&mut out, r)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
