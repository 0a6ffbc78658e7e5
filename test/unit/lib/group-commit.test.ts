import { createGroupCommit } from '../../../src/lib/group-commit';

describe('createGroupCommit', () => {
  it('writes a lone call at once and groups the calls made while a flush runs', async () => {
    const batches: number[][] = [];
    let release: (() => void) | null = null;
    const write = createGroupCommit<number>(
      async (items) => {
        batches.push([...items]);
        if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      },
      { maxBatch: 3 },
    );
    const first = write(1);
    const later = [write(2), write(3), write(4), write(5)];
    expect(batches).toEqual([[1]]);
    release!();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('rejects exactly the calls of a failed flush and goes on with the next', async () => {
    let calls = 0;
    const write = createGroupCommit<string>(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database down');
      },
      { maxBatch: 10 },
    );
    const failed = write('a');
    const next = write('b');
    await expect(failed).rejects.toThrow('database down');
    await expect(next).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });

  it('hands each call its own result when the flush returns one per item (a group read)', async () => {
    const batches: number[][] = [];
    let release: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const read = createGroupCommit<number, string | null>(
      async (ids) => {
        batches.push([...ids]);
        if (batches.length === 1) await gate;
        return ids.map((id) => (id % 2 === 0 ? `row ${id}` : null));
      },
      { maxBatch: 10 },
    );
    const first = read(1);
    const later = [read(2), read(3), read(4)];
    release!();
    expect(await first).toBeNull();
    expect(await Promise.all(later)).toEqual(['row 2', null, 'row 4']);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });
});
