//! Keys become messages. Every action has a name (used in `[keys]` in the config) and default
//! keys — arrow keys and vim keys both work by default. The mapping is the same on every screen;
//! what a message means on a given screen is decided in `update`. While a text field has focus,
//! keys are text, except Esc, Tab, Shift-Tab and Ctrl keys, which leave or save the field.
//!
//! `[keys]` gives an action other keys: `pause = "p"` or `up = ["k", "up", "w"]`. The keys given
//! replace that action's defaults. Two actions on one key is an error.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::msg::Msg;

/// One key: a code, with or without Ctrl.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Held with Ctrl.
    pub ctrl: bool,
}

impl Key {
    const fn plain(code: KeyCode) -> Key {
        Key { code, ctrl: false }
    }

    const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// Parses `a`, `G`, `?`, `space`, `enter`, `esc`, `tab`, `shift-tab`, `up`, `down`, `left`,
    /// `right`, `home`, `end`, `pageup`, `pagedown`, `delete`, `backspace`, `f1`…`f12`, `ctrl-x`.
    pub fn parse(text: &str) -> Option<Key> {
        let lower = text.trim().to_ascii_lowercase();
        if let Some(rest) = lower
            .strip_prefix("ctrl-")
            .or_else(|| lower.strip_prefix("ctrl+"))
        {
            let mut chars = rest.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_alphabetic() => Some(Key {
                    code: KeyCode::Char(c),
                    ctrl: true,
                }),
                _ => None,
            };
        }
        let code = match lower.as_str() {
            "space" => KeyCode::Char(' '),
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "shift-tab" | "backtab" => KeyCode::BackTab,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            "delete" | "del" => KeyCode::Delete,
            "backspace" => KeyCode::Backspace,
            f if f.starts_with('f') && f.len() > 1 => {
                KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
            }
            _ => {
                let mut chars = text.trim().chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if !c.is_ascii_digit() && !c.is_control() => KeyCode::Char(c),
                    _ => return None,
                }
            }
        };
        Some(Key::plain(code))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            write!(f, "ctrl-")?;
        }
        match self.code {
            KeyCode::Char(' ') => write!(f, "space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => write!(f, "enter"),
            KeyCode::Esc => write!(f, "esc"),
            KeyCode::Tab => write!(f, "tab"),
            KeyCode::BackTab => write!(f, "shift-tab"),
            KeyCode::Up => write!(f, "↑"),
            KeyCode::Down => write!(f, "↓"),
            KeyCode::Left => write!(f, "←"),
            KeyCode::Right => write!(f, "→"),
            KeyCode::Home => write!(f, "home"),
            KeyCode::End => write!(f, "end"),
            KeyCode::PageUp => write!(f, "pgup"),
            KeyCode::PageDown => write!(f, "pgdn"),
            KeyCode::Delete => write!(f, "delete"),
            KeyCode::Backspace => write!(f, "backspace"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Every action with its name and default keys.
pub const ACTIONS: &[(&str, Msg, &[Key])] = &[
    ("up", Msg::Up, &[Key::plain(KeyCode::Up), Key::char('k')]),
    (
        "down",
        Msg::Down,
        &[Key::plain(KeyCode::Down), Key::char('j')],
    ),
    (
        "left",
        Msg::Left,
        &[Key::plain(KeyCode::Left), Key::char('h')],
    ),
    (
        "right",
        Msg::Right,
        &[Key::plain(KeyCode::Right), Key::char('l')],
    ),
    (
        "first",
        Msg::First,
        &[Key::plain(KeyCode::Home), Key::char('g')],
    ),
    (
        "last",
        Msg::Last,
        &[Key::plain(KeyCode::End), Key::char('G')],
    ),
    (
        "scroll-up",
        Msg::ScrollUp,
        &[
            Key::plain(KeyCode::PageUp),
            Key {
                code: KeyCode::Char('u'),
                ctrl: true,
            },
        ],
    ),
    (
        "scroll-down",
        Msg::ScrollDown,
        &[
            Key::plain(KeyCode::PageDown),
            Key {
                code: KeyCode::Char('d'),
                ctrl: true,
            },
        ],
    ),
    ("confirm", Msg::Confirm, &[Key::plain(KeyCode::Enter)]),
    ("cancel", Msg::Cancel, &[Key::plain(KeyCode::Esc)]),
    ("pause", Msg::Space, &[Key::char(' ')]),
    ("next", Msg::Next, &[Key::char('n')]),
    ("back", Msg::Back, &[Key::char('b')]),
    ("skip", Msg::Skip, &[Key::char('s')]),
    ("help", Msg::Help, &[Key::char('?')]),
    ("quit", Msg::Quit, &[Key::char('q')]),
    ("add", Msg::Add, &[Key::char('a')]),
    ("edit", Msg::Edit, &[Key::char('e')]),
    (
        "delete",
        Msg::Delete,
        &[Key::char('d'), Key::plain(KeyCode::Delete)],
    ),
    ("filter", Msg::Filter, &[Key::char('f')]),
    ("find", Msg::Find, &[Key::char('/')]),
    ("review", Msg::Review, &[Key::char('v')]),
    ("yes", Msg::Yes, &[Key::char('y')]),
    ("flags", Msg::Flags, &[Key::char('!')]),
    ("checked", Msg::Checked, &[Key::char('c')]),
    ("undo", Msg::Undo, &[Key::char('u')]),
    ("snooze", Msg::Snooze, &[Key::char('z')]),
    ("report", Msg::Report, &[Key::char('r')]),
    ("report-open", Msg::ReportOpen, &[Key::char('R')]),
    ("next-tab", Msg::Tab, &[Key::plain(KeyCode::Tab)]),
    (
        "previous-tab",
        Msg::BackTab,
        &[Key::plain(KeyCode::BackTab)],
    ),
    (
        "save",
        Msg::Save,
        &[Key {
            code: KeyCode::Char('s'),
            ctrl: true,
        }],
    ),
    (
        "force-quit",
        Msg::ForceQuit,
        &[Key {
            code: KeyCode::Char('c'),
            ctrl: true,
        }],
    ),
];

/// Actions that also work while typing in a text field (they leave or save it).
const WHILE_TYPING: [Msg; 5] = [
    Msg::Cancel,
    Msg::Tab,
    Msg::BackTab,
    Msg::Save,
    Msg::ForceQuit,
];

/// Keys to actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<(Key, Msg)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: ACTIONS
                .iter()
                .flat_map(|(_, msg, keys)| keys.iter().map(move |k| (*k, *msg)))
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
                let names: Vec<&str> = ACTIONS.iter().map(|(n, _, _)| *n).collect();
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
            let Some((_, msg, _)) = ACTIONS.iter().find(|(name, _, _)| name == action) else {
                return Err((n, KeyError::UnknownAction(action.clone())));
            };
            let mut parsed = Vec::new();
            for k in keys {
                parsed.push(Key::parse(k).ok_or_else(|| (n, KeyError::BadKey(k.clone())))?);
            }
            map.bindings.retain(|(_, m)| m != msg);
            map.bindings.extend(parsed.into_iter().map(|k| (k, *msg)));
        }
        // One order whatever the config's order: by action, keys as given.
        map.bindings
            .sort_by_key(|(_, m)| ACTIONS.iter().position(|(_, a, _)| a == m));
        for (i, (key, msg)) in map.bindings.iter().enumerate() {
            if let Some((_, other)) = map.bindings[..i].iter().find(|(k, m)| k == key && m != msg) {
                let name = |m: &Msg| {
                    ACTIONS
                        .iter()
                        .find(|(_, x, _)| x == m)
                        .map_or("?", |(n, _, _)| *n)
                        .to_owned()
                };
                let culprit = overrides
                    .iter()
                    .position(|(a, _)| *a == name(msg) || *a == name(other))
                    .unwrap_or(0);
                return Err((
                    culprit,
                    KeyError::Conflict {
                        key: key.to_string(),
                        actions: (name(other), name(msg)),
                    },
                ));
            }
        }
        Ok(map)
    }

    /// The message for a key press, or `None` for keys the app does not use. `typing` is true
    /// while a text field has focus.
    pub fn map(&self, key: KeyEvent, typing: bool) -> Option<Msg> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        let pressed = Key {
            code: key.code,
            ctrl: key.modifiers.contains(KeyModifiers::CONTROL),
        };
        // Ctrl-C always saves and quits, whatever `[keys]` says: an app nobody can leave (with
        // `quit = []` and `force-quit = []`) is worse than any remapping.
        if pressed.ctrl && matches!(pressed.code, KeyCode::Char('c' | 'C')) {
            return Some(Msg::ForceQuit);
        }
        let bound = self
            .bindings
            .iter()
            .find(|(k, _)| *k == pressed)
            .map(|(_, m)| *m);
        if typing {
            return match bound {
                Some(m) if WHILE_TYPING.contains(&m) => Some(m),
                _ => Some(Msg::Text(key)),
            };
        }
        match (bound, key.code) {
            (Some(m), _) => Some(m),
            (None, KeyCode::Char(c @ '0'..='9')) if !pressed.ctrl => {
                Some(Msg::Digit(c as u8 - b'0'))
            }
            // Bare modifier presses (terminals that report them) are not keys to a person.
            (None, KeyCode::Modifier(_)) => None,
            // "Press any key" and "any other key no" mean any key.
            (None, _) => Some(Msg::Other),
        }
    }

    /// The keys of an action, for hints: `p`, `↑ k`.
    pub fn label(&self, msg: Msg) -> String {
        let keys: Vec<String> = self
            .bindings
            .iter()
            .filter(|(_, m)| *m == msg)
            .map(|(k, _)| k.to_string())
            .collect();
        keys.join(" ")
    }

    /// Every binding, for `knotless config`: (action, keys).
    pub fn describe(&self) -> Vec<(&'static str, Vec<String>)> {
        ACTIONS
            .iter()
            .map(|(name, msg, _)| {
                let keys = self
                    .bindings
                    .iter()
                    .filter(|(_, m)| m == msg)
                    .map(|(k, _)| key_name(k))
                    .collect();
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

/// The default mapping, as a function (for callers without a configuration).
pub fn keymap(key: KeyEvent, typing: bool) -> Option<Msg> {
    Keymap::default().map(key, typing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_map_to_actions_and_become_text_while_typing() {
        assert_eq!(keymap(key(KeyCode::Char(' ')), false), Some(Msg::Space));
        assert_eq!(keymap(key(KeyCode::Char('k')), false), Some(Msg::Up));
        assert_eq!(keymap(key(KeyCode::Up), false), Some(Msg::Up));
        assert_eq!(keymap(key(KeyCode::Char('7')), false), Some(Msg::Digit(7)));
        let q = key(KeyCode::Char('q'));
        assert_eq!(keymap(q, true), Some(Msg::Text(q)));
        assert_eq!(keymap(key(KeyCode::Esc), true), Some(Msg::Cancel));
        assert_eq!(keymap(key(KeyCode::Tab), true), Some(Msg::Tab));
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(keymap(ctrl_s, true), Some(Msg::Save));
        assert_eq!(keymap(key(KeyCode::F(5)), false), Some(Msg::Other));
    }

    #[test]
    fn ctrl_c_quits_even_with_every_quit_key_removed() {
        let none: Vec<(String, Vec<String>)> =
            vec![("quit".into(), vec![]), ("force-quit".into(), vec![])];
        let map = Keymap::with_overrides(&none).unwrap();
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for typing in [false, true] {
            assert_eq!(
                map.map(ctrl_c, typing),
                Some(Msg::ForceQuit),
                "typing {typing}"
            );
        }
        assert_eq!(map.map(key(KeyCode::Char('q')), false), Some(Msg::Other));
    }

    #[test]
    fn overrides_replace_an_actions_keys_and_conflicts_are_errors() {
        let over = |pairs: &[(&str, &[&str])]| {
            let owned: Vec<(String, Vec<String>)> = pairs
                .iter()
                .map(|(a, ks)| (a.to_string(), ks.iter().map(|k| k.to_string()).collect()))
                .collect();
            Keymap::with_overrides(&owned)
        };
        let map = over(&[("pause", &["p"]), ("up", &["w", "up"])]).unwrap();
        assert_eq!(map.map(key(KeyCode::Char('p')), false), Some(Msg::Space));
        assert_eq!(
            map.map(key(KeyCode::Char(' ')), false),
            Some(Msg::Other),
            "the default is replaced"
        );
        assert_eq!(map.map(key(KeyCode::Char('w')), false), Some(Msg::Up));
        assert_eq!(map.map(key(KeyCode::Char('k')), false), Some(Msg::Other));
        assert_eq!(map.label(Msg::Up), "w ↑");
        assert_eq!(
            over(&[("pause", &["q"])]).unwrap_err(),
            (
                0,
                KeyError::Conflict {
                    key: "q".into(),
                    actions: ("pause".into(), "quit".into())
                }
            )
        );
        assert!(matches!(
            over(&[("jump", &["x"])]),
            Err((0, KeyError::UnknownAction(_)))
        ));
        assert!(matches!(
            over(&[("help", &["xx"])]),
            Err((0, KeyError::BadKey(_)))
        ));
        assert_eq!(Key::parse("ctrl-x").unwrap().to_string(), "ctrl-x");
        assert_eq!(Key::parse("F3"), Some(Key::plain(KeyCode::F(3))));
        assert_eq!(Key::parse("pagedown").unwrap().to_string(), "pgdn");
        assert_eq!(Key::parse("pgup"), Some(Key::plain(KeyCode::PageUp)));
        assert_eq!(Key::parse("5"), None, "digits rate pain");
    }

    #[test]
    fn the_defaults_have_no_conflicts() {
        assert!(Keymap::with_overrides(&[]).is_ok());
    }
}
