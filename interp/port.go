package interp

import (
	"bufio"
	"io"
	"sync"
)

// Port is a Scheme port. Textual ports read and write runes (UTF-8 underneath); binary ports read
// and write bytes. A port may be both input and output (sockets).
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
	// flushBeforeRead is flushed before this port blocks for input (stdin flushes stdout).
	flushBeforeRead *Port

	// Output side.
	wr        *bufio.Writer
	outOpen   bool
	autoFlush bool

	closer io.Closer
	// Dev, when set, carries the port's I/O (sockets): its operations can be interrupted.
	Dev Device
	// Object is what stands behind the port, for printing and the debugger (a socket).
	Object any

	// string and bytevector output ports collect here.
	sbuf *[]byte
}

// Device is the far side of a port whose operations block and must be interruptible.
type Device interface {
	// Read does one receive into p; 0, io.EOF at end of stream.
	Read(th *Thread, p []byte) (int, error)
	// Write writes all of p.
	Write(th *Thread, p []byte) (int, error)
	// Ready reports whether a Read would not block.
	Ready(th *Thread) bool
	// CloseRead and CloseWrite close one direction; closing both closes the device.
	CloseRead() error
	CloseWrite() error
}

// NewTextOutputPort makes a buffered textual output port on w.
func NewTextOutputPort(name string, w io.Writer) *Port {
	return &Port{Name: name, Output: true, Textual: true, wr: bufio.NewWriterSize(w, 64<<10), outOpen: true}
}

// NewTextInputPort makes a textual input port on r.
func NewTextInputPort(name string, r io.Reader) *Port {
	return &Port{Name: name, Input: true, Textual: true, rd: bufio.NewReaderSize(r, 64<<10), inOpen: true}
}

// Flush writes buffered output.
func (p *Port) Flush() error {
	if p == nil || p.wr == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.wr.Flush()
}

// WriteString writes text to an output port.
func (p *Port) WriteString(s string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.wr == nil {
		return io.ErrClosedPipe
	}
	_, err := p.wr.WriteString(s)
	if err == nil && p.autoFlush {
		err = p.wr.Flush()
	}
	return err
}
