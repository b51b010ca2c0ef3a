//! After any command writes an entry (`log add` today; an edit or an import would call the
//! same): the emergency and urgent flags the entry is evidence for, and the hints for it, on
//! stderr, so stdout keeps just the id for scripts. Which flags and which hints is decided in
//! `flags::notice`, which the app's form uses too; this only loads and words them for a
//! terminal. The exit code is not changed: the entry was written.

use std::io::Write;

use chrono::{DateTime, FixedOffset};

use super::add::Written;
use crate::flags::Flags;
use crate::flags::notice::{Hint, hints, told_since};
use crate::paths::Paths;
use crate::symptoms::SymptomEntry;
use crate::text::visible;
use crate::workspace::{FlareStep, Parts, Problem, Workspace};

/// Tells what the entry just written raises and what to log to make it readable by the flags,
/// asks the screening questions still open, then the flare-plan step after its rating (on
/// stdout). Nothing here can stop an emergency from being told: a broken config is reported and
/// the defaults used, a broken rules file leaves the bundled rules, an unreadable log is read as
/// this entry alone. Reads only what the flags and the flare plan need (not the history, the
/// routines or the programmes), so `log add` stays quick.
pub(super) fn after_write(paths: &Paths, written: &Written, now: DateTime<FixedOffset>) {
    let entry = &written.entry;
    let parts = Parts {
        programme: true,
        ..Parts::FLAGS
    };
    let mut ws = Workspace::load_parts(paths, now.date_naive(), parts);
    let after = ws.after_log_entry(entry, crate::id::new_id(now.timestamp_millis()), now);
    let mut err = std::io::stderr().lock();
    for problem in &ws.problems {
        if let Problem::Config(e) = problem {
            let _ = writeln!(
                err,
                "{e}\nwarning: your config was not read; red flags are checked without your profile"
            );
        }
    }
    let number = ws.config.emergency_number.as_deref();
    let _ = write_told(&mut err, Some(&after.before), &after.flags, entry, number);
    drop(err);
    written.ask_screening();
    // Then what else was wrong with the files (lines set aside, a broken rules file), as every
    // command says it; the entry is written whatever they say.
    for problem in &ws.problems {
        if !matches!(problem, Problem::Config(_)) {
            let _ = crate::cli::print_problem(problem);
        }
    }
    // The flare plan is not changed on a programme file that could not be read.
    let unreadable = ws
        .problems
        .iter()
        .any(|p| matches!(p, Problem::Unreadable { .. }));
    if unreadable {
        return;
    }
    let mut out = std::io::stdout().lock();
    match after.flare {
        FlareStep::Nothing => {}
        FlareStep::Ends { record, reason } => {
            if ws.append_programme(record).is_ok() {
                let _ = writeln!(out, "Flare plan off: {}.", visible(&reason));
            }
        }
        FlareStep::Progress(progress) => {
            let _ = writeln!(out, "Flare plan: {}.", visible(&progress));
        }
        FlareStep::Offer {
            reason,
            see_a_doctor,
            ..
        } => {
            let _ = writeln!(
                out,
                "Flare plan: {}. For the next days, short gentle routines every day may help more than your usual ones.\n  switch it on: knotless programme flare on",
                visible(&reason)
            );
            if let Some(note) = see_a_doctor {
                let _ = writeln!(out, "  {note}");
            }
        }
    }
}

/// The flags `entry` is evidence for (emergency and urgent; see `flags::notice::told_since`
/// for `before`, the flags without it), each with its level, headline and action; then the
/// hints. Text from rule files passes the terminal gate.
fn write_told(
    err: &mut impl Write,
    before: Option<&Flags>,
    flags: &Flags,
    entry: &SymptomEntry,
    number: Option<&str>,
) -> std::io::Result<()> {
    let raised = told_since(before, flags, &entry.id);
    // Flags of one level with the same action (a fall at 76 with thin bones raises several)
    // name what was logged each, and the action once, after the last of them.
    for (i, f) in raised.iter().enumerate() {
        let action = f.rule.action_text(number);
        writeln!(err, "{}: {}", f.rule.level.label(), visible(&f.rule.title))?;
        let same_next = raised.get(i + 1).is_some_and(|next| {
            next.rule.level == f.rule.level && next.rule.action_text(number) == action
        });
        if !same_next {
            writeln!(err, "  What to do: {}", visible(&action))?;
        }
    }
    if !raised.is_empty() {
        writeln!(
            err,
            "  Run `knotless flags` to see why, and the entries behind it."
        )?;
    }
    for hint in hints(entry) {
        writeln!(err, "Hint: {}", hint.for_command_line())?;
        if matches!(hint, Hint::Where { .. }) {
            writeln!(
                err,
                "  To add the place: knotless log rm {id}, then log it again with --area.",
                id = entry.id
            )?;
        }
    }
    Ok(())
}
