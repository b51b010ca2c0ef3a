//! Opening the app: the data files loaded (problems reported by file and line, never fatal), the
//! configuration and rules applied, and the first-run statement.

use super::*;

impl App {
    /// A new app on the Routines screen (or straight in the runner for `start`), with the data
    /// files of `data_dir` loaded (the log read whole: see [`App::open`]).
    pub fn new(
        library: Library,
        theme: Theme,
        data_dir: &Path,
        start: Option<&str>,
        now: Now,
    ) -> App {
        let paths = crate::paths::Paths {
            data_dir: data_dir.to_path_buf(),
            config_file: std::path::PathBuf::new(),
            extra_routine_dirs: Vec::new(),
            cache_dir: None,
        };
        App::open(library, theme, &paths, start, now)
    }

    /// [`App::new`] on the data folder of `paths`, reading the log through its snapshot in the
    /// cache folder when `paths` has one (see `symptoms::snapshot`).
    pub fn open(
        library: Library,
        theme: Theme,
        paths: &crate::paths::Paths,
        start: Option<&str>,
        now: Now,
    ) -> App {
        let data_dir = paths.data_dir.as_path();
        let history_file = history::store(data_dir);
        let symptom_log = SymptomLog::new(data_dir);
        let ack_log = AckLog::new(data_dir);
        // The data files, read once by the workspace (the settings come in `with_safety`).
        let paths = crate::paths::Paths {
            config_file: std::path::PathBuf::new(),
            extra_routine_dirs: Vec::new(),
            ..paths.clone()
        };
        let parts = crate::workspace::Parts {
            log: true,
            history: true,
            acks: true,
            ..crate::workspace::Parts::NONE
        };
        let ws = crate::workspace::Workspace::load_parts(&paths, now.wall.date_naive(), parts);
        let mut following = super::following::Following::new(&ws);
        let (entries, rejected) = (ws.entries, ws.rejected);
        let (sessions, breaks_done, acks) = (ws.sessions, ws.breaks, ws.acks);
        // Under a programme each routine runs at its dose level. Its texts are made safe for
        // the screen once, here (see `untrusted`).
        let library = crate::tui::untrusted::library(library);
        let programme = ProgrammeView::load(&library, data_dir, None);
        let library = programme.dosed(now.wall.date_naive());
        let appointment = crate::tui::appointment::Appointment::load(
            data_dir,
            following.problems_of(super::following::Source::Checkins),
        );
        let load_problems = following.gathered();
        let mut app = App {
            appointment,
            programme,
            area: ratatui::layout::Rect::new(0, 0, 80, 24),
            breaks: crate::tui::breaks::BreaksTab::new(
                Scheduler::new(Config::default().break_plans(&library), &now),
                breaks_done,
            ),
            config: Config::default(),
            rules: RuleSet::bundled(),
            acks,
            flags: Flags::default(),
            lapsed: Vec::new(),
            flags_tab: crate::tui::flags::FlagsTab::default(),
            detail_scroll: 0,
            welcome: !data_dir.join(WELCOME_SEEN).exists(),
            start_after_welcome: None,
            flags_minute: i64::MIN,
            config_file: std::path::PathBuf::from("~/.config/knotless/config.toml"),
            ack_log,
            data_dir: data_dir.to_path_buf(),
            log: LogView::new(entries, rejected),
            history: crate::tui::history::HistoryTab::new(now.wall.date_naive()),
            sessions,
            load_problems,
            symptom_log,
            library,
            theme,
            screen: Screen::Routines,
            routines: crate::tui::routines::RoutinesTab::default(),
            help: false,
            help_scroll: 0,
            quit: false,
            bells: 0,
            notifications: Vec::new(),
            now,
            notice: None,
            history_file,
            following,
        };
        app.refresh_flags();
        app.select_next_planned();
        // An entry being typed when the app last stopped (kill -9, a crash) is offered back:
        // the form opens on it. Not when a routine was asked for, nor while another window's
        // form is open (it holds the journal's lock).
        if start.is_none()
            && let Some(draft) = crate::symptoms::draft::left_behind(data_dir)
        {
            app.log.restore_draft(&draft, &app.symptom_log, now.wall);
            app.screen = Screen::Log;
        }
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
        let settings = self
            .following
            .problems_of(super::following::Source::Settings);
        for problem in &rules.problems {
            settings.push(super::following::rules_problem(problem));
        }
        let today = self.now.wall.date_naive();
        self.programme = ProgrammeView::load(
            &self.programme.written,
            &self.data_dir,
            config_file.parent(),
        );
        self.programme.limits = DoseLimits::for_profile(&config.profile, today);
        *self
            .following
            .problems_of(super::following::Source::Programme) =
            std::mem::take(&mut self.programme.problems);
        self.load_problems = self.following.gathered();
        self.library = self.programme.dosed(today);
        self.breaks.scheduler = Scheduler::new(config.break_plans(&self.library), &self.now);
        self.theme = self.theme.with_palette(config.theme);
        self.config = crate::tui::untrusted::config(config);
        if matches!(self.screen, Screen::Routines) {
            self.select_next_planned();
        }
        self.rules = crate::tui::untrusted::rules(rules);
        self.refresh_flags();
        if let Screen::Runner(runner) = &self.screen {
            // Opened straight into a routine: the gate applies with these rules too.
            if matches!(runner.stage, Stage::Briefing { .. } | Stage::PainBefore(_)) {
                // At its dose level when a programme runs (the library was dosed just above).
                let routine = self
                    .library
                    .get(&runner.routine.id)
                    .cloned()
                    .unwrap_or_else(|| runner.written.clone());
                self.start(routine, self.now);
            }
        }
        self
    }

    pub(in crate::tui) fn dismiss_welcome(&mut self, now: Now) {
        self.welcome = false;
        if let Some(routine) = self
            .start_after_welcome
            .take()
            .and_then(|id| self.library.get(&id).cloned())
        {
            self.start(routine, now);
        }
        // Best effort: if it cannot be written, the statement shows again next time.
        // Private like every file in the data folder (0600).
        if crate::store::create_private_dir(&self.data_dir).is_ok() {
            let _ = crate::report::write_private(&self.data_dir.join(WELCOME_SEEN), b"");
        }
    }
}
