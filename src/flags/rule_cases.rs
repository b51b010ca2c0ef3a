//! Test data: for every bundled rule, a log that fires it and the nearest log that does not, with
//! what differs (run by `every_bundled_rule_fires_on_its_log_and_not_on_the_nearest_one` in
//! `tests.rs`).

use super::Profile;
use super::tests::{BASE, E, profile};
use crate::symptoms::Onset;

/// (rule, log that fires it, its profile, nearest log that does not, its profile, what differs)
pub(super) struct Case {
    pub(super) rule: &'static str,
    pub(super) fires: Vec<E>,
    pub(super) fires_profile: Profile,
    pub(super) near: Vec<E>,
    pub(super) near_profile: Profile,
    pub(super) differs: &'static str,
}

fn case(rule: &'static str, fires: E, near: E, differs: &'static str) -> Case {
    Case {
        rule,
        fires: vec![fires],
        fires_profile: Profile::default(),
        near: vec![near],
        near_profile: Profile::default(),
        differs,
    }
}

pub(super) fn cases() -> Vec<Case> {
    let legs = &["leg-left", "foot-left"];
    vec![
        case(
            "saddle-numbness",
            E {
                symptoms: &["saddle-numbness"],
                ..BASE
            },
            E {
                denied: &["saddle-numbness"],
                note: "no numbness down there",
                ..BASE
            },
            "denied, and a negated note",
        ),
        case(
            "saddle-area",
            E {
                areas: &["groin-saddle"],
                symptoms: &["tingling"],
                ..BASE
            },
            E {
                areas: &["groin-saddle"],
                symptoms: &["aching"],
                ..BASE
            },
            "an ache, not numbness or tingling",
        ),
        case(
            "bladder-bowel",
            E {
                symptoms: &["bowel-change"],
                ..BASE
            },
            E {
                denied: &["bladder-change", "bowel-change"],
                ..BASE
            },
            "denied",
        ),
        case(
            "both-legs",
            E {
                areas: &["leg-left", "foot-right"],
                symptoms: &["spreading-pain"],
                ..BASE
            },
            E {
                areas: &["leg-left", "foot-left"],
                symptoms: &["spreading-pain"],
                ..BASE
            },
            "one side only",
        ),
        case(
            "both-legs",
            E {
                areas: &["leg-left", "leg-right"],
                symptoms: &["numbness"],
                ..BASE
            },
            E {
                areas: &["leg-left", "leg-right"],
                symptoms: &["stiffness"],
                ..BASE
            },
            "stiffness is not a nerve symptom",
        ),
        case(
            "saddle-buttocks",
            E {
                areas: &["buttock-left", "buttock-right"],
                symptoms: &["numbness"],
                ..BASE
            },
            E {
                areas: &["buttock-left"],
                symptoms: &["numbness"],
                ..BASE
            },
            "one buttock",
        ),
        case(
            "belly-pain",
            E {
                symptoms: &["belly-pain"],
                ..BASE
            },
            E {
                onset: Some(Onset::Gradual),
                symptoms: &["belly-pain"],
                ..BASE
            },
            "gradual onset (not sure how it began reads as sudden)",
        ),
        case(
            "sexual-change",
            E {
                symptoms: &["sexual-change"],
                ..BASE
            },
            E {
                denied: &["sexual-change"],
                ..BASE
            },
            "denied",
        ),
        case(
            "major-trauma",
            E {
                triggers: &["accident"],
                ..BASE
            },
            E {
                triggers: &["fall"],
                ..BASE
            },
            "a fall, no fragile bones, age unknown",
        ),
        case(
            "chest-pain",
            E {
                days_ago: 40,
                symptoms: &["chest-pain"],
                ..BASE
            },
            E {
                symptoms: &["aching"],
                note: "chest pain",
                ..BASE
            },
            "only a note (an emergency never lapses: 40 days old still fires)",
        ),
        Case {
            rule: "fragile-trauma",
            fires: vec![E {
                triggers: &["lifting"],
                ..BASE
            }],
            fires_profile: profile(None, &["osteoporosis"]),
            near: vec![E {
                triggers: &["lifting"],
                ..BASE
            }],
            near_profile: profile(None, &["diabetes"]),
            differs: "no fragile-bone condition",
        },
        Case {
            rule: "fall-over-50",
            fires: vec![E {
                triggers: &["fall"],
                ..BASE
            }],
            fires_profile: profile(Some(1976), &[]),
            near: vec![E {
                triggers: &["fall"],
                ..BASE
            }],
            near_profile: profile(Some(1977), &[]),
            differs: "49, not 50",
        },
        case(
            "fall-severe",
            E {
                pain: 8,
                onset: Some(Onset::Sudden),
                triggers: &["fall"],
                ..BASE
            },
            E {
                pain: 7,
                onset: Some(Onset::Sudden),
                triggers: &["fall"],
                ..BASE
            },
            "pain 7, not 8",
        ),
        case(
            "fall-severe",
            E {
                pain: 8,
                onset: None,
                triggers: &["fall"],
                ..BASE
            },
            E {
                pain: 8,
                onset: Some(Onset::Gradual),
                triggers: &["fall"],
                ..BASE
            },
            "not sure how it began reads as sudden; gradual does not",
        ),
        case(
            "fever",
            E {
                symptoms: &["fever"],
                ..BASE
            },
            E {
                days_ago: 15,
                symptoms: &["fever"],
                ..BASE
            },
            "outside the window",
        ),
        case(
            "weight-loss",
            E {
                symptoms: &["weight-loss"],
                ..BASE
            },
            E {
                note: "no weight loss",
                ..BASE
            },
            "a note is never read",
        ),
        case(
            "night-pain",
            E {
                symptoms: &["night-pain"],
                ..BASE
            },
            E {
                symptoms: &["stiffness"],
                note: "pain at night",
                ..BASE
            },
            "only a note",
        ),
        case(
            "lump",
            E {
                symptoms: &["lump"],
                ..BASE
            },
            E {
                symptoms: &["knot"],
                ..BASE
            },
            "a knot is not a lump",
        ),
        case(
            "cough-pain",
            E {
                symptoms: &["pain-on-cough"],
                ..BASE
            },
            E {
                days_ago: 20,
                symptoms: &["pain-on-cough"],
                ..BASE
            },
            "outside the window",
        ),
        Case {
            rule: "cancer-history",
            fires: vec![E { pain: 1, ..BASE }],
            fires_profile: profile(None, &["cancer-history"]),
            near: vec![E { pain: 0, ..BASE }],
            near_profile: profile(None, &["cancer-history"]),
            differs: "no pain",
        },
        Case {
            rule: "infection-risk",
            fires: vec![E { pain: 3, ..BASE }],
            fires_profile: profile(None, &["immunosuppressed"]),
            near: vec![E { pain: 3, ..BASE }],
            near_profile: profile(None, &["diabetes"]),
            differs: "another condition",
        },
        case(
            "leg-weakness",
            E {
                areas: &["lower-back"],
                symptoms: &["weakness"],
                ..BASE
            },
            E {
                areas: &["foot-right"],
                symptoms: &["stiffness"],
                ..BASE
            },
            "stiffness, not weakness",
        ),
        Case {
            rule: "sudden-severe-fragile",
            fires: vec![E {
                pain: 8,
                onset: Some(Onset::Sudden),
                ..BASE
            }],
            fires_profile: profile(None, &["long-term-steroids"]),
            near: vec![E {
                pain: 7,
                onset: Some(Onset::Sudden),
                ..BASE
            }],
            near_profile: profile(None, &["long-term-steroids"]),
            differs: "pain 7, not 8",
        },
        Case {
            rule: "sudden-severe-65",
            fires: vec![E { pain: 8, ..BASE }],
            fires_profile: profile(Some(1961), &[]),
            near: vec![E { pain: 8, ..BASE }],
            near_profile: profile(Some(1962), &[]),
            differs: "64, not 65 (no trigger, onset not given, in both)",
        },
        Case {
            rule: "sudden-severe-65",
            fires: vec![E {
                pain: 8,
                onset: Some(Onset::Sudden),
                ..BASE
            }],
            fires_profile: profile(Some(1950), &[]),
            near: vec![E {
                pain: 8,
                onset: Some(Onset::Gradual),
                ..BASE
            }],
            near_profile: profile(Some(1950), &[]),
            differs: "gradual onset at 76",
        },
        Case {
            rule: "upper-back",
            fires: vec![E {
                pain: 3,
                areas: &["upper-back"],
                ..BASE
            }],
            fires_profile: Profile::default(),
            near: vec![E {
                pain: 3,
                areas: &["neck"],
                ..BASE
            }],
            near_profile: Profile::default(),
            differs: "the neck, not between the shoulders",
        },
        case(
            "unwell",
            E {
                symptoms: &["unwell"],
                ..BASE
            },
            E {
                pain: 0,
                symptoms: &["unwell"],
                ..BASE
            },
            "no back pain with it",
        ),
        Case {
            rule: "spinal-procedure",
            fires: vec![E { pain: 2, ..BASE }],
            fires_profile: profile(None, &["spinal-procedure"]),
            near: vec![E { pain: 0, ..BASE }],
            near_profile: profile(None, &["spinal-procedure"]),
            differs: "no pain",
        },
        Case {
            rule: "pregnancy",
            fires: vec![E {
                symptoms: &["fever"],
                ..BASE
            }],
            fires_profile: profile(None, &["pregnancy"]),
            near: vec![E {
                symptoms: &["aching"],
                ..BASE
            }],
            near_profile: profile(None, &["pregnancy"]),
            differs: "back pain alone in pregnancy",
        },
        Case {
            rule: "pregnancy",
            fires: vec![E {
                onset: Some(Onset::Gradual),
                symptoms: &["belly-pain"],
                ..BASE
            }],
            fires_profile: profile(None, &["pregnancy"]),
            near: vec![E {
                onset: Some(Onset::Gradual),
                symptoms: &["belly-pain"],
                ..BASE
            }],
            near_profile: profile(None, &["blood-thinners"]),
            differs: "not pregnant",
        },
        Case {
            rule: "age-onset",
            fires: vec![E { pain: 2, ..BASE }],
            fires_profile: profile(Some(1960), &[]),
            near: vec![E { pain: 2, ..BASE }],
            near_profile: profile(None, &[]),
            differs: "birth year unknown",
        },
        Case {
            rule: "young-onset",
            fires: vec![E { pain: 2, ..BASE }],
            fires_profile: profile(Some(2006), &[]),
            near: vec![E { pain: 2, ..BASE }],
            near_profile: profile(Some(2005), &[]),
            differs: "born 2005, 21 or 20 this year, not 2006, which may still be 19",
        },
        case(
            "one-leg",
            E {
                areas: &["leg-right"],
                symptoms: &["spreading-pain"],
                ..BASE
            },
            E {
                areas: &["leg-right"],
                symptoms: &["aching"],
                ..BASE
            },
            "an ache in the leg, not pain spreading down it",
        ),
        case(
            "one-leg",
            E {
                areas: legs,
                symptoms: &["shooting-pain"],
                ..BASE
            },
            E {
                areas: &["lower-back-left"],
                symptoms: &["shooting-pain"],
                ..BASE
            },
            "the lower back, not a leg, foot or buttock",
        ),
        Case {
            rule: "both-feet-known",
            fires: vec![E {
                areas: &["foot-left", "foot-right"],
                symptoms: &["numbness"],
                ..BASE
            }],
            fires_profile: profile(None, &["neuropathy"]),
            near: vec![E {
                areas: &["foot-left", "foot-right"],
                symptoms: &["numbness"],
                ..BASE
            }],
            near_profile: Profile::default(),
            differs: "no known neuropathy: both feet is the emergency instead",
        },
        Case {
            rule: "not-improving",
            fires: [22, 15, 8, 1]
                .iter()
                .map(|&d| E {
                    days_ago: d,
                    pain: if d == 1 { 5 } else { 6 },
                    ..BASE
                })
                .collect(),
            fires_profile: Profile::default(),
            near: [22, 15, 8, 1]
                .iter()
                .map(|&d| E {
                    days_ago: d,
                    pain: if d == 1 { 4 } else { 6 },
                    ..BASE
                })
                .collect(),
            near_profile: Profile::default(),
            differs: "down by 2 points",
        },
        Case {
            rule: "lingering",
            fires: vec![
                E {
                    days_ago: 5,
                    pain: 5,
                    ..BASE
                },
                E {
                    days_ago: 1,
                    pain: 5,
                    ..BASE
                },
            ],
            fires_profile: Profile::default(),
            near: vec![
                E {
                    days_ago: 4,
                    pain: 5,
                    ..BASE
                },
                E {
                    days_ago: 1,
                    pain: 5,
                    ..BASE
                },
            ],
            near_profile: Profile::default(),
            differs: "4 days, not 5",
        },
        case(
            "sudden-severe",
            E {
                pain: 8,
                onset: Some(Onset::Sudden),
                ..BASE
            },
            E {
                pain: 8,
                onset: Some(Onset::Gradual),
                ..BASE
            },
            "gradual onset",
        ),
        case(
            "sudden-severe",
            E {
                pain: 8,
                onset: None,
                triggers: &["lifting"],
                ..BASE
            },
            E {
                pain: 7,
                onset: None,
                triggers: &["lifting"],
                ..BASE
            },
            "pain 7 (a lift, not sure how it began)",
        ),
        case(
            "severe-pain",
            E {
                pain: 9,
                onset: Some(Onset::Gradual),
                ..BASE
            },
            E {
                pain: 8,
                onset: Some(Onset::Gradual),
                ..BASE
            },
            "one entry at 8, not 9",
        ),
        Case {
            rule: "severe-pain",
            fires: vec![
                E {
                    days_ago: 7,
                    pain: 8,
                    onset: Some(Onset::Gradual),
                    ..BASE
                },
                E {
                    days_ago: 1,
                    pain: 8,
                    onset: Some(Onset::Gradual),
                    ..BASE
                },
            ],
            fires_profile: Profile::default(),
            near: vec![
                E {
                    days_ago: 9,
                    pain: 8,
                    onset: Some(Onset::Gradual),
                    ..BASE
                },
                E {
                    days_ago: 1,
                    pain: 8,
                    onset: Some(Onset::Gradual),
                    ..BASE
                },
            ],
            near_profile: Profile::default(),
            differs: "8 on two days 8 days apart, not within a week",
        },
        Case {
            rule: "morning-stiffness",
            fires: vec![E {
                symptoms: &["morning-stiffness"],
                ..BASE
            }],
            fires_profile: profile(Some(1981), &[]),
            near: vec![E {
                symptoms: &["morning-stiffness"],
                ..BASE
            }],
            near_profile: profile(Some(1980), &[]),
            differs: "born 1980 (45 at least), not 1981 (may still be 44)",
        },
        case(
            "standing-bending",
            E {
                symptoms: &["difficulty-bending"],
                ..BASE
            },
            E {
                symptoms: &["stiffness"],
                ..BASE
            },
            "stiffness only",
        ),
    ]
}
