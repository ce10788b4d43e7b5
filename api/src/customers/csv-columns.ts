/**
 * The columns of a customer CSV, and one row read into a customer (pure, no I/O).
 *
 * Header row, any order: `id` (required; also `customer_id`, `user_id`), `email`, `phone`
 * (E.164, "+15551234567"), `timeZone` (IANA, "Europe/Paris"); `consent.<topic>` or
 * `consent.<topic>.<channel>` (granted/refused, yes/no, true/false, 1/0; channel email, sms,
 * push, chat or all, default all); every other column is an attribute, text unless its header
 * names a type: `age:number`, `vip:boolean`, `renewalDate:date` (ISO 8601, stored as ISO text),
 * `plan:text`. An empty cell leaves that field as it is.
 */
import { unsafeCharacter } from '../validation/text.js';

export interface RowError {
  /** 1-based line of the file (the header is row 1). */
  row: number;
  column: string;
  message: string;
}

type AttributeType = 'text' | 'number' | 'boolean' | 'date';
const TYPES: Record<string, AttributeType> = { text: 'text', string: 'text', number: 'number', boolean: 'boolean', bool: 'boolean', date: 'date' };
const CHANNELS = ['email', 'sms', 'push', 'chat', 'all'] as const;
const RESERVED_ID = ['id', 'customerid', 'userid'];

export type Column =
  | { kind: 'id'; header: string }
  | { kind: 'email' | 'phone' | 'timeZone'; header: string }
  | { kind: 'consent'; header: string; topic: string; channel: (typeof CHANNELS)[number] }
  | { kind: 'attribute'; header: string; name: string; type: AttributeType };

export interface ImportedCustomer {
  row: number;
  id: string;
  email?: string;
  phone?: string;
  timeZone?: string;
  attributes: Record<string, string | number | boolean>;
  consents: Array<{ topic: string; channel: string; status: 'granted' | 'refused' }>;
}

const squash = (h: string) => h.toLowerCase().replace(/[\s_-]/g, '');

/** Reads the header row: the columns, or errors naming each bad header (row 1). */
export function readHeader(cells: string[]): { columns: Column[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const columns: Column[] = [];
  const seen = new Set<string>();
  for (const raw of cells) {
    const header = raw.trim();
    const err = (message: string) => errors.push({ row: 1, column: header || '(empty)', message });
    if (!header) {
      err('a column has no name');
      continue;
    }
    if (seen.has(header)) err(`the column "${header}" appears twice`);
    seen.add(header);
    const flat = squash(header);
    if (RESERVED_ID.includes(flat)) columns.push({ kind: 'id', header });
    else if (flat === 'email' || flat === 'phone') columns.push({ kind: flat, header });
    else if (flat === 'timezone') columns.push({ kind: 'timeZone', header });
    else if (header.toLowerCase().startsWith('consent.')) {
      const [, topic, channel = 'all', ...rest] = header.split('.');
      if (!topic || rest.length > 0) err('a consent column is consent.<topic> or consent.<topic>.<channel>');
      else if (!(CHANNELS as readonly string[]).includes(channel)) err(`unknown channel "${channel}": use ${CHANNELS.join(', ')}`);
      else columns.push({ kind: 'consent', header, topic, channel: channel as (typeof CHANNELS)[number] });
    } else {
      const [name = '', typeName, ...rest] = header.split(':');
      const type = typeName === undefined ? 'text' : TYPES[typeName.trim().toLowerCase()];
      if (!type || rest.length > 0) err(`unknown attribute type "${typeName}": use text, number, boolean or date (as in "age:number")`);
      else if (!/^[A-Za-z_][\w.-]*$/.test(name.trim())) err('an attribute name starts with a letter or _ and has letters, digits, _, . or -');
      else columns.push({ kind: 'attribute', header, name: name.trim(), type });
    }
  }
  if (!columns.some((c) => c.kind === 'id') && !errors.length) errors.push({ row: 1, column: '(header)', message: 'the file needs an id column (id, customer_id or user_id)' });
  return { columns, errors };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+[1-9]\d{6,14}$/;
const YES = ['granted', 'yes', 'true', '1', 'y'];
const NO = ['refused', 'no', 'false', '0', 'n'];

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** One data row into a customer, or its errors. `row` is the file's line number. */
export function readRow(columns: Column[], cells: string[], row: number): { customer?: ImportedCustomer; errors: RowError[] } {
  const errors: RowError[] = [];
  if (cells.length !== columns.length) {
    return { errors: [{ row, column: '(row)', message: `has ${cells.length} cells, the header has ${columns.length}` }] };
  }
  const c: ImportedCustomer = { row, id: '', attributes: {}, consents: [] };
  columns.forEach((col, i) => {
    const value = (cells[i] ?? '').trim();
    const err = (message: string) => errors.push({ row, column: col.header, message });
    const unsafe = unsafeCharacter(value, 'line');
    if (unsafe) return err(unsafe);
    if (col.kind === 'id') {
      if (!value) return err('the id is empty');
      if (value.length > 256) return err('the id is longer than 256 characters');
      c.id = value;
      return;
    }
    if (!value) return;
    switch (col.kind) {
      case 'email':
        return EMAIL.test(value) ? void (c.email = value) : err(`"${value.slice(0, 80)}" is not an email address`);
      case 'phone': {
        const phone = value.replace(/[\s().-]/g, '');
        return PHONE.test(phone) ? void (c.phone = phone) : err(`"${value.slice(0, 40)}" is not a phone number in international form (+15551234567)`);
      }
      case 'timeZone':
        return validTimeZone(value) ? void (c.timeZone = value) : err(`"${value.slice(0, 60)}" is not a time zone (use an IANA name such as Europe/Paris)`);
      case 'consent': {
        const v = value.toLowerCase();
        if (YES.includes(v)) c.consents.push({ topic: col.topic, channel: col.channel, status: 'granted' });
        else if (NO.includes(v)) c.consents.push({ topic: col.topic, channel: col.channel, status: 'refused' });
        else err(`"${value.slice(0, 40)}" is not a consent: use granted or refused (yes/no)`);
        return;
      }
      case 'attribute':
        return readAttribute(col, value, c, err);
    }
  });
  return errors.length ? { errors } : { customer: c, errors };
}

function readAttribute(col: Extract<Column, { kind: 'attribute' }>, value: string, c: ImportedCustomer, err: (m: string) => void): void {
  switch (col.type) {
    case 'text':
      c.attributes[col.name] = value;
      return;
    case 'number': {
      const n = Number(value);
      if (!Number.isFinite(n)) return err(`"${value.slice(0, 40)}" is not a number`);
      c.attributes[col.name] = n;
      return;
    }
    case 'boolean': {
      const v = value.toLowerCase();
      if (['true', 'yes', '1'].includes(v)) c.attributes[col.name] = true;
      else if (['false', 'no', '0'].includes(v)) c.attributes[col.name] = false;
      else err(`"${value.slice(0, 40)}" is not true or false`);
      return;
    }
    case 'date': {
      const t = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
      if (Number.isNaN(t)) return err(`"${value.slice(0, 40)}" is not a date (use 2026-03-31 or 2026-03-31T09:00:00Z)`);
      c.attributes[col.name] = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : new Date(t).toISOString();
      return;
    }
  }
}
