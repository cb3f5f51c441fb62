package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// counts: the count of iterations each benchmark runs here (its input's first number), chosen
// so that Foment 0.4 -O2 takes about a second; a benchmark not listed runs its input's count.
var counts = map[string]int{
	"array1": 4, "browse": 10, "bv2string": 4, "cat": 8, "chudnovsky": 20, "compiler": 4,
	"conform": 2, "deriv": 20000, "destruc": 20, "diviter": 2000, "divrec": 2000, "dynamic": 3,
	"fft": 1, "lattice": 1, "matrix": 10, "maze": 50, "mazefun": 50, "mbrot": 5,
	"mbrotZ": 4, "nucleic": 1, "parsing": 5, "peval": 20, "pi": 1, "pnpoly": 10000, "primes": 100,
	"puzzle": 5, "quicksort": 5, "ray": 1, "read1": 5, "scheme": 1000, "simplex": 10000,
	"slatex": 2, "string": 1, "sum": 1000, "sum1": 2, "sumfp": 3, "tail": 5, "triangl": 1, "wc": 5,
}

var countAll int // -count

// smaller: inputs for the benchmarks whose one iteration is sized for a compiler (the count is
// their first number; the expected result follows from the others).
var smaller = map[string]string{
	"ack":       "1 3 9 4093",
	"cpstak":    "10 18 12 6 7",
	"ctak":      "2 18 12 6 7",
	"earley":    "1 10 4862",
	"equal":     "10 10 8 100 200 500 #t",
	"fib":       "20 25 75025",
	"fibc":      "1 20 6765",
	"fibfp":     "10 25.0 75025.0",
	"gcbench":   "1 16 0",
	"mperm":     "1 9 2 1 16329600",
	"nboyer":    "1 0 95024",
	"nqueens":   "10 8 92",
	"paraffins": "1 17 24894",
	"sboyer":    "1 0 95024",
	"read0":     "1 0 #xffff ignored",
	"tak":       "20 18 12 6 7",
	"takl":      "1 (18 17 16 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1) (12 11 10 9 8 7 6 5 4 3 2 1) (6 5 4 3 2 1) 7",
	"ntakl":     "1 (18 17 16 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1) (12 11 10 9 8 7 6 5 4 3 2 1) (6 5 4 3 2 1) 7",
}

// benchmarks: r7rs-benchmarks' programs, as its bench script assembles them for Foment.
func benchmarks(root, work string) []kase {
	src := filepath.Join(root, "src")
	inputs := filepath.Join(root, "inputs")
	if _, err := os.Stat(inputs); err != nil {
		return nil
	}
	dir := filepath.Join(work, "bench")
	must(os.MkdirAll(filepath.Join(dir, "outputs"), 0o755))
	must(os.CopyFS(filepath.Join(dir, "inputs"), os.DirFS(inputs)))
	wcInput := writeBib(filepath.Join(dir, "inputs", "bib"))
	names, _ := filepath.Glob(filepath.Join(src, "*.scm"))
	var cases []kase
	for _, p := range names {
		name := strings.TrimSuffix(filepath.Base(p), ".scm")
		in, err := os.ReadFile(filepath.Join(inputs, name+".input"))
		if err != nil {
			continue // a prelude, postlude or common.scm
		}
		var prog []byte
		for _, part := range []string{"Foment-prelude.scm", name + ".scm", "common.scm", "Foment-postlude.scm", "common-postlude.scm"} {
			b, err := os.ReadFile(filepath.Join(src, part))
			if err == nil {
				prog = append(append(prog, b...), '\n')
			}
		}
		file := filepath.Join(dir, name+".scm")
		must(os.WriteFile(file, prog, 0o644))
		if s, ok := smaller[name]; ok {
			in = []byte(s)
		}
		if name == "wc" {
			in = []byte(wcInput)
		}
		if n, ok := counts[name]; ok || countAll > 0 {
			if countAll > 0 {
				n = countAll
			}
			in = setCount(in, n)
		}
		cases = append(cases, kase{group: "bench", name: name, file: file, stdin: in, dir: dir})
	}
	return cases
}

var firstNumber = regexp.MustCompile(`^(?:\s|;[^\n]*\n)*(\d+)`)

// setCount replaces the input's first number, the count of iterations.
func setCount(in []byte, n int) []byte {
	m := firstNumber.FindSubmatchIndex(in)
	if m == nil {
		return in
	}
	return append(append(append([]byte{}, in[:m[2]]...), strconv.Itoa(n)...), in[m[3]:]...)
}

// writeBib writes the text that cat, tail and wc read (the repository's inputs/bib is kept out
// of the snapshots) and returns wc's input, whose expected result is the text's counts as
// wc.scm counts them.
func writeBib(path string) string {
	var b strings.Builder
	for i := 0; b.Len() < 400_000; i++ {
		fmt.Fprintf(&b, "@article{key%d,\n  author = {Author %d and Other %d},\n  title = {On the %d-th  problem},\n  year = %d }\n\n",
			i, i, i*7, i, 1950+i%70)
	}
	s := b.String()
	must(os.WriteFile(path, []byte(s), 0o644))
	nl, nw, nc, in := 0, 0, 0, false
	for _, r := range s {
		nc++
		switch r {
		case ' ':
			in = false
		case '\n':
			nl++
			in = false
		default:
			if !in {
				nw++
			}
			in = true
		}
	}
	return fmt.Sprintf("50\n\"inputs/bib\"\n(%d %d %d)\n", nl, nw, nc)
}

// libraryTests: the test programs of public R7RS libraries, with their library directories.
func libraryTests(corpus, work string) []kase {
	var cases []kase
	// SRFI 64, which most of r7rs-libs' tests use and Foment does not ship: chibi-scheme's copy
	// of the reference implementation, behind a library that imports R7RS-small piece by piece.
	shim := filepath.Join(work, "shim")
	if sld, err := os.ReadFile(filepath.Join(corpus, "chibi-scheme", "lib", "srfi", "64.sld")); err == nil {
		s := strings.Replace(string(sld), "(scheme small)", "(scheme char) (scheme write) (scheme read) (scheme file)"+
			" (scheme eval) (scheme inexact) (scheme complex) (scheme process-context)", 1)
		s = strings.Replace(s, `(include "64.scm")`, fmt.Sprintf("(include %q)",
			filepath.Join(corpus, "chibi-scheme", "lib", "srfi", "64.scm")), 1)
		must(os.MkdirAll(filepath.Join(shim, "srfi"), 0o755))
		must(os.WriteFile(filepath.Join(shim, "srfi", "64.sld"), []byte(s), 0o644))
	}
	add := func(group, root string, globs, libs []string) {
		root = filepath.Join(corpus, root)
		args := []string{"-A", shim}
		for _, l := range libs {
			args = append(args, "-I", filepath.Join(root, l))
		}
		// The tests write their logs (SRFI 64's NAME.log) into the working directory.
		dir := filepath.Join(work, "run-"+group)
		must(os.MkdirAll(dir, 0o755))
		var files []string
		for _, g := range globs {
			m, _ := filepath.Glob(filepath.Join(root, g))
			files = append(files, m...)
		}
		sort.Strings(files)
		for _, f := range files {
			rel, _ := filepath.Rel(root, f)
			cases = append(cases, kase{group: group, name: rel, file: f, args: args, dir: dir})
		}
	}
	add("r7rs-libs", "r7rs-libs", []string{"*-tests/*-test.sps"}, []string{"."})
	add("irregex", "irregex", []string{"tests/test-*.scm"}, []string{"."})
	add("srfi", "srfi-113", []string{"tests/run.scm"}, []string{"."})
	add("srfi", "srfi-130", []string{"srfi-130-test.scm"}, []string{"."})
	add("srfi", "srfi-133", []string{"tests/run.scm"}, []string{"."})
	add("srfi", "srfi-146", []string{"tests.scm"}, []string{"."})
	add("chibi", "chibi-scheme", []string{"tests/*-tests.scm", "tests/basic/*.scm"}, []string{"lib"})
	// Test libraries (mustache's, chibi's -test.sld): a program imports one and runs its tests.
	driver := func(group, root string, globs []string, lib string) {
		root = filepath.Join(corpus, root)
		dir := filepath.Join(work, group)
		must(os.MkdirAll(dir, 0o755))
		for _, g := range globs {
			m, _ := filepath.Glob(filepath.Join(root, lib, g))
			sort.Strings(m)
			for _, f := range m {
				rel, _ := filepath.Rel(filepath.Join(root, lib), f)
				rel = strings.TrimSuffix(rel, ".sld")
				name := "(" + strings.ReplaceAll(rel, "/", " ") + ")"
				prog := filepath.Join(dir, strings.ReplaceAll(rel, "/", "-")+".scm")
				must(os.WriteFile(prog, []byte("(import (scheme base) "+name+")\n(run-tests)\n"), 0o644))
				cases = append(cases, kase{group: group, name: rel, file: prog,
					args: []string{"-I", filepath.Join(root, lib)}, dir: filepath.Dir(f)})
			}
		}
	}
	driver("mustache", "r7rs-mustache", []string{"arvyy/mustache-test.sld"}, ".")
	driver("chibi-lib", "chibi-scheme", []string{"*/*-test.sld", "*/*/*-test.sld"}, "lib")
	return cases
}

// coverage: r7rs-coverage's tests, one program per ";; TEST" of its input files, as its
// coverage script splits them.
func coverage(root, work string) []kase {
	files, _ := filepath.Glob(filepath.Join(root, "input", "*.scm"))
	dir := filepath.Join(work, "coverage")
	must(os.MkdirAll(dir, 0o755))
	var cases []kase
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		p := strings.TrimSuffix(filepath.Base(f), ".scm")
		lib, sub, _ := strings.Cut(p, "-")
		imports := "(scheme base)"
		if p != "scheme-base" {
			imports += " (" + lib + " " + sub + ")"
		}
		head := "(import " + imports + ")\n(define (assert x) (unless x (error \"ERROR assertion failed\")))\n"
		for i, t := range strings.Split(string(b), ";; TEST")[1:] {
			title, _, _ := strings.Cut(t, "\n")
			prog := filepath.Join(dir, fmt.Sprintf("%s-%03d.scm", p, i))
			must(os.WriteFile(prog, []byte(head+";; TEST"+t), 0o644))
			cases = append(cases, kase{group: "coverage", name: p + ":" + strings.TrimSpace(title), file: prog, dir: dir})
		}
	}
	return cases
}

func must(err error) {
	if err != nil {
		fatal(err)
	}
}
