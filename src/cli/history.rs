//! `knotless history [--since WHEN] [--until WHEN] [--json]`: guided sessions and posture breaks
//! in time order — routine, when, how long, outcome, pain before → after. The outcome is printed
//! as recorded (completed, partial, stopped, interrupted …), whatever the history file holds.
//! `--json` streams (see [`crate::store::Streamed`]): memory bounded by a small key per line,
//! not by the records; the table still reads the history whole (it needs the routines' names
//! and is meant for a screen, not a million lines).

use std::io::Write;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};

use super::{open, usage_error, warned};
use crate::history::{BreakRecord, HistoryStream, SessionRecord};
use crate::paths::Paths;
use crate::report::export::{self, ExportError};
use crate::report::{outcome_name, when};
use crate::routine::Library;
use crate::text::Style;
use crate::when::When;
use crate::workspace::{Parts, period};

/// Runs `history`.
pub fn run(paths: &Paths, since: Option<When>, until: Option<When>, json: bool) -> ExitCode {
    let now = crate::clock::wall_now();
    let period = match period(since, until, None, now) {
        Ok(p) => p,
        Err(e) => return usage_error(&e),
    };
    let in_period = |at| since.is_none() && until.is_none() || period.contains(at);
    if json {
        return write_json(paths, in_period);
    }
    let parts = Parts {
        history: true,
        routines: true,
        ..Parts::NONE
    };
    let ws = match open(paths, parts) {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    let (sessions, breaks) = (&ws.sessions, &ws.breaks);
    let sessions: Vec<&SessionRecord> = sessions.iter().filter(|s| in_period(s.started)).collect();
    let breaks: Vec<&BreakRecord> = breaks.iter().filter(|b| in_period(b.at)).collect();
    let mut out = std::io::BufWriter::new(super::stdout_gated(Style::Lines));
    let result = write_text(&mut out, &sessions, &breaks, &ws.library).and_then(|()| out.flush());
    if result.is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// `history --json`, streamed: the history's lines are read once for their order (a small key
/// each), then each record is read again as it is written, so a million records never sit in
/// memory at once. The same bytes as the document the loaded history made.
fn write_json(paths: &Paths, in_period: impl Fn(DateTime<FixedOffset>) -> bool) -> ExitCode {
    let store = crate::history::store(&paths.data_dir);
    let mut history = match warned(&store, crate::history::stream(&store), HistoryStream::read) {
        Ok(h) => h,
        Err(code) => return code,
    };
    history.retain(in_period);
    // JSON stays exact in a file or a pipe; into a terminal, all of it passes the gate.
    let out = std::io::BufWriter::new(super::stdout_gated(Style::Json));
    match export::history_json(out, &history) {
        Ok(()) => ExitCode::SUCCESS,
        Err(ExportError::Read(e)) => usage_error(&e.to_string()),
        // A closed pipe: nothing to say.
        Err(ExportError::Write(_)) => ExitCode::FAILURE,
    }
}

fn name(library: &Library, id: &str) -> String {
    let name = library.get(id).map_or(id, |r| r.name.as_str());
    crate::text::visible(name).into_owned()
}

fn length(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// The sessions and breaks as a table, merged in time order.
pub fn write_text(
    out: &mut impl Write,
    sessions: &[&SessionRecord],
    breaks: &[&BreakRecord],
    library: &Library,
) -> std::io::Result<()> {
    if sessions.is_empty() && breaks.is_empty() {
        return writeln!(
            out,
            "No sessions or breaks. Start a routine with: knotless run ROUTINE"
        );
    }
    writeln!(
        out,
        "{:27}  {:28}  {:>6}  {:12}  PAIN BEFORE → AFTER",
        "WHEN", "ROUTINE", "LENGTH", "OUTCOME"
    )?;
    let (mut s, mut b) = (sessions.iter().peekable(), breaks.iter().peekable());
    loop {
        let session_first = match (s.peek(), b.peek()) {
            (Some(x), Some(y)) => x.started <= y.at,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        if session_first {
            let Some(x) = s.next() else { break };
            let pain = |p: Option<u8>| p.map_or_else(|| "–".to_owned(), |p| p.to_string());
            let rated = if x.pain_before.is_none() && x.pain_after.is_none() {
                String::new()
            } else {
                format!("{} → {}", pain(x.pain_before), pain(x.pain_after))
            };
            writeln!(
                out,
                "{:27}  {:28}  {:>6}  {:12}  {}",
                when(x.started),
                crate::text::clip(&name(library, &x.routine), 28),
                length(x.active_seconds),
                outcome_name(&x.outcome),
                rated
            )?;
        } else {
            let Some(y) = b.next() else { break };
            let outcome = match &y.reason {
                Some(r) => format!("break {} ({})", y.outcome.id(), crate::text::visible(r)),
                None => format!("break {}", y.outcome.id()),
            };
            writeln!(
                out,
                "{:27}  {:28}  {:>6}  {}",
                when(y.at),
                crate::text::clip(&name(library, &y.routine), 28),
                "",
                outcome
            )?;
        }
    }
    Ok(())
}
