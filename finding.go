package gongkai

import (
	"encoding/json"
	"fmt"
)

// Severity says how serious a finding is.
type Severity int

// The severities, least serious first.
const (
	Info Severity = iota
	Warning
	Error
)

// String returns the English name used in JSON: info, warning or error.
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "info"
}

// Chinese returns 错误, 警告 or 提示.
func (s Severity) Chinese() string {
	switch s {
	case Error:
		return "错误"
	case Warning:
		return "警告"
	}
	return "提示"
}

// MarshalJSON writes the English name.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON reads the English name.
func (s *Severity) UnmarshalJSON(b []byte) error {
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	p, err := ParseSeverity(v)
	*s = p
	return err
}

// ParseSeverity reads error, warning or info.
func ParseSeverity(v string) (Severity, error) {
	switch v {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return Info, fmt.Errorf("unknown severity %q", v)
}

// Finding is one thing a rule found in a report: where, what was expected and
// what was found, in Chinese.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Loc      Loc      `json:"loc"`
	Line     int      `json:"line"`
	Quote    string   `json:"quote,omitempty"`
	Expected string   `json:"expected,omitempty"`
	Found    string   `json:"found,omitempty"`
	// Related points at the other places the finding compares with.
	Related []Loc `json:"related,omitempty"`
}
