package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"

	"gongkai"
)

// CSVFields are the columns of the tidy CSV: one row per figure of every
// table line.
var CSVFields = []struct{ Name, Type, Title, Description string }{
	{"table", "integer", "表序号", "Table number in document order, from 1."},
	{"table_kind", "string", "表格类型", "What the table is (gongkai.TableKind): income_expenditure_total, income, expenditure, fiscal_total, general_function, general_basic, three_costs …"},
	{"table_number", "string", "表号", "The table's number as printed (预算01表, 公开05表, 表二), if any."},
	{"table_title", "string", "表名", "The table's title as printed."},
	{"row", "integer", "行序号", "Line number within the table, from 1."},
	{"side", "string", "栏", "For two- and three-sided tables: income, expenditure or economic; empty otherwise."},
	{"code", "string", "科目编码", "Classification code (支出功能分类 3/5/7 digits, 经济分类 3/5 digits, or a budget-unit code); kept as text."},
	{"item", "string", "项目类型", "What an uncoded line is (gongkai.Item): total, income_year, general, basic, abroad …"},
	{"name", "string", "科目名称", "The line's name as printed."},
	{"column_role", "string", "栏目类型", "What the column means (gongkai.Role): total, basic, project, personnel, public, budget, final …"},
	{"column_label", "string", "栏目", "The column header as printed, levels joined with /."},
	{"value", "number", "数值", "The figure as an exact decimal in its unit, with the decimals printed."},
	{"fen", "integer", "金额（分）", "The amount in 分 (0.01 元), exact; empty for figures that are not money."},
	{"unit", "string", "单位", "元, 万元 or 亿元 for money; % for percentages; empty for other numbers."},
}

// CSV writes every figure of every table of r as one tidy CSV row (UTF-8
// with a byte-order mark, so that Excel reads it as UTF-8; RFC 4180
// quoting, CRLF line ends). See CSVFields.
func CSV(r *gongkai.Report) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	head := make([]string, len(CSVFields))
	for i, f := range CSVFields {
		head[i] = f.Name
	}
	if err := w.Write(head); err != nil {
		return nil, err
	}
	rec := make([]string, len(CSVFields))
	for ti, t := range r.Tables {
		for ri, row := range t.Rows {
			for i := range row.Cells {
				c := &row.Cells[i]
				value, fen, unit := "", "", ""
				switch {
				case c.Money != nil:
					value = c.Money.String()
					fen = strconv.FormatInt(c.Money.Fen, 10)
					unit = string(c.Money.Unit)
				case c.Fixed != nil:
					value = c.Fixed.String()
					if strings.ContainsAny(c.Text, "%％") || c.Role == gongkai.RRate {
						unit = "%"
					}
				default:
					continue
				}
				rec = append(rec[:0], strconv.Itoa(ti+1), string(t.Kind), t.Number, t.Title,
					strconv.Itoa(ri+1), string(row.Side), row.Code, string(row.Item), row.Name,
					string(c.Role), c.Label, value, fen, unit)
				if err := w.Write(rec); err != nil {
					return nil, err
				}
			}
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// DataPackage writes the datapackage.json that describes the open data of
// r: a Frictionless Data Package (https://specs.frictionlessdata.io) with
// two resources, the tidy CSV (name.csv, a tabular data resource with its
// schema) and the full report (name.json, package reportjson), and a
// Fiscal Data Package style model naming the measure (value, in CNY, its
// unit per row) and the dimensions.
func DataPackage(r *gongkai.Report, name string) ([]byte, error) {
	title := docTitle(r)
	if title == "" {
		title = "部门" + r.Kind.Chinese() + "公开"
	}
	type field struct {
		Name        string `json:"name"`
		Type        string `json:"type"`
		Title       string `json:"title"`
		Description string `json:"description"`
	}
	var fields []field
	for _, f := range CSVFields {
		fields = append(fields, field(f))
	}
	pkg := map[string]any{
		"profile":     "tabular-data-package",
		"name":        packageName(r, name),
		"title":       title,
		"description": "部门" + r.Kind.Chinese() + "公开表格中的全部数字，每个数字一行；以及完整的报告数据（JSON）。",
		"keywords":    []string{"部门" + r.Kind.Chinese(), "预决算公开", r.Department},
		"countryCode": "CN",
		"resources": []map[string]any{
			{
				"name":      "lines",
				"path":      name + ".csv",
				"profile":   "tabular-data-resource",
				"title":     "表格数字",
				"format":    "csv",
				"mediatype": "text/csv",
				"encoding":  "utf-8-sig",
				"dialect":   map[string]any{"delimiter": ",", "lineTerminator": "\r\n", "header": true},
				"schema": map[string]any{
					"fields":        fields,
					"missingValues": []string{""},
				},
			},
			{
				"name":      "report",
				"path":      name + ".json",
				"profile":   "data-resource",
				"title":     "报告数据（gongkai-report 格式）",
				"format":    "json",
				"mediatype": "application/json",
				"encoding":  "utf-8",
			},
		},
		// Fiscal Data Package style mapping of the CSV's columns.
		"model": map[string]any{
			"measures": map[string]any{
				"value": map[string]any{"source": "value", "currency": "CNY", "unitSource": "unit",
					"description": "以 unit 栏所示单位计的金额（元、万元、亿元）；fen 栏为以分计的精确金额"},
			},
			"dimensions": map[string]any{
				"table":          map[string]any{"attributes": map[string]any{"kind": map[string]string{"source": "table_kind"}, "title": map[string]string{"source": "table_title"}}, "primaryKey": "kind"},
				"classification": map[string]any{"attributes": map[string]any{"code": map[string]string{"source": "code"}, "name": map[string]string{"source": "name"}}, "primaryKey": "code", "dimensionType": "classification"},
				"column":         map[string]any{"attributes": map[string]any{"role": map[string]string{"source": "column_role"}, "label": map[string]string{"source": "column_label"}}, "primaryKey": "role"},
				"fiscalYear":     map[string]any{"value": r.Year, "dimensionType": "datetime"},
				"phase":          map[string]any{"value": phase(r.Kind)},
				"organisation":   map[string]any{"value": r.Department, "dimensionType": "entity"},
			},
		},
	}
	b, err := json.MarshalIndent(pkg, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// phase is the Fiscal Data Package budget phase: proposed for a budget,
// executed for final accounts.
func phase(k gongkai.Kind) string {
	if k == gongkai.Final {
		return "executed"
	}
	return "approved"
}

// packageName is a data package name: lower case ASCII letters, digits,
// '-', '_' and '.'.
func packageName(r *gongkai.Report, name string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(name) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
			b.WriteRune(c)
		}
	}
	s := strings.Trim(b.String(), "-_.")
	if s == "" {
		s = "gongkai"
		if r.Year > 0 {
			s += "-" + strconv.Itoa(r.Year)
		}
		s += "-" + string(r.Kind)
	}
	return s
}
