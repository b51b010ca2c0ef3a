//! A private home for command-line tests: its own data folder and config file, so a user's
//! real files are never touched, and `knotless` commands run against it.

use std::path::PathBuf;

use assert_cmd::Command;

pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn config(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    pub fn log_file(&self) -> PathBuf {
        self.data().join("symptoms.jsonl")
    }

    /// `knotless` with this home's data folder and config.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("knotless").unwrap();
        cmd.env("KNOTLESS_DATA_DIR", self.data())
            .env("KNOTLESS_CONFIG", self.config())
            .env("KNOTLESS_CACHE_DIR", self.dir.path().join("cache"));
        cmd
    }

    /// `log add` with `args`, which must succeed; the new entry's id.
    pub fn add(&self, args: &[&str]) -> String {
        let out = self
            .cmd()
            .args(["log", "add"])
            .args(args)
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone())
            .unwrap()
            .trim()
            .to_owned()
    }
}
