/** A function bundle made ASCII only runs exactly as written (tools/functions-build/ascii-source.ts). */
import { asciiSource } from '../../tools/functions-build/ascii-source';

const CODE = `
  // 订阅消息 template, a comment
  /** 核定金额 */
  const 金额 = 5;
  const message = '请填写研究生的资助金额';
  const template = \`已收到 \${金额} 份申请。\`;
  const trimmed = '提交了。。'.replace(/[。．，；！？]+$/, '');
  const name = /^[\\u4e00-\\u9fa5·]+$/.test('张·三') && /^[张李]+$/.test('张李');
  const astral = '😀'.length === 2 && /^😀$/u.test('😀') && /^.$/u.test('😀');
  const escaped = ['\\，', /^[\\，]$/.test('，'), '\\\\，', \`\\，\`, 'a\\\u2028b'];
  return { 金额, message, template, trimmed, name, astral, escaped };
`;

describe('an ASCII-only bundle', () => {
  it('has no character above U+007F and means what the original meant', () => {
    const ascii = asciiSource(CODE);
    expect(ascii).toMatch(/^[\x00-\x7f]*$/);
    const run = (src: string) => new Function(src)() as Record<string, unknown>;
    expect(run(ascii)).toEqual(run(CODE));
    expect(run(ascii)).toEqual({
      金额: 5,
      message: '请填写研究生的资助金额',
      template: '已收到 5 份申请。',
      trimmed: '提交了',
      name: true,
      astral: true,
      // an identity escape, a class with one, an escaped backslash before it, a line continuation
      escaped: ['，', true, '\\，', '，', 'ab'],
    });
  });

  it('leaves an ASCII source as it is', () => {
    const plain = "const a = 'abc'; // note\n";
    expect(asciiSource(plain)).toBe(plain);
  });
});
