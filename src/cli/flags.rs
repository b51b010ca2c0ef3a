//! `knotless flags [--json] [--as-of WHEN]`: the red flags the log raises, most severe first.
//! `--as-of` a day means the end of that day. Without `--json`, a readable list with the action,
//! the reason, the evidence and the sources of each flag.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};

use super::{open, usage_error};
use crate::flags::acks::AckConflict;
use crate::flags::lapsed::Lapsed;
use crate::flags::matched::describe;
use crate::flags::notice::where_hint;
use crate::flags::{Ack, CAVEATS, Flag, Flags, Moment, evaluate_at};
use crate::paths::Paths;
use crate::symptoms::SymptomEntry;
use crate::text::{Style, visible};
use crate::when::When;
use crate::workspace::{Parts, Workspace};

/// `flags ack` / `flags unack`.
#[derive(Debug, clap::Subcommand)]
pub enum FlagsCommand {
    /// "I have had this checked": mute a raised flag until something new matches it
    Ack {
        /// The flag's id (see `knotless flags --json`)
        id: String,
    },
    /// Take back the acknowledgement of a flag, so it shows again
    Unack {
        /// The flag's id
        id: String,
    },
}

/// Runs `flags`.
pub fn run(paths: &Paths, json: bool, as_of: Option<When>) -> ExitCode {
    let moment = match as_of {
        None => Moment::live(crate::clock::wall_now()),
        Some(When::At(at)) => Moment::as_of(at),
        Some(day) => match day.end() {
            Ok(end) => Moment::as_of(end - chrono::Duration::seconds(1)),
            Err(e) => return usage_error(&format!("--as-of: {e}")),
        },
    };
    let now = moment.now;
    let ws = match open(paths, Parts::FLAGS) {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    // JSON stays exact in a file or a pipe; into a terminal, all of it passes the gate.
    let mut out = super::stdout_gated(if json { Style::Json } else { Style::Lines });
    let written = if json {
        let (flags, lapsed) = flags_and_lapsed(&ws, moment);
        let number = ws.config.emergency_number.as_deref();
        let doc = json!({
            "as_of": now,
            "flags": flags.active.iter().map(|f| flag_json(f, number)).collect::<Vec<_>>(),
            "acknowledged": flags.acknowledged.iter().map(|f| flag_json(f, number)).collect::<Vec<_>>(),
            "lapsed": lapsed.iter().map(|l| {
                let mut v = flag_json(&l.flag, number);
                v["lapsed_at"] = json!(l.at);
                v["status"] = json!(crate::flags::lapsed::WORDS);
                v
            }).collect::<Vec<_>>(),
        });
        serde_json::to_writer_pretty(&mut out, &doc)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        write_flags_text(&mut out, &ws, moment)
    };
    if written.is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// The flags at `moment`, and those that lapsed unchecked in the 30 days before it.
fn flags_and_lapsed(ws: &Workspace, moment: Moment) -> (Flags, Vec<Lapsed>) {
    let flags = ws.evaluate(moment);
    let mut lapsed = ws.lapsed(moment.now);
    // One raised again (an entry dated a little ahead counts live) is shown as raised.
    lapsed.retain(|l| flags.get(&l.flag.rule.id).is_none());
    (flags, lapsed)
}

/// What `knotless flags` prints for `ws` at `moment` (the text, not `--json`).
pub fn write_flags_text(
    out: &mut impl Write,
    ws: &Workspace,
    moment: Moment,
) -> std::io::Result<()> {
    let (flags, lapsed) = flags_and_lapsed(ws, moment);
    write_text(
        out,
        &flags,
        &lapsed,
        &evidence_entries(&flags, &lapsed, &ws.entries),
        moment.now,
        ws.config.emergency_number.as_deref(),
    )
}

/// Runs `flags ack ID` or `flags unack ID`.
pub fn run_action(paths: &Paths, action: FlagsCommand) -> ExitCode {
    let now = crate::clock::wall_now();
    let ws = match open(paths, Parts::FLAGS) {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    let flags = ws.evaluate(Moment::live(now));
    let raised = || {
        let ids: Vec<&str> = flags
            .active
            .iter()
            .chain(&flags.acknowledged)
            .map(|f| f.rule.id.as_str())
            .collect();
        if ids.is_empty() {
            "no flag is raised now".to_owned()
        } else {
            format!("raised now: {}", ids.join(", "))
        }
    };
    let mut out = std::io::stdout().lock();
    let result = match action {
        FlagsCommand::Ack { id } => {
            let Some(rule) = ws.rules.get(&id) else {
                return usage_error(&format!("no red flag has the id `{id}`; {}", raised()));
            };
            let lapsed = ws.lapsed(now);
            let lapsed_unchecked = lapsed.iter().any(|l| l.flag.rule.id == id);
            let Some(acknowledged) = flags
                .get(&id)
                .map(|f| f.acknowledged)
                .or(lapsed_unchecked.then_some(None))
            else {
                return usage_error(&format!(
                    "`{id}` ({}) is not raised by your log now, so there is nothing to \
                     acknowledge; {}",
                    visible(&rule.title),
                    raised()
                ));
            };
            if let Some(at) = acknowledged {
                writeln!(
                    out,
                    "`{}` was already acknowledged on {}, and nothing new matches it since.",
                    visible(&id),
                    at.format("%Y-%m-%d %H:%M")
                )
            } else {
                // A flag raised once per episode stays quiet until a new bout of pain.
                let until = if rule.once_per_episode() {
                    "a new bout of pain starts"
                } else {
                    "you log something new that matches it"
                };
                // Checked again under the write lock: another command or window may have
                // acknowledged it since the log was read.
                let seen = crate::flags::acks::in_force(&ws.acks, &id, now).map(|a| a.id.clone());
                match ws.ack_log().acknowledge(&id, now, seen.as_deref()) {
                    Ok(Ok(_)) => writeln!(
                        out,
                        "Acknowledged ({}): {}\nIt stays quiet until {until}. To take this back: \
                         knotless flags unack {}",
                        rule.level.id(),
                        visible(&rule.title),
                        visible(&id)
                    ),
                    Ok(Err(AckConflict::Acknowledged(ack))) => writeln!(
                        out,
                        "`{}` was already acknowledged on {} (just now, elsewhere), and nothing \
                         new matches it since.",
                        visible(&id),
                        ack.at.format("%Y-%m-%d %H:%M")
                    ),
                    Ok(Err(AckConflict::Changed(_))) => {
                        return usage_error(&format!(
                            "`{id}`'s acknowledgement changed while this ran (another window or \
                             command); nothing was saved: run it again"
                        ));
                    }
                    Err(e) => {
                        return usage_error(&format!("the acknowledgement was not saved: {e}"));
                    }
                }
            }
        }
        FlagsCommand::Unack { id } => {
            if ws.rules.get(&id).is_none() {
                return usage_error(&format!("no red flag has the id `{id}`; {}", raised()));
            }
            let Some(ack) = crate::flags::acks::in_force(&ws.acks, &id, now) else {
                return usage_error(&format!("`{id}` has no acknowledgement to take back"));
            };
            let taken = match ws.ack_log().withdraw(&id, now, &ack.id) {
                Ok(Ok(taken)) => taken,
                Ok(Err(conflict)) => {
                    let now_in_force = match conflict {
                        AckConflict::Acknowledged(a) | AckConflict::Changed(Some(a)) => format!(
                            "it is now acknowledged as of {}",
                            a.at.format("%Y-%m-%d %H:%M")
                        ),
                        AckConflict::Changed(None) => "it was taken back already".to_owned(),
                    };
                    return usage_error(&format!(
                        "`{id}`'s acknowledgement changed while this ran (another window or \
                         command): {now_in_force}; nothing was taken back"
                    ));
                }
                Err(e) => {
                    return usage_error(&format!("the acknowledgement was not taken back: {e}"));
                }
            };
            let when = ack.at.format("%Y-%m-%d %H:%M");
            let acks: Vec<Ack> = ws
                .acks
                .iter()
                .filter(|a| !taken.iter().any(|t| t.id == a.id))
                .cloned()
                .collect();
            let after = evaluate_at(
                &ws.entries,
                &ws.config.profile,
                &ws.rules.rules,
                &acks,
                Moment::live(now),
            );
            let state = match after.get(&id) {
                Some(f) if f.acknowledged.is_none() => "It shows as active again.",
                Some(_) => "An earlier acknowledgement still covers what you logged.",
                None => "Your log does not raise it now.",
            };
            if taken.len() > 1 {
                writeln!(
                    out,
                    "Took back the {} acknowledgements of `{}` (the latest made {when}). {state}",
                    taken.len(),
                    visible(&id)
                )
            } else {
                writeln!(
                    out,
                    "Took back the acknowledgement of `{}` made {when}. {state}",
                    visible(&id)
                )
            }
        }
    };
    if result.is_err() {
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
    lapsed: &[Lapsed],
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
    if !lapsed.is_empty() {
        writeln!(
            out,
            "\n{} (left their window in the last {} days; until a doctor has seen you, they \
             still matter):",
            crate::flags::lapsed::HEADING,
            crate::flags::lapsed::SHOWN_DAYS
        )?;
        for l in lapsed {
            writeln!(
                out,
                "\n{}: {} ({}, {})",
                l.flag.rule.level.id().to_uppercase(),
                visible(&l.flag.rule.title),
                crate::flags::lapsed::WORDS,
                l.at.format("%a %-d %b %Y")
            )?;
            writeln!(
                out,
                "  What to do: {}",
                visible(&l.flag.rule.action_text(number))
            )?;
            write_evidence(out, &l.flag, entries)?;
            writeln!(
                out,
                "  Once it has been checked: knotless flags ack {}",
                visible(&l.flag.rule.id)
            )?;
        }
    }
    if !flags.acknowledged.is_empty() {
        writeln!(
            out,
            "\nAcknowledged (you have had these checked; nothing new since):"
        )?;
        for f in &flags.acknowledged {
            writeln!(out, "  {} — {}", f.rule.level.id(), visible(&f.rule.title))?;
        }
    }
    // Under an emergency only its action: the caveats (false alarms, weak evidence) belong
    // with urgent and soon flags, and are left out whenever an emergency is active.
    if flags.active.iter().any(|f| !f.rule.level.shows_caveats()) {
        return Ok(());
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
    // A rule may come from the person's own file: its words pass the terminal gate.
    writeln!(
        out,
        "\n{}: {}",
        f.rule.level.id().to_uppercase(),
        visible(&f.rule.title)
    )?;
    writeln!(
        out,
        "  What to do: {}",
        visible(&f.rule.action_text(number))
    )?;
    if !f.rule.why.is_empty() {
        writeln!(out, "  Why: {}", visible(&f.rule.why))?;
    }
    write_evidence(out, f, entries)?;
    if let Some(hint) = f
        .evidence
        .iter()
        .filter_map(|e| entries.get(e.id.as_str()))
        .find_map(|e| where_hint(&e.symptoms.to_vec(), &e.areas.to_vec()))
    {
        writeln!(out, "  {}", hint.for_command_line())?;
    }
    if !f.rule.sources.is_empty() {
        writeln!(out, "  Sources: {}", visible(&f.rule.sources.join("; ")))?;
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
fn evidence_entries<'a>(
    flags: &Flags,
    lapsed: &[Lapsed],
    entries: &'a [SymptomEntry],
) -> Entries<'a> {
    let wanted: HashSet<&str> = flags
        .active
        .iter()
        .chain(&flags.acknowledged)
        .chain(lapsed.iter().map(|l| &l.flag))
        .flat_map(|f| f.evidence.iter().map(|e| e.id.as_str()))
        .collect();
    entries
        .iter()
        .filter(|e| wanted.contains(e.id.as_str()))
        .map(|e| (e.id.as_str(), e))
        .collect()
}
