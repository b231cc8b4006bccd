package pdfdoc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	"gongkai"
)

// errOutputTooLarge is returned by limitedReader when pdftotext writes more
// than the reader allows.
var errOutputTooLarge = errors.New("pdftotext output too large")

// limitedReader fails with errOutputTooLarge instead of returning EOF when
// more than n bytes are read.
type limitedReader struct {
	r io.Reader
	n int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, errOutputTooLarge
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// cappedBuffer keeps the first max bytes written to it and drops the rest.
type cappedBuffer struct {
	bytes.Buffer
	max int
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if room := c.max - c.Len(); room > 0 {
		if len(p) > room {
			c.Buffer.Write(p[:room])
		} else {
			c.Buffer.Write(p)
		}
	}
	return len(p), nil
}

// runPdftotext writes data to a temporary file, runs pdftotext -tsv on it
// and parses the output as it comes, calling done (when not nil) with each
// page read whole (see parseTSVPages). Errors are *gongkai.ImportError.
func (r *Reader) runPdftotext(ctx context.Context, name string, data []byte, done func(page)) ([]page, error) {
	tool, err := r.toolPath()
	if err != nil {
		return nil, &gongkai.ImportError{File: name, Err: gongkai.ErrMissingTool,
			Detail: "未找到 pdftotext，请安装 Debian 软件包 poppler-utils（apt-get install poppler-utils）"}
	}
	tmp, err := writeTemp(data)
	if err != nil {
		return nil, &gongkai.ImportError{File: name, Err: err, Detail: "无法写入临时文件"}
	}
	defer os.Remove(tmp)

	ctx, cancel := context.WithTimeout(ctx, r.timeout())
	defer cancel()
	cmd := exec.CommandContext(ctx, tool, "-tsv", "-enc", "UTF-8", tmp, "-")
	cmd.WaitDelay = 2 * time.Second
	stderr := &cappedBuffer{max: 16 << 10}
	cmd.Stderr = stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, &gongkai.ImportError{File: name, Err: err, Detail: "无法运行 pdftotext"}
	}
	if err := cmd.Start(); err != nil {
		if ctx.Err() != nil {
			return nil, &gongkai.ImportError{File: name, Err: ctx.Err(), Detail: "读取 PDF 超时或被取消"}
		}
		return nil, &gongkai.ImportError{File: name, Err: gongkai.ErrMissingTool,
			Detail: "无法运行 pdftotext（" + err.Error() + "），请安装 Debian 软件包 poppler-utils（apt-get install poppler-utils）"}
	}
	pages, perr := parseTSVPages(&limitedReader{r: out, n: r.maxOutput()}, done)
	if perr != nil {
		// Stop the process and let Wait reap it; its exit status no longer
		// matters.
		_ = cmd.Process.Kill()
		_, _ = io.Copy(io.Discard, out)
	}
	werr := cmd.Wait()
	switch {
	case ctx.Err() != nil:
		return nil, &gongkai.ImportError{File: name, Err: ctx.Err(),
			Detail: fmt.Sprintf("读取 PDF 超时或被取消（限时 %s）", r.timeout())}
	case errors.Is(perr, errOutputTooLarge):
		return nil, &gongkai.ImportError{File: name, Err: gongkai.ErrTooLarge,
			Detail: fmt.Sprintf("提取出的文字超过 %d MB", r.maxOutput()>>20)}
	case perr != nil:
		return nil, &gongkai.ImportError{File: name, Err: gongkai.ErrCorrupt, Detail: "无法解析 pdftotext 的输出：" + perr.Error()}
	case werr != nil:
		return nil, classifyFailure(name, werr, stderr.String())
	}
	return pages, nil
}

// classifyFailure turns a failed pdftotext run into an ImportError with the
// right sentinel cause.
func classifyFailure(name string, err error, stderr string) error {
	msg := firstLines(stderr, 3)
	low := strings.ToLower(stderr)
	switch {
	case strings.Contains(low, "incorrect password"):
		return &gongkai.ImportError{File: name, Err: gongkai.ErrEncrypted, Detail: "需要密码才能打开，请提供未加密的文件"}
	case strings.Contains(low, "permission error") || strings.Contains(low, "not allowed"):
		return &gongkai.ImportError{File: name, Err: gongkai.ErrEncrypted, Detail: "文件权限禁止提取文字"}
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() == 1 {
		return &gongkai.ImportError{File: name, Err: gongkai.ErrCorrupt, Detail: "pdftotext 无法打开：" + msg}
	}
	return &gongkai.ImportError{File: name, Err: gongkai.ErrCorrupt,
		Detail: "pdftotext 运行失败（" + err.Error() + "）：" + msg}
}

// firstLines returns up to n distinct non-empty lines of s joined by "；".
func firstLines(s string, n int) string {
	var out []string
	seen := map[string]bool{}
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || seen[l] {
			continue
		}
		seen[l] = true
		out = append(out, l)
		if len(out) == n {
			break
		}
	}
	return strings.Join(out, "；")
}

func writeTemp(data []byte) (string, error) {
	f, err := os.CreateTemp("", "gongkai-pdf-*.pdf")
	if err != nil {
		return "", err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(f.Name())
		return "", werr
	}
	return f.Name(), nil
}
