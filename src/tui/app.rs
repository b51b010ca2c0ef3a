//! App state and `update`, the only place state changes. Screens read this state to draw.

use std::time::Instant;

use ratatui::crossterm::event::KeyEvent;

use std::path::Path;

use chrono::Datelike;

use super::log_view::LogView;
use super::runner::{Effect, Runner};
use super::theme::Theme;
use crate::clock::Now;
use crate::history::{self, HistoryRecord, SessionRecord};
use crate::routine::Library;
use crate::store::JsonlStore;
use crate::store::RejectedLine;
use crate::symptoms::SymptomLog;

/// Everything a key press or a timer can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    /// A timer is due: bring the clock up to date.
    Tick,
    /// The terminal was resized.
    Resize,
    /// Move up / increase.
    Up,
    /// Move down / decrease.
    Down,
    /// Move left / decrease.
    Left,
    /// Move right / increase.
    Right,
    /// To the first item / lowest value.
    First,
    /// To the last item / highest value.
    Last,
    /// Enter: choose, confirm, reps done.
    Confirm,
    /// Esc: back out of the current view.
    Cancel,
    /// Space: pause or resume; tick a checklist item.
    Space,
    /// Next phase.
    Next,
    /// Previous step.
    Back,
    /// Skip a question.
    Skip,
    /// Open or close the help overlay.
    Help,
    /// `q`: stop the session, or quit from the home screen.
    Quit,
    /// Ctrl-C: save what there is and quit at once.
    ForceQuit,
    /// A digit key.
    Digit(u8),
    /// Tab: next tab, or next section of a form.
    Tab,
    /// Shift-Tab: previous tab or section.
    BackTab,
    /// Ctrl-S: save the form from anywhere in it.
    Save,
    /// A key typed into a text field.
    Text(KeyEvent),
    /// `a`: add a log entry.
    Add,
    /// `e`: edit the highlighted entry.
    Edit,
    /// `d` or Delete: delete the highlighted entry (asks first).
    Delete,
    /// `f`: filter the list.
    Filter,
    /// `v`: switch between the entry list and the review of trends.
    Review,
    /// `y`: yes.
    Yes,
}

/// The screen in front.
#[derive(Debug, Clone)]
pub enum Screen {
    /// The routine list with its detail pane.
    Routines,
    /// The symptom log: list, form, review.
    Log,
    /// Sessions done: calendar, streaks, what helps.
    History,
    /// A routine being run (under the Routines tab).
    Runner(Box<Runner>),
}

/// The tabs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Routines (and the runner).
    Routines,
    /// The symptom log.
    Log,
    /// History of sessions.
    History,
}

impl Tab {
    /// Every tab, in order.
    pub const ALL: [Tab; 3] = [Tab::Routines, Tab::Log, Tab::History];

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            Tab::Routines => "Routines",
            Tab::Log => "Log",
            Tab::History => "History",
        }
    }
}

/// The whole app state.
#[derive(Debug, Clone)]
pub struct App {
    /// Every routine and every broken file.
    pub library: Library,
    /// Colours.
    pub theme: Theme,
    /// The screen in front.
    pub screen: Screen,
    /// Index into [`App::list_entries`] of the highlighted routine or broken file.
    pub selected: usize,
    /// Whether the help overlay is open.
    pub help: bool,
    /// Set when the app should exit.
    pub quit: bool,
    /// Bells to ring after the next draw.
    pub bells: u32,
    /// The moment of the last update; what the screens draw against.
    pub now: Now,
    /// The month the History calendar shows (year, month).
    pub history_month: (i32, u32),
    /// A one-line message for the Routines screen (e.g. a history write that failed).
    pub notice: Option<String>,
    /// The Log tab.
    pub log: LogView,
    /// Every session record, oldest first.
    pub sessions: Vec<SessionRecord>,
    /// Problems met while loading the data files, each naming the file and line.
    pub load_problems: Vec<String>,
    history: JsonlStore,
    symptom_log: SymptomLog,
}

/// One selectable row of the Routines list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// `library.routines[i]`.
    Routine(usize),
    /// `library.broken[i]`.
    Broken(usize),
}

impl App {
    /// A new app on the Routines screen (or straight in the runner for `start`), with the data
    /// files of `data_dir` loaded.
    pub fn new(
        library: Library,
        theme: Theme,
        data_dir: &Path,
        start: Option<&str>,
        now: Now,
    ) -> App {
        let history = history::store(data_dir);
        let symptom_log = SymptomLog::new(data_dir);
        let mut load_problems = Vec::new();
        let (entries, rejected) = match symptom_log.load() {
            Ok(c) => (c.entries, c.rejected),
            Err(e) => {
                load_problems.push(e.to_string());
                (Vec::new(), Vec::new())
            }
        };
        describe_rejected(symptom_log.store(), &rejected, &mut load_problems);
        let sessions = match history.load::<HistoryRecord>() {
            Ok(loaded) => {
                describe_rejected(&history, &loaded.rejected, &mut load_problems);
                loaded
                    .records
                    .into_iter()
                    .map(|HistoryRecord::Session(s)| s)
                    .collect()
            }
            Err(e) => {
                load_problems.push(e.to_string());
                Vec::new()
            }
        };
        let mut app = App {
            log: LogView::new(entries, rejected),
            history_month: (now.wall.year(), now.wall.month()),
            sessions,
            load_problems,
            symptom_log,
            library,
            theme,
            screen: Screen::Routines,
            selected: 0,
            help: false,
            quit: false,
            bells: 0,
            now,
            notice: None,
            history,
        };
        if let Some(index) =
            start.and_then(|id| app.library.routines.iter().position(|r| r.id == id))
        {
            app.selected = index;
            app.open_selected(now);
        }
        app
    }

    /// The tab the current screen belongs to.
    pub fn tab(&self) -> Tab {
        match self.screen {
            Screen::Routines | Screen::Runner(_) => Tab::Routines,
            Screen::Log => Tab::Log,
            Screen::History => Tab::History,
        }
    }

    /// Whether keys should go to a text field.
    pub fn is_typing(&self) -> bool {
        matches!(self.screen, Screen::Log) && self.log.is_typing()
    }

    fn switch_tab(&mut self, forward: bool) {
        let at = Tab::ALL.iter().position(|t| *t == self.tab()).unwrap_or(0);
        let n = Tab::ALL.len();
        let next = Tab::ALL[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }];
        self.screen = match next {
            Tab::Routines => Screen::Routines,
            Tab::Log => Screen::Log,
            Tab::History => Screen::History,
        };
    }

    /// The rows of the Routines list, in display order (routines are sorted by kind).
    pub fn list_entries(&self) -> Vec<Entry> {
        (0..self.library.routines.len())
            .map(Entry::Routine)
            .chain((0..self.library.broken.len()).map(Entry::Broken))
            .collect()
    }

    /// The highlighted row.
    pub fn selected_entry(&self) -> Option<Entry> {
        self.list_entries().get(self.selected).copied()
    }

    /// When the screen next changes without input; `None` means sleep until a key.
    pub fn next_wake(&self) -> Option<Instant> {
        match &self.screen {
            Screen::Runner(runner) => runner.next_wake(self.now.instant),
            Screen::Routines | Screen::Log | Screen::History => None,
        }
    }

    fn open_selected(&mut self, now: Now) {
        if let Some(Entry::Routine(i)) = self.selected_entry() {
            let routine = self.library.routines[i].clone();
            self.screen = Screen::Runner(Box::new(Runner::new(routine, now)));
        }
    }
}

/// Applies one message at `now`; returns whether the screen needs redrawing.
pub fn update(app: &mut App, msg: Msg, now: Now) -> bool {
    app.now = now;
    if app.help {
        match msg {
            Msg::Help | Msg::Cancel | Msg::Quit | Msg::Confirm => {
                app.help = false;
                return true;
            }
            Msg::ForceQuit => {}
            Msg::Tick | Msg::Resize => {}
            _ => return false,
        }
    } else if msg == Msg::Help && !app.is_typing() {
        app.help = true;
        return true;
    }
    let tab_keys_free = match &app.screen {
        Screen::Routines | Screen::History => true,
        Screen::Log => app.log.is_idle(),
        Screen::Runner(_) => false,
    };
    if tab_keys_free && matches!(msg, Msg::Tab | Msg::BackTab) {
        app.switch_tab(msg == Msg::Tab);
        return true;
    }
    match &mut app.screen {
        Screen::Log => match msg {
            Msg::ForceQuit => app.quit = true,
            Msg::Quit if app.log.is_idle() => app.quit = true,
            Msg::Tick => return false,
            _ => app.log.update(msg, now, &app.symptom_log),
        },
        Screen::History => match msg {
            Msg::Quit | Msg::Cancel | Msg::ForceQuit => app.quit = true,
            Msg::Left => app.history_month = shift_month(app.history_month, -1),
            Msg::Right => app.history_month = shift_month(app.history_month, 1),
            Msg::Tick => return false,
            _ => {}
        },
        Screen::Routines => {
            let count = app.list_entries().len();
            match msg {
                Msg::Up => app.selected = app.selected.saturating_sub(1),
                Msg::Down => app.selected = (app.selected + 1).min(count.saturating_sub(1)),
                Msg::First => app.selected = 0,
                Msg::Last => app.selected = count.saturating_sub(1),
                Msg::Confirm | Msg::Right => {
                    app.notice = None;
                    app.open_selected(now);
                }
                Msg::Quit | Msg::Cancel | Msg::ForceQuit => app.quit = true,
                Msg::Tick => return false,
                _ => {}
            }
        }
        Screen::Runner(runner) => match runner.update(msg, now) {
            Effect::None => {}
            Effect::Bell => app.bells += 1,
            Effect::Exit => {
                app.screen = Screen::Routines;
                if msg == Msg::ForceQuit {
                    app.quit = true;
                }
            }
            Effect::Save(record) => {
                let saved = history::record_session(&app.history, record.clone())
                    .map_err(|e| e.to_string());
                match &saved {
                    Ok(()) => app.sessions.push(record.clone()),
                    Err(e) => app.notice = Some(format!("The session was not saved: {e}")),
                }
                app.bells += 1;
                runner.show_summary(record, saved);
                if msg == Msg::ForceQuit {
                    app.quit = true;
                }
            }
        },
    }
    true
}

fn describe_rejected(store: &JsonlStore, rejected: &[RejectedLine], out: &mut Vec<String>) {
    for r in rejected {
        out.push(format!(
            "{} line {} could not be read; it was kept aside in {}",
            store.path().display(),
            r.line,
            store.rejected_path().display()
        ));
    }
}

/// The month `delta` months from `(year, month)`.
fn shift_month((year, month): (i32, u32), delta: i32) -> (i32, u32) {
    let index = year * 12 + month as i32 - 1 + delta;
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}
