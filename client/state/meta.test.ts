import { describe, expect, it } from 'vitest';
import type { Meta } from '../api/schemas.ts';
import { metaChange } from './meta.ts';

const meta = (m: Partial<Meta>) => ({ cacheVersion: 'c1', dataVersion: 7, notebooks: false, ...m }) as unknown as Meta;

describe('metaChange', () => {
  it('sees notebooks built (or gone) while the data stayed the same', () => {
    expect(metaChange(meta({}), meta({ notebooks: true }))).toEqual({ data: false, notebooks: true });
    expect(metaChange(meta({ notebooks: true }), meta({}))).toEqual({ data: false, notebooks: true });
  });

  it('sees new data by either version, and nothing when neither moved', () => {
    expect(metaChange(meta({}), meta({}))).toEqual({ data: false, notebooks: false });
    expect(metaChange(meta({}), meta({ cacheVersion: 'c2' }))).toEqual({ data: true, notebooks: false });
    expect(metaChange(meta({}), meta({ dataVersion: 8 }))).toEqual({ data: true, notebooks: false });
    expect(metaChange(undefined, meta({}))).toMatchObject({ data: true });
  });
});
