package record

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"foment-ls/libpath"

	"golang.org/x/sys/unix"
)

// Header says what was recorded: which program, run how.
type Header struct {
	Program string   // the program file, as run named it (absolute when Dir is set)
	SHA256  string   // of the program's source, in hex
	Args    []string // (command-line): the program and its arguments
	Dir     string   // the working directory
	Start   time.Time
	Library libpath.Options // -I, -A, -X and FOMENT_LIBPATH
	Tool    string          // the foment-ls that recorded it
}

func (h *Header) encode() []byte {
	var e enc
	var kv [][2]string
	add := func(k, v string) { kv = append(kv, [2]string{k, v}) }
	add("program", h.Program)
	add("sha256", h.SHA256)
	for _, a := range h.Args {
		add("arg", a)
	}
	add("dir", h.Dir)
	add("start", strconv.FormatInt(h.Start.UnixMicro(), 10))
	for _, d := range h.Library.Prepend {
		add("-I", d)
	}
	for _, d := range h.Library.Append {
		add("-A", d)
	}
	for _, x := range h.Library.Exts {
		add("-X", x)
	}
	if h.Library.Env != "" {
		add("FOMENT_LIBPATH", h.Library.Env)
	}
	add("tool", h.Tool)
	e.uv(uint64(len(kv)))
	for _, p := range kv {
		e.str(p[0])
		e.str(p[1])
	}
	return e.b
}

func (h *Header) decode(b []byte) error {
	d := dec{b: b}
	n := d.uv()
	for i := uint64(0); i < n && !d.bad; i++ {
		k, v := d.str(), d.str()
		switch k {
		case "program":
			h.Program = v
		case "sha256":
			h.SHA256 = v
		case "arg":
			h.Args = append(h.Args, v)
		case "dir":
			h.Dir = v
		case "start":
			us, _ := strconv.ParseInt(v, 10, 64)
			h.Start = fromMicros(us)
		case "-I":
			h.Library.Prepend = append(h.Library.Prepend, v)
		case "-A":
			h.Library.Append = append(h.Library.Append, v)
		case "-X":
			h.Library.Exts = append(h.Library.Exts, v)
		case "FOMENT_LIBPATH":
			h.Library.Env = v
		case "tool":
			h.Tool = v
		} // unknown keys are for later versions: skipped
	}
	if d.bad {
		return errors.New("the header is damaged")
	}
	return nil
}

// Digest is the SHA-256 of a program's source, in hex, as a header holds it.
func Digest(src []byte) string {
	sum := sha256.Sum256(src)
	return hex.EncodeToString(sum[:])
}

// Site is a call site of the recorded program, as a recording names it.
type Site struct {
	File      string
	Line, Col int
	Name      string
}

func (s *Site) String() string {
	if s == nil {
		return "an unknown place"
	}
	at := fmt.Sprintf("%s:%d:%d", s.File, s.Line, s.Col)
	if s.Name != "" {
		at += " (" + s.Name + ")"
	}
	return at
}

// Recording is a recording file, read and indexed: the header, each stream's records in
// order, the turns, the sites, and how the run ended.
type Recording struct {
	Header Header
	// Exit is the recorded run's exit status and Ended its message; Complete is false when
	// the recording stops short (the recorded run was killed, or stopped by a debugger): a
	// replay ends there.
	Exit     int
	Ended    string
	Complete bool

	data    []byte
	unmap   func() error
	streams map[int][]entry
	turns   []uint32
	sites   []*Site // numbered from 1
}

// entry is one record of a stream.
type entry struct {
	kind kind
	off  int // the payload
	n    int
}

// Open reads and indexes a recording.
func Open(path string) (*Recording, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	r := &Recording{streams: map[int][]entry{}}
	if size := st.Size(); size > 0 && size < 1<<40 {
		if b, err := unix.Mmap(int(f.Fd()), 0, int(size), unix.PROT_READ, unix.MAP_SHARED); err == nil {
			r.data, r.unmap = b, func() error { return unix.Munmap(b) }
		}
	}
	if r.data == nil {
		if r.data, err = io.ReadAll(bufio.NewReader(f)); err != nil {
			return nil, err
		}
	}
	if err := r.index(); err != nil {
		r.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

// Close lets go of the file's contents.
func (r *Recording) Close() error {
	if r.unmap != nil {
		u := r.unmap
		r.unmap = nil
		return u()
	}
	return nil
}

var errNotRecording = errors.New("not a foment-ls recording")

func (r *Recording) index() error {
	b := r.data
	if len(b) < len(magic) || string(b[:len(magic)]) != magic {
		return errNotRecording
	}
	pos := len(magic)
	v, n := binary.Uvarint(b[pos:])
	if n <= 0 {
		return errNotRecording
	}
	if v > Version {
		return fmt.Errorf("a recording of format %d: this foment-ls reads format %d and before", v, Version)
	}
	pos += n
	hl, n := binary.Uvarint(b[pos:])
	if n <= 0 || hl > uint64(len(b)-pos-n) {
		return errors.New("the header is damaged")
	}
	pos += n
	if err := r.Header.decode(b[pos : pos+int(hl)]); err != nil {
		return err
	}
	pos += int(hl)
	r.sites = []*Site{nil}
	for pos < len(b) {
		tag, n := binary.Uvarint(b[pos:])
		if n <= 0 {
			break // cut short
		}
		l, m := binary.Uvarint(b[pos+n:])
		if m <= 0 || l > uint64(len(b)-pos-n-m) {
			break
		}
		off := pos + n + m
		pos = off + int(l)
		stream, k := int(tag>>6), kind(tag&63)
		if stream != 0 {
			r.streams[stream] = append(r.streams[stream], entry{kind: k, off: off, n: int(l)})
			continue
		}
		d := dec{b: b[off:pos]}
		switch k {
		case kTurn:
			r.turns = append(r.turns, uint32(d.uv()))
		case kSite:
			s := &Site{File: d.str()}
			s.Line, s.Col = int(d.uv()), int(d.uv())
			s.Name = d.str()
			r.sites = append(r.sites, s)
		case kEnd:
			r.Exit, r.Ended = int(d.iv()), d.str()
			r.Complete = !d.bool()
		}
	}
	return nil
}

// site returns a site by its number (nil: none or unknown).
func (r *Recording) site(n uint64) *Site {
	if n == 0 || n >= uint64(len(r.sites)) {
		return nil
	}
	return r.sites[n]
}

// Streams returns the numbers of the threads that have records.
func (r *Recording) Streams() []int {
	var out []int
	for s := range r.streams {
		out = append(out, s)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// Turns is the number of recorded turns at the interpreter lock.
func (r *Recording) Turns() int { return len(r.turns) }

// Size is the file's size in bytes.
func (r *Recording) Size() int { return len(r.data) }
