// Drives the official Cloudflare client (npm "cloudflare" 7.3.0) through every account-member and user-group
// call against the running service. Inputs come from the environment; it prints one JSON line of findings and
// exits non-zero when any expectation fails. Run by CloudflareClientTest.
import assert from 'node:assert/strict';
import Cloudflare from 'cloudflare';

const { CF_BASE_URL, CF_TOKEN, CF_ACCOUNT_ID, CF_OTHER_ACCOUNT_ID } = process.env;
const cf = new Cloudflare({ baseURL: CF_BASE_URL, apiToken: CF_TOKEN, maxRetries: 0 });
const account_id = CF_ACCOUNT_ID;
const findings = {};

async function collect(iterable) {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
}

// Account members: the ids user groups take, pending invitations included.
const accountMembers = await collect(cf.accounts.members.list({ account_id, per_page: 50 }));
findings.accountMembers = accountMembers.length;
const memberIds = accountMembers.map((m) => m.id);
assert.equal(new Set(memberIds).size, memberIds.length, 'account members are listed once each');
assert.ok(memberIds.every((id) => /^[0-9a-f]{32}$/.test(id)), 'member ids are 32 hex digits');
findings.pendingAccountMembers = accountMembers.filter((m) => m.status === 'pending').length;

// User groups: create, list, get, update.
const group = await cf.iam.userGroups.create({ account_id, name: 'Readers' });
assert.match(group.id, /^[0-9a-f]{32}$/);
assert.equal(group.name, 'Readers');
const listed = await collect(cf.iam.userGroups.list({ account_id, per_page: 1 }));
assert.ok(listed.some((g) => g.id === group.id), 'the new group is listed');
findings.groupsListed = listed.length;
const fetched = await cf.iam.userGroups.get(group.id, { account_id });
assert.equal(fetched.name, 'Readers');
const renamed = await cf.iam.userGroups.update(group.id, { account_id, name: 'Readers and writers' });
assert.equal(renamed.name, 'Readers and writers');
findings.renamedTo = renamed.name;

// Members: add (twice, idempotent), auto-paginate over all of them at per_page 100, get one.
const first = memberIds.slice(0, 2).map((id) => ({ id }));
const added = await cf.iam.userGroups.members.create(group.id, { account_id, members: first });
assert.equal(added.result.length, 2);
const addedAgain = await cf.iam.userGroups.members.create(group.id, { account_id, members: first });
assert.equal(addedAgain.result.length, 2, 'adding members already in the group succeeds');

const everyone = memberIds.map((id) => ({ id }));
const replaced = await cf.iam.userGroups.members.update(group.id, { account_id, members: everyone });
findings.replacedWith = replaced.result.length;
const walked = await collect(cf.iam.userGroups.members.list(group.id, { account_id, per_page: 100 }));
findings.walked = walked.length;
findings.walkedDistinct = new Set(walked.map((m) => m.id)).size;
assert.equal(walked.length, memberIds.length, 'auto-pagination visits every member');
assert.equal(findings.walkedDistinct, memberIds.length, 'and each once');
const emails = walked.map((m) => m.email);
assert.deepEqual(emails, [...emails].sort(), 'members come sorted by email');

const one = await cf.iam.userGroups.members.get(memberIds[0], { account_id, user_group_id: group.id });
assert.equal(one.id, memberIds[0]);
assert.ok(one.created_at && one.email && one.user && one.user.id, 'the detailed member has created_at and user');

// Replace with fewer, remove one, clear.
const fewer = await cf.iam.userGroups.members.update(group.id, { account_id, members: first });
assert.deepEqual(fewer.result.map((m) => m.id).sort(), memberIds.slice(0, 2).sort());
const removed = await cf.iam.userGroups.members.delete(memberIds[0], { account_id, user_group_id: group.id });
assert.equal(removed.id, memberIds[0]);
const afterRemove = await collect(cf.iam.userGroups.members.list(group.id, { account_id }));
assert.deepEqual(afterRemove.map((m) => m.id), [memberIds[1]]);
const cleared = await cf.iam.userGroups.members.update(group.id, { account_id, members: [] });
assert.equal(cleared.result.length, 0);
findings.afterClear = (await collect(cf.iam.userGroups.members.list(group.id, { account_id }))).length;

// Refusals surface as the client's typed errors, without retries.
await assert.rejects(cf.iam.userGroups.members.create(group.id, { account_id, members: [{ id: '0'.repeat(32) }] }),
  (e) => e.status === 400 && e.errors?.[0]?.code >= 1000);
await assert.rejects(cf.iam.userGroups.get('f'.repeat(32), { account_id }), (e) => e.status === 404);
await assert.rejects(cf.iam.userGroups.list({ account_id: CF_OTHER_ACCOUNT_ID }), (e) => e.status === 404);

// Delete the group.
const deleted = await cf.iam.userGroups.delete(group.id, { account_id });
findings.groupId = group.id;
findings.deletedId = deleted.id;
findings.afterDeleteStatus = await cf.iam.userGroups.get(group.id, { account_id }).then(() => 200, (e) => e.status);

console.log(JSON.stringify(findings));
