#!/usr/bin/env bash
# Build a minimal paper in a REAL conference/journal template (Debian's TeX Live
# packages, no download), \input the emissions statement, run
# pdflatex, bibtex, pdflatex, pdflatex, and print what pdftotext reads from the PDF.
#
#   scripts/consumers/latex_in_template.sh TEMPLATE STATEMENT.tex REFS.bib [USER.bib]
#
# TEMPLATE (class + bibliography style, all from texlive-publishers / texlive-latex-*):
#   acmart-authoryear  acmart sigconf, natbib, \citestyle{acmauthoryear}, ACM-Reference-Format.bst
#   acmart-numeric     acmart sigconf, natbib numeric (the default), ACM-Reference-Format.bst
#   ieeetran           IEEEtran conference, IEEEtran.bst (numeric, no natbib)
#   llncs              Springer llncs, splncs04.bst (numeric, no natbib)
#   elsarticle-harv    elsarticle preprint,authoryear (natbib), elsarticle-harv.bst
#   elsarticle-num     elsarticle preprint (natbib numeric), elsarticle-num.bst
#   natbib-authoryear  article + natbib [round,authoryear] + plainnat.bst: the stand-in for
#                      ACL's acl.sty/acl_natbib.bst (natbib author-year, plainnat-derived),
#                      which no package registry carries
#
# USER.bib, if given, is the author's own bibliography: it is listed after REFS.bib in
# \bibliography and every key in it is \cite'd in a "Related work" sentence, as a paper
# would. The preamble gets the \usepackage lines the statement lists in its "%   \usepackage"
# comment lines.
#
# Fails (exit 1) on a LaTeX error, a BibTeX "Repeated entry" or error, or an undefined
# citation or reference; prints the pdftotext text whenever a PDF was made, then the
# problems found. Set KEEP=DIR to keep the build directory there.
set -euo pipefail

usage() { sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 3 ] && [ $# -le 4 ] || usage
template=$1 statement=$2 refs=$3 user=${4:-}
for f in "$statement" "$refs" ${user:+"$user"}; do [ -f "$f" ] || { echo "no such file: $f" >&2; exit 2; }; done
for tool in pdflatex bibtex pdftotext; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: scripts/bootstrap.sh --latex installs it" >&2; exit 2; }
done

case "$template" in
  acmart-authoryear)
    class='\documentclass[sigconf,natbib=true]{acmart}'
    extra='\citestyle{acmauthoryear}\settopmatter{printacmref=false}\setcopyright{none}\renewcommand\footnotetextcopyrightpermission[1]{}'
    bst=ACM-Reference-Format acm=1 ;;
  acmart-numeric)
    class='\documentclass[sigconf,natbib=true]{acmart}'
    extra='\settopmatter{printacmref=false}\setcopyright{none}\renewcommand\footnotetextcopyrightpermission[1]{}'
    bst=ACM-Reference-Format acm=1 ;;
  ieeetran) class='\documentclass[conference]{IEEEtran}' extra='' bst=IEEEtran acm=0 ;;
  llncs) class='\documentclass{llncs}' extra='' bst=splncs04 acm=0 ;;
  elsarticle-harv) class='\documentclass[preprint,authoryear]{elsarticle}' extra='' bst=elsarticle-harv acm=0 ;;
  elsarticle-num) class='\documentclass[preprint]{elsarticle}' extra='' bst=elsarticle-num acm=0 ;;
  natbib-authoryear) class='\documentclass{article}' extra='\usepackage[round,authoryear]{natbib}' bst=plainnat acm=0 ;;
  *) echo "unknown template: $template" >&2; usage ;;
esac
kpsewhich "$bst.bst" >/dev/null || { echo "$bst.bst not found: install texlive-publishers" >&2; exit 2; }

if [ -n "${KEEP:-}" ]; then work=$KEEP; rm -rf "$work"; mkdir -p "$work"; else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
cp "$statement" "$work/statement.tex"
cp "$refs" "$work/emissions-references.bib"
bibs=emissions-references
related=''
if [ -n "$user" ]; then
  cp "$user" "$work/user.bib"
  bibs="$bibs,user"
  keys=$(sed -n 's/^[[:space:]]*@[A-Za-z]*[[:space:]]*[{(][[:space:]]*\([^,[:space:]]*\)[[:space:]]*,.*/\1/p' "$user" | paste -sd, -)
  [ -n "$keys" ] && related="\\section{Related work}We build on earlier work~\\cite{$keys}."
fi

{
  echo "$class"
  # The preamble lines the statement says it needs, as the user would copy them.
  sed -n 's/^%   \(\\usepackage.*\)$/\1/p' "$work/statement.tex"
  echo "$extra"
  # Scalable fonts so pdftotext reads ligatures back. acmart wants Libertine, Inconsolata
  # and newtxmath (texlive-fonts-extra, 1.4 GB installed): without them it warns and falls
  # back to Computer Modern, whose bitmap T1 form its microtype setup rejects, so Latin
  # Modern stands in. Fonts change no citation or bibliography text.
  echo '\IfFileExists{lmodern.sty}{\usepackage{lmodern}}{}'
  echo '\begin{document}'
  echo '\title{A minimal paper}'
  if [ "$acm" = 1 ]; then
    echo '\author{A. Author}\affiliation{\institution{Nowhere}\country{Nowhere}}'
  elif [ "$template" = llncs ]; then
    echo '\author{A. Author}\institute{Nowhere}'
  elif [[ "$template" = elsarticle-* ]]; then
    echo '\begin{frontmatter}\title{A minimal paper}\author{A. Author}\end{frontmatter}'
  else
    echo '\author{A. Author}'
  fi
  [[ "$template" = elsarticle-* ]] || echo '\maketitle'
  echo "$related"
  echo '\section{Environmental impact}'
  echo '\input{statement}'
  echo "\\bibliographystyle{$bst}"
  echo "\\bibliography{$bibs}"
  echo '\end{document}'
} > "$work/paper.tex"

problems=()
run() { # run LOGNAME CMD...: keep output, note failure
  local log=$1; shift
  (cd "$work" && "$@" > "$log" 2>&1) || { problems+=("$* failed (see $log)"); return 1; }
}
pdf() { run "$1" pdflatex -interaction=nonstopmode -halt-on-error paper.tex; }
if pdf pass1.out; then
  run bibtex.out bibtex paper || true
  pdf pass2.out && pdf pass3.out || true
fi

# Problems the author would see.
if [ -f "$work/paper.log" ]; then
  grep -n '^! ' "$work/paper.log" | sed 's/^/LaTeX error: /' > "$work/errors.txt" || true
  grep -nE "Citation .* undefined|There were undefined (references|citations)|Reference .* undefined" "$work/paper.log" \
    | sed 's/^/undefined: /' >> "$work/errors.txt" || true
fi
if [ -f "$work/paper.blg" ]; then
  # "Repeated entry---line 1 of file user.bib" is followed by " : @misc{nvidia2024": join them.
  awk '/Repeated entry|I was expecting|I couldn.t open/ { msg = $0; getline nxt; sub(/^ : */, "", nxt);
       print "BibTeX: " msg " " nxt }' "$work/paper.blg" >> "$work/errors.txt" || true
fi
while IFS= read -r line; do problems+=("$line"); done < <(cat "$work/errors.txt" 2>/dev/null || true)

echo "=== $template: pdftotext of paper.pdf ($(basename "$statement"), $(basename "$refs")${user:+, $(basename "$user")})"
if [ -f "$work/paper.pdf" ]; then
  pdftotext "$work/paper.pdf" - | sed 's/[[:space:]]*$//' | cat -s
else
  echo "(no PDF)"
fi
if [ -f "$work/paper.blg" ] && grep -q '^Warning--' "$work/paper.blg"; then
  echo "=== BibTeX warnings"
  grep '^Warning--' "$work/paper.blg"
fi
if [ ${#problems[@]} -gt 0 ]; then
  echo "=== FAILED: ${#problems[@]} problem(s)"
  printf '%s\n' "${problems[@]}"
  for f in pass1.out pass2.out pass3.out; do
    [ -f "$work/$f" ] && grep -q '^! ' "$work/$f" && { echo "--- $f"; grep -A6 '^! ' "$work/$f" | head -20; }
  done
  exit 1
fi
echo "=== ok: no LaTeX error, no repeated BibTeX entry, no undefined citation"
