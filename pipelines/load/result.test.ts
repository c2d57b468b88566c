import { describe, expect, it } from 'vitest';
import { AsOfText } from './result.ts';

describe('AsOfText (usk ingest --as-of, the upload form)', () => {
  it('takes the forms the columns take, the Norwegian time too, and nothing else', () => {
    for (const ok of ['2024-03-05', '2024-03-05 07:15', '2024-03-05T07:15:30', '05.03.2024', '5.3.2024 07:15', '05.03.2024 07.15', '05.03.2024 kl. 07.15', '05.03.2024, kl 7:15', '05.03.2024 KL. 07.15']) {
      expect(AsOfText.safeParse(ok).success, ok).toBe(true);
    }
    for (const bad of ['2023/01/10', 'i går', '05.03.24', '05.03.2024 07', '05.03.2024 kl.', '05.03.2024 07.15.30', '2024-03-05 7.15.00']) {
      expect(AsOfText.safeParse(bad).success, bad).toBe(false);
    }
  });
});
