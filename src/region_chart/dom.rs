//! The chart in the page: drawn once per shape, patched in place while the
//! same rows stay in the same order, with the keyboard focus kept.

use super::layout::{row_y, Drawn};
use super::svg::chart_svg;
use leptos::prelude::document;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys;

/// Show `next` in `container`, where `prev` is on screen: patched in place when the
/// shape is the same (a number of the job, the choice or a filter changed), else
/// drawn anew with the focus kept on the same bar.
pub fn show(container: &web_sys::Element, prev: Option<&Drawn>, next: &Drawn) {
    match prev.filter(|p| p.shape == next.shape) {
        Some(p) => patch(container, p, next),
        None => {
            let focused = focused_row(container);
            container.set_inner_html(&chart_svg(next));
            if let Some(id) = focused {
                focus_row(container, &id);
            }
        }
    }
}

/// The bar row (`g.rc-row`) an event happened in.
pub fn row_of(target: Option<web_sys::EventTarget>) -> Option<web_sys::Element> {
    target?.dyn_into::<web_sys::Element>().ok()?.closest(".rc-row").ok()?
}

/// The id of the bar that has the keyboard focus, if any.
fn focused_row(container: &web_sys::Element) -> Option<String> {
    let active = document().active_element()?;
    if container.contains(Some(&active)) {
        active.get_attribute("data-id")
    } else {
        None
    }
}

/// Give the keyboard focus back to the bar `id` after a redraw (it may have moved).
fn focus_row(container: &web_sys::Element, id: &str) {
    let selector = format!("[data-id=\"{}\"]", id.replace('\\', "\\\\").replace('"', "\\\""));
    if let Ok(Some(row)) = container.query_selector(&selector) {
        if let Some(old) = container.query_selector(".rc-row[tabindex=\"0\"]").ok().flatten() {
            let _ = old.set_attribute("tabindex", "-1");
        }
        let _ = row.set_attribute("tabindex", "0");
        if let Ok(svg) = row.dyn_into::<web_sys::SvgElement>() {
            let _ = svg.focus();
        }
    }
}

/// Move the keyboard's tab stop from `from` to `to` and focus it.
pub fn move_focus(from: &web_sys::Element, to: web_sys::Element) {
    let _ = from.set_attribute("tabindex", "-1");
    let _ = to.set_attribute("tabindex", "0");
    if let Ok(svg) = to.dyn_into::<web_sys::SvgElement>() {
        let _ = svg.focus();
    }
}

fn set_flag(el: &web_sys::Element, name: &str, on: bool) {
    let _ = if on { el.set_attribute(name, "true") } else { el.remove_attribute(name) };
}

/// Update bars drawn with the same shape: positions (filters), widths, values,
/// labels, and which bar is the current choice and the cleanest. The DOM nodes,
/// and so the keyboard focus, stay.
fn patch(container: &web_sys::Element, old: &Drawn, new: &Drawn) {
    if old.shown != new.shown {
        if let Ok(Some(svg)) = container.query_selector("svg") {
            let _ = svg.set_attribute("height", &format!("{:.0}", new.height()));
            let _ = svg.set_attribute("aria-label", &new.dimension.svg_label(new.shown));
        }
    }
    let (old_stop, new_stop) = (old.tab_stop(), new.tab_stop());
    let mut row = container.query_selector(".rc-row").ok().flatten();
    for (i, ((_, o), (_, n))) in old.bars.iter().zip(&new.bars).enumerate() {
        let Some(r) = row else { return };
        if o != n {
            if o.slot != n.slot {
                match n.slot {
                    Some(slot) => {
                        let _ = r.set_attribute("transform", &row_y(&new.geometry, slot));
                        let _ = r.remove_attribute("display");
                    }
                    None => {
                        let _ = r.set_attribute("display", "none");
                    }
                }
            }
            if o.aria != n.aria {
                let _ = r.set_attribute("aria-label", &n.aria);
            }
            if o.current != n.current {
                set_flag(&r, "data-current", n.current);
                set_flag(&r, "aria-current", n.current);
            }
            if o.cleanest != n.cleanest {
                set_flag(&r, "data-cleanest", n.cleanest);
            }
            if o.label != n.label {
                if let Ok(Some(label)) = r.query_selector(".rc-label") {
                    label.set_inner_html(&n.label);
                }
            }
            // The value text is the row's last child and the bar the one before it (`svg::bar`).
            if let Some(value) = r.last_element_child() {
                if o.width != n.width {
                    if let Some(bar) = value.previous_element_sibling() {
                        let _ = bar.set_attribute("width", &format!("{:.1}", n.width));
                    }
                    let _ = value.set_attribute("x", &format!("{:.1}", new.geometry.bar_x + n.width + 6.0));
                }
                if o.value != n.value {
                    value.set_text_content(Some(&n.value));
                }
            }
        }
        // The keyboard's way in follows the current choice, and never stays on a hidden bar.
        if new_stop != old_stop && new_stop == Some(i) {
            if let Ok(Some(stop)) = container.query_selector(".rc-row[tabindex=\"0\"]") {
                let _ = stop.set_attribute("tabindex", "-1");
            }
            let _ = r.set_attribute("tabindex", "0");
        }
        row = r.next_element_sibling();
    }
}

/// Keys on the chart: Enter or Space choose the focused bar (its id is
/// returned); arrows, Home and End move the focus between the bars in view.
pub fn on_key(ev: &web_sys::KeyboardEvent) -> Option<String> {
    let row = row_of(ev.target())?;
    match ev.key().as_str() {
        "Enter" | " " => {
            ev.prevent_default();
            row.get_attribute("data-id")
        }
        key @ ("ArrowDown" | "ArrowUp" | "Home" | "End") => {
            ev.prevent_default();
            let step = |e: &web_sys::Element, down: bool| {
                if down {
                    e.next_element_sibling()
                } else {
                    e.previous_element_sibling()
                }
            };
            // Hidden (filtered) bars are skipped.
            let seek = |mut e: Option<web_sys::Element>, down: bool| {
                while let Some(x) = e.as_ref().filter(|x| x.has_attribute("display")) {
                    e = step(x, down);
                }
                e
            };
            let next = match key {
                "ArrowDown" => seek(row.next_element_sibling(), true),
                "ArrowUp" => seek(row.previous_element_sibling(), false),
                "Home" => seek(row.parent_element().and_then(|p| p.first_element_child()), true),
                _ => seek(row.parent_element().and_then(|p| p.last_element_child()), false),
            };
            if let Some(next) = next.filter(|n| n.class_list().contains("rc-row")) {
                move_focus(&row, next);
            }
            None
        }
        _ => None,
    }
}
