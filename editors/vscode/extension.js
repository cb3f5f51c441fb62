// The VS Code extension: starts `foment-ls lsp` for Scheme files.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration('fomentLs').get('path') || 'foment-ls';
  client = new LanguageClient('foment-ls', 'Foment Scheme',
    { command, args: ['lsp'] },
    { documentSelector: [{ scheme: 'file', language: 'scheme' }, { scheme: 'untitled', language: 'scheme' }] });
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
