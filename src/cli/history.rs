//! `knotless history [--since WHEN] [--until WHEN] [--json]`: guided sessions and posture breaks
//! in time order — routine, when, how long, outcome, pain before → after. The outcome is printed
//! as recorded (completed, partial, stopped, interrupted …), whatever the history file holds.

use std::io::Write;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};
use serde::{Serialize, Serializer};

use super::{open, usage_error};
use crate::history::{BreakRecord, SessionRecord};
use crate::paths::Paths;
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
    // The routines' names are needed only for the table.
    let parts = Parts {
        history: true,
        routines: !json,
        ..Parts::NONE
    };
    let ws = match open(paths, parts) {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    let (sessions, breaks) = (&ws.sessions, &ws.breaks);
    let in_period = |at| since.is_none() && until.is_none() || period.contains(at);
    let sessions: Vec<&SessionRecord> = sessions.iter().filter(|s| in_period(s.started)).collect();
    let breaks: Vec<&BreakRecord> = breaks.iter().filter(|b| in_period(b.at)).collect();
    // JSON stays exact in a file or a pipe; into a terminal, all of it passes the gate.
    let mut out = std::io::BufWriter::new(super::stdout_gated(if json {
        Style::Json
    } else {
        Style::Lines
    }));
    let result = if json {
        // Written as it goes, record by record, rather than built as one JSON tree first (a
        // million records made a 1.6 GB tree). The keys in the order serde_json's map wrote
        // them, so the output is the same byte for byte.
        let doc = HistoryOut {
            breaks: Each(&breaks, break_out),
            sessions: Each(&sessions, session_out),
        };
        serde_json::to_writer_pretty(&mut out, &doc)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        write_text(&mut out, &sessions, &breaks, &ws.library)
    }
    .and_then(|()| out.flush());
    if result.is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
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

/// `history --json`: `{"breaks": [...], "sessions": [...]}`.
#[derive(Serialize)]
struct HistoryOut<B, S> {
    breaks: B,
    sessions: S,
}

/// A session as `history --json` writes it (fields in key order).
#[derive(Serialize)]
struct SessionOut<'a> {
    active_seconds: u64,
    ended: DateTime<FixedOffset>,
    id: &'a str,
    kind: &'static str,
    outcome: String,
    pain_after: Option<u8>,
    pain_before: Option<u8>,
    routine: &'a str,
    started: DateTime<FixedOffset>,
    steps_done: usize,
    steps_total: usize,
}

/// A break as `history --json` writes it (fields in key order).
#[derive(Serialize)]
struct BreakOut<'a> {
    at: DateTime<FixedOffset>,
    id: &'a str,
    outcome: &'static str,
    reason: Option<&'a str>,
    routine: &'a str,
}

fn session_out<'a>(s: &&'a SessionRecord) -> SessionOut<'a> {
    SessionOut {
        active_seconds: s.active_seconds,
        ended: s.ended,
        id: &s.id,
        kind: s.kind.id(),
        outcome: outcome_name(&s.outcome),
        pain_after: s.pain_after,
        pain_before: s.pain_before,
        routine: &s.routine,
        started: s.started,
        steps_done: s.steps_done,
        steps_total: s.steps_total,
    }
}

fn break_out<'a>(b: &&'a BreakRecord) -> BreakOut<'a> {
    BreakOut {
        at: b.at,
        id: &b.id,
        outcome: b.outcome.id(),
        reason: b.reason.as_deref(),
        routine: &b.routine,
    }
}

/// The records of a slice, each made into what is written as it is written.
struct Each<'a, T, F>(&'a [T], F);

impl<T, O: Serialize, F: Fn(&T) -> O> Serialize for Each<'_, T, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(&self.1))
    }
}
