package catalog

// (scheme r5rs) and (scheme null): R5RS's environments, as Foment defines them.
var (
	R5RS = []string{"scheme r5rs"}
	Null = []string{"scheme null"}
)

func init() {
	procs([]string{"scheme r5rs", "foment base"},
		"(scheme-report-environment version:obj)", "environment", "Returns an environment of the bindings of (scheme r5rs). version must be 5.",
		"(null-environment version:obj)", "environment", "Returns an environment of the syntax of (scheme null): R5RS's syntactic keywords only. version must be 5.",
	)
	reexport(R5RS, `* + - / < <= = > >= abs acos and angle append apply asin assoc assq assv atan
		begin boolean? caaaar caaadr caaar caadar caaddr caadr caar cadaar cadadr cadar caddar cadddr
		caddr cadr call-with-current-continuation call-with-input-file call-with-output-file
		call-with-values car case cdaaar cdaadr cdaar cdadar cdaddr cdadr cdar cddaar cddadr cddar
		cdddar cddddr cdddr cddr cdr ceiling char->integer char-alphabetic? char-ci<=? char-ci<?
		char-ci=? char-ci>=? char-ci>? char-downcase char-lower-case? char-numeric? char-ready?
		char-upcase char-upper-case? char-whitespace? char<=? char<? char=? char>=? char>? char?
		close-input-port close-output-port complex? cond cons cos current-input-port
		current-output-port define define-syntax delay denominator display do dynamic-wind
		eof-object? eq? equal? eqv? eval even? exact? exp expt floor for-each force gcd if
		imag-part inexact? input-port? integer->char integer? interaction-environment lambda lcm
		length let let* let-syntax letrec letrec-syntax list list->string list->vector list-ref
		list-tail list? load log magnitude make-polar make-rectangular make-string make-vector map
		max member memq memv min modulo negative? newline not null? number->string number?
		numerator odd? open-input-file open-output-file or output-port? pair? peek-char positive?
		procedure? quasiquote quote quotient rational? rationalize read read-char real-part real?
		remainder reverse round set! set-car! set-cdr! sin sqrt string string->list string->number
		string->symbol string-append string-ci<=? string-ci<? string-ci=? string-ci>=? string-ci>?
		string-copy string-fill! string-length string-ref string-set! string<=? string<? string=?
		string>=? string>? string? substring symbol->string symbol? tan truncate values vector
		vector->list vector-fill! vector-length vector-ref vector-set! vector?
		with-input-from-file with-output-to-file write write-char zero?`)
	renames(R5RS, "exact->inexact inexact", "inexact->exact exact")
	reexport(Null, `and begin case cond define define-syntax delay do force if lambda let let*
		let-syntax letrec letrec-syntax or quasiquote quote set!`)
}
