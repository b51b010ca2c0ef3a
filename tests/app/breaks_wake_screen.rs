//! An idle app opened before working hours wakes when they begin, so its first break comes one
//! interval later without a key being pressed (the event loop sleeps until `next_wake`).

use crate::common;

use common::Harness;
use knotless::config::Config;
use knotless::flags::RuleSet;
use knotless::tui::{BreakPrompt, Msg};

#[test]
fn an_idle_app_before_work_wakes_at_nine_and_offers_the_break_at_half_past() {
    // The harness opens on Tuesday 24 November 2026 at 18:30: after work.
    let mut h = Harness::new(None);
    let config = Config::parse(
        "config.toml",
        "[[breaks]]\nroutine = \"posture-check\"\nevery = \"30m\"\ndays = [\"weekdays\"]\nfrom = \"09:00\"\nto = \"17:00\"\n",
    )
    .unwrap();
    h.app = h.app.clone().with_safety(
        config,
        RuleSet::bundled(),
        std::path::Path::new("config.toml"),
    );
    h.send(&[Msg::Tick]);
    // First midnight (Today moves to the new day), then the start of work.
    let wake = h.app.next_wake().expect("a wake at midnight");
    assert_eq!((wake - h.now.instant).as_secs(), 5 * 60 * 60 + 30 * 60);
    h.advance(5 * 60 * 60 + 30 * 60);
    let wake = h.app.next_wake().expect("a wake for the start of work");
    assert_eq!(
        (wake - h.now.instant).as_secs(),
        9 * 60 * 60,
        "Wednesday 09:00"
    );
    // The loop wakes then (a tick), and sleeps until 09:30, when the break is offered.
    h.advance(9 * 60 * 60);
    let wake = h.app.next_wake().expect("the break's due time");
    assert_eq!((wake - h.now.instant).as_secs(), 30 * 60);
    h.advance(30 * 60);
    assert_eq!(h.app.breaks.prompt, Some(BreakPrompt::Due(0)));
}
