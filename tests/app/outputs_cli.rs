//! `report -o` and `export -o` write atomically and privately (issue 19, item 7): a new file is
//! written beside the old one and renamed over it, so a full disk (or a kill) leaves the old file
//! whole, and an overwritten file ends `0600` like a new one.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::common::cli::Home;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/report");

/// A home holding the 13-week report fixture.
fn fixture_home() -> Home {
    let home = Home::new();
    fs::create_dir_all(home.data()).unwrap();
    for name in [
        "symptoms.jsonl",
        "history.jsonl",
        "checkins.jsonl",
        "acks.jsonl",
    ] {
        let to = home.data().join(name);
        fs::copy(Path::new(FIXTURE).join(name), &to).unwrap();
        fs::set_permissions(&to, fs::Permissions::from_mode(0o600)).unwrap();
    }
    fs::copy(Path::new(FIXTURE).join("config.toml"), home.config()).unwrap();
    home
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The commands that write a file, each with the file named last.
fn writers(out: &Path) -> [Vec<String>; 3] {
    let out = out.display().to_string();
    let args = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    [
        args(&[
            "report",
            "--since",
            "2026-08-24",
            "--until",
            "2026-11-22",
            "-o",
            &out,
        ]),
        args(&[
            "export", "--what", "sessions", "--format", "jsonl", "-o", &out,
        ]),
        args(&["export", "--what", "entries", "--format", "csv", "-o", &out]),
    ]
}

#[test]
fn an_overwritten_output_ends_private_with_the_new_contents() {
    let home = fixture_home();
    let out = home.dir.path().join("out.file");
    for args in writers(&out) {
        fs::write(&out, "the old file").unwrap();
        fs::set_permissions(&out, fs::Permissions::from_mode(0o644)).unwrap();
        home.cmd().args(&args).assert().success();
        assert_eq!(mode(&out), 0o600, "{args:?}");
        assert_ne!(fs::read_to_string(&out).unwrap(), "the old file");
        // No temporary file left beside it.
        assert!(
            names(home.dir.path()).iter().all(|n| !n.ends_with(".tmp")),
            "{:?}",
            names(home.dir.path())
        );
    }
}

#[test]
fn a_full_disk_leaves_the_old_output_whole_and_no_temporary_file() {
    // SAFETY: getuid has no preconditions.
    if unsafe { libc::getuid() } != 0 {
        println!("skipped: mounting a small tmpfs to fill needs root");
        return;
    }
    let home = fixture_home();
    let small = home.dir.path().join("small");
    fs::create_dir(&small).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&small)
        .status();
    if !mounted.is_ok_and(|s| s.success()) {
        println!("skipped: cannot mount a tmpfs here (a container without the right)");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(self.0).status();
        }
    }
    let _unmount = Unmount(&small);
    // Room for the old file and about 8 KiB more: less than any of these outputs (17 to
    // 83 KiB).
    fs::write(small.join("filler"), vec![0u8; 52 << 10]).unwrap();
    let out = small.join("out.file");
    fs::write(&out, "the old file").unwrap();
    for args in writers(&out) {
        let run = home.cmd().args(&args).assert().code(2);
        let err = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
        assert!(
            err.contains("cannot write") && err.contains("No space left on device"),
            "{args:?}: {err}"
        );
        assert_eq!(
            fs::read_to_string(&out).unwrap(),
            "the old file",
            "{args:?}"
        );
        assert_eq!(names(&small), ["filler", "out.file"], "{args:?}");
    }
}

#[test]
fn a_kill_mid_write_leaves_the_old_output_whole() {
    let home = Home::new();
    fs::create_dir_all(home.data()).unwrap();
    // 60,000 entries: an export that takes long enough to be caught half written.
    let mut log = String::new();
    for i in 0..60_000 {
        log.push_str(&format!(
            "{{\"id\":\"01KAW3J8V4S9M2Q6C{i:09}\",\"at\":\"2026-11-24T09:30:00+01:00\",\"pain\":{},\"note\":\"entry {i}, a note of some length to make the export longer\"}}\n",
            i % 11
        ));
    }
    fs::write(home.log_file(), log).unwrap();
    fs::set_permissions(home.log_file(), fs::Permissions::from_mode(0o600)).unwrap();
    let folder = home.dir.path().join("out");
    fs::create_dir(&folder).unwrap();
    let out = folder.join("entries.csv");
    for round in 0..3 {
        fs::write(&out, "the old export").unwrap();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_knotless"))
            .env("KNOTLESS_DATA_DIR", home.data())
            .env("KNOTLESS_CONFIG", home.config())
            .args(["export", "--what", "entries", "--format", "csv", "-o"])
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Caught with part of the new file written (beside the old one), then killed.
        let temp = loop {
            let written = fs::read_dir(&folder).unwrap().find_map(|e| {
                let e = e.unwrap();
                let name = e.file_name().to_string_lossy().into_owned();
                (name.ends_with(".tmp") && e.metadata().is_ok_and(|m| m.len() > 0))
                    .then(|| e.path())
            });
            if let Some(temp) = written {
                break temp;
            }
            assert!(
                child.try_wait().unwrap().is_none(),
                "round {round}: the export ended before it was seen half written"
            );
        };
        child.kill().unwrap();
        child.wait().unwrap();
        let now = fs::read_to_string(&out).unwrap();
        if !temp.exists() {
            // It finished between the look and the kill: then the whole new export is there.
            assert_eq!(
                now.lines().count(),
                60_001,
                "round {round}: a partial export"
            );
            continue;
        }
        assert_eq!(now, "the old export", "round {round}");
        // What a kill leaves is private, and never mistaken for the export.
        assert_eq!(mode(&temp), 0o600);
        fs::remove_file(&temp).unwrap();
    }
}
