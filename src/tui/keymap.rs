//! Keys become messages. Every action has a name (used in `[keys]` in the config) and default
//! keys — arrow keys and vim keys both work by default. The mapping is the same on every screen;
//! what a message means on a given screen is decided in `update`. While a text field has focus,
//! keys are text, except Esc, Tab, Shift-Tab and Ctrl keys, which leave or save the field.
//!
//! `[keys]` gives an action other keys: `pause = "p"` or `up = ["k", "up", "w"]`. The keys given
//! replace that action's defaults. Two actions on one key is an error. The names, the keys and
//! `[keys]` are settings ([`crate::config::keys`]); here actions become messages.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::config::keys;
pub use crate::config::keys::{ACTIONS, Action, Key, KeyError, Keymap};

use super::msg::Msg;

/// A terminal key as the settings name it; keys `[keys]` cannot name (media keys, F13…, bare
/// modifiers) give it back.
impl TryFrom<KeyCode> for keys::KeyCode {
    type Error = KeyCode;

    fn try_from(code: KeyCode) -> Result<keys::KeyCode, KeyCode> {
        Ok(match code {
            KeyCode::Char(c) => keys::KeyCode::Char(c),
            KeyCode::Enter => keys::KeyCode::Enter,
            KeyCode::Esc => keys::KeyCode::Esc,
            KeyCode::Tab => keys::KeyCode::Tab,
            KeyCode::BackTab => keys::KeyCode::BackTab,
            KeyCode::Up => keys::KeyCode::Up,
            KeyCode::Down => keys::KeyCode::Down,
            KeyCode::Left => keys::KeyCode::Left,
            KeyCode::Right => keys::KeyCode::Right,
            KeyCode::Home => keys::KeyCode::Home,
            KeyCode::End => keys::KeyCode::End,
            KeyCode::PageUp => keys::KeyCode::PageUp,
            KeyCode::PageDown => keys::KeyCode::PageDown,
            KeyCode::Delete => keys::KeyCode::Delete,
            KeyCode::Backspace => keys::KeyCode::Backspace,
            KeyCode::F(n) => keys::KeyCode::F(n),
            other => return Err(other),
        })
    }
}

/// The terminal key of a setting's key.
impl From<keys::KeyCode> for KeyCode {
    fn from(code: keys::KeyCode) -> KeyCode {
        match code {
            keys::KeyCode::Char(c) => KeyCode::Char(c),
            keys::KeyCode::Enter => KeyCode::Enter,
            keys::KeyCode::Esc => KeyCode::Esc,
            keys::KeyCode::Tab => KeyCode::Tab,
            keys::KeyCode::BackTab => KeyCode::BackTab,
            keys::KeyCode::Up => KeyCode::Up,
            keys::KeyCode::Down => KeyCode::Down,
            keys::KeyCode::Left => KeyCode::Left,
            keys::KeyCode::Right => KeyCode::Right,
            keys::KeyCode::Home => KeyCode::Home,
            keys::KeyCode::End => KeyCode::End,
            keys::KeyCode::PageUp => KeyCode::PageUp,
            keys::KeyCode::PageDown => KeyCode::PageDown,
            keys::KeyCode::Delete => KeyCode::Delete,
            keys::KeyCode::Backspace => KeyCode::Backspace,
            keys::KeyCode::F(n) => KeyCode::F(n),
        }
    }
}

/// Actions that also work while typing in a text field (they leave or save it).
const WHILE_TYPING: [Msg; 5] = [
    Msg::Cancel,
    Msg::Tab,
    Msg::BackTab,
    Msg::Save,
    Msg::ForceQuit,
];

/// Key presses to messages, by the keymap of the settings.
pub trait MapKeys {
    /// The message for a key press, or `None` for keys the app does not use. `typing` is true
    /// while a text field has focus.
    fn map(&self, key: KeyEvent, typing: bool) -> Option<Msg>;
}

impl MapKeys for Keymap {
    fn map(&self, key: KeyEvent, typing: bool) -> Option<Msg> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        // Ctrl-C always saves and quits, whatever `[keys]` says: an app nobody can leave (with
        // `quit = []` and `force-quit = []`) is worse than any remapping.
        if ctrl && matches!(key.code, KeyCode::Char('c' | 'C')) {
            return Some(Msg::ForceQuit);
        }
        let bound = keys::KeyCode::try_from(key.code)
            .ok()
            .and_then(|code| self.action(Key { code, ctrl }))
            .map(Msg::from);
        if typing {
            return match bound {
                Some(m) if WHILE_TYPING.contains(&m) => Some(m),
                _ => Some(Msg::Text(key)),
            };
        }
        match (bound, key.code) {
            (Some(m), _) => Some(m),
            (None, KeyCode::Char(c @ '0'..='9')) if !ctrl => Some(Msg::Digit(c as u8 - b'0')),
            // Bare modifier presses (terminals that report them) are not keys to a person.
            (None, KeyCode::Modifier(_)) => None,
            // "Press any key" and "any other key no" mean any key.
            (None, _) => Some(Msg::Other),
        }
    }
}

/// The keys of a message, for the hints the views draw.
pub trait KeyLabels {
    /// The keys of an action, for hints: `p`, `↑ k`. Empty for a message no key sends by name.
    fn label(&self, msg: impl Into<Msg>) -> String;
}

impl KeyLabels for Keymap {
    fn label(&self, msg: impl Into<Msg>) -> String {
        Action::try_from(msg.into()).map_or_else(|_| String::new(), |a| self.label_of(a))
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
    fn every_key_the_settings_name_is_the_terminals_key_and_back() {
        let mut named = vec![
            keys::KeyCode::Char('a'),
            keys::KeyCode::Char(' '),
            keys::KeyCode::Char('G'),
            keys::KeyCode::Char('?'),
            keys::KeyCode::Enter,
            keys::KeyCode::Esc,
            keys::KeyCode::Tab,
            keys::KeyCode::BackTab,
            keys::KeyCode::Up,
            keys::KeyCode::Down,
            keys::KeyCode::Left,
            keys::KeyCode::Right,
            keys::KeyCode::Home,
            keys::KeyCode::End,
            keys::KeyCode::PageUp,
            keys::KeyCode::PageDown,
            keys::KeyCode::Delete,
            keys::KeyCode::Backspace,
        ];
        named.extend((1..=12).map(keys::KeyCode::F));
        for code in named {
            let terminal = KeyCode::from(code);
            assert_eq!(keys::KeyCode::try_from(terminal), Ok(code), "{code:?}");
        }
        // A key `[keys]` cannot name binds nothing and is "any other key".
        for terminal in [KeyCode::Insert, KeyCode::CapsLock, KeyCode::Null] {
            assert_eq!(keys::KeyCode::try_from(terminal), Err(terminal));
            assert_eq!(keymap(key(terminal), false), Some(Msg::Other));
        }
        // Every spelling of `[keys]` is the terminal key it always was.
        for (text, terminal) in [
            ("space", KeyCode::Char(' ')),
            ("return", KeyCode::Enter),
            ("escape", KeyCode::Esc),
            ("backtab", KeyCode::BackTab),
            ("pgdn", KeyCode::PageDown),
            ("del", KeyCode::Delete),
            ("F12", KeyCode::F(12)),
            ("x", KeyCode::Char('x')),
            ("X", KeyCode::Char('X')),
        ] {
            let k = Key::parse(text).unwrap();
            assert_eq!((KeyCode::from(k.code), k.ctrl), (terminal, false), "{text}");
        }
        let save = Key::parse("ctrl-s").unwrap();
        assert_eq!(
            (KeyCode::from(save.code), save.ctrl),
            (KeyCode::Char('s'), true)
        );
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
    fn overrides_replace_an_actions_keys() {
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
    }

    #[test]
    fn every_action_is_its_own_message_and_back() {
        let mut seen: Vec<Msg> = Vec::new();
        for (name, action, _, _) in ACTIONS {
            let msg = Msg::from(*action);
            assert!(!seen.contains(&msg), "`{name}` shares {msg:?}");
            seen.push(msg);
            assert_eq!(Action::try_from(msg), Ok(*action), "{name}");
        }
        // Whatever a key sends round-trips: an action's message to that action, anything else
        // (digits, text, "any key") to no action.
        let keymap = Keymap::default();
        for (_, action, keys, _) in ACTIONS {
            for k in *keys {
                let press = KeyEvent::new(
                    k.code.into(),
                    if k.ctrl {
                        KeyModifiers::CONTROL
                    } else {
                        KeyModifiers::NONE
                    },
                );
                let msg = keymap.map(press, false).unwrap();
                assert_eq!(Action::try_from(msg), Ok(*action), "{k}");
            }
        }
        let q = key(KeyCode::Char('q'));
        for msg in [
            keymap.map(key(KeyCode::Char('7')), false),
            keymap.map(q, true),
            keymap.map(key(KeyCode::F(5)), false),
            Some(Msg::Tick),
            Some(Msg::Resize),
            Some(Msg::Click(1, 2)),
            Some(Msg::Wheel(1, 2, true)),
        ] {
            let msg = msg.unwrap();
            assert_eq!(Action::try_from(msg), Err(msg));
            assert_eq!(keymap.label(msg), "");
        }
    }
}
