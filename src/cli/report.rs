//! `knotless report` (the appointment report) and `knotless export` (records for a spreadsheet
//! or another program). The data and the period come from the workspace. Bad flags are refused
//! (exit 2) before anything is written.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};

use super::{open, parse_when, usage_error, warned};
use crate::checkins::{CheckinLog, CheckinStream};
use crate::history::HistoryStream;
use crate::paths::Paths;
use crate::report::Period;
use crate::report::export::{self, Cells, ExportError, What};
use crate::report::{ReportFormat, default_name, open_in_browser, render, write_private};
use crate::symptoms::{EntryStream, SymptomLog};
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
    /// CSV cells exactly as stored: no `'` before a cell that begins with =, +, -, @, a tab or
    /// a carriage return (which a spreadsheet may run as a formula)
    #[arg(long)]
    pub raw: bool,
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
    // The programmes too: plan adherence reads what Today asked, the programme's routines.
    let ws = match open(paths, Parts::ALL) {
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
    if args.raw && args.format != export::Format::Csv {
        return usage_error(
            "--raw changes CSV cells only (JSON lines are always exact); accepted: --raw with --format csv",
        );
    }
    let cells = if args.raw {
        Cells::Raw
    } else {
        Cells::Neutralised
    };
    // Read first (the keys of every line): nothing is written when the data cannot be read.
    let mut source = match read_for_export(paths, args.what) {
        Ok(s) => s,
        Err(code) => return code,
    };
    source.retain(|at| period.contains(at));
    match args.output.as_deref() {
        None => write_stdout(&source, args.format, cells),
        Some(p) if p == Path::new("-") => write_stdout(&source, args.format, cells),
        Some(p) => {
            // Written aside and renamed over the old file: an error half way (a full disk, a
            // record that cannot be read again) leaves the old export whole.
            let mut read_error = None;
            let result = crate::disk::replace_private(p, |out| {
                match write_export(&mut *out, &source, args.format, cells) {
                    Ok(()) => Ok(()),
                    Err(ExportError::Write(e)) => Err(e),
                    Err(ExportError::Read(e)) => {
                        read_error = Some(e);
                        Err(std::io::Error::other("a record could not be read again"))
                    }
                }
            });
            match (result, read_error) {
                (Ok(()), _) => {
                    println!("{}", crate::text::visible(&p.display().to_string()));
                    ExitCode::SUCCESS
                }
                (Err(_), Some(e)) => usage_error(&e.to_string()),
                (Err(e), None) => usage_error(&format!("cannot write {}: {e}", p.display())),
            }
        }
    }
}

fn write_stdout(source: &Source, format: export::Format, cells: Cells) -> ExitCode {
    // Exact into a file or a pipe; into a terminal, through the gate.
    let out = std::io::BufWriter::new(super::stdout_gated(match format {
        export::Format::Jsonl => Style::Json,
        export::Format::Csv => Style::Lines,
    }));
    match write_export(out, source, format, cells) {
        Ok(()) => ExitCode::SUCCESS,
        Err(ExportError::Read(e)) => usage_error(&e.to_string()),
        // A closed pipe: nothing to say.
        Err(ExportError::Write(_)) => ExitCode::FAILURE,
    }
}

/// The records of one kind, read for streaming.
pub enum Source {
    /// Symptom entries.
    Entries(EntryStream),
    /// Sessions (from the history).
    Sessions(HistoryStream),
    /// Check-ins.
    Checkins(CheckinStream),
}

impl Source {
    /// Keeps the records whose moment `keep` accepts.
    fn retain(&mut self, keep: impl Fn(DateTime<FixedOffset>) -> bool) {
        match self {
            Source::Entries(s) => s.retain(keep),
            Source::Sessions(s) => s.retain(keep),
            Source::Checkins(s) => s.retain(keep),
        }
    }
}

/// Reads the file of `what` for streaming, its warnings printed as a load prints them.
fn read_for_export(paths: &Paths, what: What) -> Result<Source, ExitCode> {
    let dir = &paths.data_dir;
    match what {
        What::Entries => {
            let log = SymptomLog::new(dir);
            warned(log.store(), log.stream(), EntryStream::read).map(Source::Entries)
        }
        What::Sessions => {
            let store = crate::history::store(dir);
            warned(&store, crate::history::stream(&store), HistoryStream::read)
                .map(Source::Sessions)
        }
        What::Checkins => {
            let log = CheckinLog::new(dir);
            warned(log.store(), log.stream(), CheckinStream::read).map(Source::Checkins)
        }
    }
}

/// Writes the records in `format`, each as it is read.
pub fn write_export(
    out: impl Write,
    source: &Source,
    format: export::Format,
    cells: Cells,
) -> Result<(), ExportError> {
    use export::Format::{Csv, Jsonl};
    match (source, format) {
        (Source::Entries(s), Csv) => export::entries_csv(out, s.entries(), cells),
        (Source::Entries(s), Jsonl) => export::jsonl(out, s.entries()),
        (Source::Sessions(s), Csv) => export::sessions_csv(out, s.sessions(), cells),
        (Source::Sessions(s), Jsonl) => export::jsonl(out, s.sessions()),
        (Source::Checkins(s), Csv) => export::checkins_csv(out, s.checkins(), cells),
        (Source::Checkins(s), Jsonl) => export::jsonl(out, s.checkins()),
    }
}
