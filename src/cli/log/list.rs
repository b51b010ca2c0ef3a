//! `knotless log list`: the entries in time order, as a table or as JSON.

use std::io::Write;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset, Offset};

use super::{load, usage_error};
use crate::paths::Paths;
use crate::symptoms::SymptomEntry;
use crate::text::Style;
use crate::when::When;

pub(super) fn list(
    paths: &Paths,
    since: Option<When>,
    until: Option<When>,
    json: bool,
) -> ExitCode {
    let until_given = until;
    if let Err(e) = crate::when::check_range(since, until) {
        return usage_error(&e);
    }
    let contents = match load(paths) {
        Ok(c) => c,
        Err(code) => return code,
    };
    // A day given to --until includes the whole day; a moment includes just that moment.
    let since = match since.map(When::start).transpose() {
        Ok(s) => s,
        Err(e) => return usage_error(&format!("--since: {e}")),
    };
    let until = match until.map(When::end).transpose() {
        Ok(u) => u,
        Err(e) => return usage_error(&format!("--until: {e}")),
    };
    let until_inclusive = matches!(until_given, Some(When::At(_)));
    let entries: Vec<&SymptomEntry> = contents
        .entries
        .iter()
        .filter(|e| since.is_none_or(|s| e.at >= s))
        .filter(|e| until.is_none_or(|u| e.at < u || (until_inclusive && e.at == u)))
        .collect();
    // JSON stays exact in a file or a pipe; into a terminal, all of it passes the gate.
    let mut out = std::io::BufWriter::new(crate::cli::stdout_gated(if json {
        Style::Json
    } else {
        Style::Lines
    }));
    let result = if json {
        serde_json::to_writer_pretty(&mut out, &entries)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        write_table(&mut out, &entries)
    }
    .and_then(|()| out.flush());
    if result.is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// An entry's time as the table shows it: in this computer's local time, like `--since` and
/// `--until` read a day, so entries written in other zones are in order; where the entry was
/// written with another offset, its own time and offset follow: `2026-11-24 08:30 (09:30
/// +01:00)`.
fn shown_time(at: DateTime<FixedOffset>) -> String {
    let local = at.with_timezone(&chrono::Local);
    let mut text = local.format("%Y-%m-%d %H:%M").to_string();
    if local.offset().fix() != *at.offset() {
        text.push_str(&at.format(" (%H:%M %:z)").to_string());
    }
    text
}

/// The table `knotless log list` prints (without `--json`).
pub fn write_table(out: &mut impl Write, entries: &[&SymptomEntry]) -> std::io::Result<()> {
    if entries.is_empty() {
        return writeln!(out, "No entries. Add one with: knotless log add --pain N");
    }
    let times: Vec<String> = entries.iter().map(|e| shown_time(e.at)).collect();
    let when_width = times.iter().map(|t| t.chars().count()).max().unwrap_or(16);
    writeln!(
        out,
        "{:26}  {:when_width$}  {:>4}  {:28}  {:28}  NOTE",
        "ID", "WHEN", "PAIN", "AREAS", "SYMPTOMS"
    )?;
    // A note's later lines go under its first, in the NOTE column: the note is shown whole.
    let indent = " ".repeat(26 + 2 + when_width + 2 + 4 + 2 + 28 + 2 + 28 + 2);
    for (e, when) in entries.iter().zip(&times) {
        let mut note = e.note.lines();
        writeln!(
            out,
            "{:26}  {:when_width$}  {:>4}  {:28}  {:28}  {}",
            e.id,
            when,
            e.pain,
            crate::text::clip(&e.areas.join(", "), 28),
            crate::text::clip(&e.symptoms.join(", "), 28),
            crate::text::visible(note.next().unwrap_or(""))
        )?;
        for line in note {
            writeln!(out, "{indent}{}", crate::text::visible(line))?;
        }
    }
    Ok(())
}
