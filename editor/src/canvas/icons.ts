/**
 * Node kinds name an icon; the editor draws it as a plain Unicode glyph (no emoji font needed, so
 * it looks the same on every machine). Unknown names get a neutral mark.
 */
const GLYPHS: Record<string, string> = {
  bolt: '⚡',
  users: '◎',
  pencil: '✎',
  hand: '☛',
  calendar: '▦',
  clock: '◷',
  sun: '☀',
  hourglass: '◌',
  split: '⋔',
  dice: '⚄',
  mail: '✉',
  message: '✆',
  bell: '♪',
  chat: '☏',
  webhook: '⚯',
  edit: '✎',
  tag: '#',
  'user-check': '☺',
  flag: '⚑',
  target: '◎',
  puzzle: '✦',
  ticket: '✂',
  briefcase: '☎',
  megaphone: '✍',
  gauge: '◔',
  clipboard: '☑',
  plug: '⏚',
  star: '★',
  'help-circle': '?',
};

export function glyph(icon: string): string {
  return GLYPHS[icon] ?? '◆';
}
