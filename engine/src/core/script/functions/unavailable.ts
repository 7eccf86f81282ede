/**
 * Functions of the Database, Email, LDAP, Salesforce, NetSuite and Diff categories. Except
 * SQLEscape they need a connection this engine does not provide yet, so they are metadata
 * only: completion, hover and the reference show them, and calls fail with
 * SCRIPT_NEEDS_CAPABILITY ("<Name> needs <what>").
 */
import { bool, opt, str } from './args.ts';
import type { Category, FunctionSpec, Param, ParamType, Signature } from './types.ts';

/**
 * A signature in the reference's notation: `"string dbRef, string sql, string? keys, type... args"`
 * (`?` marks an optional parameter, `=value` its default, `...` a repeated last parameter).
 */
function sig(params: string, returns: ParamType): Signature {
  return { params: params === '' ? [] : params.split(',').map((p) => param(p.trim())), returns };
}

function param(text: string): Param {
  const m = /^(\w+)(\?|\.\.\.)? (\w+)(?:=(.+))?$/.exec(text);
  if (!m) throw new Error(`bad parameter notation "${text}"`);
  const [, type, mark, name, defaultValue] = m;
  return {
    name,
    type: type as ParamType,
    ...(mark || defaultValue !== undefined ? { optional: true } : {}),
    ...(mark === '...' ? { rest: true } : {}),
    ...(defaultValue !== undefined ? { default: defaultValue } : {}),
  };
}

const NEEDS: Partial<Record<Category, string>> = {
  database: 'a database connection',
  email: 'an email (SMTP) connection',
  ldap: 'an LDAP connection',
  salesforce: 'a Salesforce connection',
  netsuite: 'a NetSuite connection',
  diff: 'diff storage',
};
/** Mapping-only functions of these categories act on the target being built. */
const MAPPING = 'a transformation context';

/** One unavailable function: its signatures, what it does, one example call. */
function needing(category: Category, name: string, summary: string, signatures: Signature[], example: string, needs = NEEDS[category]): FunctionSpec {
  return { name, category, summary, signatures, examples: [{ code: example, error: 'SCRIPT_NEEDS_CAPABILITY' }], needs };
}

const DB = '"<TAG>endpoint:database/Orders DB</TAG>"';
const SF = '"<TAG>endpoint:salesforce/Salesforce Org</TAG>"';
const NS = '"<TAG>endpoint:netsuite/NetSuite Account</TAG>"';

const database: FunctionSpec[] = [
  needing(
    'database',
    'CallStoredProcedure',
    'Calls a stored procedure; resultSet receives the rows as a 2-D array of strings, further arguments are inputs or ($name) outputs. Returns the return value.',
    [sig('string dbRef, string spName, type resultSet, type... arg', 'type')],
    `CallStoredProcedure(${DB}, "update_totals", $rows, 2024)`,
  ),
  needing('database', 'DBCloseConnection', 'Commits the current transaction and closes the connection.', [sig('string dbRef', 'void')], `DBCloseConnection(${DB})`),
  needing(
    'database',
    'DBExecute',
    'Runs SQL: returns every row as an array of row arrays, or with variable names writes the first row into those globals and returns 1 (0 when no row).',
    [sig('string dbRef, string sql', 'array'), sig('string dbRef, string sql, string outVar1, string... outVar', 'int')],
    `DBExecute(${DB}, "SELECT id, name FROM customers")`,
  ),
  needing(
    'database',
    'DBLoad',
    'Bulk-loads one CSV file of a source activity into a table; mode 1 inserts or updates, 2 inserts only, 3 updates only (key columns required unless 2).',
    [sig('string sourceRef, string dbRef, int mode, string tableName, string columnNames, string? keyColumnNames, int? skipLines, string? dateFormat, string? dateTimeFormat', 'void')],
    `DBLoad("<TAG>activity:file/Inbox/file_read/Customers</TAG>", ${DB}, 2, "customers", "id,name")`,
  ),
  needing(
    'database',
    'DBWrite',
    'Same as DBLoad.',
    [sig('string sourceRef, string dbRef, int mode, string tableName, string columnNames, string? keyColumnNames, int? skipLines, string? dateFormat, string? dateTimeFormat', 'void')],
    `DBWrite("<TAG>activity:file/Inbox/file_read/Customers</TAG>", ${DB}, 2, "customers", "id,name")`,
  ),
  needing('database', 'DBLookup', 'The first column of the first row a query returns, as a string; null when no row.', [sig('string dbRef, string sql', 'string')], `DBLookup(${DB}, "SELECT name FROM customers WHERE id = 7")`),
  needing(
    'database',
    'CacheLookup',
    'As DBLookup, but the result for the same connection and SQL is kept for the rest of the run.',
    [sig('string dbRef, string sql', 'string')],
    `CacheLookup(${DB}, "SELECT rate FROM vat WHERE country = 'FR'")`,
  ),
  needing('database', 'DBLookupAll', 'Every row a query returns, as a 2-D array of strings; an empty array when none.', [sig('string dbRef, string sql', 'array')], `DBLookupAll(${DB}, "SELECT id, name FROM customers")`),
  needing('database', 'DBRollbackTransaction', 'Rolls back the current transaction and closes the connection.', [sig('string dbRef', 'void')], `DBRollbackTransaction(${DB})`),
  needing('database', 'SetDBInsert', 'In a mapping to a database target, makes the current record an insert.', [sig('', 'null')], 'SetDBInsert()', MAPPING),
  needing('database', 'SetDBUpdate', 'In a mapping to a database target, makes the current record an update.', [sig('', 'null')], 'SetDBUpdate()', MAPPING),
  needing('database', 'Unmap', 'In a mapping to a database target, treats the current field as not mapped.', [sig('', 'null')], 'Unmap()', MAPPING),
  {
    name: 'SQLEscape',
    category: 'database',
    summary: 'Doubles every single quote, so text can sit between quotes in SQL; with escapeBackslash true, doubles backslashes too.',
    signatures: [sig('string unescapedSQL, bool escapeBackslash=false', 'string')],
    examples: [
      { code: 'SQLEscape("O\'Brien")', result: { type: 'string', value: "O''Brien" } },
      { code: 'SQLEscape("C:\\\\temp\'s", true)', result: { type: 'string', value: "C:\\\\temp''s" } },
      { code: 'SQLEscape("C:\\\\temp")', result: { type: 'string', value: 'C:\\temp' } },
    ],
    impl(args) {
      const quoted = str(args, 0).replace(/'/g, "''");
      return opt(args, 1, bool, false) ? quoted.replace(/\\/g, '\\\\') : quoted;
    },
  },
];

const email: FunctionSpec[] = [
  needing(
    'email',
    'SendEmail',
    'Sends a message (recipients comma-separated); settings left out come from the agent. Returns "" on success, else the error text.',
    [sig('string from, string to, string subject, string message, string? smtpServers, string? account, string? accountPassword, string? cc, string? bcc, string? replyTo, bool? useSSL', 'string')],
    'SendEmail("ops@example.com", "team@example.com", "Load done", "All orders loaded")',
  ),
  needing('email', 'SendEmailMessage', 'Sends a predefined email notification ([var] placeholders filled). Returns "" on success, else the error text.', [sig('string notificationRef', 'string')], 'SendEmailMessage("<TAG>notification:Load Failed</TAG>")'),
  needing('email', 'SendSystemEmail', "Sends a message with the agent's sender and SMTP settings. Returns \"\" on success, else the error text.", [sig('string to, string subject, string message', 'string')], 'SendSystemEmail("team@example.com", "Load done", "All orders loaded")'),
];

const ldap: FunctionSpec[] = [
  needing(
    'ldap',
    'LDAPConnect',
    'Opens the connection the other LDAP functions use; mode 0 plain, 1 LDAPS, 2 StartTLS; port 389 (636 with SSL) by default.',
    [sig('string hostname, string user, string password, int? mode, int? port', 'bool')],
    'LDAPConnect("ldap.example.com", "cn=admin,dc=example,dc=com", $ldapPassword)',
  ),
  needing('ldap', 'LDAPAdd', 'Queues adding a value to an attribute of the entry LDAPExecute names.', [sig('string attrType, string value', 'bool')], 'LDAPAdd("mail", "ann@example.com")'),
  needing('ldap', 'LDAPReplace', "Queues replacing an attribute's value.", [sig('string attrType, string value', 'bool')], 'LDAPReplace("title", "Manager")'),
  needing('ldap', 'LDAPRemove', 'Queues removing a value of an attribute.', [sig('string attrType, string value', 'bool')], 'LDAPRemove("mail", "old@example.com")'),
  needing('ldap', 'LDAPExecute', 'Applies the queued changes to an entry.', [sig('string distinguishedName', 'bool')], 'LDAPExecute("uid=ann,ou=people,dc=example,dc=com")'),
  needing('ldap', 'LDAPDeleteEntry', 'Deletes an entry.', [sig('string distinguishedName', 'bool')], 'LDAPDeleteEntry("uid=ann,ou=people,dc=example,dc=com")'),
  needing(
    'ldap',
    'LDAPRename',
    'Renames or moves an entry.',
    [sig('string distinguishedName, string newRDN, string newParent="", bool deleteOldRDN=false', 'bool')],
    'LDAPRename("uid=ann,ou=people,dc=example,dc=com", "uid=anne")',
  ),
  needing(
    'ldap',
    'LDAPSearch',
    'Searches under path with an LDAP filter and returns the requested attributes; detail selects plain values or XML with DNs.',
    [sig('string path, string filter, int detail, string attribute1, string... attribute', 'string')],
    'LDAPSearch("ou=people,dc=example,dc=com", "(uid=ann)", 0, "mail")',
  ),
  needing('ldap', 'ArrayToMultipleValues', 'In a mapping to an LDAP target, gives an array as the values of a multi-valued attribute.', [sig('array arr', 'string')], 'ArrayToMultipleValues({"a@example.com", "b@example.com"})', MAPPING),
];

const salesforce: FunctionSpec[] = [
  needing('salesforce', 'SalesforceLogin', "Logs in with the connection's credentials and sets $Salesforce.SessionID and $Salesforce.ServerURL.", [sig('string sfRef', 'bool')], `SalesforceLogin(${SF})`),
  needing(
    'salesforce',
    'SetSalesforceSession',
    'Uses an existing session instead of logging in.',
    [sig('string sfRef, string sessionId, string serverURL', 'void')],
    `SetSalesforceSession(${SF}, $sessionId, "https://example.my.salesforce.com")`,
  ),
  needing(
    'salesforce',
    'GetSalesforceTimestamp',
    'The Salesforce server time as yyyy-mm-dd HH:MM:SS, in the org time zone or the one given.',
    [sig('string url, string sessionId, string? timeZoneId', 'string')],
    'GetSalesforceTimestamp($Salesforce.ServerURL, $Salesforce.SessionID)',
  ),
  needing('salesforce', 'LoginToSalesforceAndGetTimeStamp', 'Logs in and returns the server time, in one call.', [sig('string sfRef, string? timeZoneId', 'string')], `LoginToSalesforceAndGetTimeStamp(${SF}, "UTC")`),
  needing('salesforce', 'SfLookup', 'The first field of the first record a SOQL query returns; null when none.', [sig('string sfRef, string soql', 'string')], `SfLookup(${SF}, "SELECT Id FROM Account WHERE Name = 'Acme'")`),
  needing('salesforce', 'SfCacheLookup', 'As SfLookup, with the result kept per connection and query for the run.', [sig('string sfRef, string soql', 'string')], `SfCacheLookup(${SF}, "SELECT Id FROM User WHERE Alias = 'ann'")`),
  needing('salesforce', 'SfLookupAll', 'Every record a SOQL query returns, as a 2-D array (fields by index or name).', [sig('string sfRef, string soql', 'array')], `SfLookupAll(${SF}, "SELECT Id, Name FROM Account")`),
  needing(
    'salesforce',
    'SfLookupAllToFile',
    'Writes the records of a SOQL query as CSV to a file target and returns how many.',
    [sig('string sfRef, string soql, string targetRef', 'int')],
    `SfLookupAllToFile(${SF}, "SELECT Id, Name FROM Account", "<TAG>activity:file/Outbox/file_write/Accounts</TAG>")`,
  ),
  needing(
    'salesforce',
    'FromDataLoaderDate',
    'Deprecated: reads a Salesforce Data Loader date in a time zone; use GetUTCFormattedDate instead.',
    [sig('string inputDate, string timeZoneId, bool isEuropeanFormat', 'date')],
    'FromDataLoaderDate("2024-03-05", "Europe/Paris", false)',
  ),
  needing(
    'salesforce',
    'FromDataLoaderDateTime',
    'Deprecated: reads a Salesforce Data Loader date-time in a time zone; use GetUTCFormattedDateTime instead.',
    [sig('string inputDate, string timeZoneId, bool isEuropeanFormat', 'date')],
    'FromDataLoaderDateTime("2024-03-05 14:07:09", "Europe/Paris", false)',
  ),
];

const netsuite: FunctionSpec[] = [
  needing(
    'netsuite',
    'NetSuiteGetSelectValue',
    'The picklist values of a NetSuite field: labels to dictionaries of internal and external ids.',
    [sig('string netSuiteRef, string recordType, string field, string? sublist', 'dictionary')],
    `NetSuiteGetSelectValue(${NS}, "customer", "category")`,
  ),
  needing('netsuite', 'NetSuiteGetServerTime', 'The date and time of the NetSuite server.', [sig('string netSuiteRef', 'string')], `NetSuiteGetServerTime(${NS})`),
  needing('netsuite', 'NetSuiteLogin', 'Logs in and returns a session id for calls made outside the connector.', [sig('string netSuiteRef', 'string')], `NetSuiteLogin(${NS})`),
];

const diff: FunctionSpec[] = [
  needing('diff', 'InitializeDiff', 'Starts a diff session with an id that is unique and stable between runs.', [sig('string diffId', 'void')], 'InitializeDiff("customers")'),
  needing('diff', 'DiffKeyList', 'Names the key fields that identify a record.', [sig('string k1, string... k', 'void')], 'DiffKeyList("id")'),
  needing('diff', 'OrderedDiffKeyList', 'Names the key fields with the order the source is sorted in.', [sig('string k1, bool isAscending1, type... keyAndOrder', 'void')], 'OrderedDiffKeyList("id", true)'),
  needing('diff', 'DiffNode', 'The repeating node to compare in a hierarchical source.', [sig('string nodeName', 'void')], 'DiffNode("customer")'),
  needing('diff', 'DiffAdd', 'Feeds the added records to the next transformation.', [sig('', 'void')], 'DiffAdd()'),
  needing('diff', 'DiffUpdate', 'Feeds the updated records to the next transformation.', [sig('', 'void')], 'DiffUpdate()'),
  needing('diff', 'DiffDelete', 'Feeds the deleted records to the next transformation.', [sig('', 'void')], 'DiffDelete()'),
  needing('diff', 'DiffComplete', 'Marks the session successful, keeping the new snapshot.', [sig('', 'void')], 'DiffComplete()'),
  needing('diff', 'ResetDiff', 'Forgets the snapshot of a diff (action 0) or only purges leftover files (action 1).', [sig('string diffId, int action', 'void')], 'ResetDiff("customers", 0)'),
  needing('diff', 'SetDiffChunkSize', 'The memory chunk size of diff processing, in bytes (50000 by default).', [sig('int chunkSize', 'void')], 'SetDiffChunkSize(100000)'),
];

export const unavailableFunctions: FunctionSpec[] = [...database, ...email, ...ldap, ...salesforce, ...netsuite, ...diff];
