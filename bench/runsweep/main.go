// Command runsweep runs public Scheme programs under `foment-ls run` and under real Foment, with
// the same arguments, input and timeout, and compares what a user sees: the exit status, the
// standard output and the first line of an error (issue 9: "a script that runs under Foment runs
// the same here", checked on code nobody here wrote).
//
//	go run ./bench/runsweep -bin FOMENT_LS -foment FOMENT -corpus DIR [-r7rs DIR] [-only RE] [-keep DIR]
//
// The programs:
//   - r7rs-benchmarks (DIR/r7rs-benchmarks, or -r7rs: a checkout with src/ and inputs/): each
//     program is put together as its bench script does for Foment (Foment-prelude, NAME, common,
//     the postludes) and reads its input on standard input, with the count of iterations cut so
//     that a run takes about a second (the sizes are for compilers); the working directory holds
//     inputs/ and outputs/ as the script's does;
//   - the test programs of R7RS libraries (r7rs-libs, irregex, r7rs-mustache, SRFI 113, 130,
//     133, 146, chibi-scheme's tests and its libraries' -test.sld), with their library
//     directories on -I;
//   - r7rs-coverage: each ";; TEST" of its input files as a program of its own, as its coverage
//     script makes them.
//
// Standard output is compared after masking the timings the benchmarks print. Foment writes an
// uncaught error on standard output, foment-ls on standard error with its file:line:col: the
// error lines are compared by Foment's message (its quoted text), which ours must contain.
// Each case also reports CPU time (user+system) per implementation: the benchmarks' ratio
// ours/Foment is printed at the end.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

type kase struct {
	group, name string
	file        string   // the program
	args        []string // -I dirs (both implementations take the same)
	stdin       []byte
	dir         string // working directory
}

type result struct {
	status  int
	timeout bool
	stdout  string
	errLine string
	cpu     time.Duration
}

func main() {
	bin := flag.String("bin", "foment-ls", "the foment-ls binary")
	foment := flag.String("foment", "foment", "the Foment binary")
	corpus := flag.String("corpus", "/tmp/corpus", "the corpus directory")
	r7rs := flag.String("r7rs", "", "an r7rs-benchmarks checkout with src/ and inputs/ (default: CORPUS/r7rs-benchmarks)")
	only := flag.String("only", "", "run only the cases whose group/name matches this regexp")
	timeout := flag.Duration("timeout", 60*time.Second, "the time limit of one run")
	keep := flag.String("keep", "", "write each differing case's outputs into this directory")
	verbose := flag.Bool("v", false, "print every case, not only the differences")
	flag.IntVar(&countAll, "count", 0, "run every benchmark this many iterations (default: the counts table)")
	flag.Parse()

	work, err := os.MkdirTemp("", "runsweep")
	if err != nil {
		fatal(err)
	}
	defer os.RemoveAll(work)
	if *r7rs == "" {
		*r7rs = filepath.Join(*corpus, "r7rs-benchmarks")
	}
	var cases []kase
	cases = append(cases, benchmarks(*r7rs, work)...)
	cases = append(cases, libraryTests(*corpus, work)...)
	cases = append(cases, coverage(filepath.Join(*corpus, "r7rs-coverage"), work)...)
	var re *regexp.Regexp
	if *only != "" {
		re = regexp.MustCompile(*only)
	}
	if *keep != "" {
		os.MkdirAll(*keep, 0o755)
	}

	counts := map[string]map[string]int{} // group → verdict → n
	var ratios []string
	var differ []string
	n := 0
	for _, c := range cases {
		id := c.group + "/" + c.name
		if re != nil && !re.MatchString(id) {
			continue
		}
		n++
		f := run(*timeout, c, *foment, nil)
		o := run(*timeout, c, *bin, []string{"run"})
		v, detail := compare(o, f)
		if counts[c.group] == nil {
			counts[c.group] = map[string]int{}
		}
		counts[c.group][v]++
		line := fmt.Sprintf("%-10s %-44s %-14s ours %6.2fs rc %d   foment %6.2fs rc %d", c.group, c.name, v,
			o.cpu.Seconds(), o.status, f.cpu.Seconds(), f.status)
		if v != "same" {
			line += "\n    " + strings.ReplaceAll(detail, "\n", "\n    ")
			differ = append(differ, id)
			if *keep != "" {
				base := filepath.Join(*keep, strings.ReplaceAll(id, "/", "_"))
				os.WriteFile(base+".ours", []byte(o.stdout+"\n--- error: "+o.errLine+"\n"), 0o644)
				os.WriteFile(base+".foment", []byte(f.stdout+"\n--- error: "+f.errLine+"\n"), 0o644)
			}
		}
		if v != "same" || *verbose {
			fmt.Println(line)
		}
		if c.group == "bench" && v == "same" && !o.timeout && f.cpu > 50*time.Millisecond {
			ratios = append(ratios, fmt.Sprintf("%-12s %6.2fs %6.2fs %6.2f", c.name, o.cpu.Seconds(), f.cpu.Seconds(),
				o.cpu.Seconds()/f.cpu.Seconds()))
		}
	}

	fmt.Printf("\n%d programs\n%-10s", n, "group")
	verdicts := []string{"same", "status", "stdout", "error-text", "timeout-ours", "timeout-foment"}
	for _, v := range verdicts {
		fmt.Printf(" %14s", v)
	}
	fmt.Println()
	var groups []string
	for g := range counts {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	for _, g := range groups {
		fmt.Printf("%-10s", g)
		for _, v := range verdicts {
			fmt.Printf(" %14d", counts[g][v])
		}
		fmt.Println()
	}
	if len(ratios) > 0 {
		fmt.Printf("\nbenchmark CPU time (user+system), same output:\n%-12s %7s %7s %6s\n", "program", "ours", "foment", "ours÷F")
		for _, r := range ratios {
			fmt.Println(r)
		}
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "runsweep:", err)
	os.Exit(2)
}

// run runs one case under one implementation.
func run(limit time.Duration, c kase, exe string, pre []string) result {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	args := append(append(append([]string{}, pre...), c.args...), c.file)
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Dir = c.dir
	cmd.Stdin = bytes.NewReader(c.stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	r := result{stdout: out.String()}
	if cmd.ProcessState != nil {
		r.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		r.status = cmd.ProcessState.ExitCode()
	}
	if ctx.Err() != nil {
		r.timeout = true
	}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) && !r.timeout {
		r.status, r.errLine = -1, err.Error()
	}
	// Foment prints an uncaught error on standard output, after the program's output (and, in
	// a program, a second one about the body it could not finish): the first is the error.
	if r.status != 0 {
		if i := firstLineStart(r.stdout, "#<exception: ", "exception: "); i >= 0 {
			r.stdout, r.errLine = r.stdout[:i], firstLine(r.stdout[i:])
		}
	}
	if r.errLine == "" {
		r.errLine = firstLine(errb.String())
	}
	return r
}

// firstLineStart: the offset of the first line that starts with one of the prefixes, or -1.
func firstLineStart(s string, prefixes ...string) int {
	for i := 0; i < len(s); {
		for _, p := range prefixes {
			if strings.HasPrefix(s[i:], p) {
				return i
			}
		}
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return -1
}

func firstLine(s string) string {
	s = strings.TrimLeft(s, "\n")
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

var (
	timings   = regexp.MustCompile(`(?m)^Elapsed time: .*$`)
	csvLine   = regexp.MustCompile(`(?m)^\+!CSVLINE!\+[^,]*,([^,]*),.*$`)
	location  = regexp.MustCompile(`^(.*?):\d+:\d+: `)
	fomentMsg = regexp.MustCompile(`^#<exception: #x[0-9a-f]+ \S+ (?:\S+ )?"((?:[^"\\]|\\.)*)"`)
)

func normalize(s string) string {
	s = timings.ReplaceAllString(s, "Elapsed time: T")
	return csvLine.ReplaceAllString(s, "+!CSVLINE!+IMPL,$1,T")
}

// compare: the verdict and, for a difference, what differs.
func compare(o, f result) (string, string) {
	switch {
	case f.timeout && o.timeout:
		return "same", ""
	case o.timeout:
		return "timeout-ours", "foment: rc " + strconv.Itoa(f.status) + " " + f.errLine
	case f.timeout:
		return "timeout-foment", "ours: rc " + strconv.Itoa(o.status) + " " + o.errLine
	}
	os, fs := normalize(o.stdout), normalize(f.stdout)
	if os != fs {
		return "stdout", "ours:   " + clip(firstDiff(os, fs)) + "\nfoment: " + clip(firstDiff(fs, os)) +
			"\nours error:   " + o.errLine + "\nfoment error: " + f.errLine
	}
	if (o.status == 0) != (f.status == 0) || o.status != f.status && o.errLine == "" && f.errLine == "" {
		return "status", fmt.Sprintf("ours rc %d %s\nfoment rc %d %s", o.status, o.errLine, f.status, f.errLine)
	}
	if !sameError(o.errLine, f.errLine) {
		return "error-text", "ours:   " + o.errLine + "\nfoment: " + f.errLine
	}
	return "same", ""
}

// sameError: the two first lines of an error report the same error: ours holds Foment's message
// (or the object raised), or at least the name its message starts with ("import: ...") when
// the wording differs.
func sameError(ours, foment string) bool {
	if ours == "" || foment == "" {
		return ours == foment
	}
	ours = location.ReplaceAllString(ours, "")
	if m := fomentMsg.FindStringSubmatch(foment); m != nil {
		msg, err := strconv.Unquote(`"` + m[1] + `"`)
		if err != nil {
			msg = m[1]
		}
		if strings.Contains(ours, msg) {
			return true
		}
		who, _, ok := strings.Cut(msg, ": ")
		return ok && strings.HasPrefix(ours, who+": ")
	}
	if obj, ok := strings.CutPrefix(foment, "exception: "); ok {
		return strings.Contains(ours, obj)
	}
	return ours == foment
}

// firstDiff: a from the line where it first differs from b on.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range al {
		if i >= len(bl) || al[i] != bl[i] {
			return fmt.Sprintf("line %d: %q", i+1, strings.Join(al[i:min(i+3, len(al))], "\n"))
		}
	}
	return fmt.Sprintf("(ends after line %d)", len(al))
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}
