//! Messages: everything a key press, a click or a timer can ask of the app. Keys become
//! messages in [`super::keymap`]; what a message means on a screen is decided by that screen.

use ratatui::crossterm::event::KeyEvent;

/// Everything a key press or a timer can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    /// A timer is due: bring the clock up to date.
    Tick,
    /// The terminal was resized.
    Resize,
    /// Move up / increase.
    Up,
    /// Move down / decrease.
    Down,
    /// Move left / decrease.
    Left,
    /// Move right / increase.
    Right,
    /// To the first item / lowest value.
    First,
    /// To the last item / highest value.
    Last,
    /// Enter: choose, confirm, reps done.
    Confirm,
    /// Esc: back out of the current view.
    Cancel,
    /// Space: pause or resume; tick a checklist item.
    Space,
    /// Next phase.
    Next,
    /// Previous step.
    Back,
    /// Skip a question.
    Skip,
    /// Open or close the help overlay.
    Help,
    /// `q`: stop the session, or quit from the home screen.
    Quit,
    /// Ctrl-C: save what there is and quit at once.
    ForceQuit,
    /// A digit key.
    Digit(u8),
    /// Tab: next tab, or next section of a form.
    Tab,
    /// Shift-Tab: previous tab or section.
    BackTab,
    /// Ctrl-S: save the form from anywhere in it.
    Save,
    /// A key typed into a text field.
    Text(KeyEvent),
    /// `a`: add a log entry.
    Add,
    /// `e`: edit the highlighted entry.
    Edit,
    /// `d` or Delete: delete the highlighted entry (asks first).
    Delete,
    /// `f`: filter the list.
    Filter,
    /// `v`: switch between the entry list and the review of trends.
    Review,
    /// `y`: yes.
    Yes,
    /// `!`: open the red flags.
    Flags,
    /// `/`: find a routine by typing.
    Find,
    /// `c`: "I have had this checked" (acknowledge a flag).
    Checked,
    /// `u`: undo — take back the acknowledgement of the highlighted flag.
    Undo,
    /// `z`: snooze a due break.
    Snooze,
    /// A left click at (column, row).
    Click(u16, u16),
    /// Page Up: scroll the detail pane up.
    ScrollUp,
    /// Page Down: scroll the detail pane down.
    ScrollDown,
    /// The mouse wheel at (column, row); `true` is down.
    Wheel(u16, u16, bool),
    /// `r` on History or Review: write the appointment report.
    Report,
    /// `R`: write the report and open it in the browser.
    ReportOpen,
    /// A key with no action of its own: it still answers "press any key" and "any other key
    /// no".
    Other,
}
