//! `knotless report` (the appointment report) and `knotless export` (records for a spreadsheet
//! or another program). The data and the period come from the workspace. Bad flags are refused
//! (exit 2) before anything is written.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};

use super::{open, parse_when, usage_error};
use crate::checkins::Checkin;
use crate::history::SessionRecord;
use crate::paths::Paths;
use crate::report::Period;
use crate::report::export::{self, What};
use crate::report::{ReportFormat, default_name, open_in_browser, render, write_private};
use crate::symptoms::SymptomEntry;
use crate::text::Style;
use crate::when::When;
use crate::workspace::{Parts, REPORT_DAYS, period};

/// `knotless report` flags.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// From this day or moment [default: 90 days ago]
    #[arg(long, value_name = "WHEN", value_parser = parse_when)]
    pub since: Option<When>,
    /// Up to this day (inclusive) or moment [default: today]
    #[arg(long, value_name = "WHEN", value_parser = parse_when)]
    pub until: Option<When>,
    /// html, md or json
    #[arg(long, value_enum, default_value = "html")]
    pub format: ReportFormat,
    /// Where to write it; `-` for stdout [default: knotless-report-YYYY-MM-DD.html here]
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Leave age and conditions out
    #[arg(long)]
    pub no_profile: bool,
    /// Open it in the default browser afterwards
    #[arg(long)]
    pub open: bool,
}

/// `knotless export` flags.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// What to export
    #[arg(long, value_enum)]
    pub what: What,
    /// csv or jsonl
    #[arg(long, value_enum)]
    pub format: export::Format,
    /// From this day or moment [default: the first record]
    #[arg(long, value_name = "WHEN", value_parser = parse_when)]
    pub since: Option<When>,
    /// Up to this day (inclusive) or moment [default: the last record]
    #[arg(long, value_name = "WHEN", value_parser = parse_when)]
    pub until: Option<When>,
    /// Where to write it [default: stdout]
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `report`.
pub fn run_report(paths: &Paths, args: ReportArgs) -> ExitCode {
    let now = crate::clock::wall_now();
    let period = match period(args.since, args.until, Some(REPORT_DAYS), now) {
        Ok(p) => p,
        Err(e) => return usage_error(&e),
    };
    if args.open && args.output.as_deref() == Some(Path::new("-")) {
        return usage_error(
            "--open needs a file to open; accepted: --open with -o FILE or without -o",
        );
    }
    let parts = Parts {
        programmes: false,
        ..Parts::ALL
    };
    let ws = match open(paths, parts) {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    let names = ws.routine_names();
    let text = match render(
        &ws.report_inputs(!args.no_profile, &names),
        period,
        now,
        args.format,
    ) {
        Ok(t) => t,
        Err(e) => return usage_error(&format!("the report could not be written: {e}")),
    };
    match args.output.as_deref() {
        Some(p) if p == Path::new("-") => {
            // Exact into a file or a pipe; into a terminal, through the gate: the report
            // quotes notes, rule titles and the emergency number.
            let mut out = super::stdout_gated(match args.format {
                ReportFormat::Json => Style::Json,
                ReportFormat::Html | ReportFormat::Md => Style::Lines,
            });
            if out
                .write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .is_err()
            {
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        given => {
            let path = given.map_or_else(
                || default_name(now, args.format.extension()),
                Path::to_path_buf,
            );
            if let Err(e) = write_private(&path, text.as_bytes()) {
                return usage_error(&format!("cannot write {}: {e}", path.display()));
            }
            println!("{}", crate::text::visible(&path.display().to_string()));
            if args.open
                && let Err(e) = open_in_browser(&path)
            {
                let _ = writeln!(
                    std::io::stderr(),
                    "warning: could not open it: {}",
                    crate::text::visible_lines(&e.to_string())
                );
            }
            ExitCode::SUCCESS
        }
    }
}

/// Runs `export`.
pub fn run_export(paths: &Paths, args: ExportArgs) -> ExitCode {
    let now = crate::clock::wall_now();
    let period = match period(args.since, args.until, None, now) {
        Ok(p) => p,
        Err(e) => return usage_error(&e),
    };
    // With neither flag, everything, including records dated after today.
    let period = if args.until.is_none() {
        Period {
            until: DateTime::<FixedOffset>::MAX_UTC.fixed_offset(),
            ..period
        }
    } else {
        period
    };
    // Load first: nothing is written when the data cannot be read.
    let records = match load_for_export(paths, args.what) {
        Ok(r) => r,
        Err(code) => return code,
    };
    match args.output.as_deref() {
        None => write_stdout(&records, args.format, period),
        Some(p) if p == Path::new("-") => write_stdout(&records, args.format, period),
        Some(p) => {
            let result = crate::report::create_private(p)
                .map_err(|e| e.to_string())
                .and_then(|f| {
                    write_export(std::io::BufWriter::new(f), &records, args.format, period)
                });
            match result {
                Ok(()) => {
                    println!("{}", crate::text::visible(&p.display().to_string()));
                    ExitCode::SUCCESS
                }
                Err(e) => usage_error(&format!("cannot write {}: {e}", p.display())),
            }
        }
    }
}

fn write_stdout(records: &Records, format: export::Format, period: Period) -> ExitCode {
    // Exact into a file or a pipe; into a terminal, through the gate.
    let out = std::io::BufWriter::new(super::stdout_gated(match format {
        export::Format::Jsonl => Style::Json,
        export::Format::Csv => Style::Lines,
    }));
    match write_export(out, records, format, period) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

/// The records of one kind.
pub enum Records {
    /// Symptom entries.
    Entries(Vec<SymptomEntry>),
    /// Sessions.
    Sessions(Vec<SessionRecord>),
    /// Check-ins.
    Checkins(Vec<Checkin>),
}

fn load_for_export(paths: &Paths, what: What) -> Result<Records, ExitCode> {
    let parts = Parts {
        log: what == What::Entries,
        history: what == What::Sessions,
        checkins: what == What::Checkins,
        ..Parts::NONE
    };
    let ws = open(paths, parts)?;
    Ok(match what {
        What::Entries => Records::Entries(ws.entries),
        What::Sessions => Records::Sessions(ws.sessions),
        What::Checkins => Records::Checkins(ws.checkins),
    })
}

/// Writes the records inside `period` in `format`.
pub fn write_export(
    out: impl Write,
    records: &Records,
    format: export::Format,
    period: Period,
) -> Result<(), String> {
    use export::Format::{Csv, Jsonl};
    let err = |e: &dyn std::fmt::Display| e.to_string();
    match records {
        Records::Entries(all) => {
            let rows: Vec<SymptomEntry> = all
                .iter()
                .filter(|e| period.contains(e.at))
                .cloned()
                .collect();
            match format {
                Csv => export::entries_csv(out, &rows).map_err(|e| err(&e)),
                Jsonl => export::jsonl(out, &rows).map_err(|e| err(&e)),
            }
        }
        Records::Sessions(all) => {
            let rows: Vec<SessionRecord> = all
                .iter()
                .filter(|s| period.contains(s.started))
                .cloned()
                .collect();
            match format {
                Csv => export::sessions_csv(out, &rows).map_err(|e| err(&e)),
                Jsonl => export::jsonl(out, &rows).map_err(|e| err(&e)),
            }
        }
        Records::Checkins(all) => {
            let rows: Vec<Checkin> = all
                .iter()
                .filter(|c| period.contains(c.at))
                .cloned()
                .collect();
            match format {
                Csv => export::checkins_csv(out, &rows).map_err(|e| err(&e)),
                Jsonl => export::jsonl(out, &rows).map_err(|e| err(&e)),
            }
        }
    }
}
