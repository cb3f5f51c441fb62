// Package srfi18 is (srfi 18): multithreading with SRFI 18's names on the interpreter's threads,
// exclusives (mutexes) and conditions (interp/threads.go), and SRFI 18's time objects.
package srfi18

import (
	"math/big"
	"strings"
	"time"

	"foment-ls/interp"
)

type value = interp.Value

// Time is SRFI 18's time object: a point in time, usable as a timeout.
type Time struct{ t time.Time }

func (t *Time) Deadline() time.Time { return t.t }

func (t *Time) SchemeString() string {
	return "#<time: " + t.t.Local().Format("1-2-2006 15:04:05") + ">"
}

func exclusive(v value) *interp.Exclusive { return v.Object().(*interp.Exclusive) }
func condvar(v value) *interp.CondVar     { return v.Object().(*interp.CondVar) }

// joinError tells the errors thread-join! raises apart by their message.
func joinError(v value, msg string) (*interp.Condition, bool) {
	c, ok := v.Object().(*interp.Condition)
	return c, ok && c.Who == "thread-join!" && strings.Contains(c.Message, msg)
}

func init() {
	interp.DefineKind("mutex", func(v value) bool { _, ok := v.Object().(*interp.Exclusive); return ok })
	interp.DefineKind("condition-variable", func(v value) bool { _, ok := v.Object().(*interp.CondVar); return ok })

	interp.Define("exclusive-name", func(th *interp.Thread, a []value) value { return exclusive(a[0]).Name })
	interp.Define("exclusive-name-set!", func(th *interp.Thread, a []value) value {
		exclusive(a[0]).Name = a[1]
		return interp.Unspecified
	})
	interp.Define("exclusive-specific", func(th *interp.Thread, a []value) value { return exclusive(a[0]).Specific })
	interp.Define("exclusive-specific-set!", func(th *interp.Thread, a []value) value {
		exclusive(a[0]).Specific = a[1]
		return interp.Unspecified
	})
	interp.Define("condition?", func(th *interp.Thread, a []value) value {
		_, ok := a[0].Object().(*interp.CondVar)
		return interp.Bool(ok)
	})
	interp.Define("condition-name", func(th *interp.Thread, a []value) value { return condvar(a[0]).Name })
	interp.Define("condition-name-set!", func(th *interp.Thread, a []value) value {
		condvar(a[0]).Name = a[1]
		return interp.Unspecified
	})
	interp.Define("condition-specific", func(th *interp.Thread, a []value) value { return condvar(a[0]).Specific })
	interp.Define("condition-specific-set!", func(th *interp.Thread, a []value) value {
		condvar(a[0]).Specific = a[1]
		return interp.Unspecified
	})

	interp.Define("current-time", func(th *interp.Thread, a []value) value { return interp.Obj(&Time{th.Now()}) })
	interp.Define("time?", func(th *interp.Thread, a []value) value {
		_, ok := a[0].Object().(*Time)
		return interp.Bool(ok)
	})
	interp.Define("time->seconds", func(th *interp.Thread, a []value) value {
		t, ok := a[0].Object().(*Time)
		if !ok {
			return th.Error("time->seconds", "expected time", a[0])
		}
		return interp.Fixnum(t.t.Unix())
	})
	interp.Define("seconds->time", func(th *interp.Thread, a []value) value {
		if b, ok := a[0].Object().(*big.Int); ok {
			if !b.IsInt64() {
				return th.Error("seconds->time", "expected an exact integer", a[0])
			}
		}
		return interp.Obj(&Time{time.Unix(a[0].Fix(), 0)})
	})
	interp.Define("current-exception-handler", func(th *interp.Thread, a []value) value {
		return th.CurrentHandler()
	})
	interp.Define("join-timeout-exception?", func(th *interp.Thread, a []value) value {
		_, ok := joinError(a[0], "timeout waiting for join thread")
		return interp.Bool(ok)
	})
	interp.Define("abandoned-mutex-exception?", func(th *interp.Thread, a []value) value { return interp.False })
	interp.Define("terminated-thread-exception?", func(th *interp.Thread, a []value) value {
		_, ok := joinError(a[0], "join thread was terminated")
		return interp.Bool(ok)
	})
	interp.Define("uncaught-exception?", func(th *interp.Thread, a []value) value {
		_, ok := joinError(a[0], "join thread had uncaught exception")
		return interp.Bool(ok)
	})
	interp.Define("uncaught-exception-reason", func(th *interp.Thread, a []value) value {
		if c, ok := joinError(a[0], "join thread had uncaught exception"); ok && len(c.Irritants) > 0 {
			return c.Irritants[0]
		}
		return interp.False
	})

	interp.Define("mutex-state", func(th *interp.Thread, a []value) value {
		if owner := exclusive(a[0]).Owner(); owner != nil {
			return owner.Object()
		}
		return interp.Sym("not-abandoned")
	})
	interp.Define("mutex-lock!", func(th *interp.Thread, a []value) value {
		var deadline time.Time
		if len(a) > 1 && !a[1].IsFalse() {
			deadline = th.Timeout("mutex-lock!", a[1])
		}
		return interp.Bool(exclusive(a[0]).Lock(th, deadline))
	})
	interp.Define("mutex-unlock!", func(th *interp.Thread, a []value) value {
		e := exclusive(a[0])
		if len(a) == 1 {
			e.Unlock()
			return interp.True
		}
		c, ok := a[1].Object().(*interp.CondVar)
		if !ok {
			return th.Error("mutex-unlock!", "expected a condition variable", a[1])
		}
		var deadline time.Time
		if len(a) > 2 && !a[2].IsFalse() {
			deadline = th.Timeout("mutex-unlock!", a[2])
		}
		return interp.Bool(c.Wait(th, e, deadline))
	})
}
