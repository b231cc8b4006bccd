package gongkai

import "testing"

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in     string
		unit   Unit
		fen    int64
		places int
		err    bool
	}{
		{"341.39", WanYuan, 341_390_000, 2, false},
		{"6,797,101.67", Yuan, 679_710_167, 2, false},
		{"1667", WanYuan, 1_667_000_000, 0, false},
		{"0.000001", WanYuan, 1, 6, false},
		{"106.8738", WanYuan, 1_068_738_00, 4, false},
		{"-12.5", Yuan, -1250, 1, false},
		{"1.234", Yuan, 0, 0, true},     // below 1 分
		{"1.2300", Yuan, 123, 2, false}, // trailing zeros are harmless
		{"abc", Yuan, 0, 0, true},
		{"", Yuan, 0, 0, true},
		{"1.", Yuan, 0, 0, true},
		{"99999999999999999999", Yuan, 0, 0, true},
	}
	for _, tt := range tests {
		m, err := ParseMoney(tt.in, tt.unit)
		if (err != nil) != tt.err {
			t.Errorf("ParseMoney(%q): err = %v, want error %v", tt.in, err, tt.err)
			continue
		}
		if err == nil && (m.Fen != tt.fen || m.Places != tt.places) {
			t.Errorf("ParseMoney(%q, %s) = %d fen, %d places; want %d, %d", tt.in, tt.unit, m.Fen, m.Places, tt.fen, tt.places)
		}
	}
}

func TestFormatFen(t *testing.T) {
	tests := []struct {
		fen    int64
		unit   Unit
		places int
		want   string
	}{
		{341_390_000, WanYuan, 2, "341.39"},
		{341_395_000, WanYuan, 2, "341.40"}, // 四舍五入, half away from zero
		{-341_395_000, WanYuan, 2, "-341.40"},
		{679_710_167, Yuan, 2, "6797101.67"},
		{5_000, WanYuan, 2, "0.01"},
		{4_999, WanYuan, 2, "0.00"},
		{1, WanYuan, 6, "0.000001"},
		{100, Yuan, 0, "1"},
	}
	for _, tt := range tests {
		if got := FormatFen(tt.fen, tt.unit, tt.places); got != tt.want {
			t.Errorf("FormatFen(%d, %s, %d) = %q, want %q", tt.fen, tt.unit, tt.places, got, tt.want)
		}
	}
	if got := FormatThousands(679_710_167, Yuan, 2); got != "6,797,101.67" {
		t.Errorf("FormatThousands = %q", got)
	}
}

func TestUlp(t *testing.T) {
	tests := []struct {
		m    Money
		want int64
	}{
		{Money{Fen: 1, Unit: WanYuan, Places: 2}, 10_000}, // 0.01 万元 = 100 元
		{Money{Fen: 100, Unit: Yuan, Places: 2}, 0},       // printed to the 分: exact
		{Money{Fen: 100, Unit: Yuan, Places: 0}, 100},
		{Money{Fen: 0, Unit: WanYuan, Places: 0}, 0}, // zero is zero
	}
	for _, tt := range tests {
		if got := tt.m.Ulp(); got != tt.want {
			t.Errorf("%+v.Ulp() = %d, want %d", tt.m, got, tt.want)
		}
	}
}

func TestMoneyIn(t *testing.T) {
	m, _ := ParseMoney("6797101.67", Yuan)
	w := m.In(WanYuan)
	if w.String() != "679.710167" || w.Unit != WanYuan {
		t.Errorf("In(万元) = %s %s", w.String(), w.Unit)
	}
	back := w.In(Yuan)
	if back.String() != "6797101.67" {
		t.Errorf("back In(元) = %s", back.String())
	}
}

func TestFixedAndRound(t *testing.T) {
	f, err := ParseFixed("35.98")
	if err != nil || f.V != 3598 || f.P != 2 || f.String() != "35.98" {
		t.Fatalf("ParseFixed = %+v, %v", f, err)
	}
	r := f.Rat()
	if got := RoundRat(r, 1).String(); got != "36.0" {
		t.Errorf("RoundRat(35.98, 1) = %s", got)
	}
	if _, err := ParseFixed("3x"); err == nil {
		t.Error("ParseFixed(3x) should fail")
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"341.39", "6,797,101.67", "-0.5", "1e5", "", ".5", "00012.300"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMoney(s, WanYuan)
		if err != nil {
			return
		}
		// What parses must print back to the same value.
		again, err := ParseMoney(m.String(), WanYuan)
		if err != nil || again.Fen != m.Fen {
			t.Fatalf("%q → %s → %v, %v", s, m.String(), again, err)
		}
	})
}
