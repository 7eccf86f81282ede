// W2: one million records through a transformation with 20 Chorus Script formulas (string
// functions, arithmetic, date parsing and formatting, If/Case, a dictionary lookup), against
// (a) hand-written TypeScript doing the same work and (b) JSONata evaluating an equivalent
// expression. Figures are records/s and ratios measured in the same run.
// Records: BENCH_W2_RECORDS (default 1,000,000); JSONata gets BENCH_W2_JSONATA_RECORDS
// (default 20,000) because it is two orders of magnitude slower.
import jsonata from 'jsonata';
import { createFormulaCompiler } from '../engine/src/core/script/formula.ts';
import { ScriptDict } from '../engine/src/core/script/values.ts';
import type { DataRecord } from '../engine/src/core/record.ts';
import { compileTransformation } from '../engine/src/core/transform/compile.ts';
import type { TargetField } from '../engine/src/core/model/transformation.ts';
import { localHost } from '../engine/src/script/host.ts';

const RECORDS = Number(process.env.BENCH_W2_RECORDS ?? 1_000_000);
const JSONATA_RECORDS = Number(process.env.BENCH_W2_JSONATA_RECORDS ?? 20_000);
const ROUNDS = 3;

const countries: Record<string, string> = { GB: 'United Kingdom', US: 'United States', FR: 'France', DE: 'Germany', JP: 'Japan' };
const codes = Object.keys(countries);
const statuses = ['P', 'O', 'X'];

function makeRecords(n: number): DataRecord[] {
  const out: DataRecord[] = [];
  for (let i = 0; i < n; i++) {
    const day = 1 + (i % 28);
    out.push({
      id: `SO-${String(i).padStart(6, '0')}`,
      name: i % 2 ? 'ada lovelace' : 'grace hopper',
      email: ` User${i}@Example.com `,
      country: codes[i % codes.length],
      qty: String(1 + (i % 9)),
      price: (5 + (i % 50) * 1.25).toFixed(2),
      date: `2026-11-${String(day).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}:00`,
      status: statuses[i % 3],
    });
  }
  return out;
}

/** The 20 formulas, in the reference product's path notation (`src$field`). */
const formulas: Record<string, string> = {
  idNumber: 'Int(Right(src$id, 6))',
  nameUpper: 'ToUpper(src$name)',
  firstName: 'Left(src$name, Index(src$name, " "))',
  email: 'ToLower(Trim(src$email))',
  domain: 'e = Trim(src$email); Mid(e, Index(e, "@") + 1, 100)',
  countryName: '$countries[src$country]',
  qty: 'Int(src$qty)',
  price: 'Double(src$price)',
  amount: 'Double(src$qty) * Double(src$price)',
  amountText: 'Round(Double(src$qty) * Double(src$price), 2)',
  tax: 'Double(src$price) * 0.2',
  isoDate: 'FormatDate(Date(src$date), "yyyy-mm-ddTHH:MM:SS")',
  month: 'MonthOfYear(src$date)',
  day: 'DayOfMonth(src$date)',
  weekday: 'DayOfWeek(src$date)',
  status: 'Case(src$status == "P", "paid", src$status == "O", "open", true, "unknown")',
  size: 'If(Double(src$qty) * Double(src$price) > 50, "big", "small")',
  label: 'src$id + "/" + src$country',
  nameLength: 'Length(src$name)',
  paddedQty: 'LPadChar(src$qty, "0", 5)',
};

function chorusPipeline(): (record: DataRecord, globals: Map<string, unknown>) => DataRecord[] {
  const fields: TargetField[] = Object.entries(formulas).map(([name, f]) => ({ name, formula: `<trans>${f}</trans>` }));
  const compiler = createFormulaCompiler({ host: localHost({ log: () => {} }) });
  return compileTransformation({ id: 'w2', name: 'W2', fields }, { formulas: compiler });
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Reads a `yyyy-mm-dd HH:MM:SS` text as a UTC date, as Date() does. */
const parseDate = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
const isoDate = (d: Date) =>
  `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;

/**
 * The same work written by hand, field by field as the formulas do it: each field converts
 * the values it uses itself (no value is shared between fields, as no value is shared
 * between formulas).
 */
function handWritten(r: DataRecord): DataRecord {
  const s = (name: string) => r[name] as string;
  const email = s('email').trim();
  return {
    idNumber: Math.trunc(parseFloat(s('id').slice(-6))),
    nameUpper: s('name').toUpperCase(),
    firstName: s('name').slice(0, s('name').indexOf(' ')),
    email: s('email').trim().toLowerCase(),
    domain: email.slice(email.indexOf('@') + 1),
    countryName: countries[s('country')],
    qty: Math.trunc(parseFloat(s('qty'))),
    price: parseFloat(s('price')),
    amount: parseFloat(s('qty')) * parseFloat(s('price')),
    amountText: (parseFloat(s('qty')) * parseFloat(s('price'))).toFixed(2),
    tax: parseFloat(s('price')) * 0.2,
    isoDate: isoDate(parseDate(s('date'))),
    month: parseDate(s('date')).getUTCMonth() + 1,
    day: parseDate(s('date')).getUTCDate(),
    weekday: parseDate(s('date')).getUTCDay(),
    status: s('status') === 'P' ? 'paid' : s('status') === 'O' ? 'open' : 'unknown',
    size: parseFloat(s('qty')) * parseFloat(s('price')) > 50 ? 'big' : 'small',
    label: `${s('id')}/${s('country')}`,
    nameLength: s('name').length,
    paddedQty: s('qty').padStart(5, '0'),
  };
}

/** The same formulas in JSONata, as a Node-RED user would write them. */
const jsonataFields: Record<string, string> = {
  idNumber: `$floor($number($substring(id, -6)))`,
  nameUpper: `$uppercase(name)`,
  firstName: `$substringBefore(name, " ")`,
  email: `$lowercase($trim(email))`,
  domain: `$substringAfter($trim(email), "@")`,
  countryName: `$lookup($countries, country)`,
  qty: `$floor($number(qty))`,
  price: `$number(price)`,
  amount: `$number(qty) * $number(price)`,
  amountText: `$formatNumber($number(qty) * $number(price), "0.00")`,
  tax: `$number(price) * 0.2`,
  isoDate: `$fromMillis($toMillis($replace(date, " ", "T") & "Z"), "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01]")`,
  month: `$number($fromMillis($toMillis($replace(date, " ", "T") & "Z"), "[M]"))`,
  day: `$number($fromMillis($toMillis($replace(date, " ", "T") & "Z"), "[D]"))`,
  weekday: `$number($fromMillis($toMillis($replace(date, " ", "T") & "Z"), "[F1]")) % 7`,
  status: `status = "P" ? "paid" : status = "O" ? "open" : "unknown"`,
  size: `$number(qty) * $number(price) > 50 ? "big" : "small"`,
  label: `id & "/" & country`,
  nameLength: `$length(name)`,
  paddedQty: `$pad(qty, -5, "0")`,
};
/** All fields in one object expression (one evaluation per record). */
const jsonataExpression = `{ ${Object.entries(jsonataFields).map(([k, e]) => `"${k}": ${e}`).join(', ')} }`;

function time(run: () => unknown): number {
  const started = performance.now();
  run();
  return (performance.now() - started) / 1000;
}

async function timeAsync(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

const records = makeRecords(RECORDS);
const globals = new Map<string, unknown>();
const dict = new ScriptDict();
for (const [k, v] of Object.entries(countries)) dict.set(k, v);
globals.set('countries', dict);
const transform = chorusPipeline();

// The outputs must agree before anything is timed.
const sample = records.slice(0, 50);
const expected = sample.map(handWritten);
const actual = sample.map((r) => transform(r, globals)[0]);
for (let i = 0; i < sample.length; i++) {
  for (const key of Object.keys(expected[i])) {
    const a = actual[i][key];
    const e = expected[i][key];
    if (String(a) !== String(e)) throw new Error(`record ${i} field ${key}: Chorus gave ${JSON.stringify(a)}, hand-written ${JSON.stringify(e)}`);
  }
}
const expression = jsonata(jsonataExpression);
const bindings = { countries };
const viaJsonata = await expression.evaluate(sample[0], bindings);
for (const key of Object.keys(expected[0])) {
  if (String(viaJsonata[key]) !== String(expected[0][key])) throw new Error(`JSONata field ${key}: ${JSON.stringify(viaJsonata[key])} vs ${JSON.stringify(expected[0][key])}`);
}

let sink = 0;
const best = { chorus: Infinity, hand: Infinity, jsonata: Infinity, jsonataPerField: Infinity };
// One expression per field, evaluated one after the other: how a change node with one rule per property runs.
const fieldExpressions = Object.entries(jsonataFields).map(([name, e]) => [name, jsonata(e)] as const);
const jsonataInput = records.slice(0, JSONATA_RECORDS);
for (let round = 0; round < ROUNDS; round++) {
  best.chorus = Math.min(best.chorus, time(() => {
    for (const r of records) sink += transform(r, globals).length;
  }));
  best.hand = Math.min(best.hand, time(() => {
    for (const r of records) sink += Object.keys(handWritten(r)).length > 0 ? 1 : 0;
  }));
  best.jsonata = Math.min(best.jsonata, await timeAsync(async () => {
    for (const r of jsonataInput) sink += (await expression.evaluate(r, bindings)) ? 1 : 0;
  }));
  best.jsonataPerField = Math.min(best.jsonataPerField, await timeAsync(async () => {
    for (const r of jsonataInput) {
      const out: Record<string, unknown> = {};
      for (const [name, e] of fieldExpressions) out[name] = await e.evaluate(r, bindings);
      sink += Object.keys(out).length > 0 ? 1 : 0;
    }
  }));
}
if (sink === 0) throw new Error('nothing ran');

const rate = {
  chorus: RECORDS / best.chorus,
  hand: RECORDS / best.hand,
  jsonata: JSONATA_RECORDS / best.jsonata,
  jsonataPerField: JSONATA_RECORDS / best.jsonataPerField,
};
console.log(`W2: ${RECORDS.toLocaleString('en')} records through 20 formulas (JSONata: ${JSONATA_RECORDS.toLocaleString('en')} records), best of ${ROUNDS}`);
console.log('pipeline                           | records/s');
console.log(`Chorus                             | ${Math.round(rate.chorus).toLocaleString('en')}`);
console.log(`hand-written                       | ${Math.round(rate.hand).toLocaleString('en')}`);
console.log(`JSONata, one object expression     | ${Math.round(rate.jsonata).toLocaleString('en')}`);
console.log(`JSONata, one expression per field  | ${Math.round(rate.jsonataPerField).toLocaleString('en')}`);
console.log(`Chorus time / hand-written time: ${(rate.hand / rate.chorus).toFixed(2)}x (target <= 2x)`);
console.log(`Chorus speed / JSONata speed: ${(rate.chorus / rate.jsonata).toFixed(0)}x one expression, ${(rate.chorus / rate.jsonataPerField).toFixed(0)}x per field (target >= 50x)`);
console.log(`hand-written speed / JSONata speed: ${(rate.hand / rate.jsonata).toFixed(0)}x one expression, ${(rate.hand / rate.jsonataPerField).toFixed(0)}x per field`);

// The calibration of the target: one formula of five functions, evaluated on its own.
const FORMULA_EVALS = RECORDS;
const five = 'ToUpper(Left(Trim(src$name), 3)) + "-" + Right(src$id, 4) + "-" + Length(src$email)';
const fiveChorus = createFormulaCompiler({ host: localHost({ log: () => {} }) })(`<trans>${five}</trans>`, 'five');
const fiveHand = (r: DataRecord) => `${(r.name as string).trim().slice(0, 3).toUpperCase()}-${(r.id as string).slice(-4)}-${(r.email as string).length}`;
const fiveJsonata = jsonata('$uppercase($substring($trim(name), 0, 3)) & "-" & $substring(id, -4) & "-" & $length(email)');
const scope = (r: DataRecord) => ({ value: r });
if (fiveChorus(scope(records[1]), globals) !== fiveHand(records[1]) || (await fiveJsonata.evaluate(records[1])) !== fiveHand(records[1])) {
  throw new Error(`five-function formula: ${String(fiveChorus(scope(records[1]), globals))} / ${fiveHand(records[1])} / ${String(await fiveJsonata.evaluate(records[1]))}`);
}
const scopes = records.map(scope);
const bestFive = { chorus: Infinity, hand: Infinity, jsonata: Infinity };
for (let round = 0; round < ROUNDS; round++) {
  bestFive.chorus = Math.min(bestFive.chorus, time(() => {
    for (const s of scopes) sink += (fiveChorus(s, globals) as string).length;
  }));
  bestFive.hand = Math.min(bestFive.hand, time(() => {
    for (const r of records) sink += fiveHand(r).length;
  }));
  bestFive.jsonata = Math.min(bestFive.jsonata, await timeAsync(async () => {
    for (const r of jsonataInput) sink += ((await fiveJsonata.evaluate(r)) as string).length;
  }));
}
const fiveRate = { chorus: FORMULA_EVALS / bestFive.chorus, hand: FORMULA_EVALS / bestFive.hand, jsonata: JSONATA_RECORDS / bestFive.jsonata };
console.log('');
console.log(`One five-function formula (${five}), evaluations/s:`);
console.log(`Chorus ${Math.round(fiveRate.chorus).toLocaleString('en')} | hand-written ${Math.round(fiveRate.hand).toLocaleString('en')} | JSONata ${Math.round(fiveRate.jsonata).toLocaleString('en')}`);
console.log(`Chorus time / hand-written time: ${(fiveRate.hand / fiveRate.chorus).toFixed(2)}x; Chorus speed / JSONata speed: ${(fiveRate.chorus / fiveRate.jsonata).toFixed(0)}x`);
