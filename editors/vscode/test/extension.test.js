// The extension as VS Code would run it: the bundle the .vsix ships (dist/extension.js, with
// the real vscode-languageclient inside) activated in Node with a stand-in `vscode` module
// (test/vscode-stub.js), against the real foment-ls (FOMENT_LS, or foment-ls on PATH).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const Module = require('module');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, execFileSync } = require('child_process');
const { createStub } = require('./vscode-stub');

const bundle = path.join(__dirname, '..', 'dist', 'extension.js');
const bin = process.env.FOMENT_LS || execFileSync('sh', ['-c', 'command -v foment-ls']).toString().trim();

// load returns a fresh copy of the bundle whose require('vscode') is the given stub.
function load(vscode) {
  assert.ok(fs.existsSync(bundle), 'dist/extension.js is missing: run "npm run build" first');
  delete require.cache[bundle];
  const original = Module._load;
  Module._load = function (request, ...rest) {
    return request === 'vscode' ? vscode : original.call(this, request, ...rest);
  };
  try {
    return require(bundle);
  } finally {
    Module._load = original;
  }
}

function context() {
  return { subscriptions: [], extensionPath: path.join(__dirname, '..'), globalState: { get() {}, update: async () => {} }, workspaceState: { get() {}, update: async () => {} } };
}

// until waits for a condition (10 s at most), checking after each event or 20 ms.
async function until(what, cond) {
  for (let i = 0; i < 500; i++) {
    const v = cond();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const program = `(import (foment base))
(define s (make-socket *sock-stream* *af-inet* 0))
(listen-socket s)
`;

function workspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foment-vscode-'));
  const file = path.join(dir, 'server.scm');
  fs.writeFileSync(file, program);
  return { dir, file, log: path.join(dir, 'servers.log') };
}

test('activation, diagnostics, hover, commands, restart on a changed path, deactivation', async (t) => {
  const ws = workspace();
  const { vscode, rec, openDocument } = createStub({
    settings: { 'fomentLs.path': bin, 'fomentLs.log.file': ws.log }, workspaceFolders: [ws.dir],
  });
  const ext = load(vscode);
  const ctx = context();
  t.after(async () => { await ext.deactivate(); ctx.subscriptions.forEach((d) => d.dispose()); });
  await ext.activate(ctx);

  const status = rec.statusItems[0];
  assert.equal(status.text, '$(check) Foment', `status after start: ${status.text}`);
  for (const c of ['fomentLs.runFile', 'fomentLs.restartServer', 'fomentLs.showOutput']) {
    assert.ok(rec.commands.has(c), `command ${c} registered`);
  }

  // Diagnostics through the client's conversion, as VS Code would show them.
  const doc = openDocument(ws.file, program);
  const uri = doc.uri.toString();
  // Published twice: the scope analysis's at once, then with the flow analysis's (typestate).
  const diags = await until('diagnostics', () => rec.diagnostics.get(uri)?.length === 3 && rec.diagnostics.get(uri));
  const codes = diags.map((d) => String(d.code && d.code.value !== undefined ? d.code.value : d.code)).sort();
  assert.deepEqual(codes, ['socket-kind', 'socket-kind', 'socket-lifecycle']);
  assert.equal(diags.find((d) => d.code === 'socket-kind' || d.code?.value === 'socket-kind').range.start.line, 1);
  await until('the status back to ready', () => status.text === '$(check) Foment');

  // Hover, through the provider the client registered.
  const hover = rec.providers.find((p) => p.kind === 'Hover');
  assert.ok(hover, 'a hover provider');
  const h = await hover.provider.provideHover(doc, new vscode.Position(1, 12), new vscode.CancellationTokenSource().token);
  const text = h.contents.map((c) => c.value || String(c)).join('\n');
  assert.match(text, /make-socket family domain protocol/);

  // Show output, run the file in a terminal.
  await vscode.commands.executeCommand('fomentLs.showOutput');
  assert.ok(rec.outputs.some((o) => o.name === 'Foment Scheme' && o.shown > 0));
  await vscode.commands.executeCommand('fomentLs.runFile', doc.uri);
  const term = rec.terminals.find((x) => x.name === 'Foment Scheme');
  assert.ok(term && term.sent.length === 1, 'a terminal with one command');
  assert.ok(term.sent[0].includes(`${bin} run ${ws.file}`), term.sent[0]);

  // Restart: a new server process, the old one gone (the log says which pid started and ended).
  const starts = () => (fs.readFileSync(ws.log, 'utf8').match(/msg=start server=lsp pid=\d+/g) || []);
  const exits = () => (fs.readFileSync(ws.log, 'utf8').match(/msg=exit server=lsp pid=\d+ status=0/g) || []);
  assert.equal(starts().length, 1);
  await vscode.commands.executeCommand('fomentLs.restartServer');
  await until('a second server', () => starts().length === 2);
  await until('the first server to exit', () => exits().length === 1);
  assert.match(fs.readFileSync(ws.log, 'utf8'), /kind=request method=textDocument\/hover/, 'the protocol trace has the hover');

  // A changed path restarts the server without a reload: a missing binary says what to do...
  rec.messages.length = 0;
  await vscode.workspace.getConfiguration('fomentLs').update('path', path.join(ws.dir, 'no-such-foment-ls'));
  const msg = await until('an error message', () => rec.messages.find((m) => m.level === 'error'));
  assert.match(msg.text, /foment-ls was not found/);
  assert.match(msg.text, /Set "fomentLs\.path" to the foment-ls executable, or put foment-ls on PATH/);
  assert.equal(status.text, '$(error) Foment');
  await until('the second server to exit', () => exits().length === 2);
  // ...and the right one starts again, with the document's diagnostics.
  rec.diagnostics.clear();
  await vscode.workspace.getConfiguration('fomentLs').update('path', bin);
  await until('a third server', () => starts().length === 3);
  await until('diagnostics again', () => rec.diagnostics.get(uri)?.length === 3);

  await ext.deactivate();
  await until('the third server to exit', () => exits().length === 3);
  await ext.deactivate(); // twice: nothing to stop, no error
});

test('deactivate never throws: before activation, and after a failed start', async () => {
  const { vscode, rec } = createStub({ settings: { 'fomentLs.path': '/nonexistent/foment-ls' } });
  const ext = load(vscode);
  await ext.deactivate();
  await ext.activate(context());
  assert.match(rec.messages[0].text, /Set "fomentLs\.path"/);
  assert.ok(rec.outputs[0].lines.join('').includes('foment-ls was not found'));
  await ext.deactivate();
  await ext.deactivate();
});

test('debugging: configurations resolved, cwd from the program, adapters started', async (t) => {
  const ws = workspace();
  const { vscode, rec, openDocument } = createStub({ settings: { 'fomentLs.path': bin, 'fomentLs.log.file': ws.log }, workspaceFolders: [ws.dir] });
  const ext = load(vscode);
  const ctx = context();
  t.after(() => ext.deactivate());
  await ext.activate(ctx);
  const doc = openDocument(ws.file, program);
  vscode.window.activeTextEditor = { document: doc };
  const initial = rec.debugProviders.find((p) => p.type === 'foment' && p.trigger === 1).provider;
  const dynamic = rec.debugProviders.find((p) => p.type === 'foment' && p.trigger === 2).provider;
  const folder = vscode.workspace.workspaceFolders[0];

  // F5 with no launch.json: the active file; cwd defaults to its folder.
  let cfg = await initial.resolveDebugConfiguration(folder, {});
  assert.deepEqual(cfg, { type: 'foment', request: 'launch', name: 'Debug this Scheme file', program: ws.file });
  cfg = await initial.resolveDebugConfigurationWithSubstitutedVariables(folder, cfg);
  assert.equal(cfg.cwd, ws.dir);
  // A relative program is relative to the workspace folder; a given cwd is kept.
  cfg = await initial.resolveDebugConfigurationWithSubstitutedVariables(folder, { type: 'foment', request: 'launch', program: 'sub/x.scm' });
  assert.equal(cfg.cwd, path.join(ws.dir, 'sub'));
  cfg = await initial.resolveDebugConfigurationWithSubstitutedVariables(folder, { type: 'foment', request: 'launch', program: ws.file, cwd: '/' });
  assert.equal(cfg.cwd, '/');
  // No program: a message, and no session.
  assert.equal(await initial.resolveDebugConfiguration(folder, { type: 'foment', request: 'launch', name: 'x' }), undefined);
  assert.match(rec.messages.at(-1).text, /Set "program"/);
  // The dynamic configurations: one per open Scheme file.
  assert.deepEqual(dynamic.provideDebugConfigurations(folder).map((c) => c.name), ['Debug server.scm']);

  // launch: foment-ls dap (with the log flags); attach: the adapter at host:port.
  const factory = rec.debugFactories.get('foment');
  const exe = factory.createDebugAdapterDescriptor({ configuration: { type: 'foment', request: 'launch', program: ws.file } });
  assert.equal(exe.command, bin);
  assert.deepEqual(exe.args, ['dap', '--log', ws.log, '--trace', 'messages']);
  const server = factory.createDebugAdapterDescriptor({ configuration: { type: 'foment', request: 'attach', port: 4711 } });
  assert.deepEqual([server.port, server.host], [4711, '127.0.0.1']);

  // The adapter that descriptor starts answers initialize.
  const child = spawn(exe.command, exe.args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const body = JSON.stringify({ seq: 1, type: 'request', command: 'initialize', arguments: { adapterID: 'foment' } });
  child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  let out = '';
  await until('the adapter to answer', () => {
    const chunk = child.stdout.read();
    if (chunk) out += chunk;
    return /"command":"initialize"/.test(out);
  });
  assert.match(out, /"success":true/);
  child.stdin.end();
  await new Promise((r) => child.on('exit', r));
});
