package dap

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"

	"foment-ls/interp"
	"foment-ls/interp/record"
	"foment-ls/libpath"

	"github.com/google/go-dap"
)

// Record, replay, and going back. A launch with "record" runs the program in a recording
// World (interp/record); one with "replay" runs a recording again with no network, and then
// the debugger can go back: stepBack and reverseContinue run the replay again, from its
// start, to an earlier step, and put that run in place of the current one. A replay is
// deterministic — every input comes from the recording, the threads take their turns in the
// recorded order — so the new run holds, at that step, exactly the state the first one held
// there: variables, stacks, sockets. Steps are numbered by the interpreter at its stop sites
// (interp.Interp.Steps); a re-run goes as fast as a replay goes (it stops nowhere, counts its
// steps, and says nothing: its output and its capture were shown already) until its goal.
//
// Which step is "back": after a step (next, step in, step out), the step before it, so that
// going back undoes the steps exactly; otherwise the start of the line executed before in
// the thread's frame, or in its caller's when the line was the first of its procedure (gdb's
// reverse-next), from what each thread's tracker noted while it ran. reverseContinue goes
// back to the last hit of a breakpoint before the current step: a first re-run finds it (its
// conditions and hit counts evaluated as they were), a second stops there.

// worldState is what a target's world is made of, beyond the interpreter.
type worldState struct {
	rp       *record.Replayer
	recorder *record.Recorder
	capture  *record.Capture
	header   *record.Header
}

// world sets up the world of a launch: a recording, a replay, a capture.
func (s *session) world(a launchArgs, opt *interp.Options, src []byte, again, scan bool) (*worldState, error) {
	w := &worldState{}
	switch {
	case a.Replay != "":
		s.mu.Lock()
		rec := s.recording
		s.mu.Unlock()
		if rec == nil {
			return nil, errors.New("launch: the recording is not open")
		}
		w.header = &rec.Header
		w.rp = record.NewReplayer(rec)
		opt.World = w.rp
		if len(rec.Header.Args) > 0 {
			opt.Args = rec.Header.Args
		}
	case a.Record != "":
		dir, _ := os.Getwd()
		h := record.Header{Program: a.Program, SHA256: digest(src), Args: opt.Args, Dir: dir,
			Library: libraryOf(a), Tool: "foment-ls dap"}
		rec, err := record.Create(s.path(a.Record), h, interp.Live)
		if err != nil {
			return nil, fmt.Errorf("launch: record: %v", err)
		}
		w.recorder = rec
		opt.World = rec
	}
	if a.Pcap == "" || again && w.rp == nil {
		return w, nil
	}
	inner := opt.World
	if inner == nil {
		inner = interp.Live
	}
	if w.rp == nil {
		c, err := record.CreateCapture(s.path(a.Pcap), inner)
		if err != nil {
			w.close(1, "", true)
			return nil, fmt.Errorf("launch: pcap: %v", err)
		}
		w.capture = c
		opt.World = c
		return w, nil
	}
	// A replay's capture goes on in one file from run to run: each run writes the packets
	// after those already written.
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pcap == nil {
		f, err := os.Create(s.path(a.Pcap))
		if err != nil {
			return nil, fmt.Errorf("launch: pcap: %v", err)
		}
		s.pcap = f
		c, err := record.NewCapture(f, inner)
		if err != nil {
			return nil, fmt.Errorf("launch: pcap: %v", err)
		}
		w.capture = c
	} else if !scan {
		w.capture = record.ContinueCapture(s.pcap, inner, s.capturedLocked(s.tgt))
	}
	if w.capture != nil {
		opt.World = w.capture
	}
	return w, nil
}

// close ends a world with its program: the recording gets its end, the capture is written out.
func (w *worldState) close(code int, message string, stopped bool) error {
	var err error
	if w.capture != nil {
		err = w.capture.Close()
	}
	if w.recorder != nil {
		if e := w.recorder.Close(code, message, stopped); err == nil {
			err = e
		}
	}
	return err
}

// openRecording opens the recording a launch replays, and takes from it what the launch does
// not say: the program (and its directory, its arguments and libraries, always).
func (s *session) openRecording(a *launchArgs) error {
	rec, err := record.Open(s.path(a.Replay))
	if err != nil {
		return fmt.Errorf("launch: replay: %v", err)
	}
	h := rec.Header
	if a.Program == "" {
		a.Program = h.Program
	}
	if a.Cwd == "" && h.Dir != "" {
		if st, err := os.Stat(h.Dir); err == nil && st.IsDir() {
			os.Chdir(h.Dir)
		}
	}
	s.mu.Lock()
	old := s.recording
	s.recording = rec
	s.mu.Unlock()
	if old != nil {
		old.Close()
	}
	return nil
}

// checkSource warns when the program replayed is not the one recorded.
func (s *session) checkSource(w *worldState, program string, src []byte) {
	if w.header != nil && w.header.SHA256 != "" && w.header.SHA256 != digest(src) {
		s.print("console", fmt.Sprintf("%s has changed since it was recorded: the replay stops where it first behaves differently\n", program))
	}
}

func libraryOf(a launchArgs) libpath.Options {
	return libpath.Options{Prepend: a.LibraryPath, Env: os.Getenv("FOMENT_LIBPATH")}
}

// announceStepBack tells the client, after a replay is launched, that it can go back.
func (s *session) announceStepBack() {
	s.send(&dap.CapabilitiesEvent{Event: event("capabilities"), Body: dap.CapabilitiesEventBody{
		Capabilities: dap.Capabilities{SupportsStepBack: true}}})
}

// watch is the replay's step watch: it runs at every step of the program, on its thread.
func (tg *target) watch(th *interp.Thread, site *interp.Site, n uint64) {
	if !tg.running.Load() {
		return
	}
	t := tg.own(th)
	t.lastN = n
	t.trk.step(site, n, len(th.Frames()))
	if tg.first.Load() == 0 {
		tg.first.Store(n)
	}
	if g := tg.goal.Load(); g != 0 && n >= g {
		tg.goal.Store(0)
		tg.ffwd.Store(false)
		last, lastSite, lastDepth := t.last, t.lastSite, t.lastDepth
		tg.stopAt(t, &stop{site: site, reason: tg.goalReason, bps: tg.goalBps, arrive: tg.arrive})
		if tg.ffwd.Load() {
			// A parked run (a rung of the ladder) going on to a later step: as if it had not
			// stopped, so that it counts the hits a run from the start counts.
			t.last, t.lastSite, t.lastDepth = last, lastSite, lastDepth
		}
	}
}

// diverged stops the thread where a replay parted from its recording, saying so.
func (tg *target) diverged(th *interp.Thread, d *record.Divergence) {
	if tg.ffwd.Load() || tg.retired.Load() {
		return
	}
	tg.print("stderr", d.Error()+"\n")
	if !tg.running.Load() {
		return
	}
	t := tg.own(th)
	tg.stopAt(t, &stop{site: tg.siteOf(th), reason: "exception", desc: "The replay diverged from the recording",
		text: d.Error(), exc: &excInfo{id: "replay-divergence", mode: "always"}})
}

// retire takes a target that another run replaced out of the session: it says nothing more,
// writes nothing more, and ends.
func (s *session) retire(tg *target) {
	tg.retired.Store(true)
	if c := tg.world.capture; c != nil {
		c.Close()
		s.mu.Lock()
		s.pcapPackets = max(s.pcapPackets, c.Packets())
		s.mu.Unlock()
	}
	tg.mu.Lock()
	tg.quiet = true
	tg.mu.Unlock()
	tg.sess.Store(nil)
	s.goTracked(func() { tg.end("replaced by a replay that went back") })
}

// tracker follows a thread's steps for going back: for each depth of its stack, the lines run
// there. A run is a sequence of steps on one line at one depth (steps deeper in between, in
// what the line calls, do not end it); a segment is the part of a run since the thread last
// came back from deeper.
type tracker struct {
	levels []level
}

type level struct {
	file             string
	line             int
	run, prev, seg   uint64 // the run's first step, the run before it, the segment's first step
	valid, returning bool
}

// step notes step n of the thread at site, depth frames deep.
func (k *tracker) step(site *interp.Site, n uint64, depth int) {
	back := len(k.levels) > depth+1
	if back {
		k.levels = k.levels[:depth+1]
	}
	for len(k.levels) < depth+1 {
		k.levels = append(k.levels, level{})
	}
	l := &k.levels[depth]
	line := int(site.Span.Start.Line)
	switch {
	case !l.valid || l.line != line || l.file != site.File:
		if l.valid {
			l.prev = l.run
		}
		l.file, l.line, l.valid = site.File, line, true
		l.run, l.seg = n, n
	case back:
		l.seg = n
	}
}

// back returns the step before pos (the thread's step, depth frames deep) that going back
// one line reaches: the start of pos's own line when pos is not its first step; else the
// start of the line run before it in its frame, or in a caller when there is none. 0: none.
func (k *tracker) back(pos uint64, depth int) uint64 {
	if depth >= len(k.levels) {
		depth = len(k.levels) - 1
	}
	if depth < 0 {
		return 0
	}
	l := k.levels[depth]
	if l.valid && l.run < pos {
		return l.run
	}
	best := l.prev
	for _, up := range k.levels[:depth] {
		if up.valid && up.seg > best && up.seg < pos {
			best = up.seg
		}
	}
	return best
}

// mark is a stop on the session's trail: where the program stopped, in which thread, and
// whether a step brought it there (from the mark before).
type mark struct {
	pos     uint64
	thread  int
	stepped bool
}

// noteStop puts a stop on the trail.
func (s *session) noteStop(st *stop) {
	if st.pos == 0 || st.rewound {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if n := len(s.trail); n > 0 && s.trail[n-1].pos == st.pos && s.trail[n-1].thread == st.t.id {
		return
	}
	s.trail = append(s.trail, mark{pos: st.pos, thread: st.t.id, stepped: st.reason == "step"})
	if len(s.trail) > 10000 {
		s.trail = slices.Clone(s.trail[5000:])
	}
}

// goneBackTo leaves the trail at a stop that going back reached.
func (s *session) goneBackTo(pos uint64, thread int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := len(s.trail)
	for i > 0 && s.trail[i-1].pos >= pos {
		i--
	}
	if i < len(s.trail) && s.trail[i].pos == pos && s.trail[i].thread == thread {
		s.trail = s.trail[:i+1]
		return
	}
	s.trail = append(s.trail[:i], mark{pos: pos, thread: thread})
}

// replayOnly fails a request that only a replay can do.
func (s *session) replayOnly(req dap.RequestMessage, what string) (*target, *thread, *stop, bool) {
	tg := s.target()
	switch {
	case tg == nil:
		s.fail(req, "%s: no program is running", what)
	case tg.world == nil || tg.world.rp == nil:
		s.fail(req, "%s: only a replay goes back: record the run (the launch attribute \"record\", or foment-ls run --record FILE), then launch it again with \"replay\"", what)
	default:
		s.mu.Lock()
		busy := s.rewinding
		s.mu.Unlock()
		if busy {
			s.fail(req, "%s: the replay is already going back", what)
			return nil, nil, nil, false
		}
		st := tg.current(threadOf(req))
		if st == nil {
			s.notStopped(req)
			return nil, nil, nil, false
		}
		t := tg.byNumber(threadOf(req))
		if t == nil {
			t = st.t
		}
		return tg, t, st, true
	}
	return nil, nil, nil, false
}

func threadOf(req dap.RequestMessage) int {
	switch r := req.(type) {
	case *dap.StepBackRequest:
		return r.Arguments.ThreadId
	case *dap.ReverseContinueRequest:
		return r.Arguments.ThreadId
	}
	return 0
}

// stepBack goes back one step of a thread (see the top of this file).
func (s *session) stepBack(r *dap.StepBackRequest) {
	tg, t, cur, ok := s.replayOnly(r, "step back")
	if !ok {
		return
	}
	pos := cur.pos
	if cur.t != t {
		pos = t.lastN
	}
	goal := uint64(0)
	s.mu.Lock()
	if n := len(s.trail); n >= 2 && s.trail[n-1].pos == cur.pos && s.trail[n-1].stepped && s.trail[n-2].thread == t.id && s.trail[n-2].pos < cur.pos {
		goal = s.trail[n-2].pos // undo the step
	}
	s.mu.Unlock()
	if goal == 0 {
		// The tracker is the thread's: read it where the thread is parked.
		done := make(chan uint64, 1)
		if !tg.onStopped(t.id, func() { done <- t.trk.back(pos, len(t.th.Frames())) }, func() { done <- 0 }) {
			s.notStopped(r)
			return
		}
		goal = <-done
	}
	first := tg.first.Load()
	reason := "step"
	if goal <= first {
		goal, reason = first, "entry"
	}
	s.send(&dap.StepBackResponse{Response: response(r)})
	if goal == 0 || goal >= cur.pos && cur.t == t {
		// Nothing before: it stays where it is, and says so.
		s.stoppedAgain(cur, "at the start of the replay: nothing before")
		return
	}
	s.goBack(tg, cur, goal, reason, nil, t.id)
}

// reverseContinue goes back to the last breakpoint hit before the current step, or to the
// start.
func (s *session) reverseContinue(r *dap.ReverseContinueRequest) {
	tg, _, cur, ok := s.replayOnly(r, "reverse continue")
	if !ok {
		return
	}
	s.send(&dap.ReverseContinueResponse{Response: response(r)})
	s.setRewinding(true)
	s.goTracked(func() {
		// Scan back, one stretch of the replay at a time: from the rung before the end of
		// the stretch (or the start) to its end, noting the hits, until one is found.
		var hits []hit
		for end := cur.pos; ; {
			scan, _, from, err := s.runTo(end, "scan", nil, true, nil)
			if err != nil {
				s.couldNotGoBack(cur, "reverse continue", err)
				return
			}
			scan.mu.Lock()
			hits = scan.hits
			scan.mu.Unlock()
			s.retire(scan)
			if len(hits) > 0 || from == 0 {
				break
			}
			end = from
		}
		goal, reason, thread := tg.first.Load(), "entry", 1
		var bps []int
		if n := len(hits); n > 0 {
			h := hits[n-1]
			goal, reason, bps, thread = h.pos, h.reason, h.bps, h.thread
		}
		s.setRewinding(false)
		if goal == 0 || goal >= cur.pos {
			s.stoppedAgain(cur, "at the start of the replay: nothing before")
			return
		}
		s.goBack(tg, cur, goal, reason, bps, thread)
	})
}

// hit is a breakpoint hit that a scan found.
type hit struct {
	pos    uint64
	reason string
	bps    []int
	thread int
}

func (s *session) setRewinding(on bool) {
	s.mu.Lock()
	s.rewinding = on
	s.mu.Unlock()
}

// couldNotGoBack says why going back failed; the program holds where it was.
func (s *session) couldNotGoBack(cur *stop, what string, err error) {
	s.setRewinding(false)
	s.print("stderr", what+": "+err.Error()+"\n")
	s.stoppedAgain(cur, "could not go back: "+err.Error())
}

// stoppedAgain tells the client the program holds where it was (a step back that could not go
// anywhere).
func (s *session) stoppedAgain(st *stop, why string) {
	s.send(&dap.StoppedEvent{Event: event("stopped"), Body: dap.StoppedEventBody{Reason: st.reason,
		ThreadId: st.t.id, AllThreadsStopped: true, Description: why, Text: why}})
}

// goBack runs the replay again to step goal (or takes the run made ahead of time that went
// there) and puts that run in place of old.
func (s *session) goBack(old *target, cur *stop, goal uint64, reason string, bps []int, thread int) {
	s.setRewinding(true)
	sp := s.takeSpare(cur.pos, goal)
	s.goTracked(func() {
		var ntg *target
		var st *stop
		var err error
		if sp != nil {
			<-sp.done
			ntg, st, err = sp.tg, sp.st, sp.err
		} else {
			ntg, st, _, err = s.runTo(goal, reason, bps, false, nil)
		}
		if err != nil {
			s.couldNotGoBack(cur, "going back", err)
			return
		}
		s.mu.Lock()
		if s.tgt != old || s.closing || old.ended() {
			// Terminated, restarted, or the client gone meanwhile.
			s.rewinding = false
			s.mu.Unlock()
			s.discardRun(ntg)
			return
		}
		s.adopt(old, ntg)
		s.tgt = ntg
		s.rewinding = false // from here on, requests go to the new run
		s.mu.Unlock()
		s.handles.reset()
		s.reresolve(ntg)
		s.retire(old)
		s.threadChanges(old, ntg)
		s.goneBackTo(st.pos, st.t.id)
		if st.t.id != thread {
			s.log.Warn("replay: going back reached another thread", "want", thread, "got", st.t.id)
		}
		// Where the next step back goes is read before the client hears of the stop (and
		// may let the thread run on).
		next, why := s.nextGoal(ntg, st)
		s.stopped(st, false)
		s.makeSpare(ntg, st, next, why)
	})
}

// A spare is a run of the replay made ahead of time: after going back to a stop, the next step
// back is likely, and where it goes is known (the step before on the trail, or the line before
// in the thread's tracker); a run goes there in the background while the user looks (from a
// rung of the ladder, or from the start), and parks, so that the step back, when it comes,
// only puts it in place. Any other request drops it.
type spare struct {
	from, goal uint64        // made for the stop at from; parks at goal
	done       chan struct{} // closed when it is there, or could not get there
	tg         *target       // the run, once it has set out (guarded by session.mu until done)
	gone       bool          // dropped (guarded by session.mu)
	st         *stop
	err        error
}

// errDropped ends a spare's run that is no longer wanted.
var errDropped = errors.New("not needed any more")

// holds makes tg the spare's run; false when the spare was dropped meanwhile. A nil spare
// holds anything.
func (sp *spare) holds(s *session, tg *target) bool {
	if sp == nil {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sp.tg = tg
	return !sp.gone
}

func (sp *spare) dropped(s *session) bool {
	if sp == nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return sp.gone
}

// spareFrom is the step from which a spare is made: a run to an earlier step costs less than a
// few milliseconds (some 30 million steps a second are run again). Tests lower it.
var spareFrom uint64 = 500_000

// nextGoal is where a step back from a stop that going back reached will go (0: nowhere
// worth a spare). The thread is parked: what it noted is read after its stop reached the
// session, and before the client may let it run.
func (s *session) nextGoal(tg *target, st *stop) (uint64, string) {
	if st.pos < spareFrom {
		return 0, ""
	}
	goal := uint64(0)
	s.mu.Lock()
	if n := len(s.trail); n >= 2 && s.trail[n-1].pos == st.pos && s.trail[n-1].stepped && s.trail[n-2].thread == st.t.id {
		goal = s.trail[n-2].pos
	}
	s.mu.Unlock()
	if goal == 0 {
		goal = st.t.trk.back(st.pos, len(st.t.th.Frames()))
	}
	reason := "step"
	if first := tg.first.Load(); goal <= first {
		goal, reason = first, "entry"
	}
	if goal >= st.pos {
		return 0, ""
	}
	return goal, reason
}

// makeSpare makes a spare for going from a stop back to goal.
func (s *session) makeSpare(tg *target, st *stop, goal uint64, reason string) {
	if goal == 0 {
		return
	}
	sp := &spare{from: st.pos, goal: goal, done: make(chan struct{})}
	s.mu.Lock()
	if s.closing || tg.ended() || s.tgt != tg {
		s.mu.Unlock()
		return
	}
	old := s.spare
	s.spare = sp
	s.mu.Unlock()
	if old != nil {
		s.discard(old)
	}
	s.goTracked(func() {
		ntg, st, _, err := s.runTo(goal, reason, nil, false, sp)
		s.mu.Lock()
		sp.tg, sp.st, sp.err = ntg, st, err
		if err == nil && sp.gone {
			sp.err = errDropped
		}
		s.mu.Unlock()
		if err == nil && sp.err != nil {
			s.discardRun(ntg)
		}
		close(sp.done)
	})
}

// takeSpare returns the spare made for going from step from to goal; any other is dropped.
func (s *session) takeSpare(from, goal uint64) *spare {
	s.mu.Lock()
	sp := s.spare
	s.spare = nil
	s.mu.Unlock()
	if sp == nil {
		return nil
	}
	if sp.from == from && sp.goal == goal {
		return sp
	}
	s.discard(sp)
	return nil
}

// dropSpare drops the spare, if there is one.
func (s *session) dropSpare() {
	s.mu.Lock()
	sp := s.spare
	s.spare = nil
	s.mu.Unlock()
	if sp != nil {
		s.discard(sp)
	}
}

// discard drops a spare: its run ends, now or when it has set out.
func (s *session) discard(sp *spare) {
	s.mu.Lock()
	sp.gone = true
	tg := sp.tg
	s.mu.Unlock()
	if tg != nil {
		s.discardRun(tg)
	}
}

// discardRun ends a run of the replay that is not wanted (once).
func (s *session) discardRun(tg *target) {
	if tg.retired.Swap(true) {
		return
	}
	if c := tg.world.capture; c != nil {
		c.Close()
	}
	tg.sess.Store(nil)
	s.goTracked(func() { tg.end("not needed") })
}

// adopt readies a run that goes back to take the place of old (s.mu held): its end is told,
// and its capture writes nothing that the runs before it wrote.
func (s *session) adopt(old, ntg *target) {
	ntg.mu.Lock()
	ntg.quiet = false
	ntg.mu.Unlock()
	if c := ntg.world.capture; c != nil {
		c.SkipAtLeast(s.capturedLocked(old))
	}
}

// capturedLocked counts the packets of a replay's capture written so far, with the current
// run's (s.mu held).
func (s *session) capturedLocked(cur *target) int {
	n := s.pcapPackets
	if cur != nil && cur.world != nil && cur.world.capture != nil {
		n = max(n, cur.world.capture.Packets())
	}
	return n
}

// threadChanges tells the client of the threads a run that went back has, and has not.
func (s *session) threadChanges(old, ntg *target) {
	ids := func(tg *target) map[int]bool {
		out := map[int]bool{}
		for _, th := range tg.in.Threads() {
			out[tg.threadOf(th).id] = true
		}
		return out
	}
	was, is := ids(old), ids(ntg)
	var gone, came []int
	for id := range was {
		if !is[id] {
			gone = append(gone, id)
		}
	}
	for id := range is {
		if !was[id] {
			came = append(came, id)
		}
	}
	slices.Sort(gone)
	slices.Sort(came)
	for _, id := range gone {
		s.send(&dap.ThreadEvent{Event: event("thread"), Body: dap.ThreadEventBody{Reason: "exited", ThreadId: id}})
	}
	for _, id := range came {
		s.send(&dap.ThreadEvent{Event: event("thread"), Body: dap.ThreadEventBody{Reason: "started", ThreadId: id}})
	}
}

// startRun starts a run of the replay from its start to step goal, where it stops (reason,
// bps) silently; a scan notes the breakpoint hits on the way instead.
func (s *session) startRun(goal uint64, reason string, bps []int, scan bool) (*target, error) {
	s.mu.Lock()
	a := s.launch
	s.mu.Unlock()
	ntg, err := s.newRun(a, true, scan)
	if err != nil {
		return nil, err
	}
	ntg.ffwd.Store(true)
	ntg.goal.Store(goal)
	ntg.goalReason, ntg.goalBps, ntg.scanning = reason, bps, scan
	ntg.arrive = make(chan *stop, 1)
	ntg.quiet = true // until it takes the current run's place (adopt)
	s.armRun(ntg)
	ntg.start(s)
	return ntg, nil
}

// awaitRun waits until a run stops at its goal.
func awaitRun(ntg *target, goal uint64) (*stop, error) {
	select {
	case st := <-ntg.arrive:
		return st, nil
	case <-ntg.done:
		return nil, fmt.Errorf("the replay ended before step %d", goal)
	}
}

// replayed writes a replay's output once: a run that goes back writes again what the first
// one wrote, and only what comes after it is shown.
type replayed struct {
	s        *session
	key      string
	w        interface{ Write([]byte) (int, error) }
	tg       *target
	produced int64
	mu       sync.Mutex
}

func (o *replayed) Write(p []byte) (int, error) {
	n := len(p)
	if o.tg != nil && o.tg.retired.Load() {
		return n, nil
	}
	o.mu.Lock()
	start := o.produced
	o.produced += int64(n)
	end := o.produced
	o.mu.Unlock()
	o.s.mu.Lock()
	shown := o.s.shown[o.key]
	if end > shown {
		o.s.shown[o.key] = end
	}
	o.s.mu.Unlock()
	if end <= shown {
		return n, nil
	}
	if start < shown {
		p = p[shown-start:]
	}
	o.w.Write(p)
	return n, nil
}

// digest is the SHA-256 of a source, as recordings name it.
func digest(src []byte) string { return record.Digest(src) }
