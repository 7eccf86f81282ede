import { environmentAccess, projectAccess } from './access.ts';
import { audit } from './audit.ts';
import { now, type Deps, type OrgAccess } from './deps.ts';
import { notFound } from './errors.ts';

export interface Deployment {
  environment: string;
  project: string;
  projectName: string;
  revision: string;
  seq: number;
  deployedBy: string;
  deployedAt: string;
}

/** Makes a revision of a project the live one in an environment (needs that environment's write role). */
export async function deploy(deps: Deps, access: OrgAccess, environment: string, projectId: string, revisionId: string): Promise<Deployment> {
  const { project } = await projectAccess(deps, access, projectId, 'read');
  const env = await environmentAccess(deps, access, environment, 'write');
  const revision = await deps.db.get<{ seq: number | string }>('SELECT seq FROM revisions WHERE id = ? AND project_id = ?', [revisionId, project.id]);
  if (!revision) throw notFound(`revision "${revisionId}"`);
  const deployment: Deployment = {
    environment: env.name,
    project: project.id,
    projectName: project.name,
    revision: revisionId,
    seq: Number(revision.seq),
    deployedBy: access.actor.name,
    deployedAt: now(),
  };
  await deps.db.transaction(async (tx) => {
    await tx.run(
      `INSERT INTO deployments (environment_id, project_id, revision_id, deployed_by, deployed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (environment_id, project_id) DO UPDATE SET revision_id = excluded.revision_id, deployed_by = excluded.deployed_by, deployed_at = excluded.deployed_at`,
      [env.id, project.id, revisionId, access.actor.userId, deployment.deployedAt],
    );
    await audit(tx, access.actor, access.org.id, 'deployment.set', `environment:${env.name}`, { project: project.id, revision: revisionId });
  });
  return deployment;
}

/** What is live in an environment, one revision per project. */
export async function listDeployments(deps: Deps, access: OrgAccess, environment: string): Promise<Deployment[]> {
  const env = await environmentAccess(deps, access, environment, 'read');
  const rows = await deps.db.all<{ project_id: string; name: string; revision_id: string; seq: number | string; deployed_by: string; deployed_at: string }>(
    `SELECT d.project_id, p.name, d.revision_id, r.seq, u.name AS deployed_by, d.deployed_at
       FROM deployments d JOIN projects p ON p.id = d.project_id JOIN revisions r ON r.id = d.revision_id JOIN users u ON u.id = d.deployed_by
      WHERE d.environment_id = ? ORDER BY p.name, p.id`,
    [env.id],
  );
  return rows.map((r) => ({
    environment: env.name,
    project: r.project_id,
    projectName: r.name,
    revision: r.revision_id,
    seq: Number(r.seq),
    deployedBy: r.deployed_by,
    deployedAt: r.deployed_at,
  }));
}
