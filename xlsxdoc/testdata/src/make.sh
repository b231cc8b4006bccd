#!/bin/sh
# Regenerates the fixtures in ../ from the hand-written sources here with
# LibreOffice (tested with 7.4). Run from this directory.
set -e
out=$(mktemp -d)
soffice --headless --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$out" budget.fods
cp "$out/budget.xlsx" ../budget_lo.xlsx
rm -r "$out"
