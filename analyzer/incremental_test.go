package analyzer

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"foment-ls/syntax"
)

// dumpResult writes what an analysis found with the text's positions, one finding a line:
// diagnostics (with fixes and related places), definitions, references (with what they resolve
// to), imports, libraries and dependencies.
func dumpResult(r *Result) string {
	var b strings.Builder
	own := r.File
	span := func(file string, s syntax.Span) string {
		if file == own.Name {
			s = syntax.Span{Start: own.Lines.Pos(own.TextOffset(int(s.Start.Offset))), End: own.Lines.Pos(own.TextOffset(int(s.End.Offset)))}
		}
		return fmt.Sprintf("%d:%d:%d-%d:%d:%d", s.Start.Offset, s.Start.Line, s.Start.Col, s.End.Offset, s.End.Line, s.End.Col)
	}
	ext := func(file string, e syntax.Extent) string { return span(file, r.Span(file, e)) }
	def := func(d *Def) string {
		if d == nil {
			return "-"
		}
		return fmt.Sprintf("%q@%s:%s", d.Name, d.File, ext(d.File, d.Span))
	}
	for _, d := range r.Diags {
		fmt.Fprintf(&b, "diag %s %s %s %s %q unnecessary=%v\n", d.File, span(d.File, d.Span), d.Code, d.Severity, d.Message, d.Unnecessary)
		for _, f := range d.Fixes {
			fmt.Fprintf(&b, "  fix %q", f.Title)
			for _, e := range f.Edits {
				fmt.Fprintf(&b, " [%s %s %q]", e.File, ext(e.File, e.Span), e.NewText)
			}
			b.WriteByte('\n')
		}
		for _, l := range d.Related {
			fmt.Fprintf(&b, "  related %s %s %q\n", l.File, span(l.File, l.Span), l.Message)
		}
	}
	for _, d := range r.Defs {
		// A top-level scope is the whole of the file the analysis began with; the scope of a
		// definition an included file makes inside a form is in that form's file.
		scope := "top"
		if !d.TopLevel && d.File == own.Name {
			scope = ext(d.File, d.Scope)
		}
		fmt.Fprintf(&b, "def %s kind=%d form=%s scope=%s doc=%q sig=%q arity=%d..%d top=%v parent=%s refs=%d\n",
			def(d), d.Kind, ext(d.File, d.Form), scope, d.Doc(), d.Sig(), d.Min, d.Max, d.TopLevel, def(d.Parent), len(d.Refs))
	}
	for _, x := range r.Refs {
		entry := ""
		if x.Entry != nil {
			entry = x.Entry.Name
		}
		fmt.Fprintf(&b, "ref %s %s %s → %s %s write=%v\n", x.Name, x.File(), ext(x.File(), x.Span), def(x.Def), entry, x.Write())
	}
	for _, i := range r.Imports {
		fmt.Fprintf(&b, "import %s %s %s lib=%v\n", i.Name, i.File, span(i.File, i.Span), i.Lib != nil)
	}
	for _, l := range r.Libraries {
		fmt.Fprintf(&b, "library %s %d exports\n", l.Name, len(l.Exports))
	}
	fmt.Fprintf(&b, "deps %v fragment %v builtins %d\n", r.Deps, r.Fragment, len(r.Builtins()))
	return b.String()
}

// incrementalPrograms are the starting points of the edits: programs that use what crosses
// from form to form (top-level sockets and constants, set!, definitions made twice, macros,
// names not defined used many times, documentation comments).
var incrementalPrograms = []string{
	string(bigProgram(60)),
	`(import (scheme base) (scheme write) (srfi 106))
;; The server socket.
(define s (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp)))
(define fam (address-family inet))
(bind-socket s "localhost" "8080" fam (socket-domain stream) (ip-protocol tcp))
(listen-socket s)
(define c (accept-socket s))
(close-port s)
(send-socket s (string->utf8 "x") 0)
(define (handle conn) (recv-socket conn 10 0))
(handle c)
(set! s #f)
(accept-socket s)
`,
	`(import (scheme base) (scheme write))
(define (f a b) (+ a b))
(f 1)
(define (f a) a)
(define g (lambda (x) x))
(g 1 2)
(set! g car)
(define-syntax my-define (syntax-rules () ((_ n v) (define n v))))
(my-define hidden 1)
(display hidden)
(display undefined-thing)
(check-equal 1 2) (check-equal 3 4) (check-equal 5 6) (check-equal 7 8) (check-equal 9 10) (check-equal 11 12)
(check-equal 1 2) (check-equal 3 4) (check-equal 5 6) (check-equal 7 8) (check-equal 9 10) (check-equal 11 12)
(lenght '(1 2))
(define-record-type point (make-point x y) point? (x point-x) (y point-y set-point-y!))
(make-point 1)
(let loop ((i 0)) (if (< i 3) (loop (+ i 1) 2)))
`,
	`(import (only (scheme base) define lambda if car)) (import (lib util))
(define (h x) (util-double x))
(util-double 1 2)
(cons 1 2) (list 1) (vector 1) (+ 1 2) (- 1 2) (* 1 2) (apply car '((1))) (map car '()) (length '()) (append) (reverse '()) (string-append)
`,
	"(define (fragment-only x) (helper x))\n(helper 1 2)\n",
	`(import (scheme base) (scheme write))
(define-syntax my-def (syntax-rules () ((_ n v) (define n v))))
(define-syntax swap! (syntax-rules () ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))
(define-syntax test (syntax-rules () ((_ name expr) (begin (define (name) expr) (name)))))
(define-syntax def-macro (syntax-rules () ((_ m) (define-syntax m (syntax-rules () ((_ . r) (begin . r)))))))
(my-def x 1)
(my-def y (+ x 1))
(define (f) (swap! x y) (list x y))
(test t1 (f))
(test t2 (car (f)))
(def-macro q)
(q (define z 1) (display z))
(let-syntax ((twice (syntax-rules () ((_ e) (begin e e))))) (twice (display x)))
(define (g v) (my-def inner v) inner)
(display (g 2))
(undefined-macro-use (define w 1))
(display w)
`,
	"#!fold-case\n(IMPORT (SCHEME BASE))\n(DEFINE (F X) (+ X 1))\n(F 1 2)\n",
	"(import (scheme base)\n(define (broken x\n  (let ((y 1))\n(define (ok) 1)\n(ok 2)\n",
}

// snippets are what the random edits insert: names that exist, forms that define, assign,
// import, use sockets, open and close lists and strings.
var snippets = []string{"", "", " ", "x", "f", "g", "s", "c", "(", ")", "\n", "\"", ";", ";; doc\n", "#|", "|#", "'",
	"(define (f x) x)\n", "(define s 1)\n", "(set! f 2)\n", "(f 1 2 3)", "(g)", "(listen-socket s)\n", "(close-port s)\n",
	"(import (scheme write))\n", "(define-syntax m (syntax-rules () ((_ a) (define a 1))))\n", "(m zz)\n", "zz",
	"(display zz)", "lenght", "length", "(let ((u 1)) 2)", "(define fam (address-family inet6))\n", "hidden",
	"(define (handle c) (accept-socket c))\n", "#!fold-case ", "serve-3", "(serve-3 1 2)", "(server-2)", "(include \"a.scm\")\n",
	"(define-library (l) (export q) (begin (define q 1)))\n", "(cond-expand (foment (define ce 1)))\n", "util-double", "(util-double)",
	"(my-def k 2)\n", "(test t3 (g 1))\n", "(swap! x z)", "(define-syntax my-def (syntax-rules () ((_ n) (define n 0))))\n", "(q (define zz 2))\n",
	"(define (helper a) a)\n", "(def-macro q)\n", "my-def", "(display k)"}

func editProgram(r *rand.Rand, src string) string {
	a := r.Intn(len(src) + 1)
	b := a
	switch r.Intn(4) {
	case 0:
		b = min(len(src), a+r.Intn(12))
	case 1:
		// Delete a whole line.
		if i := strings.LastIndexByte(src[:a], '\n'); i >= 0 {
			a = i + 1
		} else {
			a = 0
		}
		if j := strings.IndexByte(src[a:], '\n'); j >= 0 {
			b = a + j + 1
		} else {
			b = len(src)
		}
	}
	return src[:a] + snippets[r.Intn(len(snippets))] + src[b:]
}

var incrementalFiles = map[string][]byte{
	"/f/lib/util.sld": []byte("(define-library (lib util) (export util-double) (import (scheme base)) (begin (define (util-double x) (* 2 x))))"),
	"/f/a.scm":        []byte("(define from-a 1)"),
}

var (
	incrementalSeeds = flag.Int("incremental-seeds", 1, "how many random sequences of edits TestIncrementalEqualsScratch makes")
	incrementalSeed  = flag.Int("incremental-seed", 1, "the first of them")
)

// TestIncrementalEqualsScratch: after any sequence of edits, the analysis made from the one
// before finds exactly what an analysis from scratch finds.
func TestIncrementalEqualsScratch(t *testing.T) {
	loader := memLoader(incrementalFiles)
	reused, total := 0, 0
	for seed := int64(*incrementalSeed); seed < int64(*incrementalSeed+*incrementalSeeds); seed++ {
		r := rand.New(rand.NewSource(seed))
		for pi, text := range incrementalPrograms {
			for round := 0; round < 12; round++ {
				cur := text
				f := syntax.ParseEditable("/f/main.scm", []byte(cur))
				res := Analyze(f, Options{Loader: loader})
				history := []string{cur}
				for k := 0; k < 30; k++ {
					next := editProgram(r, cur)
					for r.Intn(3) == 0 { // versions not analysed in between
						next = editProgram(r, next)
					}
					nf := syntax.Reparse(f, []byte(next))
					// Every other round as the language server analyses: the flow analysis deferred,
					// then made.
					deferred := round%2 == 1
					inc := Analyze(nf, Options{Loader: loader, Prev: res, DeferFlow: deferred})
					scratch := Analyze(syntax.Parse("/f/main.scm", []byte(next)), Options{Loader: loader})
					if got, want := dumpResult(inc.Flow()), dumpResult(scratch); got != want {
						if dir := os.Getenv("INCREMENTAL_DUMP"); dir != "" {
							for i, v := range append(history, next) {
								os.WriteFile(fmt.Sprintf("%s/v%03d.scm", dir, i), []byte(v), 0o644)
							}
						}
						t.Fatalf("seed %d program %d round %d edit %d: %q\n→ %q\n%s", seed, pi, round, k, cur, next, diffLines(got, want))
					}
					if inc.prog != nil {
						reused += inc.prog.reused
						total += len(inc.prog.order)
					}
					cur, f, res = next, nf, inc
					history = append(history, cur)
				}
			}
		}
	}
	// Many edits add includes, libraries or imports, after which the file is analysed whole.
	t.Logf("units kept: %d of %d", reused, total)
	if reused < total/5 {
		t.Errorf("only %d of %d units were kept from one version to the next", reused, total)
	}
}

// diffLines shows the lines of got and want that differ.
func diffLines(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	inG, inW := map[string]int{}, map[string]int{}
	for _, l := range g {
		inG[l]++
	}
	for _, l := range w {
		inW[l]++
	}
	var out []string
	for l, n := range inG {
		if inW[l] < n {
			out = append(out, "+ "+l)
		}
	}
	for l, n := range inW {
		if inG[l] < n {
			out = append(out, "- "+l)
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		return "(the same lines in another order)\n" + got
	}
	return strings.Join(out, "\n")
}

// An edit inside one procedure's body analyses that form again, and those that refer to the
// procedure (its definition is made anew), and keeps every other.
func TestIncrementalKeepsOtherForms(t *testing.T) {
	src := bigProgram(2000)
	f := syntax.ParseEditable("big.scm", src)
	res := Analyze(f, Options{})
	at := strings.Index(string(src), "(close-port client) total)") + 1
	next := append(append(append([]byte{}, src[:at]...), "begin "...), src[at:]...)
	nf := syntax.Reparse(f, next)
	inc := Analyze(nf, Options{Prev: res})
	if n := len(inc.prog.order) - inc.prog.reused; n != 2 {
		t.Errorf("%d forms analysed again, want 2 (serve-3 and its caller)", n)
	}
	// A change of a procedure's arity analyses its callers again.
	at = strings.Index(string(src), "(define (serve-3 client)") + len("(define (serve-3 client")
	next = append(append(append([]byte{}, src[:at]...), " extra"...), src[at:]...)
	nf = syntax.Reparse(f, next)
	inc = Analyze(nf, Options{Prev: res})
	if n := len(inc.prog.order) - inc.prog.reused; n != 2 {
		t.Errorf("%d forms analysed again, want 2 (serve-3 and its caller)", n)
	}
	if !strings.Contains(dumpResult(inc), "serve-3 expects two arguments, got 1") {
		t.Error("the caller of serve-3 was not checked again")
	}
}

// FuzzIncremental: a program and two edits made of the fuzzer's bytes: the incremental
// analyses equal analyses from scratch.
// go test ./analyzer -run XXX -fuzz FuzzIncremental -fuzztime 60s
func FuzzIncremental(f *testing.F) {
	for _, p := range incrementalPrograms {
		f.Add(p, uint16(10), uint16(3), "(f 1)", uint16(40), "\n(define g 2)\n")
	}
	f.Fuzz(func(t *testing.T, src string, at1, del1 uint16, ins1 string, at2 uint16, ins2 string) {
		loader := memLoader(incrementalFiles)
		file := syntax.ParseEditable("/f/main.scm", []byte(src))
		res := Analyze(file, Options{Loader: loader})
		cur := src
		for _, e := range []struct {
			at, del int
			ins     string
		}{{int(at1), int(del1), ins1}, {int(at2), 0, ins2}} {
			a := e.at % (len(cur) + 1)
			b := min(len(cur), a+e.del%16)
			cur = cur[:a] + e.ins + cur[b:]
			file = syntax.Reparse(file, []byte(cur))
			res = Analyze(file, Options{Loader: loader, Prev: res})
			scratch := Analyze(syntax.Parse("/f/main.scm", []byte(cur)), Options{Loader: loader})
			if got, want := dumpResult(res), dumpResult(scratch); got != want {
				t.Fatalf("%q:\n%s", cur, diffLines(got, want))
			}
		}
	})
}

// go test ./analyzer -run XXX -bench Reanalyze: a one-character edit inside a procedure of a
// 10,000-line file, analysed from the version before, against an analysis from scratch.
func BenchmarkReanalyze(b *testing.B) {
	src := bigProgram(10000)
	at := len(src) / 2
	at += strings.Index(string(src[at:]), "(close-port client)") + 1
	edited := append(append(append([]byte{}, src[:at]...), ' '), src[at:]...)
	f := syntax.ParseEditable("big.scm", src)
	res := Analyze(f, Options{})
	nf := syntax.Reparse(f, edited)
	b.Run("scratch", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			Analyze(nf, Options{})
		}
	})
	b.Run("incremental", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			Analyze(nf, Options{Prev: res})
		}
	})
}

// The name suggested for one not defined follows the edits of the definitions elsewhere: the
// nearest found for the version before is brought up to date with the names that changed.
func TestSuggestionFollowsEdits(t *testing.T) {
	versions := []struct{ text, want string }{
		{"(import (scheme base))\n(define (handler x) x)\n(handlr 1)\n", "did you mean handler?"},
		{"(import (scheme base))\n(define (handlers x) x)\n(handlr 1)\n", ""},
		{"(import (scheme base))\n(define (handlers x) x)\n(define (handle x) x)\n(handlr 1)\n", "did you mean handle?"},
		{"(import (scheme base))\n(define (handlers x) x)\n(define (handle x) x)\n(define (handlra x) x)\n(handlr 1)\n", "did you mean handle?"},
		{"(import (scheme base))\n(define (handlers x) x)\n(define (handlra x) x)\n(handlr 1)\n", "did you mean handlra?"},
	}
	f := syntax.ParseEditable("/f/main.scm", []byte(versions[0].text))
	res := Analyze(f, Options{})
	for i, v := range versions {
		if i > 0 {
			f = syntax.Reparse(f, []byte(v.text))
			res = Analyze(f, Options{Prev: res})
			if res.prog == nil || res.prog.reused == 0 {
				t.Errorf("version %d: no form kept", i)
			}
		}
		scratch := Analyze(syntax.Parse("/f/main.scm", []byte(v.text)), Options{})
		var got string
		for _, d := range res.Diags {
			if d.Code == CodeUnbound {
				got = d.Message
			}
		}
		if v.want == "" && strings.Contains(got, "did you mean") || v.want != "" && !strings.HasSuffix(got, v.want) {
			t.Errorf("version %d: %q, want %q", i, got, v.want)
		}
		if a, b := dumpResult(res), dumpResult(scratch); a != b {
			t.Errorf("version %d: the incremental analysis differs from one from scratch:\n%s\n%s", i, a, b)
		}
	}
}

// A deferred flow analysis stops when it is no longer wanted, leaving nothing made, and a
// later call makes it whole: the same findings as an analysis that did not defer it.
func TestFlowUnless(t *testing.T) {
	src := append(bigProgram(200), "\n(define (bad) (let ((s (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp)))) (listen-socket s) (send-socket s (bytevector 1) 0)))\n"...)
	want := dumpResult(Analyze(syntax.Parse("/f/main.scm", src), Options{}))
	res := Analyze(syntax.Parse("/f/main.scm", src), Options{DeferFlow: true})
	if got := res.FlowUnless(func() bool { return true }); got != nil {
		t.Fatal("a flow analysis stopped at once gave a result")
	}
	asked := 0
	if got := res.FlowUnless(func() bool { asked++; return asked > 20 }); got != nil {
		t.Fatal("a flow analysis stopped midway gave a result")
	}
	if asked <= 20 {
		t.Fatalf("stop asked %d times: the analysis is not asked often enough", asked)
	}
	full := res.FlowUnless(func() bool { return false })
	if full == nil || dumpResult(full) != want {
		t.Fatal("the flow analysis made after two stopped ones differs from one not deferred")
	}
	if dumpResult(res) == want {
		t.Fatal("the flow analysis finds nothing more in the program: the test tests nothing")
	}
	if res.Flow() != full {
		t.Error("the flow analysis was made twice")
	}
}

var incrementalCorpus = flag.String("incremental-corpus", "", "a directory of .scm files (code written elsewhere: Foment's tests) that TestIncrementalCorpus edits at random")

// TestIncrementalCorpus: random edits of each file of a corpus read and analysed incrementally
// find what a reading and analysis from scratch find.
//
//	go test ./analyzer -run IncrementalCorpus -incremental-corpus /tmp/foment/test
func TestIncrementalCorpus(t *testing.T) {
	if *incrementalCorpus == "" {
		t.Skip("no -incremental-corpus")
	}
	paths, _ := filepath.Glob(filepath.Join(*incrementalCorpus, "*.scm"))
	r := rand.New(rand.NewSource(1))
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		loader := &FileLoader{}
		cur := string(src)
		f := syntax.ParseEditable(p, src)
		res := Analyze(f, Options{Loader: loader})
		for k := 0; k < 20; k++ {
			next := editProgram(r, cur)
			nf := syntax.Reparse(f, []byte(next))
			inc := Analyze(nf, Options{Loader: loader, Prev: res, DeferFlow: k%2 == 0})
			scratch := Analyze(syntax.Parse(p, []byte(next)), Options{Loader: loader})
			if a, b := dumpResult(inc.Flow()), dumpResult(scratch); a != b {
				t.Fatalf("%s edit %d: the incremental analysis differs from one from scratch:\n%s", p, k, diffLines(a, b))
			}
			cur, f, res = next, nf, inc
		}
	}
}

// The flow analysis names places by their lines ("`serve` passes it to `recv-socket`
// (main.scm:3)"): after an edit above them, the lines are those of the new text, though the
// data kept their datum offsets and the procedure's results were kept.
func TestFlowLinesFollowEdits(t *testing.T) {
	v0 := "(import (foment base) (srfi 106))\n(define (serve c)\n  (recv-socket c 10 0))\n(define (relay c) (serve c))\n(define s (make-server-socket \"8080\"))\n(relay s)\n(define (main) (let ((l (make-server-socket \"8081\"))) (relay l)))\n"
	versions := []string{v0, ";; a comment\n\n" + v0, ";; a comment\n\n" + strings.Replace(v0, "(define (relay", "\n\n(define (relay", 1), v0}
	for _, deferred := range []bool{false, true} {
		f := syntax.ParseEditable("/f/main.scm", []byte(v0))
		res := Analyze(f, Options{DeferFlow: deferred})
		for i, v := range versions {
			if i > 0 {
				f = syntax.Reparse(f, []byte(v))
				res = Analyze(f, Options{Prev: res, DeferFlow: deferred})
			}
			scratch := Analyze(syntax.Parse("/f/main.scm", []byte(v)), Options{})
			got, want := dumpResult(res.Flow()), dumpResult(scratch)
			if strings.Count(want, "main.scm:") < 2 {
				t.Fatalf("no message names a line:\n%s", want)
			}
			if got != want {
				t.Errorf("deferred %v, version %d:\n%s", deferred, i, diffLines(got, want))
			}
		}
	}
}

// Of the syntax errors of one message, the first ten are reported and one line for the rest,
// counted over the whole file also when the forms that made them are kept from the version
// before.
func TestSyntaxCapIncremental(t *testing.T) {
	v0 := "(import (scheme base))\n" + strings.Repeat("(define (f) (if))\n", 14)
	versions := []string{v0, strings.Replace(v0, "(if))\n", "(if 1))\n", 1), v0 + "(if)\n", "(if)\n" + v0}
	f := syntax.ParseEditable("/f/main.scm", []byte(v0))
	res := Analyze(f, Options{})
	for i, v := range versions {
		if i > 0 {
			f = syntax.Reparse(f, []byte(v))
			res = Analyze(f, Options{Prev: res})
		}
		got, want := dumpResult(res), dumpResult(Analyze(syntax.Parse("/f/main.scm", []byte(v)), Options{}))
		if !strings.Contains(want, "more like it") {
			t.Fatalf("version %d: no line for the rest:\n%s", i, want)
		}
		if got != want {
			t.Errorf("version %d:\n%s", i, diffLines(got, want))
		}
	}
}

// boundedDistance is editDistance, bounded: the same within the bound, bound+1 beyond.
func TestBoundedDistance(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	word := func() string {
		b := make([]byte, r.Intn(9))
		for i := range b {
			b[i] = "abcde-"[r.Intn(6)]
		}
		return string(b)
	}
	for i := 0; i < 50000; i++ {
		a, b, k := word(), word(), r.Intn(5)
		if got, want := boundedDistance(a, b, k), min(editDistance(a, b), k+1); got != want {
			t.Fatalf("boundedDistance(%q, %q, %d) = %d, want %d", a, b, k, got, want)
		}
	}
}
