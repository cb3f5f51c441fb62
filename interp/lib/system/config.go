package system

// The interpreter's configuration and command line: config, set-config!, full-command-line,
// library-path, no-value.

import (
	"math/big"
	"os"
	"sync"

	"foment-ls/interp"
	"foment-ls/interp/lib/random"
)

// Extensions are the file name extensions tried for a library's file.
var Extensions = []string{"sld", "scm"}

func strs(ss []string) interp.Value {
	out := make([]interp.Value, len(ss))
	for i, s := range ss {
		out[i] = interp.Str(s)
	}
	return interp.List(out...)
}

// settings are the options set-config! may change while a program runs.
type settings struct {
	mu      sync.Mutex
	verbose bool
}

type settingsKey struct{}

func settingsOf(in *interp.Interp) *settings {
	return in.State(settingsKey{}, func() any { return &settings{} }).(*settings)
}

func init() {
	interp.Define("config", func(th *interp.Thread, a []interp.Value) interp.Value {
		s := settingsOf(th.In)
		s.mu.Lock()
		verbose := s.verbose
		s.mu.Unlock()
		return interp.List(
			interp.Cons(interp.Sym("collector"), interp.Sym("go")),
			interp.Cons(interp.Sym("maximum-stack-depth"), interp.Int(interp.MaxDepth)),
			interp.Cons(interp.Sym("random-seed"), interp.BigInt(new(big.Int).SetUint64(random.Seed(th.In)))),
			interp.Cons(interp.Sym("verbose"), interp.Bool(verbose)),
			interp.Cons(interp.Sym("library-extensions"), strs(Extensions)),
			interp.Cons(interp.Sym("library-path"), strs(th.In.LibPath)),
		)
	})
	interp.Define("set-config!", func(th *interp.Thread, a []interp.Value) interp.Value {
		switch name := interp.Display(a[0]); name {
		case "verbose":
			if !a[1].IsBoolean() {
				return th.Error("set-config!", "expected a boolean", a[1])
			}
			s := settingsOf(th.In)
			s.mu.Lock()
			s.verbose = a[1].IsTrue()
			s.mu.Unlock()
			return interp.Unspecified
		case "collector", "maximum-stack-depth", "random-seed", "library-extensions", "library-path":
			return th.Error("set-config!", "option may not be configured now", a[0])
		}
		return th.Error("set-config!", "expected a config option", a[0])
	})
	interp.Define("full-command-line", func(th *interp.Thread, a []interp.Value) interp.Value {
		return strs(append([]string{os.Args[0]}, th.In.Args...))
	})
	interp.Define("library-path", func(th *interp.Thread, a []interp.Value) interp.Value {
		return strs(th.In.LibPath)
	})
	interp.Define("no-value", func(th *interp.Thread, a []interp.Value) interp.Value { return interp.Unspecified })
}
