// Package r5rs is (scheme r5rs) and (scheme null): R5RS's names, re-exported from (foment base)
// as the catalogue lists them (catalog/lib_r5rs.go), and the two environments of R5RS's eval.
package r5rs

import "foment-ls/interp"

func init() {
	env := func(who string, lib ...string) func(th *interp.Thread, a []interp.Value) interp.Value {
		name := make([]interp.Value, len(lib))
		for i, s := range lib {
			name[i] = interp.Sym(s)
		}
		return func(th *interp.Thread, a []interp.Value) interp.Value {
			if !a[0].IsFixnum() || a[0].Fix() != 5 {
				return th.Error(who, "expected a version of 5", a[0])
			}
			return th.Call(interp.Obj(interp.Builtin("environment")), interp.List(name...))
		}
	}
	interp.Define("scheme-report-environment", env("scheme-report-environment", "scheme", "r5rs"))
	interp.Define("null-environment", env("null-environment", "scheme", "null"))
}
