package interp

// compileQuasiquote rewrites `x into cons/append/list->vector calls.
func compileQuasiquote(c *compiler, x Value, sc *scope, tail bool) node {
	a := c.formArgs(x, 1, 1)
	return c.compile(c.qq(a[0], 1, sc, x), sc, tail)
}

func (c *compiler) qqHead(v Value, sc *scope) (string, Value, bool) {
	p, ok := v.o.(*Pair)
	if !ok || !isIdent(p.Car) {
		return "", Value{}, false
	}
	rest, ok := p.Cdr.o.(*Pair)
	if !ok || !rest.Cdr.IsNull() {
		return "", Value{}, false
	}
	for _, k := range []string{"unquote", "unquote-splicing", "quasiquote"} {
		if c.isKeyword(p.Car, sc, k) {
			return k, rest.Car, true
		}
	}
	return "", Value{}, false
}

func (c *compiler) hasUnquote(v Value, sc *scope) bool {
	return c.unquoteIn(v, sc, &cycleGuard{budget: 10000})
}

// cycleGuard ends a walk of code that may hold cyclic data (datum labels): once a budget of
// pairs and vectors is spent, it remembers what the walk has seen.
type cycleGuard struct {
	budget int
	seen   map[any]bool
}

// visited reports whether the walk has been at k before (only known once the budget is spent).
func (g *cycleGuard) visited(k any) bool {
	if g.seen == nil {
		if g.budget--; g.budget >= 0 {
			return false
		}
		g.seen = map[any]bool{}
	}
	if g.seen[k] {
		return true
	}
	g.seen[k] = true
	return false
}

func (c *compiler) unquoteIn(v Value, sc *scope, g *cycleGuard) bool {
	switch x := v.o.(type) {
	case *Pair:
		if g.visited(x) {
			return false
		}
		if k, _, ok := c.qqHead(v, sc); ok && k != "quasiquote" {
			return true
		}
		return c.unquoteIn(x.Car, sc, g) || c.unquoteIn(x.Cdr, sc, g)
	case *Vector:
		if g.visited(x) {
			return false
		}
		for _, e := range x.Items {
			if c.unquoteIn(e, sc, g) {
				return true
			}
		}
	}
	return false
}

func (c *compiler) qq(v Value, depth int, sc *scope, whole Value) Value {
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > 10000 {
		c.errorf(whole, "quasiquote: data nested too deeply (or cyclic)")
	}
	if !c.hasUnquote(v, sc) {
		return List(c.core("quote"), stripSyntax(v))
	}
	switch x := v.o.(type) {
	case *Pair:
		if k, e, ok := c.qqHead(v, sc); ok {
			switch k {
			case "unquote":
				if depth == 1 {
					return e
				}
				return c.mk(whole, prim("list"), List(c.core("quote"), Sym("unquote")), c.qq(e, depth-1, sc, whole))
			case "quasiquote":
				return c.mk(whole, prim("list"), List(c.core("quote"), Sym("quasiquote")), c.qq(e, depth+1, sc, whole))
			case "unquote-splicing":
				if depth > 1 {
					return c.mk(whole, prim("list"), List(c.core("quote"), Sym("unquote-splicing")), c.qq(e, depth-1, sc, whole))
				}
				c.errorf(v, "unquote-splicing: not in a list")
			}
		}
		if k, e, ok := c.qqHead(x.Car, sc); ok && k == "unquote-splicing" && depth == 1 {
			if x.Cdr.IsNull() {
				return e
			}
			return c.mk(whole, prim("append"), e, c.qq(x.Cdr, depth, sc, whole))
		}
		return c.mk(whole, prim("cons"), c.qq(x.Car, depth, sc, whole), c.qq(x.Cdr, depth, sc, whole))
	case *Vector:
		return c.mk(whole, prim("list->vector"), c.qq(List(x.Items...), depth, sc, whole))
	}
	return List(c.core("quote"), stripSyntax(v))
}
