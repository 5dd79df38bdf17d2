#!/usr/bin/env bash
# The LaTeX statement compiles: for each case, write a minimal document with the
# packages the snippet lists, the snippet itself (ml-emissions --format latex) and
# its BibTeX file (--format bibtex); run pdflatex, bibtex, pdflatex, pdflatex; then
# check with pdftotext that the PDF shows the emissions figure, the references, no
# undefined citation, and (for hostile names) every special character as text.
# Then the same in real conference templates, and the disclosure targets (the runs
# table, the climate performance model card, the NeurIPS checklist item) with it.
#
# Needs pdflatex, bibtex, pdftotext (scripts/bootstrap.sh --latex installs them).
# Run from anywhere: scripts/latex-test.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO"

for tool in pdflatex bibtex pdftotext; do
  command -v "$tool" >/dev/null || { echo "latex-test: $tool is missing: run scripts/bootstrap.sh --latex" >&2; exit 1; }
done

cargo build -q -p ml-emissions --bin ml-emissions
bin="$REPO/target/debug/ml-emissions"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

failures=0 passed=0
fail() { echo "FAIL $case: $*" >&2; failures=$((failures + 1)); }

# compile CASE EXPECTED_FIGURE [EXPECTED_TEXT...] -- CLI ARGS...
compile() {
  case=$1 figure=$2; shift 2
  local expect=()
  while [ "$1" != "--" ]; do expect+=("$1"); shift; done
  shift
  local dir="$work/$case"
  mkdir -p "$dir"
  "$bin" estimate "$@" --format latex --output "$dir/statement.tex"
  "$bin" estimate "$@" --format bibtex --output "$dir/references.bib"
  {
    echo '\documentclass{article}'
    # The preamble lines the snippet says it needs, as the user would copy them.
    sed -n 's/^%   \(\\usepackage.*\)$/\1/p' "$dir/statement.tex"
    # Scalable T1 fonts when installed, so that pdftotext reads ligatures back (a paper
    # has its own fonts); without them pdfLaTeX makes bitmap fonts and the checks still hold.
    echo '\IfFileExists{lmodern.sty}{\usepackage{lmodern}}{}'
    echo '\begin{document}'
    echo '\input{statement}'
    echo '\bibliographystyle{plain}'
    echo '\bibliography{references}'
    echo '\end{document}'
  } > "$dir/doc.tex"
  grep -q '\\usepackage{url}' "$dir/doc.tex" || { fail "the snippet lists no packages"; return; }
  (
    cd "$dir"
    pdflatex -interaction=nonstopmode -halt-on-error doc.tex > pass1.out 2>&1 &&
    bibtex doc > bibtex.out 2>&1 &&
    pdflatex -interaction=nonstopmode -halt-on-error doc.tex > pass2.out 2>&1 &&
    pdflatex -interaction=nonstopmode -halt-on-error doc.tex > pass3.out 2>&1
  ) || { fail "LaTeX or BibTeX failed:"; tail -n 30 "$dir"/*.out "$dir/doc.log" >&2 || true; return; }
  if grep -E "Citation .* undefined|There were undefined references|Warning--" "$dir/doc.log" "$dir/doc.blg"; then
    fail "undefined citation or BibTeX warning"
    return
  fi
  pdftotext -layout "$dir/doc.pdf" "$dir/doc.txt"
  # Join lines, so a figure split across lines still matches.
  tr '\n' ' ' < "$dir/doc.txt" | tr -s ' ' > "$dir/flat.txt"
  for text in "$figure" "References" "ML Emissions Calculator" "${expect[@]}"; do
    grep -qF -- "$text" "$dir/flat.txt" || { fail "the PDF does not show “$text”:"; cat "$dir/doc.txt" >&2; return; }
  done
  echo "ok   $case: the PDF shows “$figure”"
  passed=$((passed + 1))
}

# The three shared cases of tests/cases.json (the web app and the CLI test use them too).
ncases=$(node -e 'console.log(require(process.argv[1]).cases.length)' "$REPO/tests/cases.json")
for i in $(seq 0 $((ncases - 1))); do
  mapfile -t args < <(node -e 'for (const a of require(process.argv[1]).cases[+process.argv[2]].cli) console.log(a)' "$REPO/tests/cases.json" "$i")
  figure=$(node -e 'console.log(require(process.argv[1]).cases[+process.argv[2]].expected.display)' "$REPO/tests/cases.json" "$i")
  compile "case$((i + 1))" "$figure" "location-based" -- "${args[@]}"
done

# Hostile names: every LaTeX special character must print as itself.
hostile='Evil \input{x} {a} $5 & #1 ^2 _b 50% ~c [d] <e> |f| "g" -- Zoë'
compile hostile "18.66 kg" '\input{x} {a} $5 & #1 ^2 _b 50% ~c [d] <e> |f| "g"' "Zoë" -- \
  --project "$hostile" --hardware custom --name "$hostile" --power 300 --devices 4 --days 2 \
  --utilization 60 --intensity 450 --pue 1.2

# A whole project: per-phase lines, the total, measured and per-request runs.
compile multi-run "4.937 t" "Hyperparameter search (20 runs)" "Total (28 runs)" "market-based" -- \
  --from-json core/tests/fixtures/multi-run.json

# Real conference templates (Debian's TeX Live: texlive-publishers): natbib author-year
# (acmart author-year, and plainnat as ACL's stand-in), natbib numeric (acmart) and
# IEEEtran (numeric, no natbib). The paper has its own bibliography with keys that a
# naive generator would also use (nvidia2024, pue2025, epa2022): BibTeX must not see a
# repeated entry, each source must print once, and the citation must not repeat the
# publisher and year ("(Amazon Web Services, 2025 (Amazon Web Services, 2025))").
cat > "$work/user.bib" <<'BIB'
@misc{nvidia2024, author = {{NVIDIA}}, title = {{CUDA C++ Programming Guide}}, year = {2024}}
@misc{pue2025, author = {{A. Colleague}}, title = {{Our own cluster's efficiency}}, year = {2025}}
@misc{epa2022, author = {{B. Colleague}}, title = {{A study of grids}}, year = {2022}}
BIB
template() { # template NAME CITATION CASE-ARGS...: CITATION is how the PUE source prints (once)
  case="template-$1" citation=$2; shift 2
  local dir="$work/$case"
  mkdir -p "$dir"
  "$bin" estimate "$@" --format latex --output "$dir/statement.tex"
  "$bin" estimate "$@" --format bibtex --output "$dir/references.bib"
  if ! bash "$REPO/scripts/consumers/latex_in_template.sh" "${case#template-}" "$dir/statement.tex" "$dir/references.bib" \
      "$work/user.bib" > "$dir/out.txt" 2>&1; then
    fail "did not compile cleanly:"; tail -n 40 "$dir/out.txt" >&2; return
  fi
  tr '\n' ' ' < "$dir/out.txt" | tr -s ' ' > "$dir/flat.txt"
  local checks=("CUDA C++ Programming Guide" "NVIDIA H100 SXM5 80GB specifications" "Our own cluster")
  for text in "${checks[@]}"; do
    grep -qF -- "$text" "$dir/flat.txt" || { fail "the PDF does not show “$text”"; cat "$dir/out.txt" >&2; return; }
  done
  for text in "2025 (Amazon Web Services" "2025 [Amazon Web Services" "Amazon Web Services, 2025 [" "Ember, 2024 (Ember"; do
    if grep -qF -- "$text" "$dir/flat.txt"; then fail "a citation repeats its source: “$text”"; cat "$dir/out.txt" >&2; return; fi
  done
  local n
  n=$( (grep -oF -- "$citation" "$dir/flat.txt" || true) | wc -l)
  [ "$n" = 1 ] || { fail "“$citation” printed $n times, not once"; cat "$dir/out.txt" >&2; return; }
  if [ "$citation" = "1.14 [" ] && grep -qF "Amazon Web Services, 2025" "$dir/flat.txt"; then
    fail "a numeric style shows the publisher and year in the text"; return
  fi
  echo "ok   $case: compiles with a clashing user .bib, each source once"
  passed=$((passed + 1))
}
h100=(--hardware "H100 SXM" --devices 8 --hours 72 --region aws:us-east-1)
if kpsewhich acmart.cls >/dev/null 2>&1 && kpsewhich IEEEtran.cls >/dev/null 2>&1; then
  template natbib-authoryear "1.14 (Amazon Web Services, 2025)" "${h100[@]}"
  template acmart-authoryear "1.14 [Amazon Web Services 2025]" "${h100[@]}"
  template acmart-numeric "1.14 [" "${h100[@]}"
  template ieeetran "1.14 [" "${h100[@]}"
else
  fail "the conference templates (acmart, IEEEtran) are missing: scripts/bootstrap.sh --latex installs texlive-publishers"
fi

# The disclosure targets in the same real templates: one paper with the statement, the runs table
# (--format latex-runs, booktabs), the climate performance model card (--format climate-tex,
# booktabs) and the NeurIPS checklist item (--format neurips) inside its checklist list, with the
# appendix it points to; the user's clashing .bib beside it. pdftotext must find the figures, and
# no table may run past the text width (an "Overfull \hbox" inside a table's lines, over 1 pt).
# natbib author-year (plainnat, ACL's stand-in), ACM numeric, IEEEtran (numeric, no natbib) and
# llncs (the narrowest one-column text width).
targets() { # targets TEMPLATE CASE-NAME EXPECTED... -- CLI ARGS...
  local tpl=$1; case="targets-$1-$2"; shift 2
  local expect=()
  while [ "$1" != "--" ]; do expect+=("$1"); shift; done
  shift
  local dir="$work/$case" f
  mkdir -p "$dir"
  for f in latex latex-runs climate-tex neurips bibtex; do
    "$bin" estimate "$@" --format "$f" --output "$dir/$f.out" 2>/dev/null
  done
  grep -q '^%   \\usepackage{booktabs}' "$dir/latex-runs.out" || { fail "latex-runs lists no booktabs"; return; }
  {
    cat "$dir/latex.out"; echo
    cat "$dir/latex-runs.out"; echo
    cat "$dir/climate-tex.out"; echo
    # What the NeurIPS style defines, and item 8 of its checklist list, as the author pastes it.
    echo '\providecommand{\answerYes}[1][]{[Yes]}'
    echo '\begin{enumerate}\setcounter{enumi}{7}\item {\bf Experiments compute resources}'
    sed '/^% For the appendix:/,$d' "$dir/neurips.out"
    echo '\end{enumerate}'
    sed -n '/^% For the appendix:/,$p' "$dir/neurips.out"
  } > "$dir/paper-body.tex"
  if ! KEEP="$dir/build" bash "$REPO/scripts/consumers/latex_in_template.sh" "$tpl" "$dir/paper-body.tex" \
      "$dir/bibtex.out" "$work/user.bib" > "$dir/out.txt" 2>&1; then
    fail "did not compile cleanly:"; tail -n 40 "$dir/out.txt" >&2; return
  fi
  tr '\n' ' ' < "$dir/out.txt" | tr -s ' ' > "$dir/flat.txt"
  # Table cells and body text (captions and headings change case in some classes).
  for text in "${expect[@]}" "1. Model publicly available?" "Answer: [Yes]" "Compute of each run:" "CUDA C++ Programming Guide"; do
    grep -qF -- "$text" "$dir/flat.txt" || { fail "the PDF does not show “$text”:"; cat "$dir/out.txt" >&2; return; }
  done
  # Overfull boxes inside the lines of a table environment.
  local ranges over
  ranges=$(awk '/^\\begin\{table/ { s = NR } /^\\end\{table/ { print s, NR }' "$dir/paper-body.tex")
  over=$(sed -n 's/^Overfull \\hbox (\([0-9.]*\)pt too wide) in .* at lines \([0-9]*\)--\([0-9]*\)$/\1 \2 \3/p' "$dir/build/paper.log" |
    awk -v r="$ranges" 'BEGIN { n = split(r, a, /[ \n]/) } $1 > 1 { for (i = 1; i < n; i += 2) if ($2 <= a[i + 1] && $3 >= a[i]) print "lines " $2 "--" $3 ": " $1 "pt too wide" }')
  if [ -n "$over" ]; then fail "a table runs past the text width: $over"; return; fi
  echo "ok   $case: statement, runs table, climate card and NeurIPS item compile; the PDF shows the figures"
  passed=$((passed + 1))
}
if kpsewhich acmart.cls >/dev/null 2>&1 && kpsewhich llncs.cls >/dev/null 2>&1; then
  # 64 × 336 h = 21,504 device-hours; 13,728 kWh; per request 90.65 kg / 1,000,000; exploration, search
  # and failed runs 530 of 22,037 device-hours (2.41 %).
  multi=(--from-json core/tests/fixtures/multi-run.json)
  for tpl in natbib-authoryear acmart-authoryear acmart-numeric ieeetran llncs; do
    targets "$tpl" multi-run "4.937 t" "21,504" "13,728" "(10,176–17,875)" "0.09065 g CO" "530 device-hours (2.41 %" -- "${multi[@]}"
  done
  targets natbib-authoryear h100 "160.4 kg" "576" "459.6" "(356.4–504)" "72 h (3 days) wall-clock" -- "${h100[@]}"
else
  fail "the conference templates (acmart, llncs) are missing: scripts/bootstrap.sh --latex installs texlive-publishers"
fi

echo "$passed passed, $failures failed"
[ "$failures" = 0 ]
