// Package filesys holds the file-system procedures of (foment base): the kinds and sizes of
// files, directories, links, renaming and the current directory. A failure raises a
// file-error whose irritants are the file names and the system's reason.
package filesys

import (
	"errors"
	"io/fs"
	"os"
	"sort"

	"foment-ls/interp"

	"golang.org/x/sys/unix"
)

func str(v interp.Value) string { return interp.StringOf(v) }

// reason is the system's text for an error, without the operation and file name.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

// fail raises the file-error of a failed operation.
func fail(th *interp.Thread, who, msg string, err error, names ...interp.Value) interp.Value {
	return th.ErrorKind("file-error", who, msg, append(names, interp.Str(reason(err)))...)
}

type proc = func(th *interp.Thread, a []interp.Value) interp.Value

// test is a predicate on a file's information; a file that cannot be examined is not one.
func test(stat func(string) (fs.FileInfo, error), ok func(fs.FileInfo) bool) proc {
	return func(th *interp.Thread, a []interp.Value) interp.Value {
		fi, err := stat(str(a[0]))
		return interp.Bool(err == nil && ok(fi))
	}
}

func access(mode uint32) proc {
	return func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Bool(unix.Access(str(a[0]), mode) == nil)
	}
}

func statTime(who string, when func(*unix.Stat_t) unix.Timespec) proc {
	return func(th *interp.Thread, a []interp.Value) interp.Value {
		var st unix.Stat_t
		if err := unix.Stat(str(a[0]), &st); err != nil {
			return fail(th, who, "not a file or directory", err, a[0])
		}
		return interp.Fixnum(when(&st).Sec)
	}
}

// do runs an operation that returns nothing, raising its file-error.
func do(who, msg string, op func(a []interp.Value) error) proc {
	return func(th *interp.Thread, a []interp.Value) interp.Value {
		if err := op(a); err != nil {
			return fail(th, who, msg, err, a...)
		}
		return interp.Unspecified
	}
}

func init() {
	interp.Define("file-size", func(th *interp.Thread, a []interp.Value) interp.Value {
		fi, err := os.Stat(str(a[0]))
		if err != nil {
			return fail(th, "file-size", "not a file", err, a[0])
		}
		if !fi.Mode().IsRegular() {
			return th.ErrorKind("file-error", "file-size", "not a file", a[0])
		}
		return interp.Fixnum(fi.Size())
	})
	interp.Define("file-regular?", test(os.Stat, func(fi fs.FileInfo) bool { return fi.Mode().IsRegular() }))
	interp.Define("file-directory?", test(os.Stat, fs.FileInfo.IsDir))
	interp.Define("file-symbolic-link?", test(os.Lstat, func(fi fs.FileInfo) bool { return fi.Mode()&fs.ModeSymlink != 0 }))
	interp.Define("file-readable?", access(unix.R_OK))
	interp.Define("file-writable?", access(unix.W_OK))
	interp.Define("file-executable?", access(unix.X_OK))
	interp.Define("file-stat-mtime", statTime("file-stat-mtime", func(st *unix.Stat_t) unix.Timespec { return st.Mtim }))
	interp.Define("file-stat-atime", statTime("file-stat-atime", func(st *unix.Stat_t) unix.Timespec { return st.Atim }))
	interp.Define("create-symbolic-link", do("create-symbolic-link", "unable to create symbolic link", func(a []interp.Value) error {
		return os.Symlink(str(a[0]), str(a[1]))
	}))
	interp.Define("rename-file", do("rename-file", "unable to rename file", func(a []interp.Value) error {
		return os.Rename(str(a[0]), str(a[1]))
	}))
	interp.Define("create-directory", do("create-directory", "unable to create directory", func(a []interp.Value) error {
		return os.Mkdir(str(a[0]), 0o777)
	}))
	interp.Define("delete-directory", do("delete-directory", "unable to delete directory", func(a []interp.Value) error {
		return unix.Rmdir(str(a[0]))
	}))
	interp.Define("list-directory", func(th *interp.Thread, a []interp.Value) interp.Value {
		f, err := os.Open(str(a[0]))
		if err != nil {
			return fail(th, "list-directory", "unable to list directory", err, a[0])
		}
		defer f.Close()
		names, err := f.Readdirnames(-1)
		if err != nil {
			return fail(th, "list-directory", "unable to list directory", err, a[0])
		}
		sort.Strings(names)
		out := make([]interp.Value, len(names))
		for i, n := range names {
			out[i] = interp.Str(n)
		}
		return interp.List(out...)
	})
	interp.Define("current-directory", func(th *interp.Thread, a []interp.Value) interp.Value {
		if len(a) > 0 {
			if err := os.Chdir(str(a[0])); err != nil {
				return fail(th, "current-directory", "unable to set current directory", err, a[0])
			}
			return interp.Unspecified
		}
		var err error
		dir := th.In.World().Observe(th, "current-directory", func() string {
			var d string
			d, err = os.Getwd()
			return d
		})
		if dir == "" {
			if err == nil {
				err = errors.New("unknown")
			}
			return fail(th, "current-directory", "unable to get current directory", err)
		}
		return interp.Str(dir)
	})
	interp.Define("build-path", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Str(str(a[0]) + "/" + str(a[1]))
	})
}
