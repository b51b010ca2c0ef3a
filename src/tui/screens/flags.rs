//! The Flags screen, the warning bar shown on every screen, and the first-run statement.
//! Flags are listed most severe first with what to do, why, the entries behind them and the
//! sources; acknowledged ones ("I have had this checked") in a muted section below.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Padding, Paragraph, Widget, Wrap};

use crate::flags::matched::describe;
use crate::flags::{CAVEATS, Flag, Level};
use crate::tui::app::App;
use crate::tui::keymap::KeyLabels;
use crate::tui::widgets::Detail;
use crate::tui::widgets::detail::hanging;

/// The Flags tab.
pub struct FlagsScreen<'a> {
    /// The state to draw.
    pub app: &'a App,
}

impl Widget for &FlagsScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let app = self.app;
        let t = &app.theme;
        let flags = &app.flags;
        if flags.active.is_empty() && flags.acknowledged.is_empty() {
            let mut lines = vec![
                Line::styled("No red flags in your log.", app.theme.good()),
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

        let (list_area, _) = split(app, area);
        let (lines, selected_line) = list_lines(app, list_area.width);
        let lines: Vec<Line> = lines.into_iter().map(|(l, _)| l).collect();
        let offset = (selected_line + 1).saturating_sub(list_area.height as usize);
        Paragraph::new(lines)
            .scroll((offset as u16, 0))
            .render(list_area, buf);
        if let Some((detail_area, pane)) = detail_pane(app, area) {
            pane.render(detail_area, buf);
        }
    }
}

/// The highlighted flag's detail pane in `area`, and where it goes (none without flags).
pub fn detail_pane(app: &App, area: Rect) -> Option<(Rect, Detail<'static>)> {
    if app.flags.active.is_empty() && app.flags.acknowledged.is_empty() {
        return None;
    }
    let (_, detail_area) = split(app, area);
    let t = &app.theme;
    let block = if area.width >= 70 {
        Block::new().borders(Borders::LEFT).border_style(t.muted())
    } else {
        Block::new().borders(Borders::TOP).border_style(t.muted())
    };
    let block = block.padding(Padding::horizontal(1));
    let width = usize::from(block.inner(detail_area).width);
    let pane = Detail::new(detail(app, width), block, app.detail_scroll).bar_style(t.muted());
    Some((detail_area, pane))
}

/// Where the list and the detail go: side by side from 70 columns, else one above the other.
fn split(app: &App, area: Rect) -> (Rect, Rect) {
    if area.width >= 70 {
        // Two fifths of the width, so that titles grow with the terminal (44 columns at 110).
        let w = (area.width * 2 / 5).clamp(30, 90);
        let [l, d] = Layout::horizontal([Constraint::Length(w), Constraint::Min(0)]).areas(area);
        (l, d)
    } else {
        let flags = &app.flags;
        let rows = (flags.active.len() + flags.acknowledged.len() + 3) as u16;
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
fn list_lines(app: &App, width: u16) -> (Vec<(Line<'static>, Option<usize>)>, usize) {
    let t = &app.theme;
    let flags = &app.flags;
    let mut lines = Vec::new();
    let mut selected_line = 0;
    let mut level = None;
    for (i, flag) in flags.active.iter().enumerate() {
        if level != Some(flag.rule.level) {
            level = Some(flag.rule.level);
            let heading = flag.rule.level.heading();
            lines.push((Line::styled(heading, t.level_text(flag.rule.level)), None));
        }
        if i == app.flag_selected {
            selected_line = lines.len();
        }
        lines.push((row(app, i, flag, width), Some(i)));
    }
    if !flags.acknowledged.is_empty() {
        lines.push((Line::styled("Checked (muted)", t.muted()), None));
        for (j, flag) in flags.acknowledged.iter().enumerate() {
            let i = flags.active.len() + j;
            if i == app.flag_selected {
                selected_line = lines.len();
            }
            lines.push((row(app, i, flag, width), Some(i)));
        }
    }
    (lines, selected_line)
}

/// The flag (index over active then acknowledged) drawn at (`col`, `row`) of `area`.
pub fn flag_at(app: &App, area: Rect, col: u16, row: u16) -> Option<usize> {
    if app.flags.active.is_empty() && app.flags.acknowledged.is_empty() {
        return None;
    }
    let (list, _) = split(app, area);
    if !(list.x..list.right()).contains(&col) || !(list.y..list.bottom()).contains(&row) {
        return None;
    }
    let (lines, selected_line) = list_lines(app, list.width);
    let offset = (selected_line + 1).saturating_sub(list.height as usize);
    lines
        .get(offset + usize::from(row - list.y))
        .and_then(|(_, flag)| *flag)
}

fn row<'a>(app: &App, i: usize, flag: &Flag, width: u16) -> Line<'a> {
    let t = &app.theme;
    let style = if i == app.flag_selected {
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

fn detail(app: &App, width: usize) -> Text<'static> {
    let t = &app.theme;
    let Some(flag) = app.selected_flag() else {
        return Text::default();
    };
    let rule = &flag.rule;
    let mut lines = vec![
        Line::styled(rule.level.heading(), t.level_text(rule.level)),
        Line::styled(rule.title.clone(), t.title()),
        Line::default(),
        Line::from(vec![
            Span::styled("What to do: ", t.title()),
            Span::raw(rule.action_text(app.emergency_number())),
        ]),
    ];
    if !rule.why.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("Why: ", t.title()),
            Span::raw(rule.why.clone()),
        ]));
    }
    if let Some(at) = flag.acknowledged {
        lines.push(Line::styled(
            format!(
                "You marked this as checked on {}. It comes back if you log it again. \
                 Press u to take this back.",
                at.format("%a %-d %b %H:%M")
            ),
            t.muted(),
        ));
    }
    lines.push(Line::default());
    lines.push(Line::styled("From your log", t.title()));
    for e in &flag.evidence {
        let entry = app.log.entries.iter().find(|x| x.id == e.id);
        // What in the entry the rule looked at, in the vocabulary's words.
        let what = entry.map_or(String::new(), |x| describe(rule, x));
        let when = format!(" {}  ", e.at.format("%a %-d %b %H:%M"));
        lines.extend(hanging(&when, &what, width, Style::new()));
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
        lines.push(if app.confirm_ack {
            Line::styled(
                "Have you had this checked by a doctor or nurse? y yes · any other key no",
                t.caution(),
            )
        } else {
            Line::styled("Had it checked? Press c to mark it.", t.muted())
        });
    }
    lines.push(Line::default());
    for caveat in CAVEATS {
        lines.extend(hanging(" • ", caveat, width, t.muted()));
    }
    Text::from(lines)
}

/// The one-line bar with the most severe active flag, in its level's colour.
pub struct WarningBar<'a> {
    /// The state to draw.
    pub app: &'a App,
}

impl Widget for &WarningBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let Some(top) = app.flags.top() else {
            return;
        };
        let style = app.theme.level(top.rule.level);
        buf.set_style(area, style);
        let more = app.flags.active.len() - 1;
        let label = top.rule.level.label();
        let hint = if more > 0 {
            format!(" +{more} more · ! what to do ")
        } else {
            " ! what to do ".to_owned()
        };
        // The key to act always shows; the headline gives way when the row is short.
        let title = format!(" ⚠ {label}: {}", top.rule.title);
        let hint_width = hint.chars().count();
        let room = usize::from(area.width).saturating_sub(hint_width);
        let title: String = if title.chars().count() <= room {
            title
        } else if room > 12 {
            let mut cut: String = title.chars().take(room - 1).collect();
            cut.push('…');
            cut
        } else {
            format!(" ⚠ {label}")
        };
        Line::styled(title, style).render(area, buf);
        if usize::from(area.width) >= hint_width + 12 {
            Line::styled(hint, style).right_aligned().render(area, buf);
        }
    }
}

/// The first-run statement, shown once.
pub struct Welcome<'a> {
    /// The state to draw.
    pub app: &'a App,
}

impl Widget for &Welcome<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.app.theme;
        let title = Line::styled("Welcome to knotless", t.title());
        let statement = Line::styled(
            "knotless is self-care support, not a diagnosis. When something you log is a sign \
             to see a doctor, a coloured bar says so and what to do.",
            t.caution(),
        );
        let prompt = Line::styled("Press any key to start.", t.muted());
        // The worst signs and what to do about them now, in one line.
        let emergency = Line::styled(
            format!(
                "Numb around the genitals or buttocks, new bladder or bowel trouble, or both legs \
                 weak: call {} now.",
                self.app
                    .emergency_number()
                    .unwrap_or(crate::flags::DEFAULT_EMERGENCY)
            ),
            t.error(),
        );
        let mut full = vec![
            title.clone(),
            Line::default(),
            Line::from(
                "Guided stretches, heat and posture breaks, and a private diary of how your back \
                 feels. Everything stays on this computer.",
            ),
            Line::default(),
            statement.clone(),
            Line::default(),
            emergency.clone(),
            Line::default(),
        ];
        // Asked only while the number is not set.
        if self.app.emergency_number().is_none() {
            full.push(Line::from(format!(
                "So emergency advice names your number, set emergency_number (for example \"999\", \
                 \"911\" or \"112\") in {}.",
                self.app.config_file.display()
            )));
            full.push(Line::default());
        }
        full.push(prompt.clone());
        // On a small terminal, what matters most and the prompt, whole: the emergency line
        // last to go.
        let width = 64.min(area.width);
        let inner_width = width.saturating_sub(4);
        let rows = |lines: &Vec<Line<'static>>| {
            Paragraph::new(lines.clone())
                .wrap(Wrap { trim: true })
                .line_count(inner_width) as u16
                + 2
        };
        let tiny = Line::styled("Self-care support, not a diagnosis.", t.caution());
        let shorter = [
            vec![title, statement, emergency.clone(), prompt.clone()],
            vec![tiny, emergency.clone(), prompt.clone()],
        ];
        let lines = std::iter::once(full)
            .chain(shorter)
            .find(|lines| rows(lines) <= area.height)
            .unwrap_or_else(|| vec![emergency, prompt]);
        let height = rows(&lines).min(area.height);
        let [popup] = Layout::horizontal([Constraint::Length(width)])
            .flex(Flex::Center)
            .areas(area);
        let [popup] = Layout::vertical([Constraint::Length(height)])
            .flex(Flex::Center)
            .areas(popup);
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(
                Block::bordered()
                    .border_type(BorderType::Rounded)
                    .padding(Padding::horizontal(1)),
            )
            .render(popup, buf);
    }
}

/// The emergencies among `flags` that the entry `id` is evidence of, most severe first: what a
/// save just raised (or raised again), to show at once.
pub fn raised_by(flags: &crate::flags::Flags, id: &str) -> Vec<String> {
    flags
        .active
        .iter()
        .filter(|f| f.rule.level == Level::Emergency && f.evidence.iter().any(|e| e.id == id))
        .map(|f| f.rule.id.clone())
        .collect()
}

/// The emergency that the entry just saved raised, in full and over everything: the headline,
/// what to do with the emergency number, and the keys to see it on the Flags screen or close.
/// A frightened person should not have to find it behind the bar.
pub struct RaisedOnSave<'a> {
    /// The state to draw.
    pub app: &'a App,
}

impl Widget for &RaisedOnSave<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let t = &app.theme;
        let flags: Vec<&Flag> = app
            .raised_on_save
            .iter()
            .filter_map(|id| app.flags.active.iter().find(|f| &f.rule.id == id))
            .collect();
        if flags.is_empty() || area.is_empty() {
            return;
        }
        let width = 72.min(area.width);
        let inner_width = width.saturating_sub(4);
        let headlines: Vec<Line> = flags
            .iter()
            .map(|f| Line::styled(f.rule.title.clone(), t.title()))
            .collect();
        // Emergencies often share their action; say each different one once.
        let mut actions: Vec<Line> = Vec::new();
        for f in &flags {
            let action = f.rule.action_text(app.emergency_number());
            let line = Line::from(vec![
                Span::styled("What to do: ", t.level_text(Level::Emergency)),
                Span::styled(
                    action,
                    Style::new().add_modifier(ratatui::style::Modifier::BOLD),
                ),
            ]);
            if !actions.contains(&line) {
                actions.push(line);
            }
        }
        let confirm = first_key(app, crate::tui::msg::Msg::Confirm, "enter");
        let flags_key = first_key(app, crate::tui::msg::Msg::Flags, "!");
        let cancel = first_key(app, crate::tui::msg::Msg::Cancel, "esc");
        let keys = Line::styled(
            format!("{confirm}/{flags_key} see it in full · {cancel} close"),
            t.muted(),
        );
        // When room is short, what to do matters most: drop the blank lines, then the other
        // headlines, then the headline itself, never the action.
        let spaced: Vec<Line> = actions
            .iter()
            .flat_map(|a| [Line::default(), a.clone()])
            .collect();
        let variants: [Vec<Line>; 4] = [
            headlines.iter().cloned().chain(spaced).collect(),
            headlines.iter().cloned().chain(actions.clone()).collect(),
            headlines
                .iter()
                .take(1)
                .cloned()
                .chain(actions.clone())
                .collect(),
            actions,
        ];
        // Inside the border: the text, a blank line and the keys.
        let room = area.height.saturating_sub(4);
        let mut chosen = Paragraph::new(Vec::<Line>::new());
        for lines in variants {
            chosen = Paragraph::new(lines).wrap(Wrap { trim: true });
            if chosen.line_count(inner_width) as u16 <= room {
                break;
            }
        }
        let body = chosen;
        let rows = body.line_count(inner_width) as u16 + 2;
        let height = (rows + 2).min(area.height);
        let [popup] = Layout::horizontal([Constraint::Length(width)])
            .flex(Flex::Center)
            .areas(area);
        let [popup] = Layout::vertical([Constraint::Length(height)])
            .flex(Flex::Center)
            .areas(popup);
        Clear.render(popup, buf);
        let block = Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(t.level_text(Level::Emergency))
            .title(Line::styled(
                " ⚠ EMERGENCY: act now ",
                t.level(Level::Emergency),
            ))
            .padding(Padding::horizontal(1));
        let inner = block.inner(popup);
        block.render(popup, buf);
        if inner.is_empty() {
            return;
        }
        // The keys keep the bottom row; the text gets what is left.
        let [text, _, key_row] = Layout::vertical([
            Constraint::Min(0),
            Constraint::Length(u16::from(inner.height > 3)),
            Constraint::Length(1),
        ])
        .areas(inner);
        body.render(text, buf);
        keys.render(key_row, buf);
    }
}

/// The first key bound to `msg`, or `fallback`.
fn first_key(app: &App, msg: crate::tui::msg::Msg, fallback: &str) -> String {
    let label = app.config.keys.label(msg);
    label
        .split(' ')
        .next()
        .filter(|k| !k.is_empty())
        .unwrap_or(fallback)
        .to_owned()
}
