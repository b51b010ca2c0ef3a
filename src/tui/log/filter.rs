//! The Log list's filters: a date range (with a custom one), an area (a side-less area takes
//! in its left and right), a symptom, a trigger.

use chrono::NaiveDate;

use crate::symptoms::SymptomEntry;
use crate::tui::msg::Msg;
use crate::vocabulary::Vocabulary;

/// How far back the list reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Range {
    /// Everything.
    #[default]
    All,
    /// The last 7 days.
    Week,
    /// The last 30 days.
    Month,
    /// The last 90 days.
    Quarter,
    /// From one day to another, both included (set with the From and To filters).
    Custom(NaiveDate, NaiveDate),
}

impl Range {
    /// Days covered back from today, or `None` for everything (and for dates of one's own).
    pub fn days(self) -> Option<i64> {
        match self {
            Range::All | Range::Custom(..) => None,
            Range::Week => Some(7),
            Range::Month => Some(30),
            Range::Quarter => Some(90),
        }
    }

    /// Shown label.
    pub fn label(self) -> &'static str {
        match self {
            Range::All => "all time",
            Range::Week => "last 7 days",
            Range::Month => "last 30 days",
            Range::Quarter => "last 90 days",
            Range::Custom(..) => "dates",
        }
    }

    /// Whether an entry of `day` is in range, `today` being today.
    pub(super) fn contains(self, day: NaiveDate, today: NaiveDate) -> bool {
        match self {
            Range::Custom(from, to) => from <= day && day <= to,
            other => other
                .days()
                .is_none_or(|days| (today - day).num_days() < days),
        }
    }

    /// All → 7 → 30 → 90 days → dates of one's own (the last 7 days to start with) → All.
    pub(super) fn step(self, forward: bool, today: NaiveDate) -> Range {
        let custom = Range::Custom(today - chrono::Duration::days(6), today);
        let order = [
            Range::All,
            Range::Week,
            Range::Month,
            Range::Quarter,
            custom,
        ];
        let at = match self {
            Range::Custom(..) => 4,
            other => order.iter().position(|r| *r == other).unwrap_or(0),
        };
        let n = order.len();
        order[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }]
    }
}

/// Which filter has focus while filtering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterField {
    /// The date range.
    Range,
    /// The first day of a range of one's own.
    From,
    /// The last day of a range of one's own.
    To,
    /// The area.
    Area,
    /// The symptom.
    Symptom,
}

/// The list's filters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// Date range.
    pub range: Range,
    /// Only entries with this area.
    pub area: Option<String>,
    /// Only entries with this symptom.
    pub symptom: Option<String>,
    /// The filter being changed, while the filter bar has focus.
    pub focus: Option<FilterField>,
}

impl Filter {
    /// Whether `entry` passes, with `today` for the date range.
    pub fn accepts(&self, entry: &SymptomEntry, today: NaiveDate) -> bool {
        // The day is only worked out when a range asks for it: the whole log is filtered for
        // every frame of the Log tab.
        let in_range =
            self.range == Range::All || self.range.contains(entry.at.date_naive(), today);
        in_range
            && self
                .area
                .as_ref()
                .is_none_or(|a| entry.areas.iter().any(|e| covers(a, e)))
            && self
                .symptom
                .as_ref()
                .is_none_or(|s| entry.symptoms.contains(s))
    }

    /// Whether any filter narrows the list.
    pub fn is_active(&self) -> bool {
        self.range != Range::All || self.area.is_some() || self.symptom.is_some()
    }

    /// Every filter off (the focus stays where it is).
    pub fn clear(&mut self) {
        self.range = Range::All;
        self.area = None;
        self.symptom = None;
    }

    /// The filter fields in Tab order: From and To only with dates of one's own.
    pub(super) fn fields(&self) -> Vec<FilterField> {
        let mut fields = vec![FilterField::Range];
        if matches!(self.range, Range::Custom(..)) {
            fields.extend([FilterField::From, FilterField::To]);
        }
        fields.extend([FilterField::Area, FilterField::Symptom]);
        fields
    }

    pub(super) fn update(&mut self, msg: Msg, today: NaiveDate) {
        let Some(focus) = self.focus else { return };
        let vocabulary = Vocabulary::bundled();
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == focus).unwrap_or(0);
        let n = fields.len();
        let day = chrono::Duration::days(1);
        match (msg, focus) {
            (Msg::Tab | Msg::Down, _) => self.focus = Some(fields[(at + 1) % n]),
            (Msg::BackTab | Msg::Up, _) => self.focus = Some(fields[(at + n - 1) % n]),
            (Msg::Left | Msg::Right, FilterField::Range) => {
                self.range = self.range.step(msg == Msg::Right, today);
            }
            // A day earlier or later; the other end moves along so that from ≤ to.
            (Msg::Left | Msg::Right, FilterField::From | FilterField::To) => {
                if let Range::Custom(from, to) = self.range {
                    let by = if msg == Msg::Right { day } else { -day };
                    self.range = if focus == FilterField::From {
                        let from = from + by;
                        Range::Custom(from, to.max(from))
                    } else {
                        let to = to + by;
                        Range::Custom(from.min(to), to)
                    };
                }
            }
            (Msg::Left | Msg::Right, FilterField::Area) => {
                let ids: Vec<&str> = vocabulary.areas.iter().map(|a| a.id.as_str()).collect();
                self.area = cycle(self.area.as_deref(), &ids, msg == Msg::Right);
            }
            (Msg::Left | Msg::Right, FilterField::Symptom) => {
                let ids: Vec<&str> = vocabulary.symptoms.iter().map(|s| s.id.as_str()).collect();
                self.symptom = cycle(self.symptom.as_deref(), &ids, msg == Msg::Right);
            }
            (Msg::Delete, _) => self.clear(),
            (Msg::Confirm | Msg::Cancel | Msg::Filter, _) => self.focus = None,
            _ => {}
        }
    }
}

/// Whether an entry's `area` counts under the filter's `filter`: itself, and for an area
/// without a side its left and right ("Lower back" takes in the left and the right of it).
fn covers(filter: &str, area: &str) -> bool {
    area == filter
        || area
            .strip_prefix(filter)
            .is_some_and(|side| side == "-left" || side == "-right")
}

/// Steps through `None` and each id.
fn cycle(current: Option<&str>, ids: &[&str], forward: bool) -> Option<String> {
    let n = ids.len() + 1;
    let at = current
        .and_then(|c| ids.iter().position(|id| *id == c))
        .map_or(0, |i| i + 1);
    let next = if forward {
        (at + 1) % n
    } else {
        (at + n - 1) % n
    };
    (next > 0).then(|| ids[next - 1].to_owned())
}
