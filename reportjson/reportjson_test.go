package reportjson

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"gongkai"
)

// fill sets every exported field of v (recursively) to a non-zero value,
// so a field the JSON form drops shows up as a difference.
func fill(v reflect.Value, depth int, n *int) {
	*n++
	switch v.Kind() {
	case reflect.Pointer:
		if depth > 4 {
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), depth+1, n)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() || f.Tag.Get("json") == "-" {
				continue
			}
			fill(v.Field(i), depth, n)
		}
	case reflect.Slice:
		if depth > 4 {
			return
		}
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fill(s.Index(i), depth+1, n)
		}
		v.Set(s)
	case reflect.String:
		v.SetString("值<&>\"" + strings.Repeat("x", *n%5))
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(*n) * 1_000_003)
	case reflect.Bool:
		v.SetBool(true)
	}
}

func fullReport() *gongkai.Report {
	r := &gongkai.Report{}
	n := 0
	fill(reflect.ValueOf(r).Elem(), 0, &n)
	r.Kind = gongkai.Final
	r.Unit = gongkai.WanYuan
	return r
}

func TestRoundTripEveryField(t *testing.T) {
	r := fullReport()
	data, err := Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r, got) {
		t.Errorf("Marshal/Unmarshal lost data:\n%s", data)
	}
	sealed, err := Seal(r)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsAny(sealed, "<>&\n") {
		t.Errorf("sealed form holds <, >, & or a line break")
	}
	e, err := Open(sealed)
	if err != nil {
		t.Fatal(err)
	}
	if !e.Intact || len(e.SHA256) != 64 || !reflect.DeepEqual(r, e.Report) {
		t.Errorf("Open: intact %v sha %q equal %v", e.Intact, e.SHA256, reflect.DeepEqual(r, e.Report))
	}
	// The sealed form is also readable by Unmarshal.
	if got, err := Unmarshal(sealed); err != nil || !reflect.DeepEqual(r, got) {
		t.Errorf("Unmarshal(sealed): %v", err)
	}
}

func TestMoneyIsExact(t *testing.T) {
	m := gongkai.Money{Fen: 9_007_199_254_740_993, Unit: gongkai.Yuan, Places: 2} // 2^53+1
	r := &gongkai.Report{Summary: gongkai.Summary{IncomeTotal: &m}}
	data, _ := Seal(r)
	e, err := Open(data)
	if err != nil {
		t.Fatal(err)
	}
	if *e.Report.Summary.IncomeTotal != m {
		t.Errorf("got %+v", *e.Report.Summary.IncomeTotal)
	}
}

func TestOpenTampered(t *testing.T) {
	m, _ := gongkai.ParseMoney("341.39", gongkai.WanYuan)
	r := &gongkai.Report{Department: "某局", Year: 2024, Summary: gongkai.Summary{Basic: &m}}
	sealed, _ := Seal(r)
	bad := bytes.Replace(sealed, []byte(`"fen":3413900`), []byte(`"fen":3413800`), 1)
	if bytes.Equal(bad, sealed) {
		t.Fatal("test did not change the data")
	}
	e, err := Open(bad)
	if err != nil {
		t.Fatal(err)
	}
	if e.Intact {
		t.Error("tampered data reads as intact")
	}
	if e.Report.Summary.Basic.Fen != 341_380_000 {
		t.Errorf("tampered report not returned as it reads: %v", e.Report.Summary.Basic)
	}
	// A space inside the report value breaks the seal too.
	spaced := bytes.Replace(sealed, []byte(`"year":2024`), []byte(`"year": 2024`), 1)
	if e, err := Open(spaced); err != nil || e.Intact {
		t.Errorf("re-spaced data: %v intact %v", err, e != nil && e.Intact)
	}
}

func TestOpenRejects(t *testing.T) {
	unsealed, _ := Marshal(&gongkai.Report{Department: "某局"})
	for name, in := range map[string]string{
		"empty":     "",
		"not json":  "<html>",
		"other":     `{"format":"x","version":1,"report":{}}`,
		"future":    `{"format":"gongkai-report","version":99,"sha256":"00","report":{}}`,
		"no report": `{"format":"gongkai-report","version":1,"sha256":"00"}`,
		"bad body":  `{"format":"gongkai-report","version":1,"sha256":"00","report":{"year":"x"}}`,
		"unsealed":  string(unsealed),
	} {
		if _, err := Open([]byte(in)); err == nil {
			t.Errorf("%s: no error", name)
		} else if name != "unsealed" && !errors.Is(err, ErrNotReport) {
			t.Errorf("%s: %v is not ErrNotReport", name, err)
		}
	}
	if _, err := Open(unsealed); !errors.Is(err, ErrNotSealed) {
		t.Errorf("unsealed: %v", err)
	}
}

func TestPacked(t *testing.T) {
	r := fullReport()
	sealed, _ := Seal(r)
	packed := Pack(sealed)
	if !strings.HasPrefix(packed, PackedPrefix) || len(packed) >= len(sealed) {
		t.Errorf("packed %d bytes from %d", len(packed), len(sealed))
	}
	e, err := Open([]byte(packed))
	if err != nil || !e.Intact || !reflect.DeepEqual(e.Report, r) {
		t.Fatalf("Open(packed): %v intact %v", err, e != nil && e.Intact)
	}
	if got, err := Unmarshal([]byte(packed)); err != nil || !reflect.DeepEqual(got, r) {
		t.Errorf("Unmarshal(packed): %v", err)
	}
	for name, bad := range map[string]string{
		"truncated":  packed[:len(packed)/2],
		"not base64": PackedPrefix + "%%%",
		"not gzip":   PackedPrefix + "aGVsbG8=",
	} {
		if _, err := Open([]byte(bad)); !errors.Is(err, ErrNotReport) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
