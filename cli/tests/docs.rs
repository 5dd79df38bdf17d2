//! Docs that are tests.
//!
//! 1. Every ```console block of docs/cli.md and README.md runs with trycmd, and
//!    each command's output must be the text shown under it.
//! 2. trycmd turns every backslash of a program's output into a slash before
//!    it compares (a convenience for Windows paths), so output that is full of
//!    them, LaTeX, cannot sit in a console block. A fenced block right after a
//!    `<!-- output of: ml-emissions ARGS -->` line is checked here instead.
//!
//! After a deliberate change of wording or figures, rewrite both kinds with
//! `TRYCMD=overwrite cargo test -p ml-emissions --test docs` and review the diff.
//!
//! docs/cli.md runs in a fresh sandbox directory (because docs/cli.out/
//! exists): its training-script example writes emissions.json there and reads
//! it back, and docs/cli.out/emissions.json says what that file must hold.
//! README.md runs in this package's directory and writes nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_ml-emissions");
const DOCS: [&str; 2] = ["../docs/cli.md", "../README.md"];

/// One test, so that the two checks never rewrite a doc at the same time.
#[test]
fn the_docs_show_what_the_commands_print() {
    marked_blocks_are_the_output_of_their_command();
    let cases = trycmd::TestCases::new();
    cases
        .register_bin("ml-emissions", PathBuf::from(BIN))
        // Help is wrapped at the terminal's width, at most 100 columns: the docs show 100.
        .env("COLUMNS", "100");
    for doc in DOCS {
        cases.case(doc);
    }
    cases.run();
}

const MARK: &str = "<!-- output of: ml-emissions ";

/// One marked block: the arguments, and the line range of its content.
struct Marked {
    args: Vec<String>,
    line: usize,
    content: std::ops::Range<usize>,
}

fn marked_blocks(lines: &[&str]) -> Vec<Marked> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.strip_prefix(MARK) else { continue };
        let args = rest.strip_suffix("-->").map(str::trim).unwrap_or_else(|| panic!("line {}: no -->", i + 1));
        let args = shlex::split(args).unwrap_or_else(|| panic!("line {}: unbalanced quotes", i + 1));
        let open = lines[i + 1..]
            .iter()
            .position(|l| !l.trim().is_empty())
            .map(|k| i + 1 + k)
            .filter(|&k| lines[k].starts_with("```"))
            .unwrap_or_else(|| panic!("line {}: a fenced block must follow", i + 1));
        let close = lines[open + 1..]
            .iter()
            .position(|l| l.starts_with("```"))
            .map(|k| open + 1 + k)
            .unwrap_or_else(|| panic!("line {}: the block is not closed", open + 1));
        out.push(Marked { args, line: i + 1, content: open + 1..close });
    }
    out
}

fn marked_blocks_are_the_output_of_their_command() {
    let overwrite = std::env::var("TRYCMD").is_ok_and(|v| v == "overwrite");
    let mut seen = 0;
    for doc in DOCS {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(doc);
        let text = std::fs::read_to_string(&path).expect("the doc reads");
        let lines: Vec<&str> = text.lines().collect();
        let mut rewritten: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        let mut failures = Vec::new();
        // Back to front, so that a rewrite keeps the earlier ranges valid.
        for block in marked_blocks(&lines).into_iter().rev() {
            seen += 1;
            let out = Command::new(BIN).args(&block.args).output().expect("the binary runs");
            assert!(
                out.status.success(),
                "{doc}:{}: {:?} failed: {}",
                block.line,
                block.args,
                String::from_utf8_lossy(&out.stderr)
            );
            let actual = String::from_utf8(out.stdout).expect("UTF-8 output");
            let shown = lines[block.content.clone()].join("\n") + "\n";
            if shown != actual {
                failures.push(format!("{doc}:{}: ml-emissions {}", block.line, block.args.join(" ")));
                let new: Vec<String> = actual.lines().map(str::to_string).collect();
                rewritten.splice(block.content.clone(), new);
            }
        }
        if failures.is_empty() {
            continue;
        }
        if overwrite {
            std::fs::write(&path, rewritten.join("\n") + "\n").expect("the doc is written");
        } else {
            panic!(
                "these blocks are not the output of their command (TRYCMD=overwrite rewrites them):\n{}",
                failures.join("\n")
            );
        }
    }
    assert!(seen > 0, "docs/cli.md shows the LaTeX statement in a marked block");
}
