#!/bin/sh
# Regenerates the fixtures in ../ from the hand-written sources here with
# LibreOffice Writer (tested with 7.4). Run from this directory.
set -e
out=$(mktemp -d)
soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir "$out" budget.html numbering.fodt
cp "$out/budget.docx" ../budget_lo.docx
cp "$out/numbering.docx" ../numbering_lo.docx
rm -r "$out"
