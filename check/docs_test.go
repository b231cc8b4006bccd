package check_test

import (
	"os"
	"strings"
	"testing"

	"gongkai/check"
)

// Every rule is documented in docs/rules.md.
func TestRulesDocumented(t *testing.T) {
	data, err := os.ReadFile("../docs/rules.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range check.Rules() {
		if !strings.Contains(string(data), "`"+r.ID+"`") {
			t.Errorf("rule %s is not in docs/rules.md", r.ID)
		}
		if r.Name == "" || r.Doc == "" {
			t.Errorf("rule %s has no Chinese name or description", r.ID)
		}
	}
}
