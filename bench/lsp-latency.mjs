// Latency of the language server as an editor sees it: Microsoft's vscode-jsonrpc client (the
// one VS Code's language client uses) drives `foment-ls lsp` over stdio on FILE, the 10,011-line
// socket program of the Go benchmarks (`go run ./bench/gensrc -kind sockets -n 10000`), and
// times each request from its sending to its answer:
//   open → diagnostics;
//   edit → diagnostics (a character typed in a body, then taken back);
//   completion right after a character of a name is typed (the request follows the didChange
//   at once, as an editor sends it), and alone (the document analysed, nothing typed since);
//   hover.
// Run by bench/lsp.sh, which installs the client; it prints the 50th and 95th percentiles.
//   FOMENT_LS=bin [BARE=1] node bench/lsp-latency.mjs FILE [ROUNDS] [GAP-MS]
// GAP-MS (default 0) is a pause between rounds, as typing leaves between keystrokes.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../editors/test/package.json'));
const rpc = require('vscode-jsonrpc/node.js');

const bin = process.env.FOMENT_LS;
if (!bin) throw new Error('set FOMENT_LS to the foment-ls binary');
const file = process.argv[2];
if (!file) throw new Error('usage: node bench/lsp-latency.mjs FILE [ROUNDS] [GAP-MS]');
const rounds = Number(process.argv[3] || 60);
const gap = Number(process.argv[4] || 0);

// Where a name is typed, as lsp/completion_bench_test.go's completionSites: (line, column of
// the name's start, the text typed).
const sites = [[12, 5, 'b'], [11, 12, 'm'], [8, 13, 'se'], [13, 5, '']];

const child = spawn(bin, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = rpc.createMessageConnection(
  new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
const published = new Map(); // version → time of its first diagnostics
let waiter = null;
conn.onNotification('textDocument/publishDiagnostics', (p) => {
  if (!published.has(p.version)) published.set(p.version, performance.now());
  if (waiter && published.has(waiter.version)) { waiter.resolve(); waiter = null; }
});
conn.listen();
const diagnosed = (version) => published.has(version) ? Promise.resolve()
  : new Promise((resolve) => { waiter = { version, resolve }; });

const text = readFileSync(file, 'utf8');
const lines = text.split('\n');
const uri = pathToFileURL(resolve(file)).href;
// What VS Code 1.9x declares for these requests (its completion items get their documentation
// when shown, through completionItem/resolve); BARE=1 declares nothing, so that every item
// carries its documentation.
const capabilities = process.env.BARE ? {} : {
  textDocument: {
    completion: {
      completionItem: {
        snippetSupport: true, documentationFormat: ['markdown', 'plaintext'],
        resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] },
      },
      contextSupport: true,
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
  },
};
await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities });
await conn.sendNotification('initialized', {});

const t0 = performance.now();
await conn.sendNotification('textDocument/didOpen', {
  textDocument: { uri, languageId: 'scheme', version: 1, text },
});
await diagnosed(1);
const open = published.get(1) - t0;

let version = 1;
const change = (line, start, end, s) => {
  version++;
  conn.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line, character: start }, end: { line, character: end } }, text: s }],
  });
  return version;
};
const timed = async (method, params) => {
  const start = performance.now();
  const res = await conn.sendRequest(method, params);
  return [performance.now() - start, res];
};
const completion = async (line, character) => {
  const [d, res] = await timed('textDocument/completion', { textDocument: { uri }, position: { line, character } });
  if (!res || res.items.length === 0) throw new Error(`no completion at ${line}:${character}`);
  return d;
};
const pause = () => new Promise((r) => setTimeout(r, gap));

const afterEdit = [], alone = [], edit = [], hover = [];
for (let k = 0; k < rounds; k++) {
  const [l, col, typed] = sites[k % sites.length];
  const line = l + 14 * (k % 500);
  const at = col + typed.length;
  // Type one more character of the name, then take it back.
  const s = performance.now();
  const v = change(line, at, at, lines[line][at]);
  afterEdit.push(await completion(line, at + 1));
  await diagnosed(v);
  edit.push(published.get(v) - s);
  await pause();
  const s2 = performance.now();
  const v2 = change(line, at, at + 1, '');
  await diagnosed(v2);
  edit.push(published.get(v2) - s2);
  await pause();
  alone.push(await completion(line, at));
  hover.push((await timed('textDocument/hover', { textDocument: { uri }, position: { line, character: at + 2 } }))[0]);
  await pause();
}
await conn.sendRequest('shutdown');
await conn.sendNotification('exit');

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p / 100))]; };
const row = (name, xs) => console.log(`${name.padEnd(34)} p50 ${pct(xs, 50).toFixed(2).padStart(6)} ms   p95 ${pct(xs, 95).toFixed(2).padStart(6)} ms   max ${Math.max(...xs).toFixed(2).padStart(6)} ms`);
console.log(`${lines.length - 1} lines, ${rounds} rounds, ${gap} ms between requests, ${process.env.BARE ? 'a client that declares nothing' : "VS Code's capabilities"}`);
console.log(`${'open → diagnostics'.padEnd(34)} ${open.toFixed(1)} ms`);
row('edit → diagnostics', edit);
row('completion right after typing', afterEdit);
row('completion alone', alone);
row('hover', hover);
