package interp

// The expander turns code into this small tree of core forms, with every binding resolved. Code
// generation (gen.go) then turns it into closures; between the two, each local variable is known
// to be captured by a closure and/or assigned, which decides whether it lives in a box.

type node interface{ isNode() }

type (
	constN struct{ v Value }
	localN struct {
		b  *binding
		at refSite
	}
	globalN struct {
		g  *Global
		at refSite
	}
	setLocalN struct {
		b    *binding
		val  node
		site *Site
	}
	setGlobalN struct {
		g      *Global
		val    node
		site   *Site
		define bool
	}
	ifN     struct{ test, then, els node }
	seqN    struct{ body []node }
	lambdaN struct {
		name string
		req  []*binding
		rest *binding
		ctx  *lambdaCtx
		body node
		site *Site
		lift *liftInfo // once generated as a lifted loop (lift.go)
	}
	caseLambdaN struct {
		name    string
		clauses []*lambdaN
	}
	callN struct {
		fn   node
		args []node
		site *Site
		tail bool
	}
	// letN binds fresh locals: inits run in the outer scope, then the body.
	letN struct {
		binds []*binding
		inits []node
		body  node
	}
	// letrecN binds locals that are Unassigned until their inits run, in order (letrec*).
	letrecN struct {
		binds []*binding
		inits []node
		body  node
	}
	// primN is an inlined call of a builtin (car, +, eq? ...) that code generation specialises.
	primN struct {
		p    *Primitive
		args []node
		site *Site
	}
	guardN struct {
		v       *binding // the condition variable, bound in the clauses' scope
		body    node
		clauses node // evaluated with v bound; returns reraiseMarker when no clause matched
		site    *Site
	}
	// stepN marks a place where the debugger may stop before evaluating e.
	stepN struct {
		e    node
		site *Site
	}
)

func (*constN) isNode()      {}
func (*localN) isNode()      {}
func (*globalN) isNode()     {}
func (*setLocalN) isNode()   {}
func (*setGlobalN) isNode()  {}
func (*ifN) isNode()         {}
func (*seqN) isNode()        {}
func (*lambdaN) isNode()     {}
func (*caseLambdaN) isNode() {}
func (*callN) isNode()       {}
func (*letN) isNode()        {}
func (*letrecN) isNode()     {}
func (*primN) isNode()       {}
func (*guardN) isNode()      {}
func (*stepN) isNode()       {}

// reraiseMarker is what a guard's clauses return when none matched.
var reraiseMarker = Value{o: &special{"#<reraise>"}}
