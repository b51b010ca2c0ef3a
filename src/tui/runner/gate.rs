//! What holds a routine back before it starts: red flags, skin that may be numb, heat too soon
//! or too often.

use chrono::{DateTime, FixedOffset};

use crate::flags::eval::numb_skin;
use crate::flags::{Flag, Flags, Level};
use crate::history::SessionRecord;
use crate::history::heat::{HeatRest, heat_rest};
use crate::routine::{Kind, Routine};
use crate::symptoms::SymptomEntry;

/// What stands between a person and starting a routine: red flags that hold its kind back, and
/// for heat, numbness or tingling logged recently or heat used too recently or too often.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gate {
    /// Active flags that block this routine's kind, most severe first.
    pub flags: Vec<Flag>,
    /// For heat: when numbness or tingling was last logged inside the window.
    pub numb_skin: Option<DateTime<FixedOffset>>,
    /// For heat: the last session was under an hour ago, or three were done today.
    pub heat_rest: Option<HeatRest>,
}

impl Gate {
    /// The gate before `routine` at `now`, from the flags, the symptom log and the history.
    pub fn for_routine(
        routine: &Routine,
        flags: &Flags,
        entries: &[SymptomEntry],
        sessions: &[SessionRecord],
        now: DateTime<FixedOffset>,
    ) -> Gate {
        let heat = routine.kind == Kind::Heat;
        Gate {
            flags: flags.blocking(routine.kind).cloned().collect(),
            numb_skin: heat.then(|| numb_skin(entries, now)).flatten(),
            heat_rest: heat.then(|| heat_rest(sessions, now)).flatten(),
        }
    }

    /// Whether there is anything to show.
    pub fn is_empty(&self) -> bool {
        self.flags.is_empty() && self.numb_skin.is_none() && self.heat_rest.is_none()
    }

    /// Whether starting is refused outright: an emergency flag not yet acknowledged, heat on
    /// skin that may be numb, or heat before the skin has had its rest.
    pub fn refuses(&self) -> bool {
        self.numb_skin.is_some()
            || self.heat_rest.is_some()
            || self.flags.iter().any(|f| f.rule.level == Level::Emergency)
    }
}
