// The VS Code extension: starts `foment-ls lsp` for Scheme files, and `foment-ls dap` to debug
// them (launch configurations of type "foment").
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function executable() {
  return vscode.workspace.getConfiguration('fomentLs').get('path') || 'foment-ls';
}

function activate(context) {
  client = new LanguageClient('foment-ls', 'Foment Scheme',
    { command: executable(), args: ['lsp'] },
    { documentSelector: [{ scheme: 'file', language: 'scheme' }, { scheme: 'untitled', language: 'scheme' }] });
  context.subscriptions.push({ dispose: () => client && client.stop() });

  context.subscriptions.push(vscode.debug.registerDebugAdapterDescriptorFactory('foment', {
    createDebugAdapterDescriptor: () => new vscode.DebugAdapterExecutable(executable(), ['dap']),
  }));
  // F5 on a Scheme file with no launch.json debugs that file.
  context.subscriptions.push(vscode.debug.registerDebugConfigurationProvider('foment', {
    resolveDebugConfiguration(folder, config) {
      if (!config.type && !config.request && !config.name) {
        const editor = vscode.window.activeTextEditor;
        if (editor && editor.document.languageId === 'scheme') {
          return { type: 'foment', request: 'launch', name: 'Debug this Scheme file', program: editor.document.fileName };
        }
      }
      if (!config.program) {
        return vscode.window.showInformationMessage('Set "program" to the Scheme file to debug.').then(() => undefined);
      }
      return config;
    },
  }));
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
