//! The routines section: sessions and minutes per week, how often the daily plan was done, each
//! routine's pain before and after, the programme's dose changes and flare plan; and the posture
//! breaks taken, snoozed or skipped.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::common::{monday, name_of, r1};
use super::{
    BreaksOut, ChangeOut, EffectOut, Inputs, Period, PlanOut, RoutinesOut, TOO_FEW, WeekRoutines,
};
use crate::history::{BreakOutcome, BreakRecord, SessionRecord};
use crate::routine::Kind;

pub(super) fn routines(
    inputs: &Inputs<'_>,
    sessions: &[&SessionRecord],
    period: Period,
    now: DateTime<FixedOffset>,
) -> RoutinesOut {
    let mut weeks: BTreeMap<NaiveDate, WeekRoutines> = BTreeMap::new();
    for s in sessions {
        let week = monday(s.started.date_naive());
        let slot = weeks.entry(week).or_insert(WeekRoutines {
            week,
            sessions: 0,
            stretch_minutes: 0,
            heat_minutes: 0,
            posture_break_minutes: 0,
        });
        slot.sessions += 1;
        let minutes = match s.kind {
            Kind::Stretch => &mut slot.stretch_minutes,
            Kind::Heat => &mut slot.heat_minutes,
            Kind::PostureBreak => &mut slot.posture_break_minutes,
        };
        // Summed in seconds below would be exact; minutes per session rounded is what a person
        // reads on the History screen too.
        *minutes += (s.active_seconds + 30) / 60;
    }

    // Plan adherence: each day of the period up to today on which Today asked for something
    // (the programme when one ran, else the `[[plan]]`), and on how many all of it was done.
    let asked = crate::programme::asked::Asked {
        programmes: inputs.programmes,
        records: inputs.programme,
        plan: inputs.plan,
        sessions: inputs.sessions,
    }
    .adherence(period.first_day(), period.last_day().min(now.date_naive()));
    let plan = PlanOut {
        days_planned: asked.days_asked,
        days_done: asked.days_done,
    };

    let by_routine = crate::history::stats::tally(sessions.iter().copied());
    let mut effects: Vec<EffectOut> = by_routine
        .into_iter()
        .map(|(routine, t)| {
            let (n, rated, before, after) = (t.sessions, t.rated, t.before, t.after);
            let mean = |sum: u32| (rated > 0).then(|| r1(f64::from(sum) / rated as f64));
            let change = (rated >= TOO_FEW)
                .then(|| r1((f64::from(after) - f64::from(before)) / rated as f64));
            let verdict = match change {
                None => format!("too few to tell ({rated} rated, {TOO_FEW} needed)"),
                Some(c) if c <= -2.0 => "eased by 2 or more: a clear drop".to_owned(),
                Some(c) if c < 0.0 => "eased a little".to_owned(),
                Some(c) if c >= 2.0 => "worse by 2 or more".to_owned(),
                Some(c) if c > 0.0 => "a little worse".to_owned(),
                Some(_) => "no change".to_owned(),
            };
            EffectOut {
                routine: routine.to_owned(),
                name: name_of(inputs.routine_names, routine),
                sessions: n,
                rated,
                before: mean(before),
                after: mean(after),
                change,
                verdict,
            }
        })
        .collect();
    effects.sort_by(|a, b| {
        crate::history::stats::helps_first(
            (a.change, a.sessions, &a.routine),
            (b.change, b.sessions, &b.routine),
        )
    });
    use crate::programme::state::{Direction, ProgrammeRecord};
    let changes = crate::programme::state::changes_between(
        inputs.programme,
        Some(period.since),
        Some(period.until),
    )
    .into_iter()
    .filter_map(|r| match r {
        ProgrammeRecord::Dose(d) => Some(ChangeOut {
            at: d.at,
            routine: Some(
                inputs
                    .routine_names
                    .get(&d.routine)
                    .cloned()
                    .unwrap_or_else(|| d.routine.clone()),
            ),
            change: format!(
                "level {} → {} ({})",
                d.from,
                d.to,
                match d.direction {
                    Direction::Up => "up",
                    Direction::Stay => "stayed",
                    Direction::Down => "stepped back",
                }
            ),
            reason: d.reason.clone(),
        }),
        ProgrammeRecord::Flare(f) => Some(ChangeOut {
            at: f.at,
            routine: None,
            change: if f.on {
                "flare plan on".to_owned()
            } else {
                "flare plan off".to_owned()
            },
            reason: f.reason.clone(),
        }),
        _ => None,
    })
    .collect();
    RoutinesOut {
        sessions: sessions.len(),
        weeks: weeks.into_values().collect(),
        plan,
        effects,
        changes,
    }
}

pub(super) fn breaks(records: &[BreakRecord], period: Period) -> BreaksOut {
    let mut out = BreaksOut {
        taken: 0,
        not_done: 0,
        snoozed: 0,
        skipped: 0,
    };
    for b in records.iter().filter(|b| period.contains(b.at)) {
        *match b.outcome {
            BreakOutcome::Taken => &mut out.taken,
            BreakOutcome::NotDone => &mut out.not_done,
            BreakOutcome::Snoozed => &mut out.snoozed,
            BreakOutcome::Skipped => &mut out.skipped,
        } += 1;
    }
    out
}
