//! The Log tab: the entry list with filters and a detail line, the entry form, the delete
//! confirmation, and the review of trends (drawn by [`super::trends`]).

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::symptoms::{Onset, SymptomEntry};
use crate::tui::log_form::{BODY, CHIP_COLUMNS, LogForm, Section};
use crate::tui::log_view::{FilterField, LogMode, LogView, Range};
use crate::tui::screens::trends::TrendsScreen;
use crate::tui::theme::Theme;
use crate::tui::widgets::pain_scale::describe;
use crate::vocabulary::{Category, Vocabulary};

/// The most of a note the detail pane lays out (more than it can show at 200×60).
const PREVIEW_CHARS: usize = 4_000;

/// The Log tab, drawn from its state.
pub struct LogScreen<'a> {
    /// The weekly check-ins, for the review.
    pub checkins: &'a [crate::checkins::Checkin],
    /// The tab's state.
    pub view: &'a LogView,
    /// Today, for the date filter.
    pub today: NaiveDate,
    /// Colours.
    pub theme: Theme,
}

impl Widget for &LogScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        match &self.view.mode {
            LogMode::Form(form) => render_form(form, &self.theme, area, buf),
            LogMode::Review { days } => (&TrendsScreen {
                checkins: self.checkins,
                entries: &self.view.entries,
                days: *days,
                today: self.today,
                theme: self.theme,
            })
                .render(area, buf),
            LogMode::List | LogMode::ConfirmDelete(_) => self.list(area, buf),
        }
    }
}

/// The filter row, the entry list and the detail of the highlighted entry.
fn list_layout(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(match area.height {
            20.. => 6,
            14.. => 4,
            _ => 0,
        }),
    ])
    .areas(area)
}

/// The entry (index into the visible entries) drawn at row `row` of the list in `area`.
pub fn entry_at(view: &LogView, today: NaiveDate, area: Rect, row: u16) -> Option<usize> {
    if !matches!(view.mode, LogMode::List) {
        return None;
    }
    let [_, list, _] = list_layout(area);
    if !(list.y..list.bottom()).contains(&row) {
        return None;
    }
    let offset = (view.selected + 1).saturating_sub(list.height as usize);
    let n = offset + usize::from(row - list.y);
    (n < view.visible(today).len()).then_some(n)
}

/// A short name for an area where room is short (the list rows, the body picture, the area
/// filter): `lower-back-left` → `low back L`. The detail pane has the full labels.
pub fn short_area(id: &str) -> String {
    id.replace("lower-back", "low back")
        .replace("-left", " L")
        .replace("-right", " R")
        .replace("groin-saddle", "groin/saddle")
        .replace('-', " ")
}

impl LogScreen<'_> {
    fn list(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let view = self.view;
        let visible = view.visible(self.today);
        let [filter_row, list_area, detail_area] = list_layout(area);

        // Filters: the focused one highlighted while changing them.
        let f = &view.filter;
        let part = |field: FilterField, text: String| {
            let style = if f.focus == Some(field) {
                t.selected()
            } else {
                t.muted()
            };
            Span::styled(format!(" {text} "), style)
        };
        let mut spans = vec![
            Span::styled("Showing", t.muted()),
            part(FilterField::Range, f.range.label().to_owned()),
        ];
        if let Range::Custom(from, to) = f.range {
            spans.push(part(
                FilterField::From,
                from.format("from %-d %b").to_string(),
            ));
            spans.push(part(FilterField::To, to.format("to %-d %b").to_string()));
        }
        spans.extend([
            part(
                FilterField::Area,
                f.area.as_deref().map_or("any area".to_owned(), short_area),
            ),
            part(
                FilterField::Symptom,
                f.symptom.as_deref().map_or("any symptom".to_owned(), |s| {
                    Vocabulary::bundled().label(Category::Symptom, s).to_owned()
                }),
            ),
        ]);
        spans.push(Span::styled(
            format!("· {} of {} entries", visible.len(), view.entries.len()),
            t.muted(),
        ));
        Line::from(spans).render(filter_row, buf);

        if visible.is_empty() {
            let text = if view.entries.is_empty() {
                "No entries yet. Press a to log how your back feels."
            } else {
                "No entries match these filters. Press f to change them."
            };
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .style(t.muted())
                .render(list_area.inner(ratatui::layout::Margin::new(1, 1)), buf);
        }
        let height = list_area.height as usize;
        let offset = (view.selected + 1).saturating_sub(height);
        for (row, entry) in visible.iter().enumerate().skip(offset).take(height) {
            let y = list_area.y + (row - offset) as u16;
            let line_area = Rect::new(list_area.x, y, list_area.width, 1);
            let line = entry_line(entry, t, list_area.width);
            if row == view.selected {
                line.style(t.selected()).render(line_area, buf);
            } else {
                line.render(line_area, buf);
            }
        }

        if let Some(entry) = visible.get(view.selected) {
            // Everything the row had to clip: every area and symptom in full, then the rest.
            let mut lines = vec![];
            let mut felt = Vec::new();
            // Labels may hold commas ("Leg, left"), so lists are joined with "; ".
            if !entry.areas.is_empty() {
                felt.push(Span::styled("Where: ", t.muted()));
                felt.push(Span::raw(labels(Category::Area, entry.areas.iter())));
            }
            if !entry.symptoms.is_empty() {
                if !felt.is_empty() {
                    felt.push(Span::styled(" · ", t.muted()));
                }
                felt.push(Span::styled("Felt: ", t.muted()));
                felt.push(Span::raw(labels(Category::Symptom, entry.symptoms.iter())));
            }
            if felt.is_empty() {
                felt.push(Span::styled(
                    format!("Pain {} of 10; no areas or symptoms noted.", entry.pain),
                    t.muted(),
                ));
            }
            lines.push(Line::from(felt));
            if !entry.note.is_empty() {
                // Wrapped, its own line breaks kept. A note edited into the file by hand can be
                // huge: lay out what fits.
                let quoted = format!("“{}”", crate::text::preview(&entry.note, PREVIEW_CHARS));
                lines.extend(quoted.lines().map(|l| {
                    let shown = crate::tui::untrusted::single_width(l);
                    Line::from(crate::text::visible(&shown).into_owned())
                }));
            }
            let mut facts = Vec::new();
            match entry.onset {
                Some(Onset::Sudden) => facts.push("began suddenly".to_owned()),
                Some(Onset::Gradual) => facts.push("began gradually".to_owned()),
                None => {}
            }
            if !entry.triggers.is_empty() {
                let triggers = labels(Category::Trigger, entry.triggers.iter());
                facts.push(format!("after: {triggers}"));
            }
            if !entry.relief.is_empty() {
                let relief = labels(Category::Relief, entry.relief.iter());
                facts.push(format!("helped: {relief}"));
            }
            let questions = Vocabulary::bundled().screening.len();
            if entry.denied.len() == questions {
                facts.push("said no to every screening question".to_owned());
            } else if !entry.denied.is_empty() {
                let denied = labels(Category::Symptom, entry.denied.iter());
                facts.push(format!("said no to: {denied}"));
            }
            if !facts.is_empty() {
                lines.push(Line::styled(facts.join(" · "), t.muted()));
            }
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(Block::new().borders(Borders::TOP).border_style(t.muted()))
                .render(detail_area, buf);
        }

        let message = match (&view.mode, &view.message) {
            (LogMode::ConfirmDelete(_), _) => {
                Some(Line::styled("Delete this entry? y yes · n no", t.error()))
            }
            (_, Some(m)) => Some(Line::styled(m.clone(), t.good())),
            _ => None,
        };
        if let (Some(message), true) = (message, area.height > 2) {
            let y = area.bottom() - 1;
            ratatui::widgets::Clear.render(Rect::new(area.x, y, area.width, 1), buf);
            message.render(Rect::new(area.x, y, area.width, 1), buf);
        }
    }
}

fn entry_line<'a>(e: &SymptomEntry, t: &Theme, width: u16) -> Line<'a> {
    let areas: Vec<String> = e.areas.iter().map(short_area).collect();
    let mut spans = vec![
        Span::raw(format!(" {} ", e.at.format("%a %d %b %H:%M"))),
        Span::styled(
            format!("{:>2} ", e.pain),
            t.pain(e.pain).add_modifier(Modifier::BOLD),
        ),
        Span::styled(
            format!("{:<10}", "█".repeat(usize::from(e.pain))),
            t.pain(e.pain),
        ),
    ];
    if width >= 120 {
        // Wide terminals have a note column: the first line of the note, after the
        // symptoms (clipped to 30 columns so notes line up); the row's edge cuts the rest.
        spans.push(Span::raw(format!(" {:<26}", clip(&areas.join(", "), 26))));
        spans.push(Span::styled(
            format!(
                " {:<30}",
                clip(&labels(Category::Symptom, e.symptoms.iter()), 30)
            ),
            t.muted(),
        ));
        let first = e.note.lines().next().unwrap_or("");
        let more = if e.note.lines().nth(1).is_some() {
            " …"
        } else {
            ""
        };
        spans.push(Span::raw(format!(
            " {}{more}",
            crate::tui::untrusted::single_width(&crate::text::visible(first))
        )));
    } else if width >= 60 {
        spans.push(Span::raw(format!(" {:<26}", clip(&areas.join(", "), 26))));
        spans.push(Span::styled(
            labels(Category::Symptom, e.symptoms.iter()),
            t.muted(),
        ));
    } else {
        spans.push(Span::raw(format!(" {}", areas.join(", "))));
    }
    Line::from(spans)
}

/// The vocabulary's labels of `ids`, joined with "; " (a label may hold a comma).
pub fn labels(category: Category, ids: impl Iterator<Item = &'static str>) -> String {
    let vocabulary = Vocabulary::bundled();
    ids.map(|id| vocabulary.label(category, id))
        .collect::<Vec<_>>()
        .join("; ")
}

fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        text.chars()
            .take(width.saturating_sub(1))
            .chain(['…'])
            .collect()
    }
}

fn render_form(form: &LogForm, t: &Theme, area: Rect, buf: &mut Buffer) {
    // A long note wraps: it gets up to two more rows where there is room.
    let inner = usize::from(area.width.saturating_sub(2)).max(1);
    let note_rows: usize = form
        .note
        .lines()
        .iter()
        .map(|l| Line::raw(l.as_str()).width().div_ceil(inner).max(1))
        .sum();
    let note_height = if area.height >= 22 {
        (note_rows as u16 + 2).clamp(4, 6)
    } else if area.height >= 16 {
        4
    } else if area.height >= 8 {
        3
    } else {
        0
    };
    let [sections_area, error_area, note_area] = Layout::vertical([
        Constraint::Min(1),
        // A long message (a refused save says what the log holds now) wraps over up to 3 rows.
        Constraint::Length(form.error.as_ref().map_or(0, |e| {
            let width = usize::from(area.width.max(1));
            e.chars().count().div_ceil(width).clamp(1, 3) as u16
        })),
        Constraint::Length(note_height),
    ])
    .areas(area);
    let vocabulary = Vocabulary::bundled();
    let width = sections_area.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    // The focused section's first line, and the line its cursor is on.
    let mut focus_start = 0;
    let mut focus_line = 0;
    // Where each section's heading is, to know where the focused one ends.
    let mut heads: Vec<usize> = Vec::new();
    let mut heading = |lines: &mut Vec<Line>, section: Section, text: &str, hint: &str| {
        heads.push(lines.len());
        let style = if form.focus == section {
            t.title()
        } else {
            t.muted().add_modifier(Modifier::BOLD)
        };
        let marker = if form.focus == section { "▸ " } else { "  " };
        lines.push(Line::from(vec![
            Span::styled(format!("{marker}{text}"), style),
            Span::styled(format!("  {hint}"), t.muted()),
        ]));
    };

    // The time the entry is for: the section after the note (Tab from the note).
    let when = form.at.format("%a %d %b %H:%M");
    let title = match &form.editing {
        Some(_) => format!("Editing the entry of {when}"),
        None => format!("New entry · {when}"),
    };
    if form.focus == Section::When {
        lines.push(Line::from(vec![
            Span::styled(format!("▸ When: {when}"), t.title()),
            Span::styled("  ←→ 15 min · ↑↓ day", t.muted()),
        ]));
    } else {
        lines.push(Line::from(vec![
            Span::styled(title, t.title()),
            Span::styled("  time: tab from the note", t.muted()),
        ]));
    }

    // Pain.
    if form.focus == Section::Pain {
        (focus_start, focus_line) = (lines.len(), lines.len() + 1);
    }
    heading(&mut lines, Section::Pain, "Pain", "type 0–10 or ←→");
    // Every number stays in view: padded where there is room, one space apart below 36
    // columns (24 in all with the indent).
    let roomy = area.width >= 36;
    let mut scale = vec![Span::raw(if roomy { "   " } else { " " })];
    for n in 0..=10u8 {
        let style = if Some(n) == form.pain.value {
            t.pain(n).add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            t.pain(n)
        };
        if roomy {
            scale.push(Span::styled(format!(" {n} "), style));
        } else {
            scale.push(Span::raw(" "));
            scale.push(Span::styled(n.to_string(), style));
        }
    }
    // The words for the rating go where they would be cut (the chosen number stays marked).
    if let Some(v) = form.pain.value {
        let words = format!("  {}", describe(v));
        let used = Line::from(scale.clone()).width() + words.chars().count();
        if used <= usize::from(area.width) {
            scale.push(Span::raw(words));
        }
    }
    lines.push(Line::from(scale));

    // Onset.
    if form.focus == Section::Onset {
        (focus_start, focus_line) = (lines.len(), lines.len() + 1);
    }
    heading(&mut lines, Section::Onset, "How it began", "←→ choose");
    let choice = |label: &str, chosen: bool| {
        let mark = if chosen { "(•)" } else { "( )" };
        Span::styled(
            format!("   {mark} {label}"),
            if chosen { t.good() } else { t.muted() },
        )
    };
    lines.push(Line::from(vec![
        choice("not sure", form.onset.is_none()),
        choice(
            "suddenly",
            form.onset == Some(crate::symptoms::Onset::Sudden),
        ),
        choice(
            "gradually",
            form.onset == Some(crate::symptoms::Onset::Gradual),
        ),
    ]));

    // Areas on the body picture.
    if form.focus == Section::Areas {
        (focus_start, focus_line) = (lines.len(), lines.len() + 1 + form.area_cursor.0);
    }
    heading(
        &mut lines,
        Section::Areas,
        "Where",
        "seen from behind, your left on the left · arrows, space",
    );
    for (r, row) in BODY.iter().enumerate() {
        let mut spans = Vec::new();
        let mut text_width = 0;
        for (c, id) in row.iter().enumerate() {
            let chosen = form.areas.iter().any(|a| a == id);
            let cursor = form.focus == Section::Areas && form.area_cursor == (r, c);
            let text = format!("[{}] {}", if chosen { "x" } else { " " }, short_area(id));
            text_width += text.chars().count() + 3;
            let style = match (cursor, chosen) {
                (true, _) => t.selected(),
                (false, true) => t.good(),
                _ => ratatui::style::Style::new(),
            };
            spans.push(Span::styled(text, style));
            spans.push(Span::raw("   "));
        }
        let pad = width.saturating_sub(text_width) / 2;
        let prefix = if *row == ["groin-saddle"] {
            "front: "
        } else {
            ""
        };
        spans.insert(
            0,
            Span::styled(
                format!("{}{prefix}", " ".repeat(pad.saturating_sub(prefix.len()))),
                t.muted(),
            ),
        );
        lines.push(Line::from(spans));
    }

    // Tick sections.
    for (section, title) in [
        (Section::Symptoms, "What it feels like"),
        (Section::Triggers, "What set it off"),
        (Section::Relief, "What helped"),
    ] {
        let options = LogForm::options(section);
        let ticks = match section {
            Section::Symptoms => &form.symptoms,
            Section::Triggers => &form.triggers,
            _ => &form.relief,
        };
        if form.focus == section {
            focus_start = lines.len();
        }
        heading(&mut lines, section, title, "arrows, space");
        // Each option is its label in full, wrapped within its column: "[x] " then the words.
        let column_width = (width.saturating_sub(3) / CHIP_COLUMNS).max(12);
        let text_width = column_width - 5;
        for chunk_start in (0..options.len()).step_by(CHIP_COLUMNS) {
            let cells: Vec<(Vec<String>, ratatui::style::Style)> = options
                .iter()
                .enumerate()
                .skip(chunk_start)
                .take(CHIP_COLUMNS)
                .map(|(i, id)| {
                    let chosen = ticks.chosen.iter().any(|c| c == id);
                    let cursor = form.focus == section && ticks.cursor == i;
                    let mark = if chosen { "[x] " } else { "[ ] " };
                    let words =
                        crate::tui::widgets::detail::wrap(LogForm::label(section, id), text_width);
                    let cell = words
                        .into_iter()
                        .enumerate()
                        .map(|(n, w)| format!("{}{w}", if n == 0 { mark } else { "    " }))
                        .collect();
                    let style = match (cursor, chosen) {
                        (true, _) => t.selected(),
                        (false, true) => t.good(),
                        _ => ratatui::style::Style::new(),
                    };
                    (cell, style)
                })
                .collect();
            let rows = cells.iter().map(|(c, _)| c.len()).max().unwrap_or(1);
            for n in 0..rows {
                let mut spans = vec![Span::raw("   ")];
                for (cell, style) in &cells {
                    let text = cell.get(n).map_or("", String::as_str);
                    let pad = column_width.saturating_sub(text.chars().count());
                    spans.push(Span::styled(text.to_owned(), *style));
                    spans.push(Span::raw(" ".repeat(pad)));
                }
                lines.push(Line::from(spans));
            }
            if form.focus == section && ticks.cursor / CHIP_COLUMNS == chunk_start / CHIP_COLUMNS {
                focus_line = lines.len() - 1;
            }
        }
    }

    // Screening questions, when legs, feet, buttocks or nerve symptoms are involved.
    if form.needs_screening() {
        if form.focus == Section::Screening {
            focus_start = lines.len();
        }
        heading(
            &mut lines,
            Section::Screening,
            "Legs, feet, buttocks or nerves: please answer each question",
            "y yes · n no",
        );
        for (i, q) in vocabulary.screening.iter().enumerate() {
            let (mark, style) = match form.answer(i) {
                Some(true) => ("YES", t.error()),
                Some(false) => ("no ", t.good()),
                None => (" ? ", t.caution()),
            };
            let cursor = form.focus == Section::Screening && form.screening_cursor == i;
            if cursor {
                focus_line = lines.len();
            }
            let text_style = if cursor {
                t.selected()
            } else {
                ratatui::style::Style::new()
            };
            let parts =
                crate::tui::widgets::detail::wrap(&q.question, width.saturating_sub(8).max(10));
            for (n, part) in parts.into_iter().enumerate() {
                let lead = if n == 0 {
                    Span::styled(format!("   {mark} "), style)
                } else {
                    Span::raw("       ")
                };
                lines.push(Line::from(vec![lead, Span::styled(part, text_style)]));
            }
        }
    }

    // Show the whole focused section when it fits, otherwise keep its cursor in view.
    let height = sections_area.height as usize;
    let focus_end = heads
        .iter()
        .copied()
        .find(|&h| h > focus_start)
        .unwrap_or(lines.len());
    let offset = if form.focus == Section::Note {
        0
    } else if focus_end - focus_start <= height {
        focus_end.saturating_sub(height).min(focus_start)
    } else {
        focus_start.max((focus_line + 1).saturating_sub(height))
    };
    Paragraph::new(lines)
        .scroll((offset as u16, 0))
        .render(sections_area, buf);
    if let Some(error) = &form.error {
        Paragraph::new(Line::styled(error.clone(), t.error()))
            .wrap(Wrap { trim: true })
            .render(error_area, buf);
    }
    if note_height > 0 {
        let focused = form.focus == Section::Note;
        let mut note = form.note.clone();
        note.set_block(
            Block::bordered()
                .title(if focused {
                    " Note · Ctrl-S save · Tab leave "
                } else {
                    " Note "
                })
                .border_style(if focused { t.title() } else { t.muted() }),
        );
        note.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        note.set_cursor_line_style(ratatui::style::Style::new());
        if !focused {
            note.set_cursor_style(ratatui::style::Style::new());
        }
        note.render(note_area, buf);
    }
}
