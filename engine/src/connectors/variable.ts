import { Readable, Writable } from 'node:stream';
import iconv from 'iconv-lite';
import { ChorusError } from '../core/errors.ts';
import { type Endpoint, variableEndpointSettings } from '../core/model/endpoint.ts';
import { finishWriting, parseSettings } from './common.ts';
import type { Connector, Target } from './types.ts';

/**
 * A document held in a global variable of the run chain. The variable holds text; its bytes
 * are that text in the activity format's encoding, so a document round-trips in any encoding.
 * A Buffer value is read as the bytes it holds.
 */
export const variableConnector: Connector = {
  kind: 'variable',
  testConnection: async (_ctx, endpoint) => void variableOf(endpoint),

  async listSources(ctx, endpoint, activity) {
    const variable = variableOf(endpoint);
    const { action } = activity.afterRead;
    if (action !== 'keep' && action !== 'delete') {
      throw new ChorusError('OPERATION_INVALID', `a variable endpoint cannot ${action} after reading; use keep or delete`);
    }
    const value = ctx.globals.get(variable);
    if (value === undefined) {
      if (activity.ifNone === 'succeed') return [];
      throw new ChorusError('SOURCE_NOT_FOUND', `global variable $${variable} is not set`);
    }
    // The value as it was when listed, like a file's contents, whatever the variable holds later.
    const { encoding } = activity.format;
    const bytes = Buffer.isBuffer(value) ? value : encode(textOf(value, encoding), encoding);
    return [
      {
        name: `$${variable}`,
        open: () => Readable.from([bytes], { objectMode: false }),
        afterRead: async () => {
          if (action === 'delete') ctx.globals.delete(variable);
        },
      },
    ];
  },

  async openTarget(ctx, endpoint, activity) {
    const variable = variableOf(endpoint);
    const { encoding } = activity.format;
    if (!iconv.encodingExists(encoding)) throw unknownEncoding(encoding);
    const refuseTaken = () => {
      if (activity.mode === 'unique' && ctx.globals.get(variable) !== undefined) {
        throw new ChorusError('TARGET_EXISTS', `global variable $${variable} is already set; unique mode never replaces it`);
      }
    };
    refuseTaken();
    const previous = activity.mode === 'append' ? textOf(ctx.globals.get(variable), encoding) : '';

    const chunks: Buffer[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    let state: 'open' | 'committed' | 'aborted' = 'open';
    const target: Target = {
      name: `$${variable}`,
      stream,
      appending: previous !== '',
      async commit() {
        if (state !== 'open') throw new ChorusError('INTERNAL', `$${variable} was already ${state}`);
        state = 'committed';
        await finishWriting(stream);
        refuseTaken();
        ctx.globals.set(variable, previous + iconv.decode(Buffer.concat(chunks), encoding));
      },
      async abort() {
        if (state !== 'open') return;
        state = 'aborted';
        stream.destroy();
        chunks.length = 0;
      },
    };
    return target;
  },
};

function variableOf(endpoint: Endpoint): string {
  return parseSettings(variableEndpointSettings, endpoint).variable;
}

/** A variable's value as text: strings as they are, bytes decoded, anything else as JSON. */
function textOf(value: unknown, encoding: string): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return iconv.decode(value, encoding);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value); // bigint, cycles
  }
}

function encode(text: string, encoding: string): Buffer {
  if (!iconv.encodingExists(encoding)) throw unknownEncoding(encoding);
  return iconv.encode(text, encoding);
}

function unknownEncoding(encoding: string): ChorusError {
  return new ChorusError('DATA_ENCODING_UNKNOWN', `unknown encoding "${encoding}"`);
}
