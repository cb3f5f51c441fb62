//go:build unix

package srcfile

import "syscall"

const openFlags = syscall.O_NONBLOCK
