import { z } from 'zod';
import { orgAccess } from '../../domain/access.ts';
import { deploy, listDeployments } from '../../domain/deployments.ts';
import type { Deps } from '../../domain/deps.ts';
import { createEnvironment, listEnvironments } from '../../domain/environments.ts';
import { createProject, getProject, listProjects } from '../../domain/projects.ts';
import { createRevision, getChanges, getRevision, listRevisions } from '../../domain/revisions.ts';
import { created, ok, route, type Route } from '../route.ts';
import * as s from '../schemas.ts';

const environmentParams = z.strictObject({ org: s.orgName, environment: s.environmentName });

/** Environments, projects, revisions and deployments. */
export function projectRoutes(deps: Deps): Route[] {
  return [
    route({
      method: 'GET', path: '/orgs/{org}/environments', operationId: 'listEnvironments', tag: 'environments', access: 'member',
      summary: 'The environments you may read', params: s.orgParams,
      responses: { 200: { description: 'environments', schema: z.array(s.environmentOut) } },
      handle: async ({ actor, params }) => ok(await listEnvironments(deps, await orgAccess(deps, actor, params.org))),
    }),
    route({
      method: 'POST', path: '/orgs/{org}/environments', operationId: 'createEnvironment', tag: 'environments', access: 'admin',
      summary: 'Create an environment with its access levels', params: s.orgParams, body: s.createEnvironmentBody, errors: ['ALREADY_EXISTS'],
      responses: { 201: { description: 'the environment', schema: s.environmentOut } },
      handle: async ({ actor, params, body }) => created(await createEnvironment(deps, await orgAccess(deps, actor, params.org), body)),
    }),
    route({
      method: 'GET', path: '/orgs/{org}/projects', operationId: 'listProjects', tag: 'projects', access: 'member (environment read role)',
      summary: 'Projects by name, in environments you may read',
      params: s.orgParams,
      query: s.pageQuery.extend({ environment: s.environmentName.optional(), name: s.projectName.optional() }),
      responses: { 200: { description: 'a page of projects', schema: s.pages.projects } },
      handle: async ({ actor, params, query }) => {
        const { environment, name, ...page } = query;
        return ok(await listProjects(deps, await orgAccess(deps, actor, params.org), { environment, name }, page));
      },
    }),
    route({
      method: 'POST', path: '/orgs/{org}/projects', operationId: 'createProject', tag: 'projects', access: 'environment write role',
      summary: 'Create an empty project in an environment', params: s.orgParams, body: s.createProjectBody, errors: ['ALREADY_EXISTS'],
      responses: { 201: { description: 'the project', schema: s.projectOut } },
      handle: async ({ actor, params, body }) => created(await createProject(deps, await orgAccess(deps, actor, params.org), body)),
    }),
    route({
      method: 'GET', path: '/orgs/{org}/projects/{project}', operationId: 'getProject', tag: 'projects', access: 'environment read role',
      summary: 'A project and its head revision', params: s.projectParams,
      responses: { 200: { description: 'the project', schema: s.projectOut } },
      handle: async ({ actor, params }) => ok(await getProject(deps, await orgAccess(deps, actor, params.org), params.project)),
    }),
    route({
      method: 'GET', path: '/orgs/{org}/projects/{project}/revisions', operationId: 'listRevisions', tag: 'revisions', access: 'environment read role',
      summary: 'Revisions, newest first', params: s.projectParams, query: s.pageQuery,
      responses: { 200: { description: 'a page of revisions', schema: s.pages.revisions } },
      handle: async ({ actor, params, query }) => ok(await listRevisions(deps, await orgAccess(deps, actor, params.org), params.project, query)),
    }),
    route({
      method: 'POST', path: '/orgs/{org}/projects/{project}/revisions', operationId: 'createRevision', tag: 'revisions', access: 'environment write role',
      summary: 'Push a revision on top of the head, as its manifest or as changes to its parent; upload its contents first (see /blobs/missing)',
      params: s.projectParams, body: s.createRevisionBody, errors: ['HEAD_MOVED', 'BLOBS_MISSING'],
      responses: { 201: { description: 'the new revision, without its manifest (409 HEAD_MOVED carries `head` when `parent` is not the head)', schema: s.revisionOut } },
      handle: async ({ actor, params, body }) => {
        const { parent, message, manifest, changes } = body;
        const access = await orgAccess(deps, actor, params.org);
        return created(await createRevision(deps, access, params.project, changes ? { parent, message, changes } : { parent, message, manifest: manifest! }));
      },
    }),
    route({
      method: 'GET', path: '/orgs/{org}/projects/{project}/revisions/{revision}', operationId: 'getRevision', tag: 'revisions', access: 'environment read role',
      summary: 'A revision with its manifest', params: s.projectParams.extend({ revision: s.id }),
      responses: { 200: { description: 'the revision', schema: s.revisionWithManifestOut } },
      handle: async ({ actor, params }) => ok(await getRevision(deps, await orgAccess(deps, actor, params.org), params.project, params.revision)),
    }),
    route({
      method: 'GET', path: '/orgs/{org}/projects/{project}/revisions/{revision}/changes', operationId: 'getRevisionChanges', tag: 'revisions', access: 'environment read role',
      summary: 'What changed from revision `since` (a client\'s base) to this one: what a pull needs instead of the whole manifest',
      params: s.projectParams.extend({ revision: s.id }), query: s.changesQuery,
      responses: { 200: { description: 'the changes', schema: s.manifestChangesOut } },
      handle: async ({ actor, params, query }) => ok(await getChanges(deps, await orgAccess(deps, actor, params.org), params.project, params.revision, query.since)),
    }),
    route({
      method: 'GET', path: '/orgs/{org}/environments/{environment}/deployments', operationId: 'listDeployments', tag: 'deployments', access: 'environment read role',
      summary: 'The revision live in the environment, per project', params: environmentParams,
      responses: { 200: { description: 'deployments', schema: z.array(s.deploymentOut) } },
      handle: async ({ actor, params }) => ok(await listDeployments(deps, await orgAccess(deps, actor, params.org), params.environment)),
    }),
    route({
      method: 'PUT', path: '/orgs/{org}/environments/{environment}/deployments/{project}', operationId: 'deploy', tag: 'deployments', access: 'environment write role',
      summary: 'Make a revision of a project the live one in the environment',
      params: environmentParams.extend({ project: s.id }), body: s.deployBody,
      responses: { 200: { description: 'the deployment', schema: s.deploymentOut } },
      handle: async ({ actor, params, body }) => ok(await deploy(deps, await orgAccess(deps, actor, params.org), params.environment, params.project, body.revision)),
    }),
  ];
}
