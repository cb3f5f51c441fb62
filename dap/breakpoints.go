package dap

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"foment-ls/interp"

	"github.com/google/go-dap"
)

// Breakpoints stop where the interpreter can stop: a line breakpoint is verified against the
// stop sites the compiler recorded for that file (interp.StopSites), and arms them; nothing
// else decides which lines hold code. A breakpoint on a line without a stop site moves to the
// next line that has one. A function breakpoint arms every call site of that name.

// breakpoint is a line or function breakpoint, with what may make it conditional. Its
// state lasts as long as the client keeps sending it unchanged; its hits are counted by each
// run of the program (target.hitsOf).
type breakpoint struct {
	id        int
	line, col int    // asked for (from 1; col 0: any)
	name      string // a function breakpoint: the procedure whose calls stop
	condition string // a Scheme expression: stop when it is true
	hitCond   string // "5", ">= 5", "% 5": stop on those hits
	logMsg    string // log "text {expr}" instead of stopping
	hitOp     string
	hitN      int64
	log       []logPart
	reported  atomic.Bool // a broken condition was reported

	// where it was resolved
	verified bool
	at       int // the line where it stops
	message  string
	sites    []*interp.Site
}

// logPart is a piece of a log message: text, or an expression in braces.
type logPart struct {
	text string
	expr bool
}

// fileBreakpoints are the breakpoints of one file, by its canonical path.
type fileBreakpoints struct {
	source dap.Source // as the client named it
	bps    []*breakpoint
}

var nextBreakpointID atomic.Int64

// bpIndex is what the hook finds an armed site's breakpoints in: made anew when they change,
// read without a lock.
type bpIndex struct {
	sites map[*interp.Site]*siteBreaks
}

type siteBreaks struct {
	line, fn *siteBreak
}

// siteBreak is a breakpoint at one site, with its expressions compiled for that site.
type siteBreak struct {
	bp     *breakpoint
	probes []atomic.Pointer[interp.Probe] // 0: the condition; then the log message's expressions
}

func (bp *breakpoint) same(b dap.SourceBreakpoint, line, col int) bool {
	return bp.line == line && bp.col == col && bp.condition == strings.TrimSpace(b.Condition) &&
		bp.hitCond == strings.TrimSpace(b.HitCondition) && bp.logMsg == b.LogMessage
}

// newBreakpoint makes a breakpoint; a hit condition it cannot read makes it unverified, with a
// message.
func newBreakpoint(line, col int, name, condition, hitCond, logMsg string) *breakpoint {
	bp := &breakpoint{id: int(nextBreakpointID.Add(1)), line: line, col: col, name: name,
		condition: strings.TrimSpace(condition), hitCond: strings.TrimSpace(hitCond), logMsg: logMsg}
	if bp.hitCond != "" {
		op, n, err := parseHitCondition(bp.hitCond)
		if err != nil {
			bp.message = err.Error()
		}
		bp.hitOp, bp.hitN = op, n
	}
	if logMsg != "" {
		bp.log = parseLogMessage(logMsg)
	}
	return bp
}

// badHitCondition reports whether the hit condition could not be read.
func (bp *breakpoint) badHitCondition() bool { return bp.hitCond != "" && bp.hitOp == "" }

// setBreakpoints replaces the breakpoints of one file. Those sent again unchanged keep their
// identity and hit counts (editors send a file's breakpoints again after every edit).
func (s *session) setBreakpoints(r *dap.SetBreakpointsRequest) {
	src := r.Arguments.Source
	canon := canonical(s.path(src.Path))
	want := r.Arguments.Breakpoints
	if want == nil {
		for _, l := range r.Arguments.Lines {
			want = append(want, dap.SourceBreakpoint{Line: l})
		}
	}
	s.mu.Lock()
	old := s.files[canon]
	fb := &fileBreakpoints{source: src}
	// the old breakpoints by place, each taken once (a client may send thousands)
	byPlace := map[[2]int][]*breakpoint{}
	if old != nil {
		for _, o := range old.bps {
			byPlace[[2]int{o.line, o.col}] = append(byPlace[[2]int{o.line, o.col}], o)
		}
	}
	for _, w := range want {
		line, col := s.lineIn(w.Line), 0
		if w.Column > 0 {
			col = s.columnIn(w.Column)
		}
		var bp *breakpoint
		olds := byPlace[[2]int{line, col}]
		for i, o := range olds {
			if o.same(w, line, col) {
				bp = o
				byPlace[[2]int{line, col}] = slices.Delete(olds, i, i+1)
				break
			}
		}
		if bp == nil {
			bp = newBreakpoint(line, col, "", w.Condition, w.HitCondition, w.LogMessage)
		}
		fb.bps = append(fb.bps, bp)
	}
	if len(fb.bps) == 0 {
		delete(s.files, canon)
	} else {
		s.files[canon] = fb
	}
	tg := s.tgt
	s.mu.Unlock()
	s.resolving.Lock()
	s.resolveFile(tg, canon, fb)
	s.rearm(tg)
	s.resolving.Unlock()
	out := make([]dap.Breakpoint, 0, len(fb.bps))
	for _, bp := range fb.bps {
		out = append(out, s.breakpointOut(bp, &src))
	}
	s.send(&dap.SetBreakpointsResponse{Response: response(r), Body: dap.SetBreakpointsResponseBody{Breakpoints: out}})
}

// breakpointOut is a breakpoint as the client sees it.
func (s *session) breakpointOut(bp *breakpoint, src *dap.Source) dap.Breakpoint {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := dap.Breakpoint{Id: bp.id, Verified: bp.verified, Message: bp.message}
	if bp.name == "" {
		out.Source = src
		out.Line = s.lineOut(bp.line)
		if bp.verified {
			out.Line = s.lineOut(bp.at)
		}
	}
	return out
}

// sitesOf returns the stop sites of a file, given its canonical path, in source order.
func sitesOf(tg *target, canon string) []interp.StopSite {
	var out []interp.StopSite
	for _, name := range tg.namesOf(canon) {
		out = append(out, tg.in.StopSites(name)...)
	}
	slices.SortStableFunc(out, func(a, b interp.StopSite) int { return int(a.Span.Start.Offset - b.Span.Start.Offset) })
	return out
}

// resolveFile places a file's breakpoints on the stop sites of the target's code.
func (s *session) resolveFile(tg *target, canon string, fb *fileBreakpoints) {
	var sites []interp.StopSite
	loaded := false
	if tg != nil {
		sites = sitesOf(tg, canon)
		loaded = len(tg.namesOf(canon)) > 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, bp := range fb.bps {
		resolveLine(bp, sites, loaded)
	}
}

// resolveLine places a line breakpoint: on its line when stop sites start there, otherwise on
// the next line where one does. sites are in source order (sitesOf).
func resolveLine(bp *breakpoint, sites []interp.StopSite, loaded bool) {
	bp.verified, bp.at, bp.sites = false, 0, nil
	if bp.badHitCondition() {
		return // its message says why
	}
	bp.message = ""
	switch {
	case bp.line < 1:
		bp.message = fmt.Sprintf("line %d is not in the file", bp.line)
		return
	case !loaded:
		bp.message = "the file's code has not been loaded (yet)"
		return
	}
	// sites are in source order, so their lines never decrease: the first at or after the
	// breakpoint's line is found by bisection (a file's breakpoints are resolved together, and
	// some clients send thousands).
	i, _ := slices.BinarySearchFunc(sites, bp.line, func(st interp.StopSite, line int) int { return int(st.Span.Start.Line) - line })
	if i == len(sites) {
		bp.message = fmt.Sprintf("no code at or after line %d", bp.line)
		return
	}
	at := int(sites[i].Span.Start.Line)
	atLoad := false
	var onLine []*interp.Site
	for _, st := range sites[i:] {
		if int(st.Span.Start.Line) != at {
			break
		}
		if st.AtLoad {
			atLoad = true
			continue
		}
		onLine = append(onLine, st.Site)
		if bp.col == 0 || at != bp.line || int(st.Span.Start.Col) == bp.col {
			bp.sites = append(bp.sites, st.Site)
		}
	}
	if len(bp.sites) == 0 {
		bp.sites = onLine // no stop site at that column: the line's
	}
	if len(bp.sites) == 0 {
		if atLoad {
			bp.message = "this line runs when its library is loaded, before the program starts"
		} else {
			bp.message = fmt.Sprintf("no code at or after line %d", bp.line)
		}
		return
	}
	bp.verified, bp.at = true, at
}

// setFunctionBreakpoints replaces the function breakpoints: a call to a procedure of that name
// (a builtin such as accept-socket, or the program's own) stops at the call.
func (s *session) setFunctionBreakpoints(r *dap.SetFunctionBreakpointsRequest) {
	s.mu.Lock()
	old := s.funcs
	var bps []*breakpoint
	for _, fb := range r.Arguments.Breakpoints {
		var bp *breakpoint
		for _, o := range old {
			if o.name == strings.TrimSpace(fb.Name) && o.condition == strings.TrimSpace(fb.Condition) &&
				o.hitCond == strings.TrimSpace(fb.HitCondition) && !slices.Contains(bps, o) {
				bp = o
			}
		}
		if bp == nil {
			bp = newBreakpoint(0, 0, strings.TrimSpace(fb.Name), fb.Condition, fb.HitCondition, "")
		}
		bps = append(bps, bp)
	}
	s.funcs = bps
	tg := s.tgt
	s.mu.Unlock()
	s.resolving.Lock()
	s.resolveFunctions(tg)
	s.rearm(tg)
	s.resolving.Unlock()
	out := make([]dap.Breakpoint, 0, len(bps))
	for _, bp := range bps {
		out = append(out, s.breakpointOut(bp, nil))
	}
	s.send(&dap.SetFunctionBreakpointsResponse{Response: response(r), Body: dap.SetFunctionBreakpointsResponseBody{Breakpoints: out}})
}

// resolveFunctions finds the call sites of each function breakpoint's procedure.
func (s *session) resolveFunctions(tg *target) {
	byName := callSites(tg)
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, bp := range s.funcs {
		bp.sites, bp.verified = byName[bp.name], false
		switch {
		case bp.badHitCondition():
		case bp.name == "":
			bp.message = "no procedure name"
		case tg == nil:
			bp.message = "the program has not been launched yet"
		case len(bp.sites) == 0 && interp.Inlined(bp.name):
			bp.message = bp.name + " is compiled inline: there is no call of it to stop at"
		case len(bp.sites) == 0:
			bp.message = "the program has no call of " + bp.name + " (yet)"
		default:
			bp.verified, bp.message = true, ""
		}
	}
}

// callSites are the call sites of a target's code, by the name of the procedure called.
func callSites(tg *target) map[string][]*interp.Site {
	byName := map[string][]*interp.Site{}
	if tg != nil {
		for _, f := range tg.in.Sources() {
			for _, st := range tg.in.StopSites(f) {
				if st.Name != "" && !st.AtLoad {
					byName[st.Name] = append(byName[st.Name], st.Site)
				}
			}
		}
	}
	return byName
}

// rearm arms the sites of every verified breakpoint and makes the hook's index.
func (s *session) rearm(tg *target) {
	if tg == nil {
		return
	}
	x := &bpIndex{sites: map[*interp.Site]*siteBreaks{}}
	var sites []*interp.Site
	s.mu.Lock()
	for _, fb := range s.files {
		for _, bp := range fb.bps {
			if bp.verified {
				sites = x.add(bp, bp.sites, false, sites)
			}
		}
	}
	for _, bp := range s.funcs {
		if bp.verified {
			sites = x.add(bp, bp.sites, true, sites)
		}
	}
	s.mu.Unlock()
	tg.bpx.Store(x)
	tg.in.Arm(sites)
}

// add puts a breakpoint at its sites into the index, and returns armed with the sites new to it.
func (x *bpIndex) add(bp *breakpoint, at []*interp.Site, fn bool, armed []*interp.Site) []*interp.Site {
	for _, site := range at {
		sb := x.sites[site]
		if sb == nil {
			sb = &siteBreaks{}
			x.sites[site] = sb
			armed = append(armed, site)
		}
		e := &siteBreak{bp: bp, probes: make([]atomic.Pointer[interp.Probe], 1+len(bp.log))}
		if fn {
			sb.fn = e
		} else {
			sb.line = e
		}
	}
	return armed
}

// armRun arms a run of a replay that is not the session's target (yet: one going back, a rung
// of the ladder) with the session's breakpoints, placed on its own code. What the client was
// told of the breakpoints, and where they are in the session's target, stay as they are.
func (s *session) armRun(tg *target) {
	byName := callSites(tg)
	s.mu.Lock()
	files := map[string][]*breakpoint{}
	for canon, fb := range s.files {
		files[canon] = fb.bps
	}
	funcs := s.funcs
	s.mu.Unlock()
	x := &bpIndex{sites: map[*interp.Site]*siteBreaks{}}
	var sites []*interp.Site
	for canon, bps := range files {
		at, loaded := sitesOf(tg, canon), len(tg.namesOf(canon)) > 0
		for _, bp := range bps {
			// Placed on a scratch breakpoint: bp's fields are the session target's.
			p := &breakpoint{line: bp.line, col: bp.col, hitCond: bp.hitCond, hitOp: bp.hitOp}
			resolveLine(p, at, loaded)
			if p.verified {
				sites = x.add(bp, p.sites, false, sites)
			}
		}
	}
	for _, bp := range funcs {
		if !bp.badHitCondition() {
			sites = x.add(bp, byName[bp.name], true, sites)
		}
	}
	tg.bpx.Store(x)
	tg.in.Arm(sites)
}

// sourceLoaded places the breakpoints waiting for a file compiled while the program runs, and
// tells the client.
func (s *session) sourceLoaded(tg *target, file string) {
	s.reresolve(tg)
	s.send(&dap.LoadedSourceEvent{Event: event("loadedSource"), Body: dap.LoadedSourceEventBody{
		Reason: "new", Source: s.source(file)}})
}

// reresolve places every breakpoint anew on a target's code (after a launch, a restart, a file
// loaded at run time) and tells the client of those that changed.
func (s *session) reresolve(tg *target) {
	s.resolving.Lock()
	defer s.resolving.Unlock()
	s.mu.Lock()
	files := map[string]*fileBreakpoints{}
	for c, fb := range s.files {
		files[c] = fb
	}
	s.mu.Unlock()
	type state struct {
		at       int
		verified bool
	}
	for canon, fb := range files {
		before := map[*breakpoint]state{}
		s.mu.Lock()
		for _, bp := range fb.bps {
			before[bp] = state{bp.at, bp.verified}
		}
		s.mu.Unlock()
		s.resolveFile(tg, canon, fb)
		for _, bp := range fb.bps {
			s.mu.Lock()
			changed := before[bp] != state{bp.at, bp.verified}
			s.mu.Unlock()
			if changed {
				s.send(&dap.BreakpointEvent{Event: event("breakpoint"), Body: dap.BreakpointEventBody{
					Reason: "changed", Breakpoint: s.breakpointOut(bp, &fb.source)}})
			}
		}
	}
	s.resolveFunctions(tg)
	s.rearm(tg)
}

// breakpointLocations lists where breakpoints can stop in a range of lines: the stop sites.
func (s *session) breakpointLocations(r *dap.BreakpointLocationsRequest) {
	a := r.Arguments
	if a == nil {
		s.fail(r, "breakpointLocations: no arguments")
		return
	}
	from, to := s.lineIn(a.Line), s.lineIn(a.Line)
	if a.EndLine > 0 {
		to = s.lineIn(a.EndLine)
	}
	out := []dap.BreakpointLocation{}
	if tg := s.target(); tg != nil {
		seen := map[[2]int]bool{}
		for _, st := range sitesOf(tg, canonical(s.path(a.Source.Path))) {
			l, c := int(st.Span.Start.Line), int(st.Span.Start.Col)
			if l < from || l > to || st.AtLoad || seen[[2]int{l, c}] {
				continue
			}
			if l == from && a.Column > 0 && c < s.columnIn(a.Column) {
				continue
			}
			seen[[2]int{l, c}] = true
			out = append(out, dap.BreakpointLocation{Line: s.lineOut(l), Column: s.columnOut(c),
				EndLine: s.lineOut(int(st.Span.End.Line)), EndColumn: s.columnOut(int(st.Span.End.Col))})
		}
	}
	s.send(&dap.BreakpointLocationsResponse{Response: response(r), Body: dap.BreakpointLocationsResponseBody{Breakpoints: out}})
}

// breakAt decides, at an armed site, whether the thread stops.
func (tg *target) breakAt(th *interp.Thread, t *thread, site *interp.Site, depth int) {
	sb := tg.bpx.Load().sites[site]
	if sb == nil {
		return
	}
	for _, e := range [2]*siteBreak{sb.line, sb.fn} {
		if e == nil || !tg.shouldBreak(th, t, site, e, depth) {
			continue
		}
		reason := "breakpoint"
		if e.bp.name != "" {
			reason = "function breakpoint"
		}
		if tg.ffwd.Load() {
			// A replay going to a step: the hit is noted (a scan), and the line not stopped
			// at again, as after a stop.
			if tg.scanning {
				tg.mu.Lock()
				tg.hits = append(tg.hits, hit{pos: t.lastN, reason: reason, bps: []int{e.bp.id}, thread: t.id})
				tg.mu.Unlock()
			}
			t.last, t.lastSite, t.lastDepth = true, site, depth
			return
		}
		tg.stopAt(t, &stop{site: site, reason: reason, bps: []int{e.bp.id}})
		return
	}
}

// shouldBreak tells whether a breakpoint stops the thread: its condition holds (hits are
// counted when it does), its hit condition holds, and it is no logpoint (a logpoint prints).
func (tg *target) shouldBreak(th *interp.Thread, t *thread, site *interp.Site, e *siteBreak, depth int) bool {
	bp := e.bp
	if bp.condition != "" {
		v, err := tg.probe(th, t, e, 0, site, bp.condition)
		if err != nil {
			if !tg.ffwd.Load() && !bp.reported.Swap(true) {
				tg.print("stderr", fmt.Sprintf("breakpoint condition %s: %s\n", bp.condition, strings.TrimSpace(errorText(err))))
			}
			return true // a broken condition stops, so that it can be seen and mended
		}
		if v.IsFalse() {
			return false
		}
	}
	hits := tg.hitsOf(bp).Add(1)
	if bp.hitOp != "" && !hitMatches(bp.hitOp, bp.hitN, hits) {
		return false
	}
	if bp.log != nil {
		if !tg.ffwd.Load() {
			tg.print("console", tg.interpolate(th, t, e, site)+"\n")
		}
		t.last, t.lastSite, t.lastDepth = true, site, depth
		return false
	}
	return true
}

// probe runs expression i of a breakpoint at a site, compiling it for the site the first
// time (and again in frames of another procedure).
func (tg *target) probe(th *interp.Thread, t *thread, e *siteBreak, i int, site *interp.Site, src string) (interp.Value, error) {
	t.evaluating++
	defer func() { t.evaluating-- }()
	f := len(th.Frames()) - 1
	p := e.probes[i].Load()
	if p == nil || !p.Fits(th, f, site) {
		var err error
		if p, err = th.NewProbe(src, tg.prog.Env, f, site); err != nil {
			return interp.Value{}, err
		}
		e.probes[i].Store(p)
	}
	return th.RunProbe(p, f)
}

// print sends text to the client's console, if one is attached.
func (tg *target) print(category, text string) {
	if s := tg.sess.Load(); s != nil {
		s.print(category, text)
	}
}

var braces = regexp.MustCompile(`\{[^{}]*\}`)

func parseLogMessage(msg string) []logPart {
	var parts []logPart
	last := 0
	for _, m := range braces.FindAllStringIndex(msg, -1) {
		if m[0] > last {
			parts = append(parts, logPart{text: msg[last:m[0]]})
		}
		parts = append(parts, logPart{text: msg[m[0]+1 : m[1]-1], expr: true})
		last = m[1]
	}
	if last < len(msg) || len(parts) == 0 {
		parts = append(parts, logPart{text: msg[last:]})
	}
	return parts
}

// interpolate is a log message with each {expression} replaced by its value.
func (tg *target) interpolate(th *interp.Thread, t *thread, e *siteBreak, site *interp.Site) string {
	var b strings.Builder
	n := 0
	for _, p := range e.bp.log {
		if !p.expr {
			b.WriteString(p.text)
			continue
		}
		n++
		v, err := tg.probe(th, t, e, n, site, p.text)
		if err != nil {
			b.WriteString("<" + strings.TrimSpace(errorText(err)) + ">")
			continue
		}
		if s, ok := v.Object().(*interp.String); ok {
			b.WriteString(s.String())
			continue
		}
		text, _ := interp.WriteBounded(v, maxValue)
		b.WriteString(text)
	}
	return b.String()
}

// parseHitCondition reads a hit condition: "5" (the fifth and later), ">= 5", "> 5", "== 5",
// "< 5", "<= 5", "% 5" (every fifth).
func parseHitCondition(cond string) (string, int64, error) {
	op := ">="
	for _, o := range []string{">=", "<=", "==", ">", "<", "%", "="} {
		if strings.HasPrefix(cond, o) {
			op, cond = o, strings.TrimSpace(cond[len(o):])
			break
		}
	}
	k, err := strconv.ParseInt(cond, 10, 64)
	if err != nil || k < 0 || op == "%" && k == 0 {
		return "", 0, fmt.Errorf("hit condition %q: expected a count, optionally after >=, >, ==, <, <= or %%", cond)
	}
	return op, k, nil
}

func hitMatches(op string, k, n int64) bool {
	switch op {
	case ">=":
		return n >= k
	case ">":
		return n > k
	case "<=":
		return n <= k
	case "<":
		return n < k
	case "%":
		return n%k == 0
	}
	return n == k
}
