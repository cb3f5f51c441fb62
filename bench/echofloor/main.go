// Command echofloor is the floor for bench/echo.sh: the same echo transfer as
// bench/echo-server.scm and bench/echo-client.scm, written with raw system calls, one reused
// buffer and blocking waits, as a C program would do it. No interpreter can beat it.
//
//	echofloor server PORT
//	echofloor client PORT [window|pingpong|small] [TOTAL]
//	echofloor port          prints a free port (for the script)
//
// With ECHOFLOOR_ALLOC=1 the server and client read each time into a new slice, as a Scheme
// program's recv-socket returns a new bytevector, and the collector runs at GOGC=400 as in
// foment-ls run: the floor of the window and pingpong styles of bench/echo-client.scm in Go.
//
// and for bench/threads.sh, many connections at once:
//
//	echofloor clients PORT N ROUNDS SIZE   N clients at once, each sending ROUNDS messages of
//	                                       SIZE bytes, each when the last came back; checks
//	                                       every byte and prints the bytes echoed
//	echofloor threadserver PORT N          echoes N connections, a thread for each
package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strconv"

	"golang.org/x/sys/unix"
)

const block = 64 << 10

// fresh: each read of a block goes into a new slice (ECHOFLOOR_ALLOC).
var fresh = os.Getenv("ECHOFLOOR_ALLOC") != ""

func main() {
	if fresh {
		debug.SetGCPercent(400)
	}
	if len(os.Args) == 2 && os.Args[1] == "port" {
		fmt.Println(freePort())
		return
	}
	if len(os.Args) == 6 && os.Args[1] == "clients" {
		clients(os.Args[2], atoi(os.Args[3]), atoi(os.Args[4]), atoi(os.Args[5]))
		return
	}
	if len(os.Args) == 4 && os.Args[1] == "threadserver" {
		threadServer(atoi(os.Args[2]), atoi(os.Args[3]))
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
			if fresh {
				buf = make([]byte, block)
			}
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
			into := buf[have:]
			if fresh {
				into = make([]byte, block-have)
			}
			n, err := unix.Read(s, into)
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

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	check(err)
	return n
}

func loopback(port int) *unix.SockaddrInet4 {
	return &unix.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}}
}

// clients runs n clients at once, each on its own thread (blocking system calls), and checks
// that every byte comes back.
func clients(port string, n, rounds, size int) {
	addr := loopback(atoi(port))
	done := make(chan int)
	for c := 0; c < n; c++ {
		go func(c int) {
			s, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
			check(err)
			check(unix.Connect(s, addr))
			out, in := make([]byte, size), make([]byte, size)
			for r := 0; r < rounds; r++ {
				for i := range out {
					out[i] = byte(c*131 + r*7 + i)
				}
				send(s, out)
				for have := 0; have < size; {
					k, err := unix.Read(s, in[have:])
					check(err)
					if k == 0 {
						check(fmt.Errorf("client %d: connection closed after %d rounds", c, r))
					}
					have += k
				}
				for i := range in {
					if in[i] != out[i] {
						check(fmt.Errorf("client %d, round %d: byte %d is %d, not %d", c, r, i, in[i], out[i]))
					}
				}
			}
			check(unix.Close(s))
			done <- rounds * size
		}(c)
	}
	total := 0
	for c := 0; c < n; c++ {
		total += <-done
	}
	fmt.Println(total)
}

// threadServer echoes n connections, each on a thread of its own with blocking system calls:
// the floor for a server of one thread per connection.
func threadServer(port, n int) {
	s, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	check(err)
	check(unix.SetsockoptInt(s, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1))
	check(unix.Bind(s, loopback(port)))
	check(unix.Listen(s, 128))
	done := make(chan struct{})
	for i := 0; i < n; i++ {
		c, _, err := unix.Accept(s)
		check(err)
		go func() {
			buf := make([]byte, 4096)
			for {
				k, err := unix.Read(c, buf)
				check(err)
				if k == 0 {
					break
				}
				send(c, buf[:k])
			}
			unix.Close(c)
			done <- struct{}{}
		}()
	}
	for i := 0; i < n; i++ {
		<-done
	}
}
