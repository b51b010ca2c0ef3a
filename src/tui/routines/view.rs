//! The Routines screen: routines grouped by kind and phase, broken files at the end with their errors, and
//! a detail pane for the highlighted one (steps, total time, cautions, where it came from).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Padding, Paragraph, Widget};

use super::{Entry, RoutinesTab};
use crate::config::PlanEntry;
use crate::duration::{Clock, Compact};
use crate::flags::Flags;
use crate::history::SessionRecord;
use crate::routine::phase::Phase;
use crate::routine::{BrokenRoutine, Library, Routine};
use crate::routine::{Sides, Step, Work};
use crate::tui::programme::ProgrammeView;
use crate::tui::theme::Theme;
use crate::tui::widgets::Detail;
use crate::tui::widgets::detail::hanging;

/// The Routines screen, drawn from its state and what Today reads.
pub struct RoutinesScreen<'a> {
    /// The highlight and the find field.
    pub tab: &'a RoutinesTab,
    /// Every routine and every broken file.
    pub library: &'a Library,
    /// The programme, for Today's routines and their dose levels.
    pub programme: &'a ProgrammeView,
    /// Every session, for what is done today and the streak.
    pub sessions: &'a [SessionRecord],
    /// The config's `[[plan]]`, Today's routines without a programme.
    pub plan: &'a [PlanEntry],
    /// The flags, for the hint on leg symptoms.
    pub flags: &'a Flags,
    /// A one-line message over the detail pane (e.g. a history write that failed).
    pub notice: Option<&'a str>,
    /// Today.
    pub today: chrono::NaiveDate,
    /// How far the detail pane is scrolled.
    pub detail_scroll: u16,
    /// Colours.
    pub theme: &'a Theme,
}

impl Widget for &RoutinesScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let (list_area, _) = self.split(area);
        self.render_list(list_area, buf);
        let (detail_area, detail) = self.detail_pane(area);
        detail.render(detail_area, buf);
    }
}

impl<'a> RoutinesScreen<'a> {
    /// Where the list and the detail pane go in `area`.
    fn split(&self, area: Rect) -> (Rect, Rect) {
        if area.width >= 60 {
            let list_width = (area.width * 2 / 5).clamp(28, 40);
            let [l, d] = Layout::horizontal([Constraint::Length(list_width), Constraint::Min(0)])
                .areas(area);
            (l, d)
        } else {
            let list_height = (self.tab.entries(self.library).len() as u16 + 3)
                .min(area.height / 2)
                .max(1);
            let [l, d] =
                Layout::vertical([Constraint::Length(list_height), Constraint::Min(0)]).areas(area);
            (l, d)
        }
    }

    /// The list entry (index into [`RoutinesTab::entries`]) drawn at (`col`, `row`) of `area`.
    pub fn entry_at(&self, area: Rect, col: u16, row: u16) -> Option<usize> {
        let (list, _) = self.split(area);
        if !(list.x..list.right()).contains(&col) || !(list.y..list.bottom()).contains(&row) {
            return None;
        }
        let (lines, selected_line) = self.list_lines(list.width as usize);
        let offset = (selected_line + 1).saturating_sub(list.height as usize);
        lines
            .get(offset + usize::from(row - list.y))
            .and_then(|(_, entry)| *entry)
    }

    /// The detail pane of the highlighted entry in `area`, and where it goes.
    pub fn detail_pane(&self, area: Rect) -> (Rect, Detail<'a>) {
        let (_, detail_area) = self.split(area);
        let block = if area.width >= 60 {
            Block::new()
                .borders(Borders::LEFT)
                .border_style(self.theme.muted())
        } else {
            Block::new()
                .borders(Borders::TOP)
                .border_style(self.theme.muted())
        }
        .padding(Padding::horizontal(1));
        let width = usize::from(block.inner(detail_area).width);
        let mut detail = match self.tab.selected_entry(self.library) {
            Some(Entry::Routine(i)) => self.routine_detail(&self.library.routines[i], width),
            Some(Entry::Broken(i)) => self.broken_detail(&self.library.broken[i]),
            None => Text::from("No routines found."),
        };
        if let Some(notice) = self.notice {
            detail
                .lines
                .insert(0, Line::styled(notice.to_owned(), self.theme.error()));
            detail.lines.insert(1, Line::default());
        }
        let pane = Detail::new(detail, block, self.detail_scroll).bar_style(self.theme.muted());
        (detail_area, pane)
    }

    /// The list's lines, each with the entry it shows (headings have none), and the line of the
    /// highlighted entry.
    fn list_lines(&self, width: usize) -> (Vec<(Line<'static>, Option<usize>)>, usize) {
        let theme = self.theme;
        let mut lines: Vec<(Line<'static>, Option<usize>)> = if self.tab.find.is_active() {
            let cursor = if self.tab.find.typing { "▏" } else { "" };
            let mut found = vec![(
                Line::from(vec![
                    Span::styled("/ ", theme.key()),
                    Span::raw(format!("{}{cursor}", self.tab.find.query)),
                ]),
                None,
            )];
            if self.tab.entries(self.library).is_empty() {
                found.push((
                    Line::styled(" No routine matches; Esc shows all.", theme.muted()),
                    None,
                ));
            }
            found
        } else {
            self.today_lines(width)
                .into_iter()
                .map(|l| (l, None))
                .collect()
        };
        let mut selected_line = 0;
        let mut last_kind = None;
        for (n, entry) in self.tab.entries(self.library).into_iter().enumerate() {
            let line = match entry {
                Entry::Routine(i) => {
                    let r = &self.library.routines[i];
                    let group = (r.kind, Phase::of(r).heading(r.kind));
                    if last_kind.as_ref() != Some(&group) {
                        if last_kind.is_some() {
                            lines.push((Line::default(), None));
                        }
                        lines.push((Line::styled(group.1.clone(), theme.title()), None));
                        last_kind = Some(group);
                    }
                    let time = Clock(r.total()).to_string();
                    let name_width = width.saturating_sub(time.len() + 3);
                    let name: String = r.name.chars().take(name_width).collect();
                    let pad = name_width.saturating_sub(name.chars().count());
                    Line::from(format!(" {name}{} {time} ", " ".repeat(pad)))
                }
                Entry::Broken(i) => {
                    if i == 0 {
                        lines.push((Line::default(), None));
                        lines.push((Line::styled("Broken files", theme.error()), None));
                    }
                    let b = &self.library.broken[i];
                    Line::from(vec![
                        Span::styled(" ✗ ", theme.error()),
                        Span::raw(b.id.clone()),
                    ])
                }
            };
            if n == self.tab.selected {
                selected_line = lines.len();
                lines.push((line.style(theme.selected()), Some(n)));
            } else {
                lines.push((line, Some(n)));
            }
        }
        (lines, selected_line)
    }

    fn render_list(&self, area: Rect, buf: &mut Buffer) {
        let (lines, selected_line) = self.list_lines(area.width as usize);
        let height = area.height as usize;
        let offset = (selected_line + 1).saturating_sub(height);
        let lines: Vec<Line> = lines.into_iter().map(|(l, _)| l).collect();
        Paragraph::new(lines)
            .scroll((offset as u16, 0))
            .render(area, buf);
    }

    /// The "Today" section: the running programme's routines for today with their dose levels (or
    /// the flare plan's, or else the config's `[[plan]]`), done or not yet, and the streak of
    /// days on which all of them were done. Enter starts the highlighted one, which opens on the
    /// first not yet done.
    fn today_lines(&self, width: usize) -> Vec<Line<'static>> {
        let theme = self.theme;
        let day = self.today;
        let programme_day = self.programme.day(day);
        let today = self
            .programme
            .today(self.sessions, day)
            .unwrap_or_else(|| crate::plan::today(self.plan, self.sessions, day));
        let mut heading = match &programme_day {
            Some(d) if d.flare => " · flare plan".to_owned(),
            Some(d) => d.position.map_or(String::new(), |p| {
                format!(" · week {} of {}", p.week, p.weeks)
            }),
            None => String::new(),
        };
        // Symptoms down one leg: point at the routines that keep the knee bent.
        let mut hints = if self.flags.active.iter().any(|f| f.rule.id == LEG_FLAG) {
            hanging(
                " ",
                "Leg symptoms logged: try the Nerve-friendly routines (knee bent, no slump).",
                width,
                theme.caution(),
            )
        } else {
            Vec::new()
        };
        // Under the flare plan, when the pain is severe on its own: see a doctor too.
        if let Some(note) = self.programme.flare_note(self.flags) {
            hints.extend(hanging(" ", note, width, theme.caution()));
        }
        if today.items.is_empty() {
            // A rest day under a programme still says where it is.
            let mut lines = match programme_day {
                Some(_) => vec![Line::from(vec![
                    Span::styled("Today", theme.title()),
                    Span::styled(format!("{heading} · rest day"), theme.muted()),
                ])],
                None => Vec::new(),
            };
            lines.extend(hints);
            if !lines.is_empty() {
                lines.push(Line::default());
            }
            return lines;
        }
        heading.push_str(&match today.streak {
            0 => String::new(),
            1 => " · 1 day in a row".to_owned(),
            n => format!(" · {n} days in a row"),
        });
        let mut lines = vec![Line::from(vec![
            Span::styled("Today", theme.title()),
            Span::styled(heading, theme.muted()),
        ])];
        for item in &today.items {
            let name = self
                .library
                .get(&item.routine)
                .map_or(item.routine.as_str(), |r| r.name.as_str());
            let (mark, state, style) = if item.done {
                ("✓", "done", theme.good())
            } else {
                ("·", "not yet", theme.muted())
            };
            let time = item
                .time
                .map_or(String::new(), |t| format!("{} ", t.format("%H:%M")));
            let level = self
                .programme
                .level(&item.routine, day)
                .map_or(String::new(), |l| format!(" L{l}"));
            let state = format!("{level} {state}").trim_start().to_owned();
            let label = format!(" {mark} {time}{name}");
            let pad = width.saturating_sub(label.chars().count() + state.chars().count() + 1);
            lines.push(Line::from(vec![
                Span::styled(label, style),
                Span::raw(" ".repeat(pad)),
                Span::styled(state, style),
            ]));
        }
        lines.extend(hints);
        lines.push(Line::default());
        lines
    }

    fn routine_detail<'b>(&self, r: &'b Routine, width: usize) -> Text<'b> {
        let theme = self.theme;
        let mut lines = vec![Line::styled(r.name.as_str(), theme.title())];
        if !r.summary.is_empty() {
            lines.push(Line::from(r.summary.as_str()));
        }
        lines.push(Line::default());
        let mut facts = format!(
            "{} · {} · {} step{}",
            r.kind.id(),
            Clock(r.total()),
            r.steps.len(),
            if r.steps.len() == 1 { "" } else { "s" }
        );
        if let Some(every) = r.every {
            facts.push_str(&format!(" · offered every {}", Compact(every)));
        }
        lines.push(Line::styled(facts, theme.muted()));
        let mut from = r.origin.label();
        if !r.source.is_empty() {
            from = format!("{from} · {}", r.source);
        }
        lines.push(Line::styled(format!("From: {from}"), theme.muted()));
        lines.push(Line::default());
        lines.push(Line::styled("Steps", theme.title()));
        for (i, step) in r.steps.iter().enumerate() {
            lines.push(Line::from(vec![
                Span::raw(format!("{:>2}. {}", i + 1, step.name)),
                Span::styled(format!("  {}", describe_step(step)), theme.muted()),
            ]));
        }
        if !r.cautions.is_empty() {
            lines.push(Line::default());
            lines.push(Line::styled("Before you start", theme.caution()));
            for caution in &r.cautions {
                lines.extend(hanging(" • ", caution, width, Style::new()));
            }
        }
        Text::from(lines)
    }

    fn broken_detail<'b>(&self, b: &'b BrokenRoutine) -> Text<'b> {
        let theme = self.theme;
        let mut lines = vec![
            Line::styled(format!("{} could not be loaded", b.id), theme.error()),
            Line::styled(b.origin.label(), theme.muted()),
            Line::default(),
            Line::from("Fix the errors below, then restart knotless (or run `knotless check`)."),
            Line::default(),
        ];
        for error in &b.errors {
            lines.extend(error.to_string().lines().map(|l| Line::from(l.to_owned())));
            lines.push(Line::default());
        }
        Text::from(lines)
    }
}

/// The red flag for symptoms down one leg (a trapped nerve): the nerve-friendly routines are
/// the ones to reach for.
const LEG_FLAG: &str = "one-leg";

/// A step in a few words: "30s each side × 2 sets", "10 reps at 3s", "8 reps".
pub fn describe_step(step: &Step) -> String {
    let mut text = match step.work {
        Work::Hold(d) => Compact(d).to_string(),
        Work::Reps { count, tempo: None } => format!("{count} reps"),
        Work::Reps {
            count,
            tempo: Some(t),
        } => format!("{count} reps at {}", Compact(t)),
    };
    if step.sides == Sides::LeftRight {
        text.push_str(" each side");
    }
    if step.sets > 1 {
        text.push_str(&format!(" × {} sets", step.sets));
    }
    text
}
