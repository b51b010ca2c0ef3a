//! Tests of the key settings: overrides, conflicts, the names of keys.

use super::*;

fn over(pairs: &[(&str, &[&str])]) -> Result<Keymap, (usize, KeyError)> {
    let owned: Vec<(String, Vec<String>)> = pairs
        .iter()
        .map(|(a, ks)| (a.to_string(), ks.iter().map(|k| k.to_string()).collect()))
        .collect();
    Keymap::with_overrides(&owned)
}

#[test]
fn overrides_replace_an_actions_keys_and_conflicts_are_errors() {
    let map = over(&[("pause", &["p"]), ("up", &["w", "up"])]).unwrap();
    assert_eq!(map.action(Key::char('p')), Some(Action::Pause));
    assert_eq!(map.action(Key::char(' ')), None, "the default is replaced");
    assert_eq!(map.action(Key::char('w')), Some(Action::Up));
    assert_eq!(map.action(Key::char('k')), None);
    assert_eq!(map.label_of(Action::Up), "w ↑");
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

#[test]
fn every_action_has_one_row_and_one_name() {
    for (i, (name, action, _, _)) in ACTIONS.iter().enumerate() {
        for (other_name, other, _, _) in &ACTIONS[..i] {
            assert_ne!(name, other_name);
            assert_ne!(action, other, "{name} and {other_name}");
        }
    }
}

#[test]
fn every_action_says_what_it_does() {
    for (name, _, _, what) in ACTIONS {
        assert!(!what.is_empty(), "`{name}` has no words for the help");
    }
}
