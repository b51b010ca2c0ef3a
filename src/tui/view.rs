//! The frame: tab bar, the screen in front, the key hints, and the help overlay on top.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::app::{App, Overlay, Screen, Tab};
use super::breaks::BreaksScreen;
use super::flags::{FlagsScreen, RaisedOnSave, WarningBar, Welcome};
use super::help::{Footer, HelpOverlay};
use super::history::HistoryScreen;
use super::keymap::KeyLabels;
use super::log::LogScreen;
use super::routines::RoutinesScreen;
use super::runner::RunnerScreen;
use super::widgets::detail::shorten;

mod places;

pub use places::{
    detail_overflows, detail_room, detail_room_at, flag_at, log_entry_at, on_flag_bar, routine_at,
    screen_width, tab_at,
};

/// Where the parts of a frame go.
struct Parts {
    bar: Rect,
    tabs: Option<Rect>,
    body: Rect,
    footer: Option<Rect>,
}

fn parts(app: &App, area: Rect) -> Parts {
    // The most severe active flag takes the top row on every screen, at any size.
    let bar_rows = u16::from(app.flags.top().is_some() && area.height >= 2);
    let [bar, area] =
        Layout::vertical([Constraint::Length(bar_rows), Constraint::Min(0)]).areas(area);
    if area.height >= 4 {
        let [t, b, f] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area);
        Parts {
            bar,
            tabs: Some(t),
            body: b,
            footer: Some(f),
        }
    } else {
        Parts {
            bar,
            tabs: None,
            body: area,
            footer: None,
        }
    }
}

/// Whether the tab bar starts with the app's name (dropped on narrow terminals).
fn shows_name(app: &App, tabs: Rect) -> bool {
    tabs.width >= 48 || matches!(app.screen, Screen::Runner(_))
}

/// Each tab's label as drawn, padding included: the full names where they fit (39 columns),
/// then four-letter abbreviations, then initials, so that every tab stays in view.
fn tab_labels(width: u16) -> Vec<(Tab, String)> {
    let short = |tab: Tab| match tab {
        Tab::Routines => "Rout",
        Tab::Log => "Log",
        Tab::History => "Hist",
        Tab::Breaks => "Brk",
        Tab::Flags => "Flag",
    };
    let full: Vec<(Tab, String)> = Tab::ALL
        .iter()
        .map(|&t| (t, format!(" {} ", t.title())))
        .collect();
    let abbreviated: Vec<(Tab, String)> = Tab::ALL
        .iter()
        .map(|&t| (t, format!(" {}", short(t))))
        .collect();
    let len =
        |labels: &[(Tab, String)]| -> usize { labels.iter().map(|(_, l)| l.chars().count()).sum() };
    if len(&full) <= usize::from(width) {
        full
    } else if len(&abbreviated) <= usize::from(width) {
        abbreviated
    } else {
        Tab::ALL
            .iter()
            .map(|&t| (t, format!(" {}", &t.title()[..1])))
            .collect()
    }
}

/// The row that reports data-file lines that could not be read, at the foot of `body`; they are
/// reported until the app closes.
fn problem_line(app: &App, body: Rect) -> Option<Rect> {
    let screen_with_room = !matches!(app.screen, Screen::Runner(_)) && body.height > 4;
    (screen_with_room && !app.load_problems.is_empty()).then(|| Rect {
        y: body.bottom() - 1,
        height: 1,
        ..body
    })
}

fn problem_text(app: &App) -> String {
    let first = &app.load_problems[0];
    match app.load_problems.len() - 1 {
        0 => format!("⚠ {first}"),
        more => format!("⚠ {first} (and {more} more)"),
    }
}

/// What the screen in front gets of `body`.
fn screen_area(app: &App, body: Rect) -> Rect {
    match problem_line(app, body) {
        Some(_) => Rect {
            height: body.height - 1,
            ..body
        },
        None => body,
    }
}

/// The area the screen in front is drawn in, on a terminal of `area`.
fn body_area(app: &App, area: Rect) -> Rect {
    screen_area(app, parts(app, area).body)
}

/// The detail pane of the screen in front, if it has one: where it is and how far it can
/// scroll.
fn detail_pane(app: &App, area: Rect) -> Option<(Rect, u16)> {
    let body = body_area(app, area);
    let (rect, pane) = match app.screen {
        Screen::Routines => app.routines_screen().detail_pane(body),
        Screen::Flags => app.flags_screen().detail_pane(body)?,
        _ => return None,
    };
    Some((rect, pane.max_scroll(rect)))
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        // Text from files is made safe before it gets here (see `tui::untrusted`): no frame
        // carries a control, C1, bidirectional or zero-width character (tested).
        self.draw(area, buf);
    }
}

impl App {
    /// The Routines tab as drawn.
    fn routines_screen(&self) -> RoutinesScreen<'_> {
        RoutinesScreen {
            tab: &self.routines,
            library: &self.library,
            programme: &self.programme,
            sessions: &self.sessions,
            plan: &self.config.plan,
            flags: &self.flags,
            notice: self.notice.as_deref(),
            today: self.now.wall.date_naive(),
            detail_scroll: self.detail_scroll,
            theme: &self.theme,
        }
    }

    /// The Flags tab as drawn.
    fn flags_screen(&self) -> FlagsScreen<'_> {
        FlagsScreen {
            tab: &self.flags_tab,
            flags: &self.flags,
            lapsed: &self.lapsed,
            entries: &self.log.entries,
            emergency_number: self.emergency_number(),
            detail_scroll: self.detail_scroll,
            theme: &self.theme,
        }
    }

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
        match &self.screen {
            Screen::Routines => (&self.routines_screen()).render(body, buf),
            Screen::Log => (&LogScreen {
                checkins: &self.appointment.checkins,
                view: &self.log,
                today: self.now.wall.date_naive(),
                theme: self.theme,
            })
                .render(body, buf),
            Screen::History => (&HistoryScreen {
                tab: &self.history,
                sessions: &self.sessions,
                breaks: &self.breaks.done,
                library: &self.library,
                programme: &self.programme,
                entries: &self.log.entries,
                flags: &self.flags,
                today: self.now.wall.date_naive(),
                theme: &self.theme,
            })
                .render(body, buf),
            Screen::Flags => (&self.flags_screen()).render(body, buf),
            Screen::Breaks => (&BreaksScreen {
                tab: &self.breaks,
                library: &self.library,
                snooze: self.config.cues.snooze,
                now: self.now,
                theme: &self.theme,
            })
                .render(body, buf),
            Screen::Runner(runner) => (&RunnerScreen {
                runner,
                theme: self.theme,
                now: self.now.instant,
                emergency_number: self.emergency_number(),
            })
                .render(body, buf),
        }
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
                        (&super::programme::PromptOverlay {
                            prompt,
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
