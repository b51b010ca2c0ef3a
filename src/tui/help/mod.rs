//! The help overlay and the footer: both read the same list of keys for the current view, so
//! what the footer shows and what `?` explains never disagree. Unlike the tabs, they read the
//! whole [`App`]: which keys are in use depends on every screen, question and overlay.

mod view;

pub use view::{Footer, HelpOverlay, help_max_scroll};

use ratatui::layout::Rect;

use crate::tui::app::{App, BreakPrompt, Overlay, Screen};
use crate::tui::keymap::{KeyLabels, Keymap};
use crate::tui::log::LogMode;
use crate::tui::msg::Msg;
use crate::tui::runner::Stage;

/// `?` opens the overlay and closes it (as do Esc, `q` and Enter); arrows, Page Up/Down,
/// Home and End scroll it. Returns whether to redraw when the key was the overlay's, `None`
/// when it goes on to the screen (Ctrl-C, timers and resizes always do).
pub fn update(app: &mut App, msg: Msg) -> Option<bool> {
    if !app.help {
        if msg == Msg::Help && !app.is_typing() {
            app.help = true;
            app.help_scroll = 0;
            return Some(true);
        }
        return None;
    }
    match msg {
        Msg::Help | Msg::Cancel | Msg::Quit | Msg::Confirm => {
            app.help = false;
            Some(true)
        }
        Msg::Up | Msg::Down | Msg::ScrollUp | Msg::ScrollDown | Msg::First | Msg::Last => {
            let max = help_max_scroll(app, app.area);
            let before = app.help_scroll.min(max);
            app.help_scroll = match msg {
                Msg::Up => before.saturating_sub(1),
                Msg::Down => before.saturating_add(1).min(max),
                Msg::ScrollUp => before.saturating_sub(10),
                Msg::ScrollDown => before.saturating_add(10).min(max),
                Msg::First => 0,
                _ => max,
            };
            Some(app.help_scroll != before)
        }
        Msg::ForceQuit | Msg::Tick | Msg::Resize => None,
        _ => Some(false),
    }
}

/// The footer's hints: the keys of the overlay in front, or of the screen when none is open.
/// Help in front names its own keys; what it lists is [`keys`], the keys beneath it.
pub fn footer_keys(app: &App, area: Rect) -> Vec<(String, &'static str)> {
    if app.overlay() == Some(Overlay::Help) {
        return [("↑↓", "scroll"), ("esc", "close"), ("ctrl-c", "quit")]
            .into_iter()
            .map(|(key, what)| (shown(app, key), what))
            .collect();
    }
    keys(app, area)
}

/// The keys that work in the current view on a terminal of `area`: (key, what it does), with
/// the keys of `[keys]` where the configuration changed them.
pub fn keys(app: &App, area: Rect) -> Vec<(String, &'static str)> {
    default_keys(app, crate::tui::view::detail_overflows(app, area))
        .into_iter()
        .map(|(key, what)| (shown(app, key), what))
        .collect()
}

/// The action a default hint names, if it is one action's key.
fn action_of(hint: &str) -> Option<Msg> {
    Some(match hint {
        "enter" => Msg::Confirm,
        "esc" => Msg::Cancel,
        "tab" => Msg::Tab,
        "?" => Msg::Help,
        "q" => Msg::Quit,
        "z" => Msg::Snooze,
        "s" => Msg::Skip,
        "y" => Msg::Yes,
        "n" => Msg::Next,
        "b" => Msg::Back,
        "c" => Msg::Checked,
        "u" => Msg::Undo,
        "space" => Msg::Space,
        "a" => Msg::Add,
        "e" => Msg::Edit,
        "d" => Msg::Delete,
        "f" => Msg::Filter,
        "v" => Msg::Review,
        "!" => Msg::Flags,
        "r" => Msg::Report,
        "R" => Msg::ReportOpen,
        "pgdn" => Msg::ScrollDown,
        "ctrl-s" => Msg::Save,
        "ctrl-c" => Msg::ForceQuit,
        _ => return None,
    })
}

/// A hint as the person's keys have it.
fn shown(app: &App, hint: &str) -> String {
    if let Some(msg) = action_of(hint) {
        let current = app.config.keys.label(msg);
        if current != Keymap::default().label(msg) {
            return current.split(' ').next().unwrap_or(hint).to_owned();
        }
    }
    hint.to_owned()
}

fn default_keys(app: &App, more: bool) -> Vec<(&'static str, &'static str)> {
    // The overlay in front takes the keys, so its keys are the ones to name (help names the
    // keys of what lies beneath it; a due break's question is the Breaks tab's own).
    let front = app.overlays().into_iter().find(|o| *o != Overlay::Help);
    match front {
        Some(Overlay::Welcome) => return vec![("any key", "continue")],
        Some(Overlay::Raised) => return vec![("enter", "see it in full"), ("esc", "close")],
        Some(Overlay::Programme) => return vec![("enter", "yes"), ("esc", "no")],
        Some(Overlay::Checkin) => return app.appointment.keys(),
        Some(Overlay::Help | Overlay::Break) | None => {}
    }
    match &app.screen {
        Screen::Routines if app.routines.find.typing => {
            vec![
                ("type", "find"),
                ("↑↓", "choose"),
                ("enter", "keep"),
                ("esc", "clear"),
            ]
        }
        Screen::Routines => {
            let mut keys = vec![
                ("↑↓ jk", "choose"),
                ("enter", "start"),
                ("/", "find"),
                ("tab", "next tab"),
                ("?", "help"),
                ("q", "quit"),
            ];
            if more {
                keys.insert(2, ("pgdn", "more"));
            }
            keys
        }
        Screen::History => vec![
            ("←→", "month"),
            ("r", "report"),
            ("tab", "next tab"),
            ("q", "quit"),
            ("R", "report + open"),
        ],
        Screen::Breaks => match app.breaks.prompt {
            Some(BreakPrompt::Due(_)) => {
                vec![
                    ("enter", "start now"),
                    ("z", "snooze"),
                    ("s", "skip"),
                    ("esc", "snooze too"),
                ]
            }
            Some(BreakPrompt::SkipReason(_)) => {
                vec![("1-3", "reason"), ("enter", "no reason"), ("esc", "back")]
            }
            Some(BreakPrompt::DidYouDoIt(_)) => vec![("y", "yes"), ("n", "not really")],
            None => vec![("tab", "next tab"), ("q", "quit")],
        },
        Screen::Flags if app.flags_tab.confirm_ack => {
            vec![("y", "yes, it was checked"), ("n", "no")]
        }
        Screen::Flags => {
            let muted = app
                .selected_flag()
                .is_some_and(|f| f.acknowledged.is_some());
            let mut keys = vec![
                ("↑↓", "choose"),
                if muted {
                    ("u", "take back \"checked\"")
                } else {
                    ("c", "I have had this checked")
                },
                ("tab", "next tab"),
                ("q", "quit"),
            ];
            if more {
                keys.insert(1, ("pgdn", "more"));
            }
            keys
        }
        Screen::Log => match &app.log.mode {
            LogMode::Form(form) if form.confirm_discard => {
                vec![("y", "discard"), ("any other key", "keep editing")]
            }
            LogMode::Form(form) if form.is_typing() => vec![
                ("ctrl-s", "save"),
                ("tab", "next section"),
                ("esc", "cancel"),
            ],
            LogMode::Form(_) => vec![
                ("tab", "next section"),
                ("arrows", "move"),
                ("space", "tick"),
                ("y/n", "answer"),
                ("enter", "save"),
                ("esc", "cancel"),
            ],
            LogMode::ConfirmDelete(_) => vec![("y", "delete"), ("n", "keep")],
            LogMode::Review { .. } => vec![
                ("←→", "30/90 days"),
                ("r", "report"),
                ("v", "entries"),
                ("a", "add"),
                ("tab", "next tab"),
                ("R", "report + open"),
            ],
            LogMode::List if app.log.filter.focus.is_some() => vec![
                ("tab", "next filter"),
                ("←→", "change"),
                ("d", "clear all"),
                ("enter", "done"),
            ],
            LogMode::List => {
                let mut keys = vec![
                    ("a", "add"),
                    ("e", "edit"),
                    ("d", "delete"),
                    ("f", "filter"),
                    ("v", "review"),
                    ("tab", "next tab"),
                    ("q", "quit"),
                ];
                if app.log.filter.is_active() {
                    keys.insert(4, ("esc", "clear filters"));
                }
                if app.log.undo.is_some() {
                    keys.insert(0, ("u", "undo delete"));
                }
                keys
            }
        },
        Screen::Runner(runner) => match &runner.stage {
            Stage::Gate(gate) if gate.refuses() => vec![("!", "flags"), ("esc", "back")],
            Stage::Gate(_) => vec![("enter", "go ahead"), ("!", "flags"), ("esc", "back")],
            Stage::Briefing { .. } if runner.is_checklist() => vec![
                ("↑↓", "move"),
                ("space", "tick"),
                ("enter", "start"),
                ("esc", "back"),
            ],
            Stage::Briefing { .. } => vec![("enter", "continue"), ("esc", "back")],
            Stage::PainBefore(_) | Stage::PainAfter(..) => {
                vec![("0-9 ←→", "rate"), ("enter", "save"), ("s", "skip")]
            }
            Stage::Running(_) if runner.confirm_stop => {
                vec![("y", "stop the session"), ("any other key", "go on")]
            }
            Stage::Running(_) if runner.skin_prompt.is_some() => {
                vec![("enter", "skin OK"), ("q", "stop the heat")]
            }
            Stage::Running(session) => {
                let untimed = session.current().is_some_and(|p| p.duration.is_none());
                let mut keys = vec![
                    (
                        "space",
                        if session.is_paused() {
                            "resume"
                        } else {
                            "pause"
                        },
                    ),
                    ("n", "next"),
                    ("b", "back"),
                    ("q", "stop"),
                ];
                // A heat hold does not pause.
                if runner.in_heat() {
                    keys.remove(0);
                }
                if untimed {
                    keys.insert(0, ("enter", "done"));
                }
                keys
            }
            Stage::Summary(summary) if summary.pain_rose() => {
                vec![("a", "log it"), ("enter", "back to routines")]
            }
            Stage::Summary(_) => vec![("enter", "back to routines")],
        },
    }
}

/// A footer hint's action in fewer words, for a footer that is too narrow for the full ones.
pub fn short_action(action: &'static str) -> &'static str {
    match action {
        "next tab" | "next section" | "next filter" => "next",
        "report + open" => "open",
        "I have had this checked" => "checked",
        "take back \"checked\"" => "undo",
        "yes, it was checked" => "yes",
        "see it in full" => "see it",
        "start now" => "start",
        "snooze too" => "snooze",
        "no reason" => "none",
        "not really" => "no",
        "keep editing" => "keep",
        "undo delete" => "undo",
        "clear filters" | "clear all" => "clear",
        "30/90 days" => "30/90",
        "go ahead" => "go",
        "stop the session" | "stop the heat" => "stop",
        "back to routines" => "back",
        other => other,
    }
}

/// A footer hint's keys in fewer characters: the first of several, or fewer words.
pub fn short_key(key: &str) -> &str {
    match key {
        "↑↓ jk" => "↑↓",
        "0-9 ←→" => "0-9",
        "any other key" => "any key",
        other => other,
    }
}

/// How long a footer hint stays on a narrow footer, after the key to act, which goes last: 2 for a key that ends what is under way (stops a session or the heat), 0 for
/// moving a highlight (the arrows are the first keys anyone tries), 1 for the others.
pub fn footer_rank(action: &str) -> u8 {
    match action {
        "stop" | "stop the heat" | "stop the session" => 2,
        "move" => 0,
        _ => 1,
    }
}

/// Every key in use, from the keymap (with the configuration's changes): (keys, what).
pub fn every_key(app: &App) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str)> = crate::tui::keymap::ACTIONS
        .iter()
        .map(|(_, action, _, what)| (app.config.keys.label(*action), *what))
        .filter(|(keys, _)| !keys.is_empty())
        .collect();
    rows.push(("0-9".to_owned(), "pain rating, numbers"));
    rows
}
