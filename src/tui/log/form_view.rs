//! The entry form as drawn: pain scale, onset, the body picture ([`body`]), chips for symptoms,
//! triggers and relief ([`chips`]), the screening questions, and the note ([`note`]), which
//! wraps.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::tui::log::form::{LogForm, Section};
use crate::tui::theme::Theme;
use crate::tui::untrusted::single_width;
use crate::tui::widgets::pain_scale::describe;
use crate::vocabulary::Vocabulary;

mod body;
mod chips;
mod note;

use body::body_lines;
use chips::chip_lines;
use note::drawn_note;

pub(super) fn render_form(form: &LogForm, t: &Theme, area: Rect, buf: &mut Buffer) {
    // A long note wraps: it gets up to two more rows where there is room.
    let inner = usize::from(area.width.saturating_sub(2)).max(1);
    let note_rows: usize = form
        .note
        .lines()
        .iter()
        .map(|l| Line::raw(single_width(l)).width().div_ceil(inner).max(1))
        .sum();
    let note_height = if form.focus == Section::Note && area.height < 8 {
        // Too small for the sections and the note: the note being typed in takes all but the
        // title's row.
        (note_rows as u16 + 2).min(area.height.saturating_sub(1))
    } else if area.height >= 22 {
        (note_rows as u16 + 2).clamp(4, 6)
    } else if area.height >= 16 {
        4
    } else if area.height >= 8 {
        3
    } else {
        0
    };
    // A hint (where is the nerve symptom? a warning sign named in the note?) under the
    // sections, as the refusal of a save is: the first one, over up to 2 rows, where there is
    // room and no refusal is showing.
    let hint = form
        .hints()
        .first()
        .map(crate::flags::notice::Hint::for_form)
        .filter(|_| form.error.is_none() && area.height >= 10);
    let rows = |text: &str, most: usize| {
        let width = usize::from(area.width.max(1));
        text.chars().count().div_ceil(width).clamp(1, most) as u16
    };
    let [sections_area, hint_area, error_area, note_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(hint.as_deref().map_or(0, |h| rows(h, 2))),
        // A long message (a refused save says what the log holds now) wraps over up to 3 rows.
        Constraint::Length(form.error.as_deref().map_or(0, |e| rows(e, 3))),
        Constraint::Length(note_height),
    ])
    .areas(area);
    if let Some(hint) = hint {
        Paragraph::new(Line::styled(hint, t.caution()))
            .wrap(Wrap { trim: true })
            .render(hint_area, buf);
    }
    let vocabulary = Vocabulary::bundled();
    let width = sections_area.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    // The focused section's first line, and the line its cursor is on.
    let mut focus_start = 0;
    let mut focus_line = 0;
    // Where each section's heading is, to know where the focused one ends.
    let mut heads: Vec<usize> = Vec::new();
    // A heading's hint, or its shorter words, goes where it would be cut.
    let mut heading = |lines: &mut Vec<Line>, section: Section, text: &str, hints: &[&str]| {
        heads.push(lines.len());
        let style = if form.focus == section {
            t.title()
        } else {
            t.muted().add_modifier(Modifier::BOLD)
        };
        let marker = if form.focus == section { "▸ " } else { "  " };
        let head = format!("{marker}{text}");
        let hint = hints
            .iter()
            .find(|h| head.chars().count() + 2 + h.chars().count() <= width)
            .map_or(String::new(), |h| format!("  {h}"));
        lines.push(Line::from(vec![
            Span::styled(head, style),
            Span::styled(hint, t.muted()),
        ]));
    };

    // The time the entry is for: the section after the note (Tab from the note).
    let (title, hint) = form_title(form, width);
    lines.push(Line::from(vec![
        Span::styled(title, t.title()),
        Span::styled(hint, t.muted()),
    ]));

    // Pain.
    if form.focus == Section::Pain {
        (focus_start, focus_line) = (lines.len(), lines.len() + 1);
    }
    heading(
        &mut lines,
        Section::Pain,
        "Pain",
        &["type 0–10 or ←→", "0–10 or ←→"],
    );
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
    heading(&mut lines, Section::Onset, "How it began", &["←→ choose"]);
    let choice = |gap: &str, label: &str, chosen: bool| {
        let mark = if chosen { "(•)" } else { "( )" };
        Span::styled(
            format!("{gap}{mark} {label}"),
            if chosen { t.good() } else { t.muted() },
        )
    };
    let sudden = form.onset == Some(crate::symptoms::Onset::Sudden);
    let gradual = form.onset == Some(crate::symptoms::Onset::Gradual);
    let choices = vec![
        choice("   ", "not sure", form.onset.is_none()),
        choice("   ", "suddenly", sudden),
        choice("   ", "gradually", gradual),
    ];
    // Narrower: shorter words and gaps, then a choice a line.
    let narrow = vec![
        choice("  ", "not sure", form.onset.is_none()),
        choice("  ", "sudden", sudden),
        choice("  ", "gradual", gradual),
    ];
    if Line::from(choices.clone()).width() <= width {
        lines.push(Line::from(choices));
    } else if Line::from(narrow.clone()).width() <= width {
        lines.push(Line::from(narrow));
    } else {
        lines.extend(narrow.into_iter().map(Line::from));
    }

    // Areas on the body picture.
    if form.focus == Section::Areas {
        focus_start = lines.len();
    }
    heading(
        &mut lines,
        Section::Areas,
        "Where",
        &[
            "seen from behind, your left on the left · arrows, space",
            "seen from behind, your left on the left",
            "seen from behind",
            "from behind",
        ],
    );
    let (picture, cursor_row) = body_lines(form, t, width);
    if form.focus == Section::Areas {
        focus_line = lines.len() + cursor_row;
    }
    lines.extend(picture);

    // Tick sections.
    for (section, title) in [
        (Section::Symptoms, "What it feels like"),
        (Section::Triggers, "What set it off"),
        (Section::Relief, "What helped"),
    ] {
        if form.focus == section {
            focus_start = lines.len();
        }
        heading(&mut lines, section, title, &["arrows, space"]);
        let (chips, cursor_line) = chip_lines(form, t, section, sections_area.width);
        if form.focus == section {
            focus_line = lines.len() + cursor_line;
        }
        lines.extend(chips);
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
            &["y yes · n no"],
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
        let mut note = drawn_note(&form.note);
        // The keys in the title, fewer of them where they would be cut.
        let title = [
            " Note · Ctrl-S save · Tab leave ",
            " Note · Ctrl-S save ",
            " Note ",
        ]
        .into_iter()
        .filter(|_| focused)
        .find(|title| title.chars().count() + 2 <= usize::from(note_area.width))
        .unwrap_or(" Note ");
        note.set_block(Block::bordered().title(title).border_style(if focused {
            t.title()
        } else {
            t.muted()
        }));
        note.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        note.set_cursor_line_style(ratatui::style::Style::new());
        note.set_selection_style(t.selection());
        if !focused {
            note.set_cursor_style(ratatui::style::Style::new());
        }
        note.render(note_area, buf);
    }
}

/// The form's first line in the words that fit in `width`: what is being written and when, then
/// a hint (the part in the title's colour, and the hint). Narrower, the hint goes, then the
/// words are shortened, then the weekday.
fn form_title(form: &LogForm, width: usize) -> (String, String) {
    let long = form.at.format("%a %d %b %H:%M").to_string();
    let short = form.at.format("%d %b %H:%M").to_string();
    let candidates: Vec<(String, &str)> = if form.focus == Section::When {
        vec![
            (format!("▸ When: {long}"), "  ←→ 15 min · ↑↓ day"),
            (format!("▸ When: {long}"), ""),
            (format!("▸ When: {short}"), ""),
            (format!("▸ {short}"), ""),
        ]
    } else if form.editing.is_some() {
        vec![
            (
                format!("Editing the entry of {long}"),
                "  time: tab from the note",
            ),
            (format!("Editing the entry of {long}"), ""),
            (format!("Editing {long}"), ""),
            (format!("Editing {short}"), ""),
            (short.clone(), ""),
        ]
    } else {
        vec![
            (format!("New entry · {long}"), "  time: tab from the note"),
            (format!("New entry · {long}"), ""),
            (format!("New entry · {short}"), ""),
            (format!("New · {short}"), ""),
            (short.clone(), ""),
        ]
    };
    let fallback = candidates[candidates.len() - 1].clone();
    let (title, hint) = candidates
        .into_iter()
        .find(|(title, hint)| title.chars().count() + hint.chars().count() <= width)
        .unwrap_or(fallback);
    (title, hint.to_owned())
}

#[cfg(test)]
mod tests;
