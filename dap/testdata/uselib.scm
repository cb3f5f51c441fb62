(import (scheme base) (scheme write) (mylib util))
(display (add3 4))
(newline)
