//! The summary after a session: time, steps, pain before and after, and what to do when pain rose.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::duration::Clock;
use crate::tui::runner::Summary;

use super::view::{RunnerScreen, fitting};

/// What to do when pain rose during a session.
const ADVICE: &str = "Rest from this routine for today. Stop self-care and see a doctor if the \
                      pain keeps getting worse or becomes severe, spreads down a leg, or comes \
                      with numbness, weakness, or bladder or bowel changes.";
/// The advice in the fewest words that still say when to see a doctor, for the smallest screens:
/// every warning sign of the full advice, in four lines of 24 columns.
const ADVICE_SHORT: &str =
    "Stop today. Worse, spreading, numb, weak, or bladder or bowel changes: see a doctor.";

impl RunnerScreen<'_> {
    pub(super) fn summary(&self, summary: &Summary, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        let rec = &summary.record;
        let done = rec.outcome == crate::history::SessionOutcome::Completed;
        // Each line with how long it stays when rows are short: blank lines go first, then the
        // routine's name and "saved", then the time, then the sentence on logging the rise (the
        // pain line says it rose and the footer has the key); what the person must read stays.
        const BLANK: u8 = 0;
        const ASIDE: u8 = 1;
        const TIME: u8 = 2;
        const LOG: u8 = 3;
        const KEEP: u8 = 4;
        let mut lines = vec![
            (Line::default(), BLANK),
            (
                Line::styled(
                    match rec.outcome {
                        crate::history::SessionOutcome::Completed => "Session complete",
                        crate::history::SessionOutcome::Partial => {
                            "Session ended with steps skipped: not counted as done"
                        }
                        _ => "Session stopped",
                    },
                    if done { t.good() } else { t.caution() },
                ),
                KEEP,
            ),
            (
                Line::styled(self.runner.routine.name.as_str(), t.title()),
                ASIDE,
            ),
            (Line::default(), BLANK),
            (
                Line::from(
                    fitting(
                        &[
                            &format!(
                                "Time: {}   Steps done: {} of {}",
                                Clock(std::time::Duration::from_secs(rec.active_seconds)),
                                rec.steps_done,
                                rec.steps_total
                            ),
                            &format!(
                                "{} · {} of {} steps",
                                Clock(std::time::Duration::from_secs(rec.active_seconds)),
                                rec.steps_done,
                                rec.steps_total
                            ),
                        ],
                        area.width,
                    )
                    .to_owned(),
                ),
                TIME,
            ),
        ];
        if rec.pain_before.is_some() || rec.pain_after.is_some() {
            let show = |p: Option<u8>| p.map_or("–".to_owned(), |p| p.to_string());
            let mut spans = vec![Span::raw(format!(
                "Pain: {} → {}",
                show(rec.pain_before),
                show(rec.pain_after)
            ))];
            if let (Some(before), Some(after)) = (rec.pain_before, rec.pain_after) {
                let (text, style) = match after as i16 - before as i16 {
                    d if d < 0 => (format!("  (down {})", -d), t.good()),
                    0 => ("  (no change)".to_owned(), t.muted()),
                    d => (format!("  (up {d})"), t.caution()),
                };
                spans.push(Span::styled(text, style));
            }
            lines.push((Line::from(spans), KEEP));
        }
        lines.push((Line::default(), BLANK));
        if self.runner.stopped_at_skin_check {
            lines.push((Line::default(), BLANK));
            lines.push((
                Line::styled(
                    "You stopped the heat at a skin check: keep the pack off that skin.",
                    t.caution(),
                ),
                KEEP,
            ));
        }
        lines.push(match &summary.saved {
            Ok(()) => (Line::styled("Saved to your history.", t.muted()), ASIDE),
            Err(e) => (Line::styled(format!("Not saved: {e}"), t.error()), KEEP),
        });
        if let Some(rise) = summary.pain_rise().filter(|_| summary.pain_rose()) {
            lines.push((Line::default(), BLANK));
            lines.push((
                Line::styled(
                    format!("Your pain went up by {rise} points. Press a to log how it feels now."),
                    t.caution(),
                ),
                LOG,
            ));
            lines.push((Line::from(ADVICE), KEEP));
        }
        fn paragraph(lines: Vec<Line<'_>>) -> Paragraph<'_> {
            Paragraph::new(Text::from(lines))
                .centered()
                .wrap(Wrap { trim: true })
        }
        // The lines from rank `least` up, the advice in fewer words when `short`.
        let shown = |least: u8, short: bool| {
            lines
                .iter()
                .filter(|(_, rank)| *rank >= least)
                .map(|(line, _)| match line.spans.first() {
                    Some(span) if short && span.content == ADVICE => Line::from(ADVICE_SHORT),
                    _ => line.clone(),
                })
                .collect::<Vec<_>>()
        };
        // The advice whole in fewer words, rather than the full words cut off.
        let fitted = [false, true]
            .into_iter()
            .flat_map(|short| (BLANK..=KEEP).map(move |least| (least, short)))
            .map(|(least, short)| shown(least, short))
            .find(|lines| {
                paragraph(lines.clone()).line_count(area.width) <= usize::from(area.height)
            })
            .unwrap_or_else(|| shown(KEEP, true));
        paragraph(fitted).render(area, buf);
    }
}
