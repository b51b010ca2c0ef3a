//! Keys become messages. The mapping is the same on every screen; what a message means on a
//! given screen is decided in `update`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::app::Msg;

/// The message for a key press, or `None` for keys the app does not use.
pub fn keymap(key: KeyEvent) -> Option<Msg> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return matches!(key.code, KeyCode::Char('c')).then_some(Msg::ForceQuit);
    }
    Some(match key.code {
        KeyCode::Char('q') => Msg::Quit,
        KeyCode::Esc => Msg::Cancel,
        KeyCode::Enter => Msg::Confirm,
        KeyCode::Char(' ') => Msg::Space,
        KeyCode::Char('n') => Msg::Next,
        KeyCode::Char('b') => Msg::Back,
        KeyCode::Char('s') => Msg::Skip,
        KeyCode::Char('?') => Msg::Help,
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
