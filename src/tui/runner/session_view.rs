//! The timed session as drawn: the big countdown, the gauges, side and set, the cue, the pose
//! drawing, what comes next, and the skin check over it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Padding, Paragraph, Widget, Wrap};

use crate::duration::Clock;
use crate::routine::Kind;
use crate::routine::plan::PhaseKind;
use crate::session::Session;
use crate::tui::widgets::{BigText, big_text};

use super::view::{RunnerScreen, bar};
use super::words::{
    clock_text, drawing, notice_text, phase_label, phase_title, position_label, round_up,
};

impl RunnerScreen<'_> {
    pub(super) fn running(&self, session: &Session, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let now = self.now;
        let routine = &self.runner.routine;
        let Some(phase) = session.current() else {
            return;
        };
        let step = &routine.steps[phase.step];
        let compact = area.height < 18 || area.width < 56;

        // Title: what to do now, and where in the step.
        let mut title = vec![Span::styled(phase_title(routine, phase), t.title())];
        if session.is_paused() {
            title.push(Span::styled("  PAUSED", t.caution()));
        }
        let position = position_label(routine, phase);

        let clock_text = clock_text(session, phase, now, step.work);
        let art_text = drawing(routine, session, phase);
        let art = art_text.as_ref().filter(|_| !compact && area.width >= 72);
        let art_width = art.map_or(0, |a| {
            a.lines().map(|l| l.chars().count()).max().unwrap_or(0) as u16 + 4
        });

        // Banner: a refused key or shortened heat outranks the halfway mark, the next skin
        // check and the reps hint.
        let heat_hold = phase.kind == PhaseKind::Work && step.check_every.is_some();
        let banner_line = if self.runner.confirm_stop {
            Line::styled(
                "Stop this session? What you have done is saved. y stop · any other key goes on",
                t.caution(),
            )
        } else if let Some(notice) = self.runner.notice_at(now) {
            Line::styled(notice_text(notice), t.caution())
        } else if self.runner.halfway_until.is_some_and(|u| u > now) {
            Line::styled("Halfway there. Keep breathing.", t.good())
        } else if heat_hold && routine.kind == Kind::Heat {
            match session.next_skin_check(now) {
                Some(until) => Line::styled(
                    format!("Next skin check in {}", Clock(round_up(until))),
                    t.muted(),
                ),
                None => Line::styled(
                    "No more skin checks: take the pack off when the time is up.",
                    t.muted(),
                ),
            }
        } else if phase.kind == PhaseKind::Work && phase.duration.is_none() {
            Line::styled("Press Enter when you have done them all.", t.caution())
        } else {
            Line::default()
        };
        // A long note takes two rows when it would not fit in one and there is room.
        let banner_rows = if banner_line.width() > usize::from(area.width) && area.height >= 8 {
            2
        } else {
            1
        };
        let [head, main, banner, routine_gauge, next] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(if compact { 3 } else { 9 }),
            Constraint::Length(banner_rows),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        // The side label keeps its place; a long step name is cut before it, never under it.
        // Where even a short name would not fit beside it, the label goes.
        let position_width = position.chars().count() as u16;
        let shows_position = head.width >= position_width + 1 + 8;
        let title_width = if shows_position {
            head.width - position_width - 1
        } else {
            head.width
        };
        let title = Line::from(title);
        if title.width() > usize::from(title_width) && title_width > 1 {
            title.render(
                Rect {
                    width: title_width - 1,
                    ..head
                },
                buf,
            );
            buf.set_string(head.x + title_width - 1, head.y, "…", t.title());
        } else {
            title.render(
                Rect {
                    width: title_width,
                    ..head
                },
                buf,
            );
        }
        if shows_position {
            Line::styled(position.clone(), t.muted())
                .right_aligned()
                .render(head, buf);
        }

        let [left, right] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(art_width)]).areas(main);
        // Large terminals get larger digits: twice the font from 40 rows, three times from 56,
        // as far as the width allows (BigText falls back to a smaller scale on its own).
        let scale = if compact {
            1
        } else {
            (1 + area.height.saturating_sub(24) / 16).clamp(1, 3)
        };
        let clock_rows = if compact {
            1
        } else {
            big_text::HEIGHT * scale + 1
        };
        let [label, clock, gauge, cue] = Layout::vertical([
            Constraint::Length(if compact { 0 } else { 1 }),
            Constraint::Length(clock_rows),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(left);
        let longer = self.runner.lengthened.contains(&phase.step);
        let elapsed = session.elapsed(now);
        Line::styled(phase_label(phase, step.work, longer, elapsed), t.muted())
            .centered()
            .render(label, buf);
        let style = t.clock(session.is_paused());
        if compact {
            let label = phase_label(phase, step.work, longer, elapsed);
            Line::from(vec![
                Span::styled(format!("{label}  "), t.muted()),
                Span::styled(clock_text.clone(), style),
            ])
            .centered()
            .render(clock, buf);
        } else {
            (&BigText::new(&clock_text, style).scale(scale)).render(clock, buf);
        }
        if let Some(total) = phase.duration {
            let elapsed = session.elapsed(now).min(total);
            bar(
                session.phase_progress(now),
                format!("{} / {}", Clock(elapsed), Clock(total)),
                t,
            )
            .render(gauge, buf);
        }
        let cue_text = match phase.kind {
            PhaseKind::Work => step.cue.clone(),
            PhaseKind::Prepare => format!("Get into position for {}. {}", step.name, step.cue),
            PhaseKind::SwitchSides => format!("Change to the right side. {}", step.cue),
            PhaseKind::Rest => "Breathe slowly and let your back relax.".to_owned(),
        };
        let mut cue_lines = vec![Line::from(cue_text)];
        // Posture breaks have no briefing: their cautions stay in view on every step.
        if routine.kind == Kind::PostureBreak && phase.kind != PhaseKind::Rest {
            for caution in &routine.cautions {
                cue_lines.push(Line::default());
                cue_lines.push(Line::styled(caution.as_str(), t.caution()));
            }
        }
        Paragraph::new(cue_lines)
            .wrap(Wrap { trim: true })
            .block(Block::new().padding(Padding::new(1, 1, u16::from(!compact), 0)))
            .render(cue, buf);
        if let Some(art) = art {
            Paragraph::new(art.as_str())
                .block(
                    Block::bordered()
                        .border_type(BorderType::Rounded)
                        .border_style(t.muted())
                        .padding(Padding::horizontal(1)),
                )
                .render(right, buf);
        }

        Paragraph::new(banner_line.centered())
            .wrap(Wrap { trim: true })
            .render(banner, buf);

        let label = format!(
            "step {}/{} · {} left",
            phase.step + 1,
            routine.steps.len(),
            Clock(session.routine_remaining(now))
        );
        bar(session.routine_progress(now), label, t).render(routine_gauge, buf);
        let next_text = match session.next_work() {
            Some(n) => {
                let mut text = format!("Next: {}", routine.steps[n.step].name);
                if let Some(side) = n.side.label() {
                    text.push_str(&format!(" · {side}"));
                }
                text
            }
            None => "Next: done".to_owned(),
        };
        Line::styled(next_text, t.muted()).render(next, buf);

        if self.runner.skin_prompt.is_some() {
            let below_head = Rect {
                y: area.y + 1,
                height: area.height.saturating_sub(1),
                ..area
            };
            self.skin_check(session, main, below_head, buf);
        }
    }

    /// The skin-check box: what to look for, the two answers, and the heat still counting. It
    /// takes the place of the clock, cue and drawing (`main`), or everything below the title
    /// (`most`) when `main` is too small for it.
    fn skin_check(&self, session: &Session, main: Rect, most: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let now = self.now;
        let key = |k: &'static str| Span::styled(format!("{k:<7}"), t.key());
        let short = vec![
            Line::styled(
                "Lift the pack: is the skin very red, blotchy, blistered or sore?",
                t.caution(),
            ),
            Line::from(vec![Span::raw("  "), key("q"), Span::raw("stop the heat")]),
            Line::from(vec![Span::raw("  "), key("enter"), Span::raw("skin OK")]),
        ];
        let mut full = short.clone();
        full.push(Line::default());
        full.push(Line::styled(
            format!(
                "The heat keeps counting: {} left.",
                Clock(round_up(session.remaining(now).unwrap_or_default()))
            ),
            t.muted(),
        ));
        if let Some(until) = session.next_skin_check(now) {
            full.push(Line::styled(
                format!("Next check in {}.", Clock(round_up(until))),
                t.muted(),
            ));
        }
        let rows = |lines: &Vec<Line<'static>>, width: u16| {
            Paragraph::new(lines.clone())
                .wrap(Wrap { trim: false })
                .line_count(width.saturating_sub(4)) as u16
                + 2
        };
        let width = main.width.min(60);
        let (room, lines) = if rows(&full, width) <= main.height {
            (main, full)
        } else if rows(&full, most.width.min(60)) <= most.height {
            (most, full)
        } else {
            (most, short)
        };
        let width = room.width.min(60);
        let height = rows(&lines, width).min(room.height);
        Clear.render(room, buf);
        let popup = room.centered(Constraint::Length(width), Constraint::Length(height));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(
                Block::bordered()
                    .border_type(BorderType::Rounded)
                    .border_style(t.caution())
                    .title(Span::styled(" Skin check ", t.caution()))
                    .padding(Padding::horizontal(1)),
            )
            .render(popup, buf);
    }
}
