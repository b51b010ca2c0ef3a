//! What the tabs ask of the app's records: start a routine behind its gate, answer a break,
//! acknowledge a flag or take that back, write the report.

use super::*;

impl App {
    pub(super) fn acknowledge_selected(&mut self) {
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
    pub(super) fn withdraw_selected_ack(&mut self) {
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
            age: self
                .config
                .profile
                .birth_year
                .map(|born| now.wall.year() - born),
        };
        self.screen = Screen::Runner(Box::new(Runner::open(routine, setup, now)));
    }

    /// Whether a due break may take over the screen now: not over a session, a form being
    /// filled in, a question or the first-run statement.
    /// Writes the report of the last 90 days into `reports/` in the data folder (private, and
    /// the same place wherever the app was started from) and says where; `open` opens it in the
    /// browser too.
    pub(super) fn write_report(&mut self, open: bool) {
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

    pub(super) fn answer_break(&mut self, prompt: BreakPrompt, msg: Msg, now: Now) {
        let snooze = self.config.cues.snooze;
        match self
            .breaks
            .answer(prompt, msg, now, snooze, &self.library, &self.history_file)
        {
            crate::tui::breaks::BreakAnswer::Nothing => {}
            crate::tui::breaks::BreakAnswer::Start(routine) => self.start(*routine, now),
            crate::tui::breaks::BreakAnswer::NotSaved(notice) => self.notice = Some(notice),
        }
    }

    pub(super) fn open_selected(&mut self, now: Now) {
        if let Some(Entry::Routine(i)) = self.selected_entry() {
            let routine = self.library.routines[i].clone();
            self.start(routine, now);
        }
    }
}
