package gongkai

import (
	"errors"
	"fmt"
)

// Sentinel causes of import failures. Test them with errors.Is.
var (
	ErrEmpty         = errors.New("文件为空")
	ErrBinary        = errors.New("不是文本文件（含有二进制数据）")
	ErrEncoding      = errors.New("无法识别的文字编码")
	ErrNotDisclosure = errors.New("不是预决算公开文件（未找到部门、年度、表格或金额）")
	ErrUnsupported   = errors.New("不支持的文件格式")
	ErrTooLarge      = errors.New("文件过大")
	ErrScanned       = errors.New("扫描件，无文字层")
	ErrEncrypted     = errors.New("文件已加密")
	ErrCorrupt       = errors.New("文件已损坏或不完整")
	ErrMissingTool   = errors.New("缺少外部程序")
)

// ImportError says why a file could not be read, and where.
type ImportError struct {
	File   string
	Loc    Loc    // where in the file, when known
	Detail string // more words in Chinese, may be empty
	Err    error  // the cause, often one of the sentinels above
}

func (e *ImportError) Error() string {
	s := e.File + "："
	if l := e.Loc.String(); l != "" && e.Loc != (Loc{File: e.Loc.File}) {
		s += l + "："
	}
	if e.Err != nil {
		s += e.Err.Error()
	}
	if e.Detail != "" {
		if e.Err != nil {
			s += "（" + e.Detail + "）"
		} else {
			s += e.Detail
		}
	}
	return s
}

func (e *ImportError) Unwrap() error { return e.Err }

// ImportErrorf builds an ImportError with a formatted detail.
func ImportErrorf(file string, cause error, format string, args ...any) *ImportError {
	return &ImportError{File: file, Err: cause, Detail: fmt.Sprintf(format, args...)}
}
