//! Building the [`View`]: the title and header, the red flags, and page one's summary (pain,
//! where it hurts, triggers and reliefs, time of day, routines, check-ins); the pages after it
//! come from `view_details`.

use super::gather::written_at;
use super::view::{
    EVIDENCE_SHOWN, FlagView, PAGE_ONE_ROWS, Section, Table, View, count_table, effect_row, join,
};
use super::view_details::{appendix, details};
use super::words::late_note;
use super::{FlagOut, Report, TOO_FEW, day, when};
use crate::checkins::MEANINGFUL_FALL;

fn flag_view(f: &FlagOut, shown: usize) -> FlagView {
    let label = match f.level {
        "emergency" => "EMERGENCY",
        "urgent" => "URGENT",
        _ => "SEE A DOCTOR SOON",
    };
    FlagView {
        level: f.level,
        label,
        title: f.title.clone(),
        action: f.action.clone(),
        evidence: f
            .evidence
            .iter()
            .take(shown)
            .map(|e| {
                // An entry written days after the time it is for says so, as in the appendix.
                let late = late_note(e.at, written_at(&e.id, *e.at.offset()), None);
                if e.matched.is_empty() {
                    format!("Logged {}{late}", when(e.at))
                } else {
                    format!("Logged {}{late} — {}", when(e.at), e.matched)
                }
            })
            .chain((f.evidence.len() > shown).then(|| {
                let more = f.evidence.len() - shown;
                format!(
                    "and {more} earlier {} (in the appendix)",
                    if more == 1 { "entry" } else { "entries" }
                )
            }))
            .collect(),
        acknowledged: f
            .acknowledged
            .map(|a| format!("Acknowledged as checked {}", when(a))),
        lapsed: f.lapsed.map(|a| {
            let words = crate::flags::lapsed::WORDS;
            format!("{}{}, {}", words[..1].to_uppercase(), &words[1..], when(a))
        }),
    }
}

/// The PEG sentence: from which score to which, by how much in percent and in points, which
/// way, and whether past the 30% line. The judgement reads the percentage as printed; a first
/// score of 0 has no percentage but still its points; any rise says "worse".
fn peg_line(c: &super::CheckinsOut) -> String {
    let line = MEANINGFUL_FALL * 100.0;
    let (Some(points), Some(direction)) = (c.change_points, c.direction) else {
        return if c.items.is_empty() {
            "No weekly check-ins in this period.".to_owned()
        } else {
            "One weekly check-in: no change to tell yet.".to_owned()
        };
    };
    let (first, last) = (
        c.items.first().map_or(0.0, |i| i.score),
        c.items.last().map_or(0.0, |i| i.score),
    );
    let size = match c.change_percent {
        Some(p) => format!("{p:+.0}% ({points:+.1} points)"),
        None => format!("{points:+.1} points (no percentage: the first score was 0)"),
    };
    let verdict = match (direction, c.meaningful_improvement) {
        ("better", Some(true)) => {
            format!("better, past the {line:.0}% fall that counts as a meaningful improvement")
        }
        ("better", _) => format!(
            "better, but short of the {line:.0}% fall that counts as a meaningful improvement"
        ),
        ("worse", _) => "worse".to_owned(),
        _ => "no change".to_owned(),
    };
    if direction == "no change" {
        format!("PEG score (0–10) {first:.1} at the first check-in and at the last: no change.")
    } else {
        format!("PEG score (0–10) from {first:.1} to {last:.1}: {size}, {verdict}.")
    }
}

/// Builds the words and tables of `report`.
pub fn build(report: &Report) -> View {
    let p = &report.period;
    let title = format!("Back pain report: {} – {}", day(p.from), day(p.to));
    let mut header = vec![format!(
        "{} days. Made by knotless on {}. Each time is shown in the time zone it was recorded in \
         (UTC offset{} in this period: {}).",
        p.days,
        when(report.generated),
        if report.offsets.len() == 1 { "" } else { "s" },
        if report.offsets.is_empty() {
            "none".to_owned()
        } else {
            report.offsets.join(", ")
        }
    )];
    if let Some(profile) = &report.profile {
        let mut parts = Vec::new();
        if let Some(age) = profile.age {
            parts.push(format!("age {age}"));
        }
        if !profile.conditions.is_empty() {
            parts.push(format!("conditions: {}", join(&profile.conditions)));
        }
        if !parts.is_empty() {
            header.push(format!("Profile: {}.", parts.join("; ")));
        }
    }
    header.push(
        "Self-reported by the patient; pain on the 0–10 scale (0 none, 10 worst imaginable). \
         knotless is self-care support, not a diagnosis."
            .to_owned(),
    );

    let active_ids: Vec<&str> = report
        .flags
        .active_now
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    let flags_now = report
        .flags
        .active_now
        .iter()
        .map(|f| flag_view(f, EVIDENCE_SHOWN))
        .collect();
    let flags_period = report
        .flags
        .in_period
        .iter()
        .filter(|f| !active_ids.contains(&f.id.as_str()))
        .map(|f| FlagView {
            // Not active now: what was logged and when, without the action — unless it lapsed
            // unchecked, when what to do still stands.
            action: if f.lapsed.is_some() {
                f.action.clone()
            } else {
                String::new()
            },
            ..flag_view(f, 1)
        })
        .collect();

    let pain = &report.pain;
    let pain_line = match (pain.mean, pain.worst) {
        (Some(mean), Some(worst)) => {
            let weeks = &pain.weeks;
            let trend = match (weeks.first(), weeks.last()) {
                (Some(a), Some(b)) if weeks.len() > 1 => format!(
                    " Weekly average {:.1} in the week of {} and {:.1} in the week of {}.",
                    a.mean,
                    day(a.week),
                    b.mean,
                    day(b.week)
                ),
                _ => String::new(),
            };
            format!(
                "{} entries on {} of {} days; average pain {mean:.1}, worst {worst}.{trend}",
                pain.entries, pain.days_logged, p.days
            )
        }
        _ => "Nothing was logged in this period.".to_owned(),
    };

    let where_ = Section {
        title: "Where it hurts".to_owned(),
        lines: vec![],
        tables: vec![count_table(
            "Area",
            &report.areas,
            PAGE_ONE_ROWS + 2,
            "No areas logged.",
        )],
    };
    let triggers = Section {
        title: "What sets it off, what helps".to_owned(),
        lines: vec![],
        tables: vec![
            count_table(
                "Set off by",
                &report.triggers,
                PAGE_ONE_ROWS,
                "No triggers logged.",
            ),
            count_table(
                "Helped by",
                &report.relief,
                PAGE_ONE_ROWS,
                "Nothing logged as helping.",
            ),
        ],
    };
    let times = Section {
        title: "Pain by time of day".to_owned(),
        lines: vec![],
        tables: vec![count_table("Time of day", &report.time_of_day, 4, "")],
    };

    let r = &report.routines;
    let weeks = r.weeks.len().max(1) as f64;
    let total = |f: fn(&super::WeekRoutines) -> u64| r.weeks.iter().map(f).sum::<u64>();
    let mut routine_lines = vec![if r.sessions == 0 {
        "No sessions in this period.".to_owned()
    } else {
        format!(
            "{} sessions; a week (of {} with sessions) averaged {:.0} min stretching, {:.0} min heat, \
         {:.0} min posture breaks.",
            r.sessions,
            r.weeks.len(),
            total(|w| w.stretch_minutes) as f64 / weeks,
            total(|w| w.heat_minutes) as f64 / weeks,
            total(|w| w.posture_break_minutes) as f64 / weeks,
        )
    }];
    if r.plan.days_planned > 0 {
        routine_lines.push(format!(
            "Today's routines (the programme's, else the daily plan) all done on {} of {} {} \
             with routines planned.",
            r.plan.days_done,
            r.plan.days_planned,
            if r.plan.days_planned == 1 {
                "day"
            } else {
                "days"
            }
        ));
    }
    let b = &report.breaks;
    routine_lines.push(format!(
        "Posture breaks: {} taken, {} started but not done, {} snoozed, {} skipped.",
        b.taken, b.not_done, b.snoozed, b.skipped
    ));
    let mut effects = Table::new(
        &["Routine", "Sessions", "Rated", "Before → after", "Change"],
        "No sessions in this period.",
    )
    .figures(&[1, 2, 3]);
    for e in r.effects.iter().take(PAGE_ONE_ROWS) {
        effects.push_row(effect_row(e));
    }
    if r.effects.len() > PAGE_ONE_ROWS {
        effects.push_row([
            format!("… {} more on page 2", r.effects.len() - PAGE_ONE_ROWS),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    routine_lines.push(format!(
        "Change: mean of after − before per rated session (a fall of 2 is noticeable; under \
         {TOO_FEW} rated: too few to tell)."
    ));
    let routines = Section {
        title: "Routines".to_owned(),
        lines: routine_lines,
        tables: vec![effects],
    };

    let c = &report.checkins;
    let checkin_lines = vec![peg_line(c)];
    let mut peg = Table::new(&["Check-in", "Pain", "Enjoyment", "Activity", "PEG"], "")
        .figures(&[0, 1, 2, 3, 4]);
    let shown: Vec<_> = if c.items.len() > 4 {
        vec![&c.items[0], &c.items[c.items.len() - 1]]
    } else {
        c.items.iter().collect()
    };
    for i in shown {
        peg.push_row([
            i.at.format("%-d %b %Y").to_string(),
            i.pain.to_string(),
            i.enjoyment.to_string(),
            i.activity.to_string(),
            format!("{:.1}", i.score),
        ]);
    }
    let checkins = Section {
        title: "Weekly check-in (PEG)".to_owned(),
        lines: checkin_lines,
        // With two or more, the chart shows them (the details list every one).
        tables: if c.items.len() == 1 {
            vec![peg]
        } else {
            vec![]
        },
    };

    View {
        title,
        header,
        flags_now,
        flags_period,
        pain_line,
        where_,
        triggers,
        times,
        routines,
        checkins,
        details: details(report),
        appendix: appendix(report),
    }
}
