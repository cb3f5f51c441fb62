(import (scheme base) (scheme write))
(display (let loop ((i 1) (sum 0)) (if (> i 10000000) sum (loop (+ i 1) (+ sum i)))))
(newline)
