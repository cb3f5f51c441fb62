package dap

import (
	"runtime/metrics"
	"slices"
	"sync/atomic"
	"time"

	"foment-ls/interp"
)

// The ladder: checkpoints for going back in a long replay. No state of a run can be copied (a
// Scheme call lives on the Go stack; a process that runs Go cannot fork), so a checkpoint is a
// run of the replay itself, parked at a step: an interpreter and its goroutines, holding the
// program's state there. Going back to a step resumes the parked run at or before it that gets
// there soonest, silently, to the step; so it costs at most one interval of re-execution,
// instead of a run from the start. The rung it was is made again in the background, from the
// start.
//
// The rungs stand at the multiples of one interval, up to the furthest step the replay has
// reached: the least power of two times ladderFrom that needs at most maxRungs rungs (8), or
// fewer when the memory has no room for them (ladderMemory). When the replay reaches further,
// the interval doubles and every other rung goes (a rung at an even multiple stays one): the
// memory held is bounded, and the cost of going back is one interval — an eighth of the
// furthest step, or ladderFrom.
//
// A run counts its own breakpoint hits from its start; a parked run counted those of the
// breakpoints there were when it started. It serves only while every breakpoint with a hit
// condition is one it counted (else its counts would not be a run's); otherwise it goes, and is
// made again with today's.

var (
	// ladderFrom is the least interval (a million steps: some 35 ms of replay here): a
	// replay shorter than that has no ladder. Tests lower it.
	ladderFrom uint64 = 1 << 20
	// ladderDelay is how long the program holds still before a rung is made. Tests lower it.
	ladderDelay = 200 * time.Millisecond
	// maxRungs bounds the runs parked (0: no ladder).
	maxRungs = 8
	// ladderMemory bounds the heap the parked runs hold, together: a quarter of the heap
	// limit the interpreter enforces on the process (interp.DefaultMemoryLimit), so that a
	// program that fits runs out of memory no sooner for being replayed.
	ladderMemory = func() int64 { return interp.DefaultMemoryLimit() / 4 }
	// ladderBuilt, when set, hears of every rung parked or dropped (tests wait for the ladder).
	ladderBuilt atomic.Pointer[func(parked, wanted int, every uint64)]
	// climbs counts the runs that set out from a rung (tests see that the ladder served).
	climbs atomic.Int64
)

// ladder is the session's checkpoints; guarded by session.mu.
type ladder struct {
	rungs    []*rung // by position
	reach    uint64  // the furthest step a run of the replay stopped at
	at       uint64  // where the program last stopped
	room     int     // how many rungs the memory has room for
	building bool    // a rung is being made
	broken   bool    // a rung's run could not get there: no more are made
	gen      int     // counts the ladders dropped: a rung made for one is no other's
}

// rung is a run of the replay going to, or parked at, step pos.
type rung struct {
	pos     uint64
	tg      *target
	counted map[*breakpoint]bool // the breakpoints with hit conditions it counts
	done    chan struct{}        // closed when it is parked, or could not get there
	st      *stop                // where it is parked
	err     error
}

// interval is the ladder's spacing for a replay that reached step reach, with room for so
// many rungs (0: none).
func interval(reach uint64, room int) uint64 {
	g := ladderFrom
	for reach/g > uint64(room) && g < 1<<62 {
		g *= 2
	}
	return g
}

// hitCounted returns the breakpoints whose hit conditions need their hits counted.
func (s *session) hitCounted() map[*breakpoint]bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[*breakpoint]bool{}
	for _, fb := range s.files {
		for _, bp := range fb.bps {
			if bp.hitOp != "" {
				out[bp] = true
			}
		}
	}
	for _, bp := range s.funcs {
		if bp.hitOp != "" {
			out[bp] = true
		}
	}
	return out
}

// serves reports whether a rung counted the hits of every breakpoint that counts them now.
func (r *rung) serves(now map[*breakpoint]bool) bool {
	for bp := range now {
		if !r.counted[bp] {
			return false
		}
	}
	return true
}

// tend notes that the replay stopped at step pos, and keeps the ladder: the rungs the interval
// no longer wants go, and a missing one is made (one at a time, in the background, while the
// program holds still).
func (s *session) tend(pos uint64) {
	if maxRungs == 0 {
		return
	}
	s.mu.Lock()
	l := &s.ladder
	if s.closing || s.tgt == nil || s.tgt.world == nil || s.tgt.world.rp == nil || s.tgt.ended() {
		s.mu.Unlock()
		return
	}
	l.reach = max(l.reach, pos)
	if pos != 0 {
		l.at = pos
	}
	// Within the memory: each run holds about as much as the others (the live heap shared
	// among the runs there are).
	l.room = maxRungs
	if per := heapLive() / int64(len(l.rungs)+1); per > 0 {
		l.room = int(min(int64(maxRungs), ladderMemory()/per))
	}
	g := interval(l.reach, l.room)
	var drop []*rung
	l.rungs = slices.DeleteFunc(l.rungs, func(r *rung) bool {
		if r.pos%g != 0 || r.pos > l.reach {
			drop = append(drop, r)
			return true
		}
		return false
	})
	// The rungs furthest from where the program is go first.
	for len(l.rungs) > l.room {
		far := 0
		for i, r := range l.rungs {
			if distance(r.pos, l.at) > distance(l.rungs[far].pos, l.at) {
				far = i
			}
		}
		drop = append(drop, l.rungs[far])
		l.rungs = slices.Delete(l.rungs, far, far+1)
	}
	// The missing rung nearest below where the program is, else the highest missing; none
	// while the replay goes back (it would take the processor from the run that does).
	next := uint64(0)
	if !l.building && !l.broken && len(l.rungs) < l.room && !s.rewinding {
		at := l.at
		for k := l.reach / g * g; k >= g; k -= g {
			if slices.ContainsFunc(l.rungs, func(r *rung) bool { return r.pos == k }) {
				continue
			}
			if next == 0 || k <= at && next > at {
				next = k
			}
		}
	}
	if next != 0 {
		l.building = true
	}
	gen := l.gen
	s.mu.Unlock()
	for _, r := range drop {
		s.discardRun(r.tg)
	}
	s.tellLadder()
	if next != 0 {
		s.goTracked(func() {
			// A moment later, if the program still holds still: a run made meanwhile would
			// take the processor from the program, or from the run that goes back.
			time.Sleep(ladderDelay)
			s.mu.Lock()
			still := l.gen == gen && !s.closing && !s.rewinding && s.tgt != nil && s.tgt.current(0) != nil
			if !still && l.gen == gen {
				l.building = false
			}
			s.mu.Unlock()
			if still {
				s.build(next, gen)
			}
		})
	}
}

// build makes the rung at step pos: a run of the replay from its start that parks there.
func (s *session) build(pos uint64, gen int) {
	counted := s.hitCounted() // before the run takes the breakpoints: it counts these at least
	ntg, err := s.startRun(pos, "step", nil, false)
	r := &rung{pos: pos, tg: ntg, counted: counted, done: make(chan struct{})}
	s.mu.Lock()
	l := &s.ladder
	if l.gen != gen || err != nil || s.closing {
		if l.gen == gen {
			l.building = false
		}
		s.mu.Unlock()
		if ntg != nil {
			s.discardRun(ntg)
		}
		return
	}
	l.rungs = append(l.rungs, r)
	slices.SortFunc(l.rungs, func(a, b *rung) int { return cmpSteps(a.pos, b.pos) })
	s.mu.Unlock()
	r.st, r.err = awaitRun(ntg, pos)
	close(r.done)
	s.mu.Lock()
	if l.gen == gen {
		l.building = false
		if r.err != nil {
			l.rungs = slices.DeleteFunc(l.rungs, func(x *rung) bool { return x == r })
			// Dropped (the interval grew) it is no failure; a run that could not get there
			// makes no more rungs.
			l.broken = l.broken || !ntg.retired.Load()
		}
	}
	s.mu.Unlock()
	if r.err != nil {
		s.discardRun(ntg)
	}
	s.tellLadder()
	s.tend(0)
}

func distance(a, b uint64) uint64 { return max(a, b) - min(a, b) }

// heapLive is the heap the last collection found live: all runs' together.
func heapLive() int64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(sample[0].Value.Uint64())
}

func cmpSteps(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// tellLadder tells a test how the ladder stands.
func (s *session) tellLadder() {
	f := ladderBuilt.Load()
	if f == nil {
		return
	}
	s.mu.Lock()
	parked := 0
	for _, r := range s.ladder.rungs {
		select {
		case <-r.done:
			parked++
		default:
		}
	}
	g := interval(s.ladder.reach, s.ladder.room)
	wanted := int(min(s.ladder.reach/g, uint64(s.ladder.room)))
	s.mu.Unlock()
	(*f)(parked, wanted, g)
}

// dropLadder ends every parked run (the program ended, was restarted or terminated).
func (s *session) dropLadder() {
	s.mu.Lock()
	rungs := s.ladder.rungs
	s.ladder = ladder{gen: s.ladder.gen + 1}
	s.mu.Unlock()
	for _, r := range rungs {
		s.discardRun(r.tg)
	}
}

// takeRung takes out of the ladder the rung from which a run gets to step goal soonest — a
// parked one at or before it, or one on its way there — if any gets there sooner than a run
// from the start. A scan (at false) takes only one parked before goal. Rungs that count other
// breakpoints' hits than those of today go.
func (s *session) takeRung(goal uint64, at bool) *rung {
	now := s.hitCounted()
	s.mu.Lock()
	l := &s.ladder
	var best *rung
	bestCost := goal
	var stale []*rung
	l.rungs = slices.DeleteFunc(l.rungs, func(r *rung) bool {
		if !r.serves(now) {
			stale = append(stale, r)
			return true
		}
		return false
	})
	for _, r := range l.rungs {
		if r.pos > goal || r.pos == goal && !at {
			continue
		}
		// Where the rung's run is now: a run on its way counts its steps. (A scan takes only
		// a parked one: with no hit after it, the stretch before is scanned from the start,
		// and the steps run to reach the rung were run twice.)
		progress := r.pos
		select {
		case <-r.done:
		default:
			if !at {
				continue
			}
			progress = min(r.pos, r.tg.in.Steps())
		}
		if cost := goal - progress; cost < bestCost {
			best, bestCost = r, cost
		}
	}
	if best != nil {
		l.rungs = slices.DeleteFunc(l.rungs, func(r *rung) bool { return r == best })
	}
	s.mu.Unlock()
	for _, r := range stale {
		s.discardRun(r.tg)
	}
	if best != nil || len(stale) > 0 {
		// Its place is made again (in the background).
		s.goTracked(func() { s.tend(0) })
	}
	return best
}

// climb brings a rung's run from where it is parked to step goal, silently, where it stops
// (reason, bps); a scan notes the breakpoint hits on its way. It reports false when the run
// did not get there (it is ended then).
func (s *session) climb(r *rung, goal uint64, reason string, bps []int, scan bool) (*stop, bool) {
	<-r.done
	if r.err != nil {
		return nil, false
	}
	tg := r.tg
	if goal == r.pos {
		// Parked where it is wanted. (The thread does not read these: it waits for an action.)
		r.st.reason, r.st.bps = reason, bps
		return r.st, true
	}
	s.armRun(tg)
	s.mu.Lock()
	filters := s.filters
	if c := tg.world.capture; c != nil {
		// It was made a while ago: what was written meanwhile is not written again.
		c.SkipAtLeast(s.capturedLocked(s.tgt))
	}
	s.mu.Unlock()
	tg.filters.Store(&filters)
	// The thread reads these after it takes the action posted below (under tg.mu); the
	// program's other threads wait for the interpreter lock that it holds.
	tg.goalReason, tg.goalBps, tg.scanning = reason, bps, scan
	tg.arrive = make(chan *stop, 1)
	tg.goal.Store(goal)
	tg.ffwd.Store(true)
	if !tg.post(r.st, action{resume: true}) {
		s.discardRun(tg)
		return nil, false
	}
	st, err := awaitRun(tg, goal)
	if err != nil {
		s.discardRun(tg)
		return nil, false
	}
	return st, true
}

// runTo brings a run of the replay to step goal (see replayTo): from the rung that gets there
// soonest, or from the start. It returns the step the run set out from (0: the start), after
// which a scan found the hits. sp, when set, is the spare the run is made for: dropping it
// ends the run.
func (s *session) runTo(goal uint64, reason string, bps []int, scan bool, sp *spare) (*target, *stop, uint64, error) {
	for {
		r := s.takeRung(goal, !scan)
		if r == nil {
			break
		}
		if !sp.holds(s, r.tg) {
			s.discardRun(r.tg)
			return nil, nil, 0, errDropped
		}
		if st, ok := s.climb(r, goal, reason, bps, scan); ok {
			climbs.Add(1)
			return r.tg, st, r.pos, nil
		}
		if sp.dropped(s) {
			return nil, nil, 0, errDropped
		}
	}
	ntg, err := s.startRun(goal, reason, bps, scan)
	if err != nil {
		return nil, nil, 0, err
	}
	if !sp.holds(s, ntg) {
		s.discardRun(ntg)
		return nil, nil, 0, errDropped
	}
	st, err := awaitRun(ntg, goal)
	if err != nil {
		s.discardRun(ntg)
		return nil, nil, 0, err
	}
	return ntg, st, 0, nil
}
