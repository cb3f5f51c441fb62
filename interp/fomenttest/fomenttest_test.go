// Package fomenttest runs Foment's own test files (test/*.scm in Foment's public repository,
// the reference for its behaviour) through foment-ls, and beside real Foment when one is
// given. It is opt-in: the files are not part of this repository.
//
//	go test ./interp/fomenttest -foment-tests ~/foment/test [-foment ~/foment/unix/release/foment] -v
//
// Each file runs as `foment-ls run runtests.scm FILE` (our driver, runtests.scm beside this
// file) in a copy of the test directory, and the table counts checks passed, failed, not run
// (the run stopped before them) and other forms that raised an error.
package fomenttest

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"foment-ls/syntax"
)

var (
	testsDir = flag.String("foment-tests", "", "Foment's test directory (its repository's test/)")
	foment   = flag.String("foment", "", "a Foment binary to run beside foment-ls")
	only     = flag.String("files", "r7rs.scm,r7rs-eval.scm,foment.scm,eccentric.scm,r5rs_pitfall.scm,unicode.scm,srfi.scm,threads.scm,process.scm", "test files to run, comma-separated")
	timeout  = flag.Duration("file-timeout", 3*time.Minute, "time allowed for one file")
)

var summaryRE = regexp.MustCompile(`pass: (\d+) fail: (\d+)(?: error: (\d+))?`)

type result struct {
	pass, fail, errs, total int
	status                  string
}

func (r result) String() string {
	notRun := r.total - r.pass - r.fail
	if notRun < 0 {
		notRun = 0
	}
	s := fmt.Sprintf("%5d / %4d / %4d", r.pass, r.fail, notRun)
	if r.errs >= 0 {
		s += fmt.Sprintf("  (%d forms raised)", r.errs)
	}
	if r.status != "" {
		s += "  " + r.status
	}
	return s
}

func TestFomentSuite(t *testing.T) {
	if *testsDir == "" {
		t.Skip("give -foment-tests DIR (Foment's test directory) to run its test files")
	}
	bin := filepath.Join(t.TempDir(), "foment-ls")
	build := exec.Command("go", "build", "-o", bin, "foment-ls/cmd/foment-ls")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building foment-ls: %v\n%s", err, out)
	}
	// The driver runs from the test directory, as Foment's runtests.scm does: libraries are
	// searched for beside the program.
	driver := "foment-ls-runtests.scm"
	driverSrc, err := os.ReadFile("runtests.scm")
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, name := range strings.Split(*only, ",") {
		src, err := os.ReadFile(filepath.Join(*testsDir, name))
		if err != nil {
			t.Logf("%s: %v", name, err)
			continue
		}
		total := countChecks(syntax.Parse(name, src).Data)
		ours := runIn(t, name, driverSrc, bin, "run", driver, name)
		ours.total = total
		row := fmt.Sprintf("%-18s foment-ls %s", name, ours)
		if *foment != "" {
			theirs := runIn(t, name, driverSrc, *foment, "runtests.scm", name)
			theirs.total, theirs.errs = total, -1
			row += fmt.Sprintf("\n%-18s foment    %s", "", theirs)
		}
		rows = append(rows, row)
	}
	t.Logf("pass / fail / not run, per file:\n%s", strings.Join(rows, "\n"))
}

// runIn runs a command in a fresh copy of the test directory (the tests write files there).
func runIn(t *testing.T, name string, driverSrc []byte, bin string, args ...string) result {
	// The copy is named test/ and has unix/debug/ beside it, as in Foment's repository: its
	// tests look for ../test and for helper programs in ../unix/debug.
	root := t.TempDir()
	dir := filepath.Join(root, "test")
	if err := os.CopyFS(dir, os.DirFS(*testsDir)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "foment-ls-runtests.scm"), driverSrc, 0o644); err != nil {
		t.Fatal(err)
	}
	helpers := filepath.Join(root, "unix", "debug")
	buildHelpers(dir, helpers)
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PATH="+helpers+string(os.PathListSeparator)+os.Getenv("PATH"))
	cmd.WaitDelay = time.Second
	done := make(chan struct{})
	timer := time.AfterFunc(*timeout, func() { cmd.Process.Kill(); close(done) })
	out, err := cmd.CombinedOutput()
	timer.Stop()
	var r result
	select {
	case <-done:
		r.status = "timed out"
	default:
		if err != nil {
			r.status = "exit: " + err.Error()
		}
	}
	if os.Getenv("FOMENT_TEST_LOG") != "" {
		os.WriteFile(filepath.Join(os.Getenv("FOMENT_TEST_LOG"), filepath.Base(bin)+"-"+name+".log"), out, 0o644)
	}
	m := summaryRE.FindAllSubmatch(out, -1)
	if len(m) == 0 {
		if r.status == "" {
			r.status = "no summary"
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		r.status += ": " + lines[len(lines)-1]
		return r
	}
	last := m[len(m)-1]
	r.pass, _ = strconv.Atoi(string(last[1]))
	r.fail, _ = strconv.Atoi(string(last[2]))
	r.errs, _ = strconv.Atoi(string(last[3]))
	return r
}

// buildHelpers compiles the small C++ programs that Foment's process tests start, when a C++
// compiler is at hand.
func buildHelpers(testDir, out string) {
	os.MkdirAll(out, 0o755)
	for _, name := range []string{"exitcode", "hang", "stdread", "stdwrite"} {
		exec.Command("g++", "-o", filepath.Join(out, name), filepath.Join(testDir, name+".cpp")).Run()
	}
}

// countChecks counts the checks a test file holds, inside test-when forms too.
func countChecks(data []*syntax.Datum) int {
	n := 0
	for _, d := range data {
		switch d.Head() {
		case "check-equal", "check-error", "check-syntax":
			n++
		case "test-when":
			if len(d.Elems) > 2 {
				n += countChecks(d.Elems[2:])
			}
		}
	}
	return n
}
