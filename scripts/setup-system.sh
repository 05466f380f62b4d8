#!/usr/bin/env bash
# Idempotent installation of the system packages the test suite needs (Debian).
# Each package is installed only when what it provides is missing, so a second run costs nothing.
set -euo pipefail
need=()
# (check, Debian package) pairs; filled in as tests come to need them. A check is a command on PATH,
# `kpse=FILE` for a TeX file that kpsewhich must find (pdflatex alone does not prove that
# pgfplots or lmodern are there, since each comes in its own package), or `py=MODULE` for a module
# that /usr/bin/python3 must import.
pairs=(
  # test/support/report-browser.ts: headless Chromium driven by playwright-core (measured: ~8 s)
  "chromium:chromium"
  # test/support/report-latex.ts: pdflatex with the packages src/report/latex.ts loads (~25 s)
  "pdflatex:texlive-latex-base"
  "kpse=booktabs.sty:texlive-latex-recommended"
  "kpse=pgfplots.sty:texlive-pictures"
  "kpse=lmodern.sty:lmodern"
  # pdftotext/pdftoppm: the tests read the text of compiled PDFs
  "pdftotext:poppler-utils"
  # test/cli/qutip-export.test.ts: the exported QuTiP script runs with Debian's QuTiP
  "py=qutip:python3-qutip"
)
for pair in "${pairs[@]+"${pairs[@]}"}"; do
  check=${pair%%:*}; pkg=${pair#*:}
  if [[ $check == kpse=* ]]; then
    if command -v kpsewhich >/dev/null 2>&1 && kpsewhich "${check#kpse=}" >/dev/null 2>&1; then continue; fi
  elif [[ $check == py=* ]]; then
    if /usr/bin/python3 -c "import ${check#py=}" >/dev/null 2>&1; then continue; fi
  elif command -v "$check" >/dev/null 2>&1; then
    continue
  fi
  need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup-system: missing ${need[*]}; run as root or install them with apt-get" >&2
    exit 1
  fi
  echo "setup-system: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  # Wait for another apt/dpkg (e.g. unattended-upgrades) instead of failing on its lock; keep
  # existing config files without asking.
  apt_opts=(-o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
  # The lists lock of `apt-get update` is not covered by DPkg::Lock::Timeout: retry instead.
  for attempt in 1 2 3 4 5; do
    apt-get "${apt_opts[@]}" update -qq >/dev/null && break
    [ "$attempt" -eq 5 ] && { echo "setup-system: apt-get update failed" >&2; exit 1; }
    sleep 10
  done
  apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
