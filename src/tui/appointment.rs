//! What the app does for the appointment: the weekly check-in (PEG) it offers, and the report
//! key on the History and Review screens. The app routes messages here and draws the box; this
//! module owns the state, the questions and the writing.
//!
//! The check-in is offered at most once a week (see [`crate::checkins::due`]), only when the
//! person is between things — on the Log tab's list, or back on Routines after a session — never
//! over a session, a form, a due break, a flag being acknowledged or an emergency. "Not now"
//! asks again the next day, also after the app is closed and opened again: the day is kept in
//! [`NOT_NOW`] in the data folder.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Padding, Paragraph, Widget, Wrap};

use super::msg::{Action, Msg};
use super::screen::{Hint, Keys, hint, hint_of};
use super::theme::Theme;
use super::widgets::popup;
use crate::checkins::{Checkin, CheckinLog, QUESTIONS};

/// The file in the data folder that holds the day "not now" was last answered (`YYYY-MM-DD`).
pub const NOT_NOW: &str = "checkin-not-now";

/// Where the check-in box is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// "Time for the weekly check-in?"
    Offer,
    /// Question `n` (0–2), with the answers so far and the one being typed.
    Question {
        /// Which question.
        n: usize,
        /// Answers given.
        answers: [u8; 3],
        /// The number being chosen for this question.
        value: Option<u8>,
    },
}

/// The day written in `file`, if it holds one (anything else, or a missing file, is no day;
/// at most a few bytes are read, whatever the file holds).
fn read_day(file: &Path) -> Option<NaiveDate> {
    use std::io::Read;
    let mut text = String::new();
    crate::disk::open_regular(file)
        .ok()?
        .take(32)
        .read_to_string(&mut text)
        .ok()?;
    text.trim().parse().ok()
}

/// The check-ins, the offer and the report key's last word.
#[derive(Debug, Clone)]
pub struct Appointment {
    /// Every check-in, oldest first.
    pub checkins: Vec<Checkin>,
    /// The box, when it shows.
    pub prompt: Option<Prompt>,
    /// The day "not now" was answered.
    pub declined_on: Option<NaiveDate>,
    /// A session has just ended: Routines is a good moment to ask.
    pub after_session: bool,
    /// One line about the report just written (or why not), until the next key.
    pub notice: Option<String>,
    /// The offer was closed by another key: not again until after the next session.
    later: bool,
    log: CheckinLog,
    /// Where `checkins.jsonl` was read up to.
    read: crate::store::Cursor,
    /// Its lines that could not be read.
    rejected: Vec<crate::store::RejectedLine>,
    /// [`NOT_NOW`] in the data folder.
    not_now_file: PathBuf,
}

impl Appointment {
    /// The check-ins in `data_dir`; load problems are added to `problems`.
    pub fn load(data_dir: &Path, problems: &mut Vec<String>) -> Appointment {
        let not_now_file = data_dir.join(NOT_NOW);
        let mut appointment = Appointment {
            checkins: Vec::new(),
            prompt: None,
            declined_on: read_day(&not_now_file),
            after_session: false,
            notice: None,
            later: false,
            log: CheckinLog::new(data_dir),
            read: crate::store::Cursor::default(),
            rejected: Vec::new(),
            not_now_file,
        };
        appointment.read_checkins(problems);
        appointment
    }

    /// Opens the offer if a check-in is due and the moment is right.
    pub fn offer_if_due(&mut self, moment_is_right: bool, now: DateTime<FixedOffset>) -> bool {
        if self.after_session {
            self.later = false;
        }
        if self.prompt.is_some()
            || self.later
            || !moment_is_right
            || !crate::checkins::due(&self.checkins, self.declined_on, now)
        {
            return false;
        }
        self.prompt = Some(Prompt::Offer);
        self.after_session = false;
        true
    }

    /// Reads the check-ins appended since the last read (all of them the first time, or when
    /// the file was replaced); problems are added to `problems`.
    fn read_checkins(&mut self, problems: &mut Vec<String>) {
        match self.log.follow(&mut self.read) {
            Ok(crate::store::Tail::Whole(loaded)) => {
                self.checkins = loaded.records.into_iter().filter_map(|(_, c)| c).collect();
                self.rejected = loaded.rejected;
                problems.extend(self.log.store().warnings(&self.rejected, &loaded.notes));
            }
            Ok(crate::store::Tail::Appended(loaded)) => {
                crate::checkins::apply(&mut self.checkins, loaded.records);
                self.rejected.extend(loaded.rejected);
                problems.extend(self.log.store().warnings(&self.rejected, &loaded.notes));
            }
            Err(e) => problems.push(e.to_string()),
        }
    }

    /// Reads the check-ins and "not now" again (another window or the command line may have
    /// written them). An offer no longer due closes; questions being answered stay.
    pub fn follow(&mut self, problems: &mut Vec<String>, now: DateTime<FixedOffset>) {
        self.read_checkins(problems);
        self.declined_on = read_day(&self.not_now_file).max(self.declined_on);
        if self.prompt == Some(Prompt::Offer)
            && !crate::checkins::due(&self.checkins, self.declined_on, now)
        {
            self.prompt = None;
        }
    }

    /// A key while the box shows; whether the box took it. The offer comes unasked, so it
    /// takes only its own keys: `y` starts, Esc or `n` is "not now" (asked again tomorrow), and
    /// any other key — `q`, or the Enter meant for the list beneath — closes it for now and
    /// is not the box's (it comes back after the next session, or when the app starts again).
    /// The questions take every key but `q`, which leaves them unsaved, as any key does
    /// elsewhere on the way out.
    pub fn update(&mut self, msg: Msg, now: DateTime<FixedOffset>) -> bool {
        let Some(prompt) = self.prompt.clone() else {
            return false;
        };
        match (prompt, msg) {
            (Prompt::Offer, Msg::Yes) => {
                self.prompt = Some(Prompt::Question {
                    n: 0,
                    answers: [0; 3],
                    value: None,
                });
            }
            (Prompt::Offer, Msg::Cancel | Msg::Next | Msg::Skip) => self.not_now(now),
            (Prompt::Offer, _) | (Prompt::Question { .. }, Msg::Quit) => {
                self.later();
                return false;
            }
            (Prompt::Question { .. }, Msg::Cancel) => self.not_now(now),
            (Prompt::Question { n, answers, value }, msg) => {
                let value = match msg {
                    // `1` then `0` is 10, as in the pain rating.
                    Msg::Digit(0) if value == Some(1) => Some(10),
                    Msg::Digit(d) => Some(d),
                    Msg::Right | Msg::Up => Some(value.map_or(0, |v| (v + 1).min(10))),
                    Msg::Left | Msg::Down => Some(value.map_or(0, |v| v.saturating_sub(1))),
                    Msg::Back if n > 0 => {
                        self.prompt = Some(Prompt::Question {
                            n: n - 1,
                            answers,
                            value: Some(answers[n - 1]),
                        });
                        return true;
                    }
                    Msg::Confirm => {
                        let Some(v) = value else { return true };
                        let mut answers = answers;
                        answers[n] = v;
                        if n < 2 {
                            self.prompt = Some(Prompt::Question {
                                n: n + 1,
                                answers,
                                value: None,
                            });
                        } else {
                            self.save(answers, now);
                        }
                        return true;
                    }
                    _ => value,
                };
                self.prompt = Some(Prompt::Question { n, answers, value });
            }
        }
        true
    }

    /// Closed without an answer: not offered again until after the next session (or the next
    /// start of the app), and "not now" is not recorded.
    fn later(&mut self) {
        self.prompt = None;
        self.later = true;
    }

    fn not_now(&mut self, now: DateTime<FixedOffset>) {
        self.prompt = None;
        let today = now.date_naive();
        self.declined_on = Some(today);
        // Best effort: if it cannot be written, the offer comes again when the app restarts.
        if let Some(dir) = self.not_now_file.parent()
            && crate::store::create_private_dir(dir).is_ok()
        {
            let day = today.format("%Y-%m-%d").to_string();
            let _ = crate::report::write_private(&self.not_now_file, day.as_bytes());
        }
    }

    fn save(&mut self, [pain, enjoyment, activity]: [u8; 3], now: DateTime<FixedOffset>) {
        self.prompt = None;
        let checkin = Checkin {
            id: crate::id::new_id(now.timestamp_millis()),
            at: now,
            pain,
            enjoyment,
            activity,
        };
        match self.log.save(&checkin) {
            Ok(()) => {
                self.notice = Some(format!(
                    "Weekly check-in saved: PEG {:.1} (pain {pain}, enjoyment {enjoyment}, activity {activity}).",
                    checkin.score()
                ));
                self.checkins.push(checkin);
                self.checkins
                    .sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
            }
            Err(e) => {
                // Asked again tomorrow rather than lost silently.
                self.declined_on = Some(now.date_naive());
                self.notice = Some(format!("The check-in was not saved: {e}"));
            }
        }
    }

    /// The box's keys, for the footer.
    pub fn hints(&self) -> Vec<Hint> {
        let answer = hint_of(Keys::Rating(Action::Left, Action::Right), "answer");
        match &self.prompt {
            Some(Prompt::Offer) => {
                vec![hint(Action::Yes, "start"), hint(Action::Cancel, "not now")]
            }
            Some(Prompt::Question { n, .. }) if *n > 0 => vec![
                answer,
                hint(Action::Confirm, "next"),
                hint(Action::Back, "back"),
                hint(Action::Cancel, "not now"),
            ],
            Some(Prompt::Question { .. }) => {
                vec![
                    answer,
                    hint(Action::Confirm, "next"),
                    hint(Action::Cancel, "not now"),
                ]
            }
            None => Vec::new(),
        }
    }

    /// A line on the PEG for the Review screen, or `None` without check-ins.
    pub fn trend_line(checkins: &[Checkin]) -> Option<String> {
        let last = checkins.last()?;
        let recent: Vec<String> = checkins
            .iter()
            .rev()
            .take(6)
            .rev()
            .map(|c| format!("{:.1}", c.score()))
            .collect();
        let mut line = format!("Weekly check-in (PEG): {}", recent.join(" → "));
        // The same change the report prints, judged on the percentage shown.
        if let Some(change) = crate::checkins::change(checkins) {
            use crate::checkins::Direction;
            let size = match change.percent {
                Some(pct) => format!("{pct:+}%"),
                None => format!("{:+.1} points", change.points),
            };
            let word = match change.direction {
                _ if change.meaningful_improvement() => ", better, past the 30% line",
                Direction::Better => ", better",
                Direction::Worse => ", worse",
                Direction::Same => "",
            };
            line.push_str(&format!(" · {size} since the first{word}"));
        }
        line.push_str(&format!(" · last {}", last.at.format("%-d %b")));
        Some(line)
    }
}

/// Writes the report of the last 90 days as HTML in `folder` (made private if new); the path
/// written.
pub fn write_report(
    inputs: &crate::report::Inputs<'_>,
    folder: &Path,
    now: DateTime<FixedOffset>,
) -> Result<PathBuf, String> {
    // The same period `knotless report` covers by default.
    let period = crate::workspace::default_period(now)?;
    let html = crate::report::render(inputs, period, now, crate::report::ReportFormat::Html)?;
    crate::store::create_private_dir(folder).map_err(|e| e.to_string())?;
    let path = folder.join(crate::report::default_name(now, "html"));
    crate::report::write_private(&path, html.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

/// The check-in box.
pub struct CheckinBox<'a> {
    /// The state.
    pub appointment: &'a Appointment,
    /// Colours.
    pub theme: Theme,
}

impl Widget for &CheckinBox<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(prompt) = &self.appointment.prompt else {
            return;
        };
        let t = &self.theme;
        let lines: Vec<Line> = match prompt {
            Prompt::Offer => vec![
                Line::raw(
                    "Time for the weekly check-in: three questions about the past week, 0 to 10.",
                ),
                Line::styled(
                    "It gives your doctor a recognised number to follow.",
                    t.muted(),
                ),
                Line::default(),
                Line::from(vec![
                    Span::styled(" y ", t.key()),
                    Span::raw("start   "),
                    Span::styled(" esc ", t.key()),
                    Span::raw("not now (asked again tomorrow)"),
                ]),
            ],
            Prompt::Question { n, value, .. } => {
                let shown = value.map_or("_".to_owned(), |v| v.to_string());
                vec![
                    Line::styled(format!("Question {} of 3", n + 1), t.muted()),
                    Line::raw(QUESTIONS[*n]),
                    Line::default(),
                    Line::from(vec![
                        Span::raw("Your answer: "),
                        Span::styled(format!(" {shown} "), t.selected()),
                        Span::styled("  0–9, ←→ up to 10, enter", t.muted()),
                    ]),
                ]
            }
        };
        let width = 60.min(area.width);
        let inner = width.saturating_sub(4).max(1);
        let rows: u16 = lines
            .iter()
            .map(|l| (l.width() as u16).div_ceil(inner).max(1))
            .sum();
        let height = (rows + 2).min(area.height);
        let popup = popup(area, width, height, buf);
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(
                Block::bordered()
                    .border_type(BorderType::Rounded)
                    .title(" Weekly check-in ")
                    .padding(Padding::horizontal(1)),
            )
            .render(popup, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn now() -> DateTime<FixedOffset> {
        "2026-11-24T18:30:00+01:00".parse().unwrap()
    }

    #[test]
    fn three_answers_are_saved_and_not_now_waits_for_tomorrow() {
        let dir = tempfile::tempdir().unwrap();
        let mut problems = Vec::new();
        let mut a = Appointment::load(dir.path(), &mut problems);
        assert!(a.offer_if_due(true, now()));
        a.update(Msg::Cancel, now());
        assert_eq!(a.prompt, None);
        assert!(
            !a.offer_if_due(true, now() + Duration::hours(3)),
            "not today again"
        );
        assert!(a.offer_if_due(true, now() + Duration::days(1)));
        assert!(a.update(Msg::Yes, now()), "y starts the questions");
        for keys in [
            &[Msg::Digit(6)][..],
            &[Msg::Digit(1), Msg::Digit(0)],
            &[Msg::Right, Msg::Right],
        ] {
            for k in keys {
                a.update(*k, now());
            }
            a.update(Msg::Confirm, now());
        }
        assert_eq!(a.prompt, None);
        let saved = CheckinLog::new(dir.path()).load().unwrap().records;
        assert_eq!(saved.len(), 1);
        assert_eq!(
            (saved[0].pain, saved[0].enjoyment, saved[0].activity),
            (6, 10, 1)
        );
        assert!(
            !a.offer_if_due(true, now() + Duration::days(3)),
            "once a week"
        );
        assert!(
            !a.offer_if_due(false, now() + Duration::days(8)),
            "not at a bad moment"
        );
        assert!(a.offer_if_due(true, now() + Duration::days(8)));
    }

    #[test]
    fn enter_without_an_answer_does_not_move_on() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Appointment::load(dir.path(), &mut Vec::new());
        a.offer_if_due(true, now());
        a.update(Msg::Yes, now());
        assert!(a.update(Msg::Confirm, now()));
        assert!(matches!(a.prompt, Some(Prompt::Question { n: 0, .. })));
    }

    #[test]
    fn the_offer_lets_other_keys_through_and_waits_for_the_next_session() {
        let dir = tempfile::tempdir().unwrap();
        for key in [Msg::Confirm, Msg::Quit, Msg::Down] {
            let mut a = Appointment::load(dir.path(), &mut Vec::new());
            assert!(a.offer_if_due(true, now()));
            assert!(!a.update(key, now()), "{key:?} is for the screen beneath");
            assert_eq!(a.prompt, None);
            assert!(!a.offer_if_due(true, now()), "not again at once");
            a.after_session = true;
            assert!(a.offer_if_due(true, now()), "again after a session");
        }
        // Not "not now": a new start of the app offers it the same day.
        let mut a = Appointment::load(dir.path(), &mut Vec::new());
        assert!(a.offer_if_due(true, now()));
    }

    #[test]
    fn q_during_the_questions_leaves_them_unsaved_and_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Appointment::load(dir.path(), &mut Vec::new());
        a.offer_if_due(true, now());
        a.update(Msg::Yes, now());
        a.update(Msg::Digit(4), now());
        assert!(!a.update(Msg::Quit, now()));
        assert_eq!(a.prompt, None);
        assert!(
            CheckinLog::new(dir.path())
                .load()
                .unwrap()
                .records
                .is_empty()
        );
    }
}
