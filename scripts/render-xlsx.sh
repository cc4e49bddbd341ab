#!/usr/bin/env bash
# Renders a workbook to PDF (LibreOffice) and its pages to PNG (poppler), to look at what a secretary will print.
#   npm run render:xlsx -- report.xlsx [out-dir]
# Installs LibreOffice Calc and poppler-utils from Debian's packages when missing (as root), like the test tools.
set -euo pipefail
file=${1:?usage: render-xlsx.sh report.xlsx [out-dir]}
out=${2:-test-artifacts/rendered}
here=$(dirname "$0")
bash "$here/ensure-apt.sh" LibreOffice 'soffice --version' libreoffice-calc-nogui poppler-utils fonts-dejavu-core
mkdir -p "$out"
soffice --headless --convert-to pdf --outdir "$out" "$file" >/dev/null
pdf="$out/$(basename "${file%.*}").pdf"
pdftoppm -r 80 -png "$pdf" "$out/$(basename "${file%.*}")-page"
ls "$out"
