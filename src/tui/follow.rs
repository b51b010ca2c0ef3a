//! Following the files while the app runs (DESIGN §7): what another process writes — the
//! command line, a second window, a sync tool — shows at once. The event loop calls
//! [`App::follow_files`] when the watcher reports a change; everything is read again, the flags
//! and the gate before a routine are evaluated again, and nothing on screen is disturbed beyond
//! what changed (the highlighted entry stays highlighted, a form being typed stays open, a
//! running session runs on). Writes stay safe by themselves: an edit only replaces the version
//! it was opened on (see [`crate::symptoms::SymptomLog::save_edit`]).

use super::app::{App, Screen};
use super::programme::ProgrammeView;
use super::runner::{Gate, Stage};
use crate::clock::Now;
use crate::config::Config;
use crate::flags::RuleSet;
use crate::paths::Paths;
use crate::routine::Library;

impl App {
    /// Reads the data files, the config, the red-flag rules and the routines again.
    pub fn follow_files(&mut self, paths: &Paths, now: Now) {
        self.now = now;
        let mut problems = Vec::new();
        match self.symptom_log.load() {
            Ok(c) => {
                problems.extend(self.symptom_log.store().warnings(&c.rejected, &c.notes));
                self.log
                    .replace(c.entries, c.rejected, now.wall.date_naive());
            }
            Err(e) => problems.push(e.to_string()),
        }
        match crate::history::load(&self.history_file) {
            Ok(h) => {
                problems.extend(self.history_file.warnings(&h.rejected, &h.notes));
                // A session running here is in the file as it goes; the file agrees with us.
                self.sessions = h.sessions;
                self.breaks.done = h.breaks;
            }
            Err(e) => problems.push(e.to_string()),
        }
        self.appointment.follow(&mut problems, now.wall);
        match self.ack_log.load() {
            Ok(a) => {
                problems.extend(self.ack_log.store().warnings(&a.rejected, &a.notes));
                self.acks = a.records;
            }
            Err(e) => problems.push(e.to_string()),
        }
        let library = Library::load(&paths.routine_dirs());
        match Config::load(&paths.config_file, now.wall.date_naive())
            .and_then(|c| c.check_routines(&library).map(|()| c))
        {
            Ok(config) => {
                if config.breaks != self.config.breaks {
                    self.breaks.scheduler =
                        crate::breaks::Scheduler::new(config.break_plans(&library), &now);
                }
                self.theme = self.theme.with_palette(config.theme);
                self.config = super::untrusted::config(config);
            }
            Err(e) => problems.push(format!(
                "{} (the settings from before stay in force until it is fixed)",
                e.headline()
            )),
        }
        // The programme doses the routines as they are now (and reads its own file again);
        // a question already waiting for the person stays.
        let today = now.wall.date_naive();
        let prompts = std::mem::take(&mut self.programme.prompts);
        self.programme = ProgrammeView::load(
            &super::untrusted::library(library),
            &paths.data_dir,
            paths.config_file.parent(),
        );
        self.programme.limits =
            crate::programme::DoseLimits::for_profile(&self.config.profile, today);
        self.programme.prompts = prompts;
        problems.append(&mut self.programme.problems);
        self.library = self.programme.dosed(today);
        self.routines.clamp(&self.library);
        let rules = RuleSet::load(&paths.red_flags_file());
        for problem in &rules.problems {
            problems.push(format!(
                "{} (your red-flag rules were not loaded; the bundled ones apply)",
                problem.headline()
            ));
        }
        self.rules = super::untrusted::rules(rules);
        self.load_problems = problems;
        self.refresh_flags();
        self.gate_again(now);
    }

    /// A routine not yet running is checked again against the flags, the log and the history
    /// as they are now: an emergency logged elsewhere puts the gate in front of it at once.
    fn gate_again(&mut self, now: Now) {
        let Screen::Runner(runner) = &self.screen else {
            return;
        };
        if !matches!(
            runner.stage,
            Stage::Gate(_) | Stage::Briefing { .. } | Stage::PainBefore(_)
        ) {
            return;
        }
        let gate = Gate::for_routine(
            &runner.routine,
            &self.flags,
            &self.log.entries,
            &self.sessions,
            now.wall,
        );
        let routine = runner.written.clone();
        match (&runner.stage, gate.is_empty()) {
            // Nothing holds it back (any more): a gate that was showing stays until the person
            // moves on; a checklist being ticked is not disturbed.
            (_, true) => {}
            _ => self.start(routine, now),
        }
    }

    /// Pasted text: into the note being typed, or nowhere. Whether to redraw.
    pub fn paste(&mut self, text: &str) -> bool {
        matches!(self.screen, Screen::Log) && self.log.paste(text)
    }
}
