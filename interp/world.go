package interp

import (
	"io"
	"math/rand/v2"
	"net/netip"
	"os"
	"sync/atomic"
	"time"
)

// A World is where a program's nondeterministic inputs come from: the time, random numbers,
// the environment, facts of the system, standard input, every socket system call's outcome
// (Net), and which thread takes the interpreter lock next (Scheduler). The interpreter, the
// socket package and the libraries ask it, never the system directly, so that one run can be
// recorded and replayed exactly (package interp/record: a World that records what Live
// answers, and one that answers from a recording). Each interpreter has its own World
// (Options.World; Live when none is given), so that several programs in one process — a
// server and its client in one debugger — each have theirs.
//
// Methods that take a thread are called by that thread, holding the interpreter lock unless
// said otherwise; a recording keeps one stream of answers per thread.
type World interface {
	// Now is the time of day: current-second, current-jiffy, current-time, a timeout's
	// deadline.
	Now(th *Thread) time.Time
	// Clock is the time for what the program does not see (when a socket opened, a packet's
	// time in a capture): a recording answers the time of th's last recorded event, never
	// recording a new one.
	Clock(th *Thread) time.Time
	// LookupEnv and Environ read the process's environment.
	LookupEnv(th *Thread, name string) (string, bool)
	Environ(th *Thread) []string
	// Random returns 64 random bits: the seeds of random sources.
	Random(th *Thread) uint64
	// Observe returns a fact of the system that get reads (the host's name, the working
	// directory): what says what it is.
	Observe(th *Thread, what string, get func() string) string
	// Input reads standard input into p with read, which may let go of the interpreter lock
	// while it waits (see Thread.Unlocked); InputReady says whether a read would not block.
	Input(th *Thread, p []byte, read func(p []byte) (int, error)) (int, error)
	InputReady(th *Thread, ready func() bool) bool
	// Net makes the socket system calls.
	Net() Net
	// Scheduler orders the threads' turns at the interpreter lock; nil lets them take it as
	// it comes, and yield every few milliseconds when others wait (the live way).
	Scheduler() Scheduler
}

// Scheduler decides which thread holds the interpreter lock. With one, the interpreter runs
// serially: a thread lets go of the lock only where its own code says so — a blocking call,
// thread-yield!, and every Quantum steps while other threads live — never because of the
// wall clock, so that the order of the turns, recorded, is all it takes to run the threads
// again the same way.
type Scheduler interface {
	// Acquire returns when th holds the lock; Release lets it go.
	Acquire(th *Thread)
	Release(th *Thread)
	// Stop ends the ordering: the program is being cancelled, and its threads take the lock
	// as they come while they unwind.
	Stop()
	// Replaying reports whether turns come from a recording: the interpreter then counts
	// every step (Interp.Steps), the positions a debugger goes back to.
	Replaying() bool
}

// Quantum is the number of steps after which a thread of a serial program lets the others
// take a turn, while there are others.
const Quantum = 20000

// Live is the world as it is: the system's clock, environment, standard input and sockets.
var Live World = live{}

type live struct{}

func (live) Now(*Thread) time.Time                                 { return time.Now() }
func (live) Clock(*Thread) time.Time                               { return time.Now() }
func (live) LookupEnv(_ *Thread, name string) (string, bool)       { return os.LookupEnv(name) }
func (live) Environ(*Thread) []string                              { return os.Environ() }
func (live) Random(*Thread) uint64                                 { return rand.Uint64() }
func (live) Observe(_ *Thread, _ string, get func() string) string { return get() }
func (live) Input(_ *Thread, p []byte, read func([]byte) (int, error)) (int, error) {
	return read(p)
}
func (live) InputReady(_ *Thread, ready func() bool) bool { return ready() }
func (live) Net() Net                                     { return LiveNet }
func (live) Scheduler() Scheduler                         { return nil }

// Net is the socket system calls, as interp/socket makes them: every outcome a program sees of
// its sockets comes from here. Descriptors are the ones Socket and Accept returned; the calls
// are made on them while interp/socket holds them open. Errors are unix.Errno values where
// the system gives one.
type Net interface {
	// Socket makes a non-blocking socket (socket(2) with SOCK_NONBLOCK|SOCK_CLOEXEC).
	Socket(th *Thread, family, typ, proto int) (fd int, err error)
	// Bind sets SO_REUSEADDR, then binds.
	Bind(th *Thread, fd int, addr netip.AddrPort) error
	Listen(th *Thread, fd, backlog int) error
	// Accept takes a connection (accept4, non-blocking): its descriptor.
	Accept(th *Thread, fd int) (int, error)
	// Connect starts a connection: EINPROGRESS while it is on its way.
	Connect(th *Thread, fd int, addr netip.AddrPort) error
	// SocketError is SO_ERROR: how a connection on its way ended (0: connected, or not yet).
	SocketError(th *Thread, fd int) (int, error)
	// Name is the socket's own address (getsockname), or its peer's (getpeername).
	Name(th *Thread, fd int, peer bool) (netip.AddrPort, error)
	// Send sends from p (sendmsg): how much went.
	Send(th *Thread, fd int, p []byte, flags int) (int, error)
	// Recv receives into p (recvfrom): how much came, and from where on a datagram socket.
	Recv(th *Thread, fd int, p []byte, flags int) (int, netip.AddrPort, error)
	// Readable is FIONREAD: the bytes waiting (on a datagram socket, the next datagram's size).
	Readable(th *Thread, fd int) (int, error)
	// Wait waits (poll(2)) until fd is ready for reading or writing, wakefd (an eventfd, or
	// -1) is written to or woken is set, or timeout milliseconds pass (-1: no limit). It is
	// called without the interpreter lock.
	Wait(th *Thread, fd int, write bool, wakefd int, woken *atomic.Bool, timeout int) (Poll, error)
	Shutdown(th *Thread, fd, how int) error
	// Closed says that the program closed fd (the descriptor is closed by interp/socket):
	// a recording notes it, a capture ends the stream. th may be nil (the program's end).
	Closed(th *Thread, fd int)
	// LookupPort finds a service's port ("http"); LookupIP a host's addresses.
	LookupPort(th *Thread, network, service string) (int, error)
	LookupIP(th *Thread, host string) ([]netip.Addr, error)
	// InterfaceAddrs lists the host's addresses.
	InterfaceAddrs(th *Thread) ([]netip.Prefix, error)
}

// Poll is what a Wait found.
type Poll struct {
	Ready   bool // the descriptor has something: data, room, an error, its end
	Woken   bool // an interrupt or a close ended the wait
	Invalid bool // the descriptor is not open (POLLNVAL)
}

// World returns the interpreter's world.
func (in *Interp) World() World { return in.world }

// Net returns the interpreter's socket system calls.
func (in *Interp) Net() Net { return in.net }

// Serial reports whether the interpreter runs its threads one at a time in an order a
// Scheduler decides (recording and replaying).
func (in *Interp) Serial() bool { return in.sched != nil }

// Now is the time of day as th's world tells it.
func (th *Thread) Now() time.Time { return th.In.world.Now(th) }

// Serial is the thread's number: 1 for the main thread, then in the order the program made
// them (the same order in every run of a serial program).
func (th *Thread) Serial() int { return th.serial }

// Turns counts the times the thread has taken the interpreter lock.
func (th *Thread) Turns() uint64 { return th.turns }

// stdinDevice is standard input when the world is serial: every read passes through the
// world (a recording keeps what came), and lets go of the lock while it waits.
type stdinDevice struct {
	w   World
	r   io.Reader // the input, or
	dev Device    // a device (a debugger's terminal)
	fd  int       // r's descriptor, for char-ready?; -1 if none
}

func (d *stdinDevice) Read(th *Thread, p []byte) (int, error) {
	return d.w.Input(th, p, func(p []byte) (n int, err error) {
		if d.dev != nil {
			return d.dev.Read(th, p)
		}
		th.Unlocked(func() { n, err = d.r.Read(p) })
		return n, err
	})
}

func (d *stdinDevice) ReadNew(th *Thread, max int) ([]byte, error) {
	p := make([]byte, max)
	n, err := d.Read(th, p)
	if n == 0 && err == nil {
		err = io.EOF
	}
	return p[:n], err
}

func (d *stdinDevice) Ready(th *Thread) bool {
	return d.w.InputReady(th, func() bool {
		if d.dev != nil {
			return d.dev.Ready(th)
		}
		return d.fd < 0 || pollReadable(d.fd)
	})
}

func (d *stdinDevice) Write(*Thread, []byte) (int, error) { return 0, errStdinWrite }
func (d *stdinDevice) CloseRead() error                   { return nil }
func (d *stdinDevice) CloseWrite() error                  { return nil }
