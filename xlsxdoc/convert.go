package xlsxdoc

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"gongkai"
	"gongkai/doc"
)

// convert turns a legacy workbook (ext is .xls, .et, .ods or .xlsb) into
// .xlsx with LibreOffice and reads that. Locations name the same sheets
// and cells as the original.
func (r *Reader) convert(name string, data []byte, ext string) (*doc.Document, error) {
	hint := "请先用 LibreOffice 或 Excel 另存为 .xlsx，例如：soffice --headless --convert-to xlsx " + quoteArg(name)
	prog := r.Soffice
	if prog == "-" {
		return nil, gongkai.ImportErrorf(name, gongkai.ErrUnsupported, "不能直接读取 %s 格式的工作簿，%s", ext, hint)
	}
	if prog == "" {
		for _, p := range []string{"soffice", "libreoffice"} {
			if path, err := exec.LookPath(p); err == nil {
				prog = path
				break
			}
		}
	}
	if prog == "" {
		return nil, gongkai.ImportErrorf(name, gongkai.ErrUnsupported, "不能直接读取 %s 格式的工作簿，本机未安装 LibreOffice，%s", ext, hint)
	}
	dir, err := os.MkdirTemp("", "gongkai-xlsx-")
	if err != nil {
		return nil, gongkai.ImportErrorf(name, gongkai.ErrMissingTool, "无法创建临时目录以转换 %s（%v）", ext, err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "input"+ext)
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, gongkai.ImportErrorf(name, gongkai.ErrMissingTool, "无法写入临时文件以转换 %s（%v）", ext, err)
	}
	timeout := r.ConvertTimeout
	if timeout <= 0 {
		timeout = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	outDir := filepath.Join(dir, "out")
	// A private profile lets conversions run side by side and leaves the
	// user's LibreOffice settings alone.
	cmd := exec.CommandContext(ctx, prog,
		"-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outDir, in)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	cmd.Env = append(os.Environ(), "HOME="+dir)
	setProcessGroup(cmd)
	err = cmd.Run()
	var execErr *exec.Error
	if errors.As(err, &execErr) || errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
		return nil, gongkai.ImportErrorf(name, gongkai.ErrMissingTool, "无法运行 LibreOffice（%s）来转换 %s 文件（%v），%s", prog, ext, err, hint)
	}
	if ctx.Err() != nil {
		return nil, gongkai.ImportErrorf(name, gongkai.ErrUnsupported, "LibreOffice 转换 %s 超时（%v），%s", ext, timeout, hint)
	}
	out, readErr := os.ReadFile(filepath.Join(outDir, "input.xlsx"))
	if err != nil || readErr != nil || len(out) == 0 {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 300 {
			msg = msg[:300]
		}
		if err == nil {
			err = errors.Join(readErr, errors.New(msg))
		}
		return nil, gongkai.ImportErrorf(name, gongkai.ErrCorrupt, "LibreOffice 无法转换这个 %s 文件，文件可能已损坏（%v）", ext, err)
	}
	sub := *r
	sub.Soffice = "-" // never convert twice
	d, err := sub.Read(name, out)
	if err != nil {
		return nil, err
	}
	return d, nil
}

func quoteArg(s string) string {
	if s == "" {
		return "文件名"
	}
	if strings.ContainsAny(s, " \t'\"$`\\") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}
