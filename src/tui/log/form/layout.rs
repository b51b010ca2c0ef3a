//! How the tick sections are laid out at a width: how many columns of chips, and how wide. The
//! drawing and the keys both follow this, so that Up and Down move one row of the chips shown.

use super::{LogForm, Section};
use crate::tui::widgets::detail::wrap;

/// The most columns of chips: two, where the labels fit.
const CHIP_COLUMNS: usize = 2;

/// Columns before the chips.
pub const CHIP_INDENT: usize = 3;

/// Lines a label may take in one of two columns; where one would need more, the chips go down to
/// one column (the longest labels, such as "New trouble peeing or controlling the bladder", run
/// to forty-odd characters).
const LINES_IN_TWO_COLUMNS: usize = 2;

/// The columns of chips in a section of a given width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chips {
    /// How many: one or two.
    pub columns: usize,
    /// The width of each, the space before the next included.
    pub column_width: usize,
}

impl Chips {
    /// The chips in a section `width` columns wide: two columns where every label of the
    /// symptoms, triggers and relief fits on two lines of one, else one. Labels are wrapped
    /// within their column, never cut.
    pub fn at(width: u16) -> Chips {
        let two = Chips::with(width, CHIP_COLUMNS);
        let fits = [Section::Symptoms, Section::Triggers, Section::Relief]
            .into_iter()
            .all(|section| {
                LogForm::options(section).into_iter().all(|id| {
                    wrap(LogForm::label(section, id), two.text_width()).len()
                        <= LINES_IN_TWO_COLUMNS
                })
            });
        if fits { two } else { Chips::with(width, 1) }
    }

    fn with(width: u16, columns: usize) -> Chips {
        Chips {
            columns,
            column_width: (usize::from(width).saturating_sub(CHIP_INDENT) / columns).max(12),
        }
    }

    /// Room for a label's words: the column less the tick box ("[x] ") and the space before
    /// the next column.
    pub fn text_width(self) -> usize {
        self.column_width - 5
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_columns_where_the_labels_fit_on_two_lines_one_below() {
        for (width, columns) in [(24, 1), (40, 1), (80, 2), (200, 2)] {
            assert_eq!(Chips::at(width).columns, columns, "at {width} columns");
        }
        // Somewhere in between the two meet, and wider never means fewer columns.
        let mut last = 1;
        for width in 24..=200 {
            let columns = Chips::at(width).columns;
            assert!(columns >= last, "at {width}");
            last = columns;
        }
    }
}
