// Package srcfile reads the source files a program names — the program itself, its includes,
// its libraries — safely: only regular files, below a size limit, within a deadline. A name in
// someone else's code can point anywhere (/dev/zero, a FIFO, a 1 GB log, /proc/self/environ, a
// symlink to any of them); the analyzer, the language server and the interpreter must answer
// with a clear error at once instead of hanging or filling memory. It imports nothing of this
// project.
package srcfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
)

// DefaultMaxSize is the largest source file read unless configured otherwise.
const DefaultMaxSize = 8 << 20

// DefaultTimeout bounds one read (a hung network mount, a FUSE file that never answers).
const DefaultTimeout = 10 * time.Second

// Limits bound one read. The zero value means the defaults.
type Limits struct {
	MaxSize int64         // bytes; <= 0: DefaultMaxSize
	Timeout time.Duration // <= 0: DefaultTimeout
}

func (l Limits) maxSize() int64 {
	if l.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return l.MaxSize
}

func (l Limits) timeout() time.Duration {
	if l.Timeout <= 0 {
		return DefaultTimeout
	}
	return l.Timeout
}

// Error says why a file was refused. Path is the name as given; Reason a phrase such as
// "not a regular file (a FIFO)".
type Error struct {
	Path   string
	Reason string
	Err    error // the underlying error, if any
}

func (e *Error) Error() string { return e.Path + ": " + e.Reason }
func (e *Error) Unwrap() error { return e.Err }

// ErrRefused is matched (errors.Is) by every refusal that is not an ordinary I/O error: a file
// that is not regular, too large, or too slow.
var ErrRefused = errors.New("refused")

func (e *Error) Is(target error) bool { return target == ErrRefused && e.Err == nil }

// Read returns the contents of a regular file of at most lim.MaxSize bytes, read within
// lim.Timeout. Symbolic links are followed and the file they reach is judged.
func Read(path string, lim Limits) ([]byte, error) {
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	readFn := readFile
	go func() {
		b, err := readFn(path, lim.maxSize())
		done <- result{b, err}
	}()
	t := time.NewTimer(lim.timeout())
	defer t.Stop()
	select {
	case r := <-done:
		return r.b, r.err
	case <-t.C:
		// The goroutine ends when the read does; its result is dropped.
		return nil, &Error{Path: path, Reason: fmt.Sprintf("reading took longer than %v", lim.timeout())}
	}
}

// readFile is read; tests replace it with a read that hangs.
var readFile = read

func read(path string, max int64) ([]byte, error) {
	// O_NONBLOCK: opening a FIFO for reading must not wait for a writer. Regular files ignore it.
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := checkInfo(path, st, max); err != nil {
		return nil, err
	}
	b, err := readAll(f, st.Size(), max)
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, &Error{Path: path, Reason: "grew beyond the limit of " + Size(max) + " while being read"}
	}
	if st.Size() == 0 && len(b) > 0 {
		// A kernel file (/proc, /sys) says it is empty and then produces data.
		return nil, &Error{Path: path, Reason: "not a regular file (a kernel pseudo-file)"}
	}
	return b, nil
}

// readAll reads r to its end or to max+1 bytes, into a buffer of the size the file said it had
// (+1, to see the end): the text of a source is kept as long as its data, and io.ReadAll's
// doubling would keep up to twice its size.
func readAll(r io.Reader, size, max int64) ([]byte, error) {
	b := make([]byte, 0, min(max, size)+1)
	for int64(len(b)) <= max {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // a file that grew since its stat
		}
		n, err := r.Read(b[len(b):min(int64(cap(b)), max+1)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
	return b, nil
}

// Check stats a file (following symbolic links) and says whether Read would accept it, without
// reading it. A missing file gives an error satisfying errors.Is(err, fs.ErrNotExist).
func Check(path string, lim Limits) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	return checkInfo(path, st, lim.maxSize())
}

func checkInfo(path string, st fs.FileInfo, max int64) error {
	if !st.Mode().IsRegular() {
		return &Error{Path: path, Reason: "not a regular file (" + modeName(st.Mode()) + ")"}
	}
	if st.Size() > max {
		return &Error{Path: path, Reason: "too large (" + Size(st.Size()) + "; the limit is " + Size(max) + ")"}
	}
	return nil
}

func modeName(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	}
	return "a special file"
}

// Size renders a byte count for messages: "512 bytes", "8 MiB", "1.5 GiB".
func Size(n int64) string {
	const k = 1024
	switch {
	case n < k:
		return fmt.Sprintf("%d bytes", n)
	case n < k*k:
		return trim(float64(n)/k) + " KiB"
	case n < k*k*k:
		return trim(float64(n)/(k*k)) + " MiB"
	}
	return trim(float64(n)/(k*k*k)) + " GiB"
}

func trim(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return s
}
