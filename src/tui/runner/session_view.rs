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
use crate::tui::widgets::detail::shorten;
use crate::tui::widgets::{BigText, big_text};

use super::view::{RunnerScreen, bar};
use super::words::{
    clock_text, drawing, in_few_words, in_words, notice_short, notice_text, phase_label,
    phase_title, position_labels, round_up,
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
        let paused = if session.is_paused() { "  PAUSED" } else { "" };

        let clock_text = clock_text(session, phase, now, step.work);
        let art_text = drawing(routine, session, phase);
        let art = art_text.as_ref().filter(|_| !compact && area.width >= 72);
        let art_width = art.map_or(0, |a| {
            a.lines().map(|l| l.chars().count()).max().unwrap_or(0) as u16 + 4
        });

        // Banner: a refused key or shortened heat outranks the halfway mark, the next skin
        // check and the reps hint. Each has shorter words for a narrow terminal.
        let heat_hold = phase.kind == PhaseKind::Work && step.check_every.is_some();
        let (banner_text, banner_short, banner_style) = if self.runner.confirm_stop {
            (
                "Stop this session? What you have done is saved. y stop · any other key goes on"
                    .to_owned(),
                "Stop? Press y to stop.".to_owned(),
                t.caution(),
            )
        } else if let Some(notice) = self.runner.notice_at(now) {
            (notice_text(notice), notice_short(notice), t.caution())
        } else if self.runner.halfway_until.is_some_and(|u| u > now) {
            (
                "Halfway there. Keep breathing.".to_owned(),
                "Halfway there.".to_owned(),
                t.good(),
            )
        } else if heat_hold && routine.kind == Kind::Heat {
            match session.next_skin_check(now) {
                Some(until) => (
                    format!("Next skin check in {}", Clock(round_up(until))),
                    format!("Skin check in {}", Clock(round_up(until))),
                    t.muted(),
                ),
                None => (
                    "No more skin checks: take the pack off when the time is up.".to_owned(),
                    "No more skin checks.".to_owned(),
                    t.muted(),
                ),
            }
        } else if phase.kind == PhaseKind::Work && phase.duration.is_none() {
            (
                "Press Enter when you have done them all.".to_owned(),
                "Press Enter when done.".to_owned(),
                t.caution(),
            )
        } else {
            (String::new(), String::new(), t.muted())
        };
        // A long note takes two rows when it would not fit in one and there is room; shorter
        // words when it would not fit in those.
        let width_of = |text: &str| Line::raw(text).width();
        let banner_rows = if width_of(&banner_text) > usize::from(area.width) && area.height >= 8 {
            2
        } else {
            1
        };
        let banner_fits = Paragraph::new(banner_text.as_str())
            .wrap(Wrap { trim: true })
            .line_count(area.width)
            <= usize::from(banner_rows);
        let banner_line = Line::styled(
            if banner_fits {
                banner_text
            } else {
                banner_short
            },
            banner_style,
        );
        // On the smallest terminals the routine's gauge and an empty banner give their rows to
        // the cue.
        let tiny = area.height < 8;
        let banner_rows = if tiny && banner_line.width() == 0 {
            0
        } else {
            banner_rows
        };
        let [head, main, banner, routine_gauge, next] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(if compact { 3 } else { 9 }),
            Constraint::Length(banner_rows),
            Constraint::Length(u16::from(!tiny)),
            Constraint::Length(1),
        ])
        .areas(area);
        // The side label keeps its place; a long step name is cut before it, never under it.
        // The title shortens first: the phase and the step ("Get ready: Pelvic tilt"), then the
        // step alone (the label by the clock names the phase); then the side label ("Left ·
        // set 1/2", "Left · 1/2", "L 1/2"); then the step's words are cut. Where even a short
        // name would not fit beside the label, the label goes. "PAUSED" stays.
        let full = phase_title(routine, phase);
        let short = match phase.kind {
            PhaseKind::Rest => full.clone(),
            _ => step.name.clone(),
        };
        let title_room = |position: &str| {
            let used = if position.is_empty() {
                0
            } else {
                width_of(position) + 1
            };
            usize::from(head.width)
                .saturating_sub(used)
                .saturating_sub(paused.len())
        };
        let positions = position_labels(routine, phase);
        let (title_text, position) = if width_of(&full) <= title_room(&positions[0]) {
            (full, positions[0].clone())
        } else if let Some(position) = positions.iter().find(|p| width_of(&short) <= title_room(p))
        {
            (short, position.clone())
        } else {
            let tiny = positions[2].clone();
            let position = if usize::from(head.width) >= width_of(&tiny) + 1 + 8 {
                tiny
            } else {
                String::new()
            };
            (shorten(&short, title_room(&position)), position)
        };
        Line::from(vec![
            Span::styled(title_text, t.title()),
            Span::styled(paused, t.caution()),
        ])
        .render(head, buf);
        if !position.is_empty() {
            Line::styled(position, t.muted())
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
            // A counted step has no gauge: on a small terminal its row goes to the cue.
            Constraint::Length(u16::from(!compact || phase.duration.is_some())),
            Constraint::Min(0),
        ])
        .areas(left);
        let longer = self.runner.care.lengthened.contains(&phase.step);
        let elapsed = session.elapsed(now);
        Line::styled(phase_label(phase, step.work, longer, elapsed), t.muted())
            .centered()
            .render(label, buf);
        let style = t.clock(session.is_paused());
        if compact {
            let label = phase_label(phase, step.work, longer, elapsed);
            // Counted reps: "8 reps" says the number once.
            let line = if phase.duration.is_none() {
                Line::styled(label, style)
            } else {
                Line::from(vec![
                    Span::styled(format!("{label}  "), t.muted()),
                    Span::styled(clock_text.clone(), style),
                ])
            };
            line.centered().render(clock, buf);
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
        // Without the drawing, its line on the skin-check interval comes under the cue (in its
        // place when there is none).
        if art.is_none()
            && phase.kind == PhaseKind::Work
            && let Some(every) = step.check_every
        {
            let full = format!("Check the skin every {}.", in_words(every));
            let short = format!("Skin check every {}", in_few_words(every));
            let room = usize::from(cue.width.saturating_sub(2));
            let skin = Line::styled(
                if width_of(&full) <= room { full } else { short },
                t.muted(),
            );
            if step.cue.trim().is_empty() {
                cue_lines = vec![skin];
            } else {
                cue_lines.push(skin);
            }
        }
        // Posture breaks have no briefing: what was fitted to the person is said under the
        // step it concerns, and their cautions stay in view on every step.
        if routine.kind == Kind::PostureBreak && phase.kind != PhaseKind::Rest {
            for note in super::care::for_step(routine, &self.runner.care, phase.step) {
                cue_lines.push(Line::default());
                cue_lines.push(Line::styled(note, t.caution()));
            }
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
            // The box holds the drawing and no more, centred in its column: a tall terminal
            // does not draw a tall empty frame.
            let height = (art.lines().count() as u16 + 2).min(right.height);
            let right = right.centered_vertically(Constraint::Length(height));
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
        // The side goes before the step's words are cut.
        let next_text = match session.next_work() {
            Some(n) => {
                let name = &routine.steps[n.step].name;
                let with_side = n.side.label().map(|side| format!("Next: {name} · {side}"));
                match with_side.filter(|text| width_of(text) <= usize::from(next.width)) {
                    Some(text) => text,
                    None => format!(
                        "Next: {}",
                        shorten(name, usize::from(next.width).saturating_sub(6))
                    ),
                }
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
        // The smallest: the question in fewer words; the keys are in the footer.
        let tiny = vec![Line::styled(
            "Lift the pack: skin very red, blistered or sore?",
            t.caution(),
        )];
        let rows = |lines: &Vec<Line<'static>>, width: u16| {
            Paragraph::new(lines.clone())
                .wrap(Wrap { trim: false })
                .line_count(width.saturating_sub(4)) as u16
                + 2
        };
        let width = main.width.min(60);
        let most_width = most.width.min(60);
        let (room, lines) = if rows(&full, width) <= main.height {
            (main, full)
        } else if rows(&full, most_width) <= most.height {
            (most, full)
        } else if rows(&short, most_width) <= most.height {
            (most, short)
        } else {
            (most, tiny)
        };
        // Without its last lines the box still says how much heat is left.
        let counting = lines.len() < 4;
        let width = room.width.min(60);
        let height = rows(&lines, width).min(room.height);
        Clear.render(room, buf);
        let popup = room.centered(Constraint::Length(width), Constraint::Length(height));
        let mut block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(t.caution())
            .title(Span::styled(" Skin check ", t.caution()))
            .padding(Padding::horizontal(1));
        if counting {
            block = block.title_bottom(
                Line::styled(
                    format!(
                        " {} left ",
                        Clock(round_up(session.remaining(now).unwrap_or_default()))
                    ),
                    t.muted(),
                )
                .right_aligned(),
            );
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block)
            .render(popup, buf);
    }
}
