//! The programme as drawn: its lines on the History tab (the week, dose changes, the flare
//! plan) and its question over the Routines tab.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Borders, Padding, Paragraph, Widget, Wrap};

use super::{ProgrammeView, Prompt};
use crate::flags::Flags;
use crate::history::SessionRecord;
use crate::programme::hold;
use crate::programme::offer;
use crate::programme::state::{Direction, ProgrammeRecord};
use crate::programme::{Decision, schedule};
use crate::symptoms::SymptomEntry;
use crate::tui::theme::Theme;
use crate::tui::widgets::detail::hanging;
use crate::tui::widgets::popup;

impl ProgrammeView {
    /// The History tab's programme section: the programme, the week, and the recent sessions
    /// under it with their week and level, and every dose change since it started with its
    /// reason, newest first, wrapped to `width`.
    pub fn history_lines(
        &self,
        sessions: &[SessionRecord],
        today: NaiveDate,
        width: usize,
        t: &Theme,
    ) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        let Some(p) = schedule::running(&self.programmes, &self.state) else {
            return lines;
        };
        let Some(active) = &self.state.active else {
            return lines;
        };
        let pos = schedule::position(p, active.start_date, today);
        lines.push(Line::default());
        lines.push(Line::styled(
            format!(
                "{} · week {} of {}{}",
                p.name,
                pos.week,
                pos.weeks,
                if self.state.flare.is_some() {
                    " · flare plan on"
                } else {
                    ""
                }
            ),
            t.title(),
        ));
        let mut recent: Vec<&SessionRecord> = sessions
            .iter()
            .filter(|s| s.started >= active.started_at)
            .collect();
        recent.sort_by_key(|s| std::cmp::Reverse(s.started));
        for s in recent.into_iter().take(5) {
            let Some((week, level)) =
                schedule::session_context(&self.programmes, &self.records, &s.routine, s.started)
            else {
                continue;
            };
            let name = self
                .written
                .get(&s.routine)
                .map_or(s.routine.as_str(), |r| r.name.as_str());
            lines.push(Line::from(vec![
                Span::raw(format!(" {} ", s.started.format("%a %-d %b"))),
                Span::raw(name.to_owned()),
                Span::styled(format!(" · week {week} · level {level}"), t.muted()),
            ]));
        }
        // Every dose change since the programme started, newest first, each wrapped whole (flare
        // records and the rest never push one out).
        let changes = self.records.iter().rev().filter_map(|r| match r {
            ProgrammeRecord::Dose(d)
                if d.programme == active.programme && d.at >= active.started_at =>
            {
                Some(d)
            }
            _ => None,
        });
        let mut any = false;
        for d in changes {
            if !any {
                lines.push(Line::styled(" Dose changes", t.muted()));
                any = true;
            }
            let name = self
                .written
                .get(&d.routine)
                .map_or(d.routine.as_str(), |r| r.name.as_str());
            let what = match d.direction {
                Direction::Up => format!("up to level {}", d.to),
                Direction::Stay => format!("stayed at level {}", d.to),
                Direction::Down => format!("back to level {}", d.to),
            };
            lines.extend(hanging(
                " ",
                &format!("{} {name} {what}: {}", d.at.format("%-d %b"), d.reason),
                width,
                t.muted(),
            ));
        }
        lines
    }
}

impl ProgrammeView {
    /// Why the dose of each routine done under the programme stays where it is — what
    /// `knotless programme status` says — one wrapped line each under the History tab's
    /// programme section. An offer or a step back is not listed: the app asks or applies it right
    /// after the session.
    pub fn dose_lines(
        &self,
        sessions: &[SessionRecord],
        entries: &[SymptomEntry],
        flags: &Flags,
        today: NaiveDate,
        width: usize,
        t: &Theme,
    ) -> Vec<Line<'static>> {
        let Some(active) = &self.state.active else {
            return Vec::new();
        };
        let logged: Vec<_> = entries.iter().map(|e| (e.at, e.pain)).collect();
        let decisions = offer::decide_all(offer::Inputs {
            programmes: &self.programmes,
            routines: &self.written,
            state: &self.state,
            sessions,
            today,
            limits: self.limits,
            flags: hold::flag_hold(flags),
            logged: &logged,
        });
        decisions
            .into_iter()
            .filter(|d| {
                sessions
                    .iter()
                    .any(|s| s.routine == d.routine && s.started >= active.started_at)
            })
            .filter_map(|d| match &d.decision {
                Decision::Stay { reason } => Some(hanging(
                    " ",
                    &format!("{} · level {}: {reason}.", d.name, d.level),
                    width,
                    t.muted(),
                )),
                _ => None,
            })
            .flatten()
            .collect()
    }
}

/// The first waiting question, drawn over the screen.
pub struct PromptOverlay<'a> {
    /// The question.
    pub prompt: &'a Prompt,
    /// Its keys, as the keymap has them (`enter go up · esc stay`).
    pub keys: &'a str,
    /// Colours.
    pub theme: &'a Theme,
}

impl Widget for &PromptOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let t = self.theme;
        let keys = self.keys;
        let (title, body): (&str, Vec<Line>) = match self.prompt {
            Prompt::Offer(d) => {
                let (to, change, reason) = match &d.decision {
                    Decision::Offer { to, change, reason } => {
                        (*to, change.label(), reason.as_str())
                    }
                    _ => (d.level, "", ""),
                };
                (
                    "Ready for a little more?",
                    vec![
                        Line::styled(format!("{}: level {} → {to}", d.name, d.level), t.title()),
                        Line::from(format!("Next time: {change}.")),
                        Line::default(),
                        Line::styled(format!("Why: {reason}."), t.muted()),
                    ],
                )
            }
            Prompt::SteppedBack { name, to, reason } => (
                "The dose stepped back",
                vec![
                    Line::styled(format!("{name}: back to level {to}"), t.title()),
                    Line::default(),
                    Line::styled(format!("Why: {reason}."), t.muted()),
                ],
            ),
            Prompt::Flare {
                reason,
                see_a_doctor,
                ..
            } => {
                let mut body = vec![
                    Line::styled(format!("Because {reason}."), t.title()),
                    Line::from(
                        "Short, gentle routines every day, instead of your usual ones, until the pain has settled on two days.",
                    ),
                    Line::default(),
                ];
                if let Some(note) = see_a_doctor {
                    body.push(Line::styled(*note, t.caution()));
                }
                body.push(Line::styled(
                    "Stop, and see a doctor, if pain spreads into a leg or gets worse or severe.",
                    t.caution(),
                ));
                ("A flare plan for the next days?", body)
            }
            Prompt::FlareOver { reason } => (
                "The flare plan is over",
                vec![Line::styled(format!("{reason}."), t.title())],
            ),
        };
        let width = area.width.min(60);
        let inner = usize::from(width.saturating_sub(4)).max(1);
        let mut text = Text::from(body);
        text.lines.push(Line::default());
        text.lines.push(Line::styled(keys, t.key()));
        let rows: usize = text
            .lines
            .iter()
            .map(|l| l.width().max(1).div_ceil(inner))
            .sum();
        let height = (u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2)).min(area.height);
        let rect = popup(area, width, height, buf);
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(
                Block::new()
                    .borders(Borders::ALL)
                    .border_type(BorderType::Rounded)
                    .title(format!(" {title} "))
                    .title_style(t.title())
                    .padding(Padding::horizontal(1)),
            )
            .render(rect, buf);
    }
}
