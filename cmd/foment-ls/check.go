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
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

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
	configPath := fl.String("config", "", "the settings `FILE` for every file (default: each file's project's, the "+analyzer.ConfigFile+" nearest above it)")
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
	// The settings of each file are those of its project: the .foment-ls.json nearest above
	// it (a tree may hold several projects), unless --config names one for all.
	projects := map[string]*project{} // by settings file; "" is none
	dirConfig := map[string]string{}
	projectOf := func(path string) (*project, error) {
		cp := *configPath
		if cp == "" {
			dir := filepath.Dir(path)
			var ok bool
			if cp, ok = dirConfig[dir]; !ok {
				cp = analyzer.FindConfig(dir)
				dirConfig[dir] = cp
			}
		}
		if p := projects[cp]; p != nil {
			return p, p.err
		}
		p := &project{}
		projects[cp] = p
		if cp != "" {
			p.cfg, p.err = analyzer.ReadConfig(cp)
		}
		p.limits = srcfile.Limits{MaxSize: *maxSize}
		if p.cfg.MaxFileSize > 0 && !flagGiven(fl, "max-file-size") {
			p.limits.MaxSize = p.cfg.MaxFileSize
		}
		p.loader = &analyzer.FileLoader{Path: *lib, Roots: p.cfg.LibraryPath, Limits: p.limits}
		return p, p.err
	}
	if *configPath != "" {
		if _, err := projectOf(""); err != nil {
			fmt.Fprintln(stderr, "foment-ls check:", err)
			return 2
		}
	}
	// A file that cannot be read is reported; the others are checked all the same.
	status := 0
	files, errs := schemeFiles(operands)
	for _, err := range errs {
		fmt.Fprintln(stderr, "foment-ls check:", err)
		status = 2
	}
	tree := checkedTree(operands)

	// The files of each project are checked together, in parallel, with the project's loader
	// and settings (checkFiles).
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400) // a batch of analyses: fewer collections, a larger heap
	}
	limitHeap(files, runtime.GOMAXPROCS(0))
	byProject := map[*project][]string{}
	var order []*project
	badConfig := map[*project]bool{}
	for _, path := range files {
		proj, err := projectOf(path)
		if err != nil {
			// Settings that cannot be read: said once; the files of that project are not checked.
			if !badConfig[proj] {
				badConfig[proj] = true
				fmt.Fprintln(stderr, "foment-ls check:", err)
			}
			status = 2
			continue
		}
		if byProject[proj] == nil {
			order = append(order, proj)
		}
		byProject[proj] = append(byProject[proj], path)
	}
	checkedOf := map[string]*checkedFile{}
	for _, proj := range order {
		// Twice as many analyses as processors: one in four waits for a library that another is
		// analysing (the execution trace of BenchmarkCheckTree: 1 s of 5 worker-seconds on
		// chibi-scheme's lib), and its processor takes the next file meanwhile.
		checked, cycles := checkFiles(byProject[proj], tree, proj.cfg, *lib, proj.limits, 2*runtime.GOMAXPROCS(0))
		if cycles {
			// What analyses running at once report of an import cycle depends on which ran
			// first: the files are checked again one after another, in order.
			checked, _ = checkFiles(byProject[proj], tree, proj.cfg, *lib, proj.limits, 1)
		}
		for i := range checked {
			checkedOf[checked[i].path] = &checked[i]
		}
	}

	type finding struct {
		File string
		analyzer.Diagnostic
	}
	var all []finding
	included := map[string]bool{} // files some other checked file includes
	for _, c := range checkedOf {
		for _, inc := range c.includes {
			if inc != c.path {
				included[inc] = true
			}
		}
	}
	seen := map[string]bool{}
	errorsFound := 0
	for _, path := range files {
		c := checkedOf[path]
		if c == nil {
			continue // its project's settings could not be read
		}
		if c.err != nil {
			// One unreadable file (a FIFO, a huge log named .scm) must not stop the others.
			fmt.Fprintln(stderr, "foment-ls check:", c.err)
			status = 2
			continue
		}
		if !c.analysed || included[path] {
			// An included file is checked where it is included, with the names in scope there.
			continue
		}
		diags := c.diags
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

// project is the settings a checked file is analysed with, and what they make.
type project struct {
	cfg    analyzer.Config
	err    error // the settings file could not be read
	limits srcfile.Limits
	loader *analyzer.FileLoader
}

// checkedFile is what checking one file found: its diagnostics as reported (confined to the
// tree, with the settings' severities) and the files it includes.
type checkedFile struct {
	path     string
	err      error // the file could not be read
	analysed bool  // not analysed on its own: a library includes it
	diags    []analyzer.Diagnostic
	includes []string
}

// checkFiles analyses files with one loader, by workers at once (1: one after another, in
// order), and reports whether an analysis met an import cycle. The analyses of the library
// files are those of the loader, which the files that import them share; library files go
// first, and a file one of them includes is not analysed on its own (it is reported where it
// is included). Nothing depends on the order the analyses run in, but for import cycles.
func checkFiles(files []string, tree func(string) bool, cfg analyzer.Config, lib libpath.Options, limits srcfile.Limits, workers int) ([]checkedFile, bool) {
	out := make([]checkedFile, len(files))
	for i, p := range files {
		out[i].path = p
	}
	keep := func(c *checkedFile, res *analyzer.Result) {
		c.analysed = true
		c.diags = cfg.Apply(res.Confine(tree))
		for _, inc := range res.Includes {
			c.includes = append(c.includes, inc.Path)
		}
	}
	if workers <= 1 {
		// One after another, each file analysed as a program or a library, as it always was.
		loader := &analyzer.FileLoader{Path: lib, Roots: cfg.LibraryPath, Limits: limits}
		for i := range out {
			c := &out[i]
			src, err := srcfile.Read(c.path, limits)
			if err != nil {
				c.err = err
				continue
			}
			keep(c, analyzer.Analyze(syntax.Parse(c.path, src), analyzer.Options{Loader: loader, Library: isLibraryFile(c.path)}))
		}
		return out, loader.SawCycle()
	}
	loader := &analyzer.FileLoader{Path: lib, Roots: cfg.LibraryPath, Limits: limits, KeepResults: true}
	each := func(indexes []int, check func(c *checkedFile)) {
		next := make(chan int)
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					check(&out[i])
				}
			}()
		}
		for _, i := range indexes {
			next <- i
		}
		close(next)
		wg.Wait()
	}
	var libs, programs []int
	for i, p := range files {
		if isLibraryFile(p) {
			libs = append(libs, i)
		} else {
			programs = append(programs, i)
		}
	}
	each(libs, func(c *checkedFile) {
		res, err := loader.LibraryFile(c.path)
		if err != nil {
			c.err = err
			return
		}
		keep(c, res)
	})
	included := map[string]bool{}
	for _, i := range libs {
		for _, inc := range out[i].includes {
			included[inc] = true
		}
	}
	var rest []int
	for _, i := range programs {
		if !included[files[i]] {
			rest = append(rest, i)
		}
	}
	each(rest, func(c *checkedFile) {
		src, err := srcfile.Read(c.path, limits)
		if err != nil {
			c.err = err
			return
		}
		keep(c, analyzer.Analyze(syntax.Parse(c.path, src), analyzer.Options{Loader: loader}))
	})
	return out, loader.SawCycle()
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
