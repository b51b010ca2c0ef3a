//! Keys in the entry form: Tab between sections, arrows within one, digits and space, the When
//! section's time steps, and Esc asking before it throws away what was typed.
//!
//! Up and Down on the chips move one row of the chips as drawn, and how many columns are drawn
//! depends on the width ([`Chips::at`]). The form does not keep the width: each message comes
//! with the width the form was last drawn at (the app keeps the terminal's size at the last
//! draw, as it does to place clicks), as each comes with the time. So the keys follow what is
//! on the screen, and a test picks the width as it picks the time, with nothing set while
//! drawing.

use chrono::{DateTime, FixedOffset};

use super::{BODY, Chips, FormEffect, LogForm, Section, note_chars, sort_like};
use crate::symptoms::{MAX_NOTE_CHARS, Onset};
use crate::tui::msg::Msg;
use crate::vocabulary::Vocabulary;

impl LogForm {
    /// Handles one message; `now` is this moment (a new entry's id says when it was written),
    /// `width` the width the form was last drawn at (Up and Down move a row of the chips drawn).
    pub fn update(&mut self, msg: Msg, now: DateTime<FixedOffset>, width: u16) -> FormEffect {
        if self.confirm_discard {
            // "Discard?": `y` (or Esc again) discards; any other key goes back to the form.
            self.confirm_discard = false;
            self.error = None;
            return match msg {
                Msg::Yes | Msg::Cancel => FormEffect::Cancel,
                Msg::ForceQuit => self.update(msg, now, width),
                _ => FormEffect::None,
            };
        }
        match msg {
            Msg::Cancel if self.is_changed() => {
                self.confirm_discard = true;
                self.error = Some(
                    "Discard what you have entered? y discard · any other key keeps editing"
                        .to_owned(),
                );
            }
            Msg::Cancel => return FormEffect::Cancel,
            // Ctrl-C, a closed window or a stop signal: "save and quit". An entry with a pain
            // rating is saved, screening questions left unanswered as they are (as `log add`
            // does); one without a rating cannot be, and is left.
            Msg::ForceQuit => {
                let id = || crate::id::new_id(now.timestamp_millis());
                return match self.entry_with(id, false) {
                    Ok(entry) => FormEffect::Save(entry),
                    Err(_) => FormEffect::Cancel,
                };
            }
            Msg::Tab => self.move_focus(true),
            Msg::BackTab => self.move_focus(false),
            Msg::Save => return self.save(now),
            Msg::Text(key) if self.focus == Section::Note => {
                self.note.input(key);
                // Typing past the cap takes no effect (pasting is capped the same way).
                if note_chars(&self.note) > MAX_NOTE_CHARS {
                    self.note.undo();
                }
            }
            Msg::Confirm if self.focus != Section::Note => return self.save(now),
            _ if self.focus == Section::When => self.move_time(msg, now),
            _ => self.update_section(msg, width),
        }
        FormEffect::None
    }

    /// The When section: ←→ 15 minutes earlier or later, ↑↓ a day later or earlier; never
    /// after `now` (a log is of what happened) nor before 1900. The entry keeps its id (the
    /// time it was written), whatever time it is for.
    fn move_time(&mut self, msg: Msg, now: DateTime<FixedOffset>) {
        let by = match msg {
            Msg::Left => chrono::Duration::minutes(-15),
            Msg::Right => chrono::Duration::minutes(15),
            Msg::Up => chrono::Duration::days(1),
            Msg::Down => chrono::Duration::days(-1),
            _ => return,
        };
        let earliest = DateTime::parse_from_rfc3339("1900-01-01T00:00:00+00:00").unwrap_or(now);
        if let Some(at) = self.at.checked_add_signed(by) {
            // Shown and saved in this computer's offset, like a new entry.
            self.at = at.min(now).max(earliest).with_timezone(&now.timezone());
        }
    }

    fn update_section(&mut self, msg: Msg, width: u16) {
        let focus = self.focus;
        match focus {
            Section::Pain => self.pain.update(msg),
            Section::Onset => {
                let order = [None, Some(Onset::Sudden), Some(Onset::Gradual)];
                let at = order.iter().position(|o| *o == self.onset).unwrap_or(0);
                match msg {
                    Msg::Right | Msg::Space => self.onset = order[(at + 1) % 3],
                    Msg::Left => self.onset = order[(at + 2) % 3],
                    _ => {}
                }
            }
            Section::Areas => {
                let unsure_row = BODY.len();
                if self.area_cursor.0 >= unsure_row && !self.offers_unsure() {
                    // "Not sure where" went away (a place or no nerve symptom now).
                    self.area_cursor = (unsure_row - 1, 0);
                }
                let (row, col) = self.area_cursor;
                if row == unsure_row {
                    match msg {
                        Msg::Up => self.area_cursor = (unsure_row - 1, 0),
                        Msg::Space => self.place_unsure = !self.place_unsure,
                        _ => {}
                    }
                    return;
                }
                if msg == Msg::Down && row == unsure_row - 1 && self.offers_unsure() {
                    self.area_cursor = (unsure_row, 0);
                    return;
                }
                match msg {
                    Msg::Up => self.area_cursor = move_row(row, col, row.saturating_sub(1)),
                    Msg::Down => {
                        self.area_cursor = move_row(row, col, (row + 1).min(BODY.len() - 1))
                    }
                    Msg::Left => self.area_cursor.1 = col.saturating_sub(1),
                    Msg::Right => self.area_cursor.1 = (col + 1).min(BODY[row].len() - 1),
                    Msg::Space => {
                        toggle(&mut self.areas, BODY[row][col]);
                        if !self.areas.is_empty() {
                            self.place_unsure = false;
                        }
                    }
                    _ => {}
                }
            }
            Section::Symptoms | Section::Triggers | Section::Relief => {
                let options = Self::options(focus);
                let Some(ticks) = self.ticks(focus) else {
                    return;
                };
                let last = options.len().saturating_sub(1);
                let columns = Chips::at(width).columns;
                match msg {
                    Msg::Left => ticks.cursor = ticks.cursor.saturating_sub(1),
                    Msg::Right => ticks.cursor = (ticks.cursor + 1).min(last),
                    Msg::Up => ticks.cursor = ticks.cursor.saturating_sub(columns),
                    Msg::Down => ticks.cursor = (ticks.cursor + columns).min(last),
                    Msg::Space => {
                        if let Some(id) = options.get(ticks.cursor) {
                            toggle(&mut ticks.chosen, id);
                            sort_like(&mut ticks.chosen, &options);
                            // Unticking a symptom a question asks about takes back its "yes".
                            if focus == Section::Symptoms {
                                let vocabulary = Vocabulary::bundled();
                                if let Some(i) =
                                    vocabulary.screening.iter().position(|q| q.symptom == *id)
                                    && !self.symptoms.chosen.iter().any(|c| c.as_str() == *id)
                                    && self.screening[i] == Some(true)
                                {
                                    self.screening[i] = None;
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            Section::Screening => {
                let last = self.screening.len().saturating_sub(1);
                let answer = match msg {
                    Msg::Yes => Some(true),
                    Msg::Next => Some(false), // `n`
                    Msg::Up => {
                        self.screening_cursor = self.screening_cursor.saturating_sub(1);
                        None
                    }
                    Msg::Down => {
                        self.screening_cursor = (self.screening_cursor + 1).min(last);
                        None
                    }
                    _ => None,
                };
                if let Some(answer) = answer {
                    // On to the next question still open, so that "n n n" answers the open
                    // ones and never takes back a symptom ticked above.
                    self.set_answer(self.screening_cursor, answer);
                    self.screening_cursor = self
                        .next_unanswered(self.screening_cursor + 1)
                        .unwrap_or((self.screening_cursor + 1).min(last));
                }
            }
            Section::Note | Section::When => {}
        }
    }
}

fn move_row(from_row: usize, col: usize, to_row: usize) -> (usize, usize) {
    // Keep the horizontal position roughly: left stays left, right stays right.
    let from_len = BODY[from_row].len();
    let to_len = BODY[to_row].len();
    let col = if from_len <= 1 || to_len <= 1 {
        to_len / 2
    } else if col == 0 {
        0
    } else if col == from_len - 1 {
        to_len - 1
    } else {
        to_len / 2
    };
    (to_row, col.min(to_len - 1))
}

pub(super) fn toggle(list: &mut Vec<String>, id: &str) {
    if let Some(at) = list.iter().position(|x| x == id) {
        list.remove(at);
    } else {
        list.push(id.to_owned());
    }
}
