//! The help overlay and the footer: both read the same hints for the current view, those of the
//! overlay in front or else of the screen in front (each states its own, from the keymap's
//! actions), so what the footer shows and what `?` explains never disagree.

mod view;

pub use view::{Footer, HelpOverlay, help_max_scroll};

use ratatui::layout::Rect;

use crate::tui::app::{App, Overlay};
use crate::tui::keymap::KeyLabels;
use crate::tui::layout::body_area;
use crate::tui::msg::{Action, Msg};
use crate::tui::programme::Prompt;
use crate::tui::screen::{Hint, Keys, hint, hint_of};

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

/// A hint as drawn: its keys as the keymap has them, in full and short, and what they do.
pub struct Shown {
    /// The keys.
    pub keys: String,
    /// The keys on a narrow footer: the first of several, or fewer words.
    pub short: String,
    /// What they do.
    pub what: &'static str,
}

/// The footer's hints: the keys of the overlay in front, or of the screen when none is open.
/// Help in front names its own keys; what it lists is [`keys`], the keys beneath it.
pub fn footer_keys(app: &App, area: Rect) -> Vec<Shown> {
    if app.overlay() == Some(Overlay::Help) {
        let own = [
            hint_of(Keys::Pair(Action::Up, Action::Down), "scroll"),
            hint(Action::Cancel, "close"),
            hint(Action::ForceQuit, "quit"),
        ];
        return shown(app, &own);
    }
    shown(app, &hints(app, area))
}

/// The keys that work in the current view on a terminal of `area`: (keys, what they do), with
/// the keys of `[keys]`.
pub fn keys(app: &App, area: Rect) -> Vec<(String, &'static str)> {
    shown(app, &hints(app, area))
        .into_iter()
        .map(|s| (s.keys, s.what))
        .collect()
}

/// Hints as the keymap has them; one naming an action without a key is left out.
fn shown(app: &App, hints: &[Hint]) -> Vec<Shown> {
    hints
        .iter()
        .filter_map(|h| {
            let (keys, short) = h.label(&app.config.keys)?;
            Some(Shown {
                keys,
                short,
                what: h.what,
            })
        })
        .collect()
}

/// The hints of what takes the keys: the overlay in front (help names the keys of what lies
/// beneath it; a due break's question is the Breaks tab's own), else the screen in front.
pub fn hints(app: &App, area: Rect) -> Vec<Hint> {
    let front = app.overlays().into_iter().find(|o| *o != Overlay::Help);
    match front {
        Some(Overlay::Welcome) => return vec![hint_of(Keys::Any, "continue")],
        Some(Overlay::Raised) => {
            return vec![
                hint(Action::Confirm, "see it in full"),
                hint(Action::Cancel, "close"),
            ];
        }
        Some(Overlay::Programme) => {
            if let Some(prompt) = app.programme.prompts.first() {
                return prompt_hints(prompt);
            }
        }
        Some(Overlay::Checkin) => return app.appointment.hints(),
        Some(Overlay::Help | Overlay::Break) | None => {}
    }
    app.front().hints(&app.view(), body_area(app, area))
}

/// The keys of the programme's question, as actions of the keymap: the footer names them, and
/// so does the box itself (see [`prompt_keys`]); [`crate::tui::programme::ProgrammeView::answer`]
/// takes the same actions.
pub fn prompt_hints(prompt: &Prompt) -> Vec<Hint> {
    match prompt {
        Prompt::Offer(_) => vec![hint(Action::Confirm, "go up"), hint(Action::Cancel, "stay")],
        Prompt::Flare { .. } => vec![
            hint(Action::Confirm, "start it"),
            hint(Action::Cancel, "not now"),
        ],
        Prompt::SteppedBack { .. } | Prompt::FlareOver { .. } => vec![hint(Action::Confirm, "ok")],
    }
}

/// The programme question's keys as the box shows them, with the person's `[keys]`:
/// `enter go up · esc stay`.
pub fn prompt_keys(app: &App, prompt: &Prompt) -> String {
    shown(app, &prompt_hints(prompt))
        .iter()
        .map(|s| format!("{} {}", s.keys, s.what))
        .collect::<Vec<_>>()
        .join(" · ")
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
