package socket

import (
	"errors"
	"strings"

	"foment-ls/catalog"
	"foment-ls/interp"

	"golang.org/x/sys/unix"
)

// sockOf returns the socket behind a value the catalogue has checked to be a socket port.
func sockOf(v interp.Value) *Socket {
	return v.Object().(*interp.Port).Object.(*Socket)
}

// IsSocket reports whether v is a socket.
func IsSocket(v interp.Value) bool {
	p, ok := v.Object().(*interp.Port)
	if !ok {
		return false
	}
	_, ok = p.Object.(*Socket)
	return ok
}

// Of returns the socket of a value, or nil.
func Of(v interp.Value) *Socket {
	if !IsSocket(v) {
		return nil
	}
	return sockOf(v)
}

func str(v interp.Value) string { return v.Object().(*interp.String).String() }

func bytesOf(v interp.Value) []byte { return v.Object().(*interp.Bytevector).B }

func num(v interp.Value) int { return int(v.Fix()) }

func init() {
	interp.DefineKind("socket", IsSocket)

	interp.Define("socket?", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Bool(IsSocket(a[0]))
	})
	interp.Define("make-socket", func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Obj(makeSocket(th, num(a[0]), num(a[1]), num(a[2])).Port)
	})
	interp.Define("bind-socket", func(th *interp.Thread, a []interp.Value) interp.Value {
		sockOf(a[0]).bind(th, str(a[1]), str(a[2]), num(a[3]), num(a[4]), num(a[5]))
		return interp.Unspecified
	})
	interp.Define("listen-socket", func(th *interp.Thread, a []interp.Value) interp.Value {
		backlog := unix.SOMAXCONN
		if len(a) > 1 {
			backlog = num(a[1])
		}
		sockOf(a[0]).listen(th, backlog)
		return interp.Unspecified
	})
	accept := func(th *interp.Thread, a []interp.Value) interp.Value {
		return interp.Obj(sockOf(a[0]).accept(th).Port)
	}
	interp.Define("accept-socket", accept)
	interp.Define("socket-accept", accept)
	interp.Define("connect-socket", func(th *interp.Thread, a []interp.Value) interp.Value {
		sockOf(a[0]).connect(th, str(a[1]), str(a[2]), num(a[3]), num(a[4]), num(a[5]), num(a[6]))
		return interp.Unspecified
	})
	shutdown := func(th *interp.Thread, a []interp.Value) interp.Value {
		sockOf(a[0]).shutdown(th, num(a[1]))
		return interp.Unspecified
	}
	interp.Define("shutdown-socket", shutdown)
	interp.Define("socket-shutdown", shutdown)
	send := func(who string) func(th *interp.Thread, a []interp.Value) interp.Value {
		return func(th *interp.Thread, a []interp.Value) interp.Value {
			s := sockOf(a[0])
			flags := 0
			if len(a) > 2 {
				flags = num(a[2])
			}
			if _, err := s.send(th, who, bytesOf(a[1]), flags); err != nil {
				s.fail(th, who, "send failed", err, a[0])
			}
			return interp.Unspecified
		}
	}
	interp.Define("send-socket", send("send-socket"))
	interp.Define("socket-send", send("socket-send"))
	recv := func(who string) func(th *interp.Thread, a []interp.Value) interp.Value {
		return func(th *interp.Thread, a []interp.Value) interp.Value {
			s := sockOf(a[0])
			flags := 0
			if len(a) > 2 {
				flags = num(a[2])
			}
			b, err := s.recv(th, nil, num(a[1]), flags)
			if err != nil {
				s.fail(th, who, "recv failed", err, a[0])
			}
			return interp.Bytes(b)
		}
	}
	interp.Define("recv-socket", recv("recv-socket"))
	interp.Define("socket-recv", recv("socket-recv"))
	interp.Define("get-ip-addresses", func(th *interp.Thread, a []interp.Value) interp.Value {
		family := num(a[0])
		addrs, err := th.In.Net().InterfaceAddrs(th)
		if err != nil {
			th.Error("get-ip-addresses", "getting the addresses failed", interp.Str(osText(err)))
		}
		var out []interp.Value
		for _, ad := range addrs {
			is4 := ad.Addr().Is4()
			if (family == unix.AF_INET && !is4) || (family == unix.AF_INET6 && is4) {
				continue
			}
			out = append(out, interp.Str(ad.Addr().String()))
		}
		return interp.List(out...)
	})
	interp.Define("socket-merge-flags", func(th *interp.Thread, a []interp.Value) interp.Value {
		var f int64
		for _, x := range a {
			f |= x.Fix()
		}
		return interp.Fixnum(f)
	})
	interp.Define("socket-purge-flags", func(th *interp.Thread, a []interp.Value) interp.Value {
		f := a[0].Fix()
		for _, x := range a[1:] {
			f &^= x.Fix()
		}
		return interp.Fixnum(f)
	})

	// SRFI 106.
	interp.Define("make-client-socket", func(th *interp.Thread, a []interp.Value) interp.Value {
		family, domain, flags, protocol := unix.AF_INET, unix.SOCK_STREAM, aiV4Mapped|aiAddrConfig, 0
		if len(a) > 2 {
			family = num(a[2])
		}
		if len(a) > 3 {
			domain = num(a[3])
		}
		if len(a) > 4 {
			flags = num(a[4])
		}
		if len(a) > 5 {
			protocol = num(a[5])
		}
		s := makeSocket(th, family, domain, protocol)
		s.connect(th, str(a[0]), str(a[1]), family, domain, flags, protocol)
		return interp.Obj(s.Port)
	})
	interp.Define("make-server-socket", func(th *interp.Thread, a []interp.Value) interp.Value {
		family, domain, protocol := unix.AF_INET, unix.SOCK_STREAM, 0
		if len(a) > 1 {
			family = num(a[1])
		}
		if len(a) > 2 {
			domain = num(a[2])
		}
		if len(a) > 3 {
			protocol = num(a[3])
		}
		s := makeSocket(th, family, domain, protocol)
		s.bind(th, "", str(a[0]), family, domain, protocol)
		if domain == unix.SOCK_STREAM {
			s.listen(th, unix.SOMAXCONN)
		}
		return interp.Obj(s.Port)
	})
	interp.Define("socket-close", func(th *interp.Thread, a []interp.Value) interp.Value {
		sockOf(a[0]).close(th)
		return interp.Unspecified
	})
	identity := func(th *interp.Thread, a []interp.Value) interp.Value { return a[0] }
	interp.Define("socket-input-port", identity)
	interp.Define("socket-output-port", identity)
	interp.Define("call-with-socket", func(th *interp.Thread, a []interp.Value) interp.Value {
		v := th.Call(a[1], a[0])
		sockOf(a[0]).close(th)
		return v
	})

	// The syntax forms: unknown names are errors before the program runs.
	constForm := func(name, kind string, names map[string]string) {
		var literals []string
		for k := range names {
			literals = append(literals, strings.Fields(k)...)
		}
		interp.DefineLiteralSyntax(name, literals, func(args []interp.Value) (interp.Value, error) {
			var parts []string
			for _, x := range args {
				parts = append(parts, interp.WriteString(x))
			}
			key := strings.Join(parts, " ")
			if c, ok := names[key]; ok {
				return interp.Fixnum(catalog.Lookup(c).Value), nil
			}
			return interp.Value{}, errors.New(name + ": expected " + expectedNames(names) + ", got (" + name + " " + key + ")")
		})
	}
	constForm("address-family", "family", map[string]string{"inet": "*af-inet*", "inet6": "*af-inet6*", "unspec": "*af-unspec*"})
	constForm("socket-domain", "domain", map[string]string{"stream": "*sock-stream*", "datagram": "*sock-dgram*", "raw": "*sock-raw*"})
	constForm("ip-protocol", "protocol", map[string]string{"ip": "*ipproto-ip*", "tcp": "*ipproto-tcp*", "udp": "*ipproto-udp*"})
	constForm("shutdown-method", "shutdown", map[string]string{"read": "*shut-rd*", "write": "*shut-wr*", "read write": "*shut-rdwr*", "write read": "*shut-rdwr*"})
	flagForm := func(name, msg string, names map[string]int64) {
		// Like Foment, the names are looked up when the form is evaluated.
		prim := &interp.Primitive{Name: name, Min: 1, Max: 1, Fn: func(th *interp.Thread, a []interp.Value) interp.Value {
			var f int64
			items, _ := interp.ListToSlice(a[0])
			for _, it := range items {
				v, ok := names[interp.WriteString(it)]
				if !ok {
					th.Error(name, msg, it)
				}
				f |= v
			}
			return interp.Fixnum(f)
		}}
		interp.DefineSyntax(name, func(args []interp.Value) (interp.Value, error) {
			return interp.CallForm(prim, interp.QuoteForm(interp.List(args...))), nil
		})
	}
	flagForm("message-type", "expected a message type flag", map[string]int64{"none": 0, "peek": unix.MSG_PEEK,
		"oob": unix.MSG_OOB, "waitall": unix.MSG_WAITALL, "wait-all": unix.MSG_WAITALL})
	flagForm("address-info", "expected an address info flag", map[string]int64{"canonname": aiCanonName,
		"canoname": aiCanonName, "numerichost": aiNumericHost, "v4mapped": aiV4Mapped,
		"all": aiAll, "addrconfig": aiAddrConfig})
}

func expectedNames(names map[string]string) string {
	var ks []string
	for k := range names {
		if !strings.Contains(k, " ") {
			ks = append(ks, k)
		}
	}
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0 && ks[j] < ks[j-1]; j-- {
			ks[j], ks[j-1] = ks[j-1], ks[j]
		}
	}
	return strings.Join(ks, ", ")
}
