// Package interp is the Foment Scheme interpreter: it compiles the reader's data to closures and
// runs them, with the hooks a debugger needs. It never imports the analyzer, lsp or dap.
package interp

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"foment-ls/catalog"
	"foment-ls/libpath"
	"foment-ls/srcfile"
	"foment-ls/syntax"
)

// Interp is one running program: its libraries, globals, ports and threads.
type Interp struct {
	mu        sync.Mutex
	threads   []*Thread
	dbg       debugState
	cancelled bool

	builtinEnv *Env
	coreScope  *scope
	libraries  map[string]*library
	loading    map[string]bool
	// sources records the state of each library source written in Scheme (schemelib.go).
	sources map[*schemeSource]sourceState
	// state is what library packages keep per interpreter (State).
	stateMu sync.Mutex
	state   map[any]any

	// Where code came from: a source map for each file read, and one for generated code.
	smu      sync.Mutex
	filemaps []sourceMap
	srcmap   sourceMap

	// Args is what (command-line) returns: the script name and its arguments.
	Args []string
	// LibPath is searched for user libraries, as Foment searches its library path; when it
	// is empty, RunSource sets it from Library and the program's place (package libpath).
	LibPath []string
	// LibExts are the library file extensions tried, without the dot (nil: sld, scm).
	LibExts []string
	// Library holds the -I, -A and -X options and FOMENT_LIBPATH.
	Library libpath.Options
	// Limits bound the source files read: the program, includes, libraries, load.
	Limits srcfile.Limits

	// includeEdges are the includes expanded so far, file to file: an include that closes a
	// cycle in them would expand forever. includes counts the files included.
	includeMu    sync.Mutex
	includeEdges map[string]map[string]bool
	includes     int

	Stdin  *Port
	Stdout *Port
	Stderr *Port
	// The current-input/output/error-port parameters.
	curIn, curOut, curErr *Parameter

	// OnExit functions run when the program ends (sockets close themselves this way).
	exitMu sync.Mutex
	onExit []func()

	main    *Thread
	replEnv *Env

	// world is where the program's nondeterministic inputs come from (world.go); net is its
	// socket calls, sched its scheduler when it runs threads serially (serial.go).
	world World
	net   Net
	sched Scheduler
	serialState

	// gil lets one Scheme thread run at a time (threads.go).
	gil      gilLock
	gilOwner atomic.Pointer[Thread] // the thread that runs: the one an out-of-memory interrupts
	gilTurns atomic.Uint64          // the times a thread took the lock (the ticker looks)
	tickOnce sync.Once
	finished bool

	// memLimit is the heap limit of memory.go (0: none); watching, once the heap is watched.
	memLimit int64
	watching bool
	oomState atomic.Int32
	oomGen   atomic.Uint64 // out-of-memory errors raised

	// recordIDs numbers the records the program makes (what write shows of them): per
	// interpreter, so that a program run again in the same process shows the same numbers.
	recordIDs atomic.Uint64
}

// Options configure a new interpreter.
type Options struct {
	Args   []string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// MemoryLimit is the heap size beyond which allocations raise "out of memory" (memory.go):
	// 0 means DefaultMemoryLimit(), a negative value no limit.
	MemoryLimit int64
	// World gives the program its time, environment, input, sockets and thread order
	// (world.go); nil is Live.
	World World
}

// extensions lets packages built on interp (interp/socket) add builtins to every interpreter.
var extensions []func(in *Interp)

// RegisterExtension adds a function that runs when each interpreter is created.
func RegisterExtension(f func(in *Interp)) { extensions = append(extensions, f) }

// New makes an interpreter.
func New(opt Options) *Interp {
	in := &Interp{
		builtinEnv: NewEnv("builtins"),
		libraries:  map[string]*library{},
		loading:    map[string]bool{},
		sources:    map[*schemeSource]sourceState{},
		srcmap:     sourceMap{},
		Args:       opt.Args,
		memLimit:   opt.MemoryLimit,
		world:      opt.World,
	}
	if in.world == nil {
		in.world = Live
	}
	in.net = in.world.Net()
	in.sched = in.world.Scheduler()
	in.replaying = in.sched != nil && in.sched.Replaying()
	in.start = in.world.Now(nil)
	in.live.Store(1) // the main thread
	if in.memLimit == 0 {
		in.memLimit = DefaultMemoryLimit()
	}
	if opt.Stdin == nil {
		opt.Stdin = os.Stdin
	}
	if opt.Stdout == nil {
		opt.Stdout = os.Stdout
	}
	if opt.Stderr == nil {
		opt.Stderr = os.Stderr
	}
	in.Stdout = NewTextOutputPort("standard-output", opt.Stdout)
	in.Stderr = NewTextOutputPort("standard-error", opt.Stderr)
	in.Stderr.autoFlush = true
	in.Stdout.lineFlush = isTerminal(opt.Stdout)
	in.Stdin = NewTextInputPort("standard-input", opt.Stdin)
	in.Stdin.flushBeforeRead = in.Stdout
	if in.sched != nil {
		// Serial: standard input is read through the world, letting go of the lock.
		in.Stdin = in.serialStdin(&stdinDevice{w: in.world, r: opt.Stdin, fd: in.Stdin.fd})
	}
	in.curIn = &Parameter{Value: Obj(in.Stdin), Converter: False}
	in.curOut = &Parameter{Value: Obj(in.Stdout), Converter: False}
	in.curErr = &Parameter{Value: Obj(in.Stderr), Converter: False}
	in.coreScope = &scope{vars: map[bkey]*binding{}, env: in.builtinEnv}
	in.installBuiltins()
	in.main = newThread(in, "main")
	for _, f := range extensions {
		f(in)
	}
	return in
}

// Main returns the program's main thread.
func (in *Interp) Main() *Thread { return in.main }

// OnExit registers f to run when the program ends, however it ends.
func (in *Interp) OnExit(f func()) {
	in.exitMu.Lock()
	in.onExit = append(in.onExit, f)
	in.exitMu.Unlock()
}

// Close runs the program's exit functions (its sockets close). RunSource does it when the
// program ends; a caller of Execute does it.
func (in *Interp) Close() { in.runExit() }

func (in *Interp) runExit() {
	in.exitMu.Lock()
	fs := in.onExit
	in.onExit = nil
	in.exitMu.Unlock()
	for i := len(fs) - 1; i >= 0; i-- {
		fs[i]()
	}
	in.main.closeResources()
}

// installBuiltins binds every catalogued name in the builtin environment, and makes the
// builtin libraries from the catalogue's library lists.
func (in *Interp) installBuiltins() {
	all := catalog.All()
	for _, e := range all {
		if e.Alias != "" {
			continue // bound below, once its original is
		}
		g := in.builtinEnv.intern(Intern(e.Name))
		g.Imported, g.Defined = true, true
		switch e.Kind {
		case catalog.Procedure:
			p := registry[e.Name]
			if p == nil {
				break // written in Scheme (schemelib.go), or reported by MissingImplementations
			}
			g.Value = Obj(p)
			// The current ports are parameter objects, so that parameterize rebinds them.
			switch e.Name {
			case "current-input-port":
				g.Value = Obj(in.curIn)
			case "current-output-port":
				g.Value = Obj(in.curOut)
			case "current-error-port":
				g.Value = Obj(in.curErr)
			}
		case catalog.Syntax:
			if sp := specials[e.Name]; sp != nil {
				g.special = sp
			} else if gm := goMacros[e.Name]; gm != nil {
				g.macro = &Macro{name: e.Name, goExpand: gm}
			} else if ext := syntaxExt[e.Name]; ext != nil {
				g.macro = &Macro{name: e.Name, goExpand: ext}
			}
		case catalog.Constant:
			g.Value = Fixnum(e.Value)
		case catalog.Variable:
			if v, ok := variables[e.Name]; ok {
				g.Value = v(in)
			}
		}
		for _, lib := range e.Libs {
			in.builtinLibrary(lib).exports[g.Name] = g
		}
	}
	// A rename exports the original's binding under another name, as Foment's
	// (rename inexact exact->inexact) does: the same procedure, eq? to the original.
	for _, e := range all {
		if e.Alias == "" {
			continue
		}
		g := in.builtinEnv.Lookup(Intern(e.Alias))
		name := Intern(e.Name)
		in.builtinEnv.vars[name] = g
		for _, lib := range e.Libs {
			in.builtinLibrary(lib).exports[name] = g
		}
	}
	for alias, lib := range catalog.LibraryAliases() {
		if l := in.libraries[lib]; l != nil {
			in.libraries[alias] = l
		}
	}
}

// builtinLibrary returns the builtin library of that name, made empty if needed.
func (in *Interp) builtinLibrary(name string) *library {
	l := in.libraries[name]
	if l == nil {
		l = &library{name: name, exports: map[*Symbol]*Global{}, builtin: true}
		in.libraries[name] = l
	}
	return l
}

// variables are catalogued variables whose value is made per interpreter.
var variables = map[string]func(in *Interp) Value{}

// syntaxExt are syntax forms added by other packages (the socket constant forms).
var syntaxExt = map[string]func(c *compiler, x Value, sc *scope) Value{}

// internal holds primitives that generated code calls but programs cannot name.
var internal = map[string]*Primitive{}

func defineInternal(name string, min, max int, fn func(th *Thread, args []Value) Value) {
	internal[name] = &Primitive{Name: name, Min: min, Max: max, Fn: fn}
}

// sites returns where a pair of code came from.
func (in *Interp) sites(p *Pair) *Site {
	in.smu.Lock()
	s := in.codeSite(p)
	in.smu.Unlock()
	if s == nil {
		s = in.readSite(p)
	}
	return s
}

// codeSite returns where a pair of code read from a file, or generated from it, came from;
// the caller holds smu.
func (in *Interp) codeSite(p *Pair) *Site {
	for i := len(in.filemaps) - 1; i >= 0; i-- {
		if s := in.filemaps[i][p]; s != nil {
			return s
		}
	}
	return in.srcmap[p]
}

// copySite gives generated code the position of the form it came from.
func (in *Interp) copySite(to, from Value) {
	tp, ok := to.o.(*Pair)
	if !ok {
		return
	}
	fp, ok := from.o.(*Pair)
	if !ok {
		return
	}
	in.smu.Lock()
	s := in.codeSite(fp)
	if s != nil {
		in.srcmap[tp] = s
	}
	in.smu.Unlock()
	if s == nil {
		if s := in.readSite(fp); s != nil {
			in.addReadSite(tp, s)
		}
	}
}

// readCode reads a file's forms as code (identifiers with positions).
func (in *Interp) readCode(name string, src []byte) ([]Value, error) {
	// Each datum is converted as soon as it is read, so the reader's memory serves again for
	// the next. The file has its own source map, made at about its size (a list for every 20
	// bytes of source): one map growing with every file cost a fifth of the time to load a
	// large program.
	r := syntax.NewBytesReader(name, src)
	r.Reuse()
	cv := converter{file: name, rd: r, sm: make(sourceMap, len(src)/20)}
	var out []Value
	for {
		d, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *syntax.Error
			if errors.As(err, &se) {
				return nil, &SyntaxError{Site: &Site{File: name, Span: se.Span}, Msg: "read: " + se.Msg}
			}
			return nil, err
		}
		out = append(out, cv.datum(d))
	}
	in.smu.Lock()
	in.filemaps = append(in.filemaps, cv.sm)
	in.smu.Unlock()
	return out, nil
}

// RunFile runs a program file, as `foment FILE ARGS...` does. The error is a *SyntaxError, an
// *Uncaught, an *ExitError, or an I/O error; standard output is flushed in every case.
func (in *Interp) RunFile(path string) error {
	src, err := srcfile.Read(path, in.Limits)
	if err != nil {
		if errors.Is(err, srcfile.ErrRefused) {
			return fmt.Errorf("unable to open program: %w", err)
		}
		return fmt.Errorf("unable to open program: %s", path)
	}
	return in.RunSource(path, src)
}

// RunSource compiles a whole program, then runs it.
func (in *Interp) RunSource(name string, src []byte) error {
	defer in.Stdout.Flush()
	defer in.runExit()
	if len(in.Args) == 0 {
		in.Args = []string{name}
	}
	prog, err := in.CompileProgram(name, src)
	if err != nil {
		return err
	}
	return in.Execute(prog)
}

// Program is a compiled program, ready to run.
type Program struct {
	File string
	body code
	unit *codeUnit
	Env  *Env
}

// CompileProgram compiles a program: its imports, then every form in order.
func (in *Interp) CompileProgram(name string, src []byte) (prog *Program, err error) {
	if len(in.LibPath) == 0 {
		// Foment's library path for this program (package libpath).
		p := libpath.ForProgram(name, in.Library)
		in.LibPath, in.LibExts = p.Dirs, p.Exts
	}
	forms, err := in.readCode(name, src)
	if err != nil {
		return nil, err
	}
	in.noteSource(name) // the program is the first of its files, before its libraries
	env := NewEnv("program")
	c := &compiler{in: in, file: name, strict: true}
	var cur Value // the top-level form being compiled
	defer func() {
		if r := recover(); r != nil {
			switch x := r.(type) {
			case *SyntaxError:
				prog, err = nil, x
			// A library the program imports or defines ran its body: that body raised or exited.
			case *schemeRaise:
				prog, err = nil, x.uncaught()
			case *Uncaught, *ExitError, *Terminate:
				prog, err = nil, x.(error)
			case runtime.Error:
				// A bug of ours: report it at the form, rather than crash.
				prog, err = nil, &SyntaxError{Site: c.siteOf(cur), Msg: "internal error while compiling: " + x.Error(),
					Form: stripSyntax(cur)}
			default:
				panic(r)
			}
		}
	}()
	ctx := &lambdaCtx{}
	sc := &scope{vars: map[bkey]*binding{}, lam: ctx, env: env}
	i := 0
	for ; i < len(forms); i++ {
		cur = forms[i]
		p, ok := forms[i].o.(*Pair)
		if !ok {
			break
		}
		// A program starts with its imports; Foment also takes the libraries it defines there.
		if h := identName(p.Car); h == "import" {
			in.processImport(c, forms[i], env)
		} else if h == "define-library" {
			c.defineLibrary(forms[i])
		} else {
			break
		}
	}
	if i == 0 && len(forms) > 0 {
		c.errorf(forms[0], "program: a program must start with an import")
	}
	var nodes []node
	c.procLater = procDefinitions(forms[i:])
	for _, f := range forms[i:] {
		cur = f
		nodes = c.compileTop(f, sc, nodes)
	}
	// Like Foment, refuse to run a program that uses a variable nobody defines.
	if err := env.undefinedUses("program"); err != nil {
		return nil, err
	}
	body, unit := genUnit(&seqN{body: append(nodes, &constN{Unspecified})}, ctx, in.recorder(), false)
	in.announce()
	return &Program{File: name, body: body, unit: unit, Env: env}, nil
}

// undefinedUses is the syntax violation of a program or library body (who) that uses global
// variables it neither defines nor imports, located at the first use; nil when there are none.
func (e *Env) undefinedUses(who string) *SyntaxError {
	var missing []string
	var first *Site
	for _, nm := range e.Names() {
		g := e.Lookup(Intern(nm))
		if g.firstUse != nil && !g.Defined && !g.Imported && !g.IsSyntax() {
			missing = append(missing, nm)
			if first == nil || siteBefore(g.firstUse, first) {
				first = g.firstUse
			}
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return &SyntaxError{Site: first, Msg: who + ": identifier(s) used but never defined: " + strings.Join(missing, " ")}
}

func siteBefore(a, b *Site) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	return a.Span.Start.Offset < b.Span.Start.Offset
}

// compileTop compiles one top-level form of a program or library body.
func (c *compiler) compileTop(f Value, sc *scope, nodes []node) []node {
	if p, ok := f.o.(*Pair); ok {
		// What a macro use expands to is located at the use (the template's pairs have no
		// place of their own).
		if s := c.in.sites(p); s != nil {
			c.sites = append(c.sites, s)
			defer func() { c.sites = c.sites[:len(c.sites)-1] }()
		}
	}
	f, b, p := c.expandHead(f, sc)
	if b == nil || b.kind != bGlobal || b.global.special == nil {
		n := c.compile(f, sc, false)
		if _, ok := n.(*stepN); ok {
			return append(nodes, n)
		}
		return append(nodes, &stepN{e: n, site: c.siteOf(f)})
	}
	switch b.global.Name.Name {
	case "begin":
		sub, ok := ListToSlice(p.Cdr)
		if !ok {
			c.errorf(f, "begin: improper list")
		}
		for _, s := range sub {
			nodes = c.compileTop(s, sc, nodes)
		}
		return nodes
	case "define":
		id, val := c.parseDefine(f, p)
		g := c.defineGlobal(id, sc, f)
		proc := false
		if dp, ok := p.Cdr.o.(*Pair); ok {
			_, proc = dp.Car.o.(*Pair)
		}
		outer := c.inProcDef
		c.inProcDef = proc
		v := c.compile(val, sc, false)
		c.inProcDef = outer
		if proc {
			// Foment gives it its value here: the literals of that name match no more.
			if c.procDone == nil {
				c.procDone = map[*Symbol]*Site{}
			}
			c.procDone[g.Name] = c.siteOf(f)
		}
		nameLambda(v, identName(id))
		return append(nodes, &setGlobalN{g: g, val: v, site: c.siteOf(f), define: true})
	case "define-values":
		formals, expr := c.parseDefineValues(f, p)
		req, rest := c.parseFormals(formals, f, "define-values")
		// Bind to temporaries, then copy to the globals.
		mv := &mvBindN{expr: c.compile(expr, sc, false), site: c.siteOf(f)}
		var sets []node
		for _, id := range req {
			t := c.tmp(sc, identName(id))
			mv.req = append(mv.req, t)
			sets = append(sets, &setGlobalN{g: c.defineGlobal(id, sc, f), val: &localN{b: t}, define: true, site: c.siteOf(f)})
		}
		if rest.o != nil {
			t := c.tmp(sc, identName(rest))
			mv.rest = t
			sets = append(sets, &setGlobalN{g: c.defineGlobal(rest, sc, f), val: &localN{b: t}, define: true, site: c.siteOf(f)})
		}
		return append(append(nodes, mv), sets...)
	case "define-syntax":
		id, m := c.parseDefineSyntax(f, p, sc)
		g := c.defineGlobal(id, sc, f)
		g.macro, g.Value = m, Unspecified
		return nodes
	case "include", "include-ci":
		for _, s := range c.includeForms(f) {
			nodes = c.compileTop(s, sc, nodes)
		}
		return nodes
	case "import":
		// Foment accepts imports between the forms of a program.
		c.in.processImport(c, f, sc.env)
		return nodes
	case "define-library":
		// And libraries defined in the program, which it may import after.
		c.defineLibrary(f)
		return nodes
	}
	return append(nodes, c.compile(f, sc, false))
}

// defineGlobal makes the global a top-level definition assigns.
func (c *compiler) defineGlobal(id Value, sc *scope, form Value) *Global {
	sym := identSym(id)
	if sc.env.immutable {
		panic(&SyntaxError{Site: c.siteOf(form), Msg: identName(form.o.(*Pair).Car) + ": environment is immutable",
			Form: stripSyntax(form), Kind: "assertion-violation"})
	}
	g := sc.env.Lookup(sym)
	if g != nil && g.Imported && c.strict {
		// As in Foment: a program or library may not define a name it imports.
		who := identName(form.o.(*Pair).Car)
		if who != "define-values" {
			who = "define"
		}
		c.errorf(form, "%s: imported variable %s cannot be redefined", who, sym.Name)
	}
	if g != nil && g.Imported {
		// The interaction environment may redefine an imported name: it gets its own cell
		// from here on.
		sc.env.mu.Lock()
		delete(sc.env.vars, sym)
		sc.env.mu.Unlock()
	}
	g = sc.env.intern(sym)
	g.Defined = true
	g.macro = nil
	g.special = nil
	g.Site = c.siteOf(id)
	return g
}

// Execute runs a compiled program on the main thread.
func (in *Interp) Execute(prog *Program) (err error) {
	th := in.main
	in.watchHeap()
	th.acquireGIL()
	defer th.releaseGIL()
	defer func() {
		in.mu.Lock()
		in.finished = true
		in.mu.Unlock()
	}()
	th.entry = &entryPoint{unit: prog.unit}
	return th.runTop(func() {
		// Grow before moving sp: grow copies the stack up to sp.
		if prog.unit.frameSize > len(th.stack) {
			th.grow(prog.unit.frameSize)
		}
		th.sp = prog.unit.frameSize
		prog.body(th)
	})
}

// uncaught is the error of a raise that nothing caught.
func (x *schemeRaise) uncaught() *Uncaught {
	trace := x.trace
	if c, ok := x.obj.o.(*Condition); ok {
		trace = c.Trace
	}
	return &Uncaught{Obj: x.obj, Site: x.site, Trace: trace}
}

// runTop runs f and turns the ways a program can end into errors.
func (th *Thread) runTop(f func()) (err error) {
	saved := th.save()
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		th.restore(saved)
		th.winders = nil
		switch x := r.(type) {
		case *schemeRaise:
			err = x.uncaught()
		case *bottomReturn:
			// The program ended in the goroutine of a re-entered continuation (rebuild.go).
			err = nil
		case *exitRequest:
			err = &ExitError{Code: x.code}
		case *Terminate:
			err = x
		case *SyntaxError:
			err = x
		case runtime.Error:
			if strings.Contains(x.Error(), "stack overflow") {
				err = &Uncaught{Obj: Obj(th.newCondition("implementation-restriction", "", "stack overflow", nil))}
				return
			}
			// A bug of ours: report it where the program was, rather than crash.
			buf := make([]byte, 8192)
			buf = buf[:runtime.Stack(buf, false)]
			c := th.newCondition("implementation-restriction", "", "internal error: "+x.Error(), nil)
			c.Irritants = []Value{Str(string(buf))}
			err = &Uncaught{Obj: Obj(c), Trace: c.Trace}
		default:
			panic(r)
		}
	}()
	f()
	return nil
}

func (t *Terminate) Error() string { return "terminated: " + t.Reason }

// ReportError writes an error from RunFile the way the command line shows it: the
// "file:line:col: who: message irritants" line, then a short backtrace.
func ReportError(w io.Writer, err error) {
	var u *Uncaught
	if errors.As(err, &u) {
		fmt.Fprintln(w, u.Error())
		trace := u.Trace
		if len(trace) > 1 {
			fmt.Fprintln(w, "backtrace:")
			n := 0
			for _, s := range trace[1:] {
				if n == 10 {
					fmt.Fprintf(w, "  ... %d more\n", len(trace)-1-n)
					break
				}
				name := s.Name
				if name == "" {
					name = "?"
				}
				fmt.Fprintf(w, "  %s: (%s ...)\n", s, name)
				n++
			}
		}
		return
	}
	fmt.Fprintln(w, err.Error())
}
