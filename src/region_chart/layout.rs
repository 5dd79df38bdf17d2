//! Where every bar of the region chart goes and what it says: pure functions of
//! the comparison and the chart's width, tested natively below.

// Natively only the tests use this module (the chart is drawn in the browser).
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use emissions_core::catalog;
use emissions_core::compare::{self, Catalogue, Comparison, Scope};
use emissions_core::format;
use std::fmt::Write;

/// Average advance of a 13 px system-ui character, rounded up: labels are cut to
/// fit by character count (and clipped, so they never run into the bars).
pub const CHAR_PX: f64 = 7.2;
/// Room kept right of the longest bar for its value ("999.9 kg").
pub const VALUE_W: f64 = 78.0;
/// From this width, labels sit left of the bars; below it, above them, with the
/// whole width for the name and place (the card sits in the left column on a
/// desktop, about 570 px of chart, so labels go above there too).
pub const WIDE_PX: f64 = 760.0;

#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    pub width: f64,
    pub row_h: f64,
    pub label_x: f64,
    pub label_y: f64,
    pub label_w: f64,
    pub bar_x: f64,
    pub bar_y: f64,
    pub bar_h: f64,
    pub bar_max: f64,
    pub value_y: f64,
}

/// The chart's geometry at `width` px (at least 240).
pub fn geometry(width: f64) -> Geometry {
    let width = width.max(240.0);
    if width >= WIDE_PX {
        let label_w = (width * 0.4).clamp(200.0, 380.0);
        Geometry {
            width,
            row_h: 26.0,
            label_x: 6.0,
            label_y: 17.5,
            label_w: label_w - 14.0,
            bar_x: label_w,
            bar_y: 5.0,
            bar_h: 16.0,
            bar_max: width - label_w - VALUE_W,
            value_y: 17.5,
        }
    } else {
        Geometry {
            width,
            row_h: 38.0,
            label_x: 6.0,
            label_y: 15.0,
            label_w: width - 12.0,
            bar_x: 6.0,
            bar_y: 20.0,
            bar_h: 13.0,
            bar_max: width - 6.0 - VALUE_W,
            value_y: 31.0,
        }
    }
}

/// What is on screen, to tell whether the next chart can be patched in place.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    /// Everything that needs a new drawing when it changes: every location of the
    /// scope in order, the width, whether names carry the provider.
    pub shape: (Vec<usize>, u64, bool),
    pub geometry: Geometry,
    pub show_provider: bool,
    /// Catalogue index and values of every bar, in the order of `shape`.
    pub bars: Vec<(usize, BarValues)>,
    /// Bars in view.
    pub shown: usize,
}

/// The parts of a bar that follow the job, the form's choice and the filters.
#[derive(Debug, Clone, PartialEq)]
pub struct BarValues {
    /// Position among the bars in view; `None` = hidden by a filter.
    pub slot: Option<usize>,
    pub width: f64,
    pub value: String,
    pub aria: String,
    pub current: bool,
    pub cleanest: bool,
    /// Markup inside the label's `<text>`.
    pub label: String,
}

impl Drawn {
    /// `whole`: every location of the scope, sorted; `view`: those in view (a
    /// subsequence of `whole`, as filtering keeps the order), which set the marks
    /// and the scale.
    pub fn new(cat: &Catalogue, whole: &Comparison, view: &Comparison, scope: &Scope, width: f64) -> Drawn {
        let geometry = geometry(width);
        let show_provider = !matches!(scope, Scope::Provider(_));
        let mut in_view = view.rows.iter().enumerate().peekable();
        let bars: Vec<(usize, BarValues)> = whole
            .rows
            .iter()
            .map(|row| {
                let seen = in_view.next_if(|(_, v)| v.place == row.place);
                let (slot, row, of) = match seen {
                    Some((i, v)) => (Some(i), v, view),
                    None => (None, row, whole),
                };
                let (current, cleanest) = (row.current && slot.is_some(), row.cleanest && slot.is_some());
                let w = compare::bar_fraction(row.emissions_kg, view.max_kg) * geometry.bar_max;
                let kg = format::mass_kg(row.emissions_kg);
                let basis_mark = catalog::row_mark(of, row);
                let value = format!("{kg}{basis_mark}");
                let (aria, label) = cat.places.get(row.place).map_or_else(Default::default, |p| {
                    let name = if show_provider { p.title() } else { p.name.clone() };
                    let marks = mark(current, cleanest);
                    let off_basis = match basis_mark {
                        catalog::FALLBACK_MARK => ", lifecycle figure: no direct figure published",
                        catalog::CURRENT_MARK => ", on another basis than the other bars",
                        _ => "",
                    };
                    (
                        bar_name(&geometry, &name, &p.location, marks, &kg, off_basis),
                        label_markup(&geometry, &name, &p.location, marks),
                    )
                });
                let values = BarValues {
                    slot,
                    width: if row.emissions_kg > 0.0 { w.max(1.5) } else { 0.0 },
                    value,
                    aria,
                    current,
                    cleanest,
                    label,
                };
                (row.place, values)
            })
            .collect();
        // Filtering keeps the order; should it ever not, draw only the rows in view.
        let matched = bars.iter().filter(|(_, b)| b.slot.is_some()).count();
        if matched != view.rows.len() && !std::ptr::eq(whole, view) {
            return Drawn::new(cat, view, view, scope, width);
        }
        let order = whole.rows.iter().map(|r| r.place).collect();
        Drawn {
            shape: (order, geometry.width.to_bits(), show_provider),
            geometry,
            show_provider,
            bars,
            shown: view.rows.len(),
        }
    }

    /// The bar that takes the keyboard's tab stop: the current choice, else the first in view.
    pub fn tab_stop(&self) -> Option<usize> {
        let shown = || self.bars.iter().enumerate().filter(|(_, (_, b))| b.slot.is_some());
        shown().find(|(_, (_, b))| b.current).or_else(|| shown().next()).map(|(i, _)| i)
    }

    pub fn height(&self) -> f64 {
        self.geometry.row_h * self.shown as f64 + 8.0
    }
}

/// The `transform` of the bar in view at position `slot`.
pub fn row_y(g: &Geometry, slot: usize) -> String {
    format!("translate(0 {:.0})", slot as f64 * g.row_h + 4.0)
}

/// What follows a bar's name: " · your choice", " · cleanest", both, or nothing.
pub fn mark(current: bool, cleanest: bool) -> &'static str {
    match (current, cleanest) {
        (true, true) => " · your choice, cleanest",
        (true, false) => " · your choice",
        (false, true) => " · cleanest",
        (false, false) => "",
    }
}

/// At most `max` characters, the last one an ellipsis when cut.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// Characters of label that fit; the name (and its mark) first, then as much of
/// the place as fits. Returns the name and place as shown.
pub fn fit_label(g: &Geometry, name: &str, location: &str, mark: &str) -> (String, String) {
    let budget = (g.label_w / CHAR_PX).floor() as usize;
    let mark_len = mark.chars().count();
    let name_shown = clip(name, budget.saturating_sub(mark_len).max(8));
    let left = budget.saturating_sub(name_shown.chars().count() + mark_len + 3);
    let loc = if left >= 6 { clip(location, left) } else { String::new() };
    (name_shown, loc)
}

/// A bar's accessible name: its visible text first, as drawn (so that speech
/// users can say what they see), then the value and what the marks mean, and the
/// full name and place when the label had to be cut.
pub fn bar_name(g: &Geometry, name: &str, location: &str, marks: &str, kg: &str, off_basis: &str) -> String {
    let (name_shown, loc_shown) = fit_label(g, name, location, marks);
    let mut s = format!("{name_shown}{marks}");
    if !loc_shown.is_empty() {
        let _ = write!(s, " · {loc_shown}");
    }
    let _ = write!(s, ": {kg} CO2eq{off_basis}");
    if name_shown != name || loc_shown != location {
        let _ = write!(s, " ({name}, {location})");
    }
    s
}

/// The markup inside a bar's label: name, mark and place, each escaped.
pub fn label_markup(g: &Geometry, name: &str, location: &str, mark: &str) -> String {
    let (name, loc) = fit_label(g, name, location, mark);
    let mut s = format!("<tspan class=\"rc-name\">{}</tspan>", esc(&name));
    if !mark.is_empty() {
        let _ = write!(s, "<tspan class=\"rc-mark\">{}</tspan>", esc(mark));
    }
    if !loc.is_empty() {
        let _ = write!(s, "<tspan class=\"rc-loc\"> · {}</tspan>", esc(&loc));
    }
    // A trailing space (not drawn) keeps the label's words apart from the value's in
    // the bar's text, as assistive technology reads it against the accessible name.
    s.push(' ');
    s
}

/// Text for an SVG attribute or element.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use emissions_core::compare::Query;
    use emissions_core::form::FormState;
    use emissions_core::job::validate;
    use emissions_core::Dataset;

    fn setup() -> (&'static Dataset, Catalogue, FormState) {
        let data = Dataset::embedded().expect("data");
        (data, Catalogue::new(data), FormState::default())
    }

    #[test]
    fn labels_go_beside_the_bars_on_wide_charts_and_above_them_on_narrow_ones() {
        let wide = geometry(1000.0);
        assert_eq!((wide.row_h, wide.bar_x), (26.0, 380.0));
        assert_eq!(wide.label_w, 366.0);
        assert_eq!(wide.bar_max, 1000.0 - 380.0 - VALUE_W);
        let desktop = geometry(570.0);
        assert_eq!((desktop.row_h, desktop.bar_x, desktop.label_w), (38.0, 6.0, 558.0));
        assert!(desktop.label_y + 4.0 < desktop.bar_y, "the label sits above the bar");
        // Never narrower than 240 px.
        assert_eq!(geometry(100.0), geometry(240.0));
        // Every bar and its value fit the width.
        for w in [240.0, 360.0, 570.0, 759.0, 760.0, 1200.0, 2000.0] {
            let g = geometry(w);
            assert!(g.bar_x + g.bar_max + VALUE_W <= g.width + 1e-9, "{w}");
            assert!(g.label_x + g.label_w <= g.width, "{w}");
        }
    }

    #[test]
    fn labels_are_cut_to_fit_name_first() {
        assert_eq!(clip("abcdef", 6), "abcdef");
        assert_eq!(clip("abcdefg", 6), "abcde…");
        assert_eq!(clip("ééééé", 3), "éé…");
        // 360 px: 348 px of label, 48 characters.
        let g = geometry(360.0);
        let (name, loc) = fit_label(&g, "eu-north-1", "Stockholm, Sweden", mark(true, false));
        assert_eq!((name.as_str(), loc.as_str()), ("eu-north-1", "Stockholm, Sweden"));
        let long = "A very long grid region name that cannot fit on a phone screen at all";
        let (name, loc) = fit_label(&g, long, "Somewhere", "");
        assert_eq!(name.chars().count(), 48);
        assert!(name.ends_with('…'));
        assert_eq!(loc, "", "no room left for the place");
        // The place is cut before the name.
        let (name, loc) = fit_label(&g, "us-east-1", "US East (N. Virginia), United States of America", "");
        assert_eq!(name, "us-east-1");
        assert_eq!(loc.chars().count(), 48 - 9 - 3);
        assert!(loc.ends_with('…'));
        // A name keeps at least 8 characters whatever the mark.
        let tiny = Geometry { label_w: 40.0, ..geometry(240.0) };
        assert_eq!(fit_label(&tiny, "abcdefghijk", "x", mark(true, true)).0, "abcdefg…");
    }

    #[test]
    fn label_markup_escapes_every_text() {
        let g = geometry(1000.0);
        let s = label_markup(&g, "<b>\"x\" & 'y'</b>", "a<b", mark(false, true));
        assert_eq!(
            s,
            "<tspan class=\"rc-name\">&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;</tspan>\
             <tspan class=\"rc-mark\"> · cleanest</tspan><tspan class=\"rc-loc\"> · a&lt;b</tspan> "
        );
        assert_eq!(esc("plain"), "plain");
    }

    #[test]
    fn bars_follow_the_comparison() {
        let (data, cat, form) = setup();
        let job = validate(&form, data).expect("valid");
        let scope = Scope::Provider("aws".into());
        let whole = compare::compare(&cat, &job, &form, &Query::scope(scope.clone()));
        let d = Drawn::new(&cat, &whole, &whole, &scope, 570.0);
        assert_eq!(d.bars.len(), whole.rows.len());
        assert_eq!(d.shown, whole.rows.len());
        assert!(!d.show_provider, "one provider: names without it");
        assert_eq!(d.height(), 38.0 * whole.rows.len() as f64 + 8.0);
        // In view in order; the current choice has the tab stop and its mark.
        assert!(d.bars.iter().enumerate().all(|(i, (_, b))| b.slot == Some(i)));
        let current = d.bars.iter().position(|(_, b)| b.current).expect("the form's region is in view");
        assert_eq!(d.tab_stop(), Some(current));
        assert!(d.bars[current].1.aria.contains(" · your choice"), "{}", d.bars[current].1.aria);
        assert!(d.bars[current].1.label.contains("rc-mark"));
        assert_eq!(
            d.bars[current].1.value, "3.82 kg",
            "the bar shows the estimate (9.6 kWh × PUE 1.14 × 349.06 g/kWh)"
        );
        assert_eq!(d.bars.iter().filter(|(_, b)| b.cleanest).count(), 1);
        // The longest bar spans the scale; every bar at least 1.5 px.
        let widest = d.bars.iter().map(|(_, b)| b.width).fold(0.0, f64::max);
        assert!((widest - d.geometry.bar_max).abs() < 1e-9);
        assert!(d.bars.iter().all(|(_, b)| b.width >= 1.5));

        // A search hides bars without changing the shape: the chart can be patched.
        let q = Query { text: "eu".into(), ..Query::scope(scope.clone()) };
        let view = compare::compare(&cat, &job, &form, &q);
        let filtered = Drawn::new(&cat, &whole, &view, &scope, 570.0);
        assert_eq!(filtered.shape, d.shape);
        assert_eq!(filtered.shown, view.rows.len());
        assert!(filtered.shown < d.shown);
        let slots: Vec<usize> = filtered.bars.iter().filter_map(|(_, b)| b.slot).collect();
        assert_eq!(slots, (0..view.rows.len()).collect::<Vec<_>>());
        // Another width or another scope is a new drawing.
        assert_ne!(Drawn::new(&cat, &whole, &whole, &scope, 1000.0).shape, d.shape);
        let all = compare::compare(&cat, &job, &form, &Query::scope(Scope::AllProviders));
        let all_drawn = Drawn::new(&cat, &all, &all, &Scope::AllProviders, 570.0);
        assert!(all_drawn.show_provider);
        assert_ne!(all_drawn.shape, d.shape);
    }

    #[test]
    fn a_bars_name_starts_with_its_visible_text() {
        let g = geometry(360.0);
        let long = "AWS European Sovereign Cloud (Germany) eusc-de-east-1";
        let name = bar_name(&g, long, "Brandenburg, Germany", " · cleanest", "3.82 kg", "");
        let (shown, loc) = fit_label(&g, long, "Brandenburg, Germany", " · cleanest");
        assert!(shown.ends_with('…'), "cut at 360 px: {shown}");
        let visible =
            if loc.is_empty() { format!("{shown} · cleanest") } else { format!("{shown} · cleanest · {loc}") };
        assert!(name.starts_with(&format!("{visible}: 3.82 kg CO2eq")), "{name}");
        assert!(
            name.ends_with(&format!(" ({long}, Brandenburg, Germany)")),
            "the full text follows a cut label: {name}"
        );
        let short = bar_name(
            &geometry(1200.0),
            "eu-west-3",
            "Paris, France",
            "",
            "1.2 kg",
            ", lifecycle figure: no direct figure published",
        );
        assert_eq!(short, "eu-west-3 · Paris, France: 1.2 kg CO2eq, lifecycle figure: no direct figure published");
    }
}
