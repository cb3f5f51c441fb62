package catalog

import "runtime"

// Features are the names cond-expand and (features) know, as Foment 0.4 gives them on this
// machine (its src/foment.cpp: the fixed list, then the CPU, the system and the byte order).
// The analyzer decides which cond-expand branch is live with them; the interpreter answers
// (features) and expands cond-expand with them.
func Features() []string {
	arch := map[string]string{"amd64": "x86-64", "arm64": "aarch64", "386": "i686", "arm": "arm"}[runtime.GOARCH]
	if arch == "" {
		arch = runtime.GOARCH
	}
	model := "lp64"
	if runtime.GOARCH == "386" || runtime.GOARCH == "arm" {
		model = "ilp32"
	}
	fs := []string{"guardians", "little-endian", runtime.GOOS, arch, "foment-0.4", "foment", "threads",
		"ratios", "full-unicode", "ieee-float", "exact-complex", "exact-closed", "r7rs", model}
	if runtime.GOOS != "windows" {
		fs = append(fs, "unix")
	}
	return fs
}

// HasFeature reports whether a feature identifier is one of Features.
func HasFeature(name string) bool {
	for _, f := range Features() {
		if f == name {
			return true
		}
	}
	return false
}
