//! `knotless log add`: its flags and their value parsers, the entry it writes, and the screening
//! questions it asks after an entry with leg, foot, buttock or nerve symptoms.

use std::io::Write;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};
use clap::Args;

use super::{checked_at, parse_pain, parse_when, usage_error};
use crate::symptoms::{Onset, SymptomEntry, SymptomLog};
use crate::vocabulary::{Category, IdSet, Vocabulary};
use crate::when::When;

/// `knotless log add` flags.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Pain on the 0–10 scale (0 none, 10 worst imaginable)
    #[arg(long, allow_negative_numbers = true, value_parser = parse_pain)]
    pub(super) pain: u8,
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

/// An entry written by `log add`, and the screening questions it left open.
pub(super) struct Written {
    /// The entry.
    pub(super) entry: SymptomEntry,
    unanswered: Vec<&'static crate::vocabulary::Screening>,
}

impl Written {
    /// The screening questions still open, and how to answer them, on stderr.
    pub(super) fn ask_screening(&self) {
        if !self.unanswered.is_empty() {
            let _ = write_screening_prompt(
                &mut std::io::stderr().lock(),
                &self.unanswered,
                self.entry.pain,
                &self.entry.id,
            );
        }
    }
}

/// Writes the entry and prints its id on stdout; `Err` is the exit code when nothing was
/// written.
pub(super) fn add(
    log: &SymptomLog,
    args: AddArgs,
    now: DateTime<FixedOffset>,
) -> Result<Written, ExitCode> {
    let at = checked_at(args.at, now)?;
    if let Some(both) = args.symptoms.iter().find(|s| args.denied.contains(s)) {
        return Err(usage_error(&format!(
            "--symptom {both} and --deny {both} contradict each other; accepted: one of them \
             (--symptom {both} if you have it, --deny {both} if you do not)"
        )));
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
    let (areas, symptoms, denied, triggers, relief) =
        sets.map_err(|e| usage_error(&e.to_string()))?;
    let entry = SymptomEntry {
        edited: None,
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
        return Err(usage_error(&format!("{e} (--symptom and --deny)")));
    }
    if let Err(e) = log.save(&entry) {
        return Err(usage_error(&e.to_string()));
    }
    println!("{}", entry.id);
    let unanswered = unanswered_screening(&args.areas, &args.symptoms, &args.denied);
    Ok(Written { entry, unanswered })
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
