import { describe, expect, it } from 'vitest';
import { normalisePhone, parseInboundSms } from './sms-inbound.js';

describe('parseInboundSms', () => {
  it('Twilio form posts', () => {
    const body = new URLSearchParams({ From: '+84 90 123 4567', Body: 'STOP', To: '+15550001111', MessageSid: 'SM1' }).toString();
    expect(parseInboundSms('application/x-www-form-urlencoded', body)).toEqual({ from: '+84901234567', body: 'STOP' });
  });
  it('Vonage and generic JSON', () => {
    expect(parseInboundSms('application/x-www-form-urlencoded', 'msisdn=447700900000&text=Stop')).toEqual({ from: '447700900000', body: 'Stop' });
    expect(parseInboundSms('application/json', JSON.stringify({ from: '+1 (555) 010-0000', body: 'unstop' }))).toEqual({ from: '+15550100000', body: 'unstop' });
    expect(parseInboundSms('application/json; charset=utf-8', JSON.stringify({ originator: '+33612345678', payload: 'Hủy' }))).toEqual({ from: '+33612345678', body: 'Hủy' });
  });
  it('null when sender or text is missing, or the body is not what it claims', () => {
    expect(parseInboundSms('application/json', '{not json')).toBeNull();
    expect(parseInboundSms('application/json', '"STOP"')).toBeNull();
    expect(parseInboundSms('application/x-www-form-urlencoded', 'Body=STOP')).toBeNull();
    expect(parseInboundSms('application/x-www-form-urlencoded', 'From=%2B1&Body=STOP')).toBeNull();
  });
  it('normalises numbers', () => {
    expect(normalisePhone(' +84-90.123 4567 ')).toBe('+84901234567');
    expect(normalisePhone('0901234567')).toBe('0901234567');
  });
});
