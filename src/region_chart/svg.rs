//! The chart's markup: one SVG string of every bar of a [`Drawn`].

// Natively only the tests use this module (the chart is drawn in the browser).
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use super::layout::{esc, row_y, BarValues, Drawn, Geometry};
use std::fmt::Write;

/// The chart: one `g.rc-row` per row of the comparison (role=button, roving
/// tabindex, the current choice and the cleanest marked with data attributes,
/// those hidden by a filter with `display="none"`), in one SVG.
pub fn chart_svg(d: &Drawn) -> String {
    let g = &d.geometry;
    let stop = d.tab_stop();
    let clip = d.dimension.clip_id();
    let mut s = String::with_capacity(560 * d.bars.len() + 600);
    let _ = write!(
        s,
        "<svg class=\"rc-svg\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" role=\"group\" aria-label=\"{label}\">\
         <defs><clipPath id=\"{clip}\"><rect x=\"0\" y=\"0\" width=\"{cw:.1}\" height=\"{rh:.0}\"/></clipPath></defs><g>",
        w = g.width,
        h = d.height(),
        label = esc(&d.dimension.svg_label(d.shown)),
        cw = g.label_x + g.label_w,
        rh = g.row_h,
    );
    for (i, (_, values)) in d.bars.iter().enumerate() {
        bar(&mut s, g, clip, values, stop == Some(i));
    }
    s.push_str("</g></svg>");
    s
}

fn bar(s: &mut String, g: &Geometry, clip: &str, values: &BarValues, tab_stop: bool) {
    let _ = write!(
        s,
        "<g class=\"rc-row\" role=\"button\" tabindex=\"{tab}\" data-id=\"{id}\"{cur}{best} aria-label=\"{aria}\" transform=\"{y}\"{hidden}>",
        tab = if tab_stop { 0 } else { -1 },
        id = esc(&values.id),
        cur = if values.current { " data-current=\"true\" aria-current=\"true\"" } else { "" },
        best = if values.cleanest { " data-cleanest=\"true\"" } else { "" },
        aria = esc(&values.aria),
        y = row_y(g, values.slot.unwrap_or(0)),
        hidden = if values.slot.is_none() { " display=\"none\"" } else { "" },
    );
    // No <title> tooltip: its text would join the bar's visible text and break the match
    // with its accessible name; the name carries the whole text when the label is cut.
    // The value text is the row's last child and the bar the one before it (`dom::patch`).
    let _ = write!(
        s,
        "<rect class=\"rc-hit\" x=\"0\" y=\"0\" width=\"{gw:.0}\" height=\"{rh:.0}\" rx=\"4\"/>\
         <text class=\"rc-label\" x=\"{lx:.0}\" y=\"{ly:.1}\" clip-path=\"url(#{clip})\">{label}</text>\
         <rect class=\"rc-bar\" x=\"{bx:.1}\" y=\"{by:.1}\" width=\"{w:.1}\" height=\"{bh:.0}\" rx=\"2\"/>\
         <text class=\"rc-value\" x=\"{vx:.1}\" y=\"{vy:.1}\">{value}</text></g>",
        gw = g.width,
        rh = g.row_h,
        lx = g.label_x,
        ly = g.label_y,
        label = values.label,
        bx = g.bar_x,
        by = g.bar_y,
        w = values.width,
        bh = g.bar_h,
        vx = g.bar_x + values.width + 6.0,
        vy = g.value_y,
        value = esc(&values.value),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::region_chart::layout::Dimension;
    use crate::region_chart::regions::drawn;
    use emissions_core::compare::{self, Catalogue, Query, Scope};
    use emissions_core::form::FormState;
    use emissions_core::job::validate;
    use emissions_core::Dataset;

    #[test]
    fn one_row_per_location_with_one_tab_stop() {
        let data = Dataset::embedded().expect("data"); // ok: test
        let cat = Catalogue::new(data);
        let form = FormState::default();
        let job = validate(&form, data).expect("valid"); // ok: test
        let scope = Scope::Provider("aws".into());
        let whole = compare::compare(&cat, &job, &form, &Query::scope(scope.clone()));
        let view = compare::compare(&cat, &job, &form, &Query { text: "eu".into(), ..Query::scope(scope.clone()) });
        let d = drawn(&cat, &whole, &view, &scope, 360.0);
        let s = chart_svg(&d);
        assert!(s.starts_with("<svg class=\"rc-svg\""));
        assert!(s.ends_with("</g></svg>"));
        assert_eq!(s.matches("<g class=\"rc-row\"").count(), whole.rows.len());
        assert_eq!(s.matches("tabindex=\"0\"").count(), 1);
        assert_eq!(s.matches(" display=\"none\"").count(), whole.rows.len() - view.rows.len());
        assert!(s.contains(&Dimension::Locations.svg_label(view.rows.len())));
        assert!(s.contains("<clipPath id=\"rc-clip\">"));
        assert!(s.contains("data-id=\"aws:eu-north-1\""));
        // Each row ends with its bar, then its value text (what `dom::patch` relies on).
        for row in s.split("<g class=\"rc-row\"").skip(1) {
            let bar = row.rfind("<rect class=\"rc-bar\"").expect("a bar"); // ok: test
            let value = row.rfind("<text class=\"rc-value\"").expect("a value"); // ok: test
            assert!(bar < value);
            assert_eq!(row[bar..value].matches('<').count(), 1, "nothing between the bar and its value");
            assert!(row[value..].contains("</text></g>"), "the value closes the row");
        }
    }
}
