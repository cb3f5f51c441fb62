package record

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"foment-ls/interp"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
	"github.com/google/gopacket/pcapgo"
	"github.com/google/gopacket/tcpassembly"
)

// capture runs src with a Capture over w (recording it when rec is nil, else replaying rec),
// and returns the pcap file, the program's output and, when recorded, the recording.
func capture(t *testing.T, name, src string, args []string, rec *Recording) (pcap []byte, out string, file []byte) {
	t.Helper()
	var pc, recf, outb bytes.Buffer
	var world interp.World
	var recorder *Recorder
	var rp *Replayer
	if rec == nil {
		var err error
		recorder, err = NewRecorder(nopCloser{&recf}, Header{Program: name}, interp.Live)
		if err != nil {
			t.Fatal(err)
		}
		world = recorder
	} else {
		rp = NewReplayer(rec)
		world = rp
	}
	c, err := NewCapture(nopCloser{&pc}, world)
	if err != nil {
		t.Fatal(err)
	}
	in := interp.New(interp.Options{Args: append([]string{name}, args...), Stdout: &outb, Stderr: &outb, World: c})
	if err := in.RunSource(name, []byte(src)); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, outb.String())
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if recorder != nil {
		recorder.Close(0, "", false)
	}
	if rp != nil && rp.Err() != nil {
		t.Fatal(rp.Err())
	}
	return pc.Bytes(), outb.String(), recf.Bytes()
}

// flowKey names one direction of a TCP conversation.
type flowKey struct{ src, dst string }

// packets reads a capture with gopacket: each TCP direction's payload, put together by
// sequence number (a gap or an overlap is an error), the TCP flags seen, and the UDP
// datagrams.
func packets(t *testing.T, pcap []byte) (streams map[flowKey][]byte, flags map[flowKey]string, udp map[flowKey][]string) {
	t.Helper()
	r, err := pcapgo.NewReader(bytes.NewReader(pcap))
	if err != nil {
		t.Fatal(err)
	}
	if r.LinkType() != layers.LinkTypeRaw {
		t.Fatalf("link type %v", r.LinkType())
	}
	streams, flags, udp = map[flowKey][]byte{}, map[flowKey]string{}, map[flowKey][]string{}
	next := map[flowKey]uint32{}
	for {
		data, _, err := r.ReadPacketData()
		if err != nil {
			break
		}
		first := layers.LayerTypeIPv4
		if data[0]>>4 == 6 {
			first = layers.LayerTypeIPv6
		}
		p := gopacket.NewPacket(data, first, gopacket.Default)
		if el := p.ErrorLayer(); el != nil {
			t.Fatalf("a packet gopacket cannot decode: %v", el.Error())
		}
		nf := p.NetworkLayer().NetworkFlow()
		switch l := p.TransportLayer().(type) {
		case *layers.TCP:
			k := flowKey{fmt.Sprintf("%s:%d", nf.Src(), l.SrcPort), fmt.Sprintf("%s:%d", nf.Dst(), l.DstPort)}
			f := ""
			for _, x := range []struct {
				on   bool
				name string
			}{{l.SYN, "S"}, {l.FIN, "F"}, {l.RST, "R"}} {
				if x.on {
					f += x.name
				}
			}
			flags[k] += f
			if l.SYN {
				next[k] = l.Seq + 1
				continue
			}
			if len(l.Payload) > 0 {
				if want, ok := next[k]; !ok || l.Seq != want {
					t.Fatalf("%v: a segment at %d where %d was next", k, l.Seq, next[k])
				}
				streams[k] = append(streams[k], l.Payload...)
				next[k] = l.Seq + uint32(len(l.Payload))
			}
		case *layers.UDP:
			k := flowKey{fmt.Sprintf("%s:%d", nf.Src(), l.SrcPort), fmt.Sprintf("%s:%d", nf.Dst(), l.DstPort)}
			udp[k] = append(udp[k], string(l.Payload))
		}
	}
	return streams, flags, udp
}

// assembled puts the capture's TCP streams together with gopacket's own reassembly.
func assembled(t *testing.T, pcap []byte) map[flowKey][]byte {
	r, err := pcapgo.NewReader(bytes.NewReader(pcap))
	if err != nil {
		t.Fatal(err)
	}
	f := &factory{streams: map[flowKey]*bytes.Buffer{}}
	a := tcpassembly.NewAssembler(tcpassembly.NewStreamPool(f))
	for {
		data, ci, err := r.ReadPacketData()
		if err != nil {
			break
		}
		first := layers.LayerTypeIPv4
		if data[0]>>4 == 6 {
			first = layers.LayerTypeIPv6
		}
		p := gopacket.NewPacket(data, first, gopacket.Default)
		if tcp, ok := p.TransportLayer().(*layers.TCP); ok {
			a.AssembleWithTimestamp(p.NetworkLayer().NetworkFlow(), tcp, ci.Timestamp)
		}
	}
	a.FlushAll()
	out := map[flowKey][]byte{}
	for k, b := range f.streams {
		out[k] = b.Bytes()
	}
	return out
}

type factory struct{ streams map[flowKey]*bytes.Buffer }

func (f *factory) New(n, tr gopacket.Flow) tcpassembly.Stream {
	k := flowKey{fmt.Sprintf("%s:%s", n.Src(), tr.Src()), fmt.Sprintf("%s:%s", n.Dst(), tr.Dst())}
	b := &bytes.Buffer{}
	f.streams[k] = b
	return stream{b}
}

type stream struct{ b *bytes.Buffer }

func (s stream) Reassembled(rs []tcpassembly.Reassembly) {
	for _, r := range rs {
		s.b.Write(r.Bytes)
	}
}
func (s stream) ReassemblyComplete() {}

// The capture of an echo server recorded with a live client: both directions of the
// conversation are the bytes sent, with its handshake and its end; the replay's capture is
// the same file; gopacket's reassembly agrees; tshark, when it is here, reads it.
func TestCaptureTCP(t *testing.T) { captureTCP(t, "127.0.0.1") }

// Over IPv6: the packets have IPv6 headers, the streams are the same.
func TestCaptureTCP6(t *testing.T) {
	if l, err := net.Listen("tcp6", "[::1]:0"); err != nil {
		t.Skip("no IPv6 loopback here")
	} else {
		l.Close()
	}
	captureTCP(t, "::1")
}

func captureTCP(t *testing.T, host string) {
	port := freePort(t)
	msgs := []string{"hello", "world", strings.Repeat("a long message ", 10000)}
	done := make(chan error, 1)
	go func() { done <- echoClientAt(host, port, msgs) }()
	server := strings.Replace(echoServer, "(recv-socket c 1000 0)", "(recv-socket c 65536 0)", 1)
	server = strings.Replace(server, "(write (utf8->string bv)) (newline)", "", 1)
	if host != "127.0.0.1" {
		server = strings.ReplaceAll(server, "(address-family inet)", "(address-family inet6)")
		server = strings.Replace(server, `"127.0.0.1"`, strconv.Quote(host), 1)
	}
	pc, out, file := capture(t, "server.scm", server, []string{strconv.Itoa(port)}, nil)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, fmt.Sprintf("received %d", len(strings.Join(msgs, "")))) {
		t.Fatalf("output %q", out)
	}
	streams, flags, _ := packets(t, pc)
	sent := strings.Join(msgs, "")
	var in, back flowKey
	for k := range streams {
		if strings.HasSuffix(k.dst, ":"+strconv.Itoa(port)) {
			in, back = k, flowKey{k.dst, k.src}
		}
	}
	if string(streams[in]) != sent || string(streams[back]) != sent {
		t.Fatalf("streams: %d bytes in, %d back; want %d each way", len(streams[in]), len(streams[back]), len(sent))
	}
	// The client opened (SYN), the server answered (SYN-ACK); the client closed (FIN), then
	// the server (FIN).
	if flags[in] != "SF" || flags[back] != "SF" {
		t.Errorf("flags %q in, %q back", flags[in], flags[back])
	}
	gp := assembled(t, pc)
	if string(gp[in]) != sent || string(gp[back]) != sent {
		t.Errorf("gopacket's reassembly: %d bytes in, %d back", len(gp[in]), len(gp[back]))
	}

	rec, err := parse(file)
	if err != nil {
		t.Fatal(err)
	}
	pc2, out2, _ := capture(t, "server.scm", server, []string{strconv.Itoa(port)}, rec)
	if out2 != out || !bytes.Equal(pc2, pc) {
		t.Errorf("the replay's capture differs from the recording's (output %q)", out2)
	}
	tshark(t, pc, in.src, in.dst, sent)
}

// tshark reads the capture when it is installed (Debian's tshark): no errors, and its
// "follow" of the first stream holds the bytes sent.
func tshark(t *testing.T, pc []byte, src, dst, sent string) {
	bin, err := exec.LookPath("tshark")
	if err != nil {
		t.Log("tshark is not installed: not checked with it")
		return
	}
	f := filepath.Join(t.TempDir(), "c.pcap")
	os.WriteFile(f, pc, 0o644)
	cmd := exec.Command(bin, "-r", f, "-q", "-z", "follow,tcp,raw,0")
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("tshark -r: %v\n%s", err, b)
	}
	// Each segment is a line of hex: the first side's as they are, the other's indented.
	var first, second []byte
	for _, line := range strings.Split(string(b), "\n") {
		x, err := hexDecode(strings.TrimSpace(line))
		if err != nil || strings.TrimSpace(line) == "" {
			continue
		}
		if strings.HasPrefix(line, "\t") {
			second = append(second, x...)
		} else {
			first = append(first, x...)
		}
	}
	if string(first) != sent || string(second) != sent {
		t.Errorf("tshark's follow of stream 0: %d and %d bytes, want %d each way:\n%.600s", len(first), len(second), len(sent), b)
	}
}

func hexDecode(s string) ([]byte, error) {
	if len(s)%2 != 0 {
		return nil, strconv.ErrSyntax
	}
	out := make([]byte, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		v, err := strconv.ParseUint(s[i:i+2], 16, 8)
		if err != nil {
			return nil, err
		}
		out = append(out, byte(v))
	}
	return out, nil
}

// A UDP exchange: each datagram once, each way, with its addresses.
func TestCaptureUDP(t *testing.T) {
	port := freePort(t)
	src := `(import (scheme base) (scheme write) (foment base))
(define port (cadr (command-line)))
(define s (make-socket (address-family inet) (socket-domain datagram) (ip-protocol udp)))
(bind-socket s "127.0.0.1" port (address-family inet) (socket-domain datagram) (ip-protocol udp))
(define c (make-socket (address-family inet) (socket-domain datagram) (ip-protocol udp)))
(connect-socket c "127.0.0.1" port (address-family inet) (socket-domain datagram) 0 (ip-protocol udp))
(send-socket c (string->utf8 "ping one") 0)
(send-socket c (string->utf8 "ping two") 0)
(write (utf8->string (recv-socket s 100 0))) (newline)
(write (utf8->string (recv-socket s 100 0))) (newline)
`
	pc, out, _ := capture(t, "udp.scm", src, []string{strconv.Itoa(port)}, nil)
	if out != "\"ping one\"\n\"ping two\"\n" {
		t.Fatalf("output %q", out)
	}
	_, _, udp := packets(t, pc)
	var n int
	for k, ds := range udp {
		if !strings.HasSuffix(k.dst, ":"+strconv.Itoa(port)) {
			t.Errorf("a datagram %v", k)
		}
		n += len(ds)
		// Sent by the client, received by the server: the capture has each twice.
		if len(ds) != 4 || ds[0] != "ping one" || ds[1] != "ping two" {
			t.Errorf("%v: %q", k, ds)
		}
	}
	if n != 4 {
		t.Errorf("%d datagrams: %v", n, udp)
	}
}

// A refused connection is a SYN and the peer's RST; a connection the peer resets ends with
// its RST.
func TestCaptureResets(t *testing.T) {
	closed := freePort(t) // nobody listens there
	port := freePort(t)
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		c, err := l.Accept()
		if err != nil {
			return
		}
		buf := make([]byte, 5)
		io.ReadFull(c, buf)
		c.(*net.TCPConn).SetLinger(0) // closing sends RST
		c.Close()
	}()
	src := `(import (scheme base) (scheme write) (foment base))
(define (try thunk) (guard (e (#t (display "error") (newline))) (thunk)))
(define refused (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp)))
(try (lambda () (connect-socket refused "127.0.0.1" (cadr (command-line)) (address-family inet) (socket-domain stream) 0 (ip-protocol tcp))))
(define s (make-socket (address-family inet) (socket-domain stream) (ip-protocol tcp)))
(connect-socket s "127.0.0.1" (caddr (command-line)) (address-family inet) (socket-domain stream) 0 (ip-protocol tcp))
(send-socket s (string->utf8 "hello") 0)
(try (lambda () (write (recv-socket s 10 0)) (newline)))
`
	pc, out, _ := capture(t, "resets.scm", src, []string{strconv.Itoa(closed), strconv.Itoa(port)}, nil)
	if !strings.HasPrefix(out, "error\n") {
		t.Fatalf("output %q", out)
	}
	_, flags, _ := packets(t, pc)
	var refused, reset bool
	for k, f := range flags {
		switch {
		case strings.HasSuffix(k.src, ":"+strconv.Itoa(closed)):
			refused = f == "R"
		case strings.HasSuffix(k.src, ":"+strconv.Itoa(port)):
			reset = strings.HasSuffix(f, "R")
		}
	}
	if !refused || !reset {
		t.Errorf("flags %v: refused %v, reset %v", flags, refused, reset)
	}
}
