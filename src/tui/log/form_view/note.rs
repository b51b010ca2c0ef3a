//! The note editor as drawn: made safe and single-width.

use std::borrow::Cow;

use ratatui_textarea::{CursorMove, DataCursor, TextArea};

use crate::tui::untrusted::shown;

/// The note editor as drawn: its lines through [`shown`], so that the frame never holds a
/// control or bidirectional character from a pasted text or a note read from the log (shown as
/// escapes, as everywhere), nor a joined emoji that terminals draw at another width than
/// ratatui counts (the row would be misdrawn until the next full redraw), with the cursor and
/// any selection on the same characters as in the editor. The form keeps the note exactly as typed; only the drawing
/// changes, as in the list and the detail.
pub(super) fn drawn_note(note: &TextArea<'static>) -> TextArea<'static> {
    let lines = note.lines();
    if lines.iter().all(|l| matches!(shown(l), Cow::Borrowed(_))) {
        return note.clone();
    }
    // A position in the editor (row, character) to the same character of the drawn line: the
    // characters before it, mapped, counted.
    let drawn_at = |(row, col): (usize, usize)| -> CursorMove {
        let line = lines.get(row).map_or("", String::as_str);
        let byte = line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
        let col = shown(&line[..byte]).chars().count();
        CursorMove::Jump(
            u16::try_from(row).unwrap_or(u16::MAX),
            u16::try_from(col).unwrap_or(u16::MAX),
        )
    };
    let mut drawn = TextArea::new(lines.iter().map(|l| shown(l).into_owned()).collect());
    let DataCursor(row, col) = note.cursor();
    if let Some((start, end)) = note.selection_range() {
        // The selection's other end is where it started.
        let anchor = if (row, col) == start { end } else { start };
        drawn.move_cursor(drawn_at(anchor));
        drawn.start_selection();
    }
    drawn.move_cursor(drawn_at((row, col)));
    drawn
}
