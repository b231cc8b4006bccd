package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"gongkai/internal/corpus"
	"gongkai/store"
)

func BenchmarkReportPage(b *testing.B) {
	e := newEnv(b, Config{})
	var id int64
	for _, p := range corpus.Files(b, "seeds", "003_*.txt") {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		m, err := e.s.ingest(context.Background(), nil, upload{Name: filepath.Base(p), Data: data}, ingestOptions{Status: store.Published})
		if err != nil {
			b.Fatal(err)
		}
		id = m.ID
	}
	path := fmt.Sprintf("/reports/%d", id)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		e.s.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		if w.Code != http.StatusOK {
			b.Fatal(w.Code)
		}
	}
}

func BenchmarkCheckAPI(b *testing.B) {
	e := newEnv(b, Config{})
	data, err := os.ReadFile(corpus.Files(b, "seeds", "002_*.txt")[0])
	if err != nil {
		b.Fatal(err)
	}
	for _, cached := range []bool{true, false} {
		b.Run(fmt.Sprintf("cached=%t", cached), func(b *testing.B) {
			i := 0
			b.ReportAllocs()
			for b.Loop() {
				name := "002.txt"
				if !cached {
					i++
					name = fmt.Sprintf("002-%d.txt", i)
				}
				w := httptest.NewRecorder()
				e.s.ServeHTTP(w, httptest.NewRequest("POST", "/api/v1/check?name="+name, bytes.NewReader(data)))
				if w.Code != http.StatusOK {
					b.Fatal(w.Code, w.Body.String())
				}
			}
		})
	}
}

// BenchmarkReportPageEditor is the report page for a logged-in user, who
// gets the page rendered for them (with their CSRF token) every time.
func BenchmarkReportPageEditor(b *testing.B) {
	e := newEnv(b, Config{})
	m := e.storeExample(store.Published)
	c := e.login("qingshan")
	u, _ := url.Parse(e.url)
	cookies := c.c.Jar.Cookies(u)
	path := fmt.Sprintf("/reports/%d", m.ID)
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("GET", path, nil)
		for _, ck := range cookies {
			req.AddCookie(ck)
		}
		w := httptest.NewRecorder()
		e.s.ServeHTTP(w, req)
		if w.Code != http.StatusOK || !bytes.Contains(w.Body.Bytes(), []byte(`class="user"`)) {
			b.Fatal(w.Code)
		}
	}
}
