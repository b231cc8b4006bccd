package extract

import (
	"testing"

	"gongkai"
)

func claimsOf(t *testing.T, text string) []*gongkai.Claim {
	t.Helper()
	sec := &gongkai.Section{Paragraphs: []*gongkai.Paragraph{{Text: text, Loc: gongkai.Loc{Line: 1}}}}
	return readClaims([]*gongkai.Section{sec}, gongkai.WanYuan, 2024)
}

func find(cs []*gongkai.Claim, k gongkai.ClaimKind, q gongkai.Quantity) *gongkai.Claim {
	for _, c := range cs {
		if c.Kind == k && c.Quantity == q {
			return c
		}
	}
	return nil
}

func TestClaimParts(t *testing.T) {
	cs := claimsOf(t, "2024年部门财务总收入6,797,101.67元,其中:一般公共预算6,411,100元,上年结转收入346,001.67元,其他收入40,000元。")
	p := find(cs, gongkai.CParts, gongkai.QIncomeTotal)
	if p == nil {
		t.Fatalf("no parts claim in %v", cs)
	}
	if p.Value.Fen != 679_710_167 || len(p.Parts) != 3 || !p.Exhaustive {
		t.Fatalf("parts claim = %+v", p)
	}
	want := []gongkai.Quantity{gongkai.QGeneral, gongkai.QCarryBegin, gongkai.QOther}
	for i, q := range want {
		if p.Parts[i].Quantity != q {
			t.Errorf("part %d quantity %s, want %s", i, p.Parts[i].Quantity, q)
		}
	}
}

func TestClaimShares(t *testing.T) {
	cs := claimsOf(t, "支出预算1667万元，其中：基本支出1427.20万元，占85.61%；项目支出239.8万元，占14.39 %。")
	var shares []*gongkai.Claim
	for _, c := range cs {
		if c.Kind == gongkai.CShare {
			shares = append(shares, c)
		}
	}
	if len(shares) != 2 {
		t.Fatalf("got %d shares", len(shares))
	}
	if shares[0].Quantity != gongkai.QBasic || shares[0].Whole == nil || shares[0].Whole.Fen != 1_667_000_000 || shares[0].Percent.String() != "85.61" {
		t.Errorf("first share = %+v", shares[0])
	}
	if shares[1].Quantity != gongkai.QProject || shares[1].Value.Places != 1 || shares[1].Percent.String() != "14.39" {
		t.Errorf("second share = %+v", shares[1])
	}
}

func TestClaimChange(t *testing.T) {
	cs := claimsOf(t, "机关运行经费预算214.61万元，比上年增加52.52万元，增长3.15%。")
	c := find(cs, gongkai.CChange, gongkai.QOperatingCosts)
	if c == nil || c.Value == nil || c.Value.Fen != 214_610_000 || c.Change.Fen != 52_520_000 || c.Direction != 1 || c.Percent.String() != "3.15" {
		t.Fatalf("change = %+v", c)
	}
	cs = claimsOf(t, "财务总收入比上年预算减少8,970,616.55元,同比下降56.89%。")
	c = find(cs, gongkai.CChange, gongkai.QIncomeTotal)
	if c == nil || c.Direction != -1 || c.Value != nil || c.Percent.String() != "56.89" {
		t.Fatalf("change without current value = %+v", c)
	}
	// A verb before the noun is a change, not an amount.
	cs = claimsOf(t, "其中基本支出增加85.95万元，主要包括：增加人员经费支出79.81万元，增加日常公用经费支出6.14万元。")
	if find(cs, gongkai.CAmount, gongkai.QPersonnel) != nil {
		t.Error("增加人员经费支出79.81万元 read as an amount of 人员经费")
	}
}

func TestClaimCompletion(t *testing.T) {
	cs := claimsOf(t, "2024年度一般公共预算财政拨款支出年初预算为414.25万元,支出决算为341.39万元,完成年初预算的82.41%。")
	var c *gongkai.Claim
	for _, x := range cs {
		if x.Kind == gongkai.CCompletion {
			c = x
		}
	}
	if c == nil || c.Value.Fen != 341_390_000 || c.Whole.Fen != 414_250_000 || c.Percent.String() != "82.41" {
		t.Fatalf("completion = %+v", c)
	}
}

func TestClaimBracketParts(t *testing.T) {
	cs := claimsOf(t, "三公经费预算安排1.14万元，其中：因公出国（境）费0万元；公务用车购置及运维费 0万元（包含：公务用车购置费 0万元，公务用车运行维护费1.14万元）；公务接待费 0万元。")
	car := find(cs, gongkai.CParts, gongkai.QCar)
	if car == nil || len(car.Parts) != 2 || car.Value.Fen != 0 {
		t.Fatalf("bracket parts = %+v", car)
	}
	top := find(cs, gongkai.CParts, gongkai.QThreeCosts)
	if top == nil || len(top.Parts) != 3 {
		t.Fatalf("top parts = %+v", top)
	}
	if top.Parts[0].Quantity != gongkai.QAbroad {
		t.Errorf("因公出国（境）费 read as %s (%q)", top.Parts[0].Quantity, top.Parts[0].Subject)
	}
}

func TestClaimNoise(t *testing.T) {
	cs := claimsOf(t, "民营医疗机构单颗种植牙费用由10,000元以上降至3,000-5,000元，单价100万元以上设备0台。")
	for _, c := range cs {
		if c.Kind == gongkai.CAmount && c.Value != nil && c.Value.Fen < 0 {
			t.Errorf("negative amount read from a range: %+v", c)
		}
	}
	// "341. 39" split by extraction is one number.
	cs = claimsOf(t, "公务用车运行维护费支出2. 10万元。")
	c := find(cs, gongkai.CAmount, gongkai.QCarOperation)
	if c == nil || c.Value.Fen != 2_100_000 {
		t.Fatalf("spaced number = %+v", c)
	}
}
