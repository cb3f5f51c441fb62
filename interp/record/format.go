// Package record records a program's run and replays it: a recording World (Recorder) keeps
// every answer the live world gives the program — time, environment, standard input, each
// socket call's outcome, the order of the threads' turns at the interpreter lock — in one
// compact file, and a replaying World (Replayer) gives the program those answers again, with
// no network at all, stopping with a clear message at the first call that differs. Capture
// writes a program's TCP and UDP traffic as a pcap file. The format is in docs/recording.md.
package record

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"net/netip"
	"strconv"
	"time"

	"golang.org/x/sys/unix"
)

// magic starts every recording: a NUL first, so that no tool takes it for text.
const magic = "\x00FLSREC\n"

// Version is the format's version; a reader refuses a newer one.
const Version = 1

// A record is: tag (uvarint: stream<<6 | kind), the payload's length (uvarint), the payload.
// Stream 0 holds what belongs to no thread (turns, sites, the end); stream N is thread N's
// (interp.Thread.Serial).
type kind uint8

// Records of stream 0.
const (
	kTurn kind = 1 + iota // uvarint serial: the thread that takes the lock next
	kSite                 // a call site: file, line, col, name (numbered in order from 1)
	kEnd                  // zigzag exit code, message
)

// Records of a thread's stream start with the site of the call (uvarint: 0 none, else the
// site's number); those marked † then have the time (zigzag µs since the thread's last
// timed record, the first one since the start).
const (
	kNow         kind = 8 + iota // †
	kEnv                         // name; present (byte); value
	kEnviron                     // count; strings
	kRandom                      // 8 bytes
	kObserve                     // what; value
	kInput                       // max; turns taken; error; bytes
	kInputReady                  // byte
	kSocket                      // † family, type, proto; fd (zigzag); error
	kBind                        // † fd; address; error
	kListen                      // † fd, backlog; error
	kAccept                      // † fd; new fd (zigzag); error
	kConnect                     // † fd; address; error
	kSocketError                 // † fd; value; error
	kName                        // † fd; peer (byte); address; error
	kSend                        // † fd, length, flags, crc32c of the bytes; sent; error
	kRecv                        // † fd, size, flags; received; from; error; bytes
	kReadable                    // † fd; count; error
	kWait                        // † fd, write (byte); poll bits; error
	kShutdown                    // † fd, how; error
	kLookupPort                  // † network, service; port; error
	kLookupIP                    // † host; count; addresses; error
	kIfAddrs                     // † count; prefixes (address, bits); error
)

var kindNames = map[kind]string{
	kTurn: "turn", kSite: "site", kEnd: "end",
	kNow: "time", kEnv: "get-environment-variable", kEnviron: "get-environment-variables",
	kRandom: "random", kObserve: "system fact", kInput: "read from standard input",
	kInputReady: "char-ready? on standard input", kSocket: "socket", kBind: "bind",
	kListen: "listen", kAccept: "accept", kConnect: "connect", kSocketError: "connection result",
	kName: "socket address", kSend: "send", kRecv: "recv", kReadable: "FIONREAD",
	kWait: "wait (poll)", kShutdown: "shutdown", kLookupPort: "service lookup",
	kLookupIP: "name resolution", kIfAddrs: "interface addresses",
}

func (k kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return "record kind " + strconv.Itoa(int(k))
}

// timed reports whether a thread's record of this kind carries a time.
func (k kind) timed() bool { return k == kNow || k >= kSocket }

// Poll bits.
const (
	pollReady = 1 << iota
	pollWoken
	pollInvalid
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// enc appends a record's fields.
type enc struct{ b []byte }

func (e *enc) uv(v uint64)    { e.b = binary.AppendUvarint(e.b, v) }
func (e *enc) iv(v int64)     { e.b = binary.AppendVarint(e.b, v) }
func (e *enc) byte(v byte)    { e.b = append(e.b, v) }
func (e *enc) bytes(p []byte) { e.uv(uint64(len(p))); e.b = append(e.b, p...) }
func (e *enc) str(s string)   { e.uv(uint64(len(s))); e.b = append(e.b, s...) }
func (e *enc) bool(v bool) {
	if v {
		e.byte(1)
	} else {
		e.byte(0)
	}
}

// err: 0 none; errno<<1 a system error; len<<1|1 then the text of another.
func (e *enc) err(err error) {
	var errno unix.Errno
	switch {
	case err == nil:
		e.uv(0)
	case errors.As(err, &errno) && errno != 0:
		e.uv(uint64(errno) << 1)
	default:
		s := err.Error()
		e.uv(uint64(len(s))<<1 | 1)
		e.b = append(e.b, s...)
	}
}

// addr: 0 none; 4 then 4 bytes; 6 then 16 bytes and the zone; then the port (2 bytes).
func (e *enc) addr(a netip.AddrPort) {
	switch {
	case !a.IsValid():
		e.byte(0)
		return
	case a.Addr().Is4():
		e.byte(4)
		b := a.Addr().As4()
		e.b = append(e.b, b[:]...)
	default:
		e.byte(6)
		b := a.Addr().As16()
		e.b = append(e.b, b[:]...)
		e.str(a.Addr().Zone())
	}
	e.b = binary.BigEndian.AppendUint16(e.b, a.Port())
}

// dec reads a record's fields; a record too short gives zero values and sets bad.
type dec struct {
	b   []byte
	bad bool
}

func (d *dec) uv() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.bad = true
		d.b = nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) iv() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.bad = true
		d.b = nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) int() int { return int(d.iv()) }

func (d *dec) byte() byte {
	if len(d.b) == 0 {
		d.bad = true
		return 0
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v
}

func (d *dec) bool() bool { return d.byte() != 0 }

func (d *dec) raw(n uint64) []byte {
	if n > uint64(len(d.b)) {
		d.bad = true
		d.b = nil
		return nil
	}
	v := d.b[:n:n]
	d.b = d.b[n:]
	return v
}

func (d *dec) bytes() []byte { return d.raw(d.uv()) }
func (d *dec) str() string   { return string(d.bytes()) }

func (d *dec) err() error {
	v := d.uv()
	switch {
	case v == 0:
		return nil
	case v&1 == 0:
		return unix.Errno(v >> 1)
	}
	s := string(d.raw(v >> 1))
	if s == io.EOF.Error() {
		return io.EOF
	}
	return errors.New(s)
}

func (d *dec) addr() netip.AddrPort {
	var a netip.Addr
	switch d.byte() {
	case 0:
		return netip.AddrPort{}
	case 4:
		a = netip.AddrFrom4([4]byte(pad(d.raw(4), 4)))
	case 6:
		a = netip.AddrFrom16([16]byte(pad(d.raw(16), 16)))
		if z := d.str(); z != "" {
			a = a.WithZone(z)
		}
	default:
		d.bad = true
	}
	p := pad(d.raw(2), 2)
	return netip.AddrPortFrom(a, binary.BigEndian.Uint16(p))
}

func pad(b []byte, n int) []byte {
	if len(b) < n {
		return make([]byte, n)
	}
	return b
}

// micros is a time in microseconds since the epoch, the resolution of a recording.
func micros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(us int64) time.Time { return time.UnixMicro(us) }

// sizeText says how many bytes, for messages.
func sizeText(n int) string {
	if n == 1 {
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}

// clampInt keeps a decoded count within what a slice may hold.
func clampInt(v uint64, max int) int {
	if v > uint64(max) || v > math.MaxInt32 {
		return max
	}
	return int(v)
}
