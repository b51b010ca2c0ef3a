//! `knotless flags [--json] [--as-of WHEN]`: the red flags the log raises, most severe first.
//! `--as-of` a day means the end of that day. Without `--json`, a readable list with the action,
//! the reason, the evidence and the sources of each flag.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset, Local};
use serde_json::{Value, json};

use super::log::report_rejected;
use super::usage_error;
use crate::config::Config;
use crate::flags::matched::describe;
use crate::flags::{AckLog, CAVEATS, Flag, Flags, RuleSet, evaluate};
use crate::paths::Paths;
use crate::symptoms::{SymptomEntry, SymptomLog};
use crate::when::When;

/// Runs `flags`.
pub fn run(paths: &Paths, json: bool, as_of: Option<When>) -> ExitCode {
    let now = match as_of {
        None => Local::now().fixed_offset(),
        Some(When::At(at)) => at,
        Some(day) => match day.end() {
            Ok(end) => end - chrono::Duration::seconds(1),
            Err(e) => return usage_error(&format!("--as-of: {e}")),
        },
    };
    let config = match Config::load(&paths.config_file) {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "{e}");
            return ExitCode::from(super::EXIT_USAGE);
        }
    };
    let rules = RuleSet::load(&paths.red_flags_file());
    for problem in &rules.problems {
        let _ = writeln!(
            std::io::stderr(),
            "{problem}\nwarning: your red-flag rules were not loaded; the bundled rules still apply"
        );
    }
    let log = SymptomLog::new(&paths.data_dir);
    let contents = match log.load() {
        Ok(c) => c,
        Err(e) => return usage_error(&e.to_string()),
    };
    report_rejected(&log, &contents.rejected);
    let acks = AckLog::new(&paths.data_dir);
    let acks = match acks.load() {
        Ok(loaded) => loaded.records,
        Err(e) => return usage_error(&e.to_string()),
    };
    let flags = evaluate(&contents.entries, &config.profile, &rules.rules, &acks, now);
    let number = config.emergency_number.as_deref();
    let mut out = std::io::stdout().lock();
    let written = if json {
        let doc = json!({
            "as_of": now,
            "flags": flags.active.iter().map(|f| flag_json(f, number)).collect::<Vec<_>>(),
            "acknowledged": flags.acknowledged.iter().map(|f| flag_json(f, number)).collect::<Vec<_>>(),
        });
        serde_json::to_writer_pretty(&mut out, &doc)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        write_text(
            &mut out,
            &flags,
            &evidence_entries(&flags, &contents.entries),
            now,
            number,
        )
    };
    if written.is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn flag_json(f: &Flag, number: Option<&str>) -> Value {
    let mut v = json!({
        "id": f.rule.id,
        "level": f.rule.level,
        "title": f.rule.title,
        "action": f.rule.action_text(number),
        "why": f.rule.why,
        "sources": f.rule.sources,
        "blocks": f.rule.blocks,
        "evidence": f.evidence,
    });
    if let Some(at) = f.acknowledged {
        v["acknowledged_at"] = json!(at);
    }
    v
}

fn write_text(
    out: &mut impl Write,
    flags: &Flags,
    entries: &Entries,
    now: DateTime<FixedOffset>,
    number: Option<&str>,
) -> std::io::Result<()> {
    let when = now.format("%Y-%m-%d %H:%M");
    if flags.active.is_empty() {
        writeln!(out, "No red flags in your log as of {when}.")?;
    } else {
        writeln!(
            out,
            "Red flags in your log as of {when}, most severe first:"
        )?;
    }
    for f in &flags.active {
        write_flag(out, f, entries, number)?;
    }
    if !flags.acknowledged.is_empty() {
        writeln!(
            out,
            "\nAcknowledged (you have had these checked; nothing new since):"
        )?;
        for f in &flags.acknowledged {
            writeln!(out, "  {} — {}", f.rule.level.id(), f.rule.title)?;
        }
    }
    writeln!(out)?;
    for caveat in CAVEATS {
        writeln!(out, "{caveat}")?;
    }
    Ok(())
}

fn write_flag(
    out: &mut impl Write,
    f: &Flag,
    entries: &Entries,
    number: Option<&str>,
) -> std::io::Result<()> {
    writeln!(
        out,
        "\n{}: {}",
        f.rule.level.id().to_uppercase(),
        f.rule.title
    )?;
    writeln!(out, "  What to do: {}", f.rule.action_text(number))?;
    if !f.rule.why.is_empty() {
        writeln!(out, "  Why: {}", f.rule.why)?;
    }
    write_evidence(out, f, entries)?;
    if !f.rule.sources.is_empty() {
        writeln!(out, "  Sources: {}", f.rule.sources.join("; "))?;
    }
    Ok(())
}

/// The entries behind a flag, one a line: when, and what in it matched, in the vocabulary's
/// words ("Tue 24 Nov 2026 09:30 — Numbness; Leg, left"). The id stays in `--json`.
fn write_evidence(out: &mut impl Write, f: &Flag, entries: &Entries) -> std::io::Result<()> {
    writeln!(out, "  From your entries:")?;
    for e in &f.evidence {
        let when = e.at.format("%a %-d %b %Y %H:%M");
        match entries.get(e.id.as_str()) {
            Some(entry) => writeln!(out, "    {when} — {}", describe(&f.rule, entry))?,
            None => writeln!(out, "    {when}")?,
        }
    }
    Ok(())
}

/// The entries behind the flags, by id.
type Entries<'a> = HashMap<&'a str, &'a SymptomEntry>;

/// The entries that some flag names as evidence, found in one pass over the log.
fn evidence_entries<'a>(flags: &Flags, entries: &'a [SymptomEntry]) -> Entries<'a> {
    let wanted: HashSet<&str> = flags
        .active
        .iter()
        .chain(&flags.acknowledged)
        .flat_map(|f| f.evidence.iter().map(|e| e.id.as_str()))
        .collect();
    entries
        .iter()
        .filter(|e| wanted.contains(e.id.as_str()))
        .map(|e| (e.id.as_str(), e))
        .collect()
}
