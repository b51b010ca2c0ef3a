//! The flare plan from the command line: `knotless programme flare on|off`, and the offer (or the
//! end) of the flare plan after a pain rating is logged.

use std::io::Write;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};

use super::{Loaded, load, usage_error};
use crate::flags::Moment;
use crate::id::new_id;
use crate::paths::Paths;
use crate::programme::flare;
use crate::programme::state::{FlareChange, ProgrammeRecord};

pub(super) fn set_flare(
    l: &Loaded,
    on: bool,
    now: DateTime<FixedOffset>,
) -> Result<ExitCode, ExitCode> {
    let state = l.state();
    let flags = l.inputs.evaluate(Moment::live(now));
    if on && flare::serious_flag(&flags) {
        return Err(usage_error(
            "a red flag at the emergency or urgent level is active: see `knotless flags` first; the flare plan waits",
        ));
    }
    if state.flare.is_some() == on {
        println!(
            "The flare plan is already {}.",
            if on { "on" } else { "off" }
        );
        return Ok(ExitCode::SUCCESS);
    }
    let from_pain = if on {
        l.inputs.entries.iter().max_by_key(|e| e.at).map(|e| e.pain)
    } else {
        None
    };
    l.append(&ProgrammeRecord::Flare(FlareChange {
        id: new_id(now.timestamp_millis()),
        at: now,
        on,
        from_pain,
        reason: if on {
            "switched on from the command line".into()
        } else {
            "switched off from the command line".into()
        },
    }))?;
    if on {
        println!("Flare plan on: short, gentle routines every day until the pain settles.");
        if let Some(note) = flare::see_a_doctor(&flags, from_pain) {
            println!("  {note}");
        }
    } else {
        println!("Flare plan off: your programme resumes.");
    }
    Ok(ExitCode::SUCCESS)
}

/// After a pain rating is logged: offers the flare plan (with the note to see a doctor when the
/// pain is severe on its own), or — while it is on — ends it once the pain has settled on two
/// days, or says how far it has come; prints what it did. Never offers over an emergency or
/// urgent flag.
pub fn after_log(paths: &Paths, pain: u8, now: DateTime<FixedOffset>) {
    let Ok(l) = load(paths) else { return };
    let state = l.state();
    let mut out = std::io::stdout().lock();
    if let Some(f) = &state.flare {
        match flare::settling(f, &l.ratings()) {
            flare::Settling::Ends(reason) => {
                let change = ProgrammeRecord::Flare(FlareChange {
                    id: new_id(now.timestamp_millis()),
                    at: now,
                    on: false,
                    from_pain: None,
                    reason: reason.clone(),
                });
                if l.append(&change).is_ok() {
                    let _ = writeln!(out, "Flare plan off: {reason}.");
                }
            }
            flare::Settling::OneDay(progress) => {
                let _ = writeln!(out, "Flare plan: {progress}.");
            }
            flare::Settling::NotYet => {}
        }
        return;
    }
    let flags = l.inputs.evaluate(Moment::live(now));
    if let flare::Advice::Offer { reason, from_pain } = flare::offer(
        flare::Trigger::Logged(pain),
        flare::serious_flag(&flags),
        None,
    ) {
        let _ = writeln!(
            out,
            "Flare plan: {reason}. For the next days, short gentle routines every day may help more than your usual ones.\n  switch it on: knotless programme flare on"
        );
        if let Some(note) = flare::see_a_doctor(&flags, Some(from_pain)) {
            let _ = writeln!(out, "  {note}");
        }
    }
}
