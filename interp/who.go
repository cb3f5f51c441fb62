package interp

import "strconv"

// Foment writes some of its procedures in Scheme over others, and the errors of their
// argument checks name the inner procedure (error-object-who): member is a case-lambda, map
// applies its procedure with apply, open-input-file opens with open-binary-input-file. The
// who of the same errors here is Foment's, so that a program (or Foment's own tests) that
// looks at it sees the same; the message still names the procedure that was called.

// arityWho is the who of an arity error, by procedure.
var arityWho = map[string]string{
	"member":         "case-lambda",
	"assoc":          "case-lambda",
	"load":           "case-lambda",
	"mutex-unlock!":  "case-lambda",
	"emergency-exit": "exit",
}

// argWho is the who of an argument's kind error, by procedure and parameter (-1: every
// parameter from the first one not listed).
var argWho = map[string]map[int]string{
	"map":                   {0: "apply"},
	"for-each":              {0: "apply"},
	"vector-map":            {0: "apply"},
	"vector-for-each":       {0: "apply"},
	"string-map":            {0: "apply"},
	"string-for-each":       {0: "apply", -1: "string-map"},
	"call-with-values":      {1: "apply"},
	"call-with-port":        {0: "close-port"},
	"open-input-file":       {0: "open-binary-input-file"},
	"call-with-input-file":  {0: "open-binary-input-file"},
	"with-input-from-file":  {0: "open-binary-input-file"},
	"open-output-file":      {0: "open-binary-output-file"},
	"call-with-output-file": {0: "open-binary-output-file"},
	"with-output-to-file":   {0: "open-binary-output-file"},
	"first-set-bit":         {0: "bitwise-and"},     // (srfi 151), over bitwise-and
	"hash-table":            {0: "make-hash-table"}, // (srfi 125), over make-hash-table
}

// whoOfArg returns the who of an error in argument i of the primitive named name, or "" for
// the primitive's own name (read when the error is raised: a primitive exported under another
// name, as positioning-port?, is renamed after it is defined).
func whoOfArg(name string, i int) string {
	if m := argWho[name]; m != nil {
		if w, ok := m[i]; ok {
			return w
		}
		if w, ok := m[-1]; ok && i > 0 {
			return w
		}
	}
	return ""
}

// argError raises the assertion-violation of a primitive's argument check: the message names
// the primitive ("map: expected a procedure"), the condition's who is Foment's.
func (th *Thread) argError(who string, p *Primitive, msg string, irritants ...Value) Value {
	if who == "" {
		who = p.Name
	}
	return th.errorWho(who, p.Name+": "+msg, irritants...)
}

// errorWho raises an assertion-violation whose who is not the start of its message.
func (th *Thread) errorWho(who, msg string, irritants ...Value) Value {
	return th.Raise(Obj(th.newCondition("assertion-violation", who, msg, irritants)), false)
}

// multipleValuesError is the error of several values (or none) passed where one is expected:
// Foment raises it from values, as the values reach a continuation that takes one.
func (th *Thread) multipleValuesError(p *Primitive, expected string, mv *MultipleValues) Value {
	return th.errorWho("values", p.Name+": expected "+expected+", got "+valuesCount(len(mv.Vals)), Obj(mv))
}

func valuesCount(n int) string {
	switch n {
	case 0:
		return "no values"
	case 1:
		return "one value"
	}
	return strconv.Itoa(n) + " values"
}
