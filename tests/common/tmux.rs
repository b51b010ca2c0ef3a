//! Driving the real binary in a private tmux server: start it with a command, send keys, read
//! the screen. Waits poll the screen with a deadline; none waits a fixed time for a timer.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A private tmux server with one window running a command.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    pub fn start(width: u16, height: u16, command: &str) -> Tmux {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let socket = format!("knotless-e2e-{}-{n}", std::process::id());
        let tmux = Tmux { socket };
        let status = tmux
            .cmd()
            .args(["-f", "/dev/null", "new-session", "-d", "-s", "main"])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .arg(command)
            .status()
            .expect("tmux is installed (.ci/run installs it)");
        assert!(status.success(), "tmux new-session failed");
        tmux
    }

    pub fn cmd(&self) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.args(["-L", &self.socket]);
        cmd
    }

    pub fn screen(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", "main"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn keys(&self, keys: &[&str]) {
        let status = self
            .cmd()
            .args(["send-keys", "-t", "main"])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Polls the screen until `ready` holds, or fails after `secs` with the last screen.
    pub fn wait_until(&self, what: &str, secs: u64, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(text, 10, |s| s.contains(text))
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

/// The shell line that runs knotless, then reports its exit code and whether the terminal is
/// back in normal (canonical, echoing) mode.
/// The shell line for a returning user: the first-run statement was seen already.
pub fn command(home: &Path, args: &str) -> String {
    std::fs::create_dir_all(home.join("data")).unwrap();
    std::fs::write(home.join("data").join(knotless::tui::WELCOME_SEEN), "").unwrap();
    // And checked in this week: the weekly check-in is not offered.
    super::checked_in(&home.join("data"), &chrono::Local::now().fixed_offset());
    first_run_command(home, args)
}

/// The shell line that runs knotless, as on the very first run.
pub fn first_run_command(home: &Path, args: &str) -> String {
    format!(
        "env NO_COLOR=1 KNOTLESS_DATA_DIR={data} KNOTLESS_CONFIG={config} KNOTLESS_CACHE_DIR={cache} {bin} {args}; \
         echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; sleep 600",
        data = home.join("data").display(),
        config = home.join("config/config.toml").display(),
        cache = home.join("cache").display(),
        bin = env!("CARGO_BIN_EXE_knotless"),
    )
}

/// The knotless process in the pane: the pane runs `sh -c`, whose child is knotless (`env`
/// execs it).
pub fn app_pid(tmux: &Tmux) -> String {
    let out = tmux
        .cmd()
        .args(["list-panes", "-t", "main", "-F", "#{pane_pid}"])
        .output()
        .unwrap();
    let shell = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let out = Command::new("ps")
        .args(["-o", "pid=", "--ppid", &shell])
        .output()
        .unwrap();
    let app = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(!app.is_empty(), "knotless is running under {shell}");
    app
}
