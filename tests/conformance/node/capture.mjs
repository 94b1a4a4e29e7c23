// Captures what Alibaba Cloud's Node clients build and send for every case.
//
// - @alicloud/ecs20140526 (Tea SDK): JSON.stringify of the model, its toMap(), the flat
//   object it builds before signing (@alicloud/openapi-core's OpenApiUtil.query), and the
//   wire request with the default signer (ACS3) and with the v2 RPC signature.
// - @alicloud/pop-core: the wire request (v2 RPC signature). It exposes no model, and its
//   flattening is internal to the request call: the wire form is what it builds.
//
// Usage: node capture.mjs CASES.json OUT_DIR PORT RECORDS.jsonl
import { readFileSync, writeFileSync, mkdirSync, statSync, openSync, readSync, closeSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import Ecs, * as ecs from '@alicloud/ecs20140526';
import * as OpenApi from '@alicloud/openapi-client';
import * as core from '@alicloud/openapi-core';
import RPCClient from '@alicloud/pop-core';

const [casesPath, out, port, records] = process.argv.slice(2);
const AK = 'LTAI5tConformanceKey';
const SECRET = 'conformance-secret';

appendFileSync(records, '');
let seen = statSync(records).size;
function take() {
  const size = statSync(records).size;
  const buf = Buffer.alloc(size - seen);
  const fd = openSync(records, 'r');
  readSync(fd, buf, 0, buf.length, seen);
  closeSync(fd);
  seen = size;
  const lines = buf.toString('utf8').split('\n').filter((l) => l.trim());
  if (lines.length !== 1) throw new Error(`expected one request, got ${lines.length}`);
  return JSON.parse(lines[0]);
}
function queryText(record) {
  const query = record.path.includes('?') ? record.path.split('?').slice(1).join('?') : '';
  const body = (record.headers['content-type'] || '').includes('form-urlencoded') ? record.body : '';
  return [query, body].filter(Boolean).join('&') + '\n';
}
function write(id, name, text) {
  mkdirSync(join(out, id), { recursive: true });
  writeFileSync(join(out, id, name), text);
}
const dump = (v) => JSON.stringify(v, null, 2) + '\n';

function split(params) {
  const top = {}, disks = {}, tags = {}, features = {};
  for (const [key, value] of Object.entries(params)) {
    const parts = key.split('.');
    if (parts[0] === 'DiskDeviceMapping') (disks[parts[1]] ??= {})[parts[2]] = value;
    else if (parts[0] === 'Tag') (tags[parts[1]] ??= {})[parts[2]] = value;
    else if (parts[0] === 'Features') features[parts[1]] = value;
    else top[key] = value;
  }
  const list = (o) => Object.keys(o).map(Number).sort((a, b) => a - b).map((n) => o[n]);
  return { top, disks: list(disks), tags: list(tags), features };
}

// The TypeScript models name fields in camelCase, except OSSBucket, OSSObject and OSType.
const camel = (name) => (/^[A-Z][a-z]/.test(name) ? name[0].toLowerCase() + name.slice(1) : name);

function teaRequest(params) {
  const { top, disks, tags, features } = split(params);
  const fields = Object.fromEntries(Object.entries(top).map(([k, v]) => [camel(k), v]));
  if (disks.length) fields.diskDeviceMapping = disks.map((d) => new ecs.ImportImageRequestDiskDeviceMapping(Object.fromEntries(Object.entries(d).map(([k, v]) => [camel(k), v]))));
  if (tags.length) fields.tag = tags.map((t) => new ecs.ImportImageRequestTag({ key: t.Key, value: t.Value }));
  if (Object.keys(features).length) fields.features = new ecs.ImportImageRequestFeatures(Object.fromEntries(Object.entries(features).map(([k, v]) => [camel(k), v])));
  return new ecs.ImportImageRequest(fields);
}

const flat = [];
const realQuery = core.OpenApiUtil.query;
core.OpenApiUtil.query = (q) => {
  const r = realQuery(q);
  flat.push(r);
  return r;
};

const Client = Ecs.default ?? Ecs;
const Rpc = RPCClient.default ?? RPCClient;
for (const { id, params } of JSON.parse(readFileSync(casesPath, 'utf8'))) {
  const request = teaRequest(params);
  write(id, 'tea-node.model.json', dump(JSON.parse(JSON.stringify(request))));
  write(id, 'tea-node.map.json', dump(request.toMap()));
  for (const [signer, form] of [[undefined, 'acs3'], ['v2', 'v2']]) {
    const cfg = new OpenApi.Config({ accessKeyId: AK, accessKeySecret: SECRET, regionId: 'cn-hangzhou', endpoint: `127.0.0.1:${port}`, protocol: 'HTTP' });
    if (signer) cfg.signatureAlgorithm = signer;
    flat.length = 0;
    await new Client(cfg).importImageWithOptions(request, {});
    write(id, `tea-node.${form}.query`, queryText(take()));
  }
  write(id, 'tea-node.flat.json', dump(flat[0]));
  // pop-core flattens arrays of objects itself; a nested object (Features) must be written flat.
  const { top, disks, tags, features } = split(params);
  const pop = { ...top };
  if (disks.length) pop.DiskDeviceMapping = disks;
  if (tags.length) pop.Tag = tags;
  for (const [k, v] of Object.entries(features)) pop[`Features.${k}`] = v;
  const client = new Rpc({ accessKeyId: AK, accessKeySecret: SECRET, endpoint: `http://127.0.0.1:${port}`, apiVersion: '2014-05-26' });
  await client.request('ImportImage', pop, { method: 'POST' });
  write(id, 'pop-core.v2.query', queryText(take()));
}
