//! Where things are on a terminal of a given size, for the mouse and the keys: the tab, the
//! flag bar, a list row or the detail pane under a click, how far the detail pane can scroll,
//! the width the tab in front gets.

use ratatui::layout::Rect;

use super::{body_area, detail_pane, parts, shows_name, tab_labels};
use crate::tui::app::{App, Screen, Tab};
use crate::tui::flags::FlagsScreen;
use crate::tui::routines::RoutinesScreen;

/// The tab under a mouse click at (`col`, `row`) on a terminal of `area`.
pub fn tab_at(app: &App, area: Rect, col: u16, row: u16) -> Option<Tab> {
    let tabs = parts(app, area).tabs?;
    if row != tabs.y || matches!(app.screen, Screen::Runner(_)) {
        return None;
    }
    let name = if shows_name(app, tabs) { 11 } else { 0 };
    let mut x = tabs.x + name;
    for (tab, label) in tab_labels(tabs.width.saturating_sub(name)) {
        let width = label.chars().count() as u16;
        if (x..x + width).contains(&col) {
            return Some(tab);
        }
        x += width;
    }
    None
}

/// Whether a mouse click at `row` is on the warning bar (the most severe flag).
pub fn on_flag_bar(app: &App, area: Rect, row: u16) -> bool {
    let bar = parts(app, area).bar;
    bar.height > 0 && row == bar.y
}

/// The Routines list row under a mouse click, as an index into [`App::list_entries`].
pub fn routine_at(app: &App, area: Rect, col: u16, row: u16) -> Option<usize> {
    if !matches!(app.screen, Screen::Routines) {
        return None;
    }
    RoutinesScreen::of(&app.routines, &app.view()).entry_at(body_area(app, area), col, row)
}

/// The Log list row under a mouse click, as an index into the visible entries.
pub fn log_entry_at(app: &App, area: Rect, row: u16) -> Option<usize> {
    if !matches!(app.screen, Screen::Log) {
        return None;
    }
    let today = app.now.wall.date_naive();
    crate::tui::log::entry_at(&app.log, today, body_area(app, area), row)
}

/// The width the screen in front is drawn at on a terminal of `area` (the Log form lays its
/// chips out by it, and its keys follow).
pub fn screen_width(app: &App, area: Rect) -> u16 {
    body_area(app, area).width
}

/// The Flags list row under a mouse click.
pub fn flag_at(app: &App, area: Rect, col: u16, row: u16) -> Option<usize> {
    if !matches!(app.screen, Screen::Flags) {
        return None;
    }
    FlagsScreen::of(&app.flags_tab, &app.view()).flag_at(body_area(app, area), col, row)
}

/// For Page Up / Page Down: a page of the detail pane in front and how far it can scroll.
pub fn detail_room(app: &App, area: Rect) -> Option<(u16, u16)> {
    detail_pane(app, area).map(|(rect, max)| (rect.height.saturating_sub(2).max(1), max))
}

/// For the wheel: how far the detail pane under (`col`, `row`) can scroll.
pub fn detail_room_at(app: &App, area: Rect, col: u16, row: u16) -> Option<u16> {
    let (rect, max) = detail_pane(app, area)?;
    rect.contains(ratatui::layout::Position::new(col, row))
        .then_some(max)
}
