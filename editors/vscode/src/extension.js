// The VS Code extension of foment-ls: the language server (`foment-ls lsp`) for Scheme files,
// the debugger (`foment-ls dap`) for launch configurations of type "foment", a command that
// runs the current file in a terminal, and a status bar item that says what the server does.
'use strict';
const vscode = require('vscode');
const path = require('path');
const fs = require('fs');
const { LanguageClient, State } = require('vscode-languageclient/node');

const SECTION = 'fomentLs';
const MISSING = 'Set "fomentLs.path" to the foment-ls executable, or put foment-ls on PATH ' +
  '(go install ./cmd/foment-ls in its repository puts it in $(go env GOPATH)/bin).';

let client; // the running LanguageClient, or undefined
let output; // the output channel the client and this extension write to
let status; // the status bar item
const pending = new Set(); // documents changed whose diagnostics have not come back yet

function config() {
  return vscode.workspace.getConfiguration(SECTION);
}

// executable returns the configured foment-ls as an absolute path, or undefined when it cannot
// be found (a name is looked up on PATH, as the process would be).
function executable() {
  const name = config().get('path') || 'foment-ls';
  const candidates = name.includes(path.sep) || name.includes('/')
    ? [path.resolve(name.replace(/^~(?=$|\/)/, process.env.HOME || '~'))]
    : (process.env.PATH || '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, name));
  for (const c of candidates) {
    try {
      fs.accessSync(c, fs.constants.X_OK);
      if (fs.statSync(c).isFile()) return c;
    } catch (_) { /* not this one */ }
  }
  return undefined;
}

// logArgs are the --log and --trace flags both servers take, from the settings.
function logArgs() {
  const file = config().get('log.file');
  return file ? ['--log', file, '--trace', config().get('log.trace') || 'messages'] : [];
}

function setStatus(state, detail) {
  if (!status) return;
  const looks = {
    starting: ['$(sync~spin) Foment', 'Foment Scheme: starting the language server'],
    working: ['$(sync~spin) Foment', 'Foment Scheme: analysing'],
    ready: ['$(check) Foment', 'Foment Scheme: the language server is running'],
    stopped: ['$(circle-slash) Foment', 'Foment Scheme: the language server is stopped'],
    failed: ['$(error) Foment', 'Foment Scheme: the language server could not start'],
  }[state];
  status.text = looks[0];
  status.tooltip = looks[1] + (detail ? `\n${detail}` : '') + '\nClick for the server output.';
  status.show();
}

// startClient starts a language client with the current settings; it reports a missing
// executable instead of failing obscurely.
async function startClient() {
  const bin = executable();
  if (!bin) {
    setStatus('failed', MISSING);
    output.appendLine(`foment-ls was not found (fomentLs.path is "${config().get('path')}"). ${MISSING}`);
    const choice = await vscode.window.showErrorMessage(`Foment Scheme: foment-ls was not found. ${MISSING}`, 'Open Settings');
    if (choice === 'Open Settings') {
      vscode.commands.executeCommand('workbench.action.openSettings', 'fomentLs.path');
    }
    return;
  }
  const args = ['lsp', ...logArgs(), ...(config().get('serverArgs') || [])];
  const c = new LanguageClient(SECTION, 'Foment Scheme', { command: bin, args }, {
    documentSelector: [{ scheme: 'file', language: 'scheme' }, { scheme: 'untitled', language: 'scheme' }],
    outputChannel: output,
    initializationOptions: { libraryPath: config().get('libraryPath') || [] },
    middleware: {
      // The status bar shows the server at work from a change until its diagnostics come.
      didOpen: (doc, next) => { markPending(doc.uri.toString()); return next(doc); },
      didChange: (event, next) => { markPending(event.document.uri.toString()); return next(event); },
      handleDiagnostics: (uri, diagnostics, next) => {
        pending.delete(uri.toString());
        if (pending.size === 0 && client === c && c.state === State.Running) setStatus('ready');
        return next(uri, diagnostics);
      },
    },
  });
  client = c;
  c.onDidChangeState((e) => {
    if (client !== c) return;
    if (e.newState === State.Starting) setStatus('starting');
    else if (e.newState === State.Running) setStatus('ready');
    else setStatus('stopped');
  });
  setStatus('starting', bin);
  try {
    await c.start();
  } catch (err) {
    setStatus('failed', String(err && err.message || err));
    output.appendLine(`foment-ls did not start: ${err && err.message || err}`);
    vscode.window.showErrorMessage(`Foment Scheme: the language server did not start (${bin}). See the output for why.`);
  }
}

function markPending(uri) {
  pending.add(uri);
  setStatus('working');
}

async function stopClient() {
  const c = client;
  client = undefined;
  pending.clear();
  if (c && c.needsStop && c.needsStop()) {
    try {
      await c.stop();
    } catch (err) {
      output && output.appendLine(`stopping the server: ${err && err.message || err}`);
    }
  }
}

async function restart() {
  await stopClient();
  await startClient();
}

// quote makes an argument safe for a POSIX shell (the terminal's).
function quote(s) {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

// runFile runs a Scheme file (the active editor's, or the one clicked) in a terminal.
async function runFile(uri) {
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor && vscode.window.activeTextEditor.document;
  if (!doc || doc.uri.scheme !== 'file') {
    vscode.window.showInformationMessage('Foment Scheme: open a saved Scheme file to run it.');
    return;
  }
  if (doc.isDirty) await doc.save();
  const bin = executable();
  if (!bin) {
    vscode.window.showErrorMessage(`Foment Scheme: foment-ls was not found. ${MISSING}`);
    return;
  }
  const file = doc.uri.fsPath;
  let term = vscode.window.terminals.find((t) => t.name === 'Foment Scheme');
  if (!term) term = vscode.window.createTerminal({ name: 'Foment Scheme', cwd: path.dirname(file) });
  term.show();
  term.sendText(`cd ${quote(path.dirname(file))} && ${quote(bin)} run ${quote(file)}`);
}

// debugConfiguration fills in what a launch configuration leaves out: F5 with no launch.json
// debugs the active Scheme file; cwd defaults to the program's folder.
function resolveDebugConfiguration(folder, cfg) {
  if (!cfg.type && !cfg.request && !cfg.name) {
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.languageId === 'scheme') {
      cfg = { type: 'foment', request: 'launch', name: 'Debug this Scheme file', program: editor.document.fileName };
    }
  }
  if (cfg.request === 'attach') {
    if (!cfg.port) {
      return vscode.window.showInformationMessage('Set "port" to the port of the debug adapter to attach to.').then(() => undefined);
    }
    return cfg;
  }
  if (!cfg.program) {
    return vscode.window.showInformationMessage('Set "program" to the Scheme file to debug.').then(() => undefined);
  }
  return cfg;
}

function resolveDebugConfigurationWithSubstitutedVariables(folder, cfg) {
  if (cfg.request !== 'attach' && cfg.program && !cfg.cwd) {
    cfg.cwd = path.dirname(path.resolve(folder ? folder.uri.fsPath : '', cfg.program));
  }
  return cfg;
}

// The dynamic configurations: "Debug <file>" for each open Scheme file, in the Run view's list.
function provideDebugConfigurations() {
  return vscode.workspace.textDocuments
    .filter((d) => d.languageId === 'scheme' && d.uri.scheme === 'file')
    .map((d) => ({ type: 'foment', request: 'launch', name: `Debug ${path.basename(d.fileName)}`, program: d.fileName }));
}

function createDebugAdapterDescriptor(session) {
  const cfg = session.configuration;
  if (cfg.request === 'attach') {
    return new vscode.DebugAdapterServer(Number(cfg.port), cfg.host || '127.0.0.1');
  }
  const bin = executable();
  if (!bin) {
    vscode.window.showErrorMessage(`Foment Scheme: foment-ls was not found. ${MISSING}`);
    return undefined;
  }
  return new vscode.DebugAdapterExecutable(bin, ['dap', ...logArgs()]);
}

async function activate(context) {
  output = vscode.window.createOutputChannel('Foment Scheme');
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 0);
  status.name = 'Foment Scheme';
  status.command = 'fomentLs.showOutput';
  context.subscriptions.push(output, status);
  context.subscriptions.push(
    vscode.commands.registerCommand('fomentLs.restartServer', restart),
    vscode.commands.registerCommand('fomentLs.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('fomentLs.runFile', runFile),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (['path', 'serverArgs', 'libraryPath', 'log.file', 'log.trace'].some((k) => e.affectsConfiguration(`${SECTION}.${k}`))) {
        output.appendLine('The settings changed: restarting the language server.');
        restart();
      }
    }),
    vscode.debug.registerDebugAdapterDescriptorFactory('foment', { createDebugAdapterDescriptor }),
    vscode.debug.registerDebugConfigurationProvider('foment', {
      resolveDebugConfiguration,
      resolveDebugConfigurationWithSubstitutedVariables,
    }),
    vscode.debug.registerDebugConfigurationProvider('foment', { provideDebugConfigurations },
      vscode.DebugConfigurationProviderTriggerKind.Dynamic),
  );
  await startClient();
}

// deactivate stops the server if one runs; it never throws (VS Code may call it when the
// client never started).
async function deactivate() {
  try {
    await stopClient();
  } catch (_) { /* nothing left to do */ }
}

module.exports = { activate, deactivate };
