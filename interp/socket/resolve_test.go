package socket

import (
	"fmt"
	"testing"

	"foment-ls/interp"

	"golang.org/x/sys/unix"
)

// resolve has getaddrinfo's meaning for nodes and services.
func TestResolve(t *testing.T) {
	tests := []struct {
		node, service string
		family, flags int
		passive       bool
		want          string // the addresses, or "error: ..." (a prefix of the message)
	}{
		{"localhost", "80", unix.AF_INET, 0, false, "[127.0.0.1:80]"},
		{"localhost", "http", unix.AF_INET, 0, false, "[127.0.0.1:80]"},
		{"localhost", "https", unix.AF_INET6, 0, false, "[[::1]:443]"},
		{"localhost", "8080", unix.AF_UNSPEC, 0, false, "[127.0.0.1:8080 [::1]:8080]"},
		{"", "12345", unix.AF_INET, 0, true, "[0.0.0.0:12345]"},
		{"", "12345", unix.AF_INET6, 0, true, "[[::]:12345]"},
		{"", "12345", unix.AF_INET, 0, false, "[127.0.0.1:12345]"},
		{"127.0.0.1", "0", unix.AF_INET, 0, false, "[127.0.0.1:0]"},
		{"::1", "7", unix.AF_INET6, 0, false, "[[::1]:7]"},
		{"127.0.0.1", "7", unix.AF_INET6, aiV4Mapped, false, "[[::ffff:127.0.0.1]:7]"},
		{"127.0.0.1", "7", unix.AF_INET6, 0, false, "error: Address family for hostname not supported"},
		{"::1", "7", unix.AF_INET, 0, false, "error: Address family for hostname not supported"},
		{"localhost", "no-such-service", unix.AF_INET, 0, false, "error: Servname not supported"},
		{"not-a-number.invalid", "80", unix.AF_INET, aiNumericHost, false, "error: Name or service not known"},
	}
	th := interp.New(interp.Options{}).Main()
	for _, tt := range tests {
		addrs, err := resolve(th, tt.node, tt.service, tt.family, unix.SOCK_STREAM, tt.flags, tt.passive)
		got := fmt.Sprint(addrs)
		if err != nil {
			got = "error: " + err.Error()
		}
		if len(got) < len(tt.want) || got[:len(tt.want)] != tt.want {
			t.Errorf("resolve(%q, %q, family %d, flags %d, passive %v) = %s, want %s",
				tt.node, tt.service, tt.family, tt.flags, tt.passive, got, tt.want)
		}
	}
}
