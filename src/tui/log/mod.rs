//! The Log tab: the entries, the list with its filters ([`filter`]), the entry form
//! ([`form`]), the delete confirmation, and the review of trends. Saving and deleting go
//! through the durable log. The list is drawn in [`view`] (its filter row and entry rows
//! fitted to the width in [`list_lines`]), the form in [`form_view`], the review in [`trends`];
//! the short words all of them use (an area's short name, labels) are in [`words`].

use chrono::{DateTime, FixedOffset, NaiveDate};

pub mod filter;
pub mod form;
mod form_view;
mod keys;
mod list_lines;
mod trends;
mod view;
mod words;

pub use filter::{Filter, FilterField, Range};
pub use form::{FormEffect, LogForm, Section};
pub use view::{LogScreen, entry_at};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::msg::{Action, Msg};
use super::screen::{Ctx, Hint, Keys, Outcome, Request, Tab, TabScreen, View, hint, hint_of};
use crate::clock::Now;
use crate::store::RejectedLine;
use crate::symptoms::draft::{Draft, Journal};
use crate::symptoms::{SymptomEntry, SymptomLog};

/// What the Log tab shows.
#[derive(Debug, Clone)]
pub enum LogMode {
    /// The entry list.
    List,
    /// The form, adding or editing.
    Form(Box<LogForm>),
    /// "Delete this entry?", about the entry as it was shown when asked: the delete is refused
    /// if the log holds another version of it by the answer (an edit saved elsewhere).
    ConfirmDelete(Box<SymptomEntry>),
    /// Trends over the last `days` days.
    Review {
        /// 30 or 90.
        days: u32,
    },
}

/// The Log tab.
#[derive(Debug, Clone)]
pub struct LogView {
    /// Every entry, oldest first.
    pub entries: Vec<SymptomEntry>,
    /// Lines of the log file that could not be read (kept aside, reported here).
    pub rejected: Vec<RejectedLine>,
    /// Index of the highlighted row of the visible list (newest first).
    pub selected: usize,
    /// The list's filters.
    pub filter: Filter,
    /// What is shown.
    pub mode: LogMode,
    /// A one-line message: saved, deleted, or an error.
    pub message: Option<String>,
    /// The entry deleted last, as it was: `u` puts it back.
    pub undo: Option<SymptomEntry>,
    /// The draft journal of the open form, while it holds something typed (see
    /// [`crate::symptoms::draft`]); shared by clones of the tab.
    journal: Option<std::sync::Arc<Journal>>,
    /// What was journaled last (its time left out), so a key that changes nothing writes nothing.
    journaled: Option<Draft>,
}

impl LogView {
    /// The tab over loaded entries.
    pub fn new(entries: Vec<SymptomEntry>, rejected: Vec<RejectedLine>) -> Self {
        LogView {
            entries,
            rejected,
            selected: 0,
            filter: Filter::default(),
            mode: LogMode::List,
            message: None,
            undo: None,
            journal: None,
            journaled: None,
        }
    }

    /// Opens the form again on what an app that stopped mid-entry had typed (`draft`, from
    /// the data folder of `log`), saying so, and journals it from now on.
    pub fn restore_draft(&mut self, draft: &Draft, log: &SymptomLog, now: DateTime<FixedOffset>) {
        let mut form = LogForm::restored(draft, now);
        let when = draft
            .written
            .map(|at| at.format(" (%a %-d %b %H:%M)").to_string())
            .unwrap_or_default();
        form.error = Some(format!(
            "Brought back what you were typing when knotless last stopped{when}. Save it, or \
             Esc to let it go."
        ));
        self.journal = open_journal(log);
        self.journaled = Some(Draft {
            written: None,
            ..draft.clone()
        });
        self.mode = LogMode::Form(Box::new(form));
    }

    /// After a key: the open form's content journaled when it changed, the journal removed
    /// once the form is saved or let go (or holds nothing typed any more).
    fn keep_journal(&mut self, log: &SymptomLog, now: DateTime<FixedOffset>) {
        match &self.mode {
            LogMode::Form(form) if form.is_changed() => {
                let mut draft = form.draft(now);
                draft.written = None;
                if self.journaled.as_ref() == Some(&draft) {
                    return;
                }
                if self.journal.is_none() {
                    self.journal = open_journal(log);
                }
                if let Some(journal) = &self.journal {
                    journal.write(&Draft {
                        written: Some(now),
                        ..draft.clone()
                    });
                    self.journaled = Some(draft);
                }
            }
            LogMode::Form(_) => {
                if self.journaled.take().is_some()
                    && let Some(journal) = &self.journal
                {
                    journal.clear();
                }
            }
            _ => {
                if let Some(journal) = self.journal.take() {
                    journal.clear();
                }
                self.journaled = None;
            }
        }
    }

    /// The entries the list shows, newest first.
    pub fn visible(&self, today: NaiveDate) -> Vec<&SymptomEntry> {
        self.entries
            .iter()
            .rev()
            .filter(|e| self.filter.accepts(e, today))
            .collect()
    }

    /// Whether the list, rather than a form or dialog, has the keys (so Tab changes tabs).
    pub fn is_idle(&self) -> bool {
        matches!(self.mode, LogMode::List | LogMode::Review { .. }) && self.filter.focus.is_none()
    }

    /// Whether a text field has focus.
    pub fn is_typing(&self) -> bool {
        matches!(&self.mode, LogMode::Form(form) if form.is_typing())
    }

    /// After a save: the list holds the entry, highlighted, and says so.
    fn saved(&mut self, entry: SymptomEntry, today: NaiveDate) {
        self.message = Some(format!(
            "Saved: pain {} at {}.",
            entry.pain,
            entry.at.format("%Y-%m-%d %H:%M")
        ));
        let id = entry.id.clone();
        self.entries.retain(|e| e.id != entry.id);
        self.entries.push(entry);
        self.entries
            .sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
        // The highlight stays on the entry just saved (new or edited), so the next `e` or `d`
        // is about it.
        self.selected = self
            .visible(today)
            .iter()
            .position(|e| e.id == id)
            .unwrap_or(0);
        self.mode = LogMode::List;
    }

    /// Opens the form for a new entry at `now`.
    pub fn add(&mut self, now: Now) {
        self.message = None;
        self.mode = LogMode::Form(Box::new(LogForm::new(now.wall)));
    }

    /// The log as it is on disk now (written elsewhere too): the highlight stays on the entry
    /// it was on, a form being typed stays open.
    pub fn replace(
        &mut self,
        entries: Vec<SymptomEntry>,
        rejected: Vec<RejectedLine>,
        today: NaiveDate,
    ) {
        let highlighted = self.visible(today).get(self.selected).map(|e| e.id.clone());
        self.entries = entries;
        self.rejected = rejected;
        let visible = self.visible(today);
        self.selected = highlighted
            .and_then(|id| visible.iter().position(|e| e.id == id))
            .unwrap_or(self.selected)
            .min(visible.len().saturating_sub(1));
    }

    /// Lines appended to the log elsewhere (or our own, read back): each change applied by id
    /// (an edit replaces, a tombstone removes), the highlighted entry kept highlighted. Whether
    /// an entry changed (our own lines read back change none).
    pub fn apply(
        &mut self,
        changes: Vec<crate::symptoms::Change>,
        rejected: Vec<RejectedLine>,
        today: NaiveDate,
    ) -> bool {
        self.rejected.extend(rejected);
        if changes.is_empty() {
            return false;
        }
        let highlighted = self.visible(today).get(self.selected).map(|e| e.id.clone());
        if !crate::symptoms::apply(&mut self.entries, changes) {
            return false;
        }
        let visible = self.visible(today);
        self.selected = highlighted
            .and_then(|id| visible.iter().position(|e| e.id == id))
            .unwrap_or(self.selected)
            .min(visible.len().saturating_sub(1));
        true
    }

    /// `u`: the entry deleted last comes back as it was (same id, so the red flags read it as
    /// the evidence it was), highlighted. A log written elsewhere since is not overwritten: an
    /// entry with that id there already stays as it is.
    fn undo_delete(&mut self, log: &SymptomLog, today: NaiveDate) {
        let Some(entry) = self.undo.take() else {
            self.message = Some("Nothing to undo.".to_owned());
            return;
        };
        if self.entries.iter().any(|e| e.id == entry.id) {
            self.message = Some("Not put back: that entry is in the log again.".to_owned());
            return;
        }
        // Checked again under the write lock: another window may have written it since.
        match log.restore(&entry) {
            Ok(Err(_)) => {
                self.message = Some(
                    "Not put back: that entry was written again elsewhere (another window or \
                     the command line) since it was deleted."
                        .to_owned(),
                );
            }
            Ok(Ok(())) => {
                // Not a new entry: nothing to check against the flags that was not there.
                self.saved(entry, today);
                self.message = Some("Put back.".to_owned());
            }
            Err(e) => {
                self.message = Some(format!("Not put back: {e}"));
                self.undo = Some(entry);
            }
        }
    }

    /// Pasted text goes into the note being typed (and its journal); anywhere else it is
    /// ignored.
    pub fn paste(&mut self, text: &str, log: &SymptomLog, now: DateTime<FixedOffset>) -> bool {
        let changed = match &mut self.mode {
            LogMode::Form(form) => form.paste(text),
            _ => false,
        };
        if changed {
            self.keep_journal(log, now);
        }
        changed
    }

    /// Sets the pain rating of the form being filled in.
    pub fn set_pain(&mut self, pain: u8) {
        if let LogMode::Form(form) = &mut self.mode {
            form.pain = crate::tui::runner::PainInput::with(pain);
        }
    }
}

/// The journal of a form on `log`'s data folder, unless another window's form holds it.
fn open_journal(log: &SymptomLog) -> Option<std::sync::Arc<Journal>> {
    let data_dir = log.store().path().parent()?;
    Journal::open(data_dir).map(std::sync::Arc::new)
}

impl TabScreen for LogView {
    /// The list's own keys and the app's (quit, back to Routines, the report, other tabs)
    /// while the list or the review is in front; the form, the filters and "delete?" take
    /// every key while they are open.
    fn update(&mut self, msg: Msg, ctx: &Ctx<'_>) -> Outcome {
        let idle = self.is_idle();
        let review = matches!(self.mode, LogMode::Review { .. });
        let app = |request| Outcome::Request(request);
        let action = match msg {
            Msg::Tick => return Outcome::Ignored,
            Msg::Action(action) => Some(action),
            Msg::Resize
            | Msg::Digit(_)
            | Msg::Text(_)
            | Msg::Click(..)
            | Msg::Wheel(..)
            | Msg::Other => None,
        };
        let asked = match action {
            // Ctrl-C keeps what the form can save, then quits.
            Some(Action::ForceQuit) => {
                self.handle(msg, ctx.now, ctx.log, ctx.width);
                return app(Request::Quit);
            }
            Some(Action::Quit) if idle => Some(Request::Quit),
            // Esc clears the filters first; with none, it goes back to Routines.
            Some(Action::Cancel)
                if idle && matches!(self.mode, LogMode::List) && !self.filter.is_active() =>
            {
                Some(Request::Show(Tab::Routines))
            }
            Some(Action::Report) if review => Some(Request::Report(false)),
            Some(Action::ReportOpen) if review => Some(Request::Report(true)),
            Some(Action::NextTab) if idle => Some(Request::SwitchTab(true)),
            Some(Action::PreviousTab) if idle => Some(Request::SwitchTab(false)),
            Some(Action::Flags) if idle => Some(Request::OpenFlags),
            // The rest are the mode's in front: the list, the review, the filters, the form or
            // "delete?".
            Some(
                Action::Quit
                | Action::Cancel
                | Action::Report
                | Action::ReportOpen
                | Action::NextTab
                | Action::PreviousTab
                | Action::Flags
                | Action::Up
                | Action::Down
                | Action::Left
                | Action::Right
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
                | Action::Add
                | Action::Edit
                | Action::Delete
                | Action::Filter
                | Action::Find
                | Action::Review
                | Action::Yes
                | Action::Checked
                | Action::Undo
                | Action::Snooze
                | Action::Save
                | Action::Programmes
                | Action::StopProgramme,
            )
            | None => None,
        };
        if let Some(request) = asked {
            return app(request);
        }
        self.handle(msg, ctx.now, ctx.log, ctx.width)
    }

    fn hints(&self, _view: &View<'_>, _area: Rect) -> Vec<Hint> {
        match &self.mode {
            LogMode::Form(form) if form.confirm_discard => vec![
                hint(Action::Yes, "discard"),
                hint_of(Keys::AnyOther, "keep editing"),
            ],
            LogMode::Form(form) if form.is_typing() => vec![
                hint(Action::Save, "save"),
                hint(Action::NextTab, "next section"),
                hint(Action::Cancel, "cancel"),
            ],
            LogMode::Form(_) => vec![
                hint(Action::NextTab, "next section"),
                hint_of(Keys::Arrows, "move"),
                hint(Action::Pause, "tick"),
                hint_of(Keys::Either(Action::Yes, Action::Next), "answer"),
                hint(Action::Confirm, "save"),
                hint(Action::Cancel, "cancel"),
            ],
            LogMode::ConfirmDelete(_) => {
                vec![hint(Action::Yes, "delete"), hint(Action::Next, "keep")]
            }
            LogMode::Review { .. } => vec![
                hint_of(Keys::Pair(Action::Left, Action::Right), "30/90 days"),
                hint(Action::Report, "report"),
                hint(Action::Review, "entries"),
                hint(Action::Add, "add"),
                hint(Action::NextTab, "next tab"),
                hint(Action::ReportOpen, "report + open"),
            ],
            LogMode::List if self.filter.focus.is_some() => vec![
                hint(Action::NextTab, "next filter"),
                hint_of(Keys::Pair(Action::Left, Action::Right), "change"),
                hint(Action::Delete, "clear all"),
                hint(Action::Confirm, "done"),
            ],
            LogMode::List => {
                let mut keys = vec![
                    hint(Action::Add, "add"),
                    hint(Action::Edit, "edit"),
                    hint(Action::Delete, "delete"),
                    hint(Action::Filter, "filter"),
                    hint(Action::Review, "review"),
                    hint(Action::NextTab, "next tab"),
                    hint(Action::Quit, "quit"),
                ];
                if self.filter.is_active() {
                    keys.insert(4, hint(Action::Cancel, "clear filters"));
                }
                if self.undo.is_some() {
                    keys.insert(0, hint(Action::Undo, "undo delete"));
                }
                keys
            }
        }
    }

    fn draw(&self, view: &View<'_>, area: Rect, buf: &mut Buffer) {
        (&LogScreen {
            checkins: view.checkins,
            view: self,
            today: view.now.wall.date_naive(),
            theme: *view.theme,
        })
            .render(area, buf);
    }

    fn busy(&self) -> bool {
        !self.is_idle()
    }
}
