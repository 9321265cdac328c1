import { describe, expect, it } from 'vitest';
import type { Gbt39046Record } from '@hcp/domain';
import { toCsv, toJsonArray } from './gbt-39046-writer.ts';

const rec = (over: Partial<Gbt39046Record> = {}): Gbt39046Record => ({
  办件编号: 'LW-1', 评价渠道: 4, 评价人: '张**', 评价时间: '20261103T100000', 评价次数: 1, 满意度: '非常满意', 满意度代码: 1, 文字评价: '', 行政区划: '640181', ...over,
});

async function* of(...rs: Gbt39046Record[]) {
  yield* rs;
}
const collect = async (it: AsyncIterable<string>) => {
  let s = '';
  for await (const x of it) s += x;
  return s;
};

describe('GB/T 39046 writers', () => {
  it('CSV starts with a BOM and the Chinese header, quotes what needs it and defuses formulas', async () => {
    const text = await collect(toCsv(of(rec(), rec({ 文字评价: '等了"很久",\n第二行' }), rec({ 文字评价: '=HYPERLINK("x")', 评价人: '@x' }))));
    expect(text.startsWith('\uFEFF办件编号,评价渠道,评价人,评价时间,评价次数,满意度,满意度代码,文字评价,行政区划\r\n')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[1]).toBe('LW-1,4,张**,20261103T100000,1,非常满意,1,,640181');
    expect(lines[2]).toBe('LW-1,4,张**,20261103T100000,1,非常满意,1,"等了""很久"",\n第二行",640181');
    expect(lines[3]).toBe(`LW-1,4,'@x,20261103T100000,1,非常满意,1,"'=HYPERLINK(""x"")",640181`);
  });

  it('JSON is an array, also when empty', async () => {
    expect(JSON.parse(await collect(toJsonArray(of())))).toEqual([]);
    const two = JSON.parse(await collect(toJsonArray(of(rec(), rec({ 办件编号: 'LW-2' })))));
    expect(two.map((r: Gbt39046Record) => r.办件编号)).toEqual(['LW-1', 'LW-2']);
    expect(Object.keys(two[0])).toEqual(['办件编号', '评价渠道', '评价人', '评价时间', '评价次数', '满意度', '满意度代码', '文字评价', '行政区划']);
  });
});
