package interp

import (
	"bufio"
	"os"
)

// Ports and the operating system's files: a subprocess reads and writes them directly.

// File returns the operating-system file under a port (a file port, standard input, output or
// error) for another process to use directly; nil if there is none, or if the port has read
// ahead data that the file no longer holds. An output port is flushed first.
func (p *Port) File() *os.File {
	if p.osFile == nil || p.under != nil || p.Dev != nil {
		return nil
	}
	if p.Input && (p.rd != nil && p.rd.Buffered() > 0 || len(p.peeked) > 0) {
		return nil
	}
	if p.Output {
		p.Flush()
	}
	return p.osFile
}

// NewFilePort makes a textual port on an operating-system file (one end of a pipe); closing
// the port closes the file.
func NewFilePort(name string, f *os.File, input bool) *Port {
	if input {
		return &Port{Name: name, Input: true, Textual: true, rd: bufio.NewReaderSize(f, 64<<10), inOpen: true,
			closer: f, fd: int(f.Fd()), osFile: f}
	}
	return &Port{Name: name, Output: true, Textual: true, wr: bufio.NewWriterSize(f, 64<<10), outOpen: true,
		closer: f, fd: -1, osFile: f}
}
