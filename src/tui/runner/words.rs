//! The runner's words: a phase's title and position ("left side, set 2 of 3"), the clock and
//! label under the countdown, notices, the pose drawing to show.

use std::time::Instant;

use crate::duration::Clock;
use crate::routine::plan::{Phase, PhaseKind};
use crate::routine::{Routine, Work};
use crate::session::{Refusal, Session};
use crate::tui::runner::Notice;

pub(super) fn phase_title(routine: &Routine, phase: &Phase) -> String {
    let step = &routine.steps[phase.step].name;
    match phase.kind {
        PhaseKind::Prepare => format!("Get ready: {step}"),
        PhaseKind::Work => step.clone(),
        PhaseKind::SwitchSides => format!("Switch sides: {step}"),
        PhaseKind::Rest => "Rest".to_owned(),
    }
}

/// Where in the step the phase is: side and set ("Left · set 1/2"), then in fewer words for a
/// narrow terminal ("Left · 1/2", "L 1/2"); empty for a step of one side and one set.
pub(super) fn position_labels(routine: &Routine, phase: &Phase) -> [String; 3] {
    let step = &routine.steps[phase.step];
    let side = phase.side.label();
    let set = (step.sets > 1).then(|| format!("{}/{}", phase.set, step.sets));
    let join = |side: Option<&str>, set: Option<String>, between: &str| {
        [side.map(str::to_owned), set]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(between)
    };
    [
        join(side, set.as_ref().map(|s| format!("set {s}")), " · "),
        join(side, set.clone(), " · "),
        join(side.and_then(|s| s.get(..1)), set, " "),
    ]
}

/// A whole number of seconds, rounded up, as a countdown shows it.
pub(super) fn round_up(d: std::time::Duration) -> std::time::Duration {
    std::time::Duration::from_secs(d.as_secs() + u64::from(d.subsec_nanos() > 0))
}

/// What the runner says about a refused key or shortened heat.
pub(super) fn notice_text(notice: Notice) -> String {
    match notice {
        Notice::HeatCut(left) => format!(
            "Only {} of heat left: 20 minutes is the most in one session.",
            Clock(round_up(left))
        ),
        Notice::Refused(Refusal::HeatUsedUp) => {
            "No more heat: this session has had the 20-minute maximum.".to_owned()
        }
        Notice::Refused(Refusal::HeatDoesNotPause) => {
            "Heat does not pause: the pack keeps heating. Take it off and press q to stop."
                .to_owned()
        }
    }
}

/// [`notice_text`] in fewer words, for a narrow terminal.
pub(super) fn notice_short(notice: Notice) -> String {
    match notice {
        Notice::HeatCut(left) => format!("Only {} of heat left.", Clock(round_up(left))),
        Notice::Refused(Refusal::HeatUsedUp) => "No more heat: 20 min is the most.".to_owned(),
        Notice::Refused(Refusal::HeatDoesNotPause) => "Heat does not pause.".to_owned(),
    }
}

/// The drawing beside the clock: the step's own; during a rest the next step's (what to get
/// into); under a heat hold, the skin-check interval of this routine.
pub(super) fn drawing(routine: &Routine, session: &Session, phase: &Phase) -> Option<String> {
    let step_index = match phase.kind {
        PhaseKind::Rest => session.next_work().map(|n| n.step)?,
        _ => phase.step,
    };
    let step = &routine.steps[step_index];
    let mut text = step.art.as_ref()?.text.trim_end().to_owned();
    if phase.kind == PhaseKind::Rest {
        text = format!("next: {}\n\n{text}", step.name);
    } else if let Some(every) = step.check_every {
        text.push_str(&format!("\ncheck the skin every {}", in_words(every)));
    }
    Some(text)
}

/// A skin-check interval in words: "5 minutes", "1 minute 30 s", "45 s".
pub(super) fn in_words(d: std::time::Duration) -> String {
    let (m, s) = (d.as_secs() / 60, d.as_secs() % 60);
    let minutes = match m {
        0 => String::new(),
        1 => "1 minute".to_owned(),
        m => format!("{m} minutes"),
    };
    match (minutes.is_empty(), s) {
        (false, 0) => minutes,
        (true, s) => format!("{s} s"),
        (false, s) => format!("{minutes} {s} s"),
    }
}

/// [`in_words`] shorter: "5 min", "1 min 30 s", "45 s".
pub(super) fn in_few_words(d: std::time::Duration) -> String {
    match (d.as_secs() / 60, d.as_secs() % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// What the phase is; `longer` marks a hold lengthened for age; paced reps say which rep is
/// under way `elapsed` into the phase.
pub(super) fn phase_label(
    phase: &Phase,
    work: Work,
    longer: bool,
    elapsed: std::time::Duration,
) -> String {
    match (phase.kind, work) {
        (PhaseKind::Prepare, _) => "get ready".to_owned(),
        (PhaseKind::SwitchSides, _) => "switch sides".to_owned(),
        (PhaseKind::Rest, _) => "rest".to_owned(),
        (PhaseKind::Work, Work::Hold(_)) if longer => "hold · 30 s for 65+".to_owned(),
        (PhaseKind::Work, Work::Hold(_)) => "hold".to_owned(),
        (
            PhaseKind::Work,
            Work::Reps {
                count,
                tempo: Some(tempo),
            },
        ) if !tempo.is_zero() => {
            let rep = (elapsed.as_nanos() / tempo.as_nanos()).min(u128::from(count.max(1)) - 1) + 1;
            format!("rep {rep} of {count}")
        }
        (PhaseKind::Work, Work::Reps { count, .. }) => format!("{count} reps"),
    }
}

/// The big number: the countdown, or for counted reps the number to do, or for paced reps the
/// countdown (the rep number is in the label).
pub(super) fn clock_text(session: &Session, phase: &Phase, now: Instant, work: Work) -> String {
    match session.remaining(now) {
        Some(left) => {
            // Show whole seconds rounded up, so "0:01" is the last second and "0:00" never lingers.
            let secs = left.as_secs() + u64::from(left.subsec_nanos() > 0);
            Clock(std::time::Duration::from_secs(secs)).to_string()
        }
        None => match (phase.kind, work) {
            (PhaseKind::Work, Work::Reps { count, .. }) => count.to_string(),
            _ => String::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_names_side_and_set_in_fewer_words_when_narrow() {
        let phase = Phase {
            kind: PhaseKind::Work,
            step: 0,
            set: 1,
            side: crate::routine::plan::Side::Left,
            duration: None,
        };
        let routine = crate::routine::parse(
            "t",
            "t.toml",
            "name = \"t\"\nkind = \"stretch\"\n[[steps]]\nname = \"a\"\nhold = \"30s\"\nsides = \"left-right\"\nsets = 2\n",
            crate::routine::Origin::Bundled,
            &|_| None,
        )
        .unwrap();
        assert_eq!(
            position_labels(&routine, &phase),
            ["Left · set 1/2", "Left · 1/2", "L 1/2"]
        );
    }
}
