import { describe, expect, it } from 'vitest';
import { putComponent } from '../store/components.ts';
import { updateComponent } from '../store/document-commands.ts';
import { createStudioStore } from '../store/studio-store.ts';
import { fakeHost, sampleProject } from '../store/test-support.ts';
import { removeSecret, secretIsSet, storeSecret } from './secret-value.ts';

describe('secret variables', () => {
  it('saves the variable as secret before its value goes to the vault, and only learns whether it is set', async () => {
    const host = fakeHost(putComponent(sampleProject(), 'variables', 'token', { id: 'token', name: 'token', type: 'string', default: 'x' }));
    const store = createStudioStore(host.client, { autosaveMs: 60_000 });
    await store.getState().openProject('/p');
    store.getState().dispatch(updateComponent, { kind: 'variables', doc: { id: 'token', name: 'token', type: 'string', secret: true } });
    expect(await secretIsSet(host.client, store, 'token')).toBe(false);
    expect(host.disk.variables[0]).toMatchObject({ secret: true });
    expect(host.disk.variables[0].default).toBeUndefined();

    expect(await storeSecret(host.client, store, 'token', 's3cret')).toBe(true);
    expect(host.vault.get('token')).toBe('s3cret');
    expect(JSON.stringify(store.getState())).not.toContain('s3cret');
    expect(await removeSecret(host.client, store, 'token')).toBe(false);
  });
});
