//! Small reusable widgets.

pub mod big_text;
mod pain_scale;

pub use big_text::BigText;
pub use pain_scale::PainScale;
