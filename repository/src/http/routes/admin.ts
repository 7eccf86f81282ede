import { z } from 'zod';
import { orgAccess, requireRole, requireServerAdmin } from '../../domain/access.ts';
import { listAudit } from '../../domain/audit.ts';
import type { Deps } from '../../domain/deps.ts';
import { listMembers, removeMember, setMember } from '../../domain/members.ts';
import { createOrganisation, describeOrganisation, listOrganisations } from '../../domain/organisations.ts';
import { issueOwnToken, issueTokenFor, listOwnTokens, revokeToken } from '../../domain/tokens.ts';
import { createUser, describeMe, listUsers } from '../../domain/users.ts';
import { created, noContent, ok, route, type Route } from '../route.ts';
import * as s from '../schemas.ts';

/** Organisations, users, tokens, memberships and the audit log. */
export function adminRoutes(deps: Deps): Route[] {
  return [
    route({
      method: 'GET', path: '/me', operationId: 'getMe', tag: 'users', access: 'any token',
      summary: 'The caller and their memberships',
      responses: { 200: { description: 'the caller', schema: s.meOut } },
      handle: async ({ actor }) => ok(await describeMe(deps, actor)),
    }),
    route({
      method: 'POST', path: '/users', operationId: 'createUser', tag: 'users', access: 'server admin',
      summary: 'Create a user (give them a token with POST /users/{user}/tokens and a membership)',
      body: s.createUserBody, errors: ['ALREADY_EXISTS'],
      responses: { 201: { description: 'the new user', schema: s.userOut } },
      handle: async ({ actor, body }) => created(await createUser(deps, actor, body)),
    }),
    route({
      method: 'GET', path: '/users', operationId: 'listUsers', tag: 'users', access: 'server admin',
      summary: 'List users, by name', query: s.pageQuery,
      responses: { 200: { description: 'a page of users', schema: s.pages.users } },
      handle: async ({ actor, query }) => ok(await listUsers(deps, actor, query)),
    }),
    route({
      method: 'POST', path: '/users/{user}/tokens', operationId: 'issueToken', tag: 'tokens', access: 'server admin',
      summary: "Issue a token for a user; the token is in this response only", params: z.strictObject({ user: s.userName }), body: s.createTokenBody,
      responses: { 201: { description: 'the token, shown once', schema: s.issuedTokenOut } },
      handle: async ({ actor, params, body }) => created(await issueTokenFor(deps, actor, params.user, body.name)),
    }),
    route({
      method: 'POST', path: '/tokens', operationId: 'createToken', tag: 'tokens', access: 'any token',
      summary: 'Create another token for yourself; the token is in this response only', body: s.createTokenBody,
      responses: { 201: { description: 'the token, shown once', schema: s.issuedTokenOut } },
      handle: async ({ actor, body }) => created(await issueOwnToken(deps, actor, body.name)),
    }),
    route({
      method: 'GET', path: '/tokens', operationId: 'listTokens', tag: 'tokens', access: 'any token',
      summary: 'Your tokens (never the token values)',
      responses: { 200: { description: 'your tokens', schema: z.array(s.tokenOut) } },
      handle: async ({ actor }) => ok(await listOwnTokens(deps, actor)),
    }),
    route({
      method: 'DELETE', path: '/tokens/{token}', operationId: 'revokeToken', tag: 'tokens', access: 'the token\'s owner, server admin',
      summary: 'Revoke a token; it stops working at once', params: z.strictObject({ token: s.id }),
      responses: { 204: { description: 'revoked' } },
      handle: async ({ actor, params }) => (await revokeToken(deps, actor, params.token), noContent()),
    }),
    route({
      method: 'GET', path: '/audit', operationId: 'listServerAudit', tag: 'audit', access: 'server admin',
      summary: 'Server-level audit entries (users, tokens), newest first', query: s.pageQuery,
      responses: { 200: { description: 'a page of entries', schema: s.pages.audit } },
      handle: async ({ actor, query }) => (requireServerAdmin(actor), ok(await listAudit(deps, null, query))),
    }),
    route({
      method: 'POST', path: '/orgs', operationId: 'createOrganisation', tag: 'organisations', access: 'server admin',
      summary: 'Create an organisation with environments Development and Production; you become its admin',
      body: s.createOrganisationBody, errors: ['ALREADY_EXISTS'],
      responses: { 201: { description: 'the organisation', schema: s.organisationOut } },
      handle: async ({ actor, body }) => created(await createOrganisation(deps, actor, body.name)),
    }),
    route({
      method: 'GET', path: '/orgs', operationId: 'listOrganisations', tag: 'organisations', access: 'any token',
      summary: 'The organisations you are a member of',
      responses: { 200: { description: 'your organisations', schema: z.array(s.organisationOut) } },
      handle: async ({ actor }) => ok(await listOrganisations(deps, actor)),
    }),
    route({
      method: 'GET', path: '/orgs/{org}', operationId: 'getOrganisation', tag: 'organisations', access: 'member',
      summary: 'An organisation and your role in it', params: s.orgParams,
      responses: { 200: { description: 'the organisation', schema: s.organisationOut } },
      handle: async ({ actor, params }) => ok(describeOrganisation(await orgAccess(deps, actor, params.org))),
    }),
    route({
      method: 'GET', path: '/orgs/{org}/members', operationId: 'listMembers', tag: 'organisations', access: 'admin',
      summary: 'Members and their roles', params: s.orgParams,
      responses: { 200: { description: 'the members', schema: z.array(s.memberOut) } },
      handle: async ({ actor, params }) => ok(await listMembers(deps, await orgAccess(deps, actor, params.org))),
    }),
    route({
      method: 'PUT', path: '/orgs/{org}/members/{user}', operationId: 'setMember', tag: 'organisations', access: 'admin',
      summary: 'Add a user to the organisation or change their role', params: z.strictObject({ org: s.orgName, user: s.userName }), body: s.setMemberBody,
      errors: ['LAST_ADMIN'],
      responses: { 200: { description: 'the membership', schema: s.memberOut } },
      handle: async ({ actor, params, body }) => ok(await setMember(deps, await orgAccess(deps, actor, params.org), params.user, body.role)),
    }),
    route({
      method: 'DELETE', path: '/orgs/{org}/members/{user}', operationId: 'removeMember', tag: 'organisations', access: 'admin',
      summary: 'Remove a member', params: z.strictObject({ org: s.orgName, user: s.userName }), errors: ['LAST_ADMIN'],
      responses: { 204: { description: 'removed' } },
      handle: async ({ actor, params }) => (await removeMember(deps, await orgAccess(deps, actor, params.org), params.user), noContent()),
    }),
    route({
      method: 'GET', path: '/orgs/{org}/audit', operationId: 'listAudit', tag: 'audit', access: 'admin',
      summary: "The organisation's audit log, newest first", params: s.orgParams, query: s.pageQuery,
      responses: { 200: { description: 'a page of entries', schema: s.pages.audit } },
      handle: async ({ actor, params, query }) => {
        const access = await orgAccess(deps, actor, params.org);
        requireRole(access, 'admin');
        return ok(await listAudit(deps, access.org.id, query));
      },
    }),
  ];
}
