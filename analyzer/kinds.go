package analyzer

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"sync"

	"foment-ls/catalog"
	"foment-ls/syntax"
)

// Kinds: what the flow analysis (flow.go) knows of a value. Every Scheme object belongs to
// exactly one class below; a kind is a set of classes. A value the analysis cannot see is of
// every class (kAll) and is never reported: a call fails for sure only when no class of its
// argument is one the parameter accepts.

type kset uint32

const (
	kFalse kset = 1 << iota
	kTrue
	kNonNeg   // an exact integer ≥ 0
	kNeg      // an exact integer < 0
	kExactRat // exact, not an integer
	kInexact
	kChar
	kString
	kSymbol
	kNull
	kPair
	kVector
	kBytevector
	kProc
	kParam // parameter objects (procedures too)
	kSocket
	kTextIn
	kTextOut
	kBinIn
	kBinOut
	kPortOther // custom ports and ports of both directions
	kEof
	kCond // error objects
	kEnv
	kPromise
	kRecord
	kOther // every other type: hash tables, character sets, threads, the unspecified value …
)

// nClasses is the number of classes.
const nClasses = 27

const (
	kAll      kset = kOther<<1 - 1
	kExactInt      = kNonNeg | kNeg
	kNumber        = kExactInt | kExactRat | kInexact
	kBool          = kFalse | kTrue
	kList          = kNull | kPair
	kPorts         = kSocket | kTextIn | kTextOut | kBinIn | kBinOut | kPortOther
	kProcs         = kProc | kParam
)

// classWords name the classes in messages.
var classWords = [nClasses]string{"#f", "#t", "a non-negative exact integer", "a negative exact integer",
	"an exact fraction", "an inexact number",
	"a character", "a string", "a symbol", "the empty list", "a pair", "a vector", "a bytevector", "a procedure",
	"a parameter", "a socket", "a textual input port", "a textual output port", "a binary input port",
	"a binary output port", "a port", "the end-of-file object", "an error object", "an environment",
	"a promise", "a record", "an object"}

// acceptByKind: the classes an argument kind of the catalogue accepts (the run-time check of that
// kind passes for every object of them). Kinds absent here accept everything.
var acceptByKind = map[string]kset{}

func init() {
	set := func(k kset, names ...string) {
		for _, n := range names {
			acceptByKind[n] = k
		}
	}
	set(kNumber, "number", "z", "real", "x", "y", "rational", "q")
	set(kExactInt|kInexact, "integer", "n", "m")
	set(kExactInt, "exact-integer", "flags")
	set(kNonNeg, "index", "k", "start", "end", "at", "size", "backlog", "radix", "byte")
	set(kChar, "char")
	set(kString, "string", "filename", "name", "node", "service")
	set(kSymbol, "symbol", "eol-style", "handling-mode")
	set(kBool, "boolean")
	set(kPair, "pair")
	set(kList, "list", "alist")
	set(kVector, "vector")
	set(kBytevector, "bytevector")
	set(kProcs, "proc", "procedure", "thunk", "handler")
	set(kProcs|kFalse, "proc-or-false")
	set(kPorts, "port")
	set(kTextIn|kBinIn|kSocket|kPortOther, "input-port")
	set(kTextOut|kBinOut|kSocket|kPortOther, "output-port")
	set(kTextIn|kPortOther, "textual-input-port")
	set(kTextOut|kPortOther, "textual-output-port")
	set(kBinIn|kSocket|kPortOther, "binary-input-port")
	set(kBinOut|kSocket|kPortOther, "binary-output-port")
	set(kCond, "error-object")
	set(kPromise, "promise")
	set(kEnv, "environment")
	set(kRecord, "record")
	set(kParam, "parameter")
	set(kSocket, "socket")
	set(kOther, "thread", "exclusive", "hash-table", "codec", "transcoder", "char-set", "comparator", "mutex",
		"condition-variable", "ephemeron", "random-source", "subprocess", "mark-set")
}

// accepts returns the classes an argument kind accepts.
func accepts(k *catalog.ArgKind) kset {
	if k == nil {
		return kAll
	}
	tables()
	if a, ok := acceptTable[k]; ok {
		return a
	}
	return acceptsKind(k)
}

// The tables of what the flow analysis needs of the catalogue, made once (the catalogue does
// not change once read): read without locks.
var (
	tablesOnce  sync.Once
	acceptTable map[*catalog.ArgKind]kset
	infoTable   map[*catalog.Entry]*entryInfo
)

func tables() {
	tablesOnce.Do(func() {
		acceptTable = map[*catalog.ArgKind]kset{}
		infoTable = map[*catalog.Entry]*entryInfo{}
		for _, e := range catalog.All() {
			for _, p := range e.Params {
				if p.Kind != nil {
					acceptTable[p.Kind] = acceptsKind(p.Kind)
				}
			}
		}
		for _, e := range catalog.All() {
			infoTable[e] = makeInfo(e)
		}
	})
}

func acceptsKind(k *catalog.ArgKind) kset {
	if k.Expected == "" {
		return kAll
	}
	if k.Consts != "" {
		return kExactInt
	}
	if k.Flags {
		return kExactInt
	}
	if s, ok := acceptByKind[k.Name]; ok {
		return s
	}
	return kAll
}

// resultClasses: the classes of the catalogue's result kinds.
var resultClasses = map[string]kset{
	"never": 0, "boolean": kBool, "#t": kTrue, "#f": kFalse, "number": kNumber,
	"integer": kExactInt | kInexact, "exact-integer": kExactInt, "index": kNonNeg, "byte": kNonNeg, "char": kChar,
	"string": kString, "symbol": kSymbol, "pair": kPair, "list": kList, "alist": kList, "vector": kVector,
	"bytevector": kBytevector, "procedure": kProc, "parameter": kParam, "port": kPorts,
	"textual-input-port": kTextIn, "textual-output-port": kTextOut, "binary-input-port": kBinIn,
	"binary-output-port": kBinOut, "socket": kSocket, "eof": kEof, "error-object": kCond,
	"environment": kEnv, "promise": kPromise, "record": kRecord,
	"hash-table": kOther, "char-set": kOther, "comparator": kOther, "codec": kOther, "transcoder": kOther,
	"thread": kOther, "exclusive": kOther, "condition": kOther, "box": kOther, "ephemeron": kOther,
	"guardian": kProc, "random-source": kOther, "mark-set": kOther,
}

// resultOf returns the classes of what a builtin returns (kAll when unknown, 0 when it never
// returns).
func resultOf(e *catalog.Entry) kset { return infoOf(e).result }

// entryInfo is what the flow analysis needs of a builtin, computed once (the catalogue does not
// change once read).
type entryInfo struct {
	result    kset
	takesProc bool // it may call a procedure it is given
}

func infoOf(e *catalog.Entry) *entryInfo {
	tables()
	if i := infoTable[e]; i != nil {
		return i
	}
	return makeInfo(e)
}

func makeInfo(e *catalog.Entry) *entryInfo {
	i := &entryInfo{result: resultOfEntry(e), takesProc: canonical(e) == "apply"}
	for _, p := range e.Params {
		if p.Kind == nil {
			continue
		}
		if a := acceptsKind(p.Kind); a&kProc != 0 && a != kAll {
			i.takesProc = true
		}
	}
	return i
}

func resultOfEntry(e *catalog.Entry) kset {
	ks := e.ResultKinds()
	if ks == nil {
		return kAll
	}
	var out kset
	for _, k := range ks {
		c, ok := resultClasses[k]
		if !ok {
			return kAll
		}
		if k == "never" {
			return 0
		}
		out |= c
	}
	return out
}

// ---- values ----

// value is what the analysis knows of an expression's value.
type value struct {
	k    kset
	hasN bool // an exact integer constant
	n    int64
	str  *string   // a string constant
	cst  *constVal // a socket constant (its kind and names)
	obj  *sockObj  // the socket it is, when it may be one
	// param is 1 + the index of the parameter of the procedure being summarised that this value
	// is (0: none): what is done with it becomes what the procedure requires of its argument.
	param int
	proc  *procInfo // the procedure it is
	from  *origin   // where it was made, for messages
}

// origin says where a value comes from: "read-line returns it at the end of input (line 5)".
type origin struct {
	file string
	span syntax.Span
	what string
	// nullable: the classes the value may be for a reason the program must handle (the end of
	// input); an argument that may be one of them where it is not accepted gets a warning.
	nullable kset
	reader   string // the builtin that reads it (read-line)
}

var unknown = value{k: kAll}

func (v value) known() bool { return v.k != kAll }

// join is the value of one of two paths.
func join(a, b value) value {
	if a.k == 0 && a.proc == nil && a.obj == nil && !a.hasN && a.str == nil {
		return b
	}
	if b.k == 0 && b.proc == nil && b.obj == nil && !b.hasN && b.str == nil {
		return a
	}
	out := value{k: a.k | b.k}
	if a.hasN && b.hasN && a.n == b.n {
		out.hasN, out.n = true, a.n
	}
	if a.str != nil && b.str != nil && *a.str == *b.str {
		out.str = a.str
	}
	if a.cst != nil && b.cst != nil && a.cst.kind == b.cst.kind && a.cst.value == b.cst.value {
		out.cst = a.cst
	}
	if a.obj == b.obj {
		out.obj = a.obj
	}
	if a.param == b.param {
		out.param = a.param
	}
	if a.proc == b.proc {
		out.proc = a.proc
	}
	if a.from == b.from {
		out.from = a.from
	} else if a.from != nil && b.from == nil && b.k&^a.k == 0 {
		out.from = a.from
	} else if b.from != nil && a.from == nil && a.k&^b.k == 0 {
		out.from = b.from
	}
	return out
}

// same reports whether two values carry the same knowledge (fixed points).
func same(a, b value) bool {
	return a.k == b.k && a.hasN == b.hasN && a.n == b.n && (a.str == nil) == (b.str == nil) &&
		(a.str == nil || *a.str == *b.str) && a.obj == b.obj && a.param == b.param && a.proc == b.proc &&
		(a.cst == nil) == (b.cst == nil)
}

// narrow keeps the classes in s.
func (v value) narrow(s kset) value {
	v.k &= s
	if v.k&kSocket == 0 {
		v.obj = nil
	}
	if v.k&kExactInt == 0 {
		v.hasN, v.cst = false, nil
	}
	if v.k&kString == 0 {
		v.str = nil
	}
	if v.k&kProcs == 0 {
		v.proc = nil
	}
	return v
}

func classesOf(k kset) []string {
	var out []string
	for k != 0 {
		i := bits.TrailingZeros32(uint32(k))
		out = append(out, classWords[i])
		k &^= 1 << i
	}
	return out
}

// kindText describes a set of classes: "a string", "a string or the end-of-file object".
func kindText(k kset) string {
	switch {
	case k == kAll:
		return "anything"
	case k == 0:
		return "nothing"
	case k == kBool:
		return "a boolean"
	case k == kNumber:
		return "a number"
	case k == kExactInt:
		return "an exact integer"
	case k == kList:
		return "a list"
	case k == kPorts:
		return "a port"
	case k&kNumber == kNumber:
		rest := classesOf(k &^ kNumber)
		return strings.Join(append([]string{"a number"}, rest...), " or ")
	}
	var cs []string
	if k&kExactInt == kExactInt {
		cs = append(cs, "an exact integer")
		k &^= kExactInt
	}
	cs = append(cs, classesOf(k)...)
	if len(cs) > 3 {
		return "one of " + strings.Join(cs, ", ")
	}
	return strings.Join(cs, " or ")
}

// describe says what a value is, for hover and messages: `"x"`, `5`, `a socket, inet stream,
// listening on 127.0.0.1:8080`.
func (v value) describe(st *state) string {
	switch {
	case v.cst != nil && isExactInt(v.k):
		return strings.Join(v.cst.names, " ") + " (" + kindWords[v.cst.kind] + ")"
	case v.hasN && isExactInt(v.k):
		return "the exact integer " + strconv.FormatInt(v.n, 10)
	case v.str != nil && v.k == kString:
		return "the string " + strconv.Quote(*v.str)
	case v.obj != nil && v.k == kSocket:
		return "a " + v.obj.describe(st)
	case v.proc != nil && v.k&^kProcs == 0:
		if v.proc.name != "" {
			return "the procedure " + v.proc.name
		}
		return "a procedure"
	}
	return kindText(v.k)
}

// intValue is an exact integer constant.
func intValue(n int64) value {
	if n < 0 {
		return value{k: kNeg, hasN: true, n: n}
	}
	return value{k: kNonNeg, hasN: true, n: n}
}

// isExactInt: every class of k is an exact integer.
func isExactInt(k kset) bool { return k != 0 && k&^kExactInt == 0 }

// literal returns the value of a self-evaluating datum or a quotation.
func literal(d *syntax.Datum, quoted bool) (value, bool) {
	switch d.Kind {
	case syntax.Number:
		switch n := d.Number(); {
		case n.Complex != nil:
			return value{k: kExactRat | kInexact}, true // not real: no class of its own
		case !n.Exact:
			return value{k: kInexact}, true
		case n.Int != nil:
			if n.Int.IsInt64() {
				return intValue(n.Int.Int64()), true
			}
			if n.Int.Sign() < 0 {
				return value{k: kNeg}, true
			}
			return value{k: kNonNeg}, true
		}
		return value{k: kExactRat}, true
	case syntax.String:
		s := d.Text
		return value{k: kString, str: &s}, true
	case syntax.Char:
		return value{k: kChar}, true
	case syntax.Boolean:
		if d.Bool {
			return value{k: kTrue}, true
		}
		return value{k: kFalse}, true
	case syntax.Bytevector:
		return value{k: kBytevector}, true
	case syntax.Vector:
		return value{k: kVector}, true
	}
	if !quoted {
		return value{}, false
	}
	switch d.Kind {
	case syntax.Symbol:
		return value{k: kSymbol}, true
	case syntax.List:
		if len(d.Elems) == 0 && d.Tail() == nil {
			return value{k: kNull}, true
		}
		return value{k: kPair}, true
	case syntax.Quote, syntax.Quasiquote, syntax.Unquote, syntax.UnquoteSplicing:
		return value{k: kPair}, true
	}
	return unknown, true
}

// argPhrase is what a parameter must be, in words: "a bytevector", "an address family".
func argPhrase(k *catalog.ArgKind) string {
	if k.Consts != "" {
		return kindWords[k.Consts]
	}
	if s := k.Expected; s != "" {
		if i := strings.IndexByte(s, ':'); i > 0 {
			return s[:i]
		}
		return s
	}
	return "anything"
}

func plainf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
