package dap

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"foment-ls/interp"
)

var fomentTests = flag.String("foment-tests", "", "TestFomentFilesUnderDebugger: Foment's test directory (its repository's test/)")

// armAll is a debugger that arms every stop site and, at each, reads the frame's variables
// and writes them as the Variables view would: a program must compute the same under it.
type armAll struct {
	in    *interp.Interp
	steps int
}

func (a *armAll) SourceLoaded(file string) {
	var sites []*interp.Site
	for _, f := range a.in.Sources() {
		for _, st := range a.in.StopSites(f) {
			sites = append(sites, st.Site)
		}
	}
	a.in.Arm(sites)
}

func (a *armAll) Step(th *interp.Thread, site *interp.Site) {
	a.steps++
	if a.steps%7 != 0 {
		return
	}
	fs := th.Frames()
	for _, v := range th.Locals(len(fs)-1, site) {
		interp.WriteBounded(v.Value, maxValue)
	}
}

// TestFomentFilesUnderDebugger runs Foment's own test files (code we did not write) through
// their driver twice, plainly and with a debugger that arms every stop site, and compares the
// counts of passed and failed checks: compiling for the debugger (a stop site on every line)
// and stopping everywhere must change nothing.
//
//	go test ./dap -run FomentFiles -foment-tests ~/foment/test -v
func TestFomentFilesUnderDebugger(t *testing.T) {
	if *fomentTests == "" {
		t.Skip("give -foment-tests DIR (Foment's test directory)")
	}
	driver, err := os.ReadFile("../interp/fomenttest/runtests.scm")
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	summary := regexp.MustCompile(`pass: \d+ fail: \d+(?: error: \d+)?`)
	run := func(name string, debugged bool) (string, int) {
		dir := filepath.Join(t.TempDir(), "test")
		if err := os.CopyFS(dir, os.DirFS(*fomentTests)); err != nil {
			t.Fatal(err)
		}
		os.Chdir(dir)
		var out bytes.Buffer
		in := interp.New(interp.Options{Args: []string{"runtests.scm", name}, Stdout: &out, Stderr: &out,
			Stdin: strings.NewReader("")})
		in.LibPath = []string{dir, "."}
		a := &armAll{in: in}
		if debugged {
			in.SetHook(a)
		}
		err := in.RunSource(filepath.Join(dir, "foment-ls-runtests.scm"), driver)
		if err != nil {
			out.WriteString("\nended: " + err.Error())
		}
		text := strings.ReplaceAll(out.String(), dir, "DIR")
		m := summary.FindAllString(text, -1)
		if len(m) == 0 {
			return "no summary: " + strings.TrimSpace(text[max(0, len(text)-120):]), a.steps
		}
		return m[len(m)-1], a.steps
	}
	for _, name := range []string{"r7rs.scm", "r7rs-eval.scm", "foment.scm", "eccentric.scm", "r5rs_pitfall.scm", "unicode.scm", "srfi.scm"} {
		if _, err := os.Stat(filepath.Join(*fomentTests, name)); err != nil {
			continue
		}
		plain, _ := run(name, false)
		debugged, steps := run(name, true)
		t.Logf("%-18s plain: %s; under the debugger (%d stops): %s", name, plain, steps, debugged)
		if plain != debugged {
			t.Errorf("%s: %s plainly, %s under the debugger", name, plain, debugged)
		}
	}
}
