//! The runner: cautions or the heat checklist, the pain ratings, the timed session (big
//! countdown, step and routine gauges, side and set, cue, pose drawing, what comes next) and the
//! summary. Two layouts: a roomy one from about 64×18, and a compact one down to the smallest
//! terminals; nothing is drawn outside its area at any size. A skin check is a box over the
//! session that stays until it is answered.

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, LineGauge, Padding, Paragraph, Widget, Wrap};

use crate::duration::Clock;
use crate::flags::Level;
use crate::history::heat::{HeatWait, PER_DAY};
use crate::tui::runner::{Gate, PainInput, Runner, Stage};
use crate::tui::theme::Theme;
use crate::tui::widgets::detail::hanging;
use crate::tui::widgets::{Detail, PainScale};

/// The runner screen, drawn from the runner's state at `now`.
pub struct RunnerScreen<'a> {
    /// The runner.
    pub runner: &'a Runner,
    /// Colours.
    pub theme: Theme,
    /// The moment to draw.
    pub now: Instant,
    /// The configured emergency number, for flag actions.
    pub emergency_number: Option<&'a str>,
}

impl Widget for &RunnerScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let r = self.runner;
        match &r.stage {
            Stage::Gate(gate) => self.gate(gate, area, buf),
            Stage::Briefing {
                checked,
                cursor,
                incomplete,
            } => self.briefing(checked, *cursor, *incomplete, area, buf),
            Stage::PainBefore(input) => self.pain(
                &[
                    "How does your back feel right now?",
                    "How is your back now?",
                ],
                input,
                area,
                buf,
            ),
            Stage::Running(session) => self.running(session, area, buf),
            Stage::PainAfter(input, _) => self.pain(
                &["And now, after the session?", "And now?"],
                input,
                area,
                buf,
            ),
            Stage::Summary(summary) => self.summary(summary, area, buf),
        }
    }
}

impl RunnerScreen<'_> {
    /// Red flags before a routine of a kind they hold back; refused for an emergency or for
    /// heat on numb skin.
    fn gate(&self, gate: &Gate, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let r = &self.runner.routine;
        let mut lines = vec![Line::styled(r.name.as_str(), t.title()), Line::default()];
        if gate.numb_skin.is_some() || gate.heat_rest.is_some() {
            lines.push(Line::styled(
                "Heat is not offered right now",
                t.level_text(Level::Urgent),
            ));
        }
        if let Some(rest) = gate.heat_rest {
            lines.push(Line::from(match rest.wait {
                HeatWait::TooSoon(ended) => format!(
                    "Your last heat session ended at {}. Skin needs at least an hour without \
                     heat between sessions, to cool down and recover.",
                    ended.format("%H:%M")
                ),
                HeatWait::DailyLimit => format!(
                    "You have used heat {} times today, the most for one day: more heat would \
                     risk burns and irritated skin.",
                    ["no", "one", "two", "three"]
                        .get(PER_DAY)
                        .unwrap_or(&"several")
                ),
            }));
            lines.push(Line::styled(
                format!(
                    "Heat is next available at {}.",
                    rest.until.format("%H:%M on %a %-d %b")
                ),
                t.title(),
            ));
            lines.push(Line::default());
        }
        if let Some(at) = gate.numb_skin {
            lines.push(Line::from(format!(
                "You logged numbness or tingling on {}. Skin that is numb cannot feel when it is \
                 getting too hot, so a heat pack could burn it. Heat comes back once nothing of \
                 the kind has been logged for {} days.",
                at.format("%a %-d %b"),
                crate::flags::rules::DEFAULT_WITHIN_DAYS
            )));
            lines.push(Line::default());
        }
        for flag in &gate.flags {
            lines.push(Line::styled(
                format!(
                    "{}: {}",
                    flag.rule.level.id().to_uppercase(),
                    flag.rule.title
                ),
                t.level_text(flag.rule.level),
            ));
            lines.push(Line::from(flag.rule.action_text(self.emergency_number)));
            lines.push(Line::default());
        }
        if gate.flags.iter().any(|f| f.rule.level == Level::Emergency) {
            lines.push(Line::styled(
                "This routine will not start while an emergency flag is active: this is the time \
                 to get help, not to stretch. If you have had it checked, press ! and mark it.",
                t.error(),
            ));
        } else if !gate.refuses() {
            lines.push(Line::styled(
                "These flags hold this kind of routine back. If you have had them checked and \
                 still want to go ahead, press enter; stop if anything gets worse.",
                t.caution(),
            ));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::new().padding(Padding::horizontal(1)))
            .render(area, buf);
    }

    fn briefing(
        &self,
        checked: &[bool],
        cursor: usize,
        incomplete: bool,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let t = &self.theme;
        let r = &self.runner.routine;
        // Wrapped here, a line per row, so the highlighted item's rows are known exactly.
        let width = usize::from(area.width.saturating_sub(2)).max(10);
        let plain = ratatui::style::Style::new();
        let mut lines = vec![Line::styled(r.name.as_str(), t.title())];
        if !r.summary.is_empty() {
            lines.extend(hanging("", &r.summary, width, plain));
        }
        lines.push(Line::default());
        // What was fitted to this person comes first, where it is seen before anything scrolls.
        let care = super::care::briefing(r, &self.runner.care);
        if !care.is_empty() {
            lines.push(Line::styled("Fitted to your profile", t.caution()));
            for note in &care {
                lines.extend(hanging(" • ", note, width, plain));
            }
            lines.push(Line::default());
        }
        // The rows to keep in view: the highlighted checklist item, or the reason Enter did
        // not start.
        let mut focus = 0..0;
        if self.runner.is_checklist() {
            lines.extend(hanging(
                "",
                "Safety checklist: tick each item with space once it is true for you",
                width,
                t.caution(),
            ));
            let items = &self.runner.briefing_items;
            for (i, (caution, &done)) in items.iter().zip(checked).enumerate() {
                let mark = if done { "[x] " } else { "[ ] " };
                let style = if i == cursor { t.selected() } else { plain };
                let first = lines.len();
                lines.extend(hanging(mark, caution, width, style));
                if i == cursor {
                    focus = first..lines.len();
                }
            }
            // The hint goes once every item is ticked.
            if incomplete && !checked.iter().all(|&c| c) {
                lines.push(Line::default());
                let first = lines.len();
                lines.extend(hanging(
                    "",
                    "Tick every item before heating: each one prevents burns.",
                    width,
                    t.error(),
                ));
                focus = first..lines.len();
            }
        } else if !self.runner.briefing_items.is_empty() {
            lines.push(Line::styled("Before you start", t.caution()));
            for caution in &self.runner.briefing_items {
                lines.extend(hanging(" • ", caution, width, plain));
            }
        }
        if !self.runner.care.lengthened.is_empty() {
            lines.push(Line::default());
            lines.extend(hanging(
                "",
                &format!(
                    "Holds shorter than 30 seconds last 30 seconds here ({}): from 65, muscles \
                     need a longer hold to ease.",
                    self.runner
                        .care
                        .lengthened
                        .iter()
                        .filter_map(|&i| r.steps.get(i).map(|s| s.name.as_str()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                width,
                t.caution(),
            ));
        }
        if self.runner.nothing_left() {
            lines.push(Line::default());
            let first = lines.len();
            lines.extend(hanging(
                "",
                "Nothing in this routine is left to do for you. Press enter to go back and \
                 choose another one.",
                width,
                t.error(),
            ));
            focus = first..lines.len();
        }
        lines.push(Line::default());
        lines.push(Line::styled(
            format!(
                "{} · {} step{}",
                Clock(r.total()),
                r.steps.len(),
                if r.steps.len() == 1 { "" } else { "s" }
            ),
            t.muted(),
        ));
        // Scrolled just enough that the focus rows (and the row after them) are in view; a
        // scrollbar says there is more.
        let height = usize::from(area.height);
        let offset = (focus.end + 1).saturating_sub(height).min(focus.start);
        Detail::new(
            lines,
            Block::new().padding(Padding::horizontal(1)),
            offset as u16,
        )
        .bar_style(t.muted())
        .render(area, buf);
    }

    /// The pain question (in the first of `questions` that fits) and the scale.
    fn pain(&self, questions: &[&str], input: &PainInput, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let [_, q, _, scale, _, hint] = Layout::vertical([
            Constraint::Percentage(30),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(2),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        Line::styled(fitting(questions, area.width), t.title())
            .centered()
            .render(q, buf);
        PainScale {
            value: input.value,
            theme: *t,
        }
        .render(scale, buf);
        let hints = [
            "0 is no pain, 10 the worst you can imagine",
            "0 is no pain, 10 the worst imaginable",
            "0 no pain, 10 the worst",
            "0 none, 10 worst",
        ];
        Line::styled(fitting(&hints, area.width), t.muted())
            .centered()
            .render(hint, buf);
    }
}

/// The first of `texts` (longest first) that fits in `width` columns, or the last.
pub(super) fn fitting<'a>(texts: &[&'a str], width: u16) -> &'a str {
    texts
        .iter()
        .copied()
        .find(|text| Line::raw(*text).width() <= usize::from(width))
        .or_else(|| texts.last().copied())
        .unwrap_or_default()
}

/// A one-line progress bar that reads without colour: thick for done, thin for to do.
pub(super) fn bar<'a>(ratio: f64, label: String, t: &Theme) -> LineGauge<'a> {
    LineGauge::default()
        .ratio(ratio.clamp(0.0, 1.0))
        .label(label)
        .filled_symbol("━")
        .unfilled_symbol("─")
        .filled_style(t.gauge())
        .unfilled_style(t.muted())
}
