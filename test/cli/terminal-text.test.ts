import { describe, expect, it } from 'vitest';
import { escapeControls, escapeControlsInLines } from '../../cli/terminal-text.js';

/** Every character a terminal acts on or that reorders a line, and nothing else. */
const RAW = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

describe('escapeControls', () => {
  it('shows C0, DEL, C1, bidi controls and line separators as escapes', () => {
    expect(escapeControls('a\x1b[2Jb')).toBe('a\\x1b[2Jb');
    expect(escapeControls('\x1b]0;title\x07')).toBe('\\x1b]0;title\\x07');
    expect(escapeControls('\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\')).toBe('\\x1b]8;;http://x\\x1b\\link\\x1b]8;;\\x1b\\');
    expect(escapeControls('\u009b2J\u009d0;t\u009c')).toBe('\\x9b2J\\x9d0;t\\x9c');
    expect(escapeControls('\x00\x7f\b')).toBe('\\x00\\x7f\\x08');
    expect(escapeControls('evil\u202etxt.exe \u2066x\u2069 \u200e\u200f\u061c')).toBe('evil\\u202etxt.exe \\u2066x\\u2069 \\u200e\\u200f\\u061c');
    expect(escapeControls('l\u2028p\u2029')).toBe('l\\u2028p\\u2029');
    expect(escapeControls('t\tn\nr\r')).toBe('t\\tn\\nr\\r');
  });

  it('leaves printable text alone, non-ASCII included', () => {
    const text = 'order-42 “ünïcødé” 日本 😀 U+FFFD \ufffd \u00a0 \\x1b';
    expect(escapeControls(text)).toBe(text);
  });

  it('no code point below U+3000 that RAW matches survives', () => {
    let all = '';
    for (let c = 0; c < 0x3000; c++) all += String.fromCharCode(c);
    expect(escapeControls(all)).not.toMatch(RAW);
    expect(escapeControlsInLines(all).replace(/\n/g, '')).not.toMatch(RAW);
  });
});

describe('escapeControlsInLines', () => {
  it('keeps the line breaks of a report and escapes the rest', () => {
    expect(escapeControlsInLines('one \x1b[2J\ntwo\r\u009b\n')).toBe('one \\x1b[2J\ntwo\\r\\x9b\n');
  });
});
