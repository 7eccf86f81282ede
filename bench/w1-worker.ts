// One W1 measurement in a fresh process, so peak RSS belongs to that pipeline alone.
// Usage: node --import tsx bench/w1-worker.ts engine|parser|udsv <csv file> <out folder>
//   engine: the whole engine (project, read -> 20-field mapping -> write, commit)
//   parser: the engine's CSV reader and JSON.stringify in a plain loop (the same parser, no engine)
//   udsv:   uDSV, the fastest CSV library, and JSON.stringify in a plain loop
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { inferSchema, initParser } from 'udsv';
import { csvFormatSchema } from '../engine/src/core/model/format.ts';
import { emptyProject } from '../engine/src/core/model/project.ts';
import { readRecords } from '../engine/src/formats/index.ts';
import { runOperation } from '../engine/src/runtime/run.ts';
import { W1_COLUMNS } from './generate.ts';

const [mode, csvFile, outDir] = process.argv.slice(2);

async function engine(): Promise<number> {
  const project = emptyProject({ formatVersion: 1, id: 'bench-w1', name: 'W1' });
  project.endpoints.push({ id: 'in', name: 'In', kind: 'file', settings: { folder: path.dirname(csvFile) } });
  project.endpoints.push({ id: 'out', name: 'Out', kind: 'file', settings: { folder: outDir } });
  project.activities.push({ id: 'read', name: 'Read', type: 'read', endpoint: 'in', filter: path.basename(csvFile), format: { type: 'csv' } });
  project.activities.push({ id: 'write', name: 'Write', type: 'write', endpoint: 'out', fileName: 'engine.json', format: { type: 'json', mode: 'array', indent: 0 } });
  // A mapping of all 20 fields, as a designer would draw it.
  project.transformations.push({ id: 'map', name: 'Map', fields: W1_COLUMNS.map((c) => ({ name: c, from: c })) });
  project.operations.push({
    id: 'w1',
    name: 'W1',
    steps: [{ kind: 'read', activity: 'read' }, { kind: 'transform', transformation: 'map' }, { kind: 'write', activity: 'write' }],
  });
  const log = await runOperation('w1', { project, projectDir: outDir, runsDir: false });
  if (log.status !== 'succeeded') throw new Error(JSON.stringify(log.messages));
  return log.steps[0].recordsOut;
}

/** The engine's own CSV reader and JSON.stringify in a plain loop: no engine. */
async function parser(): Promise<number> {
  const out = createWriteStream(path.join(outDir, 'parser.json'));
  let count = 0;
  for await (const batch of readRecords(createReadStream(csvFile), csvFormatSchema.parse({ type: 'csv' }), { sourceName: csvFile })) {
    let text = '';
    for (const row of batch) text += (count++ === 0 ? '[' : ',') + JSON.stringify(row);
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end(']');
  await once(out, 'finish');
  return count;
}

/** uDSV and JSON.stringify in a plain loop: no engine. */
async function udsv(): Promise<number> {
  const input = createReadStream(csvFile, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const out = createWriteStream(path.join(outDir, 'udsv.json'));
  let parser: ReturnType<typeof initParser> | undefined;
  let count = 0;
  let text = '[';
  // uDSV keeps the row handler it was first given, so the handler is defined once, outside the loop.
  const onRow = (row: Record<string, string>) => {
    text += (count === 0 ? '' : ',') + JSON.stringify(row);
    count++;
  };
  for await (const chunk of input) {
    parser ??= initParser(inferSchema(chunk as string));
    parser.chunk(chunk as string, parser.stringObjs, onRow);
    const ready = text;
    text = '';
    if (!out.write(ready)) await once(out, 'drain');
  }
  parser?.end();
  out.end(`${text}]`);
  await once(out, 'finish');
  return count;
}

const started = performance.now();
const records = await { engine, parser, udsv }[mode as 'engine' | 'parser' | 'udsv']();
const seconds = (performance.now() - started) / 1000;
process.stdout.write(JSON.stringify({ records, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
