// A stand-in for the `vscode` module, enough for the extension and the real
// vscode-languageclient to run in Node: documents, settings, events, the providers the client
// registers, output channels, the status bar, terminals, commands and the debug API. It records
// what the extension does so that the tests can look. VS Code itself cannot run here.
'use strict';
const path = require('path');
const { pathToFileURL, fileURLToPath } = require('url');

class Disposable {
  constructor(fn) { this._fn = fn; }
  static from(...ds) { return new Disposable(() => ds.forEach((d) => d && d.dispose && d.dispose())); }
  dispose() { if (this._fn) { this._fn(); this._fn = undefined; } }
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (fn, thisArg, disposables) => {
      const l = thisArg ? fn.bind(thisArg) : fn;
      this.listeners.add(l);
      const d = new Disposable(() => this.listeners.delete(l));
      if (Array.isArray(disposables)) disposables.push(d);
      return d;
    };
  }
  fire(e) { for (const l of [...this.listeners]) l(e); }
  dispose() { this.listeners.clear(); }
}

class Uri {
  constructor(scheme, fsPath, str) { this.scheme = scheme; this.fsPath = fsPath; this.path = fsPath; this._str = str; }
  static file(p) { return new Uri('file', p, pathToFileURL(p).href); }
  static parse(s) {
    if (s.startsWith('file:')) return new Uri('file', fileURLToPath(s), s);
    const scheme = s.slice(0, Math.max(0, s.indexOf(':'))) || 'untitled';
    return new Uri(scheme, s.slice(scheme.length + 1), s);
  }
  with(change) { return change.scheme ? Uri.parse(`${change.scheme}:${this.fsPath}`) : this; }
  toString() { return this._str; }
  toJSON() { return this._str; }
}

class Position {
  constructor(line, character) { this.line = line; this.character = character; }
  isBefore(o) { return this.line < o.line || (this.line === o.line && this.character < o.character); }
  isEqual(o) { return this.line === o.line && this.character === o.character; }
  translate(dl = 0, dc = 0) { return new Position(this.line + dl, this.character + dc); }
}

class Range {
  constructor(a, b, c, d) {
    if (typeof a === 'number') { this.start = new Position(a, b); this.end = new Position(c, d); } else { this.start = a; this.end = b; }
  }
  get isEmpty() { return this.start.isEqual(this.end); }
  contains(p) { return !p.isBefore(this.start) && !this.end.isBefore(p); }
}

class Selection extends Range {}

class MarkdownString {
  constructor(value = '', supportThemeIcons) { this.value = value; this.supportThemeIcons = supportThemeIcons; }
  appendMarkdown(s) { this.value += s; return this; }
  appendText(s) { this.value += s; return this; }
  appendCodeblock(s, lang = '') { this.value += `\n\`\`\`${lang}\n${s}\n\`\`\`\n`; return this; }
}

// Plain data classes: the client builds them, the tests read their fields.
function dataClass(...fields) {
  return class {
    constructor(...args) { fields.forEach((f, i) => { this[f] = args[i]; }); }
  };
}

class CodeActionKind {
  constructor(value) { this.value = value; }
  append(part) { return new CodeActionKind(this.value ? `${this.value}.${part}` : part); }
  contains(o) { return o.value === this.value || o.value.startsWith(this.value + '.'); }
  intersects(o) { return this.contains(o) || o.contains(this); }
}
for (const k of ['Empty', 'QuickFix', 'Refactor', 'RefactorExtract', 'RefactorInline', 'RefactorRewrite', 'Source', 'SourceOrganizeImports', 'SourceFixAll', 'Notebook']) {
  CodeActionKind[k] = new CodeActionKind(k === 'Empty' ? '' : k.replace(/([a-z])([A-Z])/g, '$1.$2').toLowerCase());
}

class CancellationTokenSource {
  constructor() {
    const e = new EventEmitter();
    this._e = e;
    this.token = { isCancellationRequested: false, onCancellationRequested: e.event };
  }
  cancel() { this.token.isCancellationRequested = true; this._e.fire(); }
  dispose() {}
}

// enums: any name is a number, stable within a run.
function enumOf(values) {
  return new Proxy(values, { get: (t, k) => (k in t ? t[k] : typeof k === 'string' ? (t[k] = Object.keys(t).length + 100) : undefined) });
}

// anything stands for a name the stub does not know: a class that keeps its arguments, whose
// unknown static members are enum-like numbers.
function anything(name) {
  const C = { [name]: class { constructor(...args) { this.args = args; } } }[name];
  return new Proxy(C, { get: (t, k) => (k in t ? t[k] : typeof k === 'string' ? (t[k] = Object.keys(t).length + 1000) : undefined) });
}

// createStub returns a fresh `vscode` module and the record of what was done with it.
function createStub({ settings = {}, workspaceFolders = [] } = {}) {
  const rec = {
    settings: { ...settings },
    providers: [], // { kind, selector, provider }
    commands: new Map(),
    executed: [],
    messages: [], // { level, text }
    outputs: [], // output channels
    statusItems: [],
    terminals: [],
    diagnostics: new Map(), // uri string -> Diagnostic[]
    diagnosticsChanged: new EventEmitter(),
    debugFactories: new Map(),
    debugProviders: [], // { type, provider, trigger }
    unknown: [], // names the stub did not have
  };
  const events = {};
  const emitter = (name) => (events[name] = events[name] || new EventEmitter());

  function configuration(section) {
    const key = (k) => (section ? `${section}.${k}` : k);
    return {
      get: (k, dflt) => (key(k) in rec.settings ? rec.settings[key(k)] : dflt),
      has: (k) => key(k) in rec.settings,
      inspect: (k) => ({ key: key(k), globalValue: rec.settings[key(k)] }),
      update: async (k, v) => { rec.settings[key(k)] = v; fireConfigurationChange(key(k)); },
    };
  }
  function fireConfigurationChange(changed) {
    emitter('onDidChangeConfiguration').fire({ affectsConfiguration: (s) => changed === s || changed.startsWith(s + '.') });
  }

  const textDocuments = [];
  const workspace = {
    textDocuments,
    workspaceFolders: workspaceFolders.map((p, index) => ({ uri: Uri.file(p), name: path.basename(p), index })),
    getConfiguration: configuration,
    getWorkspaceFolder: (uri) => workspace.workspaceFolders.find((f) => uri.fsPath.startsWith(f.uri.fsPath)),
    createFileSystemWatcher: () => ({ onDidCreate: emitter('fsc').event, onDidChange: emitter('fsch').event, onDidDelete: emitter('fsd').event, dispose() {} }),
    openTextDocument: async (uri) => textDocuments.find((d) => d.uri.toString() === uri.toString()),
    applyEdit: async () => true,
    fs: {},
  };
  for (const e of ['onDidChangeConfiguration', 'onDidOpenTextDocument', 'onDidCloseTextDocument', 'onDidChangeTextDocument',
    'onDidSaveTextDocument', 'onWillSaveTextDocument', 'onDidChangeWorkspaceFolders', 'onDidCreateFiles', 'onDidRenameFiles',
    'onDidDeleteFiles', 'onWillCreateFiles', 'onWillRenameFiles', 'onWillDeleteFiles', 'onDidChangeNotebookDocument',
    'onDidOpenNotebookDocument', 'onDidCloseNotebookDocument', 'onDidSaveNotebookDocument']) {
    workspace[e] = emitter(e).event;
  }

  function message(level) {
    return async (text, ...items) => { rec.messages.push({ level, text, items: items.filter((i) => typeof i === 'string') }); return undefined; };
  }
  const window = {
    activeTextEditor: undefined,
    visibleTextEditors: [],
    terminals: rec.terminals,
    tabGroups: { all: [], onDidChangeTabs: emitter('tabs').event, onDidChangeTabGroups: emitter('tabGroups').event },
    createOutputChannel(name) {
      const ch = { name, lines: [], shown: 0, append(s) { this.lines.push(s); }, appendLine(s) { this.lines.push(s + '\n'); },
        replace(s) { this.lines = [s]; }, clear() { this.lines = []; }, show() { this.shown++; }, hide() {}, dispose() {} };
      rec.outputs.push(ch);
      return ch;
    },
    createStatusBarItem(alignment, priority) {
      const item = { alignment, priority, text: '', tooltip: '', visible: false, show() { this.visible = true; }, hide() { this.visible = false; }, dispose() { this.visible = false; } };
      rec.statusItems.push(item);
      return item;
    },
    createTerminal(opts) {
      const t = { name: opts.name, cwd: opts.cwd, sent: [], shown: 0, sendText(s) { this.sent.push(s); }, show() { this.shown++; }, dispose() {} };
      rec.terminals.push(t);
      return t;
    },
    showErrorMessage: message('error'),
    showWarningMessage: message('warning'),
    showInformationMessage: message('info'),
    withProgress: async (opts, task) => task({ report() {} }, new CancellationTokenSource().token),
    showTextDocument: async (d) => d,
  };
  for (const e of ['onDidChangeActiveTextEditor', 'onDidChangeVisibleTextEditors', 'onDidChangeTextEditorSelection', 'onDidOpenTerminal', 'onDidCloseTerminal']) {
    window[e] = emitter(e).event;
  }

  const languages = {
    match(selector, doc) {
      const sels = Array.isArray(selector) ? selector : [selector];
      return sels.some((s) => (typeof s === 'string' ? s === doc.languageId
        : (!s.language || s.language === doc.languageId) && (!s.scheme || s.scheme === doc.uri.scheme))) ? 10 : 0;
    },
    createDiagnosticCollection(name) {
      const own = new Map();
      return {
        name,
        set(uri, diags) {
          if (Array.isArray(uri)) { uri.forEach(([u, d]) => this.set(u, d)); return; }
          own.set(uri.toString(), diags || []);
          rec.diagnostics.set(uri.toString(), diags || []);
          rec.diagnosticsChanged.fire(uri.toString());
        },
        get: (uri) => own.get(uri.toString()),
        has: (uri) => own.has(uri.toString()),
        delete(uri) { own.delete(uri.toString()); rec.diagnostics.delete(uri.toString()); },
        clear() { for (const k of own.keys()) rec.diagnostics.delete(k); own.clear(); },
        forEach(fn) { own.forEach((d, u) => fn(Uri.parse(u), d, this)); },
        dispose() { this.clear(); },
      };
    },
    getDiagnostics: () => [],
    setLanguageConfiguration: () => new Disposable(),
  };
  const register = (kind) => (selector, provider, ...rest) => {
    const entry = { kind, selector, provider, rest };
    rec.providers.push(entry);
    return new Disposable(() => rec.providers.splice(rec.providers.indexOf(entry), 1));
  };
  for (const k of ['Hover', 'Completion', 'SignatureHelp', 'Definition', 'Reference', 'DocumentHighlight', 'Rename',
    'DocumentSymbol', 'WorkspaceSymbol', 'FoldingRange', 'SelectionRange', 'CodeActions', 'DocumentFormattingEdit',
    'DocumentRangeFormattingEdit', 'OnTypeFormattingEdit', 'InlayHints', 'DocumentSemanticTokens', 'DocumentRangeSemanticTokens',
    'Declaration', 'TypeDefinition', 'Implementation', 'CodeLens', 'DocumentLink', 'Color', 'CallHierarchy', 'TypeHierarchy',
    'LinkedEditingRange', 'InlineValues', 'InlineCompletionItem', 'EvaluatableExpression']) {
    languages[`register${k}Provider`] = register(k);
  }
  languages.registerCompletionItemProvider = register('Completion');

  const commands = {
    registerCommand(name, fn) {
      if (rec.commands.has(name)) throw new Error(`command ${name} already exists`);
      rec.commands.set(name, fn);
      return new Disposable(() => rec.commands.delete(name));
    },
    async executeCommand(name, ...args) {
      rec.executed.push({ name, args });
      const fn = rec.commands.get(name);
      return fn ? fn(...args) : undefined;
    },
    getCommands: async () => [...rec.commands.keys()],
  };

  const debug = {
    registerDebugAdapterDescriptorFactory(type, factory) { rec.debugFactories.set(type, factory); return new Disposable(() => rec.debugFactories.delete(type)); },
    registerDebugConfigurationProvider(type, provider, trigger = 1) { rec.debugProviders.push({ type, provider, trigger }); return new Disposable(); },
    onDidStartDebugSession: emitter('dbgstart').event,
    onDidTerminateDebugSession: emitter('dbgend').event,
  };

  // openDocument makes a text document of a file's text and tells the listeners.
  function openDocument(file, text, languageId = 'scheme') {
    const lines = text.split(/\r\n|\r|\n/);
    const doc = {
      uri: Uri.file(file), fileName: file, languageId, version: 1, isDirty: false, isClosed: false, isUntitled: false, eol: 1,
      lineCount: lines.length,
      getText: (range) => (range ? undefined : text),
      lineAt: (l) => ({ text: lines[typeof l === 'number' ? l : l.line], lineNumber: l }),
      save: async () => true,
    };
    textDocuments.push(doc);
    emitter('onDidOpenTextDocument').fire(doc);
    return doc;
  }

  const vscode = new Proxy({
    version: '1.90.0',
    env: { appName: 'Visual Studio Code (stub)', appRoot: '', language: 'en', machineId: 'stub', sessionId: 'stub', uiKind: 1, openExternal: async () => true },
    Disposable, EventEmitter, Uri, Position, Range, Selection, MarkdownString, CodeActionKind, CancellationTokenSource,
    CancellationError: class CancellationError extends Error {},
    Location: dataClass('uri', 'range'),
    Diagnostic: dataClass('range', 'message', 'severity'),
    DiagnosticRelatedInformation: dataClass('location', 'message'),
    Hover: class { constructor(contents, range) { this.contents = Array.isArray(contents) ? contents : [contents]; this.range = range; } },
    CompletionItem: dataClass('label', 'kind'),
    CompletionList: dataClass('items', 'isIncomplete'),
    DocumentSymbol: class { constructor(name, detail, kind, range, selectionRange) { Object.assign(this, { name, detail, kind, range, selectionRange, children: [] }); } },
    SymbolInformation: dataClass('name', 'kind', 'containerName', 'location'),
    TextEdit: class { constructor(range, newText) { this.range = range; this.newText = newText; } static replace(r, t) { return new this(r, t); } static insert(p, t) { return new this(new Range(p, p), t); } static delete(r) { return new this(r, ''); } },
    WorkspaceEdit: class { constructor() { this._e = []; } replace(uri, range, newText) { this._e.push({ uri, range, newText }); } set(uri, edits) { edits.forEach((e) => this._e.push({ uri, ...e })); } entries() { return this._e; } get size() { return this._e.length; } },
    SemanticTokens: dataClass('data', 'resultId'),
    SemanticTokensEdit: dataClass('start', 'deleteCount', 'data'),
    SemanticTokensEdits: dataClass('edits', 'resultId'),
    SemanticTokensLegend: dataClass('tokenTypes', 'tokenModifiers'),
    FoldingRange: dataClass('start', 'end', 'kind'),
    SelectionRange: dataClass('range', 'parent'),
    SignatureHelp: class { constructor() { this.signatures = []; this.activeSignature = 0; this.activeParameter = 0; } },
    SignatureInformation: class { constructor(label, documentation) { this.label = label; this.documentation = documentation; this.parameters = []; } },
    ParameterInformation: dataClass('label', 'documentation'),
    CodeAction: dataClass('title', 'kind'),
    DocumentHighlight: dataClass('range', 'kind'),
    InlayHint: dataClass('position', 'label', 'kind'),
    InlayHintLabelPart: dataClass('value'),
    LocationLink: dataClass(),
    SnippetString: dataClass('value'),
    RelativePattern: dataClass('base', 'pattern'),
    CallHierarchyItem: dataClass('kind', 'name', 'detail', 'uri', 'range', 'selectionRange'),
    DebugAdapterExecutable: dataClass('command', 'args', 'options'),
    DebugAdapterServer: dataClass('port', 'host'),
    TabInputText: class {}, TabInputTextDiff: class {}, TabInputCustom: class {}, TabInputNotebook: class {}, TabInputNotebookDiff: class {},
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    DebugConfigurationProviderTriggerKind: { Initial: 1, Dynamic: 2 },
    TextDocumentSaveReason: { Manual: 1, AfterDelay: 2, FocusOut: 3 },
    SymbolKind: enumOf({ File: 0, Module: 1, Namespace: 2, Package: 3, Class: 4, Method: 5, Property: 6, Field: 7, Constructor: 8, Enum: 9, Interface: 10, Function: 11, Variable: 12, Constant: 13 }),
    CompletionItemKind: enumOf({ Text: 0, Method: 1, Function: 2, Constructor: 3, Field: 4, Variable: 5, Class: 6 }),
    FoldingRangeKind: { Comment: 1, Imports: 2, Region: 3 },
    DocumentHighlightKind: { Text: 0, Read: 1, Write: 2 },
    InlayHintKind: { Type: 1, Parameter: 2 },
    workspace, window, languages, commands, debug,
    extensions: { getExtension: () => undefined, all: [] },
  }, {
    // Anything else the client reaches for: an enum-like object or a constructor that keeps its arguments.
    get(target, name) {
      if (name in target) return target[name];
      if (typeof name !== 'string' || name === 'then') return undefined;
      rec.unknown.push(name);
      target[name] = anything(name);
      return target[name];
    },
  });
  return { vscode, rec, openDocument, fireConfigurationChange };
}

module.exports = { createStub };
