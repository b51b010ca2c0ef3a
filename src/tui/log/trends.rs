//! The review of the symptom log (Log tab, `v`): pain per day over the last 30 or 90 days as a
//! chart of daily average and worst, which areas hurt, and the triggers and reliefs logged most.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Widget};

use crate::symptoms::SymptomEntry;
use crate::symptoms::trends::{Count, Trends};
use crate::tui::theme::Theme;
use crate::tui::widgets::PainChart;
use crate::vocabulary::{Category, Vocabulary};

/// Rows in each "most common" list.
const TOP: usize = 5;

/// The review, drawn from the log.
pub struct TrendsScreen<'a> {
    /// The weekly check-ins (PEG), oldest first.
    pub checkins: &'a [crate::checkins::Checkin],
    /// Every entry.
    pub entries: &'a [SymptomEntry],
    /// 30 or 90.
    pub days: u32,
    /// The last day shown.
    pub today: NaiveDate,
    /// Colours.
    pub theme: Theme,
}

impl Widget for &TrendsScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let t = &self.theme;
        let trends = Trends::compute(self.entries, self.today, self.days);
        let vocabulary = Vocabulary::bundled();

        let list_rows = if area.height >= 18 { TOP as u16 + 2 } else { 0 };
        let peg = crate::tui::appointment::Appointment::trend_line(self.checkins);
        let peg_rows = u16::from(peg.is_some() && area.height >= 14);
        let [head, chart, legend, peg_row, _, lists] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(1),
            Constraint::Length(peg_rows),
            Constraint::Length(u16::from(list_rows > 0)),
            Constraint::Length(list_rows),
        ])
        .areas(area);

        let (head_text, rest) = title(&trends, self.days, head.width);
        let title = Line::from(vec![
            Span::styled(head_text, t.title()),
            Span::styled(rest, t.muted()),
        ]);
        let switch = format!("←→ {} days ", if self.days == 30 { 90 } else { 30 });
        let fits = title.width() + switch.len() < usize::from(head.width);
        title.render(head, buf);
        if fits {
            Line::styled(switch, t.key())
                .right_aligned()
                .render(head, buf);
        }

        if let Some(peg) = peg.filter(|_| peg_rows > 0) {
            Line::styled(fit(&peg, usize::from(peg_row.width)), t.muted()).render(peg_row, buf);
        }
        if trends.entries == 0 {
            Paragraph::new(Text::styled(
                "No entries in this period. Press a to log how your back feels; \
                 the chart fills in day by day.",
                t.muted(),
            ))
            .wrap(ratatui::widgets::Wrap { trim: true })
            .render(chart, buf);
            return;
        }
        (&PainChart {
            daily: &trends.daily,
            from: trends.from,
            theme: *t,
        })
            .render(chart, buf);
        // Shorter words, then no indent, on a narrow terminal.
        let legend_words = [
            ("    ", " daily average   ", " daily worst"),
            ("    ", " average  ", " worst"),
            ("", " average  ", " worst"),
            ("", " avg  ", " worst"),
        ];
        let (indent, average, worst) = legend_words
            .into_iter()
            .find(|(indent, average, worst)| {
                indent.len() + 2 + average.len() + worst.len() <= usize::from(legend.width)
            })
            .unwrap_or(legend_words[3]);
        Line::from(vec![
            Span::raw(indent),
            Span::styled("█", t.pain(5)),
            Span::styled(average, t.muted()),
            Span::styled("░", t.pain(5)),
            Span::styled(worst, t.muted()),
        ])
        .render(legend, buf);

        if lists.height == 0 {
            return;
        }
        let columns = if lists.width >= 72 {
            3
        } else if lists.width >= 48 {
            2
        } else {
            1
        };
        // The areas' labels are the longest: that column gets a little more room.
        let widths = match columns {
            3 => vec![
                Constraint::Percentage(38),
                Constraint::Percentage(31),
                Constraint::Percentage(31),
            ],
            n => vec![Constraint::Ratio(1, n); n as usize],
        };
        let parts = Layout::horizontal(widths).spacing(2).split(lists);
        let sections = [
            ("Where · entries · avg pain", Category::Area, &trends.areas),
            ("Set off by", Category::Trigger, &trends.triggers),
            ("Helped by", Category::Relief, &trends.relief),
        ];
        for (rect, (heading, category, counts)) in parts.iter().zip(sections) {
            let text = list(heading, category, counts, vocabulary, rect.width, t);
            Paragraph::new(text).render(*rect, buf);
        }
    }
}

/// The review's title in the words that fit in `width` (the part in the title's colour, and
/// the rest): the count of entries and days goes first, then words are shortened, then the
/// worst and the average go.
fn title(trends: &Trends, days: u32, width: u16) -> (String, String) {
    let long = format!("Pain over the last {days} days");
    let short = format!("Pain, last {days} days");
    let mut candidates = Vec::new();
    match (trends.mean_pain, trends.worst()) {
        (Some(mean), Some(worst)) => {
            let entries = trends.entries;
            let logged = trends.days_logged();
            let count = format!("{entries} entr{}", if entries == 1 { "y" } else { "ies" });
            candidates.push((
                &long,
                format!(
                    " · {count} on {logged} day{} · average {mean:.1} · worst {worst}",
                    if logged == 1 { "" } else { "s" },
                ),
            ));
            candidates.push((
                &long,
                format!(" · {count} · average {mean:.1} · worst {worst}"),
            ));
            candidates.push((&long, format!(" · avg {mean:.1} · worst {worst}")));
            candidates.push((&short, format!(" · avg {mean:.1} · worst {worst}")));
            candidates.push((&short, format!(" · avg {mean:.1}")));
        }
        _ => {
            candidates.push((&long, " · nothing logged".to_owned()));
            candidates.push((&short, " · nothing logged".to_owned()));
        }
    }
    candidates.push((&short, String::new()));
    let fits = |(head, rest): &(&String, String)| {
        head.chars().count() + rest.chars().count() <= usize::from(width)
    };
    let (head, rest) = candidates
        .into_iter()
        .find(fits)
        .unwrap_or((&short, String::new()));
    if head.chars().count() > usize::from(width) {
        return (format!("{days} days"), String::new());
    }
    (head.clone(), rest)
}

/// `text` cut to `width` characters, with an ellipsis when cut.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// A heading and the most common ids: label, how many entries, their average pain.
fn list(
    heading: &str,
    category: Category,
    counts: &[Count],
    vocabulary: &Vocabulary,
    width: u16,
    t: &Theme,
) -> Text<'static> {
    let mut lines = vec![Line::styled(heading.to_owned(), t.title())];
    if counts.is_empty() {
        lines.push(Line::styled(" none logged", t.muted()));
    }
    // " label  15× 5.1": the label takes what the count and average leave.
    let label_width = usize::from(width).saturating_sub(10).max(4);
    for c in counts.iter().take(TOP) {
        let label = fit(vocabulary.label(category, &c.id), label_width);
        lines.push(Line::from(vec![
            Span::raw(format!(" {label:<label_width$}")),
            Span::styled(format!("{:>4}×", c.entries), t.muted()),
            Span::styled(
                format!(" {:.1}", c.mean_pain),
                t.pain(c.mean_pain.round() as u8),
            ),
        ]));
    }
    Text::from(lines)
}
