//! Desktop notifications (built with the `notify` feature): the app and `knotless remind` send
//! theirs through here. Without the feature there is nowhere to send one; `knotless config` and
//! the README say so. A failure is not an error: the bell and the line or the screen still say it.

/// Whether this build can send desktop notifications (built with the `notify` feature).
pub const AVAILABLE: bool = cfg!(feature = "notify");

/// Sends a desktop notification, if this build can.
#[cfg(feature = "notify")]
pub fn notify(title: &str, body: &str) {
    let _ = notify_rust::Notification::new()
        .summary(title)
        .body(body)
        .appname("knotless")
        .show();
}

/// Sends a desktop notification, if this build can (this one cannot).
#[cfg(not(feature = "notify"))]
pub fn notify(_title: &str, _body: &str) {}

/// Whether notifications here can carry buttons whose answer comes back: built with the
/// `notify` feature on a desktop whose notification server says it supports "actions".
#[cfg(all(feature = "notify", unix, not(target_os = "macos")))]
pub fn supports_buttons() -> bool {
    notify_rust::get_capabilities().is_ok_and(|caps| caps.iter().any(|c| c == "actions"))
}

/// Whether notifications here can carry buttons (not in this build).
#[cfg(not(all(feature = "notify", unix, not(target_os = "macos"))))]
pub fn supports_buttons() -> bool {
    false
}

/// Shows a notification with `buttons` (id, label); `answered` is called, on a thread of its
/// own that waits without polling, with the id of the button pressed. Closing the notification
/// (or its expiry) answers nothing.
#[cfg(all(feature = "notify", unix, not(target_os = "macos")))]
pub fn ask(
    title: &str,
    body: &str,
    buttons: &[(&str, &str)],
    answered: impl FnOnce(&str) + Send + 'static,
) {
    let mut notification = notify_rust::Notification::new();
    notification.summary(title).body(body).appname("knotless");
    for (id, label) in buttons {
        notification.action(id, label);
    }
    if let Ok(handle) = notification.show() {
        let _ = std::thread::Builder::new()
            .name("notification".into())
            .spawn(move || {
                handle.wait_for_action(|action| {
                    if action != "__closed" {
                        answered(action);
                    }
                });
            });
    }
}

/// Shows a notification (this build has no buttons: see [`supports_buttons`]).
#[cfg(not(all(feature = "notify", unix, not(target_os = "macos"))))]
pub fn ask(
    title: &str,
    body: &str,
    _buttons: &[(&str, &str)],
    _answered: impl FnOnce(&str) + Send + 'static,
) {
    notify(title, body);
}
