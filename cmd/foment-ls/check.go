package main

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"foment-ls/analyzer"
	"foment-ls/syntax"
)

// checkCmd is `foment-ls check [--format text|json|sarif] FILES|DIRS`: the analyzer as a
// compiler-style linter. Exit status 1 when there is an error, 0 otherwise (silent when clean).
func checkCmd(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("check", "[--format text|json|sarif] FILES|DIRS",
		"Reports the problems in Scheme files (.scm, .sld, .sls; directories are searched), as\nfile:line:col: severity: message [code]. Exit status: 1 if there is an error, 2 if a file\ncould not be read (the others are still checked), 0 otherwise. Flags may follow the files.")
	fl.SetOutput(stderr)
	format := fl.String("format", "text", "output format: text, json or sarif (SARIF 2.1.0, for code scanning)")
	operands, code, ok := parseFlags(fl, args, true)
	if !ok {
		return code
	}
	if len(operands) == 0 {
		fmt.Fprintln(stderr, "usage: foment-ls check [--format text|json|sarif] FILES|DIRS")
		return 2
	}
	switch *format {
	case "text", "json", "sarif":
	default:
		fmt.Fprintf(stderr, "foment-ls check: unknown format %q: use text, json or sarif\n", *format)
		return 2
	}
	// A file that cannot be read is reported; the others are checked all the same.
	unreadable := false
	files, errs := schemeFiles(operands)
	for _, err := range errs {
		fmt.Fprintln(stderr, "foment-ls check:", err)
		unreadable = true
	}
	type finding struct {
		File string
		analyzer.Diagnostic
	}
	var all []finding
	errors := 0
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(stderr, "foment-ls check:", err)
			unreadable = true
			continue
		}
		f := syntax.Parse(path, src)
		loader := &analyzer.FileLoader{Roots: []string{filepath.Dir(path)}}
		res := analyzer.Analyze(f, analyzer.Options{Loader: loader, Library: strings.HasSuffix(path, ".sld") || strings.HasSuffix(path, ".sls")})
		for _, d := range res.Diags {
			if d.Severity == analyzer.Error {
				errors++
			}
			all = append(all, finding{path, d})
		}
	}
	switch *format {
	case "text":
		for _, f := range all {
			if f.Severity == analyzer.Hint {
				continue // hints are for editors
			}
			fmt.Fprintf(stdout, "%s:%d:%d: %s: %s [%s]\n", f.File, f.Span.Start.Line, f.Span.Start.Col, f.Severity, f.Message, f.Code)
		}
	case "json":
		type jsonDiag struct {
			File     string   `json:"file"`
			Line     int      `json:"line"`
			Col      int      `json:"column"`
			EndLine  int      `json:"endLine"`
			EndCol   int      `json:"endColumn"`
			Severity string   `json:"severity"`
			Code     string   `json:"code"`
			Message  string   `json:"message"`
			Fixes    []string `json:"fixes,omitempty"`
		}
		out := []jsonDiag{}
		for _, f := range all {
			j := jsonDiag{f.File, f.Span.Start.Line, f.Span.Start.Col, f.Span.End.Line, f.Span.End.Col, f.Severity.String(), f.Code, f.Message, nil}
			for _, fx := range f.Fixes {
				j.Fixes = append(j.Fixes, fx.Title)
			}
			out = append(out, j)
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	case "sarif":
		writeSARIF(stdout, func(yield func(file string, d analyzer.Diagnostic)) {
			for _, f := range all {
				yield(f.File, f.Diagnostic)
			}
		})
	}
	if unreadable {
		return 2
	}
	if errors > 0 {
		return 1
	}
	return 0
}

// schemeFiles expands directories into their .scm, .sld and .sls files, sorted, with an error
// for each argument that could not be read.
func schemeFiles(args []string) ([]string, []error) {
	var out []string
	var errs []error
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !st.IsDir() {
			out = append(out, a)
			continue
		}
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != a || d.IsDir() && d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			switch filepath.Ext(p) {
			case ".scm", ".sld", ".sls":
				out = append(out, p)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	sort.Strings(out)
	return out, errs
}
