//! FIFOs and other non-files never hang a command (issue 19, item 10): a FIFO where a data file,
//! `<file>.rejected`, `config.toml`, `red-flags.toml`, a routine, a programme or a drawing
//! belongs ends each command that reads it with a message naming the path. Every run has a
//! timeout, so a regression fails instead of hanging the suite.

use std::path::Path;
use std::time::Duration;

use crate::common::cli::Home;

fn fifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid C string and a mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// Runs `knotless args` in `home` with a 10 s timeout; (status code, stdout, stderr).
fn run(home: &Home, args: &[&str]) -> (Option<i32>, String, String) {
    let out = home
        .cmd()
        .args(args)
        .timeout(Duration::from_secs(10))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !err.contains("timeout") && out.status.code().is_some(),
        "`knotless {}` hung on a FIFO (killed after 10 s): {err}",
        args.join(" ")
    );
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        err,
    )
}

const FIFO_WORDS: &str = "it is a FIFO (a named pipe), not a regular file";

#[test]
fn a_fifo_for_the_log_is_refused_by_log_list_log_add_flags_and_report() {
    let home = Home::new();
    fifo(&home.log_file());
    let report = home.dir.path().join("r.html");
    for args in [
        &["log", "list"][..],
        &["log", "add", "--pain", "3"][..],
        &["flags"][..],
        &["report", "-o", report.to_str().unwrap()][..],
    ] {
        let (code, _, err) = run(&home, args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(
            err.contains("symptoms.jsonl is not a regular file"),
            "{args:?}: {err}"
        );
    }
    assert!(!report.exists());
}

#[test]
fn a_fifo_for_the_rejected_lines_leaves_them_in_the_file_and_says_so() {
    let home = Home::new();
    std::fs::create_dir_all(home.data()).unwrap();
    std::fs::write(home.log_file(), "{not json\n").unwrap();
    fifo(&home.data().join("symptoms.jsonl.rejected"));
    let report = home.dir.path().join("r.html");
    for args in [
        &["log", "list"][..],
        &["log", "add", "--pain", "3"][..],
        &["flags"][..],
        &["report", "-o", report.to_str().unwrap()][..],
    ] {
        let (code, _, err) = run(&home, args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert!(
            err.contains("symptoms.jsonl line 1 could not be read")
                && err.contains(&format!("symptoms.jsonl.rejected ({FIFO_WORDS})")),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_fifo_for_the_config_is_refused_by_every_command_that_reads_it() {
    let home = Home::new();
    fifo(&home.config());
    // `log add` still saves the entry (a broken config never loses one) and says why the
    // profile was left out; the others stop.
    for (args, status) in [
        (&["config"][..], 2),
        (&["log", "add", "--pain", "3"][..], 0),
        (&["flags"][..], 2),
        (&["report", "-o", "-"][..], 2),
    ] {
        let (code, _, err) = run(&home, args);
        assert_eq!(code, Some(status), "{args:?}: {err}");
        assert!(
            err.contains("config.toml:1:1") && err.contains(FIFO_WORDS),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_fifo_for_the_red_flag_rules_is_reported_and_the_bundled_rules_apply() {
    let home = Home::new();
    fifo(&home.dir.path().join("red-flags.toml"));
    for args in [&["flags"][..], &["log", "add", "--pain", "3"][..]] {
        let (code, _, err) = run(&home, args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert!(
            err.contains("red-flags.toml") && err.contains(FIFO_WORDS),
            "{args:?}: {err}"
        );
        assert!(err.contains("the bundled rules still apply"), "{err}");
    }
}

#[test]
fn a_fifo_for_a_routine_a_programme_or_a_drawing_is_an_error_of_check() {
    let home = Home::new();
    let routines = home.dir.path().join("routines");
    fifo(&routines.join("pipe.toml"));
    fifo(&home.dir.path().join("programmes").join("plan.toml"));
    // A routine whose drawing is a FIFO.
    std::fs::write(
        routines.join("drawn.toml"),
        "name = \"Drawn\"\nkind = \"stretch\"\n\n[[steps]]\nname = \"Hold\"\nhold = \"30s\"\nart = \"knot\"\n",
    )
    .unwrap();
    fifo(&routines.join("art").join("knot.txt"));
    let (code, out, _) = run(&home, &["check"]);
    assert_eq!(code, Some(1), "{out}");
    assert_eq!(out.matches(FIFO_WORDS).count(), 3, "{out}");
    for place in [
        "cannot read the file: it is a FIFO",
        "routines/pipe.toml:1:1",
        "programmes/plan.toml:1:1",
        "art/knot.txt: it is a FIFO",
        "drawn.toml:7:7",
    ] {
        assert!(out.contains(place), "{place}: {out}");
    }
    // Named on the command line too.
    let pipe = routines.join("pipe.toml");
    let (code, out, _) = run(&home, &["check", pipe.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("pipe.toml:1:1") && out.contains(FIFO_WORDS),
        "{out}"
    );
}
