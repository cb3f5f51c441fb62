package interp

// (set!-values formals expr): the values of expr, bound to temporaries, then assigned.
func compileSetValues(c *compiler, x Value, sc *scope, tail bool) node {
	a := c.formArgs(x, 2, 2)
	req, rest := c.parseFormals(a[0], x, "set!-values")
	mv := &mvBindN{expr: c.compile(a[1], sc, false), site: c.siteOf(x), who: "set!-values"}
	body := []node{mv}
	for _, id := range req {
		t := c.tmp(sc, identName(id))
		mv.req = append(mv.req, t)
		body = append(body, c.assign(x, id, &localN{b: t}, sc))
	}
	if rest.o != nil {
		t := c.tmp(sc, identName(rest))
		mv.rest = t
		body = append(body, c.assign(x, rest, &localN{b: t}, sc))
	}
	return &seqN{append(body, &constN{Unspecified})}
}

func init() { specials["set!-values"] = compileSetValues }
