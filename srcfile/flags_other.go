//go:build !unix

package srcfile

const openFlags = 0
