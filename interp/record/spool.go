package record

import (
	"io"
	"sync"
)

// spool writes a recording on a goroutine of its own: the program's threads copy their
// records into a buffer, and full buffers are written out meanwhile, so that a thread that
// receives 64 KiB pays a copy, not a write(2) into the file (which took a third of a recorded
// echo server's time). At most spoolDepth buffers wait to be written; a thread that would
// make one more waits for the writer.
type spool struct {
	w    io.Writer
	cur  []byte
	full chan []byte // buffers to write; a nil one asks for an answer on sync
	free chan []byte
	sync chan struct{}
	mu   sync.Mutex // guards err
	err  error
	done chan struct{}
}

const (
	spoolSize  = 1 << 20
	spoolDepth = 8
)

func newSpool(w io.Writer) *spool {
	s := &spool{w: w, cur: make([]byte, 0, spoolSize), full: make(chan []byte, spoolDepth),
		free: make(chan []byte, spoolDepth+1), sync: make(chan struct{}), done: make(chan struct{})}
	go s.run()
	return s
}

func (s *spool) run() {
	defer close(s.done)
	for b := range s.full {
		if b == nil {
			s.sync <- struct{}{}
			continue
		}
		if _, err := s.w.Write(b); err != nil {
			s.mu.Lock()
			if s.err == nil {
				s.err = err
			}
			s.mu.Unlock()
		}
		select {
		case s.free <- b[:0]:
		default:
		}
	}
}

// Write copies p into the spool; it is called under the recorder's lock.
func (s *spool) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		room := cap(s.cur) - len(s.cur)
		if room == 0 {
			s.hand()
			room = cap(s.cur)
		}
		k := min(room, len(p))
		s.cur = append(s.cur, p[:k]...)
		p = p[k:]
	}
	return n, s.Err()
}

// hand gives the current buffer to the writer and takes an empty one.
func (s *spool) hand() {
	if len(s.cur) == 0 {
		return
	}
	s.full <- s.cur
	select {
	case b := <-s.free:
		s.cur = b
	default:
		s.cur = make([]byte, 0, spoolSize)
	}
}

// Flush writes out everything written so far, and returns when it is in the file.
func (s *spool) Flush() error {
	s.hand()
	s.full <- nil
	<-s.sync
	return s.Err()
}

// Close flushes and ends the writer.
func (s *spool) Close() error {
	err := s.Flush()
	close(s.full)
	<-s.done
	return err
}

func (s *spool) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}
