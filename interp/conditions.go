package interp

import "strings"

// Foment's view of an error object: a type, who raised it, a kind, a message and irritants.
// Our conditions carry one Kind; the kinds below are, in Foment, assertion-violations of that
// kind, and "error" (raised by error) is an assertion-violation of no kind.

var conditionKinds = map[string]bool{
	"file-error": true, "position-error": true, "unknown-encoding-error": true,
	"encoding-error": true, "decoding-error": true, "uncaught-exception": true,
	"terminated-thread-exception": true, "join-timeout-exception": true,
}

// ConditionType returns the error-object-type of a condition.
func (c *Condition) ConditionType() string {
	switch {
	case c.Type != "":
		return c.Type
	case conditionKinds[c.Kind], c.Kind == "error", c.Kind == "i/o-error":
		return "assertion-violation"
	}
	return c.Kind
}

// ConditionKind returns the error-object-kind of a condition, or "" for none.
func (c *Condition) ConditionKind() string {
	if c.Type != "" || conditionKinds[c.Kind] {
		return c.Kind
	}
	return ""
}

// NewCondition makes a condition raised at the thread's current place; kind is one of the
// kinds above or a type ("assertion-violation"). Raise it with th.Raise.
func (th *Thread) NewCondition(kind, who, msg string, irritants ...Value) *Condition {
	return th.newCondition(kind, who, msg, irritants)
}

// messageWho returns the who of a message written "who: text", or "".
func messageWho(msg string) string {
	if strings.Contains(msg, ": no syntax-rules pattern matches") {
		return "syntax-rules" // as Foment names a macro use that matches no pattern
	}
	who, _, ok := strings.Cut(msg, ": ")
	if !ok || who == "" || strings.ContainsAny(who, " ()\"") {
		return ""
	}
	return who
}

func symOrNone(s string) Value {
	if s == "" {
		return Unspecified
	}
	return Sym(s)
}

func init() {
	cond := func(v Value) *Condition { return v.o.(*Condition) }
	define("error-object-type", func(th *Thread, a []Value) Value {
		return Sym(cond(a[0]).ConditionType())
	})
	define("error-object-who", func(th *Thread, a []Value) Value {
		c := cond(a[0])
		if c.Who == "" && c.Kind == "error" {
			return Sym("error") // error leaves Who empty so that reports do not say "error: "
		}
		return symOrNone(c.Who)
	})
	define("error-object-kind", func(th *Thread, a []Value) Value {
		c := cond(a[0])
		if c.Type != "" && c.Kind == "#f" {
			return False
		}
		return symOrNone(c.ConditionKind())
	})
	define("full-error", func(th *Thread, a []Value) Value {
		typ := a[0].o.(*Symbol).Name
		c := th.newCondition(typ, a[1].o.(*Symbol).Name, a[3].o.(*String).String(), append([]Value(nil), a[4:]...))
		// A kind of #f is kept as such: error-object-kind returns #f, as in Foment.
		c.Type, c.Kind = typ, Display(a[2])
		return th.Raise(Obj(c), false)
	})
}
