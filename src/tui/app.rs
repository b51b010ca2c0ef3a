//! App state and `update`, the only place state changes. Screens read this state to draw.

use std::time::Instant;

use super::runner::{Effect, Runner};
use super::theme::Theme;
use crate::clock::Now;
use crate::history;
use crate::routine::Library;
use crate::store::JsonlStore;

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
}

/// The screen in front.
#[derive(Debug, Clone)]
pub enum Screen {
    /// The routine list with its detail pane.
    Routines,
    /// A routine being run.
    Runner(Box<Runner>),
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
    /// A one-line message for the Routines screen (e.g. a history write that failed).
    pub notice: Option<String>,
    history: JsonlStore,
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
    /// A new app on the Routines screen, or straight in the runner for `start`.
    pub fn new(
        library: Library,
        theme: Theme,
        history: JsonlStore,
        start: Option<&str>,
        now: Now,
    ) -> App {
        let mut app = App {
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
            Screen::Routines => None,
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
    } else if msg == Msg::Help {
        app.help = true;
        return true;
    }
    match &mut app.screen {
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
                if let Err(e) = &saved {
                    app.notice = Some(format!("The session was not saved: {e}"));
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
