package interp

import (
	"slices"
	"sync"
	"sync/atomic"
)

// The interpreter offers a debugger hooks; it never knows the debugger. A hook is attached
// before the program is compiled: the compiler then records every place where a thread can stop
// (a stop site: a call, a definition, an expression that starts a line), and those sites are
// the one answer to "where can this line stop" (StopSites). A thread calls Step only at the
// sites the debugger armed, or at every site while it steps (SetStepping): with nothing armed,
// a debugged program runs the code of an undebugged one.

// Hook is what a debugger attaches. Step runs on the thread before a stop site's code, at an
// armed site or on a stepping thread. It may block, which pauses the thread (holding the
// interpreter lock: no other Scheme thread runs meanwhile), and inspect the thread's frames
// (Frames, Locals) in the meantime. A hook may also be a RaiseHook, ThreadHook, SourceHook or
// EventHook.
type Hook interface {
	Step(th *Thread, site *Site)
}

// RaiseHook hears of every raise, on the raising thread before anything unwinds (its frames
// intact): caught is false when no handler is installed, so that the raise ends the thread.
type RaiseHook interface {
	Raised(th *Thread, obj Value, caught bool)
}

// ThreadHook hears of the threads the program starts and of every thread's end.
type ThreadHook interface {
	ThreadStarted(th *Thread)
	ThreadExited(th *Thread)
}

// SourceHook hears of each file whose code was compiled (the program, an included file, a
// library), before that code runs: its stop sites are known.
type SourceHook interface {
	SourceLoaded(file string)
}

// EventHook hears of the events that libraries report on the thread where they happen
// (Thread.Notify): a connection accepted, data arrived, a peer that closed, a socket error.
type EventHook interface {
	Event(th *Thread, ev Event)
}

// Event is something a library reports to the debugger.
type Event struct {
	Kind   string // "accept", "data", "closed", "socket-error"
	Object Value  // what it happened to (the socket)
	Text   string // a sentence for the user
}

// hookSet is the attached hook under each of its interfaces.
type hookSet struct {
	step   Hook
	raise  RaiseHook
	thread ThreadHook
	source SourceHook
	event  EventHook
}

// debugState is the interpreter's side of a debugger.
type debugState struct {
	hooks  atomic.Pointer[hookSet]
	record atomic.Bool // the compiler records stop sites and adds line steps

	mu    sync.Mutex
	files map[string][]StopSite // by file as the compiler names it, in compile order
	order []string              // files in the order they were loaded
	// announced: how many of order the SourceHook has heard of
	announced int
	armed     []*Site
}

// threadDebug is a thread's side of a debugger.
type threadDebug struct {
	stepping bool // guarded by imu
	// inspecting counts the debugger's evaluations running on the thread (EvalSource, probes):
	// their steps are not the program's (serial.go), nor are the inputs they read.
	inspecting int
	waiting    atomic.Pointer[string] // what a blocked thread waits for, said by its library
	// lastWaiting is the last text set, kept for the next wait that says the same (a server's
	// thread waits in the same receive at every round trip); only the thread uses it.
	lastWaiting *string
	blocked     atomic.Pointer[Site] // the call that is blocked, while it is
}

// StopSite is a place where a thread can stop.
type StopSite struct {
	*Site
	// AtLoad: top-level code of a library, which runs once while the program is compiled,
	// before a debugger has set its breakpoints.
	AtLoad bool
}

// SetHook attaches (or, with nil, detaches) a debugger. Code compiled afterwards records its
// stop sites.
func (in *Interp) SetHook(h Hook) {
	if h == nil {
		in.dbg.hooks.Store(nil)
		in.Arm(nil)
		return
	}
	hs := &hookSet{step: h}
	hs.raise, _ = h.(RaiseHook)
	hs.thread, _ = h.(ThreadHook)
	hs.source, _ = h.(SourceHook)
	hs.event, _ = h.(EventHook)
	in.dbg.record.Store(true)
	in.dbg.hooks.Store(hs)
}

// noteSource notes a file whose code is being compiled, under a debugger.
func (in *Interp) noteSource(file string) {
	if !in.dbg.record.Load() {
		return
	}
	d := &in.dbg
	d.mu.Lock()
	if d.files == nil {
		d.files = map[string][]StopSite{}
	}
	if _, ok := d.files[file]; !ok {
		d.files[file] = nil
		d.order = append(d.order, file)
	}
	d.mu.Unlock()
}

// Inlined reports whether calls of the builtin name are compiled inline (car, +, vector-ref):
// they are no call sites, and a debugger cannot stop at them.
func Inlined(name string) bool { return inlinable[name] != nil }

// recordSite notes a stop site of compiled code.
func (in *Interp) recordSite(s *Site, atLoad bool) {
	if s == nil || s.File == "" {
		return
	}
	d := &in.dbg
	d.mu.Lock()
	if d.files == nil {
		d.files = map[string][]StopSite{}
	}
	if _, ok := d.files[s.File]; !ok {
		d.order = append(d.order, s.File)
	}
	d.files[s.File] = append(d.files[s.File], StopSite{s, atLoad})
	d.mu.Unlock()
}

// recorder is what code generation records stop sites with: in, under a debugger.
func (in *Interp) recorder() *Interp {
	if in.dbg.record.Load() {
		return in
	}
	return nil
}

// announce tells the debugger of the files compiled since it last heard, before their code
// runs.
func (in *Interp) announce() {
	d := &in.dbg
	d.mu.Lock()
	files := d.order[d.announced:]
	d.announced = len(d.order)
	d.mu.Unlock()
	if hs := d.hooks.Load(); hs != nil && hs.source != nil {
		for _, f := range files {
			hs.source.SourceLoaded(f)
		}
	}
}

// Sources returns the files whose code has been compiled since the hook was attached, in the
// order they were loaded (the program, its includes and libraries).
func (in *Interp) Sources() []string {
	in.dbg.mu.Lock()
	defer in.dbg.mu.Unlock()
	return append([]string(nil), in.dbg.order...)
}

// StopSites returns the stop sites of a file (named as the compiler named it, see Sources), in
// source order.
func (in *Interp) StopSites(file string) []StopSite {
	in.dbg.mu.Lock()
	out := append([]StopSite(nil), in.dbg.files[file]...)
	in.dbg.mu.Unlock()
	slices.SortStableFunc(out, func(a, b StopSite) int { return int(a.Span.Start.Offset - b.Span.Start.Offset) })
	return out
}

// Arm makes the threads call Step at these sites (and no others, unless they step).
func (in *Interp) Arm(sites []*Site) {
	in.dbg.mu.Lock()
	for _, s := range in.dbg.armed {
		s.armed.Store(false)
	}
	in.dbg.armed = append([]*Site(nil), sites...)
	for _, s := range sites {
		s.armed.Store(true)
	}
	in.dbg.mu.Unlock()
	for _, th := range in.Threads() {
		th.updateFlags()
	}
}

// Armed reports whether the debugger armed this site.
func (s *Site) Armed() bool { return s.armed.Load() }

// SetStepping makes th call Step at every stop site (a debugger's step), or stops it.
func (th *Thread) SetStepping(on bool) {
	th.imu.Lock()
	th.dbg.stepping = on
	th.imu.Unlock()
	th.updateFlags()
}

func (th *Thread) updateFlags() {
	th.In.dbg.mu.Lock()
	armed := len(th.In.dbg.armed) > 0
	th.In.dbg.mu.Unlock()
	th.imu.Lock()
	defer th.imu.Unlock()
	f := th.flags.Load() & flagYield
	if th.In.counting() {
		f |= flagCount
	}
	if armed {
		f |= flagArmed
	}
	if th.dbg.stepping {
		f |= flagStep
	}
	if len(th.pending) > 0 {
		f |= flagInterrupt
	}
	th.flags.Store(f)
}

// Interrupt asks th to run fn on its own goroutine at its next step, or at once if it is
// blocked in an interruptible operation (accept, recv, reading a port ...). fn may block (a
// pause) or panic with Terminate (a cancel). It is safe to call from any goroutine.
func (th *Thread) Interrupt(fn func(th *Thread)) {
	th.imu.Lock()
	th.pending = append(th.pending, fn)
	wakes := make([]func(), 0, len(th.wakers))
	for _, w := range th.wakers {
		wakes = append(wakes, w)
	}
	th.flags.Or(flagInterrupt)
	th.imu.Unlock()
	for _, w := range wakes {
		w()
	}
}

// Blocking registers wake to be called (from another goroutine) when an interrupt is requested
// while th is blocked; the returned function unregisters it. A blocking operation calls it, and
// on being woken calls ServiceInterrupts and then resumes its wait.
func (th *Thread) Blocking(wake func()) (done func()) {
	// What the program printed before it waits shows now: a server that says it listens and
	// then waits for a client is seen waiting, on a pipe too.
	th.In.Stdout.Flush()
	th.dbg.blocked.Store(th.site)
	th.imu.Lock()
	th.wakeID++
	id := th.wakeID
	if th.wakers == nil {
		th.wakers = map[int]func(){}
	}
	th.wakers[id] = wake
	pending := len(th.pending) > 0
	th.imu.Unlock()
	if pending {
		wake()
	}
	return func() {
		th.imu.Lock()
		delete(th.wakers, id)
		th.imu.Unlock()
		th.dbg.blocked.Store(nil)
	}
}

// Inspecting reports whether a debugger's evaluation runs on th (EvalSource, a probe): what it
// does is not the program's (a recording does not keep it, a replay does not count it).
func (th *Thread) Inspecting() bool { return th.dbg.inspecting > 0 }

// SetWaiting says what th is about to wait for ("recv 127.0.0.1:5000←127.0.0.1:4711"), for a
// debugger's list of threads; "" when the wait is over.
func (th *Thread) SetWaiting(what string) {
	if what == "" {
		th.dbg.waiting.Store(nil)
		return
	}
	p := th.dbg.lastWaiting
	if p == nil || *p != what {
		p = &what
		th.dbg.lastWaiting = p
	}
	th.dbg.waiting.Store(p)
}

// Waiting returns what th waits for while it is blocked: what its library said, or the name
// of the call that blocks ("thread-join!", "sleep"); ok is false when it is not blocked.
func (th *Thread) Waiting() (what string, ok bool) {
	site := th.dbg.blocked.Load()
	if site == nil {
		return "", false
	}
	if w := th.dbg.waiting.Load(); w != nil {
		return *w, true
	}
	return site.Name, true
}

// InterruptPending reports whether an interrupt waits to be serviced.
func (th *Thread) InterruptPending() bool { return th.flags.Load()&flagInterrupt != 0 }

// ServiceInterrupts runs the pending interrupt functions on this thread.
func (th *Thread) ServiceInterrupts() {
	for {
		th.imu.Lock()
		if len(th.pending) == 0 {
			th.imu.Unlock()
			th.updateFlags()
			return
		}
		fn := th.pending[0]
		th.pending = th.pending[1:]
		th.imu.Unlock()
		fn(th)
	}
}

// poll is the slow path of a step: the thread yields to others, services its interrupts, and
// calls the debugger at an armed site or while it steps.
func (th *Thread) poll(site *Site) {
	f := th.flags.Load()
	if f&flagCount != 0 {
		th.count(site)
	}
	if f&flagYield != 0 {
		th.flags.And(^flagYield)
		th.yieldGIL()
	}
	if f&flagInterrupt != 0 {
		saved := th.site
		th.site = site
		th.ServiceInterrupts()
		th.site = saved
	}
	if f&flagStep != 0 || f&flagArmed != 0 && site.armed.Load() {
		if hs := th.In.dbg.hooks.Load(); hs != nil {
			saved := th.site
			th.site = site
			hs.step.Step(th, site)
			th.site = saved
		}
	}
}

// raised tells the debugger of a raise before it unwinds.
func (th *Thread) raised(obj Value, caught bool) {
	if hs := th.In.dbg.hooks.Load(); hs != nil && hs.raise != nil {
		hs.raise.Raised(th, obj, caught)
	}
}

// Notify reports a library's event to the debugger (see EventHook).
func (th *Thread) Notify(ev Event) {
	if hs := th.In.dbg.hooks.Load(); hs != nil && hs.event != nil {
		hs.event.Event(th, ev)
	}
}

// Debugged reports whether a debugger is attached (a library reports events only then).
func (in *Interp) Debugged() bool { return in.dbg.hooks.Load() != nil }

func (in *Interp) threadStarted(th *Thread) {
	if hs := in.dbg.hooks.Load(); hs != nil && hs.thread != nil {
		hs.thread.ThreadStarted(th)
	}
}

func (in *Interp) threadExited(th *Thread) {
	if hs := in.dbg.hooks.Load(); hs != nil && hs.thread != nil {
		hs.thread.ThreadExited(th)
	}
}

// Terminate is the panic value that ends a thread when it is cancelled; guards do not catch it.
type Terminate struct{ Reason string }

// Cancel ends every thread of the program at its next step or blocking point.
func (in *Interp) Cancel(reason string) {
	in.mu.Lock()
	threads := append([]*Thread(nil), in.threads...)
	in.cancelled = true
	in.mu.Unlock()
	if in.sched != nil {
		in.sched.Stop() // the threads unwind in any order
	}
	for _, th := range threads {
		th.Cancel(reason)
	}
}

// Cancel ends th at its next step or blocking point.
func (th *Thread) Cancel(reason string) {
	th.Interrupt(func(*Thread) { panic(&Terminate{reason}) })
}

// Threads returns the program's threads that have not ended, the main thread first.
func (in *Interp) Threads() []*Thread {
	in.mu.Lock()
	defer in.mu.Unlock()
	return append([]*Thread(nil), in.threads...)
}

// SetStdin makes the program's standard input a textual port over a device: its reads wait
// the way a socket's do, so that a pause or a cancel interrupts them (a debugger's terminal).
// Call it before the program runs.
func (in *Interp) SetStdin(name string, dev Device) {
	if in.sched != nil {
		dev = &stdinDevice{w: in.world, dev: dev, fd: -1}
	}
	p := newEncodedPort(NewDevicePort(name, dev, nil), nil)
	p.flushBeforeRead = in.Stdout
	in.Stdin = p
	in.curIn.Value = Obj(p)
}

// serialStdin makes standard input a textual port over the world's reads.
func (in *Interp) serialStdin(dev *stdinDevice) *Port {
	p := newEncodedPort(NewDevicePort("standard-input", dev, nil), nil)
	p.flushBeforeRead = in.Stdout
	return p
}
