//! The History tab: a month calendar marking the days with sessions, the current and best
//! streak, this week's minutes by kind, and per routine the average pain before and after — so
//! a person can see which routines help.

use chrono::{Datelike, Duration, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget};

use crate::flags::Flags;
use crate::history::stats::{DayMark, HistoryStats, RoutineEffect, TOO_FEW};
use crate::history::{BreakOutcome, BreakRecord, SessionRecord};
use crate::routine::Library;
use crate::symptoms::SymptomEntry;
use crate::tui::programme::ProgrammeView;
use crate::tui::theme::Theme;

use super::HistoryTab;

/// Width of the calendar: seven columns of four characters.
const CALENDAR_WIDTH: u16 = 29;
/// A fall of about two points is the smallest change people notice (CLINICAL.md).
const NOTICEABLE: f32 = 2.0;

/// The History tab, drawn from its state and the records.
pub struct HistoryScreen<'a> {
    /// The tab's month and statistics.
    pub tab: &'a HistoryTab,
    /// Every session, oldest first.
    pub sessions: &'a [SessionRecord],
    /// Every posture-break outcome, oldest first.
    pub breaks: &'a [BreakRecord],
    /// The routines, for their names.
    pub library: &'a Library,
    /// The programme, for its lines under the routines.
    pub programme: &'a ProgrammeView,
    /// The symptom log, for the pain the dose follows.
    pub entries: &'a [SymptomEntry],
    /// The red flags, which may hold the dose.
    pub flags: &'a Flags,
    /// Today.
    pub today: NaiveDate,
    /// Colours.
    pub theme: &'a Theme,
}

impl Widget for &HistoryScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let t = self.theme;
        let today = self.today;
        let stats = self.tab.stats(self.sessions, today);
        let wide = area.width >= CALENDAR_WIDTH + 30;
        // A narrow tab has the streak line above the calendar.
        let rows = area.height.saturating_sub(u16::from(!wide));
        let calendar = calendar(
            &stats,
            self.tab.month,
            today,
            area.width < CALENDAR_WIDTH,
            rows,
            t,
        );
        let summary = summary(&stats, self.breaks, t);

        let top_height = if wide {
            calendar.height().max(summary.height()) as u16
        } else {
            (calendar.height() + summary.height() + 2) as u16
        };
        let [top, bottom] =
            Layout::vertical([Constraint::Length(top_height), Constraint::Min(0)]).areas(area);
        if wide {
            let [left, right] =
                Layout::horizontal([Constraint::Length(CALENDAR_WIDTH + 2), Constraint::Min(0)])
                    .areas(top);
            Paragraph::new(calendar).render(left, buf);
            Paragraph::new(summary).render(right, buf);
        } else {
            // Narrow: the streak first in one line, so it shows even when little else fits.
            let week = stats.week.stretch + stats.week.heat + stats.week.posture_break;
            let streak = streak_line(
                stats.current_streak,
                stats.best_streak,
                (week + 30) / 60,
                area.width,
            );
            let mut text = Text::from(Line::styled(streak, t.title()));
            text.lines.extend(calendar.lines);
            text.lines.push(Line::default());
            text.lines.extend(summary.lines);
            Paragraph::new(text).render(top, buf);
        }
        let mut bottom_text = effects(self.library, &stats, bottom.width, t);
        bottom_text.lines.extend(self.programme.history_lines(
            self.sessions,
            today,
            usize::from(bottom.width),
            t,
        ));
        bottom_text.lines.extend(self.programme.dose_lines(
            self.sessions,
            self.entries,
            self.flags,
            today,
            usize::from(bottom.width),
            t,
        ));
        Paragraph::new(bottom_text).render(bottom, buf);
    }
}

/// The streak line of a narrow History tab, in the words that fit in `width`: the week's
/// minutes shortened, then dropped, then the word "days".
fn streak_line(current: u32, best: u32, week_minutes: u64, width: u16) -> String {
    let days = if current == 1 { "day" } else { "days" };
    [
        format!("Streak {current} {days} (best {best}) · week {week_minutes} min"),
        format!("Streak {current} {days} (best {best}) · {week_minutes} min"),
        format!("Streak {current} {days} (best {best})"),
        format!("Streak {current} (best {best})"),
        format!("Streak {current}"),
    ]
    .into_iter()
    .find(|line| line.chars().count() <= usize::from(width))
    .unwrap_or_else(|| format!("Streak {current}"))
}

/// The month grid, Monday first: `•` a completed session, `◦` only stopped ones. `narrow`
/// draws it three columns a day (22 wide) rather than four, so that Sunday stays in view. Where
/// the month is taller than its `rows`, the weeks before today's go, so that today stays in view.
fn calendar(
    stats: &HistoryStats,
    (year, month): (i32, u32),
    today: NaiveDate,
    narrow: bool,
    rows: u16,
    t: &Theme,
) -> Text<'static> {
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return Text::default();
    };
    let name = first.format("%B %Y").to_string();
    let mut lines = if narrow {
        vec![
            Line::from(vec![
                Span::styled(format!(" {name:<15}"), t.title()),
                Span::styled("← →", t.muted()),
            ]),
            Line::styled(" Mo Tu We Th Fr Sa Su", t.muted()),
        ]
    } else {
        vec![
            Line::from(vec![
                Span::styled(format!(" {name:<19}"), t.title()),
                Span::styled("← → month", t.muted()),
            ]),
            Line::styled(" Mo  Tu  We  Th  Fr  Sa  Su", t.muted()),
        ]
    };
    let mut day = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
    let mut weeks = 0;
    let mut todays_week = None;
    while day.month() == month || day < first {
        if (day..day + Duration::days(7)).contains(&today) {
            todays_week = Some(weeks);
        }
        weeks += 1;
        let mut spans = Vec::with_capacity(8);
        if narrow {
            spans.push(Span::raw(" "));
        }
        for _ in 0..7 {
            if day.month() != month {
                spans.push(Span::raw(if narrow { "   " } else { "    " }));
            } else if narrow {
                let (mark, style) = mark(stats, day, today, t);
                spans.push(Span::styled(format!("{:>2}{mark}", day.day()), style));
            } else {
                let (mark, style) = mark(stats, day, today, t);
                spans.push(Span::styled(format!("{:>3}{mark}", day.day()), style));
            }
            day += Duration::days(1);
        }
        lines.push(Line::from(spans));
    }
    // The month's name and the days' names stay above the weeks.
    const HEAD: usize = 2;
    if let Some(week) = todays_week {
        let gone = (HEAD + week + 1)
            .saturating_sub(usize::from(rows))
            .min(week);
        lines.drain(HEAD..HEAD + gone);
    }
    lines.push(Line::styled(
        if narrow {
            " • done  ◦ stopped"
        } else {
            " • done  ◦ stopped early"
        },
        t.muted(),
    ));
    Text::from(lines)
}

/// A day's mark in the calendar and its colour (today highlighted).
fn mark(
    stats: &HistoryStats,
    day: NaiveDate,
    today: NaiveDate,
    t: &Theme,
) -> (&'static str, ratatui::style::Style) {
    let (mark, style) = match stats.days.get(&day) {
        Some(DayMark::Completed) => ("•", t.good()),
        Some(DayMark::Stopped) => ("◦", t.caution()),
        None => (" ", t.muted()),
    };
    (mark, if day == today { t.selected() } else { style })
}

/// Streaks and this week's time.
fn summary(stats: &HistoryStats, breaks: &[BreakRecord], t: &Theme) -> Text<'static> {
    // Breaks answered this week: snoozes are not an answer yet.
    let week: Vec<&BreakRecord> = breaks
        .iter()
        .filter(|b| b.at.date_naive() >= stats.week_start && b.outcome != BreakOutcome::Snoozed)
        .collect();
    let taken = week
        .iter()
        .filter(|b| b.outcome == BreakOutcome::Taken)
        .count();
    let days = |n: u32| format!("{n} day{}", if n == 1 { "" } else { "s" });
    let minutes = |secs: u64| format!("{:>4} min", (secs + 30) / 60);
    let row = |label: &str, value: String| {
        Line::from(vec![
            Span::raw(format!(" {label:<16}")),
            Span::styled(value, t.title()),
        ])
    };
    Text::from(vec![
        Line::styled("Streak", t.title()),
        row("Current", days(stats.current_streak)),
        row("Best", days(stats.best_streak)),
        Line::default(),
        Line::styled(
            format!("This week (since {})", stats.week_start.format("%a %-d %b")),
            t.title(),
        ),
        row("Stretching", minutes(stats.week.stretch)),
        row("Heat", minutes(stats.week.heat)),
        row("Posture breaks", minutes(stats.week.posture_break)),
        row("Breaks taken", format!("{:>4} of {}", taken, week.len())),
    ])
}

/// Per routine: sessions and the average pain before → after.
fn effects(library: &Library, stats: &HistoryStats, width: u16, t: &Theme) -> Text<'static> {
    let mut lines = vec![Line::default()];
    if stats.routines.is_empty() {
        lines.push(Line::styled(
            "No sessions yet. Finish or stop a routine and it shows up here.",
            t.muted(),
        ));
        return Text::from(lines);
    }
    lines.push(Line::styled(
        "What helps: average pain before → after each routine",
        t.title(),
    ));
    let name_width = usize::from(width.saturating_sub(36)).clamp(10, 26);
    // Routines never rated (posture breaks ask no rating; a rating can be skipped) would only
    // say "no pain ratings": they are counted in one line instead.
    let unrated = stats.routines.iter().filter(|e| e.rated == 0).count();
    for effect in stats.routines.iter().filter(|e| e.rated > 0) {
        let name = library
            .get(&effect.routine)
            .map_or(effect.routine.as_str(), |r| r.name.as_str());
        let name: String = name.chars().take(name_width).collect();
        let mut spans = vec![
            Span::raw(format!(" {name:<name_width$}")),
            Span::styled(format!("{:>4}×  ", effect.sessions), t.muted()),
        ];
        spans.extend(change(effect, t));
        lines.push(Line::from(spans));
    }
    if unrated > 0 {
        lines.push(Line::styled(
            format!(
                " {unrated} more routine{} without pain ratings",
                if unrated == 1 { "" } else { "s" }
            ),
            t.muted(),
        ));
    }
    Text::from(lines)
}

fn change(effect: &RoutineEffect, t: &Theme) -> Vec<Span<'static>> {
    if effect.change().is_none() {
        return vec![Span::styled("no pain ratings", t.muted())];
    }
    // The change is worked out from the numbers as shown, so that a person can check it:
    // 4.2 → 3.5 is -0.7.
    let tenths = |x: f32| (x * 10.0).round() as i32;
    let (before, after) = (tenths(effect.before), tenths(effect.after));
    let numbers = format!(
        "{:.1} → {:.1}",
        f64::from(before) / 10.0,
        f64::from(after) / 10.0
    );
    let change = (after - before) as f32 / 10.0;
    let (text, style) = if effect.rated < TOO_FEW {
        // The report's threshold: fewer rated sessions say nothing about the change.
        ("  too few to tell".to_owned(), t.muted())
    } else if change <= -NOTICEABLE {
        (format!("  {change:+.1} a clear drop"), t.good())
    } else if change >= NOTICEABLE {
        (format!("  {change:+.1} pain went up"), t.caution())
    } else if change.abs() < 0.05 {
        ("  no change".to_owned(), t.muted())
    } else {
        (format!("  {change:+.1}"), t.muted())
    };
    let rated = if effect.rated < TOO_FEW {
        format!("  ({} of {TOO_FEW} rated)", effect.rated)
    } else {
        format!("  ({} rated)", effect.rated)
    };
    vec![
        Span::raw(numbers),
        Span::styled(text, style),
        Span::styled(rated, t.muted()),
    ]
}

#[cfg(test)]
mod tests {
    use super::streak_line;

    #[test]
    fn a_narrow_streak_line_drops_whole_parts() {
        assert_eq!(
            streak_line(3, 12, 85, 40),
            "Streak 3 days (best 12) · week 85 min"
        );
        assert_eq!(
            streak_line(3, 12, 85, 33),
            "Streak 3 days (best 12) · 85 min"
        );
        assert_eq!(streak_line(1, 12, 85, 24), "Streak 1 day (best 12)");
        assert_eq!(streak_line(3, 12, 85, 20), "Streak 3 (best 12)");
        assert_eq!(streak_line(3, 12, 85, 10), "Streak 3");
    }
}
