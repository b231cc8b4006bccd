#!/bin/sh
# Regenerates the fixtures in ../ with LibreOffice (tested with 7.4) and
# Python. Run from this directory.
#   lo_writer.html  Writer's HTML export of ../../../docxdoc/testdata/budget_lo.docx
#   lo_calc.html    Calc's HTML export of ../../../xlsxdoc/testdata/src/budget.fods
#   gbk_site.html   gbk_site.html here, encoded in GB18030 (an old government
#                   site: gb2312 meta, layout tables, unclosed tags)
set -e
out=$(mktemp -d)
cp ../../../docxdoc/testdata/budget_lo.docx "$out/lo_writer.docx"
cp ../../../xlsxdoc/testdata/src/budget.fods "$out/lo_calc.fods"
(cd "$out" && soffice --headless --convert-to 'html:HTML (StarWriter)' lo_writer.docx &&
	soffice --headless --convert-to 'html:HTML (StarCalc)' lo_calc.fods)
cp "$out/lo_writer.html" "$out/lo_calc.html" ..
python3 -c "import sys; open('../gbk_site.html','wb').write(open('gbk_site.html',encoding='utf-8').read().encode('gb18030'))"
rm -r "$out"
