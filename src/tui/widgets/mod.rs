//! Small reusable widgets.

pub mod big_text;
pub mod detail;
pub mod pain_chart;
pub mod pain_scale;
pub mod popup;

pub use big_text::BigText;
pub use detail::Detail;
pub use pain_chart::PainChart;
pub use pain_scale::PainScale;
pub use popup::popup;
