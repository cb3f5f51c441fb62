package interp

import (
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// A program that asks for more memory than there is must get a Scheme error that guard
// catches, as in Foment ("out of memory"), never Go's fatal "out of memory" that ends the
// process. Two defences, both against the interpreter's heap limit (Options.MemoryLimit):
//
//   - every builtin that allocates a size it is given, or the sum of its arguments' sizes,
//     checks the size first (Thread.CheckAlloc): (make-vector 10000000000) fails before it
//     allocates anything;
//   - growth by many small allocations (a list consed in a loop) is seen after each garbage
//     collection: when the live heap exceeds the limit, the running Scheme thread is
//     interrupted at its next step with the same error.
//
// The command also gives the limit to the Go runtime (debug.SetMemoryLimit), so that the
// collector works harder as the heap nears it rather than letting garbage push it over.

// DefaultMemoryLimit is Foment's default maximum heap (8 GiB), or three quarters of the memory
// of the machine (or of the control group the process runs in) when that is less, or a third of
// the address space ulimit -v leaves (FitMemoryLimit).
func DefaultMemoryLimit() int64 {
	defaultLimit.once.Do(func() { defaultLimit.n = memoryLimit() })
	return defaultLimit.n
}

var defaultLimit struct {
	once sync.Once
	n    int64
}

func memoryLimit() int64 {
	limit := int64(8 << 30)
	var si unix.Sysinfo_t
	if unix.Sysinfo(&si) == nil {
		if ram := int64(si.Totalram) * int64(si.Unit); ram > 0 && ram/4*3 < limit {
			limit = ram / 4 * 3
		}
	}
	if b, err := os.ReadFile("/sys/fs/cgroup/memory.max"); err == nil {
		if n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && n > 0 && n/4*3 < limit {
			limit = n / 4 * 3
		}
	}
	limit, _ = FitMemoryLimit(limit)
	return limit
}

// AddressSpaceRoom is how much address space the process may still map under its limit
// (ulimit -v, RLIMIT_AS), or -1 when it has none. The Go runtime maps much more than the heap
// (it reserves its page allocator's indexes, each thread its stack), so a heap limit must fit
// in this room or the kernel refuses the heap's next arena and Go ends the process.
func AddressSpaceRoom() int64 {
	var rl unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_AS, &rl) != nil || rl.Cur == unix.RLIM_INFINITY || rl.Cur > 1<<62 {
		return -1
	}
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	var used int64
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "VmSize:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				return -1
			}
			used = kb << 10
		}
	}
	return max(int64(rl.Cur)-used, 0)
}

// FitMemoryLimit returns the heap limit to use for the one asked for: no more than a third of
// the address space left under ulimit -v (the heap overshoots its limit until the collector
// has seen it, and its 64 MiB arenas, the collector's data and new threads' stacks take the
// rest: half was not enough under load), so that the program's error "out of memory" comes
// before the kernel's refusal. fitted says it had to be lowered.
func FitMemoryLimit(asked int64) (limit int64, fitted bool) {
	room := AddressSpaceRoom()
	if room < 0 || asked <= room/3 {
		return asked, false
	}
	return max(room/3, 1<<20), true
}

// ParseSize reads a size in bytes with an optional K, M or G suffix (powers of 1024), as
// the --maximum-heap-size option takes it.
func ParseSize(s string) (int64, bool) {
	mult := int64(1)
	t := strings.TrimSuffix(strings.ToUpper(strings.TrimSpace(s)), "B")
	switch {
	case strings.HasSuffix(t, "K"):
		mult, t = 1<<10, t[:len(t)-1]
	case strings.HasSuffix(t, "M"):
		mult, t = 1<<20, t[:len(t)-1]
	case strings.HasSuffix(t, "G"):
		mult, t = 1<<30, t[:len(t)-1]
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, false
	}
	return n * mult, true
}

// Sizes of the elements of the objects the builtins make, for CheckAlloc.
const (
	SizeValue = 24 // a vector element
	SizeRune  = 4  // a string character
	SizeByte  = 1  // a bytevector element
	SizePair  = 48 // a list element: a pair
)

// checkFreeBelow is the size under which CheckAlloc trusts the collector: reading the heap's
// size costs about a microsecond, which small allocations must not pay.
const checkFreeBelow = 1 << 20

// CheckAlloc raises "out of memory: who of n units" when making n elements of size bytes
// each would take the heap beyond the interpreter's limit. Builtins call it before they
// allocate a size a program chose (make-vector, string-append ...).
func (th *Thread) CheckAlloc(who string, n int64, size int64, unit string) {
	limit := th.In.memLimit
	if limit <= 0 {
		return
	}
	if n >= 0 && (n == 0 || n <= limit/size) {
		need := n * size
		if need < checkFreeBelow {
			return
		}
		if heapInUse()+need <= limit {
			return
		}
		// Garbage counts until a collection: look again after one.
		runtime.GC()
		if heapInUse()+need <= limit {
			return
		}
	}
	th.outOfMemory("out of memory: " + who + " of " + strconv.FormatInt(n, 10) + " " + unit)
}

// CheckAllocSum is CheckAlloc for a result whose size is the sum of several (string-append,
// append ...): the sum may overflow before it is allocated.
func (th *Thread) CheckAllocSum(who string, sizes func(yield func(int64) bool), size int64, unit string) {
	var total int64
	for n := range sizes {
		if n < 0 || total > (1<<62)-n {
			total = -1
			break
		}
		total += n
	}
	th.CheckAlloc(who, total, size, unit)
}

func (th *Thread) outOfMemory(msg string) {
	th.In.oomGen.Add(1)
	c := th.newCondition("assertion-violation", "", msg, nil)
	th.Raise(Obj(c), false)
}

var heapSamples = []metrics.Sample{
	{Name: "/memory/classes/heap/objects:bytes"},
	{Name: "/gc/heap/live:bytes"},
}
var heapMu sync.Mutex

// heapInUse is the size of the heap's objects, garbage not yet collected included.
func heapInUse() int64 {
	heapMu.Lock()
	defer heapMu.Unlock()
	metrics.Read(heapSamples[:1])
	return int64(heapSamples[0].Value.Uint64())
}

// heapLive is the size of the objects the last collection found alive.
func heapLive() int64 {
	heapMu.Lock()
	defer heapMu.Unlock()
	metrics.Read(heapSamples[1:])
	return int64(heapSamples[1].Value.Uint64())
}

// The states of the heap watch's error (Interp.oomState).
const (
	oomIdle int32 = iota
	oomPending
	oomRaised
)

// gcWatch is a sentinel object whose finalizer runs after each garbage collection and makes
// a new sentinel: it checks the live heap against the limit while the program runs.
type gcWatch struct {
	in *Interp
	_  [16]byte // a finalizer needs an object that is not a tiny allocation
}

func (in *Interp) watchHeap() {
	if in.memLimit <= 0 {
		return
	}
	in.mu.Lock()
	started := in.watching
	in.watching = true
	in.mu.Unlock()
	if !started {
		armWatch(in)
	}
}

func armWatch(in *Interp) {
	w := &gcWatch{in: in}
	runtime.SetFinalizer(w, func(w *gcWatch) {
		in := w.in
		in.mu.Lock()
		done := in.finished
		in.mu.Unlock()
		if done {
			return
		}
		// One error at a time: none while one waits to be raised, and none at the first
		// collection after it was (it may have begun before the error freed the data).
		switch live := heapLive(); {
		case in.oomState.CompareAndSwap(oomRaised, oomIdle):
		case live > in.memLimit && in.oomState.CompareAndSwap(oomIdle, oomPending):
			if th := in.gilOwner.Load(); th != nil {
				msg := "out of memory: the heap holds " + mib(live) + ", over the limit of " + mib(in.memLimit)
				gen := in.oomGen.Load()
				th.Interrupt(func(th *Thread) {
					in.oomState.Store(oomRaised)
					if in.oomGen.Load() == gen {
						// (Unless a size check raised the error meanwhile.)
						th.outOfMemory(msg)
					}
				})
			} else {
				in.oomState.Store(oomIdle)
			}
		}
		armWatch(in)
	})
}

// mib formats a size in MiB, to a tenth.
func mib(n int64) string {
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
}
