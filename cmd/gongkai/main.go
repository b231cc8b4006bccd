// Command gongkai imports, checks, generates and serves Chinese government
// departmental budget and final-account disclosures.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"gongkai"
)

// Exit statuses.
const (
	exitOK       = 0 // no error-severity finding
	exitFindings = 1 // at least one error-severity finding
	exitBadInput = 2 // a file could not be read, or bad usage
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

type command struct {
	name  string
	short string
	run   func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands []command

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// exitError carries an exit status through a command's error.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitBadInput
	}
	name := args[0]
	if name == "-h" || name == "--help" || name == "help" {
		if len(args) > 1 {
			for _, c := range commands {
				if c.name == args[1] {
					_ = c.run(ctx, []string{"-h"}, stdout, stdout)
					return exitOK
				}
			}
		}
		usage(stdout)
		return exitOK
	}
	if name == "-v" || name == "--version" {
		name = "version"
	}
	for _, c := range commands {
		if c.name != name {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		if err == nil {
			return exitOK
		}
		var ee *exitError
		if errors.As(err, &ee) {
			if ee.err != nil {
				fmt.Fprintln(stderr, "gongkai:", ee.err)
			}
			return ee.code
		}
		fmt.Fprintln(stderr, "gongkai:", err)
		return exitBadInput
	}
	fmt.Fprintf(stderr, "gongkai: 未知命令 %q\n\n", name)
	usage(stderr)
	return exitBadInput
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "gongkai — 部门预算、决算公开的导入、检查、生成与发布")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "用法：gongkai <命令> [参数]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "命令：")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.short)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "用 gongkai help <命令> 查看该命令的参数。")
}

// newFlagSet returns the flag set of a command: errors and help go to
// stderr, and its usage is the given lines, then the flags.
func newFlagSet(name string, stderr io.Writer, usage ...string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		for _, l := range usage {
			fmt.Fprintln(fs.Output(), l)
		}
		fs.PrintDefaults()
	}
	return fs
}

// flagError is what a command returns when its flags do not parse: nil
// after -h (the usage has been printed), else exit status 2 (the flag
// package has printed the problem).
func flagError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return &exitError{code: exitBadInput}
}

// parseInterspersed parses flags given before or after the file names
// ("gongkai generate form.xlsx -o out/") and returns the file names.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return files, nil
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// parseKind reads a --kind flag: budget (预算), final (决算), or "" for
// either.
func parseKind(s string) (gongkai.Kind, error) {
	switch s {
	case "":
		return "", nil
	case "budget", "预算":
		return gongkai.Budget, nil
	case "final", "决算":
		return gongkai.Final, nil
	}
	return "", &exitError{code: exitBadInput, err: errors.New("--kind 只能是 budget 或 final")}
}

// fileGroups returns the files as the reports to import: one a file, or
// with join all of them as one.
func fileGroups(files []string, join bool) [][]string {
	if join {
		return [][]string{files}
	}
	groups := make([][]string, 0, len(files))
	for _, f := range files {
		groups = append(groups, []string{f})
	}
	return groups
}

// writeJSON writes v as indented JSON, leaving <, > and & as they are.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
