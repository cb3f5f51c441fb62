(import (scheme base) (scheme write) (scheme inexact))
(display (let loop ((i 0) (x 0.0)) (if (= i 3000000) x (loop (+ i 1) (+ (* x 0.999) (sqrt (inexact i)))))))
(newline)
