package socket_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"foment-ls/interp"
)

// The server of a thread per connection (examples/thread-server.scm) under 50 clients at once
// (examples/thread-clients.scm, a thread per client, in a second interpreter of this process):
// every client checks every byte that comes back, and both sides count the same bytes.
func TestThreadServerFiftyClients(t *testing.T) {
	const clients, rounds = 50, 40
	port := freePort(t)
	server := filepath.Join("..", "..", "examples", "thread-server.scm")
	load := filepath.Join("..", "..", "examples", "thread-clients.scm")
	var serverOut, clientOut bytes.Buffer
	srv := interp.New(interp.Options{Args: []string{server, port, strconv.Itoa(clients)}, Stdout: &serverOut})
	done := make(chan error, 1)
	go func() { done <- srv.RunFile(server) }()
	deadline := time.Now().Add(10 * time.Second)
	for !isListening(port) {
		if time.Now().After(deadline) {
			t.Fatal("the server never listened")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cli := interp.New(interp.Options{Args: []string{load, port, strconv.Itoa(clients), strconv.Itoa(rounds)},
		Stdout: &clientOut})
	if err := cli.RunFile(load); err != nil {
		t.Fatalf("clients: %v\n%s", err, clientOut.String())
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("server: %v\n%s", err, serverOut.String())
		}
	case <-time.After(60 * time.Second):
		t.Fatal("the server did not end after its clients")
	}
	srv.Stdout.Flush()
	cli.Stdout.Flush()
	// The sizes of the messages, as thread-clients.scm makes them.
	total := 0
	for c := range clients {
		for r := range rounds {
			total += 1 + (c*37+r*101)%1000
		}
	}
	if want := fmt.Sprintf("%d clients, %d bytes echoed, every byte checked\n", clients, total); clientOut.String() != want {
		t.Errorf("clients printed %q, want %q", clientOut.String(), want)
	}
	if want := fmt.Sprintf("listening on 127.0.0.1:%s\nserved %d clients, %d bytes echoed\n", port, clients, total); serverOut.String() != want {
		t.Errorf("server printed %q, want %q", serverOut.String(), want)
	}
}
