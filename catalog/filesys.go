package catalog

// The file system: (foment base)'s files and directories.

func init() {
	procs(Foment,
		"(file-size filename)", "integer", "Returns the size in bytes of a regular file; a file-error if filename is not one.",
		"(file-regular? filename)", "boolean", "Returns #t if filename is a regular file (following symbolic links).",
		"(file-directory? filename)", "boolean", "Returns #t if filename is a directory (following symbolic links).",
		"(file-symbolic-link? filename)", "boolean", "Returns #t if filename is a symbolic link.",
		"(file-readable? filename)", "boolean", "Returns #t if the program may read filename.",
		"(file-writable? filename)", "boolean", "Returns #t if the program may write filename.",
		"(file-executable? filename)", "boolean", "Returns #t if the program may execute filename (for a directory: enter it).",
		"(file-stat-mtime filename)", "integer", "Returns when filename was last modified, in seconds since the epoch.",
		"(file-stat-atime filename)", "integer", "Returns when filename was last read, in seconds since the epoch.",
		"(create-symbolic-link target:filename linkname:filename)", "unspecified", "Makes linkname a symbolic link to target.",
		"(rename-file filename new:filename)", "unspecified", "Renames (moves) filename to new, replacing a file of that name.",
		"(create-directory filename)", "unspecified", "Makes a directory; a file-error if it exists or its parent does not.",
		"(delete-directory filename)", "unspecified", "Removes an empty directory.",
		"(list-directory filename)", "list", "Returns the names of the entries of a directory, as strings, without `.` and `..` (sorted; Foment lists them in the system's order).",
		"(current-directory [filename])", "string", "Returns the current directory; with filename, changes it (for the whole program: relative file names are resolved from it).",
		"(build-path filename1:filename filename2:filename)", "string", "Joins two file names with a `/`: `(build-path \"logs\" \"today.txt\")` is \"logs/today.txt\".",
	)
}
