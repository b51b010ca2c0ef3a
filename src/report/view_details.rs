//! The report's pages after the first, as words and tables: the details (pain and sessions per
//! week, every area, trigger and relief, the programme's changes, every check-in) and the
//! appendix (every entry and every session in the period; an entry written or edited more than
//! a day after the time it is for says when, "(written 1 Dec)").

use super::view::{Section, Table, count_table, effect_row, join_into};
use super::words::{late_note, write_number, write_when};
use super::{Report, day, when};
use crate::text;

pub(super) fn details(report: &Report) -> Vec<Section> {
    let mut weeks = Table::new(&["Week of", "Entries", "Avg pain", "Worst"], "No entries.")
        .figures(&[0, 1, 2, 3]);
    for w in &report.pain.weeks {
        weeks.push_row([
            day(w.week),
            w.entries.to_string(),
            format!("{:.1}", w.mean),
            w.worst.to_string(),
        ]);
    }
    let mut sessions = Table::new(
        &[
            "Week of",
            "Sessions",
            "Stretch min",
            "Heat min",
            "Break min",
        ],
        "No sessions.",
    )
    .figures(&[0, 1, 2, 3, 4]);
    for w in &report.routines.weeks {
        sessions.push_row([
            day(w.week),
            w.sessions.to_string(),
            w.stretch_minutes.to_string(),
            w.heat_minutes.to_string(),
            w.posture_break_minutes.to_string(),
        ]);
    }
    let mut effects = Table::new(
        &[
            "Routine",
            "Sessions",
            "Rated",
            "Pain before → after",
            "Change",
        ],
        "No sessions.",
    )
    .figures(&[1, 2, 3]);
    for e in &report.routines.effects {
        effects.push_row(effect_row(e));
    }
    let mut changes = Table::new(
        &["When", "Routine", "Dose", "Why"],
        "No dose changes and no flare plan in this period.",
    )
    .figures(&[0]);
    for c in &report.routines.changes {
        changes.push_row([
            when(c.at).as_str(),
            c.routine.as_deref().unwrap_or_default(),
            &c.change,
            &c.reason,
        ]);
    }
    let mut peg = Table::new(
        &["Check-in", "Pain", "Enjoyment", "Activity", "PEG"],
        "No check-ins.",
    )
    .figures(&[0, 1, 2, 3, 4]);
    for i in &report.checkins.items {
        peg.push_row([
            when(i.at),
            i.pain.to_string(),
            i.enjoyment.to_string(),
            i.activity.to_string(),
            format!("{:.1}", i.score),
        ]);
    }
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
    )
    .figures(&[0, 1]);
    // Cell by cell into the table's text: a row per entry, no string apiece.
    entries.reserve(report.entries.len(), 120);
    for e in &report.entries {
        entries.cell(|out| {
            write_when(out, e.at);
            if e.written_late || e.edited.is_some() {
                out.push_str(&late_note(e.at, e.written, e.edited));
            }
        });
        entries.cell(|out| write_number(out, e.pain.into()));
        entries.cell(|out| join_into(out, &e.areas));
        entries.cell(|out| join_into(out, &e.symptoms));
        entries.cell(|out| out.push_str(e.onset.unwrap_or("")));
        entries.cell(|out| join_into(out, &e.triggers));
        entries.cell(|out| join_into(out, &e.relief));
        entries.cell(|out| join_into(out, &e.denied));
        entries.cell(|out| out.push_str(&text::visible_lines(&e.note)));
    }
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
    )
    .figures(&[0, 3, 5]);
    sessions.reserve(report.sessions.len(), 80);
    let pain = |out: &mut String, p: Option<u8>| match p {
        Some(p) => write_number(out, p.into()),
        None => out.push('–'),
    };
    for s in &report.sessions {
        sessions.cell(|out| write_when(out, s.started));
        sessions.cell(|out| out.push_str(&text::visible(&s.name)));
        sessions.cell(|out| out.push_str(s.kind));
        sessions.cell(|out| write_number(out, s.minutes));
        sessions.cell(|out| out.push_str(s.outcome));
        sessions.cell(|out| {
            pain(out, s.pain_before);
            out.push_str(" → ");
            pain(out, s.pain_after);
        });
    }
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
