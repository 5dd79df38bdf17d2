//! Where every bar of a comparison chart goes and what it says: pure functions of
//! the bars ([`Series`]) and the chart's width, tested natively below. One chart
//! serves every dimension compared: locations (`super::regions`) and
//! accelerators (`super::hardware`).

// Natively only the tests use this module (the chart is drawn in the browser).
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use emissions_core::compare;
use emissions_core::format;
use std::borrow::Cow;
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

/// What a chart compares: one chart draws either, with its own words and ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    /// Cloud regions, countries and grid zones ("Where should this job run?").
    Locations,
    /// Accelerators running the same work ("Which hardware?").
    Accelerators,
}

impl Dimension {
    /// The chart's accessible name, for `n` bars in view.
    pub fn svg_label(self, n: usize) -> String {
        match self {
            Dimension::Locations => {
                format!("CO2eq of this job in {n} locations, cleanest first. Select a bar to use that location.")
            }
            Dimension::Accelerators => format!(
                "CO2eq of this job's work on {n} accelerators, cleanest first. Select a bar to move the job to that device."
            ),
        }
    }

    /// How wide its labels' characters are: device names are long, and bold.
    pub fn char_widths(self) -> CharWidths {
        match self {
            Dimension::Locations => UNIFORM,
            // Measured in Chromium at 13 px system-ui: 8.1 px for bold names, 6.5 for the rest, rounded up.
            Dimension::Accelerators => CharWidths { name: 8.6, detail: 6.9 },
        }
    }

    /// The id of the chart's label clip path (unique on the page: both charts can be on it).
    pub fn clip_id(self) -> &'static str {
        match self {
            Dimension::Locations => "rc-clip",
            Dimension::Accelerators => "hw-clip",
        }
    }
}

/// One bar as its comparison describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar<'a> {
    /// The `data-id` a click or Enter reports.
    pub id: &'a str,
    pub name: Cow<'a, str>,
    /// What follows the name, less important, cut first: the place, the device's time and power.
    pub detail: Cow<'a, str>,
    pub kg: f64,
    /// Printed before and after the value ("~" for an estimated power, "*" or "†" for another basis).
    pub prefix: &'static str,
    pub suffix: &'static str,
    /// Said after the value to a screen reader, what the marks mean (", estimated power ...").
    pub note: &'static str,
    pub current: bool,
    pub cleanest: bool,
}

/// The rows of a comparison, in the order drawn (cleanest first): what the chart needs of them.
pub trait Series {
    fn len(&self) -> usize;
    /// The row's stable identity (a table index): while the keys stay in the same
    /// order, the chart is patched rather than drawn anew.
    fn key(&self, i: usize) -> usize;
    fn bar(&self, i: usize) -> Bar<'_>;
    /// The value at the end of the scale, kg.
    fn max_kg(&self) -> f64;
    /// A change of naming that needs a new drawing of the same rows (0 when there is none).
    fn naming(&self) -> u8 {
        0
    }
}

/// What is on screen, to tell whether the next chart can be patched in place.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    pub dimension: Dimension,
    /// Everything that needs a new drawing when it changes: every row of the whole
    /// comparison in order (their keys), the width, the naming.
    pub shape: (Vec<usize>, u64, u8),
    pub geometry: Geometry,
    /// Key and values of every bar, in the order of `shape`.
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
    pub id: String,
}

impl Drawn {
    /// `whole`: every row of the comparison, sorted; `view`: those in view (a
    /// subsequence of `whole`, as filtering keeps the order), which set the marks
    /// and the scale.
    pub fn new<S: Series>(dimension: Dimension, whole: &S, view: &S, width: f64) -> Drawn {
        let geometry = geometry(width);
        let widths = dimension.char_widths();
        let mut in_view = (0..view.len()).peekable();
        let bars: Vec<(usize, BarValues)> = (0..whole.len())
            .map(|w| {
                let key = whole.key(w);
                let seen = in_view.next_if(|v| view.key(*v) == key);
                let (slot, bar, max_kg) = match seen {
                    Some(v) => (Some(v), view.bar(v), view.max_kg()),
                    None => (None, whole.bar(w), whole.max_kg()),
                };
                let (current, cleanest) = (bar.current && slot.is_some(), bar.cleanest && slot.is_some());
                let kg = format::mass_kg(bar.kg);
                let shown_mark = mark(current, cleanest);
                let aria = bar_name(&geometry, widths, &bar, shown_mark, &kg);
                let w = compare::bar_fraction(bar.kg, max_kg) * geometry.bar_max;
                let values = BarValues {
                    slot,
                    width: if bar.kg > 0.0 { w.max(1.5) } else { 0.0 },
                    value: format!("{}{kg}{}", bar.prefix, bar.suffix),
                    aria,
                    current,
                    cleanest,
                    label: label_markup_in(&geometry, widths, &bar.name, &bar.detail, shown_mark),
                    id: bar.id.to_string(),
                };
                (key, values)
            })
            .collect();
        // Filtering keeps the order; should it ever not, draw only the rows in view.
        let matched = bars.iter().filter(|(_, b)| b.slot.is_some()).count();
        if matched != view.len() && !std::ptr::eq(whole, view) {
            return Drawn::new(dimension, view, view, width);
        }
        let order = (0..whole.len()).map(|i| whole.key(i)).collect();
        Drawn { dimension, shape: (order, geometry.width.to_bits(), whole.naming()), geometry, bars, shown: view.len() }
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

/// Average advance of a character of a label, px: its name (bold) and its detail.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CharWidths {
    pub name: f64,
    pub detail: f64,
}

/// [`CHAR_PX`] for every part: short names (region codes) and places.
pub const UNIFORM: CharWidths = CharWidths { name: CHAR_PX, detail: CHAR_PX };

/// Characters of label that fit; the name (and its mark) first, then as much of
/// the detail (the place, the device's facts) as fits. Returns the name and detail as shown.
/// (The chart uses [`fit_label_in`] with its dimension's widths; the tests this uniform fit.)
#[cfg(test)]
pub fn fit_label(g: &Geometry, name: &str, location: &str, mark: &str) -> (String, String) {
    fit_label_in(g, UNIFORM, name, location, mark)
}

/// [`fit_label`] with the widths of the characters of each part.
pub fn fit_label_in(g: &Geometry, w: CharWidths, name: &str, detail: &str, mark: &str) -> (String, String) {
    // A hair over, so that a width of exactly n characters fits n despite rounding.
    let chars = |px: f64, per: f64| (px / per + 1e-9).floor().max(0.0) as usize;
    let mark_len = mark.chars().count();
    let name_budget = chars(g.label_w, w.name).saturating_sub(mark_len).max(8);
    let name_shown = clip(name, name_budget);
    let used = (name_shown.chars().count() + mark_len) as f64 * w.name + 3.0 * w.detail;
    let left = chars((g.label_w - used).max(0.0), w.detail);
    let detail = if left >= 6 { clip(detail, left) } else { String::new() };
    (name_shown, detail)
}

/// A bar's accessible name: its visible text first, as drawn (so that speech users
/// can say what they see; no `<title>` joins it), then the value, the whole name and
/// detail when the label had to be cut, and what the marks mean (axe-core wants the
/// visible text, label and value, as one run at the start of the name).
pub fn bar_name(g: &Geometry, w: CharWidths, bar: &Bar<'_>, marks: &str, kg: &str) -> String {
    let (name_shown, detail_shown) = fit_label_in(g, w, &bar.name, &bar.detail, marks);
    let mut s = format!("{name_shown}{marks}");
    if !detail_shown.is_empty() {
        let _ = write!(s, " · {detail_shown}");
    }
    // The visible text stays one run (label, then value), then the whole name, then the note.
    let _ = write!(s, ": {kg} CO2eq");
    if name_shown != bar.name || detail_shown != bar.detail {
        if bar.detail.is_empty() {
            let _ = write!(s, " ({})", bar.name);
        } else {
            let _ = write!(s, " ({}, {})", bar.name, bar.detail);
        }
    }
    s.push_str(bar.note);
    s
}

/// The markup inside a bar's label: name, mark and detail, each escaped.
#[cfg(test)]
pub fn label_markup(g: &Geometry, name: &str, location: &str, mark: &str) -> String {
    label_markup_in(g, UNIFORM, name, location, mark)
}

/// [`label_markup`] with the widths of the characters of each part.
pub fn label_markup_in(g: &Geometry, w: CharWidths, name: &str, detail: &str, mark: &str) -> String {
    let (name, loc) = fit_label_in(g, w, name, detail, mark);
    let mut s = format!("<tspan class=\"rc-name\">{}</tspan>", esc(&name));
    if !mark.is_empty() {
        let _ = write!(s, "<tspan class=\"rc-mark\">{}</tspan>", esc(mark));
    }
    if !loc.is_empty() {
        let _ = write!(s, "<tspan class=\"rc-loc\"> · {}</tspan>", esc(&loc));
    }
    // A space SVG does not draw: the label's text and the value's are then two words
    // to assistive technology ("Sweden 392 g", not "Sweden392 g"), as axe-core checks
    // the accessible name against.
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
    fn labels_of_wide_characters_are_cut_sooner() {
        // The uniform widths are the plain fit.
        let g = geometry(360.0);
        let name = "NVIDIA B300 (HGX/DGX B300, Blackwell Ultra)";
        assert_eq!(
            fit_label_in(&g, UNIFORM, name, "4.22 days · 1,100 W", ""),
            fit_label(&g, name, "4.22 days · 1,100 W", "")
        );
        // Bold device names at 8.6 px: 348 px hold 40 characters, the mark included.
        let w = Dimension::Accelerators.char_widths();
        let (shown, detail) = fit_label_in(&g, w, name, "4.22 days · 1,100 W", mark(true, false));
        assert_eq!(shown.chars().count(), 40 - mark(true, false).chars().count());
        assert!(shown.ends_with('…'));
        assert_eq!(detail, "", "no room left for the detail");
        // Whatever is shown fits the label's width at those widths.
        for width in [240.0, 300.0, 360.0, 570.0, 1000.0] {
            let g = geometry(width);
            let (n, d) = fit_label_in(&g, w, name, "4.22 days · 1,100 W", mark(true, true));
            let px = (n.chars().count() + mark(true, true).chars().count()) as f64 * w.name
                + if d.is_empty() { 0.0 } else { (d.chars().count() + 3) as f64 * w.detail };
            assert!(px <= g.label_w || n.chars().count() == 8, "{width}: {px} > {}", g.label_w);
        }
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
    fn a_bars_name_starts_with_its_visible_text() {
        let g = geometry(360.0);
        let long = "AWS European Sovereign Cloud (Germany) eusc-de-east-1";
        let bar = Bar {
            id: "x",
            name: Cow::Borrowed(long),
            detail: Cow::Borrowed("Brandenburg, Germany"),
            kg: 3.82,
            prefix: "",
            suffix: "",
            note: "",
            current: false,
            cleanest: true,
        };
        let name = bar_name(&g, UNIFORM, &bar, " · cleanest", "3.82 kg");
        let (shown, loc) = fit_label(&g, long, "Brandenburg, Germany", " · cleanest");
        assert!(shown.ends_with('…'), "cut at 360 px: {shown}");
        let visible =
            if loc.is_empty() { format!("{shown} · cleanest") } else { format!("{shown} · cleanest · {loc}") };
        assert_eq!(name, format!("{visible}: 3.82 kg CO2eq ({long}, Brandenburg, Germany)"));
        let short = Bar {
            name: Cow::Borrowed("eu-west-3"),
            detail: Cow::Borrowed("Paris, France"),
            note: ", lifecycle figure: no direct figure published",
            ..bar
        };
        assert_eq!(
            bar_name(&geometry(1200.0), UNIFORM, &short, "", "1.2 kg"),
            "eu-west-3 · Paris, France: 1.2 kg CO2eq, lifecycle figure: no direct figure published"
        );
    }
}
