//! What is shown over every screen: the warning bar with the most severe flag, the first-run
//! statement, and the emergency a save just raised.

use std::path::Path;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Padding, Paragraph, Widget, Wrap};

use crate::flags::{Flag, Flags, Level};
use crate::tui::keymap::{KeyLabels, Keymap};
use crate::tui::msg::Msg;
use crate::tui::theme::Theme;
use crate::tui::widgets::popup;

/// The one-line bar with the most severe active flag, in its level's colour.
pub struct WarningBar<'a> {
    /// The flags as of the last evaluation.
    pub flags: &'a Flags,
    /// Colours.
    pub theme: &'a Theme,
}

impl Widget for &WarningBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(top) = self.flags.top() else {
            return;
        };
        let style = self.theme.level(top.rule.level);
        buf.set_style(area, style);
        let more = self.flags.active.len() - 1;
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
    /// The emergency number, when set.
    pub emergency_number: Option<&'a str>,
    /// The config file, where to set it.
    pub config_file: &'a Path,
    /// Colours.
    pub theme: &'a Theme,
}

impl Widget for &Welcome<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
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
                "Call {} now if any of these is new for you: numbness around the genitals or \
                 buttocks, trouble controlling your bladder or bowel, or pain, tingling, \
                 numbness or weakness in both legs.",
                self.emergency_number
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
        if self.emergency_number.is_none() {
            full.push(Line::from(format!(
                "So emergency advice names your number, set emergency_number (for example \"999\", \
                 \"911\" or \"112\") in {}.",
                self.config_file.display()
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
        // The same signs in fewer words, for the smallest terminals.
        let emergency_short = Line::styled(
            format!(
                "Call {} now if new: numbness between the legs, bladder or bowel trouble, or \
                 symptoms in both legs.",
                self.emergency_number
                    .unwrap_or(crate::flags::DEFAULT_EMERGENCY)
            ),
            t.error(),
        );
        let shorter = [
            vec![title, statement, emergency.clone(), prompt.clone()],
            vec![tiny.clone(), emergency, prompt.clone()],
            vec![tiny, emergency_short.clone(), prompt.clone()],
        ];
        let lines = std::iter::once(full)
            .chain(shorter)
            .find(|lines| rows(lines) <= area.height)
            .unwrap_or_else(|| vec![emergency_short, prompt]);
        let height = rows(&lines).min(area.height);
        let popup = popup(area, width, height, buf);
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

/// The emergency and urgent flags that the entry `id` is evidence of, most severe first: what
/// a save just raised (or raised again), to show at once; `before` are the flags before the
/// save. Which ones is decided with the command line's in
/// [`crate::flags::notice::told_since`].
pub fn raised_by(before: &Flags, flags: &Flags, id: &str) -> Vec<String> {
    crate::flags::notice::told_since(Some(before), flags, id)
        .into_iter()
        .map(|f| f.rule.id.clone())
        .collect()
}

/// The emergency or urgent flags that the entry just saved raised, in full and over
/// everything: the headline, what to do with the emergency number, and the keys to see it on
/// the Flags screen or close. A frightened person should not have to find it behind the bar.
pub struct RaisedOnSave<'a> {
    /// The rule ids of the emergencies the save raised.
    pub raised: &'a [String],
    /// The flags as of the last evaluation.
    pub flags: &'a Flags,
    /// The emergency number, when set.
    pub emergency_number: Option<&'a str>,
    /// The keys, to name them.
    pub keys: &'a Keymap,
    /// Colours.
    pub theme: &'a Theme,
}

impl Widget for &RaisedOnSave<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        // Active or not: nothing hides an emergency just logged.
        let flags: Vec<&Flag> = self
            .raised
            .iter()
            .filter_map(|id| self.flags.get(id))
            .collect();
        if flags.is_empty() || area.is_empty() {
            return;
        }
        let top = flags
            .iter()
            .map(|f| f.rule.level)
            .max()
            .unwrap_or(Level::Emergency);
        let width = 72.min(area.width);
        let inner_width = width.saturating_sub(4);
        let headlines: Vec<Line> = flags
            .iter()
            .map(|f| Line::styled(f.rule.title.clone(), t.title()))
            .collect();
        // Emergencies often share their action; say each different one once.
        let mut actions: Vec<Line> = Vec::new();
        for f in &flags {
            let action = f.rule.action_text(self.emergency_number);
            let line = Line::from(vec![
                Span::styled("What to do: ", t.level_text(f.rule.level)),
                Span::styled(
                    action,
                    Style::new().add_modifier(ratatui::style::Modifier::BOLD),
                ),
            ]);
            if !actions.contains(&line) {
                actions.push(line);
            }
        }
        let confirm = first_key(self.keys, Msg::Confirm, "enter");
        let flags_key = first_key(self.keys, Msg::Flags, "!");
        let cancel = first_key(self.keys, Msg::Cancel, "esc");
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
        let popup = popup(area, width, height, buf);
        let block = Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(t.level_text(top))
            .title(Line::styled(
                match top {
                    Level::Emergency => " ⚠ EMERGENCY: act now ",
                    Level::Urgent => " ⚠ URGENT: see a doctor today ",
                    Level::Soon => " ⚠ SEE A DOCTOR SOON ",
                },
                t.level(top),
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
fn first_key(keys: &Keymap, msg: Msg, fallback: &str) -> String {
    let label = keys.label(msg);
    label
        .split(' ')
        .next()
        .filter(|k| !k.is_empty())
        .unwrap_or(fallback)
        .to_owned()
}
