import { useEffect, useState, type FormEvent } from 'react';
import type { RecentProject } from '../../../preload/contract.ts';
import { useStudio, useStudioContext } from './studio-context.ts';

type Template = { id: string; name: string; description?: string };

/**
 * Recent projects, a new project from a template, or a folder to open. The browser host
 * cannot show a native folder dialog, so the designer types the path and the host checks it.
 */
export function Welcome() {
  const { client, store } = useStudioContext();
  const openError = useStudio((s) => s.openError);
  const [recent, setRecent] = useState<RecentProject[]>([]);
  const [templates, setTemplates] = useState<Template[]>([]);
  const [template, setTemplate] = useState('');
  const [name, setName] = useState('');
  const [newFolder, setNewFolder] = useState('');
  const [openFolder, setOpenFolder] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void client.api.projects.listRecent({}).then(setRecent);
    void client.api.projects.listTemplates({}).then((list) => {
      setTemplates(list);
      setTemplate((t) => t || list[0]?.id || '');
    });
  }, [client]);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const create = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const { folder } = await client.api.dialogs.chooseFolder({ purpose: 'create', typed: newFolder });
      if (folder) await store.getState().createProject({ template: template || undefined, folder, name });
    });
  };
  const open = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const { folder } = await client.api.dialogs.chooseFolder({ purpose: 'open', typed: openFolder });
      if (folder) await store.getState().openProject(folder);
    });
  };

  return (
    <main className="welcome">
      <h1>Chorus Studio</h1>
      {(error || openError) && (
        <p role="alert" className="error">
          {error ?? openError}
        </p>
      )}
      <div className="welcome-columns">
        <section aria-labelledby="new-heading">
          <h2 id="new-heading">New project</h2>
          <form onSubmit={create}>
            <label>
              Template
              <select value={template} onChange={(e) => setTemplate(e.target.value)}>
                <option value="">Empty project</option>
                {templates.map((t) => (
                  <option key={t.id} value={t.id} title={t.description}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Name
              <input value={name} onChange={(e) => setName(e.target.value)} required />
            </label>
            <label>
              Folder
              <input value={newFolder} onChange={(e) => setNewFolder(e.target.value)} placeholder="/home/me/projects/orders" required />
            </label>
            <button type="submit" disabled={busy}>
              Create project
            </button>
          </form>
        </section>
        <section aria-labelledby="open-heading">
          <h2 id="open-heading">Open folder</h2>
          <form onSubmit={open}>
            <label>
              Project folder
              <input value={openFolder} onChange={(e) => setOpenFolder(e.target.value)} required />
            </label>
            <button type="submit" disabled={busy}>
              Open
            </button>
          </form>
          <h2>Recent projects</h2>
          {recent.length === 0 ? (
            <p className="muted">None yet.</p>
          ) : (
            <ul className="recent" aria-label="Recent projects">
              {recent.map((r) => (
                <li key={r.folder}>
                  <button className="link" onClick={() => void act(async () => void (await store.getState().openProject(r.folder)))}>
                    {r.name}
                  </button>
                  <span className="muted">{r.folder}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </main>
  );
}
