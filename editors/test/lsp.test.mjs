// End-to-end: Microsoft's vscode-jsonrpc client drives `foment-ls lsp` over stdio, the way VS
// Code's language client does.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as rpc from 'vscode-jsonrpc/node.js';

const bin = process.env.FOMENT_LS;
if (!bin) throw new Error('set FOMENT_LS to the foment-ls binary');

const children = [];
after(() => { for (const c of children) c.kill(); });

function start() {
  const child = spawn(bin, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  const conn = rpc.createMessageConnection(
    new rpc.StreamMessageReader(child.stdout),
    new rpc.StreamMessageWriter(child.stdin));
  const diagnostics = new Map();
  const waiters = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    diagnostics.set(p.uri, p.diagnostics);
    for (const w of waiters.splice(0)) w();
  });
  conn.listen();
  const waitDiagnostics = async (uri, pred = () => true) => {
    for (let i = 0; i < 200; i++) {
      const d = diagnostics.get(uri);
      if (d && pred(d)) return d;
      await new Promise((r) => { waiters.push(r); setTimeout(r, 50); });
    }
    throw new Error('no diagnostics for ' + uri + ': ' + JSON.stringify(diagnostics.get(uri)));
  };
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return { conn, child, diagnostics, waitDiagnostics, exited };
}

const program = `(import (foment base))
;; Opens a server socket.
(define (open-server port)
  (let ((s (make-socket *sock-stream* *af-inet* *ipproto-tcp*)))
    (bind-socket s "localhost" port (address-family inet) (socket-domain stream) (ip-protocol tcp))
    (listen-socket s)
    s))
(define server (open-server "12345"))
(display (utf8->string (recv-socket (accept-socket server) 128 *msg-oob*)))
(send-socket server (bytevector 1) *msg-peek*)
`;

test('a session of editing a socket program', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'foment-ls-e2e-'));
  const file = join(dir, 'server.scm');
  writeFileSync(file, program);
  const uri = pathToFileURL(file).href;
  const { conn, waitDiagnostics, exited } = start();

  const init = await conn.sendRequest('initialize', {
    processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {},
  });
  assert.equal(init.serverInfo.name, 'foment-ls');
  assert.ok(init.capabilities.hoverProvider);
  await conn.sendNotification('initialized', {});

  await conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'scheme', version: 1, text: program },
  });
  // Published twice: the scope analysis's at once, then with the flow analysis's (typestate).
  const diags = await waitDiagnostics(uri, (d) => d.length === 4);
  const codes = diags.map((d) => d.code).sort();
  // The swapped family and domain, the receive flag on send, and the send on the listening
  // socket (not on the connection accept-socket returns).
  assert.deepEqual(codes, ['socket-flag', 'socket-kind', 'socket-kind', 'socket-lifecycle']);
  const kind = diags.find((d) => d.code === 'socket-kind');
  assert.equal(kind.range.start.line, 3);
  assert.match(kind.message, /arguments swapped/);

  const hover = await conn.sendRequest('textDocument/hover', {
    textDocument: { uri }, position: { line: 4, character: 6 },
  });
  assert.match(hover.contents.value, /bind-socket socket node service family domain protocol/);

  const completion = await conn.sendRequest('textDocument/completion', {
    textDocument: { uri }, position: { line: 9, character: 35 },
  });
  const labels = completion.items.map((i) => i.label);
  assert.ok(labels.includes('*msg-oob*'), labels.join(' '));
  assert.ok(!labels.includes('*msg-peek*'), 'send offers no receive flag');

  const actions = await conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri }, range: { start: { line: 3, character: 0 }, end: { line: 3, character: 70 } },
    context: { diagnostics: [] },
  });
  assert.ok(Array.isArray(actions));

  // Fix the swapped arguments with an incremental edit: the diagnostics follow.
  await conn.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 3, character: 24 }, end: { line: 3, character: 47 } }, text: '*af-inet* *sock-stream*' }],
  });
  const after = await waitDiagnostics(uri, (d) => d.length === 2);
  assert.deepEqual(after.map((d) => d.code).sort(), ['socket-flag', 'socket-lifecycle']);

  const edit = await conn.sendRequest('textDocument/rename', {
    textDocument: { uri }, position: { line: 2, character: 10 }, newName: 'start-server',
  });
  assert.equal(edit.changes[uri].length, 2);

  const symbols = await conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(symbols.map((s) => s.name), ['open-server', 'server']);

  const formatting = await conn.sendRequest('textDocument/formatting', {
    textDocument: { uri }, options: { tabSize: 2, insertSpaces: true },
  });
  assert.ok(Array.isArray(formatting));

  await assert.rejects(conn.sendRequest('no/such/method', {}), /not supported/);

  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  assert.equal(await exited, 0);
  conn.dispose();
});
