//! The frame: tab bar, the screen in front (drawn by its own [`super::screen::TabScreen`]),
//! the key hints, and the overlays on top. Where each part goes is [`super::layout`].

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::app::{App, Overlay, Screen};
use super::flags::{RaisedOnSave, WarningBar, Welcome};
use super::help::{Footer, HelpOverlay};
use super::keymap::KeyLabels;
use super::layout::{
    Parts, parts, problem_line, problem_text, screen_area, shows_name, tab_labels,
};
use super::widgets::detail::shorten;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        // Text from files is made safe before it gets here (see `tui::untrusted`): no frame
        // carries a control, C1, bidirectional or zero-width character (tested).
        self.draw(area, buf);
    }
}

impl App {
    /// Draws the bar, the tabs, the screen in front, overlays and the footer.
    fn draw(&self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let full = area;
        let Parts {
            bar,
            tabs,
            body,
            footer,
        } = parts(self, area);
        (&WarningBar {
            flags: &self.flags,
            theme: &self.theme,
        })
            .render(bar, buf);
        if let Some(tabs) = tabs {
            // Narrow terminals drop the app's name so every tab still fits.
            let mut spans = if shows_name(self, tabs) {
                vec![Span::styled(" knotless ", self.theme.title())]
            } else {
                Vec::new()
            };
            if let Screen::Runner(runner) = &self.screen {
                // Tabs do not switch during a session: the bar names the routine instead, after
                // the app's name where both fit, otherwise after the › alone, cut after a whole
                // word.
                let name = runner.routine.name.as_str();
                let room = usize::from(tabs.width);
                if Line::raw(name).width() + 12 <= room {
                    spans.push(Span::styled("› ", self.theme.muted()));
                    spans.push(Span::raw(name));
                } else {
                    spans = vec![Span::styled(" › ", self.theme.muted())];
                    spans.push(Span::raw(shorten(name, room.saturating_sub(3))));
                }
            } else {
                if !spans.is_empty() {
                    spans.push(Span::styled("│", self.theme.muted()));
                }
                let room = tabs
                    .width
                    .saturating_sub(Line::from(spans.clone()).width() as u16);
                for (tab, label) in tab_labels(room) {
                    let style = if tab == self.tab() {
                        self.theme.selected()
                    } else {
                        self.theme.muted()
                    };
                    spans.push(Span::styled(label, style));
                }
            }
            let line = Line::from(spans);
            let key = self.config.keys.label(super::msg::Msg::Help);
            let help = format!("{} help ", key.split(' ').next().unwrap_or("?"));
            let fits = line.width() + help.len() < usize::from(tabs.width);
            line.render(tabs, buf);
            if fits {
                Line::styled(help.as_str(), self.theme.muted())
                    .right_aligned()
                    .render(tabs, buf);
            }
        }
        if let Some(problem) = problem_line(self, body) {
            let text = problem_text(self);
            Line::styled(text, self.theme.error()).render(problem, buf);
        }
        let body = screen_area(self, body);
        self.front().draw(&self.view(), body, buf);
        if let Some(footer) = footer {
            if let Some(notice) = &self.appointment.notice {
                // Where the report went (or why not) replaces the key hints until the next key.
                // On a narrow terminal the end of it (the file's name) is what matters.
                let room = usize::from(footer.width);
                let count = notice.chars().count();
                let shown = if count + 1 > room {
                    let tail: String = notice.chars().skip(count + 1 - room).collect();
                    format!("…{tail}")
                } else {
                    format!(" {notice}")
                };
                Line::styled(shown, self.theme.title()).render(footer, buf);
            } else {
                (&Footer { app: self, full }).render(footer, buf);
            }
        }
        // The overlays, back to front, so the one that takes the keys is on top.
        for overlay in self.overlays().into_iter().rev() {
            match overlay {
                Overlay::Checkin => (&super::appointment::CheckinBox {
                    appointment: &self.appointment,
                    theme: self.theme,
                })
                    .render(body, buf),
                Overlay::Programme => {
                    if let Some(prompt) = self.programme_prompt() {
                        let keys = super::help::prompt_keys(self, prompt);
                        (&super::programme::PromptOverlay {
                            prompt,
                            keys: &keys,
                            theme: &self.theme,
                        })
                            .render(full, buf);
                    }
                }
                // The Breaks tab shows the question itself.
                Overlay::Break => {}
                Overlay::Help => (&HelpOverlay { app: self }).render(full, buf),
                Overlay::Raised => (&RaisedOnSave {
                    raised: &self.flags_tab.raised_on_save,
                    flags: &self.flags,
                    emergency_number: self.emergency_number(),
                    keys: &self.config.keys,
                    theme: &self.theme,
                })
                    .render(full, buf),
                Overlay::Welcome => (&Welcome {
                    emergency_number: self.emergency_number(),
                    config_file: &self.config_file,
                    theme: &self.theme,
                })
                    .render(full, buf),
            }
        }
    }
}
