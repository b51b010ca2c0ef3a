//! One module per screen. Each only reads state and draws.

pub mod help;

use crate::duration::Compact;
use crate::routine::{Sides, Step, Work};

/// A step in a few words: "30s each side × 2 sets", "10 reps at 3s", "8 reps".
pub fn describe_step(step: &Step) -> String {
    let mut text = match step.work {
        Work::Hold(d) => Compact(d).to_string(),
        Work::Reps { count, tempo: None } => format!("{count} reps"),
        Work::Reps {
            count,
            tempo: Some(t),
        } => format!("{count} reps at {}", Compact(t)),
    };
    if step.sides == Sides::LeftRight {
        text.push_str(" each side");
    }
    if step.sets > 1 {
        text.push_str(&format!(" × {} sets", step.sets));
    }
    text
}
