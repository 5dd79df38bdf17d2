//! Writes the page's first paint (`ml_emissions_app::shell::render`) to a file:
//!
//!     cargo run --features shell --bin shell -- [OUT]     (default target/shell/shell.html)
//!
//! Trunk runs it before every build (the `pre_build` hook in Trunk.toml); the
//! `post_build` hook, scripts/gen-sw.mjs, puts it into the built index.html.

fn main() {
    let out = std::env::args().nth(1).unwrap_or_else(|| "target/shell/shell.html".to_string());
    let html = ml_emissions_app::shell::render();
    let path = std::path::Path::new(&out);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("shell: {}: {e}", dir.display()));
    }
    std::fs::write(path, &html).unwrap_or_else(|e| panic!("shell: {out}: {e}"));
    println!("shell: {} bytes of first paint -> {out}", html.len());
}
