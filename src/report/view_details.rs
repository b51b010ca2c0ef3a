//! The report's pages after the first, as words and tables: the details (pain and sessions per
//! week, every area, trigger and relief, the programme's changes, every check-in) and the
//! appendix (every entry and every session in the period).

use super::view::{Section, Table, count_table, effect_row, join};
use super::{Report, day, when};
use crate::text;

pub(super) fn details(report: &Report) -> Vec<Section> {
    let mut weeks = Table::new(&["Week of", "Entries", "Avg pain", "Worst"], "No entries.");
    weeks.rows = report
        .pain
        .weeks
        .iter()
        .map(|w| {
            vec![
                day(w.week),
                w.entries.to_string(),
                format!("{:.1}", w.mean),
                w.worst.to_string(),
            ]
        })
        .collect();
    let mut sessions = Table::new(
        &[
            "Week of",
            "Sessions",
            "Stretch min",
            "Heat min",
            "Break min",
        ],
        "No sessions.",
    );
    sessions.rows = report
        .routines
        .weeks
        .iter()
        .map(|w| {
            vec![
                day(w.week),
                w.sessions.to_string(),
                w.stretch_minutes.to_string(),
                w.heat_minutes.to_string(),
                w.posture_break_minutes.to_string(),
            ]
        })
        .collect();
    let mut effects = Table::new(
        &[
            "Routine",
            "Sessions",
            "Rated",
            "Pain before → after",
            "Change",
        ],
        "No sessions.",
    );
    effects.rows = report.routines.effects.iter().map(effect_row).collect();
    let mut changes = Table::new(
        &["When", "Routine", "Dose", "Why"],
        "No dose changes and no flare plan in this period.",
    );
    changes.rows = report
        .routines
        .changes
        .iter()
        .map(|c| {
            vec![
                when(c.at),
                c.routine.clone().unwrap_or_default(),
                c.change.clone(),
                c.reason.clone(),
            ]
        })
        .collect();
    let mut peg = Table::new(
        &["Check-in", "Pain", "Enjoyment", "Activity", "PEG"],
        "No check-ins.",
    );
    peg.rows = report
        .checkins
        .items
        .iter()
        .map(|i| {
            vec![
                when(i.at),
                i.pain.to_string(),
                i.enjoyment.to_string(),
                i.activity.to_string(),
                format!("{:.1}", i.score),
            ]
        })
        .collect();
    vec![
        Section {
            title: "Pain per week".to_owned(),
            lines: vec![],
            tables: vec![weeks],
        },
        Section {
            title: "Areas, triggers and reliefs in full".to_owned(),
            lines: vec![],
            tables: vec![
                count_table("Area", &report.areas, usize::MAX, "No areas logged."),
                count_table(
                    "Set off by",
                    &report.triggers,
                    usize::MAX,
                    "No triggers logged.",
                ),
                count_table(
                    "Helped by",
                    &report.relief,
                    usize::MAX,
                    "Nothing logged as helping.",
                ),
            ],
        },
        Section {
            title: "Sessions per week".to_owned(),
            lines: vec![],
            tables: vec![sessions, effects],
        },
        Section {
            title: "Programme: dose changes and the flare plan".to_owned(),
            lines: vec![],
            tables: vec![changes],
        },
        Section {
            title: "Every weekly check-in".to_owned(),
            lines: vec![],
            tables: vec![peg],
        },
    ]
}

pub(super) fn appendix(report: &Report) -> Vec<Section> {
    let mut entries = Table::new(
        &[
            "When",
            "Pain",
            "Areas",
            "Symptoms",
            "Onset",
            "Set off by",
            "Helped by",
            "Answered no",
            "Note",
        ],
        "No entries in this period.",
    );
    entries.rows = report
        .entries
        .iter()
        .map(|e| {
            vec![
                when(e.at),
                e.pain.to_string(),
                join(&e.areas),
                join(&e.symptoms),
                e.onset.unwrap_or("").to_owned(),
                join(&e.triggers),
                join(&e.relief),
                join(&e.denied),
                text::visible_lines(&e.note).into_owned(),
            ]
        })
        .collect();
    let mut sessions = Table::new(
        &[
            "Started",
            "Routine",
            "Kind",
            "Minutes",
            "Outcome",
            "Pain before → after",
        ],
        "No sessions in this period.",
    );
    sessions.rows = report
        .sessions
        .iter()
        .map(|s| {
            let pain = |p: Option<u8>| p.map_or_else(|| "–".to_owned(), |p| p.to_string());
            vec![
                when(s.started),
                text::visible(&s.name).into_owned(),
                s.kind.to_owned(),
                s.minutes.to_string(),
                s.outcome.clone(),
                format!("{} → {}", pain(s.pain_before), pain(s.pain_after)),
            ]
        })
        .collect();
    vec![
        Section {
            title: format!("Appendix: every entry ({})", report.entries.len()),
            lines: vec![],
            tables: vec![entries],
        },
        Section {
            title: format!("Appendix: every session ({})", report.sessions.len()),
            lines: vec![],
            tables: vec![sessions],
        },
    ]
}
