//! The History tab: the month its calendar shows, the statistics it draws (worked out once per
//! change of the sessions or the day, since they read every session and a frame must not), and
//! its keys. The drawing is in [`view`].

mod view;

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{Datelike, NaiveDate};

pub use view::HistoryScreen;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::msg::{Action, Msg};
use super::screen::{Ctx, Hint, Keys, Outcome, Request, Tab, TabScreen, View, hint, hint_of};
use crate::history::SessionRecord;
use crate::history::stats::HistoryStats;

/// The History tab's own state.
#[derive(Debug, Clone)]
pub struct HistoryTab {
    /// The month the calendar shows (year, month).
    pub month: (i32, u32),
    /// The statistics as of the last frame, with what they were worked out from.
    cache: RefCell<Option<(StatsKey, Rc<HistoryStats>)>>,
}

/// What the History statistics depend on: the day, and the sessions (appended to at the end;
/// a running session's record is replaced there as it goes).
#[derive(Debug, Clone, PartialEq, Eq)]
struct StatsKey {
    today: NaiveDate,
    count: usize,
    last: Option<(String, crate::history::SessionOutcome, usize, Option<u8>)>,
}

impl HistoryTab {
    /// The tab on this month.
    pub fn new(today: NaiveDate) -> HistoryTab {
        HistoryTab {
            month: (today.year(), today.month()),
            cache: RefCell::new(None),
        }
    }

    /// The statistics of `sessions` as of `today` (worked out again only when the sessions or
    /// the day changed).
    pub fn stats(&self, sessions: &[SessionRecord], today: NaiveDate) -> Rc<HistoryStats> {
        let key = StatsKey {
            today,
            count: sessions.len(),
            last: sessions
                .last()
                .map(|s| (s.id.clone(), s.outcome, s.steps_done, s.pain_after)),
        };
        let mut cache = self.cache.borrow_mut();
        match cache.as_ref() {
            Some((k, stats)) if *k == key => stats.clone(),
            _ => {
                let stats = Rc::new(HistoryStats::compute(sessions, today));
                *cache = Some((key, stats.clone()));
                stats
            }
        }
    }
}

impl TabScreen for HistoryTab {
    /// ← and → page the calendar by month; it stops at this one, since nothing is logged in
    /// months to come. `r` and `R` write the report; Esc goes back to Routines.
    fn update(&mut self, msg: Msg, ctx: &Ctx<'_>) -> Outcome {
        let today = ctx.now.wall.date_naive();
        let action = match msg {
            Msg::Action(action) => action,
            Msg::Tick => return Outcome::Ignored,
            // Every other message redraws, a resize above all.
            Msg::Resize
            | Msg::Click(..)
            | Msg::Wheel(..)
            | Msg::Digit(_)
            | Msg::Text(_)
            | Msg::Other => {
                return Outcome::Redraw;
            }
        };
        match action {
            Action::Left => self.month = shift_month(self.month, -1),
            Action::Right => {
                let this_month = (today.year(), today.month());
                self.month = shift_month(self.month, 1).min(this_month);
            }
            Action::Report => return Outcome::Request(Request::Report(false)),
            Action::ReportOpen => return Outcome::Request(Request::Report(true)),
            Action::Quit | Action::ForceQuit => return Outcome::Request(Request::Quit),
            // Esc goes back to Routines and never quits: only `q` does.
            Action::Cancel => return Outcome::Request(Request::Show(Tab::Routines)),
            Action::Flags => return Outcome::Request(Request::OpenFlags),
            Action::NextTab => return Outcome::Request(Request::SwitchTab(true)),
            Action::PreviousTab => return Outcome::Request(Request::SwitchTab(false)),
            Action::Up
            | Action::Down
            | Action::First
            | Action::Last
            | Action::ScrollUp
            | Action::ScrollDown
            | Action::Confirm
            | Action::Pause
            | Action::Next
            | Action::Back
            | Action::Skip
            | Action::Help
            | Action::Add
            | Action::Edit
            | Action::Delete
            | Action::Filter
            | Action::Find
            | Action::Review
            | Action::Yes
            | Action::Checked
            | Action::Undo
            | Action::Snooze
            | Action::Save
            | Action::Programmes
            | Action::StopProgramme => return Outcome::Ignored,
        }
        Outcome::Redraw
    }

    fn hints(&self, _view: &View<'_>, _area: Rect) -> Vec<Hint> {
        vec![
            hint_of(Keys::Pair(Action::Left, Action::Right), "month"),
            hint(Action::Report, "report"),
            hint(Action::NextTab, "next tab"),
            hint(Action::Quit, "quit"),
            hint(Action::ReportOpen, "report + open"),
        ]
    }

    fn draw(&self, view: &View<'_>, area: Rect, buf: &mut Buffer) {
        (&HistoryScreen {
            tab: self,
            sessions: view.sessions,
            breaks: view.breaks,
            library: view.library,
            programme: view.programme,
            entries: view.entries,
            flags: view.flags,
            today: view.now.wall.date_naive(),
            theme: view.theme,
        })
            .render(area, buf);
    }

    fn busy(&self) -> bool {
        false
    }
}

/// The month `delta` months from `(year, month)`.
fn shift_month((year, month): (i32, u32), delta: i32) -> (i32, u32) {
    let index = year * 12 + month as i32 - 1 + delta;
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_page_across_years_and_stop_at_this_one() {
        assert_eq!(shift_month((2026, 1), -1), (2025, 12));
        assert_eq!(shift_month((2025, 12), 1), (2026, 1));
        let today = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        let mut tab = HistoryTab::new(today);
        tab.month = shift_month(tab.month, 1).min((2026, 3));
        assert_eq!(tab.month, (2026, 3), "not past this month");
        tab.month = shift_month(tab.month, -1);
        assert_eq!(tab.month, (2026, 2));
    }
}
