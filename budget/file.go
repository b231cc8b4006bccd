package budget

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"gongkai"
)

// ReadYAML reads budget data from a YAML document whose keys are the JSON
// names of Data's fields. Amounts are decimal numbers in the data's unit;
// they are read from the document's text, never through a float. Every
// problem is returned at once as InputErrors, each with its line.
func ReadYAML(name string, data []byte) (*Data, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, InputErrors{{Place: name, Msg: "YAML 格式错误：" + err.Error()}}
	}
	root := fromYAML(&doc)
	if root == nil {
		return nil, InputErrors{{Place: name, Msg: "文件为空"}}
	}
	return decode(name, root)
}

// ReadJSON reads budget data from a JSON document (the same fields as
// ReadYAML). Amounts may be JSON numbers or strings; both are read exactly.
func ReadJSON(name string, data []byte) (*Data, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, InputErrors{{Place: name, Msg: "JSON 格式错误：" + err.Error()}}
	}
	return decode(name, fromJSON(v))
}

// node is a YAML or JSON value, scalars kept as text.
type node struct {
	kind  byte // 's' scalar, 'm' mapping, 'l' list, 'n' null
	text  string
	keys  []string
	kline []int // line of each key
	vals  []*node
	items []*node
	line  int
}

func fromYAML(n *yaml.Node) *node {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return fromYAML(n.Content[0])
	case yaml.AliasNode:
		return fromYAML(n.Alias)
	case yaml.MappingNode:
		out := &node{kind: 'm', line: n.Line}
		for i := 0; i+1 < len(n.Content); i += 2 {
			out.keys = append(out.keys, n.Content[i].Value)
			out.kline = append(out.kline, n.Content[i].Line)
			out.vals = append(out.vals, fromYAML(n.Content[i+1]))
		}
		return out
	case yaml.SequenceNode:
		out := &node{kind: 'l', line: n.Line}
		for _, c := range n.Content {
			out.items = append(out.items, fromYAML(c))
		}
		return out
	}
	if n.Tag == "!!null" {
		return &node{kind: 'n', line: n.Line}
	}
	return &node{kind: 's', text: n.Value, line: n.Line}
}

func fromJSON(v any) *node {
	switch x := v.(type) {
	case nil:
		return &node{kind: 'n'}
	case map[string]any:
		out := &node{kind: 'm'}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out.keys = append(out.keys, k)
			out.vals = append(out.vals, fromJSON(x[k]))
		}
		return out
	case []any:
		out := &node{kind: 'l'}
		for _, it := range x {
			out.items = append(out.items, fromJSON(it))
		}
		return out
	case json.Number:
		return &node{kind: 's', text: x.String()}
	case bool:
		return &node{kind: 's', text: strconv.FormatBool(x)}
	case string:
		return &node{kind: 's', text: x}
	}
	return &node{kind: 's', text: fmt.Sprint(v)}
}

// decoder fills Data from a node tree.
type decoder struct {
	name  string
	unit  gongkai.Unit
	lines map[string]int // path → line, for places
	errs  []Problem
}

func (dc *decoder) fail(path, format string, args ...any) {
	dc.errs = append(dc.errs, Problem{Path: path, Msg: fmt.Sprintf(format, args...)})
}

func (dc *decoder) place(path string) string {
	s := dc.name
	if l := dc.lines[path]; l > 0 {
		s += fmt.Sprintf(" 第%d行", l)
	} else {
		// The nearest enclosing field with a line.
		for p := path; p != ""; {
			i := strings.LastIndexAny(p, ".[")
			if i < 0 {
				break
			}
			p = p[:i]
			if l := dc.lines[p]; l > 0 {
				s += fmt.Sprintf(" 第%d行", l)
				break
			}
		}
	}
	if path != "" {
		s += " " + path
	}
	return s
}

func decode(name string, root *node) (*Data, error) {
	dc := &decoder{name: name, lines: map[string]int{}}
	d := &Data{}
	if root.kind != 'm' {
		return nil, InputErrors{{Place: name, Msg: "文件内容应为一个对象（键值表）"}}
	}
	dc.unit = gongkai.WanYuan
	for i, k := range root.keys {
		if k == "unit" && root.vals[i].kind == 's' {
			dc.unit = gongkai.Unit(strings.TrimSpace(root.vals[i].text))
		}
	}
	if !dc.unit.Valid() {
		dc.unit = gongkai.WanYuan // reported by Validate
	}
	dc.fill(reflect.ValueOf(d).Elem(), root, "")
	// Validate too, except fields that could not be read.
	bad := map[string]bool{}
	for _, p := range dc.errs {
		bad[p.Path] = true
	}
	for _, p := range Validate(d) {
		if !bad[p.Path] {
			dc.errs = append(dc.errs, p)
		}
	}
	if len(dc.errs) > 0 {
		var es InputErrors
		for _, p := range dc.errs {
			es = append(es, InputError{Place: dc.place(p.Path), Msg: p.Msg})
		}
		return nil, es
	}
	return d, nil
}

var (
	amountType   = reflect.TypeOf(Amount(0))
	fixedType    = reflect.TypeOf(gongkai.Fixed{})
	kindType     = reflect.TypeOf(gongkai.Kind(""))
	spendingType = reflect.TypeOf(Spending(""))
	sourceType   = reflect.TypeOf(Source(""))
	quantityType = reflect.TypeOf(gongkai.Quantity(""))
)

func join(path, field string) string {
	if path == "" {
		return field
	}
	return path + "." + field
}

// fill sets v from n.
func (dc *decoder) fill(v reflect.Value, n *node, path string) {
	if n == nil || n.kind == 'n' {
		return
	}
	if n.line > 0 {
		dc.lines[path] = n.line
	}
	t := v.Type()
	switch {
	case t == amountType:
		if n.kind != 's' {
			dc.fail(path, "应为金额")
			return
		}
		a, err := ParseAmount(n.text, dc.unit)
		if err != nil {
			dc.fail(path, "%s", err.Error())
			return
		}
		v.SetInt(int64(a))
		return
	case t == fixedType:
		if n.kind != 's' {
			dc.fail(path, "应为数字")
			return
		}
		f, err := gongkai.ParseFixed(strings.TrimSpace(n.text))
		if err != nil {
			dc.fail(path, "%q 不是数字", n.text)
			return
		}
		v.Set(reflect.ValueOf(f))
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		p := reflect.New(t.Elem())
		dc.fill(p.Elem(), n, path)
		v.Set(p)
	case reflect.Struct:
		if n.kind != 'm' {
			dc.fail(path, "应为键值表")
			return
		}
		fields := map[string]int{}
		for i := 0; i < t.NumField(); i++ {
			tag, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			if tag != "" && tag != "-" {
				fields[tag] = i
			}
		}
		for i, k := range n.keys {
			fi, ok := fields[k]
			if i < len(n.kline) {
				dc.lines[join(path, k)] = n.kline[i]
			}
			if !ok {
				dc.fail(join(path, k), "未知字段 %q", k)
				continue
			}
			dc.fill(v.Field(fi), n.vals[i], join(path, k))
		}
	case reflect.Slice:
		if n.kind != 'l' {
			dc.fail(path, "应为列表")
			return
		}
		s := reflect.MakeSlice(t, len(n.items), len(n.items))
		for i, it := range n.items {
			dc.fill(s.Index(i), it, fmt.Sprintf("%s[%d]", path, i))
		}
		v.Set(s)
	case reflect.Map:
		if n.kind != 'm' {
			dc.fail(path, "应为键值表")
			return
		}
		m := reflect.MakeMap(t)
		for i, k := range n.keys {
			key, ok := dc.mapKey(t.Key(), k)
			p := path + "[" + k + "]"
			if !ok {
				dc.fail(p, "未知项目 %q", k)
				continue
			}
			ev := reflect.New(t.Elem()).Elem()
			dc.fill(ev, n.vals[i], path+"["+key.String()+"]")
			if n.vals[i] != nil && n.vals[i].line > 0 {
				dc.lines[path+"["+key.String()+"]"] = n.vals[i].line
			}
			m.SetMapIndex(key, ev)
		}
		v.Set(m)
	case reflect.String:
		if n.kind != 's' {
			dc.fail(path, "应为文字")
			return
		}
		s := strings.TrimSpace(n.text)
		switch t {
		case kindType:
			k, ok := ParseKind(s)
			if !ok {
				dc.fail(path, "公开类型 %q 不对（应为预算或决算）", s)
				return
			}
			v.SetString(string(k))
		case spendingType:
			k, ok := ParseSpending(s)
			if !ok {
				dc.fail(path, "支出类型 %q 不对（应为基本支出或项目支出）", s)
				return
			}
			v.SetString(string(k))
		case sourceType:
			k, ok := ParseSource(s)
			if !ok {
				dc.fail(path, "资金来源 %q 不对（应为%s之一）", s, sourceList())
				return
			}
			v.SetString(string(k))
		default:
			v.SetString(s)
		}
	case reflect.Int:
		if n.kind != 's' {
			dc.fail(path, "应为整数")
			return
		}
		i, err := strconv.Atoi(strings.TrimSpace(n.text))
		if err != nil {
			dc.fail(path, "%q 不是整数", n.text)
			return
		}
		v.SetInt(int64(i))
	case reflect.Bool:
		b, ok := ParseBool(n.text)
		if n.kind != 's' || !ok {
			dc.fail(path, "%q 应为是或否", n.text)
			return
		}
		v.SetBool(b)
	default:
		dc.fail(path, "不支持的字段")
	}
}

func (dc *decoder) mapKey(t reflect.Type, k string) (reflect.Value, bool) {
	k = strings.TrimSpace(k)
	switch t {
	case sourceType:
		s, ok := ParseSource(k)
		return reflect.ValueOf(s), ok
	case quantityType:
		q, ok := ParseQuantity(k)
		return reflect.ValueOf(q), ok
	}
	return reflect.ValueOf(k).Convert(t), true
}

// ParseAmount reads a decimal amount written in unit u ("1,234.56"), exactly.
func ParseAmount(s string, u gongkai.Unit) (Amount, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, nil
	}
	m, err := gongkai.ParseMoney(t, u)
	switch {
	case err == gongkai.ErrTooPrecise:
		return 0, fmt.Errorf("金额 %s 的小数位数超过分（%s最多%d位小数）", t, u, u.MaxPlaces())
	case err != nil:
		return 0, fmt.Errorf("金额 %q 不是数字", t)
	}
	return Amount(m.Fen), nil
}

// ParseKind reads 预算/决算 (or budget/final).
func ParseKind(s string) (gongkai.Kind, bool) {
	switch strings.TrimSpace(s) {
	case "budget", "预算", "部门预算":
		return gongkai.Budget, true
	case "final", "决算", "部门决算":
		return gongkai.Final, true
	}
	return "", false
}

// ParseSpending reads 基本支出/项目支出 (or basic/project).
func ParseSpending(s string) (Spending, bool) {
	switch strings.TrimSpace(s) {
	case "基本支出", "基本", "basic":
		return Basic, true
	case "项目支出", "项目", "project":
		return Project, true
	}
	return "", false
}

var sourceAliases = map[string]Source{
	"一般公共预算拨款": General, "一般公共预算财政拨款": General, "一般公共预算资金": General, "general": General,
	"政府性基金": GovFund, "政府性基金预算拨款": GovFund, "fund": GovFund,
	"国有资本经营": Capital, "国有资本经营预算拨款": Capital, "capital": Capital,
	"财政专户": Special, "财政专户管理资金收入": Special, "special_account": Special,
	"service_income": Service, "上级补助": Superior, "superior": Superior,
	"附属单位上缴": Affiliated, "affiliated": Affiliated, "经营收入": Operating, "operating": Operating,
	"其他": Other, "其他资金": Other, "other_income": Other,
}

// ParseSource reads a source by its Chinese name or an alias.
func ParseSource(s string) (Source, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	for _, x := range Sources {
		if string(x) == s {
			return x, true
		}
	}
	x, ok := sourceAliases[s]
	return x, ok
}

// ParseQuantity reads a quantity by its id ("income_total") or Chinese
// name ("收入总计").
func ParseQuantity(s string) (gongkai.Quantity, bool) {
	s = strings.TrimSpace(s)
	for _, q := range PriorQuantities {
		if string(q) == s || q.Name() == s {
			return q, true
		}
	}
	return gongkai.Quantity(s), false
}

// ParseBool reads 是/否 (or true/false, 1/0).
func ParseBool(s string) (bool, bool) {
	switch strings.TrimSpace(s) {
	case "是", "true", "1", "yes", "Y", "y", "√":
		return true, true
	case "否", "false", "0", "no", "N", "n", "":
		return false, true
	}
	return false, false
}
