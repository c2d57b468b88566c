import { describe, expect, it } from 'vitest';
import { periodTicks, wholeTicks } from './axes.ts';

const labels = (first: string, last: string, room: number) => periodTicks(first, last, room).map((t) => t.label);

describe('time axis ticks', () => {
  it('labels months in nb-NO, with the year under the first tick and under each January', () => {
    expect(labels('2023-01', '2024-12', 820)).toEqual(['jan.\n2023', 'apr.', 'jul.', 'okt.', 'jan.\n2024', 'apr.', 'jul.', 'okt.']);
    expect(labels('2023-05', '2023-10', 820)).toEqual(['mai\n2023', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.']);
  });

  it('puts the ticks on the first of the month in UTC, aligned to the calendar', () => {
    const t = periodTicks('2023-02', '2024-01', 300);
    expect(t.map((x) => x.date.toISOString().slice(0, 7))).toEqual(['2023-04', '2023-07', '2023-10', '2024-01']);
    expect(t[0]!.date.getUTCDate()).toBe(1);
  });

  it('shows whole years when months do not fit, and years for yearly periods', () => {
    expect(labels('2019-01', '2022-12', 380)).toEqual(['2019', '2020', '2021', '2022']);
    expect(labels('2019', '2024', 380)).toEqual(['2019', '2020', '2021', '2022', '2023', '2024']);
    expect(labels('2015', '2024', 380)).toEqual(['2016', '2018', '2020', '2022', '2024']);
    expect(labels('2021', '2024', 820)).toEqual(['2021', '2022', '2023', '2024']);
  });

  it('gives one tick for a single period', () => {
    expect(labels('2019-01', '2019-01', 820)).toEqual(['jan.\n2019']);
    expect(labels('2022', '2022', 380)).toEqual(['2022']);
    // Room for one label only: the one month of the period on the calendar step that fits.
    expect(labels('2023-02', '2023-03', 40)).toEqual(['mar.\n2023']);
  });
});

describe('count axis ticks', () => {
  const range = (count: number, lo: number, hi: number) => {
    const i = wholeTicks(count);
    return i.range(lo, i.offset(i.floor(hi)));
  };
  it('has whole numbers only on a small scale', () => {
    expect(range(8, 0, 2)).toEqual([0, 1, 2]);
    expect(range(8, 0, 1)).toEqual([0, 1]);
    expect(range(8, -13, 0)).toEqual([-12, -10, -8, -6, -4, -2, 0]);
  });
  it('keeps D3’s round steps on a large scale', () => {
    expect(range(6, 0, 1508)).toEqual([0, 200, 400, 600, 800, 1000, 1200, 1400]);
  });
});
