// End-to-end: Microsoft's DebugClient (@vscode/debugadapter-testsupport, what VS Code's own
// debug adapters are tested with) drives `foment-ls dap` over stdio through the Sockets
// example: a breakpoint on accept-socket, the listening socket's state, a pause while blocked in
// accept, then the bytes a client sends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { resolve } from 'node:path';
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
