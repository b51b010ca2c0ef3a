//! A closed window and a crash leave no core file (issue 19, item 9): the app holds health data,
//! so it makes itself non-dumpable at start, and a hang-up ends it with a normal status (129, as
//! if killed by SIGHUP) instead of an abort.
//!
//! The app runs under a shell that allows core files (`ulimit -c unlimited`), in its own working
//! folder (where the kernel's default `core_pattern` puts them), and writes the app's exit status
//! to a file: after the terminal is gone there is no screen to read it from.

use crate::common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::tmux::{Tmux, app_pid};

/// A tmux pane running knotless for a returning user under a shell that allows core files and
/// records the exit status in `home/status`. The shell ignores nothing: a hang-up reaches the
/// app, and the shell's own trap only delays it until the app has ended.
fn start(home: &Path) -> (Tmux, PathBuf) {
    let cwd = home.join("cwd");
    std::fs::create_dir_all(&cwd).unwrap();
    // The shared line ends with its own `echo EXIT=$?` for the screen: keep only the command.
    let line = common::tmux::command(home, "");
    let app = line.split("; echo EXIT").next().unwrap();
    let status = home.join("status");
    let line = format!(
        "ulimit -c unlimited; cd {cwd}; trap 'true' HUP; {app}; echo $? > {status}",
        cwd = cwd.display(),
        status = status.display(),
    );
    (Tmux::start(80, 24, &line), status)
}

/// Waits up to 10 s for the status file and returns the status written in it.
fn status(file: &Path) -> i32 {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(text) = std::fs::read_to_string(file)
            && text.ends_with('\n')
        {
            return text.trim().parse().unwrap();
        }
        assert!(
            Instant::now() < deadline,
            "no exit status in {}",
            file.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Core files in `cwd`, when the kernel writes them there; `None` (with a message) when the
/// kernel sends them elsewhere (a `|` pipe to a crash collector), where this test cannot look.
fn cores(cwd: &Path) -> Option<Vec<String>> {
    let pattern = std::fs::read_to_string("/proc/sys/kernel/core_pattern").unwrap_or_default();
    if pattern.starts_with('|') || pattern.contains('/') {
        println!(
            "core files go to `{}`, not the working folder: only the exit status is checked",
            pattern.trim()
        );
        return None;
    }
    Some(
        std::fs::read_dir(cwd)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("core"))
            .collect(),
    )
}

#[test]
fn a_closed_window_ends_the_app_with_129_and_no_core_file() {
    let home = tempfile::tempdir().unwrap();
    let (tmux, status_file) = start(home.path());
    tmux.wait_for("Stretches");
    let _ = tmux.cmd().arg("kill-server").status();
    // 134 was SIGABRT: the terminal's drop failed to print, panicked, and the panic hook
    // panicked again.
    assert_eq!(status(&status_file), 129, "the exit status after a hang-up");
    if let Some(cores) = cores(&home.path().join("cwd")) {
        assert!(cores.is_empty(), "core files written: {cores:?}");
    }
}

#[test]
fn a_crash_writes_no_core_file() {
    let home = tempfile::tempdir().unwrap();
    let (tmux, status_file) = start(home.path());
    tmux.wait_for("Stretches");
    // SIGQUIT's default action is to dump core: only a non-dumpable process writes none.
    let app = app_pid(&tmux);
    assert!(
        std::process::Command::new("kill")
            .args(["-QUIT", &app])
            .status()
            .unwrap()
            .success()
    );
    assert_eq!(status(&status_file), 128 + 3, "killed by SIGQUIT");
    if let Some(cores) = cores(&home.path().join("cwd")) {
        assert!(cores.is_empty(), "core files written: {cores:?}");
    }
}
