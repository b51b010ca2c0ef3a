//! The History tab: the month its calendar shows, the statistics it draws (worked out once per
//! change of the sessions or the day, since they read every session and a frame must not), and
//! its keys. The drawing is in [`view`].

mod view;

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{Datelike, NaiveDate};

pub use view::HistoryScreen;

use super::msg::Msg;
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

    /// ← and → page the calendar by month; it stops at this one, since nothing is logged in
    /// months to come. Returns whether the month changed.
    pub fn update(&mut self, msg: Msg, today: NaiveDate) -> bool {
        let before = self.month;
        match msg {
            Msg::Left => self.month = shift_month(self.month, -1),
            Msg::Right => {
                let this_month = (today.year(), today.month());
                self.month = shift_month(self.month, 1).min(this_month);
            }
            _ => {}
        }
        self.month != before
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
        assert!(!tab.update(Msg::Right, today));
        assert!(tab.update(Msg::Left, today));
        assert_eq!(tab.month, (2026, 2));
    }
}
