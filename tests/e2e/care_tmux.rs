//! End to end in tmux: a 76-year-old with osteoporosis in the profile opens a routine with a
//! forward bend. The briefing names the step in a caution and says its hold stays as written;
//! the knee-to-chest step is swapped for its alternative; the forward bend then runs at its
//! written 20 seconds (not the 30 of 65+), and the session is saved to history as usual.

use crate::common;

use chrono::Datelike;
use common::tmux::{Tmux, command};

const ROUTINE: &str = r#"name = "Forward bend"
kind = "stretch"
prepare = "2s"
cautions = ["Stop, and see a doctor, if pain spreads into a leg or gets worse or severe."]

[[steps]]
name = "Seated forward bend"
hold = "20s"
loads = ["flexion"]
cue = "Let your chest fold slowly towards your knees."

[[steps]]
name = "Knee to chest"
hold = "20s"
loads = ["flexion"]

[steps.alternative]
name = "Knee rocking"
reps = 10
tempo = "3s"
"#;

#[test]
fn osteoporosis_at_76_sees_the_caution_and_the_unlengthened_hold() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config");
    std::fs::create_dir_all(config.join("routines")).unwrap();
    std::fs::write(config.join("routines/forward-bend.toml"), ROUTINE).unwrap();
    let born = chrono::Local::now().year() - 76;
    std::fs::write(
        config.join("config.toml"),
        format!("[profile]\nbirth_year = {born}\nconditions = [\"osteoporosis\"]\n"),
    )
    .unwrap();
    let tmux = Tmux::start(80, 24, &command(home.path(), "run forward-bend"));
    let screen = tmux.wait_for("Fitted to your profile");
    let joined: String = screen.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains("Go gently in Seated forward bend"),
        "{screen}"
    );
    assert!(
        joined.contains("Holds kept as written in Seated forward bend"),
        "{screen}"
    );
    assert!(
        joined.contains("Knee rocking replaces Knee to chest"),
        "{screen}"
    );
    assert!(!joined.contains("last 30 seconds"), "{screen}");
    tmux.keys(&["Enter"]);
    tmux.wait_for("How does your back feel right now?");
    tmux.keys(&["3", "Enter"]);
    // The forward bend runs at its written 20 seconds, without the 65+ label.
    let screen = tmux.wait_until("the forward bend's hold", 15, |s| {
        s.contains("Seated forward bend") && s.contains("/ 0:20")
    });
    assert!(!screen.contains("30 s for 65+"), "{screen}");
    assert!(screen.contains("Next: Knee rocking"), "{screen}");
    // Stopped there, the session is still recorded.
    tmux.keys(&["q"]);
    tmux.wait_for("Stop");
    tmux.keys(&["y"]);
    tmux.wait_for("And now");
    tmux.keys(&["3", "Enter"]);
    tmux.wait_for("Forward bend");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_knotless"))
        .args(["history", "--json"])
        .env("KNOTLESS_DATA_DIR", home.path().join("data"))
        .env("KNOTLESS_CONFIG", config.join("config.toml"))
        .output()
        .unwrap();
    let history = String::from_utf8(out.stdout).unwrap();
    assert!(history.contains("\"forward-bend\""), "{history}");
}
