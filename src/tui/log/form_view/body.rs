//! The body picture as drawn: the areas of [`BODY`] where they are on the body, seen from behind
//! (your left on the left), each a tick box. Where the picture with every area's name in full
//! does not fit (below 46 columns), a compact one: a line a part of the body, its name, then
//! its areas in three columns, your left, the middle and your right. Both have a line a row of
//! [`BODY`] and each area in the same place of its row, so the arrows move the same way in
//! both.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::tui::log::form::{BODY, LogForm, Section};
use crate::tui::log::words::short_area;
use crate::tui::theme::Theme;

/// Before the groin/saddle area, the one area seen from the front.
const FRONT: &str = "front: ";

/// The picture's lines in a section `width` columns wide, one a row of [`BODY`], and which of
/// them holds the cursor.
pub(super) fn body_lines(form: &LogForm, t: &Theme, width: usize) -> (Vec<Line<'static>>, usize) {
    let mut lines = if full_width() <= width {
        full(form, t, width)
    } else {
        compact(form, t, width)
    };
    if form.offers_unsure() {
        lines.push(unsure_line(form, t, width));
    }
    let cursor = form.area_cursor.0.min(lines.len().saturating_sub(1));
    (lines, cursor)
}

/// The row after the picture while a nerve symptom has no place: "not sure where", a choice.
fn unsure_line(form: &LogForm, t: &Theme, width: usize) -> Line<'static> {
    let cursor = form.focus == Section::Areas && form.area_cursor.0 == BODY.len();
    let style = match (cursor, form.place_unsure) {
        (true, _) => t.selected(),
        (false, true) => t.good(),
        _ => t.caution(),
    };
    let mark = if form.place_unsure { "[x]" } else { "[ ]" };
    let text = [" not sure where (counts as one side)", " not sure where"]
        .into_iter()
        .find(|text| 3 + text.chars().count() + 2 <= width)
        .unwrap_or("");
    let used = 3 + text.chars().count();
    let pad = width.saturating_sub(used) / 2;
    Line::from(vec![
        Span::raw(" ".repeat(pad)),
        Span::styled(format!("{mark}{text}"), style),
    ])
}

/// The tick box of the area at (`r`, `c`) on [`BODY`], with `text` after it.
fn tick_box(form: &LogForm, t: &Theme, (r, c): (usize, usize), text: &str) -> Span<'static> {
    let id = BODY[r][c];
    let chosen = form.areas.iter().any(|a| a == id);
    let cursor = form.focus == Section::Areas && form.area_cursor == (r, c);
    let style = match (cursor, chosen) {
        (true, _) => t.selected(),
        (false, true) => t.good(),
        _ => Style::new(),
    };
    Span::styled(format!("[{}]{text}", if chosen { "x" } else { " " }), style)
}

/// The widest row of the full picture: its areas' names in full, three spaces apart.
fn full_width() -> usize {
    BODY.iter()
        .map(|row| {
            let names: usize = row.iter().map(|id| short_area(id).chars().count()).sum();
            names + 4 * row.len() + 3 * (row.len() - 1)
        })
        .max()
        .unwrap_or(0)
}

/// The picture with every area's name in full ("[ ] low back L"), each row centred.
fn full(form: &LogForm, t: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (r, row) in BODY.iter().enumerate() {
        let mut spans = Vec::new();
        let mut text_width = 0;
        for (c, id) in row.iter().enumerate() {
            let text = format!(" {}", short_area(id));
            // Centred as if every area had three spaces after it, the last one too.
            text_width += 3 + text.chars().count() + 3;
            if c > 0 {
                spans.push(Span::raw("   "));
            }
            spans.push(tick_box(form, t, (r, c), &text));
        }
        let pad = width.saturating_sub(text_width) / 2;
        let prefix = if *row == ["groin-saddle"] { FRONT } else { "" };
        spans.insert(
            0,
            Span::styled(
                format!("{}{prefix}", " ".repeat(pad.saturating_sub(prefix.len()))),
                t.muted(),
            ),
        );
        lines.push(Line::from(spans));
    }
    lines
}

/// The name of a row in the compact picture: its part of the body ("low back", "hip") where
/// it has sides, else its one area's name.
fn row_name(row: &[&str]) -> String {
    let name = short_area(row[0]);
    match name.strip_suffix(" L") {
        Some(part) if row.len() > 1 => part.to_owned(),
        _ => name,
    }
}

/// The side letter of an area in the compact picture: " L" for your left, " R" for your right,
/// nothing for the middle.
fn side(id: &str) -> &'static str {
    if id.ends_with("-left") {
        " L"
    } else if id.ends_with("-right") {
        " R"
    } else {
        ""
    }
}

/// The compact picture: the parts' names in a column, then your left, the middle and your
/// right in three columns, every row centred as one block:
///
/// ```text
///       neck [ ]
/// upper back [ ]
/// low back [ ] L [ ] [ ] R
///      hip [ ] L     [ ] R
/// ```
fn compact(form: &LogForm, t: &Theme, width: usize) -> Vec<Line<'static>> {
    const LEFT: usize = "[ ] L".len();
    const MIDDLE: usize = "[ ]".len();
    let names = BODY
        .iter()
        .filter(|row| row.len() > 1)
        .map(|row| row_name(row).chars().count())
        .max()
        .unwrap_or(0);
    let block = |gap: usize| names + 1 + LEFT + gap + MIDDLE + gap + LEFT;
    // Two spaces between the columns where they fit, one where they do not.
    let gap = if block(2) <= width { 2 } else { 1 };
    let pad = width.saturating_sub(block(gap)) / 2;
    // A part with one area ends where the middle column starts, so its name may be longer.
    let before_middle = pad + names + 1 + LEFT + gap;
    let mut lines = Vec::new();
    for (r, row) in BODY.iter().enumerate() {
        let name = row_name(row);
        let mut spans = Vec::new();
        if let [_] = row {
            let room = before_middle - 1;
            let front = *row == ["groin-saddle"] && FRONT.len() + name.chars().count() <= room;
            let prefix = if front { FRONT } else { "" };
            let lead = room.saturating_sub(prefix.len() + name.chars().count());
            spans.push(Span::styled(
                format!("{}{prefix}", " ".repeat(lead)),
                t.muted(),
            ));
            spans.push(Span::raw(format!("{name} ")));
            spans.push(tick_box(form, t, (r, 0), ""));
        } else {
            let lead = pad + names.saturating_sub(name.chars().count());
            spans.push(Span::raw(format!("{}{name} ", " ".repeat(lead))));
            for (c, id) in row.iter().enumerate() {
                if c > 0 {
                    spans.push(Span::raw(" ".repeat(gap)));
                }
                spans.push(tick_box(form, t, (r, c), side(id)));
                if row.len() == 2 && c == 0 {
                    // No middle: the right stays in its column.
                    spans.push(Span::raw(" ".repeat(gap + MIDDLE)));
                }
            }
        }
        lines.push(Line::from(spans));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> LogForm {
        let mut form = LogForm::new("2026-11-24T18:30:00+01:00".parse().unwrap());
        form.focus = Section::Areas;
        form
    }

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    fn areas() -> usize {
        BODY.iter().map(|row| row.len()).sum()
    }

    #[test]
    fn the_picture_fits_whole_at_every_width_from_24_columns() {
        let t = Theme::new(true);
        for width in 24..=200 {
            let (lines, _) = body_lines(&form(), &t, width);
            assert_eq!(lines.len(), BODY.len(), "a line a row, at {width}");
            for line in &lines {
                assert!(line.width() <= width, "at {width}: {:?}", text(line));
            }
            let boxes: usize = lines.iter().map(|l| text(l).matches("[ ]").count()).sum();
            assert_eq!(boxes, areas(), "every area, at {width}");
        }
        // The names in full where they fit, the compact picture below.
        let (full, _) = body_lines(&form(), &t, 46);
        assert!(text(&full[2]).contains("[ ] low back L   [ ] low back   [ ] low back R"));
        let (compact, _) = body_lines(&form(), &t, 45);
        assert!(text(&compact[2]).contains("low back [ ] L  [ ]  [ ] R"));
        let (narrow, _) = body_lines(&form(), &t, 24);
        assert_eq!(text(&narrow[2]), "low back [ ] L [ ] [ ] R");
        assert_eq!(text(&narrow[7]), "  groin/saddle [ ]");
        let (roomy, _) = body_lines(&form(), &t, 40);
        assert_eq!(text(&roomy[7]).trim(), "front: groin/saddle [ ]");
    }

    #[test]
    fn in_the_compact_picture_your_left_is_on_the_left_and_each_side_in_one_column() {
        let t = Theme::new(true);
        for width in [24, 32, 40, 45] {
            let (lines, _) = body_lines(&form(), &t, width);
            let column = |mark: &str| -> Vec<usize> {
                lines
                    .iter()
                    .filter_map(|l| text(l).find(mark))
                    .collect::<Vec<_>>()
            };
            let (left, right) = (column("[ ] L"), column("[ ] R"));
            assert_eq!(
                left.len(),
                5,
                "low back, hip, buttock, leg, foot at {width}"
            );
            assert_eq!(right.len(), 5);
            assert!(left.iter().all(|&x| x == left[0]), "at {width}: {left:?}");
            assert!(
                right.iter().all(|&x| x == right[0]),
                "at {width}: {right:?}"
            );
            assert!(left[0] < right[0]);
            // The middle (neck, upper back, the middle of the low back, groin) between them.
            let low_back_middle = text(&lines[2])
                .match_indices("[ ]")
                .nth(1)
                .map_or(0, |(x, _)| x);
            assert!(left[0] < low_back_middle && low_back_middle < right[0]);
            for r in [0, 1, 7] {
                let x = text(&lines[r]).rfind("[ ]");
                assert_eq!(x, Some(low_back_middle), "row {r} at {width}");
            }
        }
    }

    #[test]
    fn the_area_with_the_cursor_is_the_one_highlighted_in_both_pictures() {
        let t = Theme::new(true);
        for width in [24, 40, 80] {
            for (r, row) in BODY.iter().enumerate() {
                for (c, id) in row.iter().enumerate() {
                    let mut form = form();
                    form.area_cursor = (r, c);
                    form.areas = vec![(*id).to_owned()];
                    let (lines, cursor_line) = body_lines(&form, &t, width);
                    assert_eq!(cursor_line, r);
                    let highlighted: Vec<(usize, String)> = lines
                        .iter()
                        .enumerate()
                        .flat_map(|(n, l)| {
                            l.spans
                                .iter()
                                .filter(|s| s.style == t.selected())
                                .map(move |s| (n, s.content.to_string()))
                        })
                        .collect();
                    let side = if id.ends_with("-left") {
                        "L"
                    } else if id.ends_with("-right") {
                        "R"
                    } else {
                        ""
                    };
                    assert_eq!(highlighted.len(), 1, "{id} at {width}: {highlighted:?}");
                    let (n, shown) = &highlighted[0];
                    assert_eq!(*n, r, "{id} at {width}");
                    assert!(shown.starts_with("[x]"), "{id} at {width}: {shown}");
                    assert!(shown.trim_end().ends_with(side), "{id} at {width}: {shown}");
                }
            }
        }
    }
}
