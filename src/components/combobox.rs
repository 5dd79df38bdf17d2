//! An editable combobox with list autocomplete (the WAI-ARIA 1.2 combobox
//! pattern): the text box shows the current choice; typing filters the list
//! below it and highlights the best match; ArrowDown and ArrowUp move the
//! highlight, Enter picks it, Escape (or leaving the box) puts the current
//! choice back. The choice only changes when the user picks, so the estimate
//! never describes a device or grid the user filtered away.
//!
//! The input carries the choice's key in `data-value` (what the tests read).

use crate::browser;
use crate::components::grouped_options::OptionGroup;
use emissions_core::catalog;
use leptos::prelude::*;

#[component]
pub fn Combobox(
    /// The input's id; the list is `{id}-listbox`, the options `{id}-opt-{n}`.
    id: String,
    name: &'static str,
    label: &'static str,
    /// The key of the current choice.
    #[prop(into)]
    value: Signal<String>,
    /// The text shown for the current choice.
    #[prop(into)]
    display: Signal<String>,
    /// The options matching a query (every option for "").
    filter: Callback<String, Vec<OptionGroup>>,
    on_pick: Callback<String>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    /// The noun of the count line: ("device", "devices").
    #[prop(default = ("option", "options"))]
    noun: (&'static str, &'static str),
) -> impl IntoView {
    let list_id = format!("{id}-listbox");
    let status_id = format!("{id}-status");
    let error_id = format!("{id}-error");
    let option_id = {
        let id = id.clone();
        move |i: usize| format!("{id}-opt-{i}")
    };
    let group_id = {
        let id = id.clone();
        move |g: usize| format!("{id}-group-{g}")
    };

    // `Some(text)` while the user types; `None` shows the current choice.
    let typed = RwSignal::new(None::<String>);
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let groups = Memo::new(move |_| filter.run(typed.get().unwrap_or_default()));
    // The options in list order, for the keyboard.
    let flat = Memo::new(move |_| {
        groups.with(|gs| gs.iter().flat_map(|g| g.options.iter().cloned()).collect::<Vec<(String, String)>>())
    });

    let best = move || {
        let q = typed.get_untracked().unwrap_or_default();
        flat.with_untracked(|f| catalog::best_match(f.iter().map(|(k, l)| (k.as_str(), l.as_str())), &q))
    };
    let current_index = move || value.with_untracked(|v| flat.with_untracked(|f| f.iter().position(|(k, _)| k == v)));
    let show_list = move |at: Option<usize>| {
        open.set(true);
        active.set(at);
    };
    let close = move || {
        open.set(false);
        active.set(None);
        typed.set(None);
    };
    let pick = move |i: usize| {
        if let Some(key) = flat.with_untracked(|f| f.get(i).map(|(k, _)| k.clone())) {
            close();
            on_pick.run(key);
        }
    };
    // Keep the highlighted option in view inside the scrolling list.
    {
        let list_id = list_id.clone();
        let option_id = option_id.clone();
        Effect::new(move |_| {
            if let (true, Some(i)) = (open.get(), active.get()) {
                browser::keep_in_view(&list_id, &option_id(i));
            }
        });
    }

    let on_input = move |ev: leptos::ev::Event| {
        typed.set(Some(event_target_value(&ev)));
        open.set(true);
        active.set(best());
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let n = flat.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                if !open.get_untracked() {
                    show_list(current_index().or(if n > 0 { Some(0) } else { None }));
                } else if n > 0 {
                    active.update(|a| *a = Some(a.map_or(0, |i| (i + 1).min(n - 1))));
                }
            }
            "ArrowUp" => {
                ev.prevent_default();
                if !open.get_untracked() {
                    show_list(current_index().or(n.checked_sub(1)));
                } else if n > 0 {
                    active.update(|a| *a = Some(a.map_or(n - 1, |i| i.saturating_sub(1))));
                }
            }
            "Enter" if open.get_untracked() => {
                ev.prevent_default();
                if let Some(i) = active.get_untracked() {
                    pick(i);
                }
            }
            "Escape" if open.get_untracked() || typed.with_untracked(Option::is_some) => {
                ev.prevent_default();
                close();
            }
            _ => {}
        }
    };

    let count = move || {
        let n = flat.with(Vec::len);
        let what = if n == 1 { noun.0 } else { noun.1 };
        match (typed.with(|t| t.as_ref().map(|t| !t.trim().is_empty())), active.get()) {
            (Some(true), Some(i)) => {
                let name = flat.with(|f| f.get(i).map(|(_, l)| l.clone())).unwrap_or_default();
                format!("{n} matching {what}; Enter picks {name}.")
            }
            (Some(true), None) => format!("{n} matching {what}."),
            _ => format!("{n} {what}: type to filter, arrows to move, Enter to pick."),
        }
    };
    let invalid = move || error.with(Option::is_some);

    let options_view = {
        let option_id = option_id.clone();
        move || {
            let option_id = option_id.clone();
            let group_id = group_id.clone();
            let mut n = 0;
            groups
                .get()
                .into_iter()
                .enumerate()
                .map(|(g, group)| {
                    let items = group
                        .options
                        .into_iter()
                        .map(|(key, text)| {
                            let i = n;
                            n += 1;
                            let is_current = value.with_untracked(|v| *v == key);
                            view! {
                                <li
                                    role="option"
                                    class="cb-option"
                                    id=option_id(i)
                                    data-value=key
                                    class:current=is_current
                                    aria-selected=move || if active.get() == Some(i) { "true" } else { "false" }
                                    on:click=move |_| pick(i)
                                >
                                    {text}
                                </li>
                            }
                        })
                        .collect_view();
                    match group.label {
                        Some(label) => {
                            let label_id = group_id(g);
                            view! {
                                <li role="presentation" class="cb-group">
                                    <span class="cb-group-label" id=label_id.clone()>{label}</span>
                                    <ul role="group" aria-labelledby=label_id>{items}</ul>
                                </li>
                            }
                            .into_any()
                        }
                        None => items.into_any(),
                    }
                })
                .collect_view()
        }
    };

    view! {
        <div class="field combobox" class:invalid=invalid class:open=move || open.get()>
            <label for=id.clone()>{label}</label>
            <div class="cb-box">
                <input
                    id=id
                    name=name
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    spellcheck="false"
                    aria-autocomplete="list"
                    aria-controls=list_id.clone()
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    aria-activedescendant=move || active.get().filter(|_| open.get()).map(option_id.clone())
                    aria-describedby=format!("{status_id} {error_id}")
                    aria-invalid=move || if invalid() { "true" } else { "false" }
                    placeholder=placeholder
                    data-value=move || value.get()
                    // The attribute for the first paint rendered at build time (src/shell.rs),
                    // which has no DOM properties; the property follows the choice.
                    value=display.get_untracked()
                    prop:value=move || typed.get().unwrap_or_else(|| display.get())
                    on:input=on_input
                    on:keydown=on_keydown
                    on:focus=move |ev| browser::select_text(&ev)
                    on:blur=move |_| close()
                />
                <button
                    type="button"
                    class="cb-toggle"
                    tabindex="-1"
                    aria-label=format!("Show every {}", noun.0)
                    on:mousedown=move |ev| ev.prevent_default()
                    on:click=move |_| if open.get_untracked() { close() } else { show_list(current_index()) }
                >
                    "▾"
                </button>
                <ul
                    id=list_id
                    role="listbox"
                    class="cb-list"
                    aria-label=label
                    hidden=move || !open.get()
                    // Clicking an option must not blur the box before the click lands.
                    on:mousedown=move |ev| ev.prevent_default()
                >
                    {move || open.get().then(options_view.clone())}
                </ul>
            </div>
            <p class="help" id=status_id role="status" aria-live="polite">{count}</p>
            <p class="error" id=error_id role="status" aria-live="polite">{move || error.get()}</p>
        </div>
    }
}
