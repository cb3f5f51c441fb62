// Package box is (scheme box), also (srfi 111): boxes are (foment base)'s own (interp/lists.go,
// which equal? and the printer know); this package holds the library's tests.
package box
