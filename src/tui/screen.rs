//! The screen contract: what every tab (and the runner) is to the app. A screen updates through
//! one signature, [`TabScreen::update`], that returns one [`Outcome`]: the message was not its
//! own, it changed what is drawn, or it asks the app for something ([`Request`]). It names its
//! keys as [`Hint`]s of the keymap's actions, and draws from a borrowed [`View`] of the records.
//! The tabs, in order, are [`TABS`].
//!
//! A screen matches on every [`Action`] where its behaviour is decided (no `_ =>`), so a new
//! action is a decision in each screen, not a silent no.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::keymap::Keymap;
use super::msg::{Action, Msg};
use super::programme::ProgrammeView;
use super::theme::Theme;
use crate::checkins::Checkin;
use crate::clock::Now;
use crate::config::Config;
use crate::flags::Flags;
use crate::flags::lapsed::Lapsed;
use crate::history::{BreakRecord, SessionRecord};
use crate::routine::{Library, Routine};
use crate::symptoms::{SymptomEntry, SymptomLog};

/// A tab in the tab bar: the tab, its title, and the four letters it shrinks to.
#[derive(Debug, Clone, Copy)]
pub struct TabInfo {
    /// The tab.
    pub tab: Tab,
    /// Its title.
    pub title: &'static str,
    /// Its title on a narrow terminal.
    pub short: &'static str,
}

/// Makes `Tab` and `TABS` from one list, so a tab is one line.
macro_rules! tabs {
    ($($(#[$doc:meta])* $tab:ident: $title:literal, $short:literal;)*) => {
        /// The tabs, in the bar's order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Tab {
            $($(#[$doc])* $tab,)*
        }

        /// The tabs, in the bar's order, with their titles.
        pub const TABS: [TabInfo; [$(stringify!($tab)),*].len()] =
            [$(TabInfo { tab: Tab::$tab, title: $title, short: $short }),*];
    };
}

// The tab list: one line a tab (its name, title and short title), in the bar's order.
tabs! {
    /// Routines (and the runner).
    Routines: "Routines", "Rout";
    /// The symptom log.
    Log: "Log", "Log";
    /// History of sessions.
    History: "History", "Hist";
    /// Posture breaks.
    Breaks: "Breaks", "Brk";
    /// Red flags.
    Flags: "Flags", "Flag";
}

impl Tab {
    /// Every tab, in order.
    pub const ALL: [Tab; TABS.len()] = {
        let mut all = [Tab::Routines; TABS.len()];
        let mut i = 0;
        while i < TABS.len() {
            all[i] = TABS[i].tab;
            i += 1;
        }
        all
    };

    fn info(self) -> &'static TabInfo {
        // `TABS` is made in the order of `Tab`.
        &TABS[self as usize]
    }

    /// The tab's title.
    pub fn title(self) -> &'static str {
        self.info().title
    }

    /// The tab's title on a narrow terminal.
    pub fn short(self) -> &'static str {
        self.info().short
    }
}

/// What a screen did with a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Not this screen's message here: nothing changed.
    Ignored,
    /// Handled: draw again.
    Redraw,
    /// Handled, and the app is asked for something beyond the screen.
    Request(Request),
}

impl Outcome {
    /// `Redraw` when `changed`, else `Ignored`.
    pub fn redraw_if(changed: bool) -> Outcome {
        if changed {
            Outcome::Redraw
        } else {
            Outcome::Ignored
        }
    }
}

/// What a screen may ask of the app: everything that reaches past its own state.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// `q`: quit the app (Ctrl-C too, once the screen has kept what there is).
    Quit,
    /// Show this tab (Esc goes back to Routines).
    Show(Tab),
    /// Tab (`true`) or Shift-Tab: the next or the previous tab.
    SwitchTab(bool),
    /// `!`: the Flags tab on the most severe flag.
    OpenFlags,
    /// Start the highlighted routine of the Routines list.
    StartSelected,
    /// Start this routine (a due break's).
    Start(Box<Routine>),
    /// Write the appointment report; `true` opens it in the browser too.
    Report(bool),
    /// A log entry with this id was saved: check it against the red flags, tell the programme.
    LogSaved(String),
    /// A new log entry, starting from this pain rating (the runner's summary).
    LogEntry(Option<u8>),
    /// "I have had this checked": acknowledge the highlighted flag.
    Acknowledge,
    /// Take back the highlighted flag's acknowledgement.
    Withdraw,
    /// A session goes on: write these records of it so far (each replaces the one before with
    /// its id), and ring the bell if `bell`.
    Progress(Vec<SessionRecord>, bool),
    /// The session ended: save this record and show the summary.
    SaveSession(SessionRecord),
    /// Leave the runner (for the list, or the break's question).
    LeaveRunner,
    /// Show this one-line notice on the Routines tab (a write that failed).
    Notice(String),
    /// Start the programme with this id today (any running one ends), as `programme start`.
    StartProgramme(String),
    /// Stop the running programme, as `programme stop`.
    StopProgramme,
}

/// What a screen may read of the app while it updates (the records are not its own to change;
/// the log file is where the Log tab writes).
pub struct Ctx<'a> {
    /// This moment.
    pub now: Now,
    /// The routines.
    pub library: &'a Library,
    /// The red flags as of the last evaluation.
    pub flags: &'a Flags,
    /// Flags that lapsed unchecked.
    pub lapsed: &'a [Lapsed],
    /// Where log entries are written.
    pub log: &'a SymptomLog,
    /// Programmes and their records (the Routines tab's picker).
    pub programme: &'a ProgrammeView,
    /// The width the screen was last drawn at (the Log form's keys follow its layout).
    pub width: u16,
}

/// The records a screen draws from and names its keys by, borrowed from the app.
pub struct View<'a> {
    /// The routines.
    pub library: &'a Library,
    /// Every session, oldest first.
    pub sessions: &'a [SessionRecord],
    /// Every log entry, oldest first.
    pub entries: &'a [SymptomEntry],
    /// Every weekly check-in.
    pub checkins: &'a [Checkin],
    /// Every posture-break outcome.
    pub breaks: &'a [BreakRecord],
    /// The red flags as of the last evaluation.
    pub flags: &'a Flags,
    /// Flags that lapsed unchecked.
    pub lapsed: &'a [Lapsed],
    /// Programmes and dose levels.
    pub programme: &'a ProgrammeView,
    /// The settings (plan, cues, emergency number, keys).
    pub config: &'a Config,
    /// The one-line notice of the Routines tab.
    pub notice: Option<&'a str>,
    /// How far the detail pane is scrolled.
    pub detail_scroll: u16,
    /// Colours.
    pub theme: &'a Theme,
    /// This moment.
    pub now: Now,
}

/// The keys a hint names, as actions of the keymap (their keys are read from it when drawn).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    /// One action.
    One(Action),
    /// Two actions side by side by their first keys: `↑↓`.
    Pair(Action, Action),
    /// Two actions by all their keys: the first keys, then the others (`↑↓ jk`).
    PairAll(Action, Action),
    /// One action or the other: `y/n`.
    Either(Action, Action),
    /// The digits from one to another: `1-3`.
    Digits(u8, u8),
    /// A rating: every digit, or two actions by their first keys (`0-9 ←→`).
    Rating(Action, Action),
    /// Up, down, left and right: `arrows` when they are the arrow keys.
    Arrows,
    /// Any key at all.
    Any,
    /// Any key but the ones named.
    AnyOther,
    /// Typing text.
    Typing,
}

/// A key hint: the keys and what they do here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    /// The keys.
    pub keys: Keys,
    /// What they do, in a few words.
    pub what: &'static str,
}

/// A hint for one action.
pub fn hint(action: Action, what: &'static str) -> Hint {
    Hint {
        keys: Keys::One(action),
        what,
    }
}

/// A hint for keys other than one action's.
pub fn hint_of(keys: Keys, what: &'static str) -> Hint {
    Hint { keys, what }
}

impl Hint {
    /// The actions whose keys the hint names.
    pub fn actions(&self) -> Vec<Action> {
        match self.keys {
            Keys::One(a) => vec![a],
            Keys::Pair(a, b) | Keys::PairAll(a, b) | Keys::Either(a, b) | Keys::Rating(a, b) => {
                vec![a, b]
            }
            Keys::Arrows => vec![Action::Up, Action::Down, Action::Left, Action::Right],
            Keys::Digits(..) | Keys::Any | Keys::AnyOther | Keys::Typing => Vec::new(),
        }
    }

    /// The keys as the keymap has them, in full and shortened for a narrow footer; `None`
    /// when an action it names has no key.
    pub fn label(&self, keymap: &Keymap) -> Option<(String, String)> {
        let keys =
            |a: Action| -> Vec<String> { keymap.keys_of(a).map(|k| k.to_string()).collect() };
        let first = |a: Action| keys(a).into_iter().next();
        let both = |a: Action, b: Action, between: &str| -> Option<String> {
            Some(format!("{}{between}{}", first(a)?, first(b)?))
        };
        let same = |s: String| Some((s.clone(), s));
        match self.keys {
            Keys::One(a) => same(first(a)?),
            Keys::Pair(a, b) => same(both(a, b, "")?),
            Keys::PairAll(a, b) => {
                let short = both(a, b, "")?;
                // The other keys in alphabetical order, which is how vim's `hjkl` read.
                let mut rest: Vec<String> = keys(a).into_iter().skip(1).collect();
                rest.extend(keys(b).into_iter().skip(1));
                rest.sort();
                let full = if rest.is_empty() {
                    short.clone()
                } else {
                    format!("{short} {}", rest.concat())
                };
                Some((full, short))
            }
            Keys::Either(a, b) => same(both(a, b, "/")?),
            Keys::Digits(from, to) => same(format!("{from}-{to}")),
            Keys::Rating(a, b) => Some((format!("0-9 {}", both(a, b, "")?), "0-9".to_owned())),
            Keys::Arrows => {
                let firsts: Vec<String> = self
                    .actions()
                    .into_iter()
                    .map(first)
                    .collect::<Option<_>>()?;
                same(if firsts.concat() == "↑↓←→" {
                    "arrows".to_owned()
                } else {
                    firsts.concat()
                })
            }
            Keys::Any => same("any key".to_owned()),
            Keys::AnyOther => Some(("any other key".to_owned(), "any key".to_owned())),
            Keys::Typing => same("type".to_owned()),
        }
    }
}

/// What every tab, and the runner, is to the app.
pub trait TabScreen {
    /// One message, at `ctx.now`: what came of it.
    fn update(&mut self, msg: Msg, ctx: &Ctx<'_>) -> Outcome;

    /// The keys that work now, as drawn in `area` (a detail pane that overflows adds Page
    /// Down).
    fn hints(&self, view: &View<'_>, area: Rect) -> Vec<Hint>;

    /// Draws the screen in `area`.
    fn draw(&self, view: &View<'_>, area: Rect, buf: &mut Buffer);

    /// Whether a form, a question or a session has the keys, so the app's own (switching
    /// tabs, `!`, a click on the bar) wait.
    fn busy(&self) -> bool;

    /// The detail pane, if the screen has one: where it is in `area` and how far it can
    /// scroll.
    fn detail_pane(&self, _view: &View<'_>, _area: Rect) -> Option<(Rect, u16)> {
        None
    }
}
