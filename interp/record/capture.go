package record

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
	"net/netip"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"foment-ls/interp"

	"golang.org/x/sys/unix"
)

// Capture is a World that passes everything to another one and writes the TCP and UDP
// payloads the program sends and receives as a pcap file (link type raw IP), with IPv4 or IPv6
// and TCP or UDP headers made up around them: one TCP stream per socket, with the real
// addresses and ports, a handshake (SYN, SYN-ACK, ACK) when it connects or is accepted,
// continuous sequence and acknowledgement numbers, FIN when either side closes and RST when
// the connection is reset or refused, so that Wireshark's "Follow TCP Stream" shows each
// conversation as it was. Packet times are the world's Clock: a replay's capture is the
// recording's.
type Capture struct {
	interp.World
	net interp.Net

	mu    sync.Mutex
	w     *bufio.Writer // nil once closed
	file  io.Closer     // the file, when the capture made it
	err   error
	flows map[int]*flow
	ipID  uint16
	buf   []byte
	// count numbers the packets; the first skip are not written (a replay run again from its
	// start, whose capture goes on where the last one stopped).
	count, skip int
}

// flow is a socket as the capture follows it.
type flow struct {
	tcp, v6     bool
	local, peer netip.AddrPort
	passive     bool // accepted: the peer opened it
	open        bool // the handshake is written
	seq, ack    uint32
	finOut      bool
	finIn       bool
	reset       bool
}

// linkRaw is LINKTYPE_RAW: each packet starts with its IPv4 or IPv6 header.
const linkRaw = 101

// maxSegment is the most payload a made-up packet carries (an IPv4 packet's length is 16 bits).
const maxSegment = 65000

// CreateCapture writes a capture of inner's traffic to a new file at path, which Close closes.
func CreateCapture(path string, inner interp.World) (*Capture, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	c, err := NewCapture(f, inner)
	if err != nil {
		f.Close()
		return nil, err
	}
	c.file = f
	return c, nil
}

// NewCapture writes a capture of inner's traffic to w: the pcap file's header, then its
// packets.
func NewCapture(w io.Writer, inner interp.World) (*Capture, error) {
	c := ContinueCapture(w, inner, 0)
	var h [24]byte
	binary.LittleEndian.PutUint32(h[0:], 0xa1b2c3d4)
	binary.LittleEndian.PutUint16(h[4:], 2)
	binary.LittleEndian.PutUint16(h[6:], 4)
	binary.LittleEndian.PutUint32(h[16:], 262144) // snaplen
	binary.LittleEndian.PutUint32(h[20:], linkRaw)
	if _, err := c.w.Write(h[:]); err != nil {
		return nil, err
	}
	return c, nil
}

// ContinueCapture goes on with a capture already written to w, which had skip packets: a
// replay of the same run, from its start, writes only the packets after those.
func ContinueCapture(w io.Writer, inner interp.World, skip int) *Capture {
	return &Capture{World: inner, net: inner.Net(), w: bufio.NewWriterSize(w, 256<<10), flows: map[int]*flow{}, skip: skip}
}

// Packets counts the packets of the capture so far, those skipped among them.
func (c *Capture) Packets() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.count
}

// SkipAtLeast makes the capture leave out its first n packets at least: a run of a replay
// made ahead of time and put in place later writes nothing that was written meanwhile.
func (c *Capture) SkipAtLeast(n int) {
	c.mu.Lock()
	c.skip = max(c.skip, n)
	c.mu.Unlock()
}

// Net returns the socket calls, watched.
func (c *Capture) Net() interp.Net { return capNet{c} }

// Close writes out what is buffered and ends the capture: nothing more is written (and the
// file is closed, when the capture made it).
func (c *Capture) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.w == nil {
		return c.err
	}
	if err := c.w.Flush(); c.err == nil {
		c.err = err
	}
	if c.file != nil {
		if err := c.file.Close(); c.err == nil {
			c.err = err
		}
	}
	c.w = nil
	return c.err
}

// Flush writes out what is buffered.
func (c *Capture) Flush() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.w != nil && c.err == nil {
		c.err = c.w.Flush()
	}
	return c.err
}

const (
	tcpFIN = 1 << iota
	tcpSYN
	tcpRST
	tcpPSH
	tcpACK
)

// packet writes one packet from → to at time t; c.mu is held.
func (c *Capture) packet(t time.Time, f *flow, out bool, flags byte, seq, ack uint32, payload []byte) {
	if c.w == nil || c.err != nil {
		return
	}
	src, dst := f.local, f.peer
	if !out {
		src, dst = dst, src
	}
	v6 := f.v6 || !src.Addr().Is4() || !dst.Addr().Is4()
	if c.count++; c.count <= c.skip {
		if !v6 {
			c.ipID++ // numbered as the run that wrote it numbered it
		}
		return
	}
	proto := byte(unix.IPPROTO_UDP)
	l4 := 8
	if f.tcp {
		proto, l4 = unix.IPPROTO_TCP, 20
	}
	ipLen := 20
	if v6 {
		ipLen = 40
	}
	total := ipLen + l4 + len(payload)
	b := c.buf[:0]
	if v6 {
		b = append(b, 0x60, 0, 0, 0)
		b = binary.BigEndian.AppendUint16(b, uint16(l4+len(payload)))
		b = append(b, proto, 64)
		s, d := as16(src.Addr()), as16(dst.Addr())
		b = append(b, s[:]...)
		b = append(b, d[:]...)
	} else {
		c.ipID++
		b = append(b, 0x45, 0)
		b = binary.BigEndian.AppendUint16(b, uint16(total))
		b = binary.BigEndian.AppendUint16(b, c.ipID)
		b = append(b, 0x40, 0, 64, proto, 0, 0) // don't fragment; TTL; checksum below
		s, d := src.Addr().Unmap().As4(), dst.Addr().Unmap().As4()
		b = append(b, s[:]...)
		b = append(b, d[:]...)
		binary.BigEndian.PutUint16(b[10:], ^fold(sum(b[:20], 0)))
	}
	l4at := len(b)
	b = binary.BigEndian.AppendUint16(b, src.Port())
	b = binary.BigEndian.AppendUint16(b, dst.Port())
	if f.tcp {
		b = binary.BigEndian.AppendUint32(b, seq)
		b = binary.BigEndian.AppendUint32(b, ack)
		b = append(b, 5<<4, flags)
		b = binary.BigEndian.AppendUint16(b, 65535) // window
		b = append(b, 0, 0, 0, 0)                   // checksum, urgent pointer
	} else {
		b = binary.BigEndian.AppendUint16(b, uint16(8+len(payload)))
		b = append(b, 0, 0)
	}
	// The transport checksum: the pseudo-header, the header, the payload.
	var ps uint64
	if v6 {
		ps = sum(b[8:40], 0)
	} else {
		ps = sum(b[12:20], 0)
	}
	ps += uint64(proto) + uint64(l4+len(payload))
	ck := ^fold(sum(payload, sum(b[l4at:], ps)))
	if !f.tcp && ck == 0 {
		ck = 0xffff
	}
	at := l4at + 16
	if !f.tcp {
		at = l4at + 6
	}
	binary.BigEndian.PutUint16(b[at:], ck)
	c.buf = b
	var rh [16]byte
	us := t.UnixMicro()
	binary.LittleEndian.PutUint32(rh[0:], uint32(us/1e6))
	binary.LittleEndian.PutUint32(rh[4:], uint32(us%1e6))
	binary.LittleEndian.PutUint32(rh[8:], uint32(total))
	binary.LittleEndian.PutUint32(rh[12:], uint32(total))
	c.w.Write(rh[:])
	c.w.Write(b)
	if _, err := c.w.Write(payload); err != nil {
		c.err = err
	}
}

func as16(a netip.Addr) [16]byte {
	if a.Is4() {
		return netip.AddrFrom16(a.As16()).As16() // ::ffff:a.b.c.d
	}
	return a.As16()
}

// sum adds b as big-endian 16-bit words to s (the Internet checksum, before folding).
func sum(b []byte, s uint64) uint64 {
	for len(b) >= 8 {
		s += uint64(binary.BigEndian.Uint32(b)) + uint64(binary.BigEndian.Uint32(b[4:]))
		b = b[8:]
	}
	for len(b) >= 2 {
		s += uint64(binary.BigEndian.Uint16(b))
		b = b[2:]
	}
	if len(b) == 1 {
		s += uint64(b[0]) << 8
	}
	return s
}

func fold(s uint64) uint16 {
	for s>>16 != 0 {
		s = s&0xffff + s>>16
	}
	return uint16(s)
}

// isn is where a side's sequence numbers start: made from the ports, so that a capture
// of a replay is the recording's.
func isn(a, b netip.AddrPort) uint32 {
	return uint32(a.Port())<<16 ^ uint32(b.Port())*2654435761
}

// handshake writes a stream's opening, once both its ends are known.
func (c *Capture) handshake(t time.Time, f *flow) {
	if f.open || !f.tcp || !f.local.IsValid() || !f.peer.IsValid() || f.local.Port() == 0 {
		return
	}
	f.open = true
	us, them := isn(f.local, f.peer), isn(f.peer, f.local)
	if f.passive {
		c.packet(t, f, false, tcpSYN, them, 0, nil)
		c.packet(t, f, true, tcpSYN|tcpACK, us, them+1, nil)
		c.packet(t, f, false, tcpACK, them+1, us+1, nil)
	} else {
		c.packet(t, f, true, tcpSYN, us, 0, nil)
		c.packet(t, f, false, tcpSYN|tcpACK, them, us+1, nil)
		c.packet(t, f, true, tcpACK, us+1, them+1, nil)
	}
	f.seq, f.ack = us+1, them+1
}

// data writes what went one way: TCP segments, or one datagram.
func (c *Capture) data(t time.Time, f *flow, out bool, p []byte) {
	if !f.tcp {
		if f.local.IsValid() && f.peer.IsValid() {
			c.packet(t, f, out, 0, 0, 0, p)
		}
		return
	}
	if !f.open {
		return
	}
	for len(p) > 0 {
		n := min(len(p), maxSegment)
		if out {
			c.packet(t, f, true, tcpPSH|tcpACK, f.seq, f.ack, p[:n])
			f.seq += uint32(n)
		} else {
			c.packet(t, f, false, tcpPSH|tcpACK, f.ack, f.seq, p[:n])
			f.ack += uint32(n)
		}
		p = p[n:]
	}
}

// fin writes a side's end of the stream.
func (c *Capture) fin(t time.Time, f *flow, out bool) {
	if !f.tcp || !f.open || f.reset {
		return
	}
	if out && !f.finOut {
		f.finOut = true
		c.packet(t, f, true, tcpFIN|tcpACK, f.seq, f.ack, nil)
		f.seq++
		if f.finIn {
			return
		}
	}
	if !out && !f.finIn {
		f.finIn = true
		c.packet(t, f, false, tcpFIN|tcpACK, f.ack, f.seq, nil)
		f.ack++
	}
}

// rst writes the peer's reset of a connection.
func (c *Capture) rst(t time.Time, f *flow) {
	if !f.tcp || f.reset {
		return
	}
	if !f.open {
		// A refused connection: our SYN, and the peer's RST.
		if !f.peer.IsValid() {
			return
		}
		if !f.local.IsValid() {
			f.local = netip.AddrPortFrom(unspecified(f.v6), 0)
		}
		us := isn(f.local, f.peer)
		c.packet(t, f, true, tcpSYN, us, 0, nil)
		c.packet(t, f, false, tcpRST|tcpACK, 0, us+1, nil)
		f.reset = true
		return
	}
	f.reset = true
	c.packet(t, f, false, tcpRST|tcpACK, f.ack, f.seq, nil)
}

func unspecified(v6 bool) netip.Addr {
	if v6 {
		return netip.IPv6Unspecified()
	}
	return netip.IPv4Unspecified()
}

// capNet watches the socket calls.
type capNet struct{ c *Capture }

// at locks the capture and returns the flow of fd (nil if it is not followed) and the time.
func (n capNet) at(th *interp.Thread, fd int) (*flow, time.Time) {
	t := n.c.World.Clock(th)
	n.c.mu.Lock()
	return n.c.flows[fd], t
}

func (n capNet) Socket(th *interp.Thread, family, typ, proto int) (int, error) {
	fd, err := n.c.net.Socket(th, family, typ, proto)
	if err == nil && (typ == unix.SOCK_STREAM || typ == unix.SOCK_DGRAM) {
		n.c.mu.Lock()
		n.c.flows[fd] = &flow{tcp: typ == unix.SOCK_STREAM, v6: family == unix.AF_INET6}
		n.c.mu.Unlock()
	}
	return fd, err
}

func (n capNet) Bind(th *interp.Thread, fd int, a netip.AddrPort) error {
	return n.c.net.Bind(th, fd, a)
}

func (n capNet) Listen(th *interp.Thread, fd, backlog int) error {
	return n.c.net.Listen(th, fd, backlog)
}

func (n capNet) Accept(th *interp.Thread, fd int) (int, error) {
	nfd, err := n.c.net.Accept(th, fd)
	if err == nil {
		f, _ := n.at(th, fd)
		if f != nil {
			n.c.flows[nfd] = &flow{tcp: f.tcp, v6: f.v6, passive: true}
		}
		n.c.mu.Unlock()
	}
	return nfd, err
}

func (n capNet) Connect(th *interp.Thread, fd int, a netip.AddrPort) error {
	err := n.c.net.Connect(th, fd, a)
	f, t := n.at(th, fd)
	defer n.c.mu.Unlock()
	if f != nil {
		f.peer = a
		if f.tcp && err != nil && err != unix.EINPROGRESS && errors.Is(err, unix.ECONNREFUSED) {
			n.c.rst(t, f)
		}
	}
	return err
}

func (n capNet) SocketError(th *interp.Thread, fd int) (int, error) {
	v, err := n.c.net.SocketError(th, fd)
	if err == nil && v != 0 {
		f, t := n.at(th, fd)
		if f != nil {
			n.c.rst(t, f)
		}
		n.c.mu.Unlock()
	}
	return v, err
}

func (n capNet) Name(th *interp.Thread, fd int, peer bool) (netip.AddrPort, error) {
	a, err := n.c.net.Name(th, fd, peer)
	if err == nil {
		f, t := n.at(th, fd)
		if f != nil {
			if peer {
				f.peer = a
			} else {
				f.local = a
			}
			n.c.handshake(t, f)
		}
		n.c.mu.Unlock()
	}
	return a, err
}

func (n capNet) Send(th *interp.Thread, fd int, p []byte, flags int) (int, error) {
	sent, err := n.c.net.Send(th, fd, p, flags)
	if sent > 0 || err != nil {
		f, t := n.at(th, fd)
		if f != nil {
			if sent > 0 {
				n.c.data(t, f, true, p[:sent])
			}
			if errors.Is(err, unix.ECONNRESET) {
				n.c.rst(t, f)
			}
		}
		n.c.mu.Unlock()
	}
	return sent, err
}

func (n capNet) Recv(th *interp.Thread, fd int, p []byte, flags int) (int, netip.AddrPort, error) {
	got, from, err := n.c.net.Recv(th, fd, p, flags)
	f, t := n.at(th, fd)
	defer n.c.mu.Unlock()
	if f == nil {
		return got, from, err
	}
	if flags&unix.MSG_PEEK != 0 {
		// Bytes peeked at are captured when they are received; nothing to peek at is the end.
		if f.tcp && err == nil && got == 0 && len(p) > 0 {
			n.c.fin(t, f, false)
		}
		return got, from, err
	}
	switch {
	case err == nil && !f.tcp:
		if from.IsValid() && from != f.peer {
			g := *f
			g.peer = from
			n.c.data(t, &g, false, p[:got])
		} else {
			n.c.data(t, f, false, p[:got])
		}
	case err == nil && got > 0:
		n.c.data(t, f, false, p[:got])
	case err == nil && len(p) > 0:
		n.c.fin(t, f, false) // the end of the stream
	case errors.Is(err, unix.ECONNRESET):
		n.c.rst(t, f)
	}
	return got, from, err
}

func (n capNet) Readable(th *interp.Thread, fd int) (int, error) { return n.c.net.Readable(th, fd) }

func (n capNet) Wait(th *interp.Thread, fd int, write bool, wakefd int, woken *atomic.Bool, timeout int) (interp.Poll, error) {
	return n.c.net.Wait(th, fd, write, wakefd, woken, timeout)
}

func (n capNet) Shutdown(th *interp.Thread, fd, how int) error {
	err := n.c.net.Shutdown(th, fd, how)
	if err == nil && (how == unix.SHUT_WR || how == unix.SHUT_RDWR) {
		f, t := n.at(th, fd)
		if f != nil {
			n.c.fin(t, f, true)
		}
		n.c.mu.Unlock()
	}
	return err
}

func (n capNet) Closed(th *interp.Thread, fd int) {
	n.c.net.Closed(th, fd)
	f, t := n.at(th, fd)
	defer n.c.mu.Unlock()
	if f != nil {
		n.c.fin(t, f, true)
		delete(n.c.flows, fd)
	}
}

func (n capNet) LookupPort(th *interp.Thread, network, service string) (int, error) {
	return n.c.net.LookupPort(th, network, service)
}

func (n capNet) LookupIP(th *interp.Thread, host string) ([]netip.Addr, error) {
	return n.c.net.LookupIP(th, host)
}

func (n capNet) InterfaceAddrs(th *interp.Thread) ([]netip.Prefix, error) {
	return n.c.net.InterfaceAddrs(th)
}
