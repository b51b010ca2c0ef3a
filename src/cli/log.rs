//! `knotless log add|list|rm`: the symptom log from the command line. Everything is validated
//! before anything is written; bad input exits 2 naming the flag and the accepted values.

use std::io::Write;
use std::process::ExitCode;

use chrono::{DateTime, Datelike, FixedOffset, Offset};
use clap::{Args, Subcommand};

use super::usage_error;
use crate::paths::Paths;
use crate::store::{JsonlStore, LoadNotes, RejectedLine};
use crate::symptoms::{LogContents, Onset, SymptomEntry, SymptomLog};
use crate::vocabulary::{Category, IdSet, Vocabulary};
use crate::when::When;

/// `knotless log …`
#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// Add an entry; prints its id
    Add(AddArgs),
    /// List entries in time order
    List {
        /// Only entries from this day or moment on
        #[arg(long, value_name = "DATE", value_parser = parse_when)]
        since: Option<When>,
        /// Only entries up to this day (inclusive) or moment
        #[arg(long, value_name = "DATE", value_parser = parse_when)]
        until: Option<When>,
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// The weekly check-in (PEG): pain, and how much it got in the way of enjoyment and activity
    Checkin(CheckinArgs),
    /// Delete an entry by id (or a unique start of it: 6 characters or more, any case)
    Rm {
        /// The entry's id, as printed by `log add` or `log list`, or its first 6+ characters
        id: String,
    },
}

/// `knotless log checkin` flags: the three PEG answers for the past week.
#[derive(Debug, Args)]
pub struct CheckinArgs {
    /// Average pain in the past week, 0 (none) to 10 (worst imaginable)
    #[arg(long, allow_negative_numbers = true, value_parser = parse_pain)]
    pain: u8,
    /// How much pain got in the way of enjoying life, 0 (not at all) to 10 (completely)
    #[arg(long, allow_negative_numbers = true, value_parser = parse_interference)]
    enjoyment: u8,
    /// How much pain got in the way of general activity, 0 (not at all) to 10 (completely)
    #[arg(long, allow_negative_numbers = true, value_parser = parse_interference)]
    activity: u8,
    /// When [default: now]
    #[arg(long, value_name = "WHEN", value_parser = parse_when)]
    at: Option<When>,
}

fn parse_interference(text: &str) -> Result<u8, String> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|p| *p <= 10)
        .ok_or_else(|| {
            "accepted values: a whole number from 0 (not at all) to 10 (completely)".to_owned()
        })
}

/// `knotless log add` flags.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Pain on the 0–10 scale (0 none, 10 worst imaginable)
    #[arg(long, allow_negative_numbers = true, value_parser = parse_pain)]
    pain: u8,
    /// When you felt it [default: now]
    #[arg(long, value_name = "WHEN", value_parser = parse_when)]
    at: Option<When>,
    /// How it began: sudden or gradual
    #[arg(long, value_parser = parse_onset)]
    onset: Option<Onset>,
    /// Where (repeatable): lower-back, leg-left, …
    #[arg(long = "area", value_name = "ID", value_parser = vocabulary_id(Category::Area))]
    areas: Vec<String>,
    /// What you feel (repeatable): knot, stiffness, numbness, …
    #[arg(long = "symptom", value_name = "ID", value_parser = vocabulary_id(Category::Symptom))]
    symptoms: Vec<String>,
    /// A screening question answered "no" (repeatable): saddle-numbness, bladder-change,
    /// bowel-change, sexual-change
    #[arg(long = "deny", value_name = "ID", value_parser = screening_id)]
    denied: Vec<String>,
    /// What set it off (repeatable): sitting, lifting, …
    #[arg(long = "trigger", value_name = "ID", value_parser = vocabulary_id(Category::Trigger))]
    triggers: Vec<String>,
    /// What helped (repeatable): heat, stretching, …
    #[arg(long = "relief", value_name = "ID", value_parser = vocabulary_id(Category::Relief))]
    relief: Vec<String>,
    /// Anything else, in your words
    #[arg(long, default_value = "")]
    note: String,
}

pub(super) fn parse_when(text: &str) -> Result<When, String> {
    When::parse(text).map_err(|e| e.to_string())
}

fn parse_pain(text: &str) -> Result<u8, String> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|p| *p <= 10)
        .ok_or_else(|| {
            "accepted values: a whole number from 0 (no pain) to 10 (worst imaginable)".to_owned()
        })
}

fn parse_onset(text: &str) -> Result<Onset, String> {
    match text {
        "sudden" => Ok(Onset::Sudden),
        "gradual" => Ok(Onset::Gradual),
        _ => Err(format!("accepted values: {}", Onset::ACCEPTED)),
    }
}

fn vocabulary_id(category: Category) -> impl Fn(&str) -> Result<String, String> + Clone {
    move |id: &str| {
        Vocabulary::bundled()
            .check(category, id)
            .map(|()| id.to_owned())
            .map_err(|e| e.to_string())
    }
}

/// A `--deny` value: only the screening questions can be answered "no".
fn screening_id(id: &str) -> Result<String, String> {
    let vocabulary = Vocabulary::bundled();
    if vocabulary.screening.iter().any(|q| q.symptom == id) {
        return Ok(id.to_owned());
    }
    let accepted = screening_ids().join(", ");
    Err(match vocabulary.check(Category::Symptom, id) {
        Ok(()) => format!(
            "`{id}` is not a screening question, so it cannot be denied (leave it out, or log it \
             with --symptom {id}); accepted values: {accepted}"
        ),
        Err(_) => format!("`{id}` is not a screening question; accepted values: {accepted}"),
    })
}

fn screening_ids() -> Vec<&'static str> {
    Vocabulary::bundled()
        .screening
        .iter()
        .map(|q| q.symptom.as_str())
        .collect()
}

/// How far ahead of this computer's clock `--at` may be: clocks of two machines, or of a phone
/// someone reads the time from, differ by seconds, so "now" written by hand must not be refused.
pub const CLOCK_SKEW: chrono::TimeDelta = chrono::TimeDelta::minutes(1);

/// The earliest year `--at` accepts: anything before is a typo, not a memory.
pub const FIRST_YEAR: i32 = 1900;

/// Runs a `log` subcommand.
pub fn run(paths: &Paths, command: LogCommand) -> ExitCode {
    let log = SymptomLog::new(&paths.data_dir);
    match command {
        LogCommand::Add(args) => {
            let now = crate::clock::wall_now();
            let pain = args.pain;
            let code = add(&log, args, now);
            if code == ExitCode::SUCCESS {
                super::programme::after_log(paths, pain, now);
            }
            code
        }
        LogCommand::List { since, until, json } => list(&log, since, until, json),
        LogCommand::Checkin(args) => checkin(paths, args, crate::clock::wall_now()),
        LogCommand::Rm { id } => rm(&log, &id),
    }
}

fn load(log: &SymptomLog) -> Result<LogContents, ExitCode> {
    let contents = log.load().map_err(|e| usage_error(&e.to_string()))?;
    report_load(log.store(), &contents.rejected, &contents.notes);
    Ok(contents)
}

/// Tells the person about lines that could not be read; they are kept, never dropped.
/// Prints the warnings of a load on stderr: the first few rejected lines, a count of the
/// rest, where they are kept, a tightened permission.
pub(super) fn report_load(store: &JsonlStore, rejected: &[RejectedLine], notes: &LoadNotes) {
    let mut err = std::io::stderr().lock();
    for warning in store.warnings(rejected, notes) {
        let _ = writeln!(err, "warning: {warning}");
    }
}

fn checkin(paths: &Paths, args: CheckinArgs, now: DateTime<FixedOffset>) -> ExitCode {
    let at = match checked_at(args.at, now) {
        Ok(at) => at,
        Err(code) => return code,
    };
    let checkin = crate::checkins::Checkin {
        id: crate::id::new_id(now.timestamp_millis()),
        at,
        pain: args.pain,
        enjoyment: args.enjoyment,
        activity: args.activity,
    };
    if let Err(e) = crate::checkins::CheckinLog::new(&paths.data_dir).save(&checkin) {
        return usage_error(&e.to_string());
    }
    println!("{}", checkin.id);
    ExitCode::SUCCESS
}

/// `--at` checked: not in the future (beyond [`CLOCK_SKEW`]), not before [`FIRST_YEAR`].
fn checked_at(
    at: Option<When>,
    now: DateTime<FixedOffset>,
) -> Result<DateTime<FixedOffset>, ExitCode> {
    let at = match at.map(When::start) {
        None => now,
        Some(Ok(at)) => at,
        Some(Err(e)) => return Err(usage_error(&format!("--at: {e}"))),
    };
    let accepted = format!(
        "accepted: a time from {FIRST_YEAR}-01-01 up to now (a minute ahead of this computer's \
         clock is allowed for clocks that differ)"
    );
    if at > now + CLOCK_SKEW {
        return Err(usage_error(&format!(
            "--at {} is in the future; log what you have felt, up to now; {accepted}",
            at.format("%Y-%m-%d %H:%M")
        )));
    }
    if at.year() < FIRST_YEAR {
        return Err(usage_error(&format!(
            "--at {} is before {FIRST_YEAR}; {accepted}",
            at.format("%Y-%m-%d %H:%M")
        )));
    }
    Ok(at)
}

fn add(log: &SymptomLog, args: AddArgs, now: DateTime<FixedOffset>) -> ExitCode {
    let at = match checked_at(args.at, now) {
        Ok(at) => at,
        Err(code) => return code,
    };
    if let Some(both) = args.symptoms.iter().find(|s| args.denied.contains(s)) {
        return usage_error(&format!(
            "--symptom {both} and --deny {both} contradict each other; accepted: one of them \
             (--symptom {both} if you have it, --deny {both} if you do not)"
        ));
    }
    // The value parsers have checked every id already; this only keeps a mistake from slipping.
    let sets = (|| {
        Ok::<_, crate::vocabulary::UnknownId>((
            IdSet::parse(&args.areas)?,
            IdSet::parse(&args.symptoms)?,
            IdSet::parse(&args.denied)?,
            IdSet::parse(&args.triggers)?,
            IdSet::parse(&args.relief)?,
        ))
    })();
    let (areas, symptoms, denied, triggers, relief) = match sets {
        Ok(sets) => sets,
        Err(e) => return usage_error(&e.to_string()),
    };
    let entry = SymptomEntry {
        id: crate::id::new_id(now.timestamp_millis()),
        at,
        pain: args.pain,
        onset: args.onset,
        areas,
        symptoms,
        denied,
        triggers,
        relief,
        note: args.note.trim().to_owned(),
    };
    if let Err(e) = entry.validate() {
        return usage_error(&format!("{e} (--symptom and --deny)"));
    }
    if let Err(e) = log.save(&entry) {
        return usage_error(&e.to_string());
    }
    println!("{}", entry.id);
    let unanswered = unanswered_screening(&args.areas, &args.symptoms, &args.denied);
    if !unanswered.is_empty() {
        let _ = write_screening_prompt(
            &mut std::io::stderr().lock(),
            &unanswered,
            args.pain,
            &entry.id,
        );
    }
    ExitCode::SUCCESS
}

/// The screening questions an entry with these areas and symptoms should have answered and did
/// not: none when no leg, foot, buttock or nerve symptom was logged; a question whose symptom
/// was logged is answered "yes" already.
pub fn unanswered_screening(
    areas: &[String],
    symptoms: &[String],
    denied: &[String],
) -> Vec<&'static crate::vocabulary::Screening> {
    let vocabulary = Vocabulary::bundled();
    if !vocabulary.needs_screening(areas, symptoms) {
        return Vec::new();
    }
    vocabulary
        .screening
        .iter()
        .filter(|q| !symptoms.contains(&q.symptom) && !denied.contains(&q.symptom))
        .collect()
}

/// After an entry with leg, foot, buttock or nerve symptoms: the questions still unanswered and
/// how to answer each, on stderr (stdout keeps just the id, for scripts).
fn write_screening_prompt(
    err: &mut impl Write,
    unanswered: &[&crate::vocabulary::Screening],
    pain: u8,
    id: &str,
) -> std::io::Result<()> {
    writeln!(
        err,
        "Saved. With leg, foot, buttock or nerve symptoms, please also answer these screening \
         questions:"
    )?;
    for q in unanswered {
        writeln!(err, "  {}", q.question)?;
        writeln!(
            err,
            "      yes: --symptom {id}    no: --deny {id}",
            id = q.symptom
        )?;
    }
    let answers: Vec<String> = unanswered
        .iter()
        .map(|q| format!("--deny {}", q.symptom))
        .collect();
    writeln!(
        err,
        "A yes to any of them is a sign to act on now: log it (knotless log add --pain {pain} \
         --symptom ID) and run `knotless flags` for what to do."
    )?;
    writeln!(
        err,
        "To keep your answers with this entry, delete it (knotless log rm {id}) and add it again \
         with them, for example: {}",
        answers.join(" ")
    )
}

fn list(log: &SymptomLog, since: Option<When>, until: Option<When>, json: bool) -> ExitCode {
    let until_given = until;
    if let Err(e) = crate::when::check_range(since, until) {
        return usage_error(&e);
    }
    let contents = match load(log) {
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
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
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

fn write_table(out: &mut impl Write, entries: &[&SymptomEntry]) -> std::io::Result<()> {
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
            clip(&e.areas.join(", "), 28),
            clip(&e.symptoms.join(", "), 28),
            crate::text::visible(note.next().unwrap_or(""))
        )?;
        for line in note {
            writeln!(out, "{indent}{}", crate::text::visible(line))?;
        }
    }
    Ok(())
}

fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(width - 1).collect();
        s.push('…');
        s
    }
}

/// The shortest id prefix `log rm` accepts.
const MIN_PREFIX: usize = 6;

fn rm(log: &SymptomLog, id: &str) -> ExitCode {
    let contents = match load(log) {
        Ok(c) => c,
        Err(code) => return code,
    };
    // Ids are upper-case Crockford base32; a prefix copied in lower case is the same id.
    let raw = id.trim();
    let upper = raw.to_ascii_uppercase();
    let id = upper.as_str();
    if id.chars().count() < MIN_PREFIX && !contents.entries.iter().any(|e| e.id == raw) {
        return usage_error(&format!(
            "`{id}` is too short to pick an entry: give at least {MIN_PREFIX} characters of the \
             id (see `knotless log list` for ids)"
        ));
    }
    let matches: Vec<&SymptomEntry> = contents
        .entries
        .iter()
        .filter(|e| e.id == raw || e.id.to_ascii_uppercase().starts_with(id))
        .collect();
    let entry = match matches.as_slice() {
        [one] => *one,
        [] => {
            return usage_error(&format!(
                "no entry with id `{id}` (see `knotless log list` for ids)"
            ));
        }
        _ => {
            return usage_error(&format!(
                "`{id}` matches {} entries; give more of the id",
                matches.len()
            ));
        }
    };
    if let Err(e) = log.delete(&entry.id) {
        return usage_error(&e.to_string());
    }
    println!(
        "deleted {} ({}, pain {})",
        entry.id,
        entry.at.format("%Y-%m-%d %H:%M"),
        entry.pain
    );
    ExitCode::SUCCESS
}
