package main

import (
	"encoding/json"
	"flag"
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
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	format := fl.String("format", "text", "output format: text, json or sarif")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: foment-ls check [--format text|json|sarif] FILES|DIRS")
		return 2
	}
	files, err := schemeFiles(fl.Args())
	if err != nil {
		fmt.Fprintln(stderr, "foment-ls check:", err)
		return 2
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
			return 2
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
	default:
		fmt.Fprintf(stderr, "foment-ls check: unknown format %q\n", *format)
		return 2
	}
	if errors > 0 {
		return 1
	}
	return 0
}

// schemeFiles expands directories into their .scm, .sld and .sls files, sorted.
func schemeFiles(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return nil, err
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
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}
