package dap

import (
	"net/url"
	"path/filepath"

	"github.com/google/go-dap"
)

// The client's conventions, met at the edge: lines and columns from 0 or 1, paths or file
// URIs. Inside, lines and columns count from 1 and paths are paths.

func (s *session) lineIn(l int) int {
	if !s.client.linesFrom1 {
		return l + 1
	}
	return l
}

func (s *session) lineOut(l int) int {
	if !s.client.linesFrom1 {
		return l - 1
	}
	return l
}

func (s *session) columnIn(c int) int {
	if !s.client.columnsFrom1 {
		return c + 1
	}
	return c
}

func (s *session) columnOut(c int) int {
	if !s.client.columnsFrom1 {
		return c - 1
	}
	return c
}

// path is a path from the client: a file URI when it said pathFormat "uri".
func (s *session) path(p string) string {
	if u, err := url.Parse(p); err == nil && u.Scheme == "file" {
		return u.Path
	}
	return p
}

// pathOut is a path for the client.
func (s *session) pathOut(p string) string {
	if s.client.uriPaths {
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	return p
}

// source is a file of the program as the client names it: the path it used for the file's
// breakpoints, when it set some.
func (s *session) source(file string) dap.Source {
	canon := canonical(file)
	s.mu.Lock()
	fb := s.files[canon]
	s.mu.Unlock()
	if fb != nil && fb.source.Path != "" {
		return dap.Source{Name: filepath.Base(file), Path: fb.source.Path}
	}
	p := file
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	return dap.Source{Name: filepath.Base(file), Path: s.pathOut(p)}
}
