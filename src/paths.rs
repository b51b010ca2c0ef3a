//! Where knotless keeps things (DESIGN §3): the data folder, the config file, and the folders
//! routines are read from. Resolved once from flags, environment and XDG defaults.
//!
//! The config dir is the folder holding the config file, so `--config ~/x/config.toml` also reads
//! routines from `~/x/routines/`.

use std::path::PathBuf;

use etcetera::BaseStrategy;

/// Resolved locations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// Holds `symptoms.jsonl`, `history.jsonl`, `acks.jsonl`.
    pub data_dir: PathBuf,
    /// The config file (it may not exist).
    pub config_file: PathBuf,
    /// Extra routine folders from `--routines`, in the order given.
    pub extra_routine_dirs: Vec<PathBuf>,
    /// Where snapshots of the log are kept to load it quickly (`KNOTLESS_CACHE_DIR`, else
    /// `~/.cache/knotless`); `None` reads the log whole every time.
    pub cache_dir: Option<PathBuf>,
}

impl Paths {
    /// Fills in XDG defaults (`~/.local/share/knotless`, `~/.config/knotless/config.toml`) for
    /// whatever was not given.
    pub fn resolve(
        data_dir: Option<PathBuf>,
        config_file: Option<PathBuf>,
        extra_routine_dirs: Vec<PathBuf>,
    ) -> Result<Paths, String> {
        let base = || {
            etcetera::choose_base_strategy().map_err(|e| {
                format!("cannot find your home folder ({e}); pass --data-dir and --config")
            })
        };
        let data_dir = match data_dir {
            Some(d) => d,
            None => base()?.data_dir().join("knotless"),
        };
        let config_file = match config_file {
            Some(c) => c,
            None => base()?.config_dir().join("knotless").join("config.toml"),
        };
        let cache_dir = match std::env::var_os("KNOTLESS_CACHE_DIR") {
            Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
            _ => base().ok().map(|b| b.cache_dir().join("knotless")),
        };
        Ok(Paths {
            data_dir,
            config_file,
            extra_routine_dirs,
            cache_dir,
        })
    }

    /// The snapshot of this data folder's log in the cache folder (see
    /// `symptoms::snapshot`): one per data folder, named by a checksum of its absolute path.
    pub fn log_snapshot(&self) -> Option<PathBuf> {
        let dir = self.cache_dir.as_ref()?;
        let data = std::path::absolute(&self.data_dir).ok()?;
        let key = crc32fast::hash(data.as_os_str().as_encoded_bytes());
        Some(dir.join(format!("symptoms-{key:08x}.snapshot")))
    }

    /// The user's own red-flag rules (`red-flags.toml` beside the config file), if any.
    pub fn red_flags_file(&self) -> PathBuf {
        self.config_file.parent().map_or_else(
            || PathBuf::from("red-flags.toml"),
            |d| d.join("red-flags.toml"),
        )
    }

    /// The routine folders in override order: the config dir's `routines/`, then `--routines`.
    pub fn routine_dirs(&self) -> Vec<PathBuf> {
        let config_dir = self.config_file.parent().map(|p| p.join("routines"));
        config_dir
            .into_iter()
            .chain(self.extra_routine_dirs.iter().cloned())
            .collect()
    }
}
