//! What the screens ask of the app ([`Request`]): start a routine behind its gate, switch tabs,
//! acknowledge a flag or take that back, write the report, record a session, check a saved
//! entry against the flags.

use super::*;
use crate::flags::acks::AckConflict;
use crate::tui::screen::Outcome;

impl App {
    /// "Yes, I have had it checked" about the flag it was asked of. One acknowledged elsewhere
    /// meanwhile (another window, the command line) is not acknowledged twice: under the write
    /// lock the acknowledgement in force must still be the one this app knows.
    fn acknowledge_selected(&mut self) {
        let Some(id) = self.flags_tab.asked.take() else {
            return;
        };
        let now = self.now.wall;
        if let Some(f) = self.flags.acknowledged.iter().find(|f| f.rule.id == id) {
            // Followed in from elsewhere while the question was open.
            let at = f.acknowledged.map(|at| at.format(" at %H:%M").to_string());
            self.flags_tab.message = Some(format!(
                "Already marked as checked{} (in another window or from the command line).",
                at.unwrap_or_default()
            ));
        } else {
            let seen = crate::flags::acks::in_force(&self.acks, &id, now).map(|a| a.id.clone());
            match self.ack_log.acknowledge(&id, now, seen.as_deref()) {
                Ok(Ok(ack)) => self.acks.push(ack),
                Ok(Err(AckConflict::Acknowledged(ack))) => {
                    self.flags_tab.message = Some(format!(
                        "Already marked as checked at {} (in another window or from the command \
                         line).",
                        ack.at.format("%H:%M")
                    ));
                    if !self.acks.iter().any(|a| a.id == ack.id) {
                        self.acks.push(ack);
                    }
                }
                Ok(Err(AckConflict::Changed(_))) => {
                    self.flags_tab.message = Some(
                        "Not saved: its acknowledgement changed elsewhere meanwhile; look again."
                            .to_owned(),
                    );
                }
                Err(e) => {
                    self.flags_tab.message = Some(format!("The acknowledgement was not saved: {e}"))
                }
            }
        }
        self.refresh_flags();
        // The highlight follows the flag, now muted, so that `u` at once takes it back.
        self.flags_tab.highlight(&self.flags, &self.lapsed, &id);
    }

    /// `u` on a muted flag: takes back every acknowledgement that mutes it, so it shows as
    /// active again — only if the one in force is still the one shown.
    fn withdraw_selected_ack(&mut self) {
        let Some(flag) = self.selected_flag().filter(|f| f.acknowledged.is_some()) else {
            return;
        };
        let id = flag.rule.id.clone();
        let Some(ack) = crate::flags::acks::in_force(&self.acks, &id, self.now.wall).cloned()
        else {
            return;
        };
        match self.ack_log.withdraw(&id, self.now.wall, &ack.id) {
            Ok(Ok(taken)) => {
                self.acks.retain(|a| !taken.iter().any(|t| t.id == a.id));
                self.flags_tab.message =
                    Some("Taken back: the flag shows as active again.".to_owned());
            }
            Ok(Err(conflict)) => {
                self.flags_tab.message = Some(match conflict {
                    AckConflict::Changed(None) => {
                        "Already taken back elsewhere (another window or the command line)."
                            .to_owned()
                    }
                    AckConflict::Acknowledged(a) | AckConflict::Changed(Some(a)) => format!(
                        "Not taken back: it was marked as checked again elsewhere at {}; look \
                         again.",
                        a.at.format("%H:%M")
                    ),
                });
            }
            Err(e) => {
                self.flags_tab.message =
                    Some(format!("The acknowledgement was not taken back: {e}"))
            }
        }
        self.refresh_flags();
        // Keep the highlight on the same flag, now among the active ones.
        self.flags_tab.highlight(&self.flags, &self.lapsed, &id);
    }

    /// Opens `routine` in the runner, behind its gate when flags, numb skin or recent heat hold
    /// it back.
    pub(in crate::tui) fn start(&mut self, routine: crate::routine::Routine, now: Now) {
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
            person: crate::routine::adapt::Person::new(
                self.config
                    .profile
                    .birth_year
                    .map(|born| now.wall.year() - born),
                &self.config.profile.conditions,
            ),
        };
        self.screen = Screen::Runner(Box::new(Runner::open(routine, setup, now)));
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
            programmes: &self.programme.programmes,
        };
        let folder = self.data_dir.join("reports");
        let written = crate::tui::appointment::write_report(&inputs, &folder, self.now.wall);
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

    /// A due break's question answered with `msg`.
    pub(in crate::tui) fn answer_break(&mut self, prompt: BreakPrompt, msg: Msg, now: Now) {
        let snooze = self.config.cues.snooze;
        let outcome =
            self.breaks
                .answer(prompt, msg, now, snooze, &self.library, &self.history_file);
        if let Outcome::Request(request) = outcome {
            self.apply(request, msg, now);
        }
    }

    /// After the picker started or stopped a programme: the routines at their new levels and
    /// Today's first routine highlighted at once (as when `programme.jsonl` is followed), and
    /// what happened, or why nothing did, in the notice.
    fn programme_changed(&mut self, said: Result<String, String>, now: Now) {
        self.library = self.programme.dosed(now.wall.date_naive());
        self.routines.clamp(&self.library);
        self.select_next_planned();
        self.detail_scroll = 0;
        self.notice = Some(said.unwrap_or_else(|e| e));
    }

    pub(in crate::tui) fn open_selected(&mut self, now: Now) {
        if let Some(Entry::Routine(i)) = self.selected_entry() {
            let routine = self.library.routines[i].clone();
            self.start(routine, now);
        }
    }

    /// A log entry was saved: an emergency it raises shows at once, in full, not only in the
    /// bar; the programme hears of its pain rating.
    fn after_log_save(&mut self, id: &str, now: Now) {
        let before = std::mem::take(&mut self.flags);
        self.refresh_flags();
        self.flags_tab.raised_on_save = crate::tui::flags::raised_by(&before, &self.flags, id);
        let ratings: Vec<_> = self.log.entries.iter().map(|e| (e.at, e.pain)).collect();
        if let Some(pain) = self.log.entries.iter().find(|e| e.id == id).map(|e| e.pain)
            && self
                .programme
                .after_log(pain, &ratings, &self.flags, now.wall)
        {
            self.library = self.programme.dosed(now.wall.date_naive());
        }
    }

    /// The session as it goes: a start record and one per step done, so a killed app leaves an
    /// interrupted session with what was done (the final record replaces them).
    fn record_journal(&mut self, journal: Vec<SessionRecord>) {
        for record in journal {
            if let Err(e) = history::record_session(&self.history_file, record.clone()) {
                self.notice = Some(format!("The session could not be recorded: {e}"));
            }
            self.sessions.retain(|s| s.id != record.id);
            self.sessions.push(record);
        }
    }

    /// What a screen asked for after `msg`.
    pub(in crate::tui) fn apply(&mut self, request: Request, msg: Msg, now: Now) {
        match request {
            Request::Quit => self.quit = true,
            Request::Show(tab) => {
                self.screen = tab.screen();
                self.detail_scroll = 0;
            }
            Request::SwitchTab(forward) => self.switch_tab(forward),
            Request::OpenFlags => self.open_flags(),
            Request::StartSelected => {
                self.notice = None;
                self.open_selected(now);
            }
            Request::Start(routine) => self.start(*routine, now),
            Request::Report(open) => self.write_report(open),
            Request::LogSaved(id) => self.after_log_save(&id, now),
            Request::LogEntry(pain) => {
                self.screen = Screen::Log;
                self.log.add(now);
                if let Some(pain) = pain {
                    self.log.set_pain(pain);
                }
            }
            Request::Acknowledge => self.acknowledge_selected(),
            Request::Withdraw => self.withdraw_selected_ack(),
            Request::Notice(notice) => self.notice = Some(notice),
            Request::StartProgramme(id) => {
                let said = self.programme.start(&id, now.wall);
                self.programme_changed(said, now);
            }
            Request::StopProgramme => {
                let said = self.programme.stop(now.wall);
                self.programme_changed(said, now);
            }
            Request::Progress(journal, bell) => {
                self.record_journal(journal);
                if bell {
                    self.bells += 1;
                }
            }
            Request::LeaveRunner => {
                self.screen = Screen::Routines;
                if msg == Msg::ForceQuit {
                    self.quit = true;
                } else if self.breaks.routine_ended() {
                    self.screen = Screen::Breaks;
                } else {
                    self.select_next_planned();
                    self.appointment.after_session = true;
                }
            }
            Request::SaveSession(record) => {
                let saved = history::record_session(&self.history_file, record.clone())
                    .map_err(|e| e.to_string());
                // It happened even if it could not be written (the heat rest counts it).
                self.sessions.retain(|s| s.id != record.id);
                self.sessions.push(record.clone());
                if let Err(e) = &saved {
                    self.notice = Some(format!("The session was not saved: {e}"));
                }
                // The programme answers: a dose offer, a step back, or the flare plan.
                let ratings: Vec<_> = self.log.entries.iter().map(|e| (e.at, e.pain)).collect();
                if saved.is_ok()
                    && self.programme.after_session(
                        &record,
                        &self.sessions,
                        &ratings,
                        &self.flags,
                        now.wall,
                    )
                {
                    self.library = self.programme.dosed(now.wall.date_naive());
                }
                self.bells += 1;
                if let Screen::Runner(runner) = &mut self.screen {
                    runner.show_summary(record, saved);
                }
                if msg == Msg::ForceQuit {
                    self.quit = true;
                }
            }
        }
    }
}
