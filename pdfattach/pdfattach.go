// Package pdfattach reads the report data a PDF written by gongkai carries:
// a file attachment named gongkai-report.json (an entry of the PDF's
// EmbeddedFiles name tree) holding the sealed report (package reportjson).
//
// It runs poppler's pdfdetach (Debian package poppler-utils) as an
// external program, as package pdfdoc runs pdftotext, so readers of PDFs
// need no PDF library.
package pdfattach

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Name is the name of the attachment.
const Name = "gongkai-report.json"

// Defaults for a zero Extractor.
const (
	DefaultTimeout = 30 * time.Second
	DefaultMaxSize = 64 << 20 // bytes of attachment read
)

// ErrNoAttachment is returned when the PDF carries no attachment of that name.
var ErrNoAttachment = errors.New("PDF 中没有 gongkai 报告数据附件")

// ErrMissingTool is returned when pdfdetach cannot be run.
var ErrMissingTool = errors.New("未找到 pdfdetach，请安装：apt-get install poppler-utils")

// Extractor runs pdfdetach. The zero value looks pdfdetach up in PATH.
type Extractor struct {
	Pdfdetach string        // the program; "" means pdfdetach in PATH
	Timeout   time.Duration // bounds one run; 0 means DefaultTimeout
	MaxSize   int64         // largest attachment read; 0 means DefaultMaxSize
}

// Extract returns the gongkai-report.json attachment of the PDF in data,
// with the zero Extractor.
func Extract(ctx context.Context, data []byte) ([]byte, error) {
	var e Extractor
	return e.Extract(ctx, data, Name)
}

// Extract returns the content of the attachment called name. It returns
// ErrNoAttachment when the PDF has none of that name, ErrMissingTool when
// pdfdetach is not installed, and another error when the PDF cannot be
// read.
func (e *Extractor) Extract(ctx context.Context, data []byte, name string) ([]byte, error) {
	prog := e.Pdfdetach
	if prog == "" {
		prog = "pdfdetach"
	}
	path, err := exec.LookPath(prog)
	if err != nil {
		return nil, fmt.Errorf("%w（%v）", ErrMissingTool, err)
	}
	timeout := e.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	limit := e.MaxSize
	if limit <= 0 {
		limit = DefaultMaxSize
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	dir, err := os.MkdirTemp("", "gongkai-pdfattach-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	// List first: the list tells a missing attachment from a broken file
	// without depending on the wording of pdfdetach's messages.
	list, err := run(ctx, path, "-list", "-enc", "UTF-8", in)
	if err != nil {
		return nil, err
	}
	if !listed(list, name) {
		return nil, ErrNoAttachment
	}
	out := filepath.Join(dir, "out")
	if _, err := run(ctx, path, "-savefile", name, "-enc", "UTF-8", "-o", out, in); err != nil {
		return nil, err
	}
	f, err := os.Open(out)
	if err != nil {
		return nil, fmt.Errorf("pdfdetach 未写出附件：%w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("PDF 附件 %s 超过 %d MB 上限", name, limit>>20)
	}
	return b, nil
}

// listed reports whether pdfdetach -list output names the attachment:
// lines such as "1: gongkai-report.json" after a count line.
func listed(out []byte, name string) bool {
	for _, l := range strings.Split(string(out), "\n") {
		_, n, ok := strings.Cut(strings.TrimSpace(l), ": ")
		if ok && n == name {
			return true
		}
	}
	return false
}

func run(ctx context.Context, path string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, path, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("pdfdetach 超时或被取消：%w", ctx.Err())
		}
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 300 {
			msg = msg[:300]
		}
		return nil, fmt.Errorf("pdfdetach 无法读取 PDF（%v）：%s", err, msg)
	}
	return stdout.Bytes(), nil
}
