//! The flare plan from the command line: `knotless programme flare on|off`. (The offer, or the
//! end, after a pain rating is logged is the workspace's `after_log_entry`.)

use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};

use super::{append, usage_error};
use crate::flags::Moment;
use crate::id::new_id;
use crate::programme::flare;
use crate::programme::state::{FlareChange, ProgrammeRecord};
use crate::workspace::Workspace;

pub(super) fn set_flare(
    l: &Workspace,
    on: bool,
    now: DateTime<FixedOffset>,
) -> Result<ExitCode, ExitCode> {
    let state = l.programme_state();
    let flags = l.evaluate(Moment::live(now));
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
        l.entries.iter().max_by_key(|e| e.at).map(|e| e.pain)
    } else {
        None
    };
    append(
        l,
        &ProgrammeRecord::Flare(FlareChange {
            id: new_id(now.timestamp_millis()),
            at: now,
            on,
            from_pain,
            reason: if on {
                "switched on from the command line".into()
            } else {
                "switched off from the command line".into()
            },
        }),
    )?;
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
