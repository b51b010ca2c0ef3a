//! Desktop notifications (built with the `notify` feature): the app and `knotless remind` send
//! theirs through here. Without the feature there is nowhere to send one; `knotless config` and
//! the README say so. A failure is not an error: the bell and the line or the screen still say it.

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
