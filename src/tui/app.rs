//! The app state: the records, each tab's own state, and what is in front. It changes only in
//! [`crate::tui::update`]; opening it is in `load`, what the tabs ask of the app (a
//! [`Request`]) in `effects`.

mod effects;
pub(super) mod following;
mod load;

use std::time::Instant;

use std::path::Path;

use chrono::Datelike;

use super::msg::Msg;
use super::theme::Theme;
use crate::breaks::Scheduler;
use crate::clock::Now;
use crate::config::Config;
use crate::flags::{Ack, AckLog, Flag, Flags, RuleSet, evaluate};
use crate::history::{self, SessionRecord};
use crate::programme::DoseLimits;
use crate::routine::Library;
use crate::store::JsonlStore;
use crate::symptoms::SymptomLog;
use crate::tui::log::{LogMode, LogView};
use crate::tui::programme::ProgrammeView;
use crate::tui::runner::{Gate, Runner, Setup, Stage};
use crate::tui::screen::{Request, TabScreen, View};

pub use crate::tui::screen::Tab;

pub use crate::tui::breaks::BreakPrompt;

/// The screen in front.
#[derive(Debug, Clone)]
pub enum Screen {
    /// The routine list with its detail pane.
    Routines,
    /// The symptom log: list, form, review.
    Log,
    /// Sessions done: calendar, streaks, what helps.
    History,
    /// Posture-break timers and today's breaks.
    Breaks,
    /// Red flags: what to do, why, the evidence.
    Flags,
    /// A routine being run (under the Routines tab).
    Runner(Box<Runner>),
}

/// What can lie over the screen, in the order of the stack, front first: the overlay in front
/// takes the keys, is drawn on top, and its keys are the footer's hints. [`App::overlays`] is
/// the one place that decides it; `update`, the frame and the footer all read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The first-run statement: any key closes it.
    Welcome,
    /// An emergency or urgent flag the entry just saved raised.
    Raised,
    /// `?`: the keys of what lies beneath.
    Help,
    /// A posture break is due (on the Breaks tab, which shows the question).
    Break,
    /// The programme asks: a level up, the flare plan (on the Routines tab, where Today is).
    Programme,
    /// The weekly check-in.
    Checkin,
}

impl Tab {
    /// The screen the tab opens.
    pub fn screen(self) -> Screen {
        match self {
            Tab::Routines => Screen::Routines,
            Tab::Log => Screen::Log,
            Tab::History => Screen::History,
            Tab::Breaks => Screen::Breaks,
            Tab::Flags => Screen::Flags,
        }
    }
}

/// The whole app state.
#[derive(Debug, Clone)]
pub struct App {
    // The records, loaded at start and followed as other processes write them.
    /// Every routine and every broken file.
    pub library: Library,
    /// Every session record, oldest first.
    pub sessions: Vec<SessionRecord>,
    /// The Log tab: the symptom entries, with the list's filters, the form and the review.
    pub log: LogView,
    /// Every acknowledgement.
    pub acks: Vec<Ack>,
    /// The red-flag rules in force.
    pub rules: RuleSet,
    /// The flags as of the last evaluation.
    pub flags: Flags,
    /// Urgent and soon flags that lapsed unchecked in the last 30 days, as of that evaluation.
    pub lapsed: Vec<crate::flags::lapsed::Lapsed>,
    /// The configuration (emergency number, profile).
    pub config: Config,
    /// Programmes, dose levels and the questions they ask.
    pub programme: ProgrammeView,
    /// The weekly check-in and the report key (see [`super::appointment`]).
    pub appointment: crate::tui::appointment::Appointment,
    /// Problems met while loading the data files, each naming the file and line.
    pub load_problems: Vec<String>,
    // Each tab's own state (the Log tab's is `log`, above: its entries are its state).
    /// The Routines tab: the highlighted row and the find field.
    pub routines: crate::tui::routines::RoutinesTab,
    /// The History tab: its month and statistics.
    pub history: crate::tui::history::HistoryTab,
    /// The Breaks tab: timers, the question being asked, outcomes.
    pub breaks: crate::tui::breaks::BreaksTab,
    /// The Flags tab: the highlight, the question, the emergency a save raised.
    pub flags_tab: crate::tui::flags::FlagsTab,
    // What is in front, and what the frame needs.
    /// The screen in front.
    pub screen: Screen,
    /// The one-time statement that this is not a diagnosis is showing.
    pub welcome: bool,
    /// `knotless run ROUTINE` on first run: the routine to open once the first-run statement
    /// is dismissed, so the statement never sits over a running countdown.
    pub(in crate::tui) start_after_welcome: Option<String>,
    /// Whether the help overlay is open.
    pub help: bool,
    /// How far the help overlay is scrolled.
    pub help_scroll: u16,
    /// How far the detail pane (Routines, Flags) is scrolled; back to the top when the
    /// highlighted item or the screen changes.
    pub detail_scroll: u16,
    /// A one-line message for the Routines screen (e.g. a history write that failed).
    pub notice: Option<String>,
    /// The terminal's size at the last draw, to place mouse clicks.
    pub area: ratatui::layout::Rect,
    /// Colours.
    pub theme: Theme,
    /// The moment of the last update; what the screens draw against.
    pub now: Now,
    /// The minute the flags were last evaluated in.
    pub(in crate::tui) flags_minute: i64,
    // What the event loop does after the next draw.
    /// Set when the app should exit.
    pub quit: bool,
    /// Bells to ring after the next draw.
    pub bells: u32,
    /// Desktop notifications to send after the next draw: (title, body).
    pub notifications: Vec<(String, String)>,
    // Where the records are written.
    /// Where sessions and breaks are recorded.
    pub(super) history_file: JsonlStore,
    pub(in crate::tui) symptom_log: SymptomLog,
    pub(super) ack_log: AckLog,
    pub(super) data_dir: std::path::PathBuf,
    /// Where each data file was read up to, and what was wrong with each.
    pub(super) following: following::Following,
    /// The config file, named in the first-run statement.
    pub config_file: std::path::PathBuf,
}

/// The file whose presence means the first-run statement has been shown.
pub const WELCOME_SEEN: &str = "welcome-seen";

pub use crate::tui::routines::Entry;

impl App {
    /// Whether a question is open that any key answers ("any other key: no").
    pub(in crate::tui) fn awaits_any_key(&self) -> bool {
        match &self.screen {
            Screen::Flags => self.flags_tab.confirm_ack,
            Screen::Runner(runner) => runner.confirm_stop,
            Screen::Log => matches!(&self.log.mode, LogMode::Form(f) if f.confirm_discard),
            Screen::Routines | Screen::History | Screen::Breaks => false,
        }
    }

    /// The screen in front, as the screen contract has it.
    pub(in crate::tui) fn front(&self) -> &dyn TabScreen {
        match &self.screen {
            Screen::Routines => &self.routines,
            Screen::Log => &self.log,
            Screen::History => &self.history,
            Screen::Breaks => &self.breaks,
            Screen::Flags => &self.flags_tab,
            Screen::Runner(runner) => &**runner,
        }
    }

    /// The records the screens draw from, borrowed.
    pub(in crate::tui) fn view(&self) -> View<'_> {
        View {
            library: &self.library,
            sessions: &self.sessions,
            entries: &self.log.entries,
            checkins: &self.appointment.checkins,
            breaks: &self.breaks.done,
            flags: &self.flags,
            lapsed: &self.lapsed,
            programme: &self.programme,
            config: &self.config,
            notice: self.notice.as_deref(),
            detail_scroll: self.detail_scroll,
            theme: &self.theme,
            now: self.now,
        }
    }

    /// Highlights today's first planned routine not done yet, so one key starts it.
    pub fn select_next_planned(&mut self) {
        let day = self.now.wall.date_naive();
        let today = self
            .programme
            .today(&self.sessions, day)
            .unwrap_or_else(|| crate::plan::today(&self.config.plan, &self.sessions, day));
        self.routines.select_planned(&self.library, &today);
    }

    /// Evaluates the red flags again, as of now.
    pub fn refresh_flags(&mut self) {
        self.flags = evaluate(
            &self.log.entries,
            &self.config.profile,
            &self.rules.rules,
            &self.acks,
            self.now.wall,
        );
        self.lapsed = crate::flags::lapsed::recently_lapsed(
            &self.log.entries,
            &self.config.profile,
            &self.rules.rules,
            &self.acks,
            self.now.wall,
        );
        // One raised again (an entry dated a little ahead counts live) is shown as raised.
        let flags = &self.flags;
        self.lapsed.retain(|l| flags.get(&l.flag.rule.id).is_none());
        self.flags_minute = self.now.wall.timestamp().div_euclid(60);
        self.flags_tab.clamp(&self.flags, &self.lapsed);
    }

    /// `!`: the Flags screen on the most severe flag, the one the warning bar names, so that
    /// "what to do" and "I have had this checked" are about it.
    pub(in crate::tui) fn open_flags(&mut self) {
        self.screen = Screen::Flags;
        self.flags_tab.selected = 0;
        self.detail_scroll = 0;
    }

    /// The highlighted flag on the Flags screen.
    pub fn selected_flag(&self) -> Option<&Flag> {
        self.flags_tab.selected_flag(&self.flags, &self.lapsed)
    }

    /// The emergency number, or the default wording.
    pub fn emergency_number(&self) -> Option<&str> {
        self.config.emergency_number.as_deref()
    }

    /// The tab the current screen belongs to.
    pub fn tab(&self) -> Tab {
        match self.screen {
            Screen::Routines | Screen::Runner(_) => Tab::Routines,
            Screen::Log => Tab::Log,
            Screen::History => Tab::History,
            Screen::Breaks => Tab::Breaks,
            Screen::Flags => Tab::Flags,
        }
    }

    /// Whether keys should go to a text field.
    pub fn is_typing(&self) -> bool {
        (matches!(self.screen, Screen::Log) && self.log.is_typing())
            || (matches!(self.screen, Screen::Routines) && self.routines.find.typing)
    }

    pub(in crate::tui) fn switch_tab(&mut self, forward: bool) {
        let at = Tab::ALL.iter().position(|t| *t == self.tab()).unwrap_or(0);
        let n = Tab::ALL.len();
        let next = Tab::ALL[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }];
        self.screen = next.screen();
    }

    /// Every overlay open now, front first. The programme's question shows only on the
    /// Routines screen (where Today is; one asked after a log entry waits there) and a break
    /// question only on Breaks, where the app puts the person when a break is due.
    pub fn overlays(&self) -> Vec<Overlay> {
        [
            (self.welcome, Overlay::Welcome),
            (!self.flags_tab.raised_on_save.is_empty(), Overlay::Raised),
            (self.help, Overlay::Help),
            (self.breaks.prompt.is_some(), Overlay::Break),
            (
                !self.programme.prompts.is_empty() && matches!(self.screen, Screen::Routines),
                Overlay::Programme,
            ),
            (self.appointment.prompt.is_some(), Overlay::Checkin),
        ]
        .into_iter()
        .filter_map(|(open, overlay)| open.then_some(overlay))
        .collect()
    }

    /// The overlay in front, which takes the keys.
    pub fn overlay(&self) -> Option<Overlay> {
        self.overlays().first().copied()
    }

    /// The programme's question, when it is open (it may lie under help).
    pub fn programme_prompt(&self) -> Option<&crate::tui::programme::Prompt> {
        self.programme
            .prompts
            .first()
            .filter(|_| self.overlays().contains(&Overlay::Programme))
    }

    /// The rows of the Routines list, in display order (routines are sorted by kind).
    pub fn list_entries(&self) -> Vec<Entry> {
        self.routines.entries(&self.library)
    }

    /// The highlighted row of the Routines list.
    pub fn selected_entry(&self) -> Option<Entry> {
        self.routines.selected_entry(&self.library)
    }

    /// When the screen next changes without input; `None` means sleep until a key. Break timers
    /// run on every screen; the Breaks screen also changes when its minutes count down.
    pub fn next_wake(&self) -> Option<Instant> {
        let runner = match &self.screen {
            Screen::Runner(runner) => runner.next_wake(self.now.instant),
            _ => None,
        };
        let showing = matches!(self.screen, Screen::Breaks);
        [
            runner,
            self.breaks.next_wake(&self.now, showing),
            Some(self.next_midnight()),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// The next local midnight, by the monotonic clock: Today (and History's "today") move to
    /// the new day then without a key press. The one wake-up of an idle app.
    pub fn next_midnight(&self) -> Instant {
        let wall = self.now.wall;
        let midnight = wall
            .date_naive()
            .succ_opt()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .and_then(|t| t.and_local_timezone(*wall.offset()).single());
        let until = midnight
            .and_then(|m| (m - wall).to_std().ok())
            .unwrap_or(std::time::Duration::from_secs(24 * 3600));
        self.now.instant + until
    }

    pub(in crate::tui) fn can_offer_break(&self) -> bool {
        !self
            .overlays()
            .iter()
            .any(|o| matches!(o, Overlay::Welcome | Overlay::Raised | Overlay::Break))
            && !self.flags_tab.confirm_ack
            && match &self.screen {
                Screen::Runner(_) => false,
                Screen::Log => self.log.is_idle(),
                Screen::Routines | Screen::History | Screen::Breaks | Screen::Flags => true,
            }
    }
}
