package interp

func init() {
	fold := func(name string, op arithOp, unit int64) {
		define(name, func(th *Thread, a []Value) Value {
			if len(a) == 0 {
				return Fixnum(unit)
			}
			acc := a[0]
			if len(a) == 1 {
				switch op {
				case opSub:
					return arith2(opSub, Fixnum(0), acc)
				case opDiv:
					return th.divide(Fixnum(1), acc)
				}
				return acc
			}
			for _, x := range a[1:] {
				if op == opDiv {
					acc = th.divide(acc, x)
				} else {
					acc = arith2(op, acc, x)
				}
			}
			return acc
		})
	}
	fold("+", opAdd, 0)
	fold("*", opMul, 1)
	fold("-", opSub, 0)
	fold("/", opDiv, 1)
	compare := func(name string, ok func(c int) bool) {
		define(name, func(th *Thread, a []Value) Value {
			res := true
			for i := 0; i+1 < len(a); i++ {
				c := compareNum(a[i], a[i+1])
				if c == 2 || !ok(c) {
					res = false
				}
			}
			return Bool(res)
		})
	}
	compare("=", func(c int) bool { return c == 0 })
	compare("<", func(c int) bool { return c < 0 })
	compare(">", func(c int) bool { return c > 0 })
	compare("<=", func(c int) bool { return c <= 0 })
	compare(">=", func(c int) bool { return c >= 0 })
	define("zero?", func(th *Thread, a []Value) Value { return Bool(isZero(a[0])) })
}

// divide is / on two numbers: exact division by zero is an error.
func (th *Thread) divide(a, b Value) Value {
	if isExact(b) && isZero(b) {
		return th.Error("/", "divide by zero", a)
	}
	return arith2(opDiv, a, b)
}
