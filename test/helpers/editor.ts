// An editor's side of the Language Server Protocol, for driving yaml-language-server (the server
// behind VS Code's YAML extension and most editors' YAML support) as a separate process over stdio,
// as an editor does: initialise it on a workspace folder, answer its requests for settings, open
// documents, wait for the diagnostics it publishes, ask for completions.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';

/** A place in a document, both counted from 0 (LSP's way; `coe check` counts lines from 1). */
export interface Position {
  line: number;
  character: number;
}
export interface Diagnostic {
  range: { start: Position; end: Position };
  message: string;
  source?: string;
  /** yaml-language-server's: the schemas a problem comes from. */
  data?: { schemaUri?: string[] };
}
export interface CompletionItem {
  label: string;
  kind?: number;
  /** What accepting it inserts: a snippet, with tab stops, when insertTextFormat is 2. */
  insertText?: string;
  insertTextFormat?: number;
  documentation?: string | { kind: string; value: string };
}
/** LSP's CompletionItemKind values the tests look for. */
export const COMPLETION_KIND = { property: 10, value: 12 } as const;

/** The server's script, found as npm finds its `yaml-language-server` command: the package's `bin`. */
export function yamlLanguageServerBin(): string {
  const manifest = createRequire(import.meta.url).resolve('yaml-language-server/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(manifest), bin['yaml-language-server'] as string);
}

/** `promise`, or a rejection naming `what` after `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string, log: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms; server said:\n${log()}`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export class YamlEditor {
  private readonly waiting = new Map<string, (d: Diagnostic[]) => void>();
  private readonly opened = new Set<string>();
  private stderr = '';
  private readonly root: string;
  private readonly server: ChildProcess;
  private readonly connection: MessageConnection;
  private readonly timeoutMs: number;

  private constructor(root: string, server: ChildProcess, connection: MessageConnection, timeoutMs: number) {
    this.root = root;
    this.server = server;
    this.connection = connection;
    this.timeoutMs = timeoutMs;
  }

  /**
   * Starts the server on the workspace folder `root` with the settings an editor would send:
   * validation, completion and hover on, SchemaStore's catalogue off (it is fetched from the
   * network), and every HTTP request sent to `proxy` (setting and environment alike). `schemas` is
   * the `yaml.schemas` setting: a schema for the files its globs match.
   */
  static async start(
    root: string,
    proxy: string,
    { schemas = {}, timeoutMs = 20_000 }: { schemas?: Record<string, string[]>; timeoutMs?: number } = {},
  ): Promise<YamlEditor> {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of ['NO_PROXY', 'no_proxy']) delete env[name];
    for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) env[name] = proxy;
    const server = spawn(process.execPath, [yamlLanguageServerBin(), '--stdio'], {
      cwd: root,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createMessageConnection(
      new StreamMessageReader(server.stdout),
      new StreamMessageWriter(server.stdin),
    );
    const editor = new YamlEditor(root, server, connection, timeoutMs);
    server.stderr.on('data', (chunk) => {
      editor.stderr += chunk;
    });
    const settings: Record<string, unknown> = {
      yaml: {
        validate: true,
        completion: true,
        hover: true,
        schemaStore: { enable: false },
        kubernetesCRDStore: { enable: false },
        schemas,
      },
      http: { proxy, proxyStrictSSL: true },
      '[yaml]': {},
      editor: { tabSize: 2 },
    };
    let configured: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      configured = resolve;
    });
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
      configured();
      return params.items.map((item) => settings[item.section ?? ''] ?? null);
    });
    connection.onRequest(() => null); // anything else an editor may decline
    connection.onNotification(
      'textDocument/publishDiagnostics',
      (params: { uri: string; diagnostics: Diagnostic[] }) => {
        editor.waiting.get(params.uri)?.(params.diagnostics);
        editor.waiting.delete(params.uri);
      },
    );
    connection.onNotification(() => {}); // log messages, telemetry
    connection.listen();
    const rootUri = pathToFileURL(root).href;
    await within(
      connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
        capabilities: {
          workspace: { configuration: true },
          textDocument: {
            completion: { completionItem: { snippetSupport: true } },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            publishDiagnostics: {},
          },
        },
      }),
      timeoutMs,
      'answer to initialize',
      () => editor.stderr,
    );
    await connection.sendNotification('initialized', {});
    // It asks for the settings once initialised; documents are opened once it has them.
    await within(answered, timeoutMs, 'request for settings', () => editor.stderr);
    return editor;
  }

  /** Opens `path` (from the root; it need not exist on disk) holding `text`. */
  async open(path: string, text: string): Promise<void> {
    const uri = pathToFileURL(join(this.root, path)).href;
    if (this.opened.has(uri)) throw new Error(`${path} is open already: open each path once`);
    this.opened.add(uri);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
  }

  /** Opens `path` holding `text`; the diagnostics the server first publishes for it. */
  async diagnose(path: string, text: string): Promise<Diagnostic[]> {
    const uri = pathToFileURL(join(this.root, path)).href;
    const published = new Promise<Diagnostic[]>((resolve) => this.waiting.set(uri, resolve));
    await this.open(path, text);
    return within(published, this.timeoutMs, `diagnostics for ${path}`, () => this.stderr);
  }

  /** Opens `path` holding `text`, then asks for completions at `at`. */
  async complete(path: string, text: string, at: Position): Promise<CompletionItem[]> {
    await this.diagnose(path, text);
    const uri = pathToFileURL(join(this.root, path)).href;
    const result = await within(
      this.connection.sendRequest<{ items: CompletionItem[] } | CompletionItem[] | null>(
        'textDocument/completion',
        { textDocument: { uri }, position: at },
      ),
      this.timeoutMs,
      `completions in ${path}`,
      () => this.stderr,
    );
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  /** Opens `path` holding `text`, then asks what hovering at `at` shows: its text, '' for nothing. */
  async hover(path: string, text: string, at: Position): Promise<string> {
    await this.diagnose(path, text);
    const uri = pathToFileURL(join(this.root, path)).href;
    const result = await within(
      this.connection.sendRequest<{ contents: string | { value: string } } | null>('textDocument/hover', {
        textDocument: { uri },
        position: at,
      }),
      this.timeoutMs,
      `hover in ${path}`,
      () => this.stderr,
    );
    const contents = result?.contents ?? '';
    return typeof contents === 'string' ? contents : contents.value;
  }

  /** Asks the server to shut down and exit; kills it if it has not within a few seconds. */
  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.server.exitCode !== null || this.server.signalCode !== null) resolve();
      else this.server.once('exit', () => resolve());
    });
    try {
      await within(this.connection.sendRequest('shutdown'), 3_000, 'shutdown', () => this.stderr);
      await this.connection.sendNotification('exit');
      await within(exited, 3_000, 'exit', () => this.stderr);
    } catch {
      this.server.kill('SIGKILL');
      await exited;
    } finally {
      this.connection.dispose();
    }
  }
}
