//! App state and `update`, the only place state changes. Screens read this state to draw.

use std::time::Instant;

use std::path::Path;

use chrono::Datelike;

use super::log::{LogMode, LogView};
use super::msg::Msg;
use super::programme::ProgrammeView;
use super::runner::{Effect, Gate, Runner, Setup, Stage};
use super::theme::Theme;
use crate::breaks::Scheduler;
use crate::clock::Now;
use crate::config::Config;
use crate::flags::{Ack, AckLog, Flag, Flags, RuleSet, evaluate};
use crate::history::{self, SessionRecord};
use crate::programme::DoseLimits;
use crate::routine::Library;
use crate::store::{JsonlStore, LoadNotes, RejectedLine};
use crate::symptoms::SymptomLog;

pub use super::breaks::BreakPrompt;

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

/// The tabs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Routines (and the runner).
    Routines,
    /// The symptom log.
    Log,
    /// History of sessions.
    History,
    /// Posture breaks.
    Breaks,
    /// Red flags.
    Flags,
}

impl Tab {
    /// Every tab, in order.
    pub const ALL: [Tab; 5] = [
        Tab::Routines,
        Tab::Log,
        Tab::History,
        Tab::Breaks,
        Tab::Flags,
    ];

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

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            Tab::Routines => "Routines",
            Tab::Log => "Log",
            Tab::History => "History",
            Tab::Breaks => "Breaks",
            Tab::Flags => "Flags",
        }
    }
}

/// The whole app state.
#[derive(Debug, Clone)]
pub struct App {
    /// Every routine and every broken file.
    pub library: Library,
    /// Colours.
    pub theme: Theme,
    /// The screen in front.
    pub screen: Screen,
    /// The Routines tab: the highlighted row and the find field.
    pub routines: super::routines::RoutinesTab,
    /// Whether the help overlay is open.
    pub help: bool,
    /// How far the help overlay is scrolled.
    pub help_scroll: u16,
    /// Set when the app should exit.
    pub quit: bool,
    /// Bells to ring after the next draw.
    pub bells: u32,
    /// Desktop notifications to send after the next draw: (title, body).
    pub notifications: Vec<(String, String)>,
    /// The moment of the last update; what the screens draw against.
    pub now: Now,
    /// A one-line message for the Routines screen (e.g. a history write that failed).
    pub notice: Option<String>,
    /// The Log tab.
    pub log: LogView,
    /// Every session record, oldest first.
    pub sessions: Vec<SessionRecord>,
    /// Problems met while loading the data files, each naming the file and line.
    pub load_problems: Vec<String>,
    /// The configuration (emergency number, profile).
    pub config: Config,
    /// The red-flag rules in force.
    pub rules: RuleSet,
    /// Every acknowledgement.
    pub acks: Vec<Ack>,
    /// The flags as of the last evaluation.
    pub flags: Flags,
    /// The Flags tab: the highlight, the question, the emergency a save raised.
    pub flags_tab: super::flags::FlagsTab,
    /// How far the detail pane (Routines, Flags) is scrolled; back to the top when the
    /// highlighted item or the screen changes.
    pub detail_scroll: u16,
    /// The one-time statement that this is not a diagnosis is showing.
    pub welcome: bool,
    /// `knotless run ROUTINE` on first run: the routine to open once the first-run statement
    /// is dismissed, so the statement never sits over a running countdown.
    start_after_welcome: Option<String>,
    /// The terminal's size at the last draw, to place mouse clicks.
    pub area: ratatui::layout::Rect,
    /// The Breaks tab: timers, the question being asked, outcomes.
    pub breaks: super::breaks::BreaksTab,
    /// Programmes, dose levels and the questions they ask.
    pub programme: ProgrammeView,
    /// The config file, named in the first-run statement.
    pub config_file: std::path::PathBuf,
    /// The minute the flags were last evaluated in.
    flags_minute: i64,
    /// The History tab: its month and statistics.
    pub history: super::history::HistoryTab,
    /// Where sessions and breaks are recorded.
    pub(super) history_file: JsonlStore,
    pub(super) symptom_log: SymptomLog,
    pub(super) ack_log: AckLog,
    pub(super) data_dir: std::path::PathBuf,
    /// The weekly check-in and the report key (see [`super::appointment`]).
    pub appointment: super::appointment::Appointment,
}

/// The file whose presence means the first-run statement has been shown.
pub const WELCOME_SEEN: &str = "welcome-seen";

pub use super::routines::Entry;

impl App {
    /// A new app on the Routines screen (or straight in the runner for `start`), with the data
    /// files of `data_dir` loaded.
    pub fn new(
        library: Library,
        theme: Theme,
        data_dir: &Path,
        start: Option<&str>,
        now: Now,
    ) -> App {
        let history_file = history::store(data_dir);
        let symptom_log = SymptomLog::new(data_dir);
        let mut load_problems = Vec::new();
        let (entries, rejected) = match symptom_log.load() {
            Ok(c) => {
                describe_rejected(
                    symptom_log.store(),
                    &c.rejected,
                    &c.notes,
                    &mut load_problems,
                );
                (c.entries, c.rejected)
            }
            Err(e) => {
                load_problems.push(e.to_string());
                (Vec::new(), Vec::new())
            }
        };
        let (sessions, breaks_done) = match history::load(&history_file) {
            Ok(loaded) => {
                describe_rejected(
                    &history_file,
                    &loaded.rejected,
                    &loaded.notes,
                    &mut load_problems,
                );
                (loaded.sessions, loaded.breaks)
            }
            Err(e) => {
                load_problems.push(e.to_string());
                (Vec::new(), Vec::new())
            }
        };
        let ack_log = AckLog::new(data_dir);
        let acks = match ack_log.load() {
            Ok(loaded) => {
                describe_rejected(
                    ack_log.store(),
                    &loaded.rejected,
                    &loaded.notes,
                    &mut load_problems,
                );
                loaded.records
            }
            Err(e) => {
                load_problems.push(e.to_string());
                Vec::new()
            }
        };
        // Under a programme each routine runs at its dose level. Its texts are made safe for
        // the screen once, here (see `untrusted`).
        let library = super::untrusted::library(library);
        let programme = ProgrammeView::load(&library, data_dir, None);
        let library = programme.dosed(now.wall.date_naive());
        let appointment = super::appointment::Appointment::load(data_dir, &mut load_problems);
        let mut app = App {
            appointment,
            programme,
            area: ratatui::layout::Rect::new(0, 0, 80, 24),
            breaks: super::breaks::BreaksTab::new(
                Scheduler::new(Config::default().break_plans(&library), &now),
                breaks_done,
            ),
            config: Config::default(),
            rules: RuleSet::bundled(),
            acks,
            flags: Flags::default(),
            flags_tab: super::flags::FlagsTab::default(),
            detail_scroll: 0,
            welcome: !data_dir.join(WELCOME_SEEN).exists(),
            start_after_welcome: None,
            flags_minute: i64::MIN,
            config_file: std::path::PathBuf::from("~/.config/knotless/config.toml"),
            ack_log,
            data_dir: data_dir.to_path_buf(),
            log: LogView::new(entries, rejected),
            history: super::history::HistoryTab::new(now.wall.date_naive()),
            sessions,
            load_problems,
            symptom_log,
            library,
            theme,
            screen: Screen::Routines,
            routines: super::routines::RoutinesTab::default(),
            help: false,
            help_scroll: 0,
            quit: false,
            bells: 0,
            notifications: Vec::new(),
            now,
            notice: None,
            history_file,
        };
        app.refresh_flags();
        app.select_next_planned();
        if let Some(index) =
            start.and_then(|id| app.library.routines.iter().position(|r| r.id == id))
        {
            app.routines.selected = index;
            if app.welcome {
                app.start_after_welcome = Some(app.library.routines[index].id.clone());
            } else {
                app.open_selected(now);
            }
        }
        app
    }

    /// The app with this configuration and these rules (problems in the user's rule file are
    /// reported like unreadable data lines; the bundled rules still apply).
    pub fn with_safety(mut self, config: Config, rules: RuleSet, config_file: &Path) -> App {
        self.config_file = config_file.to_path_buf();
        for problem in &rules.problems {
            self.load_problems.push(format!(
                "{} (your red-flag rules were not loaded; the bundled ones apply)",
                problem.headline()
            ));
        }
        let today = self.now.wall.date_naive();
        self.programme = ProgrammeView::load(
            &self.programme.written,
            &self.data_dir,
            config_file.parent(),
        );
        self.programme.limits = DoseLimits::for_birth_year(config.profile.birth_year, today);
        self.load_problems.append(&mut self.programme.problems);
        self.library = self.programme.dosed(today);
        self.breaks.scheduler = Scheduler::new(config.break_plans(&self.library), &self.now);
        self.theme = self.theme.with_palette(config.theme);
        self.config = super::untrusted::config(config);
        if matches!(self.screen, Screen::Routines) {
            self.select_next_planned();
        }
        self.rules = super::untrusted::rules(rules);
        self.refresh_flags();
        if let Screen::Runner(runner) = &self.screen {
            // Opened straight into a routine: the gate applies with these rules too.
            if matches!(runner.stage, Stage::Briefing { .. } | Stage::PainBefore(_)) {
                // At its dose level when a programme runs (the library was dosed just above).
                let routine = self
                    .library
                    .get(&runner.routine.id)
                    .cloned()
                    .unwrap_or_else(|| runner.routine.clone());
                self.start(routine, self.now);
            }
        }
        self
    }

    /// Whether a question is open that any key answers ("any other key: no").
    fn awaits_any_key(&self) -> bool {
        match &self.screen {
            Screen::Flags => self.flags_tab.confirm_ack,
            Screen::Runner(runner) => runner.confirm_stop,
            Screen::Log => matches!(&self.log.mode, LogMode::Form(f) if f.confirm_discard),
            _ => false,
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
        self.flags_minute = self.now.wall.timestamp().div_euclid(60);
        self.flags_tab.clamp(&self.flags);
    }

    /// `!`: the Flags screen on the most severe flag, the one the warning bar names, so that
    /// "what to do" and "I have had this checked" are about it.
    fn open_flags(&mut self) {
        self.screen = Screen::Flags;
        self.flags_tab.selected = 0;
        self.detail_scroll = 0;
    }

    /// The highlighted flag on the Flags screen.
    pub fn selected_flag(&self) -> Option<&Flag> {
        self.flags_tab.selected_flag(&self.flags)
    }

    /// The emergency number, or the default wording.
    pub fn emergency_number(&self) -> Option<&str> {
        self.config.emergency_number.as_deref()
    }

    fn acknowledge_selected(&mut self) {
        let Some(flag) = self.selected_flag() else {
            return;
        };
        let id = flag.rule.id.clone();
        match self.ack_log.acknowledge(&id, self.now.wall) {
            Ok(ack) => self.acks.push(ack),
            Err(e) => self.notice = Some(format!("The acknowledgement was not saved: {e}")),
        }
        self.refresh_flags();
        // The highlight follows the flag, now muted, so that `u` at once takes it back.
        self.flags_tab.highlight(&self.flags, &id);
    }

    /// `u` on a muted flag: takes its acknowledgement back, so it shows as active again.
    fn withdraw_selected_ack(&mut self) {
        let Some(flag) = self.selected_flag().filter(|f| f.acknowledged.is_some()) else {
            return;
        };
        let id = flag.rule.id.clone();
        let Some(ack) = crate::flags::acks::in_force(&self.acks, &id, self.now.wall).cloned()
        else {
            return;
        };
        match self.ack_log.withdraw(&ack.id) {
            Ok(()) => {
                self.acks.retain(|a| a.id != ack.id);
                self.notice = Some("Taken back: the flag shows as active again.".to_owned());
            }
            Err(e) => self.notice = Some(format!("The acknowledgement was not taken back: {e}")),
        }
        self.refresh_flags();
        // Keep the highlight on the same flag, now among the active ones.
        self.flags_tab.highlight(&self.flags, &id);
    }

    fn dismiss_welcome(&mut self, now: Now) {
        self.welcome = false;
        if let Some(routine) = self
            .start_after_welcome
            .take()
            .and_then(|id| self.library.get(&id).cloned())
        {
            self.start(routine, now);
        }
        // Best effort: if it cannot be written, the statement shows again next time.
        if crate::store::create_private_dir(&self.data_dir).is_ok() {
            // Private like every file in the data folder (0600).
            use std::os::unix::fs::OpenOptionsExt;
            let _ = std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .mode(0o600)
                .open(self.data_dir.join(WELCOME_SEEN));
        }
    }

    /// Opens `routine` in the runner, behind its gate when flags, numb skin or recent heat hold
    /// it back.
    pub(super) fn start(&mut self, routine: crate::routine::Routine, now: Now) {
        let gate = Gate::for_routine(
            &routine,
            &self.flags,
            &self.log.entries,
            &self.sessions,
            now.wall,
        );
        let setup = Setup {
            gate,
            cues: self.config.cues,
            age: self
                .config
                .profile
                .birth_year
                .map(|born| now.wall.year() - born),
        };
        self.screen = Screen::Runner(Box::new(Runner::open(routine, setup, now)));
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

    fn switch_tab(&mut self, forward: bool) {
        let at = Tab::ALL.iter().position(|t| *t == self.tab()).unwrap_or(0);
        let n = Tab::ALL.len();
        let next = Tab::ALL[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }];
        self.screen = next.screen();
    }

    /// The programme's question to show now: on the Routines screen (where Today is), never
    /// over a break question or an emergency; one asked after a log entry waits there.
    pub fn programme_prompt(&self) -> Option<&super::programme::Prompt> {
        let free = matches!(self.screen, Screen::Routines)
            && self.breaks.prompt.is_none()
            && self.flags_tab.raised_on_save.is_empty()
            && !self.welcome;
        self.programme.prompts.first().filter(|_| free)
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

    /// Whether a due break may take over the screen now: not over a session, a form being
    /// filled in, a question or the first-run statement.
    /// Writes the report of the last 90 days into `reports/` in the data folder (private, and
    /// the same place wherever the app was started from) and says where; `open` opens it in the
    /// browser too.
    fn write_report(&mut self, open: bool) {
        let names = self
            .library
            .routines
            .iter()
            .map(|r| (r.id.clone(), r.name.clone()))
            .collect();
        let inputs = crate::report::Inputs {
            entries: &self.log.entries,
            sessions: &self.sessions,
            breaks: &self.breaks.done,
            checkins: &self.appointment.checkins,
            acks: &self.acks,
            rules: &self.rules.rules,
            profile: &self.config.profile,
            show_profile: true,
            plan: &self.config.plan,
            routine_names: &names,
            emergency_number: self.config.emergency_number.as_deref(),
            programme: &self.programme.records,
        };
        let folder = self.data_dir.join("reports");
        let written = super::appointment::write_report(&inputs, &folder, self.now.wall);
        self.appointment.notice = Some(match written {
            Ok(path) => {
                let shown = crate::text::visible(&path.display().to_string()).into_owned();
                match open.then(|| crate::report::open_in_browser(&path)) {
                    Some(Err(e)) => {
                        format!("Report written to {shown}; it could not be opened: {e}")
                    }
                    Some(Ok(())) => format!("Report written to {shown} and opened"),
                    None => format!("Report written to {shown}"),
                }
            }
            Err(e) => format!("The report was not written: {e}"),
        });
    }

    fn can_offer_break(&self) -> bool {
        !self.welcome
            && self.flags_tab.raised_on_save.is_empty()
            && self.breaks.prompt.is_none()
            && !self.flags_tab.confirm_ack
            && match &self.screen {
                Screen::Runner(_) => false,
                Screen::Log => self.log.is_idle(),
                _ => true,
            }
    }

    fn answer_break(&mut self, prompt: BreakPrompt, msg: Msg, now: Now) {
        let snooze = self.config.cues.snooze;
        match self
            .breaks
            .answer(prompt, msg, now, snooze, &self.library, &self.history_file)
        {
            super::breaks::BreakAnswer::Nothing => {}
            super::breaks::BreakAnswer::Start(routine) => self.start(*routine, now),
            super::breaks::BreakAnswer::NotSaved(notice) => self.notice = Some(notice),
        }
    }

    fn open_selected(&mut self, now: Now) {
        if let Some(Entry::Routine(i)) = self.selected_entry() {
            let routine = self.library.routines[i].clone();
            self.start(routine, now);
        }
    }
}

/// Scrolls the detail pane `by` lines, up to `max`; whether it moved.
fn scroll_detail(app: &mut App, down: bool, by: u16, max: u16) -> bool {
    let before = app.detail_scroll.min(max);
    app.detail_scroll = if down {
        before.saturating_add(by).min(max)
    } else {
        before.saturating_sub(by)
    };
    app.detail_scroll != before
}

/// Applies one message at `now`; returns whether the screen needs redrawing.
pub fn update(app: &mut App, msg: Msg, now: Now) -> bool {
    let new_day = now.wall.date_naive() != app.now.wall.date_naive();
    app.now = now;
    if new_day {
        // Past midnight: Today is the new day's plan, highlighted afresh.
        if matches!(app.screen, Screen::Routines) {
            app.select_next_planned();
        }
        update(app, msg, now);
        return true;
    }
    // What the detail pane shows: the highlighted routine, and the highlighted flag by identity
    // (acknowledging one moves another into its place in the list).
    let showing = |app: &App| {
        (
            app.tab(),
            matches!(app.screen, Screen::Runner(_)),
            app.routines.selected,
            app.selected_flag()
                .map(|f| (f.rule.id.clone(), f.acknowledged.is_some())),
        )
    };
    let before = showing(app);
    let mut redraw = update_screen(app, msg, now);
    if showing(app) != before {
        app.detail_scroll = 0;
    }
    // Break timers run whatever the screen; a due break takes over when it can.
    app.breaks.scheduler.tick(&now);
    if app.can_offer_break()
        && let Some(i) = app.breaks.scheduler.due(&now)
    {
        app.breaks.prompt = Some(BreakPrompt::Due(i));
        // A due break comes first; the check-in is offered again afterwards.
        app.appointment.prompt = None;
        app.screen = Screen::Breaks;
        app.help = false;
        app.bells += 1;
        if app.config.cues.notify {
            let routine = &app.breaks.scheduler.plans()[i].routine;
            let name = app
                .library
                .get(routine)
                .map_or(routine.as_str(), |r| r.name.as_str());
            app.notifications
                .push(("Time for a break".to_owned(), format!("{name} — knotless")));
        }
        redraw = true;
    }
    // The weekly check-in, between things: never over a session, a form or a due break.
    let between_things = app.can_offer_break()
        && !app.help
        && match &app.screen {
            Screen::Log => matches!(app.log.mode, LogMode::List) && app.log.filter.focus.is_none(),
            Screen::Routines => app.appointment.after_session,
            _ => false,
        };
    redraw |= app.appointment.offer_if_due(between_things, now.wall);
    // The flags follow the log, acknowledgements and the passing of time (windows close).
    if msg != Msg::Tick || now.wall.timestamp().div_euclid(60) != app.flags_minute {
        let before = app.flags.clone();
        app.refresh_flags();
        return redraw || app.flags != before;
    }
    redraw
}

fn update_screen(app: &mut App, msg: Msg, now: Now) -> bool {
    let overlay = app.welcome
        || app.help
        || app.breaks.prompt.is_some()
        || !app.flags_tab.raised_on_save.is_empty();
    let msg = match msg {
        Msg::ScrollUp | Msg::ScrollDown if !overlay => {
            return match super::view::detail_room(app, app.area) {
                Some((page, max)) => scroll_detail(app, msg == Msg::ScrollDown, page, max),
                None => false,
            };
        }
        Msg::Wheel(col, row, down) => match super::view::detail_room_at(app, app.area, col, row) {
            Some(max) if !overlay => return scroll_detail(app, down, 3, max),
            _ if down => Msg::Down,
            _ => Msg::Up,
        },
        msg => msg,
    };
    if app.welcome {
        match msg {
            Msg::Tick => return false,
            Msg::Resize => return true,
            Msg::ForceQuit => app.quit = true,
            _ => app.dismiss_welcome(now),
        }
        return true;
    }
    if !app.flags_tab.raised_on_save.is_empty() {
        return match app.flags_tab.answer_raised(msg, &app.flags) {
            super::flags::RaisedKey::Open => {
                app.screen = Screen::Flags;
                app.detail_scroll = 0;
                true
            }
            super::flags::RaisedKey::Quit => {
                app.quit = true;
                true
            }
            super::flags::RaisedKey::Done(redraw) => redraw,
        };
    }
    if app.programme_prompt().is_some() && !app.help {
        return match msg {
            Msg::ForceQuit => {
                app.quit = true;
                true
            }
            Msg::Resize => true,
            _ => match app.programme.answer(msg, now.wall) {
                Some(changed) => {
                    if changed {
                        app.library = app.programme.dosed(now.wall.date_naive());
                        app.select_next_planned();
                    }
                    true
                }
                None => false,
            },
        };
    }
    if let Some(redraw) = super::help::update(app, msg) {
        return redraw;
    }
    // A key with no action only matters where any key answers.
    if msg == Msg::Other && !app.awaits_any_key() {
        return false;
    }
    let tab_keys_free = match &app.screen {
        Screen::Routines | Screen::History => true,
        Screen::Breaks => app.breaks.prompt.is_none(),
        Screen::Flags => !app.flags_tab.confirm_ack,
        Screen::Log => app.log.is_idle(),
        Screen::Runner(_) => false,
    };
    if tab_keys_free && matches!(msg, Msg::Tab | Msg::BackTab) {
        app.switch_tab(msg == Msg::Tab);
        return true;
    }
    if let Some(prompt) = app.breaks.prompt {
        if msg == Msg::ForceQuit {
            app.quit = true;
        } else if msg != Msg::Tick {
            app.answer_break(prompt, msg, now);
        }
        return msg != Msg::Tick;
    }
    // The word about the report or the check-in lasts until the next key; that key still acts.
    if !matches!(msg, Msg::Tick | Msg::Resize) {
        app.appointment.notice = None;
    }
    if app.appointment.prompt.is_some() {
        match msg {
            Msg::ForceQuit => app.quit = true,
            Msg::Tick => return false,
            msg => app.appointment.update(msg, now.wall),
        }
        return true;
    }
    if let Msg::Click(col, row) = msg {
        // The warning bar opens the Flags screen on the flag it names, like `!`.
        if tab_keys_free && super::view::on_flag_bar(app, app.area, row) {
            app.open_flags();
            return true;
        }
        if tab_keys_free && let Some(tab) = super::view::tab_at(app, app.area, col, row) {
            app.screen = tab.screen();
            return true;
        }
        if app.log.is_idle()
            && let Some(n) = super::view::log_entry_at(app, app.area, row)
        {
            app.log.selected = n;
            return true;
        }
        if !app.flags_tab.confirm_ack
            && let Some(n) = super::view::flag_at(app, app.area, col, row)
        {
            app.flags_tab.selected = n;
            return true;
        }
        if let Some(n) = super::view::routine_at(app, app.area, col, row) {
            // A click on the highlighted routine starts it, like Enter.
            if n == app.routines.selected {
                app.open_selected(now);
            }
            app.routines.selected = n;
            return true;
        }
        return false;
    }
    if tab_keys_free && msg == Msg::Flags {
        app.open_flags();
        return true;
    }
    match &mut app.screen {
        Screen::Log
            if matches!(msg, Msg::Report | Msg::ReportOpen)
                && matches!(app.log.mode, LogMode::Review { .. }) =>
        {
            app.write_report(msg == Msg::ReportOpen);
        }
        Screen::Log => match msg {
            Msg::ForceQuit => {
                app.log.update(msg, now, &app.symptom_log);
                app.quit = true;
            }
            Msg::Quit if app.log.is_idle() => app.quit = true,
            Msg::Cancel
                if app.log.is_idle()
                    && matches!(app.log.mode, LogMode::List)
                    && !app.log.filter.is_active() =>
            {
                app.screen = Screen::Routines;
            }
            Msg::Tick => return false,
            _ => {
                app.log.update(msg, now, &app.symptom_log);
                // An entry that raises an emergency shows it at once, not only in the bar.
                if let Some(id) = app.log.just_saved.take() {
                    app.refresh_flags();
                    app.flags_tab.raised_on_save = super::flags::raised_by(&app.flags, &id);
                    let ratings: Vec<_> = app.log.entries.iter().map(|e| (e.at, e.pain)).collect();
                    if let Some(pain) = app.log.entries.iter().find(|e| e.id == id).map(|e| e.pain)
                        && app
                            .programme
                            .after_log(pain, &ratings, &app.flags, now.wall)
                    {
                        app.library = app.programme.dosed(now.wall.date_naive());
                    }
                }
            }
        },
        Screen::Flags => match app.flags_tab.update(msg, &app.flags) {
            super::flags::FlagsKey::Done(redraw) => return redraw,
            super::flags::FlagsKey::Acknowledge => app.acknowledge_selected(),
            super::flags::FlagsKey::Withdraw => app.withdraw_selected_ack(),
            super::flags::FlagsKey::Back => app.screen = Screen::Routines,
            super::flags::FlagsKey::Quit => app.quit = true,
        },
        Screen::Breaks => match msg {
            Msg::Quit | Msg::ForceQuit => app.quit = true,
            Msg::Cancel => app.screen = Screen::Routines,
            Msg::Tick => return true,
            _ => {}
        },
        // Esc goes back to Routines from the other tabs and never quits: only `q` does.
        Screen::History => match msg {
            Msg::Report | Msg::ReportOpen => app.write_report(msg == Msg::ReportOpen),
            Msg::Quit | Msg::ForceQuit => app.quit = true,
            Msg::Cancel => app.screen = Screen::Routines,
            Msg::Tick => return false,
            msg => return app.history.update(msg, app.now.wall.date_naive()),
        },
        Screen::Routines => match app.routines.update(msg, &app.library) {
            super::routines::RoutinesKey::Done(redraw) => return redraw,
            super::routines::RoutinesKey::Open => {
                app.notice = None;
                app.open_selected(now);
            }
            super::routines::RoutinesKey::Quit => app.quit = true,
        },
        Screen::Runner(runner) => {
            let effect = runner.update(msg, now);
            // The session as it goes: a start record and one per step done, so a killed app
            // leaves an interrupted session with what was done (the final record replaces them).
            for record in std::mem::take(&mut runner.journal) {
                if let Err(e) = history::record_session(&app.history_file, record.clone()) {
                    app.notice = Some(format!("The session could not be recorded: {e}"));
                }
                app.sessions.retain(|s| s.id != record.id);
                app.sessions.push(record);
            }
            match effect {
                Effect::None => {}
                Effect::Bell => app.bells += 1,
                Effect::Exit => {
                    app.screen = Screen::Routines;
                    if msg == Msg::ForceQuit {
                        app.quit = true;
                    } else if app.breaks.routine_ended() {
                        app.screen = Screen::Breaks;
                    } else {
                        app.select_next_planned();
                        app.appointment.after_session = true;
                    }
                }
                Effect::OpenFlags => app.open_flags(),
                Effect::LogEntry(pain) => {
                    app.screen = Screen::Log;
                    app.log.add(now);
                    if let Some(pain) = pain {
                        app.log.set_pain(pain);
                    }
                }
                Effect::Save(record) => {
                    let saved = history::record_session(&app.history_file, record.clone())
                        .map_err(|e| e.to_string());
                    // It happened even if it could not be written (the heat rest counts it).
                    app.sessions.retain(|s| s.id != record.id);
                    app.sessions.push(record.clone());
                    if let Err(e) = &saved {
                        app.notice = Some(format!("The session was not saved: {e}"));
                    }
                    // The programme answers: a dose offer, a step back, or the flare plan.
                    if saved.is_ok()
                        && app
                            .programme
                            .after_session(&record, &app.sessions, &app.flags, now.wall)
                    {
                        app.library = app.programme.dosed(now.wall.date_naive());
                    }
                    app.bells += 1;
                    runner.show_summary(record, saved);
                    if msg == Msg::ForceQuit {
                        app.quit = true;
                    }
                }
            }
        }
    }
    true
}

fn describe_rejected(
    store: &JsonlStore,
    rejected: &[RejectedLine],
    notes: &LoadNotes,
    out: &mut Vec<String>,
) {
    out.extend(store.warnings(rejected, notes));
}
