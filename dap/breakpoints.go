package dap

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"foment-ls/syntax"

	"github.com/google/go-dap"
)

// breakpoint is a line breakpoint, with what may make it conditional.
type breakpoint struct {
	id        int
	line      int    // where it stops: the line asked for, or the next line where code starts
	name      string // a function breakpoint: the procedure whose calls stop
	condition string // a Scheme expression: stop when it is true
	hitCond   string // "5", ">= 5", "% 5": stop on those hits
	logMsg    string // log "text {expr}" instead of stopping
	hits      int
}

var nextBreakpointID int

// setBreakpoints replaces the breakpoints of one file. A breakpoint on a line without code (a
// comment, a blank line, the middle of a datum) moves to the next line where a form starts.
func (s *session) setBreakpoints(r *dap.SetBreakpointsRequest) {
	path := r.Arguments.Source.Path
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	lines := codeLines(path)
	var bps []*breakpoint
	var out []dap.Breakpoint
	for _, want := range r.Arguments.Breakpoints {
		nextBreakpointID++
		bp := &breakpoint{id: nextBreakpointID, line: want.Line, condition: want.Condition,
			hitCond: want.HitCondition, logMsg: want.LogMessage}
		res := dap.Breakpoint{Id: bp.id, Source: &r.Arguments.Source, Line: want.Line}
		if lines != nil {
			if l, ok := nextCodeLine(lines, want.Line); ok {
				bp.line = l
				res.Line = l
				res.Verified = true
			} else {
				res.Message = "no code at or after this line"
			}
		} else {
			res.Verified = true // the file cannot be read now; it may exist when the program runs
		}
		if res.Verified {
			bps = append(bps, bp)
		}
		out = append(out, res)
	}
	s.mu.Lock()
	s.bps[path] = bps
	s.index()
	s.mu.Unlock()
	s.send(&dap.SetBreakpointsResponse{Response: response(r), Body: dap.SetBreakpointsResponseBody{Breakpoints: out}})
}

// codeLines returns, for a file, whether a form starts on each line (index = line number).
func codeLines(path string) []bool {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	f := syntax.Parse(path, src)
	lines := make([]bool, f.Lines.LineCount()+2)
	var walk func(d *syntax.Datum, quoted bool)
	walk = func(d *syntax.Datum, quoted bool) {
		if d.Kind != syntax.List || quoted {
			return
		}
		if l := d.Span.Start.Line; l < len(lines) {
			lines[l] = true
		}
		if len(d.Elems) > 0 && d.Elems[0].Kind == syntax.Symbol && d.Elems[0].Text == "quote" {
			return
		}
		for _, e := range d.Elems {
			walk(e, false)
		}
	}
	for _, d := range f.Data {
		if isImport(d) {
			continue
		}
		walk(d, false)
	}
	return lines
}

func isImport(d *syntax.Datum) bool {
	return d.Kind == syntax.List && len(d.Elems) > 0 && d.Elems[0].Kind == syntax.Symbol &&
		(d.Elems[0].Text == "import" || d.Elems[0].Text == "define-library")
}

func nextCodeLine(lines []bool, line int) (int, bool) {
	for l := max(line, 1); l < len(lines); l++ {
		if lines[l] {
			return l, true
		}
	}
	return 0, false
}

// setFunctionBreakpoints replaces the function breakpoints: a call to a procedure of that name
// (a builtin such as accept-socket, or the program's own) stops at the call.
func (s *session) setFunctionBreakpoints(r *dap.SetFunctionBreakpointsRequest) {
	var bps []*breakpoint
	var out []dap.Breakpoint
	for _, fb := range r.Arguments.Breakpoints {
		nextBreakpointID++
		bp := &breakpoint{id: nextBreakpointID, name: fb.Name, condition: fb.Condition, hitCond: fb.HitCondition}
		bps = append(bps, bp)
		out = append(out, dap.Breakpoint{Id: bp.id, Verified: true})
	}
	s.mu.Lock()
	s.fbps = bps
	s.index()
	s.mu.Unlock()
	s.send(&dap.SetFunctionBreakpointsResponse{Response: response(r), Body: dap.SetFunctionBreakpointsResponseBody{Breakpoints: out}})
}

// bpIndex is what the hook looks breakpoints up in, at every step: made anew when they change,
// read without a lock.
type bpIndex struct {
	lines map[string]map[int]*breakpoint // file → line → breakpoint
	funcs map[string]*breakpoint         // procedure name → function breakpoint
}

// index remakes the breakpoint index; s.mu is held.
func (s *session) index() {
	x := &bpIndex{lines: map[string]map[int]*breakpoint{}, funcs: map[string]*breakpoint{}}
	for file, bps := range s.bps {
		for _, bp := range bps {
			if x.lines[file] == nil {
				x.lines[file] = map[int]*breakpoint{}
			}
			x.lines[file][bp.line] = bp
		}
	}
	for _, bp := range s.fbps {
		x.funcs[bp.name] = bp
	}
	s.bpx.Store(x)
}

// functionBreakpoint returns the function breakpoint on calls of that name, or nil.
func (s *session) functionBreakpoint(name string) *breakpoint {
	if x := s.bpx.Load(); x != nil && len(x.funcs) > 0 && name != "" {
		return x.funcs[name]
	}
	return nil
}

// breakpointAt returns the breakpoint on a line of a file, or nil.
func (s *session) breakpointAt(file string, line int) *breakpoint {
	if x := s.bpx.Load(); x != nil && len(x.lines) > 0 {
		return x.lines[file][line]
	}
	return nil
}

// hitCondition reports whether the nth hit passes a hit condition: "5" (the fifth and later),
// ">= 5", "> 5", "== 5", "% 5" (every fifth).
func hitCondition(cond string, n int) (bool, error) {
	cond = strings.TrimSpace(cond)
	op := ">="
	for _, o := range []string{">=", "<=", "==", ">", "<", "%", "="} {
		if strings.HasPrefix(cond, o) {
			op, cond = o, strings.TrimSpace(cond[len(o):])
			break
		}
	}
	k, err := strconv.Atoi(cond)
	if err != nil {
		return false, fmt.Errorf("hit condition %q: expected a number, optionally after >=, >, ==, <, <= or %%", cond)
	}
	switch op {
	case ">=":
		return n >= k, nil
	case ">":
		return n > k, nil
	case "<=":
		return n <= k, nil
	case "<":
		return n < k, nil
	case "%":
		return k > 0 && n%k == 0, nil
	}
	return n == k, nil
}
