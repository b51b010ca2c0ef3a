//! `knotless config`: the effective configuration written out as TOML, defaults included, in a
//! form that parses back the same.

use chrono::Weekday;

use super::Config;
use crate::duration::Compact;
use crate::routine::Library;

impl Config {
    /// The effective configuration as TOML, defaults included.
    /// Strings are written as TOML basic strings with every control, bidirectional and
    /// zero-width character escaped (`\u001B`), so what it prints parses back the same and
    /// cannot act on the terminal it is printed to.
    pub fn to_toml(&self, library: &Library) -> String {
        let mut out = String::new();
        let q = |s: &str| toml_string(s);
        let days = |d: &[Weekday]| {
            let names: Vec<String> = d.iter().map(|d| q(&d.to_string().to_lowercase())).collect();
            format!("[{}]", names.join(", "))
        };
        match &self.emergency_number {
            Some(n) => out.push_str(&format!("emergency_number = {}\n", q(n))),
            None => out.push_str(
                "# emergency_number = \"999\"  (not set: \"your local emergency number\")\n",
            ),
        }
        out.push_str("\n[profile]\n");
        match self.profile.birth_year {
            Some(y) => out.push_str(&format!("birth_year = {y}\n")),
            None => out.push_str("# birth_year = 1968  (not set: age rules never match)\n"),
        }
        let conditions: Vec<String> = self.profile.conditions.iter().map(q).collect();
        out.push_str(&format!("conditions = [{}]\n", conditions.join(", ")));
        let c = &self.cues;
        out.push_str(&format!(
            "\n[cues]\nbell = {}\nnotify = {}{}\nhalfway = {}\ncountdown = {}\nsnooze = {}\n",
            c.bell,
            c.notify,
            if cfg!(feature = "notify") {
                ""
            } else {
                "  # this build has no desktop notifications: cargo build --features notify"
            },
            c.halfway,
            c.countdown,
            q(&Compact(c.snooze).to_string())
        ));
        for b in &self.breaks {
            let every = b
                .every
                .or_else(|| library.get(&b.routine).and_then(|r| r.every))
                .map_or("?".to_owned(), |e| Compact(e).to_string());
            out.push_str(&format!(
                "\n[[breaks]]\nroutine = {}\nevery = {}\ndays = {}\nfrom = {}\nto = {}\n",
                q(&b.routine),
                q(&every),
                days(&b.days),
                q(&b.from.format("%H:%M").to_string()),
                q(&b.to.format("%H:%M").to_string())
            ));
        }
        let t = &self.theme;
        out.push_str("\n[theme]   # NO_COLOR, when set, turns all colour off\n");
        for (name, colour) in [
            ("title", t.title),
            ("selected", t.selected),
            ("key", t.key),
            ("good", t.good),
            ("caution", t.caution),
            ("error", t.error),
            ("muted", t.muted),
        ] {
            out.push_str(&format!("{name} = {}\n", q(&colour.to_string())));
        }
        out.push_str("\n[keys]   # action = key or [keys]; these replace the action's defaults\n");
        for (action, keys) in self.keys.describe() {
            let keys: Vec<String> = keys.iter().map(|k| q(k)).collect();
            out.push_str(&format!("{action} = [{}]\n", keys.join(", ")));
        }
        for p in &self.plan {
            out.push_str(&format!(
                "\n[[plan]]\nroutine = {}\ndays = {}\n",
                q(&p.routine),
                days(&p.days)
            ));
            if let Some(t) = p.time {
                out.push_str(&format!("time = {}\n", q(&t.format("%H:%M").to_string())));
            }
        }
        out
    }
}

/// `text` as a TOML basic string: quotes and backslashes escaped, and every character that must
/// not reach a terminal as it is (see [`crate::text::is_unsafe`]) as a `\uXXXX` escape.
fn toml_string(text: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if crate::text::is_unsafe(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
