//! Keys become messages. The mapping is the same on every screen; what a message means on a
//! given screen is decided in `update`. While a text field has focus, keys are text, except the
//! few that leave or save the field.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::app::Msg;

/// The message for a key press, or `None` for keys the app does not use. `typing` is true while
/// a text field has focus.
pub fn keymap(key: KeyEvent, typing: bool) -> Option<Msg> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        match key.code {
            KeyCode::Char('c') => return Some(Msg::ForceQuit),
            KeyCode::Char('s') => return Some(Msg::Save),
            _ if !typing => return None,
            _ => {}
        }
    }
    match key.code {
        KeyCode::Tab => return Some(Msg::Tab),
        KeyCode::BackTab => return Some(Msg::BackTab),
        KeyCode::Esc => return Some(Msg::Cancel),
        _ if typing => return Some(Msg::Text(key)),
        _ => {}
    }
    Some(match key.code {
        KeyCode::Char('q') => Msg::Quit,
        KeyCode::Enter => Msg::Confirm,
        KeyCode::Char(' ') => Msg::Space,
        KeyCode::Char('n') => Msg::Next,
        KeyCode::Char('b') => Msg::Back,
        KeyCode::Char('s') => Msg::Skip,
        KeyCode::Char('?') => Msg::Help,
        KeyCode::Char('a') => Msg::Add,
        KeyCode::Char('e') => Msg::Edit,
        KeyCode::Char('d') | KeyCode::Delete => Msg::Delete,
        KeyCode::Char('f') => Msg::Filter,
        KeyCode::Char('v') => Msg::Review,
        KeyCode::Char('y') => Msg::Yes,
        KeyCode::Char('!') => Msg::Flags,
        KeyCode::Char('c') => Msg::Checked,
        KeyCode::Char('z') => Msg::Snooze,
        KeyCode::Up | KeyCode::Char('k') => Msg::Up,
        KeyCode::Down | KeyCode::Char('j') => Msg::Down,
        KeyCode::Left | KeyCode::Char('h') => Msg::Left,
        KeyCode::Right | KeyCode::Char('l') => Msg::Right,
        KeyCode::Home | KeyCode::Char('g') => Msg::First,
        KeyCode::End | KeyCode::Char('G') => Msg::Last,
        KeyCode::Char(c @ '0'..='9') => Msg::Digit(c as u8 - b'0'),
        _ => return None,
    })
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
        assert_eq!(keymap(key(KeyCode::F(5)), false), None);
    }
}
