//! A bar chart of pain per day: the solid part of each bar is the day's average rating, the
//! light part above it the day's worst. Readable without colour. When there are more days than
//! columns, every column is used and neighbouring days share a bar (worst of the worst, average
//! of all entries).

use chrono::{Duration, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::symptoms::trends::DayPain;
use crate::tui::theme::Theme;

/// Width of the y axis: "10 ┤".
const AXIS: u16 = 4;

/// The chart over `daily`, one slot per day from `from`.
pub struct PainChart<'a> {
    /// One slot per day; `None` where nothing was logged.
    pub daily: &'a [Option<DayPain>],
    /// The first day.
    pub from: NaiveDate,
    /// Colours.
    pub theme: Theme,
}

/// Days grouped into `bars` bars of neighbouring days, as evenly as they divide (90 days in 76
/// bars: most bars one day, some two): each bar's worst and average, `None` with no entries.
fn buckets(daily: &[Option<DayPain>], bars: usize) -> Vec<Option<(u8, f32)>> {
    let bars = bars.clamp(1, daily.len().max(1));
    (0..bars)
        .map(|i| &daily[i * daily.len() / bars..(i + 1) * daily.len() / bars])
        .map(|days| {
            let (max, sum, n) = days.iter().flatten().fold((0u8, 0.0f32, 0usize), |acc, d| {
                (
                    acc.0.max(d.max),
                    acc.1 + d.mean * d.entries as f32,
                    acc.2 + d.entries,
                )
            });
            (n > 0).then(|| (max, sum / n as f32))
        })
        .collect()
}

impl Widget for &PainChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        if area.width <= AXIS + 1 || area.height < 3 || self.daily.is_empty() {
            return;
        }
        let rows = area.height - 1; // the last row holds the dates
        let cols = usize::from(area.width - AXIS);
        let days = self.daily.len();
        let bars = buckets(self.daily, days.min(cols));
        let bar_step = (cols / bars.len()).clamp(1, 3);
        let bar_width = if bar_step > 1 { bar_step - 1 } else { 1 };

        // The y axis: 10 at the top, 0 at the bottom, 5 in between when there is room.
        for row in 0..rows {
            let label = if row == 0 {
                "10"
            } else if row == rows - 1 {
                " 0"
            } else if rows >= 5 && row == rows / 2 {
                " 5"
            } else {
                "  "
            };
            buf.set_string(area.x, area.y + row, format!("{label} ┤"), t.muted());
        }

        let cells = |value: f32| ((value / 10.0) * f32::from(rows)).round() as u16;
        for (i, bar) in bars.iter().enumerate() {
            let Some((max, mean)) = *bar else { continue };
            let x0 = area.x + AXIS + (i * bar_step) as u16;
            let solid = cells(mean);
            let worst = cells(f32::from(max)).max(solid);
            for dx in 0..bar_width as u16 {
                let x = x0 + dx;
                if x >= area.right() {
                    break;
                }
                if worst == 0 {
                    // Logged, pain 0: a sliver, so it differs from a day with no entry.
                    buf.set_string(x, area.y + rows - 1, "▁", t.pain(0));
                }
                for level in 0..worst {
                    let y = area.y + rows - 1 - level;
                    let (symbol, style) = if level < solid {
                        ("█", t.pain(mean.round() as u8))
                    } else {
                        ("░", t.pain(max))
                    };
                    buf.set_string(x, y, symbol, style);
                }
            }
        }

        // Dates under the first and last bar.
        let y = area.bottom() - 1;
        let first = self.from.format("%-d %b").to_string();
        let last = (self.from + Duration::days(days as i64 - 1))
            .format("%-d %b")
            .to_string();
        let used = AXIS + (bars.len() * bar_step) as u16;
        let row = Rect::new(area.x + AXIS, y, used.min(area.width) - AXIS, 1);
        Line::styled(first, t.muted()).render(row, buf);
        if usize::from(row.width) > 2 * last.len() + 2 {
            Line::styled(last, t.muted())
                .right_aligned()
                .render(row, buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(max: u8, mean: f32) -> Option<DayPain> {
        Some(DayPain {
            max,
            mean,
            entries: 1,
        })
    }

    fn draw(daily: &[Option<DayPain>], width: u16, height: u16) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
        let chart = PainChart {
            daily,
            from: "2026-11-01".parse().unwrap(),
            theme: Theme::new(false),
        };
        (&chart).render(buf.area, &mut buf);
        buf
    }

    fn column(buf: &Buffer, x: u16) -> String {
        (0..buf.area.height - 1)
            .map(|y| buf[(x, y)].symbol().to_owned())
            .collect()
    }

    #[test]
    fn the_average_is_solid_and_the_worst_light_above_it() {
        // Ten rows of bars: one row per point of pain.
        let buf = draw(&[day(8, 4.0), None, day(0, 0.0), day(10, 10.0)], 12, 11);
        // Bars are two columns apart (one wide, one gap): x = 4, 6, 8, 10.
        assert_eq!(column(&buf, 4), "  ░░░░████");
        assert_eq!(column(&buf, 6), "          ", "no entry, no bar");
        assert_eq!(column(&buf, 8), "         ▁", "pain 0 still shows");
        assert_eq!(column(&buf, 10), "██████████");
        assert_eq!(buf[(0, 0)].symbol(), "1");
        assert_eq!(buf[(3, 9)].symbol(), "┤");
        let dates: String = (4..12).map(|x| buf[(x, 10)].symbol().to_owned()).collect();
        assert!(dates.starts_with("1 Nov"), "{dates}");
    }

    #[test]
    fn more_days_than_columns_share_bars_and_fill_the_width() {
        // 90 days in 30 columns: three days a bar, the worst of the three.
        let mut daily = vec![None; 90];
        daily[0] = day(2, 2.0);
        daily[1] = day(9, 9.0);
        daily[89] = day(5, 5.0);
        let buf = draw(&daily, 34, 11);
        assert_eq!(
            column(&buf, 4),
            " ░░░██████",
            "worst 9, average 5.5 rounds to 6"
        );
        assert_eq!(column(&buf, 33), "     █████");

        // 90 days in 76 columns: every column has a bar (none left empty at the right).
        let buf = draw(&[day(5, 5.0); 90], 80, 11);
        for x in 4..80 {
            assert_eq!(column(&buf, x), "     █████", "column {x}");
        }
    }

    #[test]
    fn tiny_areas_draw_nothing_and_do_not_panic() {
        for w in 0..12 {
            for h in 0..5 {
                draw(&[day(5, 5.0); 90], w, h);
            }
        }
    }
}
