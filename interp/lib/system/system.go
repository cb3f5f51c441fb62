// Package system is environment inquiry: (srfi 112) the implementation and the machine,
// (srfi 176) version-alist, (srfi 193) the command line and the script's file.
package system

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"foment-ls/interp"

	"golang.org/x/sys/unix"
)

// The dialect this interpreter runs: programs that test the implementation's name see Foment's.
const (
	implName    = "foment"
	implVersion = "0.4"
)

// SRFIs lists the SRFIs a program can import (scheme.srfi in version-alist).
var SRFIs = []int64{1, 14, 18, 27, 39, 60, 69, 106, 111, 112, 124, 125, 128, 133, 151, 157, 166,
	176, 181, 192, 193, 207, 229}

func str(s string) interp.Value { return interp.Str(s) }

func cpuArchitecture() string {
	switch runtime.GOARCH {
	case "amd64":
		return "x86-64"
	case "arm64":
		return "aarch64"
	case "386":
		return "i386"
	}
	return runtime.GOARCH
}

func osVersion() string {
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return ""
	}
	return unix.ByteSliceToString(u.Release[:])
}

func init() {
	constant := func(name string, f func() string) {
		interp.Define(name, func(th *interp.Thread, a []interp.Value) interp.Value { return str(f()) })
	}
	// fact is what differs from machine to machine: it comes from the program's world.
	fact := func(name string, f func() string) {
		interp.Define(name, func(th *interp.Thread, a []interp.Value) interp.Value {
			return str(th.In.World().Observe(th, name, f))
		})
	}
	constant("implementation-name", func() string { return implName })
	constant("implementation-version", func() string { return implVersion })
	constant("cpu-architecture", cpuArchitecture)
	fact("machine-name", func() string { h, _ := os.Hostname(); return h })
	constant("os-name", func() string { return runtime.GOOS })
	fact("os-version", osVersion)
	interp.Define("version-alist", func(th *interp.Thread, a []interp.Value) interp.Value {
		syms := func(names ...string) []interp.Value {
			out := make([]interp.Value, len(names))
			for i, n := range names {
				out[i] = interp.Sym(n)
			}
			return out
		}
		entry := func(key string, vals ...interp.Value) interp.Value {
			return interp.Cons(interp.Sym(key), interp.List(vals...))
		}
		srfis := make([]interp.Value, len(SRFIs))
		for i, n := range SRFIs {
			srfis[i] = interp.Fixnum(n)
		}
		var path []interp.Value
		for _, p := range th.In.LibPath {
			path = append(path, str(p))
		}
		return interp.List(
			entry("command", str("foment-ls")),
			entry("website", str("https://github.com/leftmike/foment")),
			entry("languages", syms("r7rs", "scheme")...),
			entry("encodings", syms("utf-8", "ascii", "latin-1", "utf-16")...),
			entry("version", str(implVersion)),
			entry("scheme.id", interp.Sym(implName)),
			entry("scheme.srfi", srfis...),
			entry("scheme.features", syms(interp.Features...)...),
			entry("scheme.path", path...),
			entry("scheme.extensions", str("sld"), str("scm")),
		)
	})

	script := func(th *interp.Thread) string {
		if len(th.In.Args) == 0 {
			return ""
		}
		return th.In.Args[0]
	}
	interp.Define("command-name", func(th *interp.Thread, a []interp.Value) interp.Value {
		name := script(th)
		if name == "" {
			return interp.False
		}
		base := filepath.Base(name)
		return str(strings.TrimSuffix(base, filepath.Ext(base)))
	})
	interp.Define("command-args", func(th *interp.Thread, a []interp.Value) interp.Value {
		var out []interp.Value
		if len(th.In.Args) > 1 {
			for _, s := range th.In.Args[1:] {
				out = append(out, str(s))
			}
		}
		return interp.List(out...)
	})
	scriptFile := func(th *interp.Thread) string {
		name := script(th)
		if name == "" || filepath.IsAbs(name) {
			return name
		}
		wd := th.In.World().Observe(th, "current-directory", func() string { wd, _ := os.Getwd(); return wd })
		if wd == "" {
			return name
		}
		return filepath.Join(wd, name)
	}
	interp.Define("script-file", func(th *interp.Thread, a []interp.Value) interp.Value {
		if f := scriptFile(th); f != "" {
			return str(f)
		}
		return interp.False
	})
	interp.Define("script-directory", func(th *interp.Thread, a []interp.Value) interp.Value {
		if f := scriptFile(th); f != "" {
			return str(filepath.Dir(f) + string(filepath.Separator))
		}
		return interp.False
	})
}
