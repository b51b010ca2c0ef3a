//! The Flags screen: flags are listed most severe first with what to do, why, the entries behind them and the
//! sources; acknowledged ones ("I have had this checked") in a muted section below.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Padding, Paragraph, Widget, Wrap};

use crate::flags::lapsed::{HEADING as LAPSED_HEADING, Lapsed};
use crate::flags::matched::describe;
use crate::flags::notice::where_hint;
use crate::flags::{CAVEATS, Flag, Flags};
use crate::symptoms::SymptomEntry;
use crate::tui::theme::Theme;
use crate::tui::widgets::Detail;
use crate::tui::widgets::detail::hanging;

/// The Flags tab, drawn from its state and the flags.
pub struct FlagsScreen<'a> {
    /// The highlight and the question.
    pub tab: &'a super::FlagsTab,
    /// The flags as of the last evaluation.
    pub flags: &'a Flags,
    /// Urgent and soon flags that lapsed unchecked in the last 30 days.
    pub lapsed: &'a [Lapsed],
    /// The log, for what each entry behind a flag says.
    pub entries: &'a [SymptomEntry],
    /// The emergency number, when set.
    pub emergency_number: Option<&'a str>,
    /// How far the detail pane is scrolled.
    pub detail_scroll: u16,
    /// Colours.
    pub theme: &'a Theme,
}

impl Widget for &FlagsScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let t = self.theme;
        if self.count() == 0 {
            let mut lines = vec![
                Line::styled("No red flags in your log.", t.good()),
                Line::default(),
                Line::from(
                    "knotless watches your entries for the warning signs doctors ask about: \
                     numbness between the legs, bladder or bowel changes, symptoms in both legs, \
                     fever, pain after an accident, pain that wakes you, and others. If one \
                     shows up, a coloured bar on every screen says what to do.",
                ),
                Line::default(),
            ];
            lines.extend(CAVEATS.iter().map(|c| Line::styled(*c, t.muted())));
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(Block::new().padding(Padding::horizontal(1)))
                .render(area, buf);
            return;
        }

        let (list_area, _) = self.split(area);
        let (lines, selected_line) = self.list_lines(list_area.width);
        let lines: Vec<Line> = lines.into_iter().map(|(l, _)| l).collect();
        let offset = (selected_line + 1).saturating_sub(list_area.height as usize);
        Paragraph::new(lines)
            .scroll((offset as u16, 0))
            .render(list_area, buf);
        if let Some((detail_area, pane)) = self.detail_pane(area) {
            pane.render(detail_area, buf);
        }
    }
}

impl FlagsScreen<'_> {
    /// How many flags the list holds: active, lapsed and acknowledged.
    fn count(&self) -> usize {
        self.flags.active.len() + self.lapsed.len() + self.flags.acknowledged.len()
    }

    /// The highlighted flag's detail pane in `area`, and where it goes (none without flags).
    pub fn detail_pane(&self, area: Rect) -> Option<(Rect, Detail<'static>)> {
        if self.count() == 0 {
            return None;
        }
        let (_, detail_area) = self.split(area);
        let t = self.theme;
        let block = if area.width >= 70 {
            Block::new().borders(Borders::LEFT).border_style(t.muted())
        } else {
            Block::new().borders(Borders::TOP).border_style(t.muted())
        };
        let block = block.padding(Padding::horizontal(1));
        let width = usize::from(block.inner(detail_area).width);
        let pane = Detail::new(self.detail(width), block, self.detail_scroll).bar_style(t.muted());
        Some((detail_area, pane))
    }

    /// Where the list and the detail go: side by side from 70 columns, else one above the other.
    fn split(&self, area: Rect) -> (Rect, Rect) {
        if area.width >= 70 {
            // Two fifths of the width, so that titles grow with the terminal (44 columns at 110).
            let w = (area.width * 2 / 5).clamp(30, 90);
            let [l, d] =
                Layout::horizontal([Constraint::Length(w), Constraint::Min(0)]).areas(area);
            (l, d)
        } else {
            let lapsed = usize::from(!self.lapsed.is_empty());
            let rows = (self.count() + lapsed + 3) as u16;
            let [l, d] = Layout::vertical([
                Constraint::Length(rows.min(area.height / 2)),
                Constraint::Min(0),
            ])
            .areas(area);
            (l, d)
        }
    }

    /// The list grouped by level, then the acknowledged ones: each line with the flag it shows
    /// (headings have none), and the highlighted flag's line.
    fn list_lines(&self, width: u16) -> (Vec<(Line<'static>, Option<usize>)>, usize) {
        let t = self.theme;
        let flags = self.flags;
        let mut lines = Vec::new();
        let mut selected_line = 0;
        let mut level = None;
        for (i, flag) in flags.active.iter().enumerate() {
            if level != Some(flag.rule.level) {
                level = Some(flag.rule.level);
                let heading = flag.rule.level.heading();
                lines.push((Line::styled(heading, t.level_text(flag.rule.level)), None));
            }
            if i == self.tab.selected {
                selected_line = lines.len();
            }
            lines.push((self.row(i, flag, width), Some(i)));
        }
        if !self.lapsed.is_empty() {
            lines.push((Line::styled(LAPSED_HEADING, t.caution()), None));
            for (j, lapsed) in self.lapsed.iter().enumerate() {
                let i = flags.active.len() + j;
                if i == self.tab.selected {
                    selected_line = lines.len();
                }
                lines.push((self.row(i, &lapsed.flag, width), Some(i)));
            }
        }
        if !flags.acknowledged.is_empty() {
            lines.push((Line::styled("Checked (muted)", t.muted()), None));
            for (j, flag) in flags.acknowledged.iter().enumerate() {
                let i = flags.active.len() + self.lapsed.len() + j;
                if i == self.tab.selected {
                    selected_line = lines.len();
                }
                lines.push((self.row(i, flag, width), Some(i)));
            }
        }
        (lines, selected_line)
    }

    /// The flag (index over active then acknowledged) drawn at (`col`, `row`) of `area`.
    pub fn flag_at(&self, area: Rect, col: u16, row: u16) -> Option<usize> {
        if self.count() == 0 {
            return None;
        }
        let (list, _) = self.split(area);
        if !(list.x..list.right()).contains(&col) || !(list.y..list.bottom()).contains(&row) {
            return None;
        }
        let (lines, selected_line) = self.list_lines(list.width);
        let offset = (selected_line + 1).saturating_sub(list.height as usize);
        lines
            .get(offset + usize::from(row - list.y))
            .and_then(|(_, flag)| *flag)
    }

    fn row<'b>(&self, i: usize, flag: &Flag, width: u16) -> Line<'b> {
        let t = self.theme;
        let style = if i == self.tab.selected {
            t.selected()
        } else if flag.acknowledged.is_some() {
            t.muted()
        } else {
            ratatui::style::Style::new()
        };
        // Every headline starts "You logged …": the list drops that to fit what was logged.
        let title = &flag.rule.title;
        let short = title
            .strip_prefix("You logged ")
            .map_or(title.clone(), |rest| {
                let mut chars = rest.chars();
                chars
                    .next()
                    .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
            });
        // A headline longer than the list ends in "…"; the detail pane has it whole.
        let room = usize::from(width).saturating_sub(1);
        let short = if short.chars().count() > room && room > 1 {
            let mut cut: String = short.chars().take(room - 1).collect();
            cut.push('…');
            cut
        } else {
            short
        };
        Line::styled(format!(" {short}"), style)
    }

    fn detail(&self, width: usize) -> Text<'static> {
        let t = self.theme;
        let Some(flag) = self.tab.selected_flag(self.flags, self.lapsed) else {
            return Text::default();
        };
        let lapsed = self
            .lapsed
            .iter()
            .find(|l| std::ptr::eq(&l.flag, flag))
            .map(|l| l.at);
        let rule = &flag.rule;
        let mut lines = Vec::new();
        // What the last key did here (taken back, acknowledged elsewhere already).
        if let Some(message) = &self.tab.message {
            lines.push(Line::styled(message.clone(), t.caution()));
            lines.push(Line::default());
        }
        lines.extend([
            Line::styled(rule.level.heading(), t.level_text(rule.level)),
            Line::styled(rule.title.clone(), t.title()),
            Line::default(),
            Line::from(vec![
                Span::styled("What to do: ", t.title()),
                Span::raw(rule.action_text(self.emergency_number)),
            ]),
        ]);
        if !rule.why.is_empty() {
            lines.push(Line::from(vec![
                Span::styled("Why: ", t.title()),
                Span::raw(rule.why.clone()),
            ]));
        }
        if let Some(at) = lapsed {
            lines.push(Line::styled(
                format!(
                    "{} on {}: it left its window, which does not mean it went away. If you \
                     have not had it checked, it still matters.",
                    LAPSED_HEADING,
                    at.format("%a %-d %b")
                ),
                t.caution(),
            ));
        }
        if let Some(at) = flag.acknowledged {
            // A flag raised once per episode stays quiet until a new bout of pain.
            let back = if rule.once_per_episode() {
                "It comes back when a new bout of pain starts."
            } else {
                "It comes back if you log it again."
            };
            lines.push(Line::styled(
                format!(
                    "You marked this as checked on {}. {back} Press u to take this back.",
                    at.format("%a %-d %b %H:%M")
                ),
                t.muted(),
            ));
        }
        lines.push(Line::default());
        lines.push(Line::styled("From your log", t.title()));
        for e in &flag.evidence {
            let entry = self.entries.iter().find(|x| x.id == e.id);
            // What in the entry the rule looked at, in the vocabulary's words.
            let what = entry.map_or(String::new(), |x| describe(rule, x));
            let when = format!(" {}  ", e.at.format("%a %-d %b %H:%M"));
            lines.extend(hanging(&when, &what, width, Style::new()));
        }
        // A nerve symptom logged with no place: ask where.
        if let Some(question) = flag
            .evidence
            .iter()
            .filter_map(|e| self.entries.iter().find(|x| x.id == e.id))
            .find_map(|x| where_hint(&x.symptoms.to_vec(), &x.areas.to_vec()))
            .and_then(|hint| hint.question())
        {
            lines.push(Line::styled(
                format!(
                    "{question} An entry gives no place, so it counts as one side: edit it on \
                     the Log tab and tick where."
                ),
                t.caution(),
            ));
        }
        if !rule.sources.is_empty() {
            lines.push(Line::default());
            lines.push(Line::styled(
                format!("Sources: {}", rule.sources.join("; ")),
                t.muted(),
            ));
        }
        if flag.acknowledged.is_none() {
            lines.push(Line::default());
            lines.push(if self.tab.confirm_ack {
                Line::styled(
                    "Have you had this checked by a doctor or nurse? y yes · any other key no",
                    t.caution(),
                )
            } else {
                Line::styled("Had it checked? Press c to mark it.", t.muted())
            });
        }
        // Under an emergency only its action: no word about false alarms.
        if rule.level.shows_caveats() {
            lines.push(Line::default());
            for caveat in CAVEATS {
                lines.extend(hanging(" • ", caveat, width, t.muted()));
            }
        }
        Text::from(lines)
    }
}
