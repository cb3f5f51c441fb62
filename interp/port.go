package interp

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"unicode/utf8"

	"foment-ls/syntax"

	"golang.org/x/sys/unix"
)

// Port is a Scheme port. Textual ports read and write characters (UTF-8 underneath, or the
// codec of a transcoded port's transcoder); binary ports read and write bytes. A port may be
// both input and output (a socket).
//
// Three kinds of backing: a buffered io.Reader/io.Writer (files, standard streams, string and
// bytevector ports); a Device (sockets: every operation takes the thread, so that it can be
// interrupted, and is unbuffered); or, for a textual port made over a binary one, that port.
type Port struct {
	Name    string
	Input   bool
	Output  bool
	Textual bool
	Binary  bool

	mu sync.Mutex

	// Input side.
	rd     *bufio.Reader
	inOpen bool
	// flushBeforeRead is flushed before this port reads (stdin flushes stdout).
	flushBeforeRead *Port
	fd              int // for char-ready? on a terminal or pipe; -1 if none
	peeked          []byte
	// wantIdents: read returns code, symbols as identifiers with positions (want-identifiers).
	wantIdents bool
	codeReader *syntax.Reader // the reader of a port that wants identifiers
	// Output side.
	wr        *bufio.Writer
	outOpen   bool
	autoFlush bool
	lineFlush bool          // a terminal: flush at the end of each line, as C's stdio does
	sbuf      *bytes.Buffer // string and bytevector output ports

	closer io.Closer
	// osFile is the operating-system file under a file or standard port (File, portfile.go).
	osFile *os.File
	// seeker is what port-position and set-port-position! move (portpos.go): the file of a
	// file port, the bytes of a string or bytevector input port.
	seeker io.Seeker
	// custom, when set, makes this a custom port (customports.go).
	custom *customPort

	// Dev, when set, carries the port's I/O (sockets).
	Dev Device
	// Object is what stands behind the port, for printing and the debugger (a socket).
	Object any
	// under is the binary port a textual port was made over (make-encoded-port).
	under *Port
	// ownsUnder: closing this port closes under too (a file port made through file-encoding).
	ownsUnder bool
	th        *Thread // the thread of the operation in progress on under
	// tc, when set, is how a port made by transcoded-port encodes and decodes; without it the
	// text is UTF-8 as it is.
	tc      *Transcoder
	dec     *decoder // tc's input side, made with the reader
	wroteCR bool     // the last character written was a CR (crlf: a linefeed after it stays one)
}

// Device is the far side of a port whose operations block and must be interruptible: a socket.
// Its methods are called with the thread doing the operation (under the interpreter lock);
// a blocking implementation waits with th.Blocking and services interrupts (see debug.go).
type Device interface {
	// Read does one receive into p: what has arrived, at least one byte; 0, io.EOF at the end
	// of the stream.
	Read(th *Thread, p []byte) (int, error)
	// ReadNew does one receive of at most max bytes into a new slice sized by what has
	// arrived (so that the bytes are copied once and a large read that gets little costs
	// little); nil, io.EOF at the end of the stream.
	ReadNew(th *Thread, max int) ([]byte, error)
	// Write writes all of p.
	Write(th *Thread, p []byte) (int, error)
	// Ready reports whether a Read would not block.
	Ready(th *Thread) bool
	// CloseRead and CloseWrite close one direction; closing both closes the device.
	CloseRead() error
	CloseWrite() error
}

// Peeker is a Device that can look at its next bytes without taking them (a socket: recv
// with MSG_PEEK). peek-u8 on its port then leaves the byte in the kernel's queue, so that the
// port's reads and the device's own operations (recv-socket) read one stream, in order.
type Peeker interface {
	// Peek waits until at least one byte has arrived and copies what has into p, leaving it
	// unread; 0, io.EOF at the end of the stream.
	Peek(th *Thread, p []byte) (int, error)
}

// NewTextOutputPort makes a buffered textual output port on w.
func NewTextOutputPort(name string, w io.Writer) *Port {
	p := &Port{Name: name, Output: true, Textual: true, wr: bufio.NewWriterSize(w, 64<<10), outOpen: true, fd: -1}
	p.osFile, _ = w.(*os.File)
	return p
}

// NewTextInputPort makes a textual input port on r.
func NewTextInputPort(name string, r io.Reader) *Port {
	p := &Port{Name: name, Input: true, Textual: true, rd: bufio.NewReaderSize(r, 64<<10), inOpen: true, fd: -1}
	if f, ok := r.(*os.File); ok {
		p.fd = int(f.Fd())
		p.osFile = f
	}
	return p
}

// NewDevicePort makes a binary input/output port on a device (sockets).
func NewDevicePort(name string, dev Device, object any) *Port {
	return &Port{Name: name, Input: true, Output: true, Binary: true, inOpen: true, outOpen: true,
		Dev: dev, Object: object, fd: -1}
}

func newStringInput(s string) *Port {
	r := bytes.NewReader([]byte(s))
	return &Port{Input: true, Textual: true, rd: bufio.NewReader(r), inOpen: true, fd: -1, seeker: r}
}

func newBytesInput(b []byte) *Port {
	r := bytes.NewReader(b)
	return &Port{Input: true, Binary: true, rd: bufio.NewReader(r), inOpen: true, fd: -1, seeker: r}
}

// newEncodedPort makes a textual port over a binary port, through a transcoder if t is not nil.
func newEncodedPort(under *Port, t *Transcoder) *Port {
	return &Port{Name: under.Name, Input: under.Input, Output: under.Output, Textual: true,
		inOpen: under.Input, outOpen: under.Output, under: under, Object: under.Object, fd: -1, tc: t}
}

func newBufferOutput(textual bool) *Port {
	buf := &bytes.Buffer{}
	return &Port{Output: true, Textual: textual, Binary: !textual, sbuf: buf, wr: bufio.NewWriterSize(buf, 512), outOpen: true, fd: -1}
}

// InputOpen and OutputOpen report the state of each direction.
func (p *Port) InputOpen() bool  { return p.Input && p.inOpen }
func (p *Port) OutputOpen() bool { return p.Output && p.outOpen }

// Flush writes buffered output.
func (p *Port) Flush() error {
	if p == nil || p.wr == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.wr.Flush()
}

// WriteString writes text to a textual output port.
func (p *Port) WriteString(s string) error {
	if p.under != nil {
		if p.tc == nil {
			_, err := p.under.writeBytes(p.th, []byte(s))
			return err
		}
		b, cerr := p.tc.encode(s, &p.wroteCR)
		if _, err := p.under.writeBytes(p.th, b); err != nil {
			return err
		}
		return cerr
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.wr == nil {
		return io.ErrClosedPipe
	}
	_, err := p.wr.WriteString(s)
	if err == nil && (p.autoFlush || p.lineFlush && strings.IndexByte(s, '\n') >= 0) {
		err = p.wr.Flush()
	}
	return err
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

// writeBytes writes to a binary output port: at once through a device.
func (p *Port) writeBytes(th *Thread, b []byte) (int, error) {
	if p.Dev != nil {
		return p.Dev.Write(th, b)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.wr.Write(b)
}

// before a read that may block: flush the output that a prompt may be waiting in.
func (p *Port) beforeRead() {
	if p.flushBeforeRead != nil {
		p.flushBeforeRead.Flush()
	}
}

// readRune reads a character; eof at the end.
func (p *Port) readRune(th *Thread) (r rune, eof bool, err error) {
	p.beforeRead()
	rd := p.reader(th)
	th.blockingRead(p, func() {
		var size int
		r, size, err = rd.ReadRune()
		if err == nil && r == utf8.RuneError && size == 1 {
			r = utf8.RuneError
		}
	})
	if err == io.EOF {
		return 0, true, nil
	}
	return r, false, err
}

func (p *Port) peekRune(th *Thread) (rune, bool, error) {
	r, eof, err := p.readRune(th)
	if err == nil && !eof {
		p.rd.UnreadRune()
	}
	return r, eof, err
}

// reader returns the buffered reader of a textual port, made over the binary port beneath
// for an encoded port.
func (p *Port) reader(th *Thread) *bufio.Reader {
	p.th = th
	if p.rd == nil && p.under != nil {
		if p.tc != nil {
			p.dec = &decoder{p: p, t: p.tc}
			p.rd = bufio.NewReaderSize(p.dec, 4096)
		} else {
			p.rd = bufio.NewReaderSize(&underReader{p}, 4096)
		}
	}
	return p.rd
}

// underReader reads the binary port beneath an encoded textual port.
type underReader struct{ p *Port }

func (u *underReader) Read(b []byte) (int, error) {
	n, eof, err := u.p.under.readSome(u.p.th, b)
	if eof {
		return 0, io.EOF
	}
	return n, err
}

// blockingRead runs a read that may block on a stream without a device (standard input, a
// pipe) without the interpreter lock, so that other threads run meanwhile.
func (th *Thread) blockingRead(p *Port, f func()) {
	if p.fd >= 0 && p.rd != nil && p.rd.Buffered() == 0 {
		th.Unlocked(f)
		return
	}
	f()
}

// readSome does one read of at most len(b) bytes from a binary port: one receive for a device.
func (p *Port) readSome(th *Thread, b []byte) (n int, eof bool, err error) {
	if len(b) == 0 {
		return 0, false, nil
	}
	if len(p.peeked) > 0 {
		n = copy(b, p.peeked)
		p.peeked = p.peeked[n:]
		return n, false, nil
	}
	if p.Dev != nil {
		n, err = p.Dev.Read(th, b)
		if err == io.EOF || (n == 0 && err == nil) {
			return 0, true, nil
		}
		return n, false, err
	}
	p.beforeRead()
	th.blockingRead(p, func() { n, err = p.rd.Read(b) })
	if err == io.EOF {
		if n > 0 {
			return n, false, nil
		}
		return 0, true, nil
	}
	return n, false, err
}

// readFull reads up to k bytes: from a device one receive, from a stream until k or the end.
func (p *Port) readFull(th *Thread, b []byte) (n int, eof bool, err error) {
	if p.Dev != nil {
		return p.readSome(th, b)
	}
	for n < len(b) {
		m, e, err := p.readSome(th, b[n:])
		n += m
		if err != nil {
			return n, false, err
		}
		if e {
			return n, n == 0, nil
		}
	}
	return n, false, nil
}

func (p *Port) peekByte(th *Thread) (byte, bool, error) {
	if len(p.peeked) > 0 {
		return p.peeked[0], false, nil
	}
	if pk, ok := p.Dev.(Peeker); ok {
		var b [1]byte
		n, err := pk.Peek(th, b[:])
		if err == io.EOF || (err == nil && n == 0) {
			return 0, true, nil
		}
		return b[0], false, err
	}
	var b [1]byte
	n, eof, err := p.readSome(th, b[:])
	if err != nil || eof || n == 0 {
		return 0, eof || n == 0, err
	}
	p.peeked = append(p.peeked[:0], b[0])
	return b[0], false, nil
}

// ready reports whether a read would not block (char-ready?, u8-ready?). It never blocks.
func (p *Port) ready(th *Thread) bool {
	if len(p.peeked) > 0 {
		return true
	}
	if p.Dev != nil {
		return p.Dev.Ready(th)
	}
	if p.under != nil {
		if p.rd != nil && p.rd.Buffered() > 0 || p.dec != nil && p.dec.pending() {
			return true
		}
		return p.under.ready(th)
	}
	if p.rd == nil || p.rd.Buffered() > 0 || p.fd < 0 {
		return true // string ports, files: reading never blocks
	}
	fds := []unix.PollFd{{Fd: int32(p.fd), Events: unix.POLLIN}}
	n, err := unix.Poll(fds, 0)
	return err != nil || n > 0
}

// closeInput and closeOutput close one direction of a port.
func (p *Port) closeInput() {
	if !p.inOpen {
		return
	}
	p.inOpen = false
	if p.under != nil {
		return // an encoded port leaves the port beneath open
	}
	if p.Dev != nil {
		p.Dev.CloseRead()
		return
	}
	if !p.Output && p.closer != nil {
		p.closer.Close()
	}
}

func (p *Port) closeOutput() {
	if !p.outOpen {
		return
	}
	p.outOpen = false
	if p.under != nil {
		return
	}
	if p.wr != nil {
		p.Flush()
	}
	if p.Dev != nil {
		p.Dev.CloseWrite()
		return
	}
	if p.closer != nil {
		p.closer.Close()
	}
}

var errClosed = errors.New("port is closed")
