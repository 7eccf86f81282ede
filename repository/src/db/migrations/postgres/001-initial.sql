-- The repository schema, PostgreSQL dialect. Keep in step with ../sqlite/001-initial.sql:
-- same tables, columns and constraints; only the column types differ.

CREATE TABLE organisations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  -- The organisation's data key, AES-256-GCM wrapped by the server master key.
  wrapped_key BYTEA NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  -- Server administrators create organisations and users; they get no access to an
  -- organisation's content without a membership.
  server_admin INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  -- SHA-256 of the token, hex; the token itself is shown once and never stored.
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE memberships (
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  role TEXT NOT NULL CHECK (role IN ('admin', 'designer', 'viewer')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE environments (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  name TEXT NOT NULL,
  -- The least role that sees the environment's projects, and that may change them.
  read_role TEXT NOT NULL CHECK (read_role IN ('admin', 'designer', 'viewer')),
  write_role TEXT NOT NULL CHECK (write_role IN ('admin', 'designer', 'viewer')),
  created_at TEXT NOT NULL,
  UNIQUE (organisation_id, name)
);

CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  environment_id TEXT NOT NULL REFERENCES environments (id),
  name TEXT NOT NULL,
  -- The head: a new revision is accepted only when its parent is this one (compare-and-set on head_seq).
  head_revision_id TEXT,
  head_seq INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  UNIQUE (environment_id, name)
);
CREATE INDEX projects_organisation ON projects (organisation_id, name);

CREATE TABLE revisions (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id),
  -- 1, 2, 3... per project: orders the history and pages through it.
  seq INTEGER NOT NULL,
  parent_id TEXT REFERENCES revisions (id),
  author_id TEXT NOT NULL REFERENCES users (id),
  message TEXT NOT NULL,
  -- JSON {path: sha256}, encrypted like blobs (paths name components).
  manifest BYTEA NOT NULL,
  component_count INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (project_id, seq)
);

CREATE TABLE blobs (
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  -- SHA-256 of the plaintext, hex.
  hash TEXT NOT NULL,
  size INTEGER NOT NULL,
  -- AES-256-GCM under the organisation key: version, nonce, ciphertext, tag.
  content BYTEA NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (organisation_id, hash)
);

CREATE TABLE deployments (
  environment_id TEXT NOT NULL REFERENCES environments (id),
  project_id TEXT NOT NULL REFERENCES projects (id),
  revision_id TEXT NOT NULL REFERENCES revisions (id),
  deployed_by TEXT NOT NULL REFERENCES users (id),
  deployed_at TEXT NOT NULL,
  PRIMARY KEY (environment_id, project_id)
);

CREATE TABLE audit_log (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Null for server-level actions (creating a user).
  organisation_id TEXT REFERENCES organisations (id),
  actor_id TEXT,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  details TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX audit_log_organisation ON audit_log (organisation_id, id);
