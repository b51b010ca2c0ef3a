//! Key settings: every action has a name (used in `[keys]` in the config) and default keys —
//! arrow keys and vim keys both work by default. Here are only the names, the keys and the rules
//! of `[keys]`; the app turns each action into its message (`tui/keymap.rs`).
//!
//! `[keys]` gives an action other keys: `pause = "p"` or `up = ["k", "up", "w"]`. The keys given
//! replace that action's defaults. Two actions on one key is an error.

use std::fmt;

mod key;

pub use key::{Key, KeyCode};

/// Something a key can ask for, named as in `[keys]`. One variant per row of [`ACTIONS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// `up`: move up / increase.
    Up,
    /// `down`: move down / decrease.
    Down,
    /// `left`: move left / decrease.
    Left,
    /// `right`: move right / increase.
    Right,
    /// `first`: to the first item / lowest value.
    First,
    /// `last`: to the last item / highest value.
    Last,
    /// `scroll-up`: scroll the detail pane up.
    ScrollUp,
    /// `scroll-down`: scroll the detail pane down.
    ScrollDown,
    /// `confirm`: choose, confirm, reps done.
    Confirm,
    /// `cancel`: back out of the current view.
    Cancel,
    /// `pause`: pause or resume; tick a checklist item.
    Pause,
    /// `next`: next phase.
    Next,
    /// `back`: previous step.
    Back,
    /// `skip`: skip a question.
    Skip,
    /// `help`: open or close the help overlay.
    Help,
    /// `quit`: stop the session, or quit from the home screen.
    Quit,
    /// `add`: add a log entry.
    Add,
    /// `edit`: edit the highlighted entry.
    Edit,
    /// `delete`: delete the highlighted entry (asks first).
    Delete,
    /// `filter`: filter the list.
    Filter,
    /// `find`: find a routine by typing.
    Find,
    /// `review`: switch between the entry list and the review of trends.
    Review,
    /// `yes`: yes.
    Yes,
    /// `flags`: open the red flags.
    Flags,
    /// `checked`: "I have had this checked" (acknowledge a flag).
    Checked,
    /// `undo`: take back the acknowledgement of the highlighted flag.
    Undo,
    /// `snooze`: snooze a due break.
    Snooze,
    /// `report`: write the appointment report.
    Report,
    /// `report-open`: write the report and open it in the browser.
    ReportOpen,
    /// `next-tab`: next tab, or next section of a form.
    NextTab,
    /// `previous-tab`: previous tab or section.
    PreviousTab,
    /// `save`: save the form from anywhere in it.
    Save,
    /// `force-quit`: save what there is and quit at once.
    ForceQuit,
    /// `programmes`: choose, start or stop a programme (the Routines tab).
    Programmes,
    /// `stop-programme`: stop the running programme (in the programme picker; asks first).
    StopProgramme,
}

/// Every action: its name in `[keys]`, its default keys and what it does, in a person's words
/// (the help overlay's "Every key").
pub const ACTIONS: &[(&str, Action, &[Key], &str)] = &[
    (
        "up",
        Action::Up,
        &[Key::plain(KeyCode::Up), Key::char('k')],
        "up",
    ),
    (
        "down",
        Action::Down,
        &[Key::plain(KeyCode::Down), Key::char('j')],
        "down",
    ),
    (
        "left",
        Action::Left,
        &[Key::plain(KeyCode::Left), Key::char('h')],
        "left, less, earlier",
    ),
    (
        "right",
        Action::Right,
        &[Key::plain(KeyCode::Right), Key::char('l')],
        "right, more, later",
    ),
    (
        "first",
        Action::First,
        &[Key::plain(KeyCode::Home), Key::char('g')],
        "first in a list",
    ),
    (
        "last",
        Action::Last,
        &[Key::plain(KeyCode::End), Key::char('G')],
        "last in a list",
    ),
    (
        "scroll-up",
        Action::ScrollUp,
        &[Key::plain(KeyCode::PageUp), Key::ctrl('u')],
        "page up the detail",
    ),
    (
        "scroll-down",
        Action::ScrollDown,
        &[Key::plain(KeyCode::PageDown), Key::ctrl('d')],
        "page down the detail",
    ),
    (
        "confirm",
        Action::Confirm,
        &[Key::plain(KeyCode::Enter)],
        "start, choose, done",
    ),
    (
        "cancel",
        Action::Cancel,
        &[Key::plain(KeyCode::Esc)],
        "back, cancel, close",
    ),
    ("pause", Action::Pause, &[Key::char(' ')], "pause, tick"),
    ("next", Action::Next, &[Key::char('n')], "next step, no"),
    ("back", Action::Back, &[Key::char('b')], "step back"),
    ("skip", Action::Skip, &[Key::char('s')], "skip"),
    ("help", Action::Help, &[Key::char('?')], "this help"),
    ("quit", Action::Quit, &[Key::char('q')], "quit, stop"),
    ("add", Action::Add, &[Key::char('a')], "add a log entry"),
    ("edit", Action::Edit, &[Key::char('e')], "edit the entry"),
    (
        "delete",
        Action::Delete,
        &[Key::char('d'), Key::plain(KeyCode::Delete)],
        "delete the entry",
    ),
    ("filter", Action::Filter, &[Key::char('f')], "log filters"),
    ("find", Action::Find, &[Key::char('/')], "find a routine"),
    ("review", Action::Review, &[Key::char('v')], "log review"),
    ("yes", Action::Yes, &[Key::char('y')], "yes"),
    ("flags", Action::Flags, &[Key::char('!')], "red flags"),
    (
        "checked",
        Action::Checked,
        &[Key::char('c')],
        "mark a flag checked",
    ),
    (
        "undo",
        Action::Undo,
        &[Key::char('u')],
        "undo delete, \"checked\"",
    ),
    (
        "snooze",
        Action::Snooze,
        &[Key::char('z')],
        "snooze a break",
    ),
    (
        "report",
        Action::Report,
        &[Key::char('r')],
        "write the doctor report",
    ),
    (
        "report-open",
        Action::ReportOpen,
        &[Key::char('R')],
        "write and open the report",
    ),
    (
        "next-tab",
        Action::NextTab,
        &[Key::plain(KeyCode::Tab)],
        "next tab or section",
    ),
    (
        "previous-tab",
        Action::PreviousTab,
        &[Key::plain(KeyCode::BackTab)],
        "previous tab or section",
    ),
    (
        "save",
        Action::Save,
        &[Key::ctrl('s')],
        "save the log entry",
    ),
    (
        "force-quit",
        Action::ForceQuit,
        &[Key::ctrl('c')],
        "save and quit",
    ),
    (
        "programmes",
        Action::Programmes,
        &[Key::char('P')],
        "choose a programme",
    ),
    (
        "stop-programme",
        Action::StopProgramme,
        &[Key::char('S')],
        "stop the programme",
    ),
];

/// Keys to actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<(Key, Action)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: ACTIONS
                .iter()
                .flat_map(|(_, action, keys, _)| keys.iter().map(move |k| (*k, *action)))
                .collect(),
        }
    }
}

/// What is wrong with a `[keys]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// Not an action name.
    UnknownAction(String),
    /// Not a key.
    BadKey(String),
    /// One key for two actions.
    Conflict {
        /// The key.
        key: String,
        /// The actions.
        actions: (String, String),
    },
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::UnknownAction(a) => {
                let names: Vec<&str> = ACTIONS.iter().map(|(n, _, _, _)| *n).collect();
                write!(f, "unknown action `{a}`; actions: {}", names.join(", "))
            }
            KeyError::BadKey(k) => write!(
                f,
                "`{k}` is not a key; write a letter or sign (\"p\", \"?\"), space, enter, esc, \
                 tab, shift-tab, up, down, left, right, home, end, delete, backspace, f1–f12 or \
                 ctrl-<letter>"
            ),
            KeyError::Conflict { key, actions } => write!(
                f,
                "`{key}` would be both `{}` and `{}`; give one of them another key",
                actions.0, actions.1
            ),
        }
    }
}

impl Keymap {
    /// The defaults with `overrides` (action name → keys) applied.
    pub fn with_overrides(
        overrides: &[(String, Vec<String>)],
    ) -> Result<Keymap, (usize, KeyError)> {
        let mut map = Keymap::default();
        for (n, (action, keys)) in overrides.iter().enumerate() {
            let Some((_, act, _, _)) = ACTIONS.iter().find(|(name, _, _, _)| name == action) else {
                return Err((n, KeyError::UnknownAction(action.clone())));
            };
            let mut parsed = Vec::new();
            for k in keys {
                parsed.push(Key::parse(k).ok_or_else(|| (n, KeyError::BadKey(k.clone())))?);
            }
            map.bindings.retain(|(_, a)| a != act);
            map.bindings.extend(parsed.into_iter().map(|k| (k, *act)));
        }
        // One order whatever the config's order: by action, keys as given.
        map.bindings
            .sort_by_key(|(_, a)| ACTIONS.iter().position(|(_, x, _, _)| x == a));
        for (i, (key, act)) in map.bindings.iter().enumerate() {
            if let Some((_, other)) = map.bindings[..i].iter().find(|(k, a)| k == key && a != act) {
                let name = |a: &Action| {
                    ACTIONS
                        .iter()
                        .find(|(_, x, _, _)| x == a)
                        .map_or("?", |(n, _, _, _)| *n)
                        .to_owned()
                };
                let culprit = overrides
                    .iter()
                    .position(|(a, _)| *a == name(act) || *a == name(other))
                    .unwrap_or(0);
                return Err((
                    culprit,
                    KeyError::Conflict {
                        key: key.to_string(),
                        actions: (name(other), name(act)),
                    },
                ));
            }
        }
        Ok(map)
    }

    /// The action bound to `key`, or `None` for keys no action has.
    pub fn action(&self, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, a)| *a)
    }

    /// The keys of an action, in the order they are bound.
    pub fn keys_of(&self, action: Action) -> impl Iterator<Item = Key> + '_ {
        self.bindings
            .iter()
            .filter(move |(_, a)| *a == action)
            .map(|(k, _)| *k)
    }

    /// The keys of an action, for hints: `p`, `↑ k`.
    pub fn label_of(&self, action: Action) -> String {
        let keys: Vec<String> = self.keys_of(action).map(|k| k.to_string()).collect();
        keys.join(" ")
    }

    /// Every binding, for `knotless config`: (action, keys).
    pub fn describe(&self) -> Vec<(&'static str, Vec<String>)> {
        ACTIONS
            .iter()
            .map(|(name, action, _, _)| {
                let keys = self.keys_of(*action).map(|k| key_name(&k)).collect();
                (*name, keys)
            })
            .collect()
    }
}

/// A key as written in the config (`up`, not `↑`).
fn key_name(k: &Key) -> String {
    match k.code {
        KeyCode::Up => "up".into(),
        KeyCode::Down => "down".into(),
        KeyCode::Left => "left".into(),
        KeyCode::Right => "right".into(),
        _ => k.to_string(),
    }
}

#[cfg(test)]
mod tests;
