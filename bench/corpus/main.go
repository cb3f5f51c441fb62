// Command corpus runs `foment-ls check` over public Scheme code and counts the diagnostics per
// code, with examples: the measure of false errors on code nobody here wrote (issue 10).
//
//	go run ./bench/corpus -bin FOMENT_LS -corpus DIR [-examples N] [-code CODE]
//
// DIR holds the projects, fetched from their public repositories (the list below says which and
// with which library directories); a project missing from DIR is skipped. A binary without -I
// (an older foment-ls) is run without the library directories.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// projects: the directory under the corpus, what to check in it, and its library directories.
var projects = []struct {
	dir   string
	check []string
	libs  []string
}{
	{"foment-test", []string{"."}, []string{"."}},               // leftmike/foment test/
	{"foment-src", []string{"."}, nil},                          // leftmike/foment src/*.scm
	{"r7rs-benchmarks", []string{"built"}, nil},                 // ecraven/r7rs-benchmarks, as its bench script builds them for Foment
	{"chibi-scheme", []string{"lib", "tests"}, []string{"lib"}}, // ashinn/chibi-scheme
	{"irregex", []string{"."}, []string{"."}},                   // ashinn/irregex
	{"r7rs-libs", []string{"."}, []string{"."}},                 // chaw/r7rs-libs
	{"r7rs-mustache", []string{"."}, []string{"."}},             // arvyy/r7rs-mustache
	{"r7rs-coverage", []string{"."}, nil},                       // ecraven/r7rs-coverage
	{"srfi-113", []string{"."}, []string{"."}},                  // scheme-requests-for-implementation/srfi-113
	{"srfi-130", []string{"."}, []string{"."}},                  // .../srfi-130
	{"srfi-133", []string{"."}, []string{"."}},                  // .../srfi-133
	{"srfi-146", []string{"."}, []string{"."}},                  // .../srfi-146
	{"srfi-158", []string{"."}, []string{"."}},                  // .../srfi-158
	// More SRFI reference implementations (scheme-requests-for-implementation/srfi-N): R7RS
	// libraries with tests for several Schemes, macro-heavy ones (148, 197, 210) among them.
	{"srfi-26", []string{"."}, []string{"."}},
	{"srfi-116", []string{"."}, []string{".", "ilists"}},
	{"srfi-117", []string{"."}, []string{".", "list-queues"}},
	{"srfi-132", []string{"."}, []string{".", "sorting"}},
	{"srfi-134", []string{"."}, []string{"."}},
	{"srfi-135", []string{"."}, []string{"."}},
	{"srfi-141", []string{"."}, []string{"."}},
	{"srfi-143", []string{"."}, []string{".", "srfi-143"}},
	{"srfi-148", []string{"."}, []string{"."}},
	{"srfi-151", []string{"."}, []string{".", "srfi-151"}},
	{"srfi-156", []string{"."}, []string{"."}},
	{"srfi-175", []string{"."}, []string{"."}},
	{"srfi-189", []string{"."}, []string{"."}},
	{"srfi-196", []string{"."}, []string{"."}},
	{"srfi-197", []string{"."}, []string{"."}},
	{"srfi-210", []string{"."}, []string{".", "contrib"}},
	{"srfi-214", []string{"."}, []string{".", "implementation"}},
	{"srfi-217", []string{"."}, []string{"."}},
	{"srfi-224", []string{"."}, []string{"."}},
	{"srfi-232", []string{"."}, []string{"."}},
}

type diag struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
}

func main() {
	bin := flag.String("bin", "foment-ls", "the foment-ls binary")
	corpus := flag.String("corpus", "", "the corpus directory")
	examples := flag.Int("examples", 3, "examples shown per code")
	only := flag.String("code", "", "show every diagnostic of this code")
	flag.Parse()
	help, _ := exec.Command(*bin, "check", "-h").CombinedOutput()
	hasLibFlags := bytes.Contains(help, []byte("-I DIR"))
	counts := map[string]map[string]int{} // code → severity → n
	files := 0
	var all []diag
	for _, p := range projects {
		root := filepath.Join(*corpus, p.dir)
		if _, err := os.Stat(root); err != nil {
			continue
		}
		args := []string{"check", "--format", "json"}
		if hasLibFlags {
			for _, l := range p.libs {
				args = append(args, "-I", filepath.Join(root, l))
			}
		}
		for _, c := range p.check {
			args = append(args, filepath.Join(root, c))
		}
		cmd := exec.Command(*bin, args...)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		cmd.Run()
		var ds []diag
		if err := json.Unmarshal(out.Bytes(), &ds); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n%s", p.dir, err, errb.String())
			continue
		}
		n := 0
		for _, c := range p.check {
			filepath.Walk(filepath.Join(root, c), func(path string, info os.FileInfo, err error) error {
				if err == nil && !info.IsDir() {
					switch filepath.Ext(path) {
					case ".scm", ".sld", ".sls":
						n++
					}
				}
				return nil
			})
		}
		files += n
		byCode := map[string]int{}
		for _, d := range ds {
			if counts[d.Code] == nil {
				counts[d.Code] = map[string]int{}
			}
			counts[d.Code][d.Severity]++
			byCode[d.Code]++
			d.File = strings.TrimPrefix(d.File, *corpus+"/")
			all = append(all, d)
		}
		fmt.Printf("%-18s %4d files %6d diagnostics %v\n", p.dir, n, len(ds), byCode)
	}
	fmt.Printf("\n%d files\n%-18s %8s %8s %8s\n", files, "code", "errors", "warnings", "other")
	var codes []string
	for c := range counts {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	te, tw, to := 0, 0, 0
	for _, c := range codes {
		m := counts[c]
		fmt.Printf("%-18s %8d %8d %8d\n", c, m["error"], m["warning"], m["info"]+m["hint"])
		te, tw, to = te+m["error"], tw+m["warning"], to+m["info"]+m["hint"]
	}
	fmt.Printf("%-18s %8d %8d %8d\n", "total", te, tw, to)
	shown := map[string]int{}
	fmt.Println()
	for _, d := range all {
		if *only != "" && d.Code != *only || *only == "" && (shown[d.Code] >= *examples || d.Severity != "error") {
			continue
		}
		shown[d.Code]++
		fmt.Printf("%s:%d: %s: %s [%s]\n", d.File, d.Line, d.Severity, d.Message, d.Code)
	}
}
