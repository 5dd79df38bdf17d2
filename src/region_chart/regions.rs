//! The region comparison as bars of the chart: each place of the comparison,
//! named with its provider when several are compared, its value marked when its
//! figure is on another basis than the others.

// Natively only the tests use this module (the chart is drawn in the browser).
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use super::layout::{Bar, Dimension, Drawn, Series};
use emissions_core::catalog;
use emissions_core::compare::{Catalogue, Comparison, Scope};
use std::borrow::Cow;

/// A comparison of locations, as the chart reads it.
pub struct Regions<'a> {
    cat: &'a Catalogue,
    cmp: &'a Comparison,
    /// Names carry the provider (every provider, or zones).
    show_provider: bool,
}

impl<'a> Regions<'a> {
    pub fn new(cat: &'a Catalogue, cmp: &'a Comparison, scope: &Scope) -> Regions<'a> {
        Regions { cat, cmp, show_provider: !matches!(scope, Scope::Provider(_)) }
    }
}

impl Series for Regions<'_> {
    fn len(&self) -> usize {
        self.cmp.rows.len()
    }

    fn key(&self, i: usize) -> usize {
        self.cmp.rows[i].place
    }

    fn bar(&self, i: usize) -> Bar<'_> {
        let row = &self.cmp.rows[i];
        let suffix = catalog::row_mark(self.cmp, row);
        let note = match suffix {
            catalog::FALLBACK_MARK => ", lifecycle figure: no direct figure published",
            catalog::CURRENT_MARK => ", on another basis than the other bars",
            _ => "",
        };
        let (id, name, detail) = match self.cat.places.get(row.place) {
            Some(p) => (
                p.id.as_str(),
                if self.show_provider { Cow::Owned(p.title()) } else { Cow::Borrowed(p.name.as_str()) },
                Cow::Borrowed(p.location.as_str()),
            ),
            None => ("", Cow::Borrowed(""), Cow::Borrowed("")),
        };
        Bar {
            id,
            name,
            detail,
            kg: row.emissions_kg,
            prefix: "",
            suffix,
            note,
            current: row.current,
            cleanest: row.cleanest,
        }
    }

    fn max_kg(&self) -> f64 {
        self.cmp.max_kg
    }

    fn naming(&self) -> u8 {
        u8::from(self.show_provider)
    }
}

/// The chart of `view` (in view) among `whole` (every place of the scope).
pub fn drawn(cat: &Catalogue, whole: &Comparison, view: &Comparison, scope: &Scope, width: f64) -> Drawn {
    let w = Regions::new(cat, whole, scope);
    if std::ptr::eq(whole, view) {
        return Drawn::new(Dimension::Locations, &w, &w, width);
    }
    Drawn::new(Dimension::Locations, &w, &Regions::new(cat, view, scope), width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use emissions_core::compare::{self, Query};
    use emissions_core::form::FormState;
    use emissions_core::job::validate;
    use emissions_core::Dataset;

    fn setup() -> (&'static Dataset, Catalogue, FormState) {
        let data = Dataset::embedded().expect("data"); // ok: test
        (data, Catalogue::new(data), FormState::default())
    }

    #[test]
    fn bars_follow_the_comparison() {
        let (data, cat, form) = setup();
        let job = validate(&form, data).expect("valid"); // ok: test
        let scope = Scope::Provider("aws".into());
        let whole = compare::compare(&cat, &job, &form, &Query::scope(scope.clone()));
        let d = drawn(&cat, &whole, &whole, &scope, 570.0);
        assert_eq!(d.bars.len(), whole.rows.len());
        assert_eq!(d.shown, whole.rows.len());
        assert_eq!(d.shape.2, 0, "one provider: names without it");
        assert_eq!(d.dimension, Dimension::Locations);
        assert_eq!(d.height(), 38.0 * whole.rows.len() as f64 + 8.0);
        // In view in order; the current choice has the tab stop and its mark.
        assert!(d.bars.iter().enumerate().all(|(i, (_, b))| b.slot == Some(i)));
        let current = d.bars.iter().position(|(_, b)| b.current).expect("the form's region is in view"); // ok: test
        assert_eq!(d.tab_stop(), Some(current));
        assert!(d.bars[current].1.aria.contains(" · your choice"));
        // The accessible name starts with the label as shown, then the value.
        let place = cat.places.iter().find(|p| p.id == d.bars[current].1.id).expect("the bar's place"); // ok: test
        assert!(d.bars[current].1.aria.starts_with(&format!("{} · your choice", place.name)));
        assert!(d.bars[current].1.aria.contains(&format!("{}: 3.82 kg CO2eq", place.location)));
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
        let filtered = drawn(&cat, &whole, &view, &scope, 570.0);
        assert_eq!(filtered.shape, d.shape);
        assert_eq!(filtered.shown, view.rows.len());
        assert!(filtered.shown < d.shown);
        let slots: Vec<usize> = filtered.bars.iter().filter_map(|(_, b)| b.slot).collect();
        assert_eq!(slots, (0..view.rows.len()).collect::<Vec<_>>());
        // Another width or another scope is a new drawing.
        assert_ne!(drawn(&cat, &whole, &whole, &scope, 1000.0).shape, d.shape);
        let all = compare::compare(&cat, &job, &form, &Query::scope(Scope::AllProviders));
        let all_drawn = drawn(&cat, &all, &all, &Scope::AllProviders, 570.0);
        assert_eq!(all_drawn.shape.2, 1, "every provider: names carry it");
        assert_ne!(all_drawn.shape, d.shape);
    }
}
