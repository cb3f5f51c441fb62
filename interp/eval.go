package interp

func init() {
	define("eval", func(th *Thread, a []Value) Value {
		env := th.In.interactionEnv()
		if len(a) > 1 {
			env = a[1].o.(*Env)
		}
		body, unit := th.compileEval(a[0], env)
		return th.runEval(body, unit, func(base int) resumer { return &evalResumer{unit: unit, base: base} })
	})
	define("environment", func(th *Thread, a []Value) Value {
		env := th.importsEnv("environment", a)
		env.immutable = true
		return Obj(env)
	})
	define("interaction-environment", func(th *Thread, a []Value) Value {
		if len(a) == 0 {
			return Obj(th.In.interactionEnv())
		}
		// Foment: a fresh interaction environment of the import sets.
		return Obj(th.importsEnv("interaction", a))
	})
}

// importsEnv makes an environment of the names of import sets given as data.
func (th *Thread) importsEnv(name string, sets []Value) *Env {
	env := NewEnv(name)
	c := &compiler{in: th.In}
	th.compileGuarded(func() {
		for _, set := range sets {
			for n, g := range th.In.importSet(c, set) {
				env.bindImport(n, g)
			}
		}
	})
	return env
}

func (in *Interp) interactionEnv() *Env {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.replEnv == nil {
		in.replEnv = NewEnv("interaction")
		if l := in.libraries["foment base"]; l != nil {
			for name, g := range l.exports {
				in.replEnv.vars[name] = g
			}
		}
	}
	return in.replEnv
}

// compileGuarded turns a compile-time error into a Scheme syntax-violation. The body of a
// library compiled meanwhile runs on a thread of its own: what it raised is raised again here,
// where the caller's handlers see it, and its exit is this thread's.
func (th *Thread) compileGuarded(f func()) {
	var se *SyntaxError
	var lib *Uncaught
	func() {
		defer func() {
			if r := recover(); r != nil {
				switch e := r.(type) {
				case *SyntaxError:
					se = e
					return
				case *Uncaught:
					lib = e
					return
				case *ExitError:
					panic(&exitRequest{code: e.Code})
				}
				panic(r)
			}
		}()
		f()
	}()
	if lib != nil {
		th.Raise(lib.Obj, false)
	}
	if se != nil {
		saved := th.site
		if se.Site != nil && se.Site.File != "" {
			th.site = se.Site
		}
		kind := se.Kind
		if kind == "" {
			kind = "syntax-violation"
		}
		who := se.Who
		if who == "" {
			who = messageWho(se.Msg)
		}
		th.Raise(Obj(th.newCondition(kind, who, se.Msg, []Value{se.Form})), false)
		th.site = saved
	}
}

// Eval compiles and runs a datum in an environment, on this thread.
func (th *Thread) Eval(expr Value, env *Env) Value {
	body, unit := th.compileEval(expr, env)
	return th.runEval(body, unit, nil)
}

func (th *Thread) compileEval(expr Value, env *Env) (body code, unit *codeUnit) {
	ctx := &lambdaCtx{}
	sc := &scope{vars: map[bkey]*binding{}, lam: ctx, env: env}
	th.compileGuarded(func() {
		c := &compiler{in: th.In}
		nodes := c.compileTop(expr, sc, nil)
		if len(nodes) == 0 {
			// A definition of syntax: nothing to run.
			nodes = []node{&constN{Unspecified}}
		}
		// The value of eval is the value of the last node.
		body, unit = genUnit(&seqN{body: nodes}, ctx, nil, false)
	})
	return body, unit
}

// runEval runs an eval's code in a frame of its own above the stack. With resumer, the code
// runs in a builtin's frame (eval's, load's) that goes on with the resumer it makes for the
// frame's base, for a re-entered continuation (rebuild.go).
func (th *Thread) runEval(body code, unit *codeUnit, resumer func(base int) resumer) Value {
	savedFp, savedClo, base := th.fp, th.clo, th.sp
	need := base + unit.frameSize
	if need+8 > len(th.stack) {
		th.grow(need + 8)
	}
	th.fp, th.clo, th.sp = base, nil, need
	var v Value
	if top := len(th.frames) - 1; resumer != nil && top >= 0 {
		saved := th.frames[top].resumer()
		th.frames[top].setResumer(resumer(base))
		v = body(th)
		th.frames[top].setResumer(saved)
	} else {
		v = body(th)
	}
	th.fp, th.clo, th.sp = savedFp, savedClo, base
	return v
}

// evalResumer re-enters the code of an eval where a continuation captured in it waits.
type evalResumer struct {
	unit *codeUnit
	base int
}

func (e *evalResumer) clone() resumer    { c := *e; return &c }
func (e *evalResumer) unitOf() *codeUnit { return e.unit }
func (e *evalResumer) resume(th *Thread, c code) Value {
	savedFp, savedClo := th.fp, th.clo
	th.fp, th.clo, th.sp = e.base, nil, e.base+e.unit.frameSize
	v := c(th)
	th.fp, th.clo, th.sp = savedFp, savedClo, e.base
	return v
}

// loading is load: it evaluates the forms of a file in turn; it goes on from a copy of itself
// (the form being evaluated re-entered, then the next ones) for a re-entered continuation.
type loading struct {
	forms []Value
	next  int
	env   *Env
	at    evalResumer // the form being evaluated
}

func (l *loading) clone() resumer    { c := *l; return &c }
func (l *loading) unitOf() *codeUnit { return l.at.unit }
func (l *loading) resume(th *Thread, c code) Value {
	l.at.resume(th, c)
	return l.run(th)
}

func (l *loading) run(th *Thread) Value {
	for l.next < len(l.forms) {
		body, unit := th.compileEval(l.forms[l.next], l.env)
		l.next++
		th.runEval(body, unit, func(base int) resumer {
			l.at = evalResumer{unit: unit, base: base}
			return l
		})
	}
	return Unspecified
}
