//! `knotless remind` without a terminal (as systemd runs it): reminder lines on stdout, no
//! questions, nothing recorded, and a clean stop on SIGTERM.

use crate::common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::cli::Home;

#[test]
fn without_a_terminal_it_prints_reminders_and_stops_cleanly_on_sigterm() {
    let home = Home::new();
    std::fs::write(
        home.config(),
        "[[breaks]]\nroutine = \"posture-check\"\nevery = \"2s\"\ndays = [\"daily\"]\nfrom = \"00:00\"\nto = \"00:00\"\n",
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_knotless"))
        .arg("remind")
        .env("KNOTLESS_DATA_DIR", home.data())
        .env("KNOTLESS_CONFIG", home.config())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                return;
            }
        }
    });
    let mut seen = Vec::new();
    // Two reminders, each with the next one's time: the interval restarts without an answer.
    while seen
        .iter()
        .filter(|l: &&String| l.contains("Time for a break: Posture check."))
        .count()
        < 2
    {
        let line = lines
            .recv_timeout(Duration::from_secs(10))
            .unwrap_or_else(|_| panic!("no reminder within 10 s: {seen:?}"));
        seen.push(line);
    }
    assert!(
        seen[0].starts_with("knotless remind: Posture check every 2s"),
        "{seen:?}"
    );
    assert!(
        !seen.iter().any(|l| l.contains("Did you do it?")),
        "no questions: {seen:?}"
    );
    assert!(
        !seen.iter().any(|l| l.contains('\x07')),
        "no bell into a pipe: {seen:?}"
    );
    // SAFETY: a plain kill(2) of our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "a stop signal is a clean stop");
    // It has exited, so its stdout is closed: read to the end (the reader thread then hangs
    // up), however slow a loaded machine is to pass the lines on.
    let mut rest = Vec::new();
    while let Ok(line) = lines.recv_timeout(Duration::from_secs(30)) {
        rest.push(line);
    }
    assert!(
        rest.iter().any(|l| l == "knotless remind stopped."),
        "{rest:?}"
    );
    assert!(
        !home.data().join("history.jsonl").exists(),
        "no answer, nothing recorded"
    );
}

/// Waits for `child` to exit, at most `limit`; a child still running then is killed and the
/// test fails (a regression fails rather than hangs).
fn exits_within(mut child: std::process::Child, limit: Duration) -> std::process::ExitStatus {
    let pid = child.id() as i32;
    let (tx, done) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait());
    });
    match done.recv_timeout(limit) {
        Ok(status) => status.unwrap(),
        Err(_) => {
            // SAFETY: a plain kill(2) of our own child.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("still running {limit:?} after its output was closed");
        }
    }
}

#[test]
fn it_stops_when_its_output_is_closed_without_waiting_for_the_next_line() {
    // `knotless remind | head -1`: the next break is an hour away, so nothing is written after
    // the first line; the closed pipe alone must end it.
    let home = Home::new();
    std::fs::write(
        home.config(),
        "[[breaks]]\nroutine = \"posture-check\"\nevery = \"1h\"\ndays = [\"daily\"]\nfrom = \"00:00\"\nto = \"00:00\"\n",
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_knotless"))
        .arg("remind")
        .env("KNOTLESS_DATA_DIR", home.data())
        .env("KNOTLESS_CONFIG", home.config())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("knotless remind: "), "{first:?}");
    // The reader is dropped: the pipe has no reader any more.
    let status = exits_within(child, Duration::from_secs(30));
    assert_eq!(status.code(), Some(0), "{status:?}");
}

#[cfg(not(feature = "notify"))]
#[test]
fn notify_asked_for_in_a_build_without_notifications_is_said_at_the_start() {
    let home = Home::new();
    std::fs::write(
        home.config(),
        "[cues]\nnotify = true\n[[breaks]]\nroutine = \"posture-check\"\nevery = \"1h\"\ndays = [\"daily\"]\nfrom = \"00:00\"\nto = \"00:00\"\n",
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_knotless"))
        .arg("remind")
        .env("KNOTLESS_DATA_DIR", home.data())
        .env("KNOTLESS_CONFIG", home.config())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            if tx.send(line.unwrap()).is_err() {
                return;
            }
        }
    });
    let first = lines.recv_timeout(Duration::from_secs(10));
    // SAFETY: a plain kill(2) of our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    child.wait().unwrap();
    let first = first.expect("a line on stderr at the start");
    assert!(
        first.contains("notify = true in the config, but this build has no desktop notifications"),
        "{first}"
    );
}
