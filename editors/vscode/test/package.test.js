// The .vsix: built by the pinned @vscode/vsce, non-interactively, from the esbuild bundle; its
// file list is exactly what the extension needs.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { execFileSync } = require('child_process');

const root = path.join(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

// zipEntries lists the files of a zip archive (its central directory).
function zipEntries(buf) {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'not a zip archive');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const method = buf.readUInt16LE(at + 10);
    const csize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const compressed = buf.subarray(dataAt, dataAt + csize);
    out.set(name, { size, data: () => (method === 8 ? zlib.inflateRawSync(compressed) : compressed) });
    at += 46 + nameLen + extra + comment;
  }
  return out;
}

test('the manifest has what the marketplace and vsce ask for', () => {
  for (const k of ['name', 'displayName', 'description', 'version', 'publisher', 'license', 'icon', 'repository', 'keywords', 'engines', 'main']) {
    assert.ok(manifest[k], `package.json without ${k}`);
  }
  assert.match(manifest.devDependencies['@vscode/vsce'], /^3\.\d+\.\d+$/, 'vsce pinned to a 3.x release (4.x needs a newer Node)');
  assert.match(manifest.devDependencies.esbuild, /^\d+\.\d+\.\d+$/, 'esbuild pinned');
  assert.equal(manifest.main, './dist/extension.js');
  assert.ok(fs.existsSync(path.join(root, manifest.icon)));
  assert.ok(!manifest.activationEvents.some((e) => e.startsWith('onDebugDynamicConfigurations')) ||
    fs.readFileSync(path.join(root, 'src', 'extension.js'), 'utf8').includes('DebugConfigurationProviderTriggerKind.Dynamic'),
  'onDebugDynamicConfigurations only with a dynamic configuration provider');
  for (const c of manifest.contributes.commands) {
    assert.ok(fs.readFileSync(path.join(root, 'src', 'extension.js'), 'utf8').includes(`'${c.command}'`), `${c.command} is registered`);
  }
});

test('the .vsix holds the bundle and the assets, nothing else', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'foment-vsix-'));
  const vsix = path.join(out, 'foment-ls.vsix');
  const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
  // stdin closed: a question from vsce would fail the build instead of waiting.
  execFileSync(vsce, ['package', '--no-dependencies', '--out', vsix], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const entries = zipEntries(fs.readFileSync(vsix));
  assert.deepEqual([...entries.keys()].sort(), [
    '[Content_Types].xml',
    'extension.vsixmanifest',
    'extension/LICENSE.txt',
    'extension/changelog.md',
    'extension/dist/extension.js',
    'extension/images/icon.png',
    'extension/language-configuration.json',
    'extension/package.json',
    'extension/readme.md',
    'extension/syntaxes/scheme.tmLanguage.json',
  ]);
  // The bundle carries the language client: no node_modules are needed at run time.
  const bundle = entries.get('extension/dist/extension.js').data().toString();
  assert.ok(bundle.includes('vscode-languageclient') || bundle.includes('LanguageClient'), 'the language client is bundled');
  assert.ok(!/require\("vscode-languageclient/.test(bundle), 'the language client is not left to require');
  const packed = JSON.parse(entries.get('extension/package.json').data().toString());
  assert.equal(packed.version, manifest.version);
  fs.rmSync(out, { recursive: true, force: true });
});

test('the compound launch of examples/ names configurations that exist, of programs that exist', () => {
  const dir = path.join(root, '..', '..', 'examples');
  const text = fs.readFileSync(path.join(dir, '.vscode', 'launch.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '');
  const launch = JSON.parse(text);
  const names = new Set(launch.configurations.map((c) => c.name));
  assert.ok(launch.compounds.length > 0);
  for (const c of launch.compounds) {
    for (const n of c.configurations) assert.ok(names.has(n), `compound ${c.name}: no configuration ${n}`);
  }
  for (const c of launch.configurations) {
    assert.equal(c.type, 'foment');
    if (c.request === 'launch') assert.ok(fs.existsSync(c.program.replace('${workspaceFolder}', dir)), c.program);
    else assert.ok(c.port > 0);
  }
  // Every attribute a configuration uses is one the debugger contribution declares.
  const attrs = manifest.contributes.debuggers[0].configurationAttributes;
  for (const c of launch.configurations) {
    for (const k of Object.keys(c)) {
      if (!['type', 'request', 'name'].includes(k)) assert.ok(k in attrs[c.request].properties, `${c.request} attribute ${k} is not declared`);
    }
  }
});
