//! The page side of a comparison chart, shared by "Where should this job run?"
//! (`components::region_comparison`) and "Which hardware?"
//! (`components::hardware_comparison`): the chart's container, its width
//! (measured on the first drawing, as reading it forces a layout, then on each
//! resize of the window), the drawing on screen (patched in place while its shape
//! stays, `region_chart::dom`), and the benchmark's record of each update:
//! `performance.measure(name)` over the time spent comparing plus drawing, and
//! `data-update-ms`, `data-updates` and `data-bars` on the container.

use crate::browser;
use crate::region_chart::{dom, layout::Drawn};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct ChartHost {
    /// The chart's container (`node_ref` of its `<div>`).
    pub node: NodeRef<leptos::html::Div>,
    width: RwSignal<f64>,
    drawn: StoredValue<Option<Drawn>>,
    updates: StoredValue<u64>,
    /// Time spent comparing since the chart was last drawn (part of its update).
    compare_ms: StoredValue<f64>,
    measure: &'static str,
}

impl ChartHost {
    /// A chart whose updates are recorded as `performance.measure(measure)`,
    /// redrawn at the new width when the window is resized.
    pub fn new(measure: &'static str) -> ChartHost {
        let host = ChartHost {
            node: NodeRef::new(),
            width: RwSignal::new(0.0),
            drawn: StoredValue::new(None),
            updates: StoredValue::new(0),
            compare_ms: StoredValue::new(0.0),
            measure,
        };
        browser::on_window_event(leptos::ev::resize, move |_| {
            if let Some(el) = host.node.get_untracked() {
                let w = f64::from(el.client_width());
                if w > 0.0 && w != host.width.get_untracked() {
                    host.width.set(w);
                }
            }
        });
        host
    }

    /// Count the time since `t0` as comparing, toward the next update (call it
    /// when a comparison gave a new result).
    pub fn compared_since(&self, t0: Option<f64>) {
        if let (Some(t0), Some(t1)) = (t0, browser::now()) {
            self.compare_ms.update_value(|ms| *ms += t1 - t0);
        }
    }

    /// Draw the chart, or clear it when `draw` gives none, and record the update
    /// begun at `t0`. `draw` is handed the chart's width (measured only if it is
    /// asked for) and gives the drawing and its number of bars in view. Call it in
    /// an effect: it tracks the width and the container.
    pub fn update(&self, t0: Option<f64>, draw: impl FnOnce(&dyn Fn() -> f64) -> Option<(Drawn, usize)>) {
        let w = self.width.get();
        let Some(el) = self.node.get() else { return };
        let width = || {
            if w > 0.0 {
                return w;
            }
            let measured = f64::from(el.client_width());
            self.width.update_untracked(|w| *w = measured);
            measured
        };
        let bars = match draw(&width) {
            Some((next, bars)) => {
                self.drawn.update_value(|prev| {
                    dom::show(&el, prev.as_ref(), &next);
                    *prev = Some(next);
                });
                bars
            }
            None => {
                el.set_inner_html("");
                self.drawn.set_value(None);
                0
            }
        };
        let (Some(t0), Some(t1)) = (t0, browser::now()) else { return };
        let ms = self.compare_ms.try_update_value(std::mem::take).unwrap_or_default() + (t1 - t0);
        browser::measure(self.measure, t1 - ms, ms);
        let n = self.updates.try_update_value(|u| {
            *u += 1;
            *u
        });
        let _ = el.set_attribute("data-update-ms", &format!("{ms:.3}"));
        let _ = el.set_attribute("data-updates", &n.unwrap_or(0).to_string());
        let _ = el.set_attribute("data-bars", &bars.to_string());
    }
}
