package analyzer

// state is what one point of the flow knows beyond the values variables are bound to: the
// variables narrowed by tests ((if (eof-object? x) …)), the state of each socket, and what the
// procedure being summarised has required of its parameters so far on every path to here.
// States are small (a procedure holds a few variables and sockets at once): slices, copied
// where the flow branches.
type state struct {
	dead  bool // no path reaches here
	vars  []varFact
	socks []sockFact
	needs []needFact
}

type varFact struct {
	def *Def
	v   value
}

// needFact: on every path to here, the procedure failed unless its parameter param was of one
// of the classes in k (kAll: nothing required); why is the first use that required it.
type needFact struct {
	param int
	k     kset
	why   *demand
}

func (s *state) clone() *state {
	c := &state{dead: s.dead}
	if len(s.vars) > 0 {
		c.vars = append([]varFact(nil), s.vars...)
	}
	if len(s.socks) > 0 {
		c.socks = append([]sockFact(nil), s.socks...)
	}
	if len(s.needs) > 0 {
		c.needs = append([]needFact(nil), s.needs...)
	}
	return c
}

// set makes s a copy of o.
func (s *state) set(o *state) {
	s.dead = o.dead
	s.vars = append(s.vars[:0], o.vars...)
	s.socks = append(s.socks[:0], o.socks...)
	s.needs = append(s.needs[:0], o.needs...)
}

func (s *state) varOf(d *Def) (value, bool) {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].def == d {
			return s.vars[i].v, true
		}
	}
	return value{}, false
}

func (s *state) setVar(d *Def, v value) {
	for i := range s.vars {
		if s.vars[i].def == d {
			s.vars[i].v = v
			return
		}
	}
	s.vars = append(s.vars, varFact{d, v})
}

func (s *state) forgetVar(d *Def) {
	for i := range s.vars {
		if s.vars[i].def == d {
			s.vars = append(s.vars[:i], s.vars[i+1:]...)
			return
		}
	}
}

func (s *state) sock(o *sockObj) *sockFact {
	if o == nil || s == nil {
		return nil
	}
	for i := range s.socks {
		if s.socks[i].obj == o {
			return &s.socks[i]
		}
	}
	return nil
}

func (s *state) addSock(f sockFact) *sockFact {
	if g := s.sock(f.obj); g != nil {
		*g = f
		return g
	}
	s.socks = append(s.socks, f)
	return &s.socks[len(s.socks)-1]
}

func (s *state) need(param int) *needFact {
	for i := range s.needs {
		if s.needs[i].param == param {
			return &s.needs[i]
		}
	}
	return nil
}

// require records that the path fails unless parameter param is of the classes in k.
func (s *state) require(param int, k kset, why *demand) {
	if n := s.need(param); n != nil {
		if n.k&^k != 0 {
			n.k &= k
			if n.why == nil || n.k == k {
				n.why = why
			}
		}
		return
	}
	s.needs = append(s.needs, needFact{param, k, why})
}

// merge makes s the join of s and o: what holds on either path.
func (s *state) merge(o *state) {
	switch {
	case o.dead:
		return
	case s.dead:
		s.set(o)
		return
	}
	// A variable is narrowed after the join only as far as both paths narrowed it.
	out := s.vars[:0]
	for _, f := range s.vars {
		if v, ok := o.varOf(f.def); ok {
			f.v = join(f.v, v)
			out = append(out, f)
		}
	}
	s.vars = out
	// A socket known on one path only is unknown after the join: it was made on that path
	// (and is not reachable from the other), or the other path lost track of it.
	socks := s.socks[:0]
	for _, f := range s.socks {
		if g := o.sock(f.obj); g != nil {
			socks = append(socks, joinFacts(f, *g))
		} else if f.obj.local && !f.escaped {
			// Made on this path only: keep it, so that its leak is still seen.
			socks = append(socks, f)
		}
	}
	for _, g := range o.socks {
		if s.sockIn(socks, g.obj) == nil && g.obj.local && !g.escaped {
			socks = append(socks, g)
		}
	}
	s.socks = socks
	// A requirement holds after the join when both paths had it (the union of what they allow).
	needs := s.needs[:0]
	for _, n := range s.needs {
		if m := o.need(n.param); m != nil {
			n.k |= m.k
			if n.why == nil {
				n.why = m.why
			}
			if n.k != kAll {
				needs = append(needs, n)
			}
		}
	}
	s.needs = needs
}

func (s *state) sockIn(fs []sockFact, o *sockObj) *sockFact {
	for i := range fs {
		if fs[i].obj == o {
			return &fs[i]
		}
	}
	return nil
}

// covers reports whether s already holds all that o knows less of: a loop has reached its fixed
// point when the state at its head no longer grows.
func (s *state) covers(o *state) bool {
	c := s.clone()
	c.merge(o)
	return c.equal(s)
}

func (s *state) equal(o *state) bool {
	if s.dead || o.dead {
		return s.dead == o.dead
	}
	if len(s.vars) != len(o.vars) || len(s.socks) != len(o.socks) || len(s.needs) != len(o.needs) {
		return false
	}
	for _, f := range s.vars {
		if v, ok := o.varOf(f.def); !ok || !same(v, f.v) {
			return false
		}
	}
	for i := range s.socks {
		if g := o.sock(s.socks[i].obj); g == nil || !g.equal(&s.socks[i]) {
			return false
		}
	}
	for _, n := range s.needs {
		if m := o.need(n.param); m == nil || m.k != n.k {
			return false
		}
	}
	return true
}

// havocEscaped: the sockets that went where the analysis cannot follow them may have been used
// meanwhile (a call of a procedure the analysis does not know).
func (s *state) havocEscaped() {
	for i := range s.socks {
		if s.socks[i].escaped || s.socks[i].obj.shared {
			s.socks[i].havoc()
		}
	}
}
