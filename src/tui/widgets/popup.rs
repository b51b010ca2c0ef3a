//! A box over the screen: centred in the area, with what it covers cleared.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Clear, Widget};

/// Clears a `width` × `height` box centred in `area` (cut to it) and returns where it is.
pub fn popup(area: Rect, width: u16, height: u16, buf: &mut Buffer) -> Rect {
    let rect = area.centered(Constraint::Length(width), Constraint::Length(height));
    Clear.render(rect, buf);
    rect
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_is_centred_cleared_and_cut_to_the_area() {
        let area = Rect::new(0, 0, 10, 5);
        let mut buf = Buffer::filled(area, ratatui::buffer::Cell::new("x"));
        let rect = popup(area, 4, 3, &mut buf);
        assert_eq!(rect, Rect::new(3, 1, 4, 3));
        assert_eq!(buf[(3, 1)].symbol(), " ");
        assert_eq!(buf[(2, 1)].symbol(), "x");
        assert_eq!(popup(area, 40, 30, &mut buf), area);
    }
}
