// Package parameter is (srfi 39): make-parameter and parameterize of R7RS (interp/control.go);
// this package holds the library's tests.
package parameter
