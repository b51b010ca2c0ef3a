//! `knotless routines [--json] [--tag TAG]...`: every routine (or those with all the tags) with
//! its planned time and where it came from.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use crate::duration::Clock;
use crate::paths::Paths;
use crate::routine::{Kind, Library, Routine};
use crate::text::{Style, visible};

/// One routine in `--json` output.
#[derive(Debug, Serialize)]
struct Listed<'a> {
    id: &'a str,
    name: &'a str,
    kind: Kind,
    /// Planned time including prepare, rests and side switches; untimed reps count zero.
    total_seconds: u64,
    steps: usize,
    /// `"bundled"` or the file path.
    source: String,
    summary: &'a str,
    tags: &'a [String],
    /// Who prescribed it or where it comes from (the file's own `source` key).
    attribution: &'a str,
    /// Posture breaks: how often the break timer offers it.
    every_seconds: Option<u64>,
}

impl<'a> From<&'a Routine> for Listed<'a> {
    fn from(r: &'a Routine) -> Self {
        Listed {
            id: &r.id,
            name: &r.name,
            kind: r.kind,
            total_seconds: r.total().as_secs(),
            steps: r.steps.len(),
            source: r.origin.label(),
            summary: &r.summary,
            tags: &r.tags,
            attribution: &r.source,
            every_seconds: r.every.map(|d| d.as_secs()),
        }
    }
}

pub fn run(paths: &Paths, json: bool, tags: &[String]) -> ExitCode {
    let parts = crate::workspace::Parts {
        routines: true,
        ..crate::workspace::Parts::NONE
    };
    let mut library = match super::open(paths, parts) {
        Ok(ws) => ws.library,
        Err(code) => return code,
    };
    library.routines.retain(|r| {
        tags.iter()
            .all(|t| r.tags.iter().any(|rt| rt.eq_ignore_ascii_case(t)))
    });
    // JSON stays exact in a file or a pipe; into a terminal, all of it passes the gate.
    let mut out = super::stdout_gated(if json { Style::Json } else { Style::Lines });
    let result = if json {
        let listed: Vec<Listed> = library.routines.iter().map(Listed::from).collect();
        serde_json::to_writer_pretty(&mut out, &listed)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        write_table(&mut out, &library)
    };
    if result.is_err() {
        return ExitCode::FAILURE; // stdout closed (e.g. piped into `head`)
    }
    let mut err = std::io::stderr().lock();
    for broken in &library.broken {
        let _ = writeln!(
            err,
            "warning: {} is broken and was skipped: {} (run `knotless check`)",
            visible(&broken.origin.label()),
            broken.errors[0].headline()
        );
    }
    ExitCode::SUCCESS
}

/// The widest the ID and NAME columns grow. A longer name is cut with "…" (its escapes can
/// make it longer than the 80 characters a file may give it); a longer id (a file name) is
/// shown whole past its column, since it is what `knotless run` takes. The bound also keeps
/// every width a formatting argument may be (a width past 65,535 panics).
const MAX_COLUMN: usize = 80;

/// Writes the table of `library`'s routines.
pub fn write_table(out: &mut impl Write, library: &Library) -> std::io::Result<()> {
    // Ids, names and paths come from files: through the terminal gate, then measured.
    let rows: Vec<(String, String)> = library
        .routines
        .iter()
        .map(|r| {
            let name = crate::text::clip(&visible(&r.name), MAX_COLUMN);
            (visible(&r.id).into_owned(), name)
        })
        .collect();
    let id_w = rows
        .iter()
        .map(|(id, _)| id.chars().count())
        .max()
        .unwrap_or(2)
        .clamp(2, MAX_COLUMN);
    let name_w = rows
        .iter()
        .map(|(_, name)| name.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, MAX_COLUMN);
    writeln!(
        out,
        "{:id_w$}  {:name_w$}  {:13}  {:>7}  SOURCE",
        "ID", "NAME", "KIND", "TIME"
    )?;
    for (r, (id, name)) in library.routines.iter().zip(&rows) {
        writeln!(
            out,
            "{id:id_w$}  {name:name_w$}  {:13}  {:>7}  {}",
            r.kind.id(),
            Clock(r.total()).to_string(),
            visible(&r.origin.label())
        )?;
    }
    Ok(())
}
