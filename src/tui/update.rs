//! `update`: a message goes to the overlay in front (first-run statement, a raised emergency,
//! the programme's question, help, a due break, the check-in), else to the tab in front; then
//! the break timers, the check-in and the flags catch up.

use super::app::{App, BreakPrompt, Overlay, Screen};
use super::layout;
use super::log::LogMode;
use super::msg::Msg;
use super::screen::{Ctx, Outcome, Request, TabScreen};
use crate::clock::Now;

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
    // Another reminder holding `breaks.lock` asks instead: the tab shows the break due.
    if app.can_offer_break()
        && !app.breaks.follower
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
    let overlay = app.overlay();
    let msg = match msg {
        // The detail pane scrolls when nothing lies over it (the programme picker does).
        Msg::ScrollUp | Msg::ScrollDown if overlay.is_none() && app.routines.picker.is_none() => {
            return match layout::detail_room(app, app.area) {
                Some((page, max)) => scroll_detail(app, msg == Msg::ScrollDown, page, max),
                None => false,
            };
        }
        Msg::Wheel(col, row, down) => match layout::detail_room_at(app, app.area, col, row) {
            Some(max) if overlay.is_none() && app.routines.picker.is_none() => {
                return scroll_detail(app, down, 3, max);
            }
            _ if down => Msg::Down,
            _ => Msg::Up,
        },
        msg => msg,
    };
    // The overlay in front takes the key (see `App::overlays` for the order); `?` opens help
    // over the ones below it.
    match overlay {
        Some(Overlay::Welcome) => {
            match msg {
                Msg::Tick => return false,
                Msg::Resize => return true,
                Msg::ForceQuit => app.quit = true,
                _ => app.dismiss_welcome(now),
            }
            return true;
        }
        Some(Overlay::Raised) => {
            let outcome = app.flags_tab.answer_raised(msg, &app.flags, &app.lapsed);
            return applied(app, outcome, msg, now);
        }
        Some(Overlay::Help | Overlay::Break | Overlay::Programme | Overlay::Checkin) | None => {}
    }
    if let Some(redraw) = crate::tui::help::update(app, msg) {
        return redraw;
    }
    match overlay {
        Some(Overlay::Programme) => {
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
        Some(Overlay::Break) => {
            if let Some(prompt) = app.breaks.prompt {
                if msg == Msg::ForceQuit {
                    app.quit = true;
                } else if msg != Msg::Tick {
                    app.answer_break(prompt, msg, now);
                }
            }
            return msg != Msg::Tick;
        }
        Some(Overlay::Checkin) => {
            // The word about the report or the check-in lasts until the next key.
            if !matches!(msg, Msg::Tick | Msg::Resize) {
                app.appointment.notice = None;
            }
            match msg {
                Msg::ForceQuit => {
                    app.quit = true;
                    return true;
                }
                Msg::Tick => return false,
                Msg::Resize => return true,
                // A key the box does not take closes it for now and goes on to the screen
                // beneath: `q` quits, Enter acts on the list.
                msg => {
                    if app.appointment.update(msg, now.wall) {
                        return true;
                    }
                }
            }
        }
        Some(Overlay::Welcome | Overlay::Raised | Overlay::Help) | None => {}
    }
    // A key with no action only matters where any key answers.
    if msg == Msg::Other && !app.awaits_any_key() {
        return false;
    }
    // App-wide keys (the tab bar, the flag bar) wait while a form, a question or a session
    // has the keys.
    let tab_keys_free = !app.front().busy();
    if let Msg::Click(col, row) = msg {
        app.appointment.notice = None;
        // The warning bar opens the Flags screen on the flag it names, like `!`.
        if tab_keys_free && layout::on_flag_bar(app, app.area, row) {
            app.open_flags();
            return true;
        }
        if tab_keys_free && let Some(tab) = layout::tab_at(app, app.area, col, row) {
            app.screen = tab.screen();
            return true;
        }
        if app.log.is_idle()
            && let Some(n) = layout::log_entry_at(app, app.area, row)
        {
            app.log.selected = n;
            return true;
        }
        if !app.flags_tab.confirm_ack
            && let Some(n) = layout::flag_at(app, app.area, col, row)
        {
            app.flags_tab.selected = n;
            return true;
        }
        // Not through the programme picker.
        if tab_keys_free && let Some(n) = layout::routine_at(app, app.area, col, row) {
            // A click on the highlighted routine starts it, like Enter.
            if n == app.routines.selected {
                app.open_selected(now);
            }
            app.routines.selected = n;
            return true;
        }
        return false;
    }
    let ctx = Ctx {
        now,
        library: &app.library,
        flags: &app.flags,
        lapsed: &app.lapsed,
        log: &app.symptom_log,
        programme: &app.programme,
        width: layout::screen_width(app, app.area),
    };
    let front: &mut dyn TabScreen = match &mut app.screen {
        Screen::Routines => &mut app.routines,
        Screen::Log => &mut app.log,
        Screen::History => &mut app.history,
        Screen::Breaks => &mut app.breaks,
        Screen::Flags => &mut app.flags_tab,
        Screen::Runner(runner) => &mut **runner,
    };
    let outcome = front.update(msg, &ctx);
    // The word about the report or the check-in lasts until the next key; that key still acts
    // (switching tabs keeps it in view).
    let notice_gone = !matches!(msg, Msg::Tick | Msg::Resize)
        && outcome != Outcome::Request(Request::SwitchTab(true))
        && outcome != Outcome::Request(Request::SwitchTab(false))
        && app.appointment.notice.take().is_some();
    applied(app, outcome, msg, now) || notice_gone
}

/// Applies what a screen or an overlay asked for; whether to redraw.
fn applied(app: &mut App, outcome: Outcome, msg: Msg, now: Now) -> bool {
    match outcome {
        Outcome::Ignored => false,
        Outcome::Redraw => true,
        Outcome::Request(request) => {
            app.apply(request, msg, now);
            true
        }
    }
}
