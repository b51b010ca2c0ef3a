//! Where things go on a terminal of a given size: the warning bar, the tab bar, the screen in
//! front, the problem line and the footer; and, in [`places`], what is under a click and how
//! far the detail pane scrolls. The frame is drawn by `view` and the footer by `help`; both,
//! and `update` (for the mouse), read the places here.

use ratatui::layout::{Constraint, Layout, Rect};

use super::app::{App, Screen};
use super::screen::{TABS, Tab};

mod places;

pub use places::{
    detail_room, detail_room_at, flag_at, log_entry_at, on_flag_bar, routine_at, screen_width,
    tab_at,
};

/// Where the parts of a frame go.
pub struct Parts {
    /// The warning bar (no rows without a flag).
    pub bar: Rect,
    /// The tab bar.
    pub tabs: Option<Rect>,
    /// The screen in front and the problem line.
    pub body: Rect,
    /// The key hints.
    pub footer: Option<Rect>,
}

pub fn parts(app: &App, area: Rect) -> Parts {
    // The most severe active flag takes the top row on every screen, at any size.
    let bar_rows = u16::from(app.flags.top().is_some() && area.height >= 2);
    let [bar, area] =
        Layout::vertical([Constraint::Length(bar_rows), Constraint::Min(0)]).areas(area);
    if area.height >= 4 {
        let [t, b, f] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area);
        Parts {
            bar,
            tabs: Some(t),
            body: b,
            footer: Some(f),
        }
    } else {
        Parts {
            bar,
            tabs: None,
            body: area,
            footer: None,
        }
    }
}

/// Whether the tab bar starts with the app's name (dropped on narrow terminals).
pub fn shows_name(app: &App, tabs: Rect) -> bool {
    tabs.width >= 48 || matches!(app.screen, Screen::Runner(_))
}

/// Each tab's label as drawn, padding included: the full names where they fit (39 columns),
/// then four-letter abbreviations, then initials, so that every tab stays in view.
pub fn tab_labels(width: u16) -> Vec<(Tab, String)> {
    let full: Vec<(Tab, String)> = TABS
        .iter()
        .map(|t| (t.tab, format!(" {} ", t.title)))
        .collect();
    let abbreviated: Vec<(Tab, String)> = TABS
        .iter()
        .map(|t| (t.tab, format!(" {}", t.short)))
        .collect();
    let len =
        |labels: &[(Tab, String)]| -> usize { labels.iter().map(|(_, l)| l.chars().count()).sum() };
    if len(&full) <= usize::from(width) {
        full
    } else if len(&abbreviated) <= usize::from(width) {
        abbreviated
    } else {
        TABS.iter()
            .map(|t| (t.tab, format!(" {}", &t.title[..1])))
            .collect()
    }
}

/// The row that reports data-file lines that could not be read, at the foot of `body`; they are
/// reported until the app closes.
pub fn problem_line(app: &App, body: Rect) -> Option<Rect> {
    let screen_with_room = !matches!(app.screen, Screen::Runner(_)) && body.height > 4;
    (screen_with_room && !app.load_problems.is_empty()).then(|| Rect {
        y: body.bottom() - 1,
        height: 1,
        ..body
    })
}

pub fn problem_text(app: &App) -> String {
    let first = &app.load_problems[0];
    match app.load_problems.len() - 1 {
        0 => format!("⚠ {first}"),
        more => format!("⚠ {first} (and {more} more)"),
    }
}

/// What the screen in front gets of `body`.
pub fn screen_area(app: &App, body: Rect) -> Rect {
    match problem_line(app, body) {
        Some(_) => Rect {
            height: body.height - 1,
            ..body
        },
        None => body,
    }
}

/// The area the screen in front is drawn in, on a terminal of `area`.
pub fn body_area(app: &App, area: Rect) -> Rect {
    screen_area(app, parts(app, area).body)
}

/// The detail pane of the screen in front, if it has one: where it is and how far it can
/// scroll.
pub fn detail_pane(app: &App, area: Rect) -> Option<(Rect, u16)> {
    app.front().detail_pane(&app.view(), body_area(app, area))
}
