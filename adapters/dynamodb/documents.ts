/**
 * The document client the stores talk to: lib-dynamodb's commands (plain JavaScript items in and out), sent
 * on a low-level client that resolves its middleware once per command type (`cacheMiddleware`). lib-dynamodb's
 * own client must resolve the whole middleware stack again on every call — a sixth of the CPU of a store call —
 * because its commands capture their input in the handler. Marshalling follows the command's own key map,
 * exactly as lib-dynamodb does it.
 */
import {
  type DynamoDBClient,
  type DynamoDBClientConfig,
  DynamoDBClient as LowLevelClient,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { convertToAttr, convertToNative, type NativeAttributeValue } from '@aws-sdk/util-dynamodb';

/** What the stores need of a document client; lib-dynamodb's client has it too (the adapter tests mock that one). */
export type DocumentSender = Pick<DynamoDBDocumentClient, 'send' | 'middlewareStack'>;

/**
 * lib-dynamodb's key maps: `null` converts the value itself, `{}` every member of a map, `[]` every element
 * of a list, `{ '*': map }` each child with `map`, any other object only the keys it names.
 */
type KeyNodes = null | Record<string, unknown> | unknown[];

function processValue(value: unknown, convert: (v: unknown) => unknown, nodes: KeyNodes): unknown {
  if (value === undefined) return undefined;
  if (nodes === null) return convert(value);
  const keys = Object.keys(nodes);
  if (keys.length === 1 && keys[0] === '*') {
    const child = (nodes as Record<string, KeyNodes>)['*'] ?? null;
    return mapMembers(value, (v) => processValue(v, convert, child));
  }
  if (keys.length === 0) return mapMembers(value, (v) => processValue(v, convert, null));
  return processKeys(value as Record<string, unknown>, convert, nodes as Record<string, KeyNodes>);
}

/** Each member converted; a map's members that convert to undefined are left out. A loop: a query's items pass here. */
function mapMembers(value: unknown, f: (v: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map(f);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value as Record<string, unknown>)) {
    const converted = f((value as Record<string, unknown>)[key]);
    if (converted !== undefined) out[key] = converted;
  }
  return out;
}

function processKeys(obj: Record<string, unknown>, convert: (v: unknown) => unknown, nodes: Record<string, KeyNodes>) {
  const out: Record<string, unknown> = { ...obj };
  for (const [key, child] of Object.entries(nodes)) {
    if (obj[key] === undefined) continue;
    out[key] = processValue(obj[key], convert, child);
  }
  return out;
}

const MARSHALL = { removeUndefinedValues: true, convertTopLevelContainer: true };
const toAttr = (v: unknown) => convertToAttr(v as NativeAttributeValue, MARSHALL);
const toNative = (v: unknown) => convertToNative(v as Parameters<typeof convertToNative>[0]);

interface DocumentCommand {
  input: Record<string, unknown>;
  inputKeyNodes: Record<string, KeyNodes>;
  outputKeyNodes: Record<string, KeyNodes>;
  clientCommand: { constructor: new (input: unknown) => unknown };
}

export class FastDocumentClient {
  private readonly client: DynamoDBClient;

  constructor(config: DynamoDBClientConfig) {
    this.client = new LowLevelClient({ ...config, cacheMiddleware: true });
  }

  /** The low-level client's stack: middleware added here before the first call applies to every call. */
  get middlewareStack() {
    return this.client.middlewareStack;
  }

  async sendDocument(command: DocumentCommand): Promise<unknown> {
    const LowLevelCommand = command.clientCommand.constructor;
    const input = processKeys(command.input, toAttr, command.inputKeyNodes);
    const output = (await this.client.send(new LowLevelCommand(input) as never)) as unknown as Record<string, unknown>;
    return processKeys(output, toNative, command.outputKeyNodes);
  }

  /** Typed as lib-dynamodb's `send`, so the stores are written against lib-dynamodb's command types. */
  readonly send = ((command: DocumentCommand) => this.sendDocument(command)) as unknown as DocumentSender['send'];

  destroy() {
    this.client.destroy();
  }
}
