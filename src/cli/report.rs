//! `knotless report` (the appointment report), `knotless export` (records for a spreadsheet or
//! another program) and what they share: loading every data file once, and turning
//! `--since`/`--until` into a period. Bad flags are refused (exit 2) before anything is written.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Duration, FixedOffset};

use super::log::report_load;
use super::usage_error;
use crate::checkins::{Checkin, CheckinLog};
use crate::config::Config;
use crate::flags::{Ack, AckLog, RuleSet};
use crate::history::{BreakRecord, SessionRecord};
use crate::paths::Paths;
use crate::report::export::{self, What};
use crate::report::{Inputs, Period};
pub use crate::report::{ReportFormat, default_name, open_in_browser, render, write_private};
use crate::routine::Library;
use crate::symptoms::{SymptomEntry, SymptomLog};
use crate::when::When;

/// `knotless report` flags.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// From this day or moment [default: 90 days ago]
    #[arg(long, value_name = "WHEN", value_parser = super::log::parse_when)]
    pub since: Option<When>,
    /// Up to this day (inclusive) or moment [default: today]
    #[arg(long, value_name = "WHEN", value_parser = super::log::parse_when)]
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
    #[arg(long, value_name = "WHEN", value_parser = super::log::parse_when)]
    pub since: Option<When>,
    /// Up to this day (inclusive) or moment [default: the last record]
    #[arg(long, value_name = "WHEN", value_parser = super::log::parse_when)]
    pub until: Option<When>,
    /// Where to write it [default: stdout]
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Every data file, loaded once; problems reported on stderr.
pub struct Data {
    /// The config (profile, plan, emergency number).
    pub config: Config,
    /// Red-flag rules.
    pub rules: RuleSet,
    /// The symptom log, in time order.
    pub entries: Vec<SymptomEntry>,
    /// Sessions, in time order.
    pub sessions: Vec<SessionRecord>,
    /// Posture breaks, in time order.
    pub breaks: Vec<BreakRecord>,
    /// Check-ins, in time order.
    pub checkins: Vec<Checkin>,
    /// Acknowledgements in force.
    pub acks: Vec<Ack>,
    /// Routine names by id.
    pub names: HashMap<String, String>,
    /// The programme's records (dose changes, the flare plan).
    pub programme: Vec<crate::programme::state::ProgrammeRecord>,
}

impl Data {
    /// Loads everything in `paths`.
    pub fn load(paths: &Paths) -> Result<Data, ExitCode> {
        let (config, rules, contents) = super::flags::config_rules_and_log(paths)?;
        let (sessions, breaks) = load_history(&paths.data_dir)?;
        let checkin_log = CheckinLog::new(&paths.data_dir);
        let checkins = checkin_log
            .load()
            .map_err(|e| usage_error(&e.to_string()))?;
        report_load(checkin_log.store(), &checkins.rejected, &checkins.notes);
        let ack_log = AckLog::new(&paths.data_dir);
        let acks = ack_log.load().map_err(|e| usage_error(&e.to_string()))?;
        report_load(ack_log.store(), &acks.rejected, &acks.notes);
        let programme_store = crate::programme::state::store(&paths.data_dir);
        let programme = programme_store
            .load()
            .map_err(|e| usage_error(&e.to_string()))?;
        report_load(&programme_store, &programme.rejected, &programme.notes);
        let programme = programme.records;
        let library = Library::load(&paths.routine_dirs());
        let names = library
            .ids()
            .into_iter()
            .filter_map(|id| library.get(id).map(|r| (id.to_owned(), r.name.clone())))
            .collect();
        Ok(Data {
            config,
            rules,
            entries: contents.entries,
            sessions,
            breaks,
            checkins: checkins.records,
            acks: acks.records,
            names,
            programme,
        })
    }

    /// What the report is computed from.
    pub fn inputs(&self, show_profile: bool) -> Inputs<'_> {
        Inputs {
            entries: &self.entries,
            sessions: &self.sessions,
            breaks: &self.breaks,
            checkins: &self.checkins,
            acks: &self.acks,
            rules: &self.rules.rules,
            profile: &self.config.profile,
            show_profile,
            plan: &self.config.plan,
            routine_names: &self.names,
            emergency_number: self.config.emergency_number.as_deref(),
            programme: &self.programme,
        }
    }
}

/// Sessions and breaks from `history.jsonl`, each in time order (a session recorded as it ran
/// counts once, as its last line says); problems on stderr.
pub fn load_history(data_dir: &Path) -> Result<(Vec<SessionRecord>, Vec<BreakRecord>), ExitCode> {
    let store = crate::history::store(data_dir);
    let loaded = crate::history::load(&store).map_err(|e| usage_error(&e.to_string()))?;
    report_load(&store, &loaded.rejected, &loaded.notes);
    let mut breaks = loaded.breaks;
    breaks.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    Ok((loaded.sessions, breaks))
}

/// The period from `--since` and `--until`: a day given to `--until` includes the whole day, a
/// moment includes that moment. Without `--since`, `default_days` days ending today (or from
/// the beginning of time when `None`); without `--until`, the end of today.
pub fn period(
    since: Option<When>,
    until: Option<When>,
    default_days: Option<i64>,
    now: DateTime<FixedOffset>,
) -> Result<Period, String> {
    let today = When::Day(now.date_naive());
    let until_at = match until {
        Some(When::At(at)) => at + Duration::nanoseconds(1),
        Some(day) => day.end().map_err(|e| format!("--until: {e}"))?,
        None => today.end().map_err(|e| e.to_string())?,
    };
    let since_at = match (since, default_days) {
        (Some(s), _) => s.start().map_err(|e| format!("--since: {e}"))?,
        (None, Some(days)) => {
            let last = (until_at - Duration::seconds(1)).date_naive();
            When::Day(last - Duration::days(days - 1))
                .start()
                .map_err(|e| e.to_string())?
        }
        (None, None) => DateTime::<FixedOffset>::MIN_UTC.fixed_offset(),
    };
    if since_at >= until_at {
        return Err(format!(
            "--since {} is after --until {}; accepted: a --since before the --until (a day given \
             to --until includes the whole day)",
            since_at.format("%Y-%m-%d %H:%M %:z"),
            (until_at - Duration::nanoseconds(1)).format("%Y-%m-%d %H:%M %:z"),
        ));
    }
    Ok(Period {
        since: since_at,
        until: until_at,
    })
}

/// Runs `report`.
pub fn run_report(paths: &Paths, args: ReportArgs) -> ExitCode {
    let now = crate::clock::wall_now();
    let period = match period(args.since, args.until, Some(90), now) {
        Ok(p) => p,
        Err(e) => return usage_error(&e),
    };
    if args.open && args.output.as_deref() == Some(Path::new("-")) {
        return usage_error(
            "--open needs a file to open; accepted: --open with -o FILE or without -o",
        );
    }
    let data = match Data::load(paths) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let text = match render(&data.inputs(!args.no_profile), period, now, args.format) {
        Ok(t) => t,
        Err(e) => return usage_error(&format!("the report could not be written: {e}")),
    };
    match args.output.as_deref() {
        Some(p) if p == Path::new("-") => {
            let mut out = std::io::stdout().lock();
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
                let _ = writeln!(std::io::stderr(), "warning: could not open it: {e}");
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
    let out = std::io::BufWriter::new(std::io::stdout().lock());
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
    Ok(match what {
        What::Entries => {
            let log = SymptomLog::new(&paths.data_dir);
            let contents = log.load().map_err(|e| usage_error(&e.to_string()))?;
            report_load(log.store(), &contents.rejected, &contents.notes);
            Records::Entries(contents.entries)
        }
        What::Sessions => Records::Sessions(load_history(&paths.data_dir)?.0),
        What::Checkins => {
            let log = CheckinLog::new(&paths.data_dir);
            let loaded = log.load().map_err(|e| usage_error(&e.to_string()))?;
            report_load(log.store(), &loaded.rejected, &loaded.notes);
            Records::Checkins(loaded.records)
        }
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
