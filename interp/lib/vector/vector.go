// Package vector is (scheme vector), also (srfi 133): the vector library, in Go. Its R7RS names
// (vector-map, vector-fill! ...) are (scheme base)'s, from interp/vectors.go.
package vector

import "foment-ls/interp"

type value = interp.Value

func items(v value) []value { return v.Object().(*interp.Vector).Items }

func truthy(v value) bool { return !v.IsFalse() }

func define(name string, fn func(th *interp.Thread, a []value) value) { interp.Define(name, fn) }

// shortest returns the length of the shortest vector.
func shortest(vs []value) int {
	n := -1
	for _, v := range vs {
		if l := len(items(v)); n < 0 || l < n {
			n = l
		}
	}
	return max(n, 0)
}

// vectorsOf checks that the arguments from a[i] on are vectors and returns their elements.
func vectorsOf(th *interp.Thread, who string, vs []value) [][]value {
	out := make([][]value, len(vs))
	for i, v := range vs {
		vec, ok := v.Object().(*interp.Vector)
		if !ok {
			th.Error(who, "expected a vector", v)
		}
		out[i] = vec.Items
	}
	return out
}

// at returns the elements at index i of the vectors.
func at(vs [][]value, i int) []value {
	out := make([]value, len(vs))
	for j, v := range vs {
		out[j] = v[i]
	}
	return out
}

func minLen(vs [][]value) int {
	n := -1
	for _, v := range vs {
		if n < 0 || len(v) < n {
			n = len(v)
		}
	}
	return max(n, 0)
}

// unfold calls f with the index and the seeds; it returns the element and the next seeds.
func unfold(th *interp.Thread, f value, i int, seeds []value) (value, []value) {
	args := append([]value{interp.Int(i)}, seeds...)
	r := th.Call(f, args...)
	if mv, ok := r.Object().(*interp.MultipleValues); ok {
		if len(mv.Vals) == 0 {
			th.Error("vector-unfold", "expected at least one value from the generator")
		}
		return mv.Vals[0], append([]value(nil), mv.Vals[1:]...)
	}
	return r, nil
}

func init() {
	define("vector-unfold", func(th *interp.Thread, a []value) value {
		out := make([]value, a[1].Fix())
		seeds := a[2:]
		for i := range out {
			out[i], seeds = unfold(th, a[0], i, seeds)
		}
		return interp.Vec(out)
	})
	define("vector-unfold-right", func(th *interp.Thread, a []value) value {
		out := make([]value, a[1].Fix())
		seeds := a[2:]
		for i := len(out) - 1; i >= 0; i-- {
			out[i], seeds = unfold(th, a[0], i, seeds)
		}
		return interp.Vec(out)
	})
	define("vector-unfold!", func(th *interp.Thread, a []value) value {
		v := items(a[1])
		start, end := th.Range("vector-unfold!", a, 2, len(v))
		seeds := a[4:]
		for i := start; i < end; i++ {
			v[i], seeds = unfold(th, a[0], i, seeds)
		}
		return interp.Unspecified
	})
	define("vector-unfold-right!", func(th *interp.Thread, a []value) value {
		v := items(a[1])
		start, end := th.Range("vector-unfold-right!", a, 2, len(v))
		seeds := a[4:]
		for i := end - 1; i >= start; i-- {
			v[i], seeds = unfold(th, a[0], i, seeds)
		}
		return interp.Unspecified
	})
	define("vector-reverse-copy", func(th *interp.Thread, a []value) value {
		v := items(a[0])
		start, end := th.Range("vector-reverse-copy", a, 1, len(v))
		out := make([]value, end-start)
		for i := range out {
			out[i] = v[end-1-i]
		}
		return interp.Vec(out)
	})
	define("vector-reverse-copy!", func(th *interp.Thread, a []value) value {
		to, from := items(a[0]), items(a[2])
		at := int(a[1].Fix())
		start, end := th.Range("vector-reverse-copy!", a, 3, len(from))
		if at > len(to) || end-start > len(to)-at {
			return th.Error("vector-reverse-copy!", "expected a valid index", a[1])
		}
		src := append([]value(nil), from[start:end]...)
		for i, x := range src {
			to[at+len(src)-1-i] = x
		}
		return interp.Unspecified
	})
	define("vector-concatenate", func(th *interp.Thread, a []value) value {
		vs, _ := interp.ListToSlice(a[0])
		var out []value
		for _, v := range vectorsOf(th, "vector-concatenate", vs) {
			out = append(out, v...)
		}
		return interp.Vec(out)
	})
	define("vector-append-subvectors", func(th *interp.Thread, a []value) value {
		if len(a)%3 != 0 {
			return th.Error("vector-append-subvectors", "expected vector, start and end triples")
		}
		out := []value{}
		for i := 0; i < len(a); i += 3 {
			v := vectorsOf(th, "vector-append-subvectors", a[i:i+1])[0]
			start, end := th.Range("vector-append-subvectors", a, i+1, len(v))
			if !a[i+1].IsFixnum() || !a[i+2].IsFixnum() {
				return th.Error("vector-append-subvectors", "expected a valid index", a[i+1])
			}
			out = append(out, v[start:end]...)
		}
		return interp.Vec(out)
	})
	define("vector-empty?", func(th *interp.Thread, a []value) value { return interp.Bool(len(items(a[0])) == 0) })
	define("vector=", func(th *interp.Thread, a []value) value {
		vs := vectorsOf(th, "vector=", a[1:])
		for i := 0; i+1 < len(vs); i++ {
			if len(vs[i]) != len(vs[i+1]) {
				return interp.False
			}
		}
		for i := 0; i+1 < len(vs); i++ {
			for j := range vs[i] {
				if !truthy(th.Call(a[0], vs[i][j], vs[i+1][j])) {
					return interp.False
				}
			}
		}
		return interp.True
	})
	define("vector-fold", func(th *interp.Thread, a []value) value {
		vs := vectorsOf(th, "vector-fold", a[2:])
		acc := a[1]
		if len(vs) == 0 {
			return acc
		}
		for i, n := 0, minLen(vs); i < n; i++ {
			acc = th.Call(a[0], append([]value{acc}, at(vs, i)...)...)
		}
		return acc
	})
	define("vector-fold-right", func(th *interp.Thread, a []value) value {
		vs := vectorsOf(th, "vector-fold-right", a[2:])
		acc := a[1]
		if len(vs) == 0 {
			return acc
		}
		for i := minLen(vs) - 1; i >= 0; i-- {
			acc = th.Call(a[0], append([]value{acc}, at(vs, i)...)...)
		}
		return acc
	})
	define("vector-map!", func(th *interp.Thread, a []value) value {
		vs := vectorsOf(th, "vector-map!", a[1:])
		for i, n := 0, minLen(vs); i < n; i++ {
			vs[0][i] = th.Call(a[0], at(vs, i)...)
		}
		return interp.Unspecified
	})
	define("vector-count", func(th *interp.Thread, a []value) value {
		vs := vectorsOf(th, "vector-count", a[1:])
		c := 0
		for i, n := 0, minLen(vs); i < n; i++ {
			if truthy(th.Call(a[0], at(vs, i)...)) {
				c++
			}
		}
		return interp.Int(c)
	})
	define("vector-cumulate", func(th *interp.Thread, a []value) value {
		v := items(a[2])
		out := make([]value, len(v))
		acc := a[1]
		for i, x := range v {
			acc = th.Call(a[0], acc, x)
			out[i] = acc
		}
		return interp.Vec(out)
	})
	index := func(name string, want, right bool) {
		define(name, func(th *interp.Thread, a []value) value {
			vs := vectorsOf(th, name, a[1:])
			n := minLen(vs)
			for k := 0; k < n; k++ {
				i := k
				if right {
					i = n - 1 - k
				}
				if truthy(th.Call(a[0], at(vs, i)...)) == want {
					return interp.Int(i)
				}
			}
			return interp.False
		})
	}
	index("vector-index", true, false)
	index("vector-index-right", true, true)
	index("vector-skip", false, false)
	index("vector-skip-right", false, true)
	define("vector-binary-search", func(th *interp.Thread, a []value) value {
		v := items(a[0])
		lo, hi := th.Range("vector-binary-search", a, 3, len(v))
		for lo < hi {
			mid := lo + (hi-lo)/2
			c := th.Call(a[2], v[mid], a[1])
			if !c.IsFixnum() {
				return th.Error("vector-binary-search", "expected an integer from the comparison", c)
			}
			switch {
			case c.Fix() < 0:
				lo = mid + 1
			case c.Fix() > 0:
				hi = mid
			default:
				return interp.Int(mid)
			}
		}
		return interp.False
	})
	define("vector-any", func(th *interp.Thread, a []value) value {
		vs := vectorsOf(th, "vector-any", a[1:])
		for i, n := 0, minLen(vs); i < n; i++ {
			if r := th.Call(a[0], at(vs, i)...); truthy(r) {
				return r
			}
		}
		return interp.False
	})
	define("vector-every", func(th *interp.Thread, a []value) value {
		vs := vectorsOf(th, "vector-every", a[1:])
		r := interp.True
		for i, n := 0, minLen(vs); i < n; i++ {
			if r = th.Call(a[0], at(vs, i)...); !truthy(r) {
				return r
			}
		}
		return r
	})
	define("vector-partition", func(th *interp.Thread, a []value) value {
		v := items(a[1])
		var yes, no []value
		for _, x := range v {
			if truthy(th.Call(a[0], x)) {
				yes = append(yes, x)
			} else {
				no = append(no, x)
			}
		}
		return interp.Values(interp.Vec(append(yes, no...)), interp.Int(len(yes)))
	})
	define("vector-swap!", func(th *interp.Thread, a []value) value {
		v := items(a[0])
		i, j := int(a[1].Fix()), int(a[2].Fix())
		if i >= len(v) || j >= len(v) {
			bad := a[1]
			if i < len(v) {
				bad = a[2]
			}
			return th.Error("vector-swap!", "expected a valid index", bad)
		}
		v[i], v[j] = v[j], v[i]
		return interp.Unspecified
	})
	define("vector-reverse!", func(th *interp.Thread, a []value) value {
		v := items(a[0])
		start, end := th.Range("vector-reverse!", a, 1, len(v))
		for i, j := start, end-1; i < j; i, j = i+1, j-1 {
			v[i], v[j] = v[j], v[i]
		}
		return interp.Unspecified
	})
	define("reverse-vector->list", func(th *interp.Thread, a []value) value {
		v := items(a[0])
		start, end := th.Range("reverse-vector->list", a, 1, len(v))
		out := interp.Null
		for _, x := range v[start:end] {
			out = interp.Cons(x, out)
		}
		return out
	})
	define("reverse-list->vector", func(th *interp.Thread, a []value) value {
		l, _ := interp.ListToSlice(a[0])
		for i, j := 0, len(l)-1; i < j; i, j = i+1, j-1 {
			l[i], l[j] = l[j], l[i]
		}
		return interp.Vec(l)
	})
}
