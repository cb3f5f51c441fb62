package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"foment-ls/analyzer"
	"foment-ls/libpath"
	"foment-ls/srcfile"
	"foment-ls/syntax"
)

// stringList is a flag that may be given many times (-I a -I b).
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// libraryFlags adds Foment's library options to a flag set: -I DIR (prepend), -A DIR
// (append), -X EXT, as `foment` takes them.
func libraryFlags(fl *flag.FlagSet) *libpath.Options {
	o := &libpath.Options{Env: os.Getenv("FOMENT_LIBPATH")}
	fl.Var((*stringList)(&o.Prepend), "I", "prepend `DIR` to the directories searched for libraries (repeatable)")
	fl.Var((*stringList)(&o.Append), "A", "append `DIR` to the directories searched for libraries (repeatable)")
	fl.Var((*stringList)(&o.Exts), "X", "also try the file name extension `EXT` for libraries (repeatable)")
	return o
}

// checkCmd is `foment-ls check [flags] FILES|DIRS`: the analyzer as a compiler-style linter.
// Exit status 1 when there is an error, 0 otherwise (silent when clean), 2 when it cannot run.
func checkCmd(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("check", "[flags] FILES|DIRS",
		"Reports the problems in Scheme files (.scm, .sld, .sls; directories are searched), as\nfile:line:col: severity: message [code]. Exit status: 1 if there is an error, 2 if a file\ncould not be read (the others are still checked), 0 otherwise. Flags may follow the files.")
	fl.SetOutput(stderr)
	format := fl.String("format", "text", "output format: text, json or sarif (SARIF 2.1.0, for code scanning)")
	lib := libraryFlags(fl)
	maxSize := fl.Int64("max-file-size", srcfile.DefaultMaxSize, "the largest source file read, in `bytes`")
	configPath := fl.String("config", "", "the settings `FILE` (default: "+analyzer.ConfigFile+" in the current directory or above)")
	operands, code, ok := parseFlags(fl, args, true)
	if !ok {
		return code
	}
	if len(operands) == 0 {
		fmt.Fprintln(stderr, "usage: foment-ls check [flags] FILES|DIRS")
		return 2
	}
	switch *format {
	case "text", "json", "sarif":
	default:
		fmt.Fprintf(stderr, "foment-ls check: unknown format %q: use text, json or sarif\n", *format)
		return 2
	}
	var cfg analyzer.Config
	if *configPath == "" {
		*configPath = analyzer.FindConfig(".")
	}
	if *configPath != "" {
		c, err := analyzer.ReadConfig(*configPath)
		if err != nil {
			fmt.Fprintln(stderr, "foment-ls check:", err)
			return 2
		}
		cfg = c
	}
	limits := srcfile.Limits{MaxSize: *maxSize}
	if cfg.MaxFileSize > 0 && !flagGiven(fl, "max-file-size") {
		limits.MaxSize = cfg.MaxFileSize
	}
	// A file that cannot be read is reported; the others are checked all the same.
	status := 0
	files, errs := schemeFiles(operands)
	for _, err := range errs {
		fmt.Fprintln(stderr, "foment-ls check:", err)
		status = 2
	}
	tree := checkedTree(operands)
	loader := &analyzer.FileLoader{Path: *lib, Roots: cfg.LibraryPath, Limits: limits}

	type finding struct {
		File string
		analyzer.Diagnostic
	}
	var all []finding
	results := map[string]*analyzer.Result{}
	included := map[string]bool{} // files some other checked file includes
	for _, path := range files {
		src, err := srcfile.Read(path, limits)
		if err != nil {
			// One unreadable file (a FIFO, a huge log named .scm) must not stop the others.
			fmt.Fprintln(stderr, "foment-ls check:", err)
			status = 2
			continue
		}
		f := syntax.Parse(path, src)
		res := analyzer.Analyze(f, analyzer.Options{Loader: loader, Library: isLibraryFile(path)})
		results[path] = res
		for _, inc := range res.Includes {
			if inc.Path != path {
				included[inc.Path] = true
			}
		}
	}
	seen := map[string]bool{}
	errorsFound := 0
	for _, path := range files {
		res := results[path]
		if res == nil || included[path] {
			// An included file is checked where it is included, with the names in scope there.
			continue
		}
		diags := cfg.Apply(res.Confine(tree))
		for _, d := range diags {
			key := fmt.Sprintf("%s:%d:%d:%s:%s", d.File, d.Span.Start.Offset, d.Span.End.Offset, d.Code, d.Message)
			if seen[key] {
				continue
			}
			seen[key] = true
			if d.Severity == analyzer.Error {
				errorsFound++
			}
			all = append(all, finding{d.File, d})
		}
	}
	switch *format {
	case "text":
		for _, f := range all {
			if f.Severity == analyzer.Hint {
				continue // hints are for editors
			}
			fmt.Fprintf(stdout, "%s:%d:%d: %s: %s [%s]\n", f.File, f.Span.Start.Line, f.Span.Start.Col, f.Severity, f.Message, f.Code)
			for _, r := range f.Related {
				fmt.Fprintf(stdout, "%s:%d:%d: note: %s\n", r.File, r.Span.Start.Line, r.Span.Start.Col, r.Message)
			}
		}
	case "json":
		type jsonLoc struct {
			File    string `json:"file"`
			Line    int    `json:"line"`
			Col     int    `json:"column"`
			Message string `json:"message"`
		}
		type jsonDiag struct {
			File     string    `json:"file"`
			Line     int       `json:"line"`
			Col      int       `json:"column"`
			EndLine  int       `json:"endLine"`
			EndCol   int       `json:"endColumn"`
			Severity string    `json:"severity"`
			Code     string    `json:"code"`
			Message  string    `json:"message"`
			Fixes    []string  `json:"fixes,omitempty"`
			Related  []jsonLoc `json:"related,omitempty"`
		}
		out := []jsonDiag{}
		for _, f := range all {
			j := jsonDiag{f.File, int(f.Span.Start.Line), int(f.Span.Start.Col), int(f.Span.End.Line), int(f.Span.End.Col), f.Severity.String(), f.Code, f.Message, nil, nil}
			for _, fx := range f.Fixes {
				j.Fixes = append(j.Fixes, fx.Title)
			}
			for _, r := range f.Related {
				j.Related = append(j.Related, jsonLoc{r.File, int(r.Span.Start.Line), int(r.Span.Start.Col), r.Message})
			}
			out = append(out, j)
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	case "sarif":
		writeSARIF(stdout, func(yield func(d analyzer.Diagnostic)) {
			for _, f := range all {
				yield(f.Diagnostic)
			}
		})
	}
	if status != 0 {
		return status
	}
	if errorsFound > 0 {
		return 1
	}
	return 0
}

func flagGiven(fl *flag.FlagSet, name string) bool {
	given := false
	fl.Visit(func(f *flag.Flag) {
		if f.Name == name {
			given = true
		}
	})
	return given
}

func isLibraryFile(path string) bool {
	return strings.HasSuffix(path, ".sld") || strings.HasSuffix(path, ".sls")
}

// checkedTree reports whether a path lies in what was asked to be checked: under a directory
// given, or in the directory of a file given.
func checkedTree(args []string) func(string) bool {
	var dirs []string
	for _, a := range args {
		abs, err := filepath.Abs(a)
		if err != nil {
			continue
		}
		if st, err := os.Stat(a); err == nil && !st.IsDir() {
			abs = filepath.Dir(abs)
		}
		dirs = append(dirs, abs)
	}
	return func(p string) bool {
		abs, err := filepath.Abs(p)
		if err != nil {
			return false
		}
		for _, d := range dirs {
			if abs == d || strings.HasPrefix(abs, d+string(filepath.Separator)) || d == string(filepath.Separator) {
				return true
			}
		}
		return false
	}
}

// schemeFiles expands directories into their .scm, .sld and .sls files, sorted, with an error
// for each argument that could not be read. Symbolic links met in a directory are not followed
// (a link to /dev/zero named x.scm is reported when read).
func schemeFiles(args []string) ([]string, []error) {
	var out []string
	var errs []error
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				err = fmt.Errorf("%s: no such file or directory", a)
			}
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
