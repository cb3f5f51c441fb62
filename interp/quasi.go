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
	switch x := v.o.(type) {
	case *Pair:
		if k, _, ok := c.qqHead(v, sc); ok && k != "quasiquote" {
			return true
		}
		return c.hasUnquote(x.Car, sc) || c.hasUnquote(x.Cdr, sc)
	case *Vector:
		for _, e := range x.Items {
			if c.hasUnquote(e, sc) {
				return true
			}
		}
	}
	return false
}

func (c *compiler) qq(v Value, depth int, sc *scope, whole Value) Value {
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
