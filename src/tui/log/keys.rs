//! The keys of each of the Log tab's modes: the list, the filters, the form, "delete?" and
//! the review (what reaches them past the app's keys, decided in `TabScreen::update`).

use super::{FilterField, FormEffect, LogForm, LogMode, LogView};
use crate::clock::Now;
use crate::symptoms::{Conflict, SymptomEntry, SymptomLog};
use crate::tui::msg::{Action, Msg};
use crate::tui::screen::{Outcome, Request};
use crate::vocabulary::Vocabulary;

impl LogView {
    /// Handles one message in the mode in front; `log` is where saves and deletes go, `width`
    /// the width the tab was last drawn at (the form's keys follow its layout). `Ignored` for a
    /// key the mode has no use for; an entry the form saved is `LogSaved`.
    pub(super) fn handle(&mut self, msg: Msg, now: Now, log: &SymptomLog, width: u16) -> Outcome {
        let outcome = self.handle_mode(msg, now, log, width);
        self.keep_journal(log, now.wall);
        outcome
    }

    fn handle_mode(&mut self, msg: Msg, now: Now, log: &SymptomLog, width: u16) -> Outcome {
        let today = now.wall.date_naive();
        match &mut self.mode {
            LogMode::Form(form) => match form.update(msg, now.wall, width) {
                FormEffect::None => {}
                FormEffect::Cancel => self.mode = LogMode::List,
                FormEffect::Save(entry) => {
                    // An edit that changes what the rules read counts as written now; one saved
                    // again after it was deleted elsewhere, too.
                    let entry = match (&form.seen, &form.editing) {
                        (Some(seen), _) => entry.edit_of(seen, now.wall),
                        (None, Some(_)) => SymptomEntry {
                            edited: Some(now.wall),
                            ..entry
                        },
                        (None, None) => entry,
                    };
                    let written = match &form.seen {
                        Some(seen) => log.save_edit(&entry, seen),
                        None => log.save(&entry).map(Ok),
                    };
                    match written {
                        Ok(Ok(())) => {
                            let id = entry.id.clone();
                            self.saved(entry, today);
                            return Outcome::Request(Request::LogSaved(id));
                        }
                        Ok(Err(conflict)) => {
                            // Nothing is lost: the form keeps what was typed, the list shows
                            // what the log holds now, and a second save replaces it knowingly.
                            let now_reads = match &conflict {
                                Conflict::Changed(fresh) => format!(
                                    " It now reads: {}. Save again to replace it with yours, or \
                                     Esc to keep it.",
                                    summary(fresh)
                                ),
                                Conflict::Deleted => " Save again to keep yours as a new \
                                                      version, or Esc to let it go."
                                    .to_owned(),
                            };
                            form.error = Some(format!("Not saved: {conflict}.{now_reads}"));
                            self.entries
                                .retain(|e| Some(&e.id) != form.editing.as_ref());
                            if let Conflict::Changed(fresh) = conflict {
                                self.entries.push((*fresh).clone());
                                self.entries
                                    .sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
                                form.seen = Some(*fresh);
                            } else {
                                form.seen = None;
                            }
                        }
                        Err(e) => form.error = Some(format!("Not saved: {e}")),
                    }
                }
            },
            LogMode::ConfirmDelete(asked) => match msg {
                Msg::Yes | Msg::Confirm => {
                    // The version asked about, not what the list holds now: an edit followed
                    // in from elsewhere since the question is not deleted unseen.
                    let asked = (**asked).clone();
                    let id = asked.id.clone();
                    match log.delete_seen(&asked) {
                        Ok(Ok(())) => {
                            self.undo = Some(asked);
                            self.entries.retain(|e| e.id != id);
                            self.message = Some("Entry deleted (u puts it back).".to_owned());
                        }
                        Ok(Err(Conflict::Deleted)) => {
                            self.entries.retain(|e| e.id != id);
                            self.message = Some("Entry deleted.".to_owned());
                        }
                        Ok(Err(Conflict::Changed(fresh))) => {
                            self.message = Some(format!(
                                "Not deleted: it was changed elsewhere since it was shown; it \
                                 now reads: {}. Delete again if you still want it gone.",
                                summary(&fresh)
                            ));
                            self.entries.retain(|e| e.id != id);
                            self.entries.push(*fresh);
                            self.entries
                                .sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
                        }
                        Err(e) => self.message = Some(format!("Not deleted: {e}")),
                    }
                    self.mode = LogMode::List;
                    let count = self.visible(today).len();
                    self.selected = self.selected.min(count.saturating_sub(1));
                }
                Msg::Next | Msg::Cancel | Msg::Quit => self.mode = LogMode::List,
                // Other keys leave the question open.
                Msg::Action(
                    Action::Up
                    | Action::Down
                    | Action::Left
                    | Action::Right
                    | Action::First
                    | Action::Last
                    | Action::ScrollUp
                    | Action::ScrollDown
                    | Action::Pause
                    | Action::Back
                    | Action::Skip
                    | Action::Help
                    | Action::ForceQuit
                    | Action::NextTab
                    | Action::PreviousTab
                    | Action::Save
                    | Action::Add
                    | Action::Edit
                    | Action::Delete
                    | Action::Filter
                    | Action::Review
                    | Action::Flags
                    | Action::Find
                    | Action::Checked
                    | Action::Undo
                    | Action::Snooze
                    | Action::Report
                    | Action::ReportOpen
                    | Action::Programmes
                    | Action::StopProgramme,
                )
                | Msg::Tick
                | Msg::Digit(_)
                | Msg::Text(_)
                | Msg::Click(..)
                | Msg::Wheel(..)
                | Msg::Other => return Outcome::Ignored,
                Msg::Resize => {}
            },
            LogMode::Review { days } => match msg {
                Msg::Left | Msg::Right => *days = if *days == 30 { 90 } else { 30 },
                Msg::Review | Msg::Cancel => self.mode = LogMode::List,
                Msg::Add => self.add(now),
                // The app's keys (report, other tabs, quit) were taken before; the rest do
                // nothing here.
                Msg::Action(
                    Action::Up
                    | Action::Down
                    | Action::First
                    | Action::Last
                    | Action::ScrollUp
                    | Action::ScrollDown
                    | Action::Confirm
                    | Action::Pause
                    | Action::Next
                    | Action::Back
                    | Action::Skip
                    | Action::Help
                    | Action::Quit
                    | Action::ForceQuit
                    | Action::NextTab
                    | Action::PreviousTab
                    | Action::Save
                    | Action::Edit
                    | Action::Delete
                    | Action::Filter
                    | Action::Yes
                    | Action::Flags
                    | Action::Find
                    | Action::Checked
                    | Action::Undo
                    | Action::Snooze
                    | Action::Report
                    | Action::ReportOpen
                    | Action::Programmes
                    | Action::StopProgramme,
                )
                | Msg::Tick
                | Msg::Digit(_)
                | Msg::Text(_)
                | Msg::Click(..)
                | Msg::Wheel(..)
                | Msg::Other => return Outcome::Ignored,
                Msg::Resize => {}
            },
            LogMode::List if self.filter.focus.is_some() => {
                self.filter.update(msg, today);
                self.selected = 0;
            }
            LogMode::List => {
                let visible: Vec<String> =
                    self.visible(today).iter().map(|e| e.id.clone()).collect();
                let last = visible.len().saturating_sub(1);
                match msg {
                    Msg::Up => self.selected = self.selected.saturating_sub(1),
                    Msg::Down => self.selected = (self.selected + 1).min(last),
                    Msg::First => self.selected = 0,
                    Msg::Last => self.selected = last,
                    Msg::Add => self.add(now),
                    Msg::Edit | Msg::Confirm => {
                        if let Some(entry) = visible
                            .get(self.selected)
                            .and_then(|id| self.entries.iter().find(|e| &e.id == id))
                        {
                            self.message = None;
                            self.mode = LogMode::Form(Box::new(LogForm::edit(entry)));
                        }
                    }
                    Msg::Delete => {
                        if let Some(entry) = visible
                            .get(self.selected)
                            .and_then(|id| self.entries.iter().find(|e| &e.id == id))
                        {
                            self.mode = LogMode::ConfirmDelete(Box::new(entry.clone()));
                        }
                    }
                    Msg::Filter => self.filter.focus = Some(FilterField::Range),
                    Msg::Undo => self.undo_delete(log, today),
                    // Esc clears the filters first (the app takes a second Esc back to Routines).
                    Msg::Cancel => {
                        self.filter.clear();
                        self.selected = 0;
                    }
                    Msg::Review => self.mode = LogMode::Review { days: 30 },
                    // The app's keys (quit, other tabs, `!`) were taken before.
                    Msg::Action(
                        Action::Left
                        | Action::Right
                        | Action::ScrollUp
                        | Action::ScrollDown
                        | Action::Pause
                        | Action::Next
                        | Action::Back
                        | Action::Skip
                        | Action::Help
                        | Action::Quit
                        | Action::ForceQuit
                        | Action::NextTab
                        | Action::PreviousTab
                        | Action::Save
                        | Action::Yes
                        | Action::Flags
                        | Action::Find
                        | Action::Checked
                        | Action::Snooze
                        | Action::Report
                        | Action::ReportOpen
                        | Action::Programmes
                        | Action::StopProgramme,
                    )
                    | Msg::Tick
                    | Msg::Digit(_)
                    | Msg::Text(_)
                    | Msg::Click(..)
                    | Msg::Wheel(..)
                    | Msg::Other => return Outcome::Ignored,
                    Msg::Resize => {}
                }
            }
        }
        Outcome::Redraw
    }
}

/// An entry in a few words, for messages: when, pain, where and what, the note's start.
fn summary(e: &SymptomEntry) -> String {
    let vocabulary = Vocabulary::bundled();
    let mut parts = vec![
        e.at.format("%a %-d %b %H:%M").to_string(),
        format!("pain {}", e.pain),
    ];
    let labels = |category, ids: Vec<&'static str>| {
        ids.into_iter()
            .map(|id| vocabulary.label(category, id))
            .collect::<Vec<_>>()
            .join("; ")
    };
    if !e.areas.is_empty() {
        parts.push(labels(
            crate::vocabulary::Category::Area,
            e.areas.iter().collect(),
        ));
    }
    if !e.symptoms.is_empty() {
        parts.push(labels(
            crate::vocabulary::Category::Symptom,
            e.symptoms.iter().collect(),
        ));
    }
    if !e.note.is_empty() {
        parts.push(format!(
            "“{}”",
            crate::text::visible(&crate::text::preview(&e.note, 60))
        ));
    }
    parts.join(" · ")
}
