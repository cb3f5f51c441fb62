package srcfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hostile makes, in a fresh directory, the files a hostile program names; each is refused at
// once with a reason that says why.
func TestRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.scm")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.scm")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: a 1 GiB file that takes no disk.
	if err := f.Truncate(1 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	link := func(name, to string) string {
		p := filepath.Join(dir, name)
		if err := os.Symlink(to, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct{ path, reason string }{
		{"/dev/zero", "not a regular file (a character device)"},
		{fifo, "not a regular file (a FIFO)"},
		{big, "too large (1 GiB; the limit is 8 MiB)"},
		{link("zero.scm", "/dev/zero"), "not a regular file (a character device)"},
		{link("tofifo.scm", fifo), "not a regular file (a FIFO)"},
		{link("tobig.scm", big), "too large"},
		{dir, "not a regular file (a directory)"},
	}
	if _, err := os.Stat("/proc/self/environ"); err == nil {
		cases = append(cases, struct{ path, reason string }{"/proc/self/environ", "kernel pseudo-file"})
	}
	for _, c := range cases {
		start := time.Now()
		b, err := Read(c.path, Limits{})
		if err == nil {
			t.Errorf("%s: read %d bytes, want a refusal", c.path, len(b))
			continue
		}
		if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), c.reason) {
			t.Errorf("%s: %v, want a refusal saying %q", c.path, err, c.reason)
		}
		if !strings.HasPrefix(err.Error(), c.path+": ") {
			t.Errorf("%s: the message %q does not name the file", c.path, err)
		}
		t.Logf("%s: %v (%v)", c.path, err, time.Since(start))
	}
	for _, c := range cases[:3] {
		if err := Check(c.path, Limits{}); err == nil || !errors.Is(err, ErrRefused) {
			t.Errorf("Check(%s) = %v, want a refusal", c.path, err)
		}
	}
}

func TestReadsOrdinaryFiles(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.scm")
	os.WriteFile(p, []byte("(display 1)\n"), 0o644)
	b, err := Read(p, Limits{})
	if err != nil || string(b) != "(display 1)\n" {
		t.Fatalf("Read = %q, %v", b, err)
	}
	// Through a symlink too, and an empty file is fine.
	os.Symlink(p, filepath.Join(dir, "l.scm"))
	if b, err := Read(filepath.Join(dir, "l.scm"), Limits{}); err != nil || len(b) != 12 {
		t.Fatalf("through a symlink: %q, %v", b, err)
	}
	os.WriteFile(filepath.Join(dir, "empty.scm"), nil, 0o644)
	if b, err := Read(filepath.Join(dir, "empty.scm"), Limits{}); err != nil || len(b) != 0 {
		t.Fatalf("empty: %q, %v", b, err)
	}
	// The limit is configurable.
	if _, err := Read(p, Limits{MaxSize: 5}); err == nil || !strings.Contains(err.Error(), "too large (12 bytes; the limit is 5 bytes)") {
		t.Fatalf("a 5-byte limit: %v", err)
	}
	// A missing file is an ordinary error, not a refusal.
	_, err = Read(filepath.Join(dir, "missing.scm"), Limits{})
	if !errors.Is(err, fs.ErrNotExist) || errors.Is(err, ErrRefused) {
		t.Fatalf("missing: %v", err)
	}
}

// A text is kept as long as the data read from it: its buffer is its size (+1 to see the end),
// not io.ReadAll's doubling; a file that grows while read is read whole, up to the limit.
func TestReadKeepsNoSlack(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "big.scm")
	text := strings.Repeat("(define (f x) (* x 2))\n", 5000)
	os.WriteFile(p, []byte(text), 0o644)
	b, err := Read(p, Limits{})
	if err != nil || string(b) != text || cap(b) != len(text)+1 {
		t.Fatalf("Read: %d bytes (capacity %d), %v; want %d", len(b), cap(b), err, len(text))
	}
	for _, c := range []struct {
		size, max int64
		want      string
	}{{3, 100, text[:101]}, {3, 1 << 20, text}, {int64(len(text)), 10, text[:11]}} {
		b, err := readAll(strings.NewReader(text), c.size, c.max)
		if err != nil || string(b) != c.want {
			t.Errorf("readAll(size %d, max %d) = %d bytes, %v; want %d", c.size, c.max, len(b), err, len(c.want))
		}
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1023: "1023 bytes", 1024: "1 KiB", 1536: "1.5 KiB",
		8 << 20: "8 MiB", 1 << 30: "1 GiB", 3 << 29: "1.5 GiB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

// A read that never ends (a hung mount) gives up at the deadline.
func TestDeadline(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	readFile = func(string, int64) ([]byte, error) { <-release; return nil, nil }
	defer func() { readFile = read }()
	_, err := Read("/mnt/hung/lib.sld", Limits{Timeout: 20 * time.Millisecond})
	if err == nil || !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "reading took longer than 20ms") {
		t.Fatalf("a hung read: %v", err)
	}
}
