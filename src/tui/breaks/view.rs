//! The Breaks tab: each posture-break timer with its interval, working hours and time to the
//! next break; today's breaks taken, snoozed and skipped; and, when a break is due, the offer to
//! start it now, snooze it or skip it — and afterwards, "did you do it?".

use chrono::Weekday;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Padding, Paragraph, Widget, Wrap};

use crate::breaks::BreakState;
use crate::clock::Now;
use crate::config::{ALL_DAYS, WEEKDAYS};
use crate::duration::{Clock, Compact};
use crate::history::BreakOutcome;
use crate::routine::Library;
use crate::tui::theme::Theme;
use crate::tui::widgets::popup;

use super::{BreakPrompt, BreaksTab, SKIP_REASONS};

/// The Breaks tab, drawn from its state.
pub struct BreaksScreen<'a> {
    /// The timers, the question and the outcomes.
    pub tab: &'a BreaksTab,
    /// The routines, for their names.
    pub library: &'a Library,
    /// How long "snooze" puts a break off.
    pub snooze: std::time::Duration,
    /// The moment drawn.
    pub now: Now,
    /// Colours.
    pub theme: &'a Theme,
}

/// "Mon–Fri", "every day", "Sat, Sun".
fn days_label(days: &[Weekday]) -> String {
    if days.is_empty() || days.len() == 7 {
        return "every day".to_owned();
    }
    if WEEKDAYS.iter().all(|d| days.contains(d)) && days.len() == 5 {
        return "Mon–Fri".to_owned();
    }
    ALL_DAYS
        .iter()
        .filter(|d| days.contains(d))
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Widget for &BreaksScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let t = self.theme;
        let now = self.now;
        let today = now.wall.date_naive();
        let todays: Vec<_> = self
            .tab
            .done
            .iter()
            .filter(|b| b.at.date_naive() == today)
            .collect();
        let count = |o: BreakOutcome| todays.iter().filter(|b| b.outcome == o).count();

        let mut lines = vec![Line::styled("Posture breaks", t.title())];
        if self.tab.scheduler.plans().is_empty() {
            lines.push(Line::styled(
                "No break timers: add [[breaks]] to the config to have knotless nudge you.",
                t.muted(),
            ));
        }
        for (i, plan) in self.tab.scheduler.plans().iter().enumerate() {
            let name = self
                .library
                .get(&plan.routine)
                .map_or(plan.routine.as_str(), |r| r.name.as_str());
            // The status is what a person looks for: it keeps its place as the line narrows.
            // The schedule goes first (whole, then just the interval), then the status
            // shortens, and the name is cut to what is left.
            let (when, short_when) = match self.tab.scheduler.state(i, &now) {
                BreakState::OffHours => (
                    Span::styled("outside working hours", t.muted()),
                    Span::styled("off hours", t.muted()),
                ),
                BreakState::Due => (
                    Span::styled("due now", t.caution()),
                    Span::styled("due now", t.caution()),
                ),
                BreakState::Waiting(at) => {
                    let left = at.saturating_duration_since(now.instant);
                    let clock = now.wall_at(at).format("%H:%M");
                    (
                        Span::styled(format!("next in {} ({clock})", time_left(left)), t.good()),
                        Span::styled(format!("in {}", time_left(left)), t.good()),
                    )
                }
            };
            let every = format!("every {:<4} ", Compact(plan.every).to_string());
            let schedule = format!(
                "{every}{}, {}  ",
                days_label(&plan.days),
                if plan.from == plan.to {
                    "all day".to_owned()
                } else {
                    format!("{}–{}", plan.from.format("%H:%M"), plan.to.format("%H:%M"))
                }
            );
            let width = usize::from(area.width);
            let cols = |s: &str| s.chars().count();
            let (schedule, when) = if 19 + cols(&schedule) + when.width() <= width {
                (schedule, when)
            } else if 19 + cols(&every) + when.width() < width {
                (format!("{every} "), when)
            } else if 19 + when.width() <= width {
                (String::new(), when)
            } else {
                (String::new(), short_when)
            };
            let name_room = width
                .saturating_sub(cols(&schedule) + when.width() + 1)
                .min(18);
            lines.push(Line::from(vec![
                Span::raw(format!(
                    " {:<name_room$}",
                    crate::text::clip(name, name_room.saturating_sub(1))
                )),
                Span::styled(schedule, t.muted()),
                when,
            ]));
        }
        lines.push(Line::default());
        lines.push(today_line(
            [
                count(BreakOutcome::Taken),
                count(BreakOutcome::Snoozed),
                count(BreakOutcome::Skipped),
            ],
            area.width,
            t,
        ));
        for b in todays.iter().rev() {
            let name = self
                .library
                .get(&b.routine)
                .map_or(b.routine.as_str(), |r| r.name.as_str());
            let outcome = match (&b.outcome, &b.reason) {
                (BreakOutcome::Skipped, Some(reason)) => format!("skipped ({reason})"),
                (o, _) => o.id().replace('-', " "),
            };
            lines.push(Line::from(format!(
                " {}  {name:<18} {outcome}",
                b.at.format("%H:%M")
            )));
        }
        Paragraph::new(lines).render(area, buf);

        if let Some(prompt) = self.tab.prompt {
            self.prompt_box(prompt, area, buf);
        }
    }
}

/// Today's breaks taken, snoozed and skipped, in the words that fit in `width`: "done" for
/// "taken", then the snoozes dropped (a snooze is not an answer yet), then the skips.
fn today_line(counts: [usize; 3], width: u16, t: &Theme) -> Line<'static> {
    let [taken, snoozed, skipped] = counts;
    let mut lines = vec![
        (
            "Today  ",
            format!("{taken} taken · {snoozed} snoozed · {skipped} skipped"),
        ),
        (
            "Today ",
            format!("{taken} done · {snoozed} snoozed · {skipped} skipped"),
        ),
        ("Today ", format!("{taken} done, {skipped} skipped")),
        ("Today ", format!("{taken} done")),
    ]
    .into_iter()
    .map(|(head, rest)| {
        Line::from(vec![
            Span::styled(head, t.title()),
            Span::styled(rest, t.muted()),
        ])
    })
    .collect::<Vec<_>>();
    // The shortest is drawn even where it does not fit: the row's edge cuts it.
    let at = lines
        .iter()
        .position(|line| line.width() <= usize::from(width))
        .unwrap_or(lines.len() - 1);
    lines.swap_remove(at)
}

/// Time to a break as the countdown shows it: whole minutes rounded up, and the seconds in the
/// last minute ("5 s", not "1 min").
pub fn time_left(left: std::time::Duration) -> String {
    let secs = left.as_secs() + u64::from(left.subsec_nanos() > 0);
    if secs < 60 {
        format!("{secs} s")
    } else {
        format!("{} min", secs.div_ceil(60))
    }
}

impl BreaksScreen<'_> {
    /// The question about a due break, over the tab.
    fn prompt_box(&self, prompt: BreakPrompt, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let i = match prompt {
            BreakPrompt::Due(i) | BreakPrompt::SkipReason(i) | BreakPrompt::DidYouDoIt(i) => i,
        };
        let Some(plan) = self.tab.scheduler.plans().get(i) else {
            return;
        };
        let routine = self.library.get(&plan.routine);
        let name = routine.map_or(plan.routine.as_str(), |r| r.name.as_str());
        let mut lines = Vec::new();
        match prompt {
            BreakPrompt::Due(_) => {
                lines.push(Line::styled(format!("Time for a break: {name}"), t.title()));
                if let Some(r) = routine {
                    lines.push(Line::from(format!("{} ({})", r.summary, Clock(r.total()))));
                }
                lines.push(Line::default());
                lines.push(Line::from(format!(
                    "enter start now · z (or esc) snooze {} · s skip",
                    Compact(self.snooze)
                )));
            }
            BreakPrompt::SkipReason(_) => {
                lines.push(Line::styled(
                    format!("Skip {name}: why? (optional)"),
                    t.title(),
                ));
                for (n, reason) in SKIP_REASONS.iter().enumerate() {
                    lines.push(Line::from(format!(" {}  {reason}", n + 1)));
                }
                lines.push(Line::from(" enter  no reason · esc  back"));
            }
            BreakPrompt::DidYouDoIt(_) => {
                lines.push(Line::styled(format!("Did you do the {name}?"), t.title()));
                lines.push(Line::default());
                lines.push(Line::from("y yes · n not really"));
            }
        }
        let width = 56.min(area.width);
        // Borders and padding take four rows; two more for lines that wrap.
        let height = (lines.len() as u16 + 6).min(area.height);
        let popup = popup(area, width, height, buf);
        Paragraph::new(Text::from(lines))
            .wrap(Wrap { trim: true })
            .block(
                Block::bordered()
                    .border_type(BorderType::Rounded)
                    .border_style(t.caution())
                    .padding(Padding::uniform(1)),
            )
            .render(popup, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn todays_line_takes_shorter_words_then_drops_parts() {
        let t = Theme::new(false);
        let line = |width| today_line([1, 2, 3], width, &t).to_string();
        assert_eq!(line(40), "Today  1 taken · 2 snoozed · 3 skipped");
        assert_eq!(line(37), "Today 1 done · 2 snoozed · 3 skipped");
        assert_eq!(line(24), "Today 1 done, 3 skipped");
        assert_eq!(line(20), "Today 1 done");
        assert_eq!(today_line([12, 0, 10], 24, &t).to_string(), "Today 12 done");
    }
}
