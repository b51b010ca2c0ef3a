//! The report as one self-contained HTML file: inline CSS and SVG, no script, no external
//! font, image or link. askama escapes every value by default (a note holding `<script>` prints
//! as text); only the SVG figures, built by [`super::chart`] with the `svg` crate from numbers
//! and the vocabulary's labels, are inserted as markup.

use askama::Template;

use super::Report;
use super::chart;
use super::view::View;
use super::view_summary::build;

#[derive(Template)]
#[template(path = "report.html")]
struct Page<'a> {
    v: &'a View,
    pain_svg: &'a str,
    body_svg: &'a str,
    peg_svg: Option<String>,
}

/// The whole report as HTML.
pub fn render(report: &Report) -> Result<String, askama::Error> {
    let v = build(report);
    let pain_svg = chart::pain(report);
    let body_svg = chart::body(&report.areas);
    let page = Page {
        v: &v,
        pain_svg: &pain_svg,
        body_svg: &body_svg,
        peg_svg: chart::peg(report),
    };
    // Room for the whole page at once: ten years of appendix are megabytes, and a string
    // doubling its way there copies and touches every page more than once.
    let tables = v.tables_size_hint();
    let mut out = String::with_capacity(
        tables + tables / 16 + pain_svg.len() + body_svg.len() + Page::SIZE_HINT + 64 * 1024,
    );
    page.render_into(&mut out)?;
    // A note's bidi override must not reverse what the page says after it.
    Ok(crate::text::visible_in_html(out))
}
