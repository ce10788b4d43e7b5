import { describe, expect, it } from 'vitest';
import { normaliseSmsBody, parseSmsKeyword } from './sms-keywords.js';

describe('parseSmsKeyword', () => {
  it('opt-out words, whatever the case, spacing and punctuation', () => {
    for (const body of ['STOP', 'stop', ' Stop. ', 'STOP ALL', 'stopall', 'Unsubscribe', 'cancel', 'END', 'quit!', 'S T O P', '\tStop\n']) {
      expect(parseSmsKeyword(body), body).toMatchObject({ kind: 'stop' });
    }
  });
  it('opt-in and help words', () => {
    for (const body of ['START', 'unstop', 'Yes', 'yes!']) expect(parseSmsKeyword(body), body).toMatchObject({ kind: 'start' });
    expect(parseSmsKeyword('help')).toMatchObject({ kind: 'help' });
  });
  it('Vietnamese, with or without diacritics', () => {
    for (const body of ['HUY', 'Hủy', 'huỷ', 'TU CHOI', 'Từ chối', 'tu choi', 'Dừng', 'Hủy đăng ký']) {
      expect(parseSmsKeyword(body), body).toMatchObject({ kind: 'stop' });
    }
    expect(parseSmsKeyword('Bắt đầu')).toMatchObject({ kind: 'start' });
  });
  it('only a whole-message keyword counts', () => {
    for (const body of ['please stop', "don't stop me now", 'stopping by later', 'yes please', 'STOP2', '', 'x'.repeat(200)]) {
      expect(parseSmsKeyword(body), body).toBeNull();
    }
  });
  it('normalises to upper-case ASCII', () => {
    expect(normaliseSmsBody('  Từ chối! ')).toBe('TUCHOI');
    expect(normaliseSmsBody('Đ')).toBe('D');
  });
});
