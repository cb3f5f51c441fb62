// End-to-end: Microsoft's DebugClient (@vscode/debugadapter-testsupport, what VS Code's own
// debug adapters are tested with) drives `foment-ls dap` over stdio through the Sockets
// example: a breakpoint on accept-socket, the listening socket's state, a pause while blocked in
// accept, then the bytes a client sends; and the example's client, its input typed in an
// integrated terminal that the adapter asks for with the runInTerminal reverse request; and the
// server recorded, replayed with no network, and debugged backwards (stepBack, reverseContinue).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { join, resolve } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { DebugClient } from '@vscode/debugadapter-testsupport';

const bin = process.env.FOMENT_LS;
if (!bin) throw new Error('set FOMENT_LS to the foment-ls binary');
const program = resolve('../../examples/sockets.scm');

async function freePort() {
  const s = net.createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

async function variablesOf(dc, ref) {
  const res = await dc.variablesRequest({ variablesReference: ref });
  return Object.fromEntries(res.body.variables.map((v) => [v.name, v]));
}

async function scope(dc, frameId, name) {
  const scopes = await dc.scopesRequest({ frameId });
  const s = scopes.body.scopes.find((x) => x.name === name);
  assert.ok(s, `no scope ${name}`);
  return variablesOf(dc, s.variablesReference);
}

test('debug the Sockets example: accept, pause, bytes', async () => {
  const dc = new DebugClient(bin, 'dap', 'foment');
  await dc.start();
  try {
    const port = String(await freePort());
    const launch = { program, args: ['server', port] };

    // A breakpoint on accept-socket is hit, and the listening socket shows its address.
    await dc.hitBreakpoint(launch, { path: program, line: 20 });
    let st = await dc.stackTraceRequest({ threadId: 1 });
    let frame = st.body.stackFrames[0].id;
    const socks = Object.values(await scope(dc, frame, 'Sockets'));
    assert.equal(socks.length, 1);
    assert.match(socks[0].value, new RegExp(`#<socket tcp 127\\.0\\.0\\.1:${port} listening>`));
    const state = await variablesOf(dc, socks[0].variablesReference);
    assert.equal(state.state.value, 'listening');
    assert.equal(state['local address'].value, `127.0.0.1:${port}`);
    assert.equal((await scope(dc, frame, 'Locals')).s.type, 'socket');

    // Continue: it waits in accept. Pause stops it there.
    await dc.continueRequest({ threadId: 1 });
    await new Promise((r) => setTimeout(r, 100));
    const paused = dc.assertStoppedLocation('pause', { path: program, line: 20 });
    await dc.pauseRequest({ threadId: 1 });
    st = await paused;
    frame = st.body.stackFrames[0].id;
    const blocked = await variablesOf(dc, Object.values(await scope(dc, frame, 'Sockets'))[0].variablesReference);
    assert.equal(blocked['blocked in'].value, 'accept');

    // A client connects and sends: the wait resumes, and the bytes are there to inspect.
    await dc.setBreakpointsRequest({ source: { path: program }, breakpoints: [{ line: 25 }] });
    await dc.continueRequest({ threadId: 1 });
    const client = net.connect(Number(port), '127.0.0.1');
    await new Promise((r) => client.on('connect', r));
    const hit = dc.assertStoppedLocation('breakpoint', { path: program, line: 25 });
    client.write('hello from node');
    st = await hit;
    frame = st.body.stackFrames[0].id;
    const bv = (await scope(dc, frame, 'Locals')).bv;
    assert.equal(bv.type, 'bytevector');
    const parts = await variablesOf(dc, bv.variablesReference);
    assert.equal(parts.text.value, '"hello from node"');
    const ev = await dc.evaluateRequest({ expression: '(utf8->string bv)', frameId: frame, context: 'hover' });
    assert.equal(ev.body.result, '"hello from node"');

    // The program prints it and ends when the client goes.
    await dc.setBreakpointsRequest({ source: { path: program }, breakpoints: [] });
    const output = dc.assertOutput('stdout', 'hello from node');
    await dc.continueRequest({ threadId: 1 });
    await output;
    client.end();
    await dc.waitForEvent('terminated');
  } finally {
    await dc.stop();
  }
});

test('terminate a program waiting in accept', async () => {
  const dc = new DebugClient(bin, 'dap', 'foment');
  await dc.start();
  try {
    const port = String(await freePort());
    await Promise.all([
      dc.configurationSequence(),
      dc.launch({ program, args: ['server', port] }),
    ]);
    await new Promise((r) => setTimeout(r, 100));
    const terminated = dc.waitForEvent('terminated');
    await dc.terminateRequest({});
    await terminated;
    // Its socket is closed: the port is free again.
    const s = net.createServer();
    await new Promise((r, j) => { s.once('error', j); s.listen(Number(port), '127.0.0.1', r); });
    await new Promise((r) => s.close(r));
  } finally {
    await dc.stop();
  }
});

// DebugClient answers no reverse request; this one does what VS Code does with runInTerminal:
// it runs the command in a "terminal" (a child process whose input the test types and whose
// output it reads).
class TerminalClient extends DebugClient {
  constructor(...args) {
    super(...args);
    this.terminals = [];
  }

  dispatch(body) {
    const msg = JSON.parse(body);
    if (msg.type !== 'request' || msg.command !== 'runInTerminal') {
      super.dispatch(body);
      return;
    }
    const [cmd, ...args] = msg.arguments.args;
    const term = spawn(cmd, args, { cwd: msg.arguments.cwd, stdio: ['pipe', 'pipe', 'inherit'] });
    term.screen = '';
    term.stdout.on('data', (d) => { term.screen += d; });
    this.terminals.push(term);
    const json = JSON.stringify({ seq: 0, type: 'response', request_seq: msg.seq, command: 'runInTerminal',
      success: true, body: { processId: term.pid } });
    this.outputStream.write(`Content-Length: ${Buffer.byteLength(json, 'utf8')}\r\n\r\n${json}`, 'utf8');
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(cond, what) {
  for (let i = 0; i < 500; i++) {
    if (cond()) return;
    await sleep(20);
  }
  assert.fail(`timed out waiting for ${what}`);
}

test('the Sockets client, its input typed in an integrated terminal (runInTerminal)', async () => {
  // The server end is the test's: it collects what the client sends.
  let received = '';
  const server = net.createServer((sock) => sock.on('data', (d) => { received += d; }));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = String(server.address().port);
  const dc = new TerminalClient(bin, 'dap', 'foment');
  await dc.start();
  try {
    const init = await dc.initializeRequest({ adapterID: 'foment', linesStartAt1: true, columnsStartAt1: true,
      pathFormat: 'path', supportsRunInTerminalRequest: true });
    assert.ok(init.body.supportsCancelRequest && init.body.supportsCompletionsRequest);
    const initialized = dc.waitForEvent('initialized');
    // launchRequest: DebugClient's launch() would send a second initialize, without the
    // runInTerminal capability.
    await dc.launchRequest({ program, args: ['client', port], console: 'integratedTerminal' });
    await initialized;
    await dc.setBreakpointsRequest({ source: { path: program }, breakpoints: [{ line: 34 }] });
    const hit = dc.assertStoppedLocation('breakpoint', { path: program, line: 34 });
    await dc.configurationDoneRequest();
    await hit;
    assert.equal(dc.terminals.length, 1, 'runInTerminal was asked for once');
    const term = dc.terminals[0];

    // It waits for a line from the terminal: a pause stops it there, in read-line.
    await dc.setBreakpointsRequest({ source: { path: program }, breakpoints: [] });
    await dc.continueRequest({ threadId: 1 });
    await sleep(100);
    const threads = await dc.threadsRequest();
    assert.match(threads.body.threads[0].name, /^main: read from the terminal/);
    const paused = dc.waitForEvent('stopped');
    await dc.pauseRequest({ threadId: 1 });
    assert.equal((await paused).body.reason, 'pause');
    const st = await dc.stackTraceRequest({ threadId: 1 });
    assert.equal(st.body.stackFrames[0].name, 'read-line');
    assert.equal(st.body.stackFrames[0].line, 34);

    // Typed lines go to the server.
    await dc.continueRequest({ threadId: 1 });
    term.stdin.write('hello from the terminal\n');
    await until(() => received.includes('hello from the terminal'), 'the line at the server');

    // The end of typing ends the client as under Foment: read-line returns the end-of-file
    // object and string->utf8 raises an error, where the debugger stops.
    const stopped = dc.waitForEvent('stopped');
    term.stdin.end();
    const ex = await stopped;
    assert.equal(ex.body.reason, 'exception');
    assert.match(ex.body.text, /string->utf8/);
    const terminated = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: 1 });
    await terminated;
    await until(() => term.exitCode !== null, 'the bridge to end');
    assert.match(term.screen, /string->utf8/);
  } finally {
    await dc.stop();
    for (const t of dc.terminals) t.kill();
    server.close();
  }
});

test('record the Sockets server, replay it with no network, and go back (stepBack, reverseContinue)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'foment-ls-replay-'));
  const recording = join(dir, 'server.rec');
  const port = String(await freePort());
  try {
    // The recorded run: a client sends two messages, each when the server has stopped.
    const dc = new DebugClient(bin, 'dap', 'foment');
    await dc.start();
    let client;
    try {
      await Promise.all([
        dc.waitForEvent('initialized').then(() => dc.setBreakpointsRequest({ source: { path: program }, breakpoints: [{ line: 25 }] }))
          .then(() => dc.configurationDoneRequest()),
        dc.launch({ program, args: ['server', port], record: recording }),
      ]);
      await sleep(100);
      client = net.connect(Number(port), '127.0.0.1');
      await new Promise((r) => client.on('connect', r));
      for (const m of ['alpha', 'beta']) {
        const hit = dc.assertStoppedLocation('breakpoint', { path: program, line: 25 });
        client.write(m);
        await hit;
        await dc.continueRequest({ threadId: 1 });
      }
      const terminated = dc.waitForEvent('terminated');
      client.end();
      await terminated;
    } finally {
      client?.destroy();
      await dc.stop();
    }

    // The replay: nothing listens on the port, no client runs.
    const rc = new DebugClient(bin, 'dap', 'foment');
    await rc.start();
    let shown = '';
    rc.on('output', (e) => { if (e.body.category === 'stdout') shown += e.body.output; });
    try {
      const caps = rc.waitForEvent('capabilities');
      // The replay runs to its first stop as soon as it is configured: wait for it from here.
      let stop = rc.assertStoppedLocation('breakpoint', { path: program, line: 25 });
      await Promise.all([
        rc.waitForEvent('initialized').then(() => rc.setBreakpointsRequest({ source: { path: program }, breakpoints: [{ line: 25 }] }))
          .then(() => rc.configurationDoneRequest()),
        rc.launch({ replay: recording }),
      ]);
      assert.equal((await caps).body.capabilities.supportsStepBack, true);
      const bv = async () => {
        const st = await rc.stackTraceRequest({ threadId: 1 });
        return (await rc.evaluateRequest({ expression: '(utf8->string bv)', frameId: st.body.stackFrames[0].id, context: 'watch' })).body.result;
      };
      await stop;
      assert.equal(await bv(), '"alpha"');
      stop = rc.assertStoppedLocation('breakpoint', { path: program, line: 25 });
      await rc.continueRequest({ threadId: 1 });
      await stop;
      assert.equal(await bv(), '"beta"');
      await assert.rejects(new Promise((resolve, reject) => {
        const s = net.connect(Number(port), '127.0.0.1', () => { s.destroy(); resolve(); });
        s.on('error', reject);
      }), 'the replay listens on nothing');

      // reverseContinue: back to the hit before, as it was.
      stop = rc.assertStoppedLocation('breakpoint', { path: program, line: 25 });
      await rc.reverseContinueRequest({ threadId: 1 });
      await stop;
      assert.equal(await bv(), '"alpha"');
      // stepBack: the line before, in the loop; next comes back.
      const back = rc.waitForEvent('stopped');
      await rc.stepBackRequest({ threadId: 1 });
      assert.equal((await back).body.reason, 'step');
      const line = (await rc.stackTraceRequest({ threadId: 1 })).body.stackFrames[0].line;
      assert.ok(line >= 22 && line < 25, `stepped back to line ${line}`);
      stop = rc.assertStoppedLocation('step', { path: program, line: 25 });
      await rc.nextRequest({ threadId: 1 });
      await stop;
      assert.equal(await bv(), '"alpha"');

      // Forward to the end: the output is the recorded run's, each line shown once.
      await rc.setBreakpointsRequest({ source: { path: program }, breakpoints: [] });
      const terminated = rc.waitForEvent('terminated');
      await rc.continueRequest({ threadId: 1 });
      await terminated;
      assert.equal(shown, 'alpha\nbeta\n');
    } finally {
      await rc.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
