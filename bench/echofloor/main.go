// Command echofloor is the floor for bench/echo.sh: the same echo transfer as
// bench/echo-server.scm and bench/echo-client.scm, written with raw system calls, one reused
// buffer and blocking waits, as a C program would do it. No interpreter can beat it.
//
//	echofloor server PORT
//	echofloor client PORT [window|pingpong|small] [TOTAL]
//	echofloor port          prints a free port (for the script)
package main

import (
	"fmt"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

const block = 64 << 10

func main() {
	if len(os.Args) == 2 && os.Args[1] == "port" {
		fmt.Println(freePort())
		return
	}
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: echofloor server|client PORT [window|pingpong|small] [TOTAL]")
		os.Exit(2)
	}
	port, err := strconv.Atoi(os.Args[2])
	check(err)
	addr := &unix.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}}
	s, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	check(err)
	buf := make([]byte, block)
	if os.Args[1] == "server" {
		check(unix.SetsockoptInt(s, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1))
		check(unix.Bind(s, addr))
		check(unix.Listen(s, 16))
		c, _, err := unix.Accept(s)
		check(err)
		for {
			n, err := unix.Read(c, buf)
			check(err)
			if n == 0 {
				return
			}
			send(c, buf[:n])
		}
	}
	window, total := 4, 128<<20
	if len(os.Args) > 3 && os.Args[3] == "pingpong" {
		window = 1
	}
	if len(os.Args) > 4 {
		total, err = strconv.Atoi(os.Args[4])
		check(err)
	}
	check(unix.Connect(s, addr))
	if len(os.Args) > 3 && os.Args[3] == "small" {
		// 20,000 messages of 16 bytes, each sent when the last came back.
		for i := 0; i < 20000; i++ {
			send(s, buf[:16])
			for have := 0; have < 16; {
				n, err := unix.Read(s, buf[have:16])
				check(err)
				have += n
			}
		}
		return
	}
	out := make([]byte, block)
	for sent, received := 0, 0; received < total; {
		if sent < total && sent-received < window*block {
			send(s, out)
			sent += block
			continue
		}
		for have := 0; have < block; {
			n, err := unix.Read(s, buf[have:])
			check(err)
			have += n
		}
		received += block
	}
	fmt.Println(total)
}

// freePort binds port 0 on the loopback and reports the port the system chose.
func freePort() int {
	s, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	check(err)
	defer unix.Close(s)
	check(unix.Bind(s, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}))
	sa, err := unix.Getsockname(s)
	check(err)
	return sa.(*unix.SockaddrInet4).Port
}

func send(fd int, p []byte) {
	for len(p) > 0 {
		n, err := unix.Write(fd, p)
		check(err)
		p = p[n:]
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "echofloor:", err)
		os.Exit(1)
	}
}
