//! After any command writes an entry (`log add` today; an edit or an import would call the
//! same): the emergency and urgent flags the entry is evidence for, and the hints for it, on
//! stderr, so stdout keeps just the id for scripts. Which flags and which hints is decided in
//! `flags::notice`, which the app's form uses too; this only loads and words them for a
//! terminal. The exit code is not changed: the entry was written.

use std::io::Write;

use chrono::{DateTime, FixedOffset};

use crate::config::Config;
use crate::flags::notice::{Hint, hints, told_since};
use crate::flags::{AckLog, Flags, RuleSet, evaluate};
use crate::paths::Paths;
use crate::symptoms::{SymptomEntry, SymptomLog};
use crate::text::visible;

/// Tells what the entry just written raises, and what to log to make it readable by the flags.
/// Nothing here can stop an emergency from being told: a broken config is reported and the
/// defaults used, a broken rules file leaves the bundled rules.
pub fn after_write(paths: &Paths, entry: &SymptomEntry, now: DateTime<FixedOffset>) {
    let mut err = std::io::stderr().lock();
    let config = Config::load(&paths.config_file, now.date_naive()).unwrap_or_else(|e| {
        let _ = writeln!(
            err,
            "{e}\nwarning: your config was not read; red flags are checked without your profile"
        );
        Config::default()
    });
    let rules = RuleSet::load(&paths.red_flags_file());
    let entries = SymptomLog::new(&paths.data_dir)
        .load()
        .map(|c| c.entries)
        .unwrap_or_else(|_| vec![entry.clone()]);
    let acks = AckLog::new(&paths.data_dir)
        .load()
        .map(|a| a.records)
        .unwrap_or_default();
    let flags = evaluate(&entries, &config.profile, &rules.rules, &acks, now);
    let others: Vec<SymptomEntry> = entries
        .iter()
        .filter(|e| e.id != entry.id)
        .cloned()
        .collect();
    let before = evaluate(&others, &config.profile, &rules.rules, &acks, now);
    let number = config.emergency_number.as_deref();
    let _ = write_told(&mut err, Some(&before), &flags, entry, number);
}

/// The flags `entry` is evidence for (emergency and urgent; see `flags::notice::told_since`
/// for `before`, the flags without it), each with its level, headline and action; then the
/// hints. Text from rule files passes the terminal gate.
pub fn write_told(
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
