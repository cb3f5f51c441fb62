package interp

func init() {
	define("eval", func(th *Thread, a []Value) Value {
		env := th.In.interactionEnv()
		if len(a) > 1 {
			env = a[1].o.(*Env)
		}
		return th.Eval(a[0], env)
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
	ctx := &lambdaCtx{}
	sc := &scope{vars: map[bkey]*binding{}, lam: ctx, env: env}
	var body code
	th.compileGuarded(func() {
		c := &compiler{in: th.In}
		nodes := c.compileTop(expr, sc, nil)
		if len(nodes) == 0 {
			// A definition of syntax: nothing to run.
			nodes = []node{&constN{Unspecified}}
		}
		// The value of eval is the value of the last node.
		body = gen(&seqN{nodes}, &genCtx{lam: ctx, freeIdx: map[*binding]int{}})
	})
	savedFp, savedClo, base := th.fp, th.clo, th.sp
	need := base + len(ctx.locals)
	if need+8 > len(th.stack) {
		th.grow(need + 8)
	}
	th.fp, th.clo, th.sp = base, nil, need
	v := body(th)
	th.fp, th.clo, th.sp = savedFp, savedClo, base
	return v
}
