package importer_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gongkai"
	"gongkai/check"
	"gongkai/importer"
)

// FuzzImportText feeds arbitrary text through recognition and every rule:
// no panic, and either a report or an ImportError.
func FuzzImportText(f *testing.F) {
	f.Add([]byte("某局2024年部门预算\n\n部门收支总表\n单位：万元\n收入\t预算数\t支出\t预算数\n本年收入合计\t1.00\t本年支出合计\t1.00\n"))
	f.Add([]byte("2024年收入预算100万元，其中：一般公共预算100万元，占100%，比上年增加10万元，增长11.11%。"))
	if m, _ := filepath.Glob("../examples/*.txt"); len(m) > 0 {
		for _, p := range m {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		done := make(chan error, 1)
		go func() {
			r, err := importer.Import(context.Background(), "f.txt", data, importer.Options{})
			if err == nil {
				check.Run(r, check.Options{})
			}
			done <- err
		}()
		select {
		case err := <-done:
			if err != nil {
				var ie *gongkai.ImportError
				if !errors.As(err, &ie) {
					t.Fatalf("error is not an ImportError: %v", err)
				}
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("no answer after 5s for %d bytes: %q", len(data), data)
		}
	})
}
