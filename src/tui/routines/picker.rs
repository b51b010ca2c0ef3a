//! The programme picker over the Routines tab (`programmes`, `P` by default): every programme,
//! bundled and the person's, with its length and what it is, the running one marked, and the
//! highlighted one's cautions under it. `confirm` starts the highlighted one today and
//! `stop-programme` stops the running one; replacing or stopping a running programme asks
//! first. The start and stop records are written by the app (`Request::StartProgramme`,
//! `Request::StopProgramme`), as `knotless programme start` and `stop` write them.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Padding, Paragraph, Widget};

use crate::tui::msg::{Action, Msg};
use crate::tui::programme::ProgrammeView;
use crate::tui::screen::{Hint, Keys, Outcome, Request, hint, hint_of};
use crate::tui::theme::Theme;
use crate::tui::widgets::detail::hanging;

/// A question the picker asks before it writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// Start the programme with this id, replacing the running one.
    Replace(String),
    /// Stop the running programme.
    Stop,
}

/// The picker's own state: the highlighted programme and the question open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picker {
    /// Index into the programme library of the highlighted programme.
    pub selected: usize,
    /// The question open, if any.
    pub asking: Option<Ask>,
}

/// What a key did to the picker.
#[derive(Debug, Clone, PartialEq)]
pub enum Picked {
    /// The picker stays open: this is what came of the key.
    Stays(Outcome),
    /// The picker closes, and this is asked of the app (`Redraw` when nothing).
    Closes(Outcome),
}

impl Picker {
    /// One message, with the programmes as the app has them.
    pub fn update(&mut self, msg: Msg, programme: &ProgrammeView) -> Picked {
        let count = programme.programmes.programmes.len();
        let last = count.saturating_sub(1);
        let action = match msg {
            Msg::Action(action) => action,
            Msg::Tick => return Picked::Stays(Outcome::Ignored),
            Msg::Resize
            | Msg::Click(..)
            | Msg::Wheel(..)
            | Msg::Digit(_)
            | Msg::Text(_)
            | Msg::Other => return Picked::Stays(Outcome::Redraw),
        };
        if let Some(ask) = &self.asking {
            return match action {
                Action::Yes | Action::Confirm => Picked::Closes(Outcome::Request(match ask {
                    Ask::Replace(id) => Request::StartProgramme(id.clone()),
                    Ask::Stop => Request::StopProgramme,
                })),
                Action::ForceQuit => Picked::Closes(Outcome::Request(Request::Quit)),
                // `n`, Esc or any other key: no, and the list stays open.
                Action::Next
                | Action::Cancel
                | Action::Up
                | Action::Down
                | Action::Left
                | Action::Right
                | Action::First
                | Action::Last
                | Action::ScrollUp
                | Action::ScrollDown
                | Action::Pause
                | Action::Back
                | Action::Skip
                | Action::Help
                | Action::Quit
                | Action::Add
                | Action::Edit
                | Action::Delete
                | Action::Filter
                | Action::Find
                | Action::Review
                | Action::Flags
                | Action::Checked
                | Action::Undo
                | Action::Snooze
                | Action::Report
                | Action::ReportOpen
                | Action::NextTab
                | Action::PreviousTab
                | Action::Save
                | Action::Programmes
                | Action::StopProgramme => {
                    self.asking = None;
                    Picked::Stays(Outcome::Redraw)
                }
            };
        }
        let running = programme.state.active.as_ref();
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            Action::Confirm => {
                let Some(p) = programme.programmes.programmes.get(self.selected) else {
                    return Picked::Stays(Outcome::Ignored);
                };
                if running.is_some() {
                    self.asking = Some(Ask::Replace(p.id.clone()));
                } else {
                    return Picked::Closes(Outcome::Request(Request::StartProgramme(p.id.clone())));
                }
            }
            Action::StopProgramme => {
                if running.is_none() {
                    return Picked::Stays(Outcome::Ignored);
                }
                self.asking = Some(Ask::Stop);
            }
            Action::Cancel | Action::Quit | Action::Programmes => {
                return Picked::Closes(Outcome::Redraw);
            }
            Action::ForceQuit => return Picked::Closes(Outcome::Request(Request::Quit)),
            Action::Left
            | Action::Right
            | Action::ScrollUp
            | Action::ScrollDown
            | Action::Pause
            | Action::Next
            | Action::Back
            | Action::Skip
            | Action::Help
            | Action::Add
            | Action::Edit
            | Action::Delete
            | Action::Filter
            | Action::Find
            | Action::Review
            | Action::Yes
            | Action::Flags
            | Action::Checked
            | Action::Undo
            | Action::Snooze
            | Action::Report
            | Action::ReportOpen
            | Action::NextTab
            | Action::PreviousTab
            | Action::Save => return Picked::Stays(Outcome::Ignored),
        }
        Picked::Stays(Outcome::Redraw)
    }

    /// The keys that work now.
    pub fn hints(&self, programme: &ProgrammeView) -> Vec<Hint> {
        if self.asking.is_some() {
            return vec![hint(Action::Yes, "yes"), hint(Action::Next, "no")];
        }
        let mut keys = vec![
            hint_of(Keys::PairAll(Action::Up, Action::Down), "choose"),
            hint(Action::Confirm, "start"),
        ];
        if programme.state.active.is_some() {
            keys.push(hint(Action::StopProgramme, "stop it"));
        }
        keys.push(hint(Action::Cancel, "close"));
        keys
    }
}

/// The picker as drawn over the Routines tab.
pub struct PickerBox<'a> {
    /// The highlight and the question.
    pub picker: &'a Picker,
    /// The programmes and the one running.
    pub programme: &'a ProgrammeView,
    /// Today, for "starts on".
    pub today: NaiveDate,
    /// Colours.
    pub theme: &'a Theme,
}

impl PickerBox<'_> {
    /// The name of the running programme (its id when its file is gone).
    fn running_name(&self) -> Option<&str> {
        let active = self.programme.state.active.as_ref()?;
        Some(
            self.programme
                .programmes
                .get(&active.programme)
                .map_or(active.programme.as_str(), |p| p.name.as_str()),
        )
    }
}

impl Widget for &PickerBox<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let t = self.theme;
        let programmes = &self.programme.programmes.programmes;
        let active = self.programme.state.active.as_ref();
        let width = area.width.min(72);
        // Inside the border and the padding.
        let room = usize::from(width.saturating_sub(4)).max(1);
        let mut lines: Vec<Line> = Vec::new();
        // The highlighted programme's first line and the line after its summary.
        let mut selected = (0, 0);
        if programmes.is_empty() {
            lines.push(Line::styled("No programme could be loaded.", t.muted()));
        }
        for (i, p) in programmes.iter().enumerate() {
            let weeks = p.weeks.len();
            let mut head = vec![
                Span::raw(if i == self.picker.selected {
                    "▸ "
                } else {
                    "  "
                }),
                Span::styled(p.name.clone(), t.title()),
                Span::styled(
                    format!(" · {weeks} week{}", if weeks == 1 { "" } else { "s" }),
                    t.muted(),
                ),
            ];
            if let Some(a) = active.filter(|a| a.programme == p.id) {
                let when = if a.start_date > self.today {
                    format!(" · starts {}", a.start_date.format("%a %-d %b"))
                } else {
                    let pos = crate::programme::schedule::position(p, a.start_date, self.today);
                    format!(" · running, week {} of {}", pos.week, pos.weeks)
                };
                head.push(Span::styled(when, t.good()));
            }
            let mut head = Line::from(head);
            let first = lines.len();
            if i == self.picker.selected {
                head = head.style(t.selected());
            }
            lines.push(head);
            lines.extend(hanging("  ", &p.summary, room, t.muted()));
            if i == self.picker.selected {
                // Its safety notes, read before it is started (`programme start` prints them).
                for c in &p.cautions {
                    lines.extend(hanging("  • ", c, room, t.caution()));
                }
                selected = (first, lines.len());
            }
        }
        let question = match &self.picker.asking {
            Some(Ask::Replace(id)) => {
                let again = active.is_some_and(|a| a.programme == *id);
                let to = self
                    .programme
                    .programmes
                    .get(id)
                    .map_or(id.as_str(), |p| p.name.as_str());
                Some(if again {
                    format!("Start {to} again from week 1 today?")
                } else {
                    format!(
                        "Replace the running programme {} with {to}?",
                        self.running_name().unwrap_or("")
                    )
                })
            }
            Some(Ask::Stop) => Some(format!(
                "Stop the running programme {}? Its records stay.",
                self.running_name().unwrap_or("")
            )),
            None => None,
        };
        let question = question.map_or_else(Vec::new, |q| hanging("", &q, room, t.caution()));
        let asked = if question.is_empty() {
            0
        } else {
            question.len() + 1
        };
        let height = u16::try_from(lines.len() + asked)
            .unwrap_or(u16::MAX)
            .saturating_add(2)
            .min(area.height);
        let rect = crate::tui::widgets::popup(area, width, height, buf);
        let block = Block::new()
            .borders(Borders::ALL)
            .border_type(BorderType::Rounded)
            .title(" Programmes ")
            .title_style(t.title())
            .padding(Padding::horizontal(1));
        let inner = block.inner(rect);
        block.render(rect, buf);
        if inner.is_empty() {
            return;
        }
        // The question, at the foot of the box, is never scrolled away (on a tiny terminal it
        // takes the whole box).
        let mut list = inner;
        if asked > 0 {
            let q_rows = u16::try_from(asked).unwrap_or(u16::MAX).min(list.height);
            list.height -= q_rows;
            let at = Rect::new(inner.x, list.y + list.height, inner.width, q_rows);
            let shown = if q_rows == inner.height {
                question
            } else {
                std::iter::once(Line::default()).chain(question).collect()
            };
            Paragraph::new(shown).render(at, buf);
        }
        // The highlighted programme stays in view: its summary if there is room, its name always.
        let height = usize::from(list.height);
        let offset = selected.1.saturating_sub(height).min(selected.0);
        Paragraph::new(lines)
            .scroll((u16::try_from(offset).unwrap_or(u16::MAX), 0))
            .render(list, buf);
    }
}
