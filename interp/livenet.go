package interp

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"sync/atomic"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// LiveNet makes the socket system calls for real, on golang.org/x/sys/unix.
var LiveNet Net = liveNet{}

type liveNet struct{}

// fionread is Linux's FIONREAD (SIOCINQ): the bytes waiting to be read.
const fionread = 0x541B

func (liveNet) Socket(_ *Thread, family, typ, proto int) (int, error) {
	return unix.Socket(family, typ|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, proto)
}

func (n liveNet) Bind(th *Thread, fd int, addr netip.AddrPort) error {
	// A server restarted at once must get its port back.
	unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1)
	return unix.Bind(fd, n.sockaddr(th, addr))
}

func (liveNet) Listen(_ *Thread, fd, backlog int) error { return unix.Listen(fd, backlog) }

func (liveNet) Accept(_ *Thread, fd int) (int, error) {
	nfd, _, err := unix.Accept4(fd, unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC)
	return nfd, err
}

func (n liveNet) Connect(th *Thread, fd int, addr netip.AddrPort) error {
	return unix.Connect(fd, n.sockaddr(th, addr))
}

func (liveNet) SocketError(_ *Thread, fd int) (int, error) {
	return unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_ERROR)
}

func (liveNet) Name(_ *Thread, fd int, peer bool) (netip.AddrPort, error) {
	var sa unix.Sockaddr
	var err error
	if peer {
		sa, err = unix.Getpeername(fd)
	} else {
		sa, err = unix.Getsockname(fd)
	}
	if err != nil {
		return netip.AddrPort{}, err
	}
	return AddrPortOf(sa), nil
}

func (liveNet) Send(_ *Thread, fd int, p []byte, flags int) (int, error) {
	return unix.SendmsgN(fd, p, nil, nil, flags)
}

func (liveNet) Recv(_ *Thread, fd int, p []byte, flags int) (int, netip.AddrPort, error) {
	// recvfrom(2) made here, with the address on the stack: unix.Recvfrom allocates it, at
	// every receive of a server's round trip.
	var rsa unix.RawSockaddrAny
	size := uint32(unix.SizeofSockaddrAny)
	r, _, e := unix.Syscall6(unix.SYS_RECVFROM, uintptr(fd), uintptr(unsafe.Pointer(unsafe.SliceData(p))),
		uintptr(len(p)), uintptr(flags), uintptr(unsafe.Pointer(&rsa)), uintptr(unsafe.Pointer(&size)))
	if e != 0 {
		return int(r), netip.AddrPort{}, e
	}
	return int(r), rawAddrPort(&rsa), nil
}

// rawAddrPort is the address of a system sockaddr (the zero AddrPort for another family, a
// connected stream's receive among them).
func rawAddrPort(rsa *unix.RawSockaddrAny) netip.AddrPort {
	switch rsa.Addr.Family {
	case unix.AF_INET:
		a := (*unix.RawSockaddrInet4)(unsafe.Pointer(rsa))
		return netip.AddrPortFrom(netip.AddrFrom4(a.Addr), ntohs(a.Port))
	case unix.AF_INET6:
		a := (*unix.RawSockaddrInet6)(unsafe.Pointer(rsa))
		return netip.AddrPortFrom(netip.AddrFrom16(a.Addr), ntohs(a.Port))
	}
	return netip.AddrPort{}
}

// ntohs reads a port in network order.
func ntohs(p uint16) uint16 {
	b := (*[2]byte)(unsafe.Pointer(&p))
	return uint16(b[0])<<8 | uint16(b[1])
}

func (liveNet) Readable(_ *Thread, fd int) (int, error) { return unix.IoctlGetInt(fd, fionread) }

func (liveNet) Wait(_ *Thread, fd int, write bool, wakefd int, woken *atomic.Bool, timeout int) (Poll, error) {
	events := int16(unix.POLLIN)
	if write {
		events = unix.POLLOUT
	}
	fds := [2]unix.PollFd{{Fd: int32(fd), Events: events}, {Fd: int32(wakefd), Events: unix.POLLIN}}
	n := 2
	if wakefd < 0 {
		n = 1
	}
	_, err := unix.Poll(fds[:n], timeout)
	if err != nil {
		return Poll{}, err
	}
	return Poll{Ready: fds[0].Revents != 0, Woken: woken != nil && woken.Load() || n > 1 && fds[1].Revents != 0,
		Invalid: fds[0].Revents&unix.POLLNVAL != 0}, nil
}

func (liveNet) Shutdown(_ *Thread, fd, how int) error { return unix.Shutdown(fd, how) }

func (liveNet) Closed(*Thread, int) {}

func (liveNet) LookupPort(_ *Thread, network, service string) (int, error) {
	return net.LookupPort(network, service)
}

func (liveNet) LookupIP(_ *Thread, host string) ([]netip.Addr, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
}

func (liveNet) InterfaceAddrs(*Thread) ([]netip.Prefix, error) {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil, err
	}
	var out []netip.Prefix
	for _, a := range addrs {
		ipn, ok := a.(*net.IPNet)
		if !ok {
			continue
		}
		ip, ok := netip.AddrFromSlice(ipn.IP)
		if !ok {
			continue
		}
		ones, _ := ipn.Mask.Size()
		out = append(out, netip.PrefixFrom(ip.Unmap(), ones))
	}
	return out, nil
}

// sockaddr is an address as the system takes it; an IPv6 zone is an interface's index.
func (liveNet) sockaddr(_ *Thread, ap netip.AddrPort) unix.Sockaddr {
	a := ap.Addr()
	if a.Is4() {
		return &unix.SockaddrInet4{Port: int(ap.Port()), Addr: a.As4()}
	}
	sa := &unix.SockaddrInet6{Port: int(ap.Port()), Addr: a.As16()}
	if z := a.Zone(); z != "" {
		if ifi, err := net.InterfaceByName(z); err == nil {
			sa.ZoneId = uint32(ifi.Index)
		}
	}
	return sa
}

// AddrPortOf is a system address as an address and port.
func AddrPortOf(sa unix.Sockaddr) netip.AddrPort {
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		return netip.AddrPortFrom(netip.AddrFrom4(a.Addr), uint16(a.Port))
	case *unix.SockaddrInet6:
		return netip.AddrPortFrom(netip.AddrFrom16(a.Addr), uint16(a.Port))
	}
	return netip.AddrPort{}
}

// pollReadable reports whether reading fd would not block.
func pollReadable(fd int) bool {
	fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
	n, err := unix.Poll(fds, 0)
	return err != nil || n > 0
}

var errStdinWrite = errors.New("standard input cannot be written")
