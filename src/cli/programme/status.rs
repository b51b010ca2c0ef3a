//! `knotless programme status`: the running programme's week, today's routines with their
//! levels, and the dose offers (a step back is applied at once).

use std::io::Write;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};

use super::{append, list};
use crate::flags::Moment;
use crate::id::new_id;
use crate::programme::state::{Direction, ProgrammeRecord, ProgrammeState};
use crate::programme::{Decision, schedule};
use crate::programme::{flare, offer};
use crate::text::{visible, visible_lines};
use crate::workspace::Workspace;

pub(super) fn status(l: &Workspace, now: DateTime<FixedOffset>) -> Result<ExitCode, ExitCode> {
    let mut state = l.programme_state();
    let mut out = std::io::stdout().lock();
    let today = now.date_naive();
    // A step back is applied at once (it is the safe direction) and said with its reason.
    for d in l.decisions(&state, now) {
        if let Decision::StepBack { .. } = d.decision
            && let Some(change) =
                offer::record_for(&d, Direction::Down, new_id(now.timestamp_millis()), now)
        {
            append(l, &ProgrammeRecord::Dose(change.clone()))?;
            let _ = writeln!(
                out,
                "{}: back to level {}: {}",
                visible(&d.name),
                change.to,
                visible(&change.reason)
            );
            state = ProgrammeState::fold(
                &[l.programme.clone(), vec![ProgrammeRecord::Dose(change)]].concat(),
                None,
            );
        }
    }
    if let Some(active) = &state.active
        && active.start_date > today
        && state.flare.is_none()
    {
        let name = l
            .programmes
            .get(&active.programme)
            .map_or(active.programme.as_str(), |p| p.name.as_str());
        let _ = writeln!(
            out,
            "{} starts on {}; until then Today follows your [[plan]].",
            crate::text::visible(name),
            active.start_date.format("%a %-d %b %Y")
        );
        return Ok(ExitCode::SUCCESS);
    }
    let Some(day) = schedule::day(&l.programmes, &state, today) else {
        let _ = writeln!(
            out,
            "No programme is running. Start one with `knotless programme start ID`:"
        );
        drop(out);
        return list(l);
    };
    if let Some(name) = &day.programme {
        let _ = write!(out, "{}", visible(name));
        if let Some(pos) = day.position {
            let _ = write!(out, " · week {} of {}", pos.week, pos.weeks);
            if pos.finished {
                let _ = write!(out, " (finished: the last week repeats)");
            }
        }
        let _ = writeln!(out);
    }
    if day.flare {
        let _ = writeln!(out, "Flare plan on.");
        let flags = l.evaluate(Moment::live(now));
        if let Some(note) = flare::see_a_doctor(&flags, state.flare.and_then(|f| f.from_pain)) {
            let _ = writeln!(out, "  {note}");
        }
    }
    if !day.note.is_empty() {
        let _ = writeln!(out, "{}", visible_lines(&day.note));
    }
    let _ = writeln!(out, "\nToday ({})", today.format("%a %-d %b"));
    if day.due.is_empty() {
        let _ = writeln!(out, "  a rest day");
    }
    for due in &day.due {
        let name = l
            .library
            .get(&due.routine)
            .map_or(due.routine.as_str(), |r| r.name.as_str());
        // Done by the one rule Today follows: every step done (not merely run to the end).
        let done = l
            .sessions
            .iter()
            .any(|s| s.routine == due.routine && s.started.date_naive() == today && s.done());
        let _ = writeln!(
            out,
            "  {} {} · level {}",
            if done { "✓" } else { "·" },
            visible(name),
            due.level
        );
    }
    let decisions = l.decisions(&state, now);
    if !decisions.is_empty() {
        let _ = writeln!(out, "\nDose");
    }
    // A reason that holds every routine alike (the flare plan, a red flag) is said once.
    if let [first, rest @ ..] = decisions.as_slice()
        && !rest.is_empty()
        && decisions
            .iter()
            .all(|d| matches!(d.decision, Decision::Stay { .. }) && d.decision == first.decision)
    {
        let _ = writeln!(
            out,
            "  every routine stays at its level: {}",
            visible(first.decision.reason())
        );
        return Ok(ExitCode::SUCCESS);
    }
    for d in decisions {
        match &d.decision {
            Decision::Offer { to, change, reason } => {
                let _ = writeln!(
                    out,
                    "  {} · level {} → {to} offered ({}): {}\n    go up: knotless programme up {}   stay: knotless programme stay {}",
                    visible(&d.name),
                    d.level,
                    change.label(),
                    visible(reason),
                    visible(&d.routine),
                    visible(&d.routine)
                );
            }
            decision => {
                let _ = writeln!(
                    out,
                    "  {} · level {}: {}",
                    visible(&d.name),
                    d.level,
                    visible(decision.reason())
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
