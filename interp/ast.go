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
		b     *binding
		val   node
		site  *Site
		calls callMemo
	}
	setGlobalN struct {
		g      *Global
		val    node
		site   *Site
		define bool
		calls  callMemo
	}
	ifN struct {
		test, then, els node
		calls           callMemo
	}
	seqN struct {
		body  []node
		calls callMemo
	}
	lambdaN struct {
		name string
		req  []*binding
		rest *binding
		ctx  *lambdaCtx
		body node
		site *Site
		lift *liftInfo // once generated as a lifted loop (lift.go)
		// lam is the procedure code made from it, once (code made again for a re-entry
		// makes the same procedures).
		lam *Lambda
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
		// keep holds the procedure while arguments that call are evaluated (resume.go).
		keep  keepSlot
		calls callMemo
	}
	// letN binds fresh locals: inits run in the outer scope, then the body.
	letN struct {
		binds []*binding
		inits []node
		body  node
		keep  []keepSlot // the inits' values, while later inits that call run
		calls callMemo
	}
	// letrecN binds locals that are Unassigned until their inits run: in order, each
	// assigned when its init returns (letrec*, star); or (letrec) procedures and constants
	// first, then the other inits evaluated in order and assigned together, as Foment does.
	letrecN struct {
		binds []*binding
		inits []node
		body  node
		star  bool
		keep  []keepSlot // letrec: the values of the inits that call, until all have run
		calls callMemo
	}
	// primN is an inlined call of a builtin (car, +, eq? ...) that code generation specialises.
	primN struct {
		p    *Primitive
		args []node
		site *Site
		keep keepSlot // the first operand while the second, which calls, runs
		call *callN   // the ordinary call, when no inline code fits
		// calls is the memo of mayCall.
		calls callMemo
	}
	guardN struct {
		v       *binding // the condition variable, bound in the clauses' scope
		body    node
		clauses node // evaluated with v bound; returns reraiseMarker when no clause matched
		site    *Site
		keep    keepSlot // the guard's guardFrame, while its body runs
		calls   callMemo
	}
	// stepN marks a place where the debugger may stop before evaluating e.
	stepN struct {
		e     node
		site  *Site
		calls callMemo
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
