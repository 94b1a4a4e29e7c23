import init, { diagnosticsByField, inspectImage, lint, profiles, rules, version } from '../index.js';

const $ = (sel, root = document) => root.querySelector(sel);
const form = $('#form');
const tbody = $('#disks tbody');
// Lists, limits and defaults come from the profiles' tables, never from this page.
let PROFILES = [];
let MAX_DISKS = 1;
const table = () => PROFILES.find((p) => p.id === $('#profile').value) ?? PROFILES[0];
const param = (name) => table().params.find((p) => p.name === name);

function option(value) {
  const o = document.createElement('option');
  o.value = value;
  return o;
}

function addDisk(values = {}) {
  const n = tbody.rows.length + 1;
  if (n > MAX_DISKS) return;
  const tr = document.createElement('tr');
  tr.innerHTML = `<td class="n">${n}</td>` +
    ['OSSBucket', 'OSSObject', 'Format', 'DiskImageSize'].map((f) =>
      `<td class="field" data-param="DiskDeviceMapping.${n}.${f}"><input name="${f}" aria-label="DiskDeviceMapping.${n}.${f}"` +
      (f === 'Format' ? ' list="formats" placeholder="detected"' : f === 'DiskImageSize' ? ' inputmode="numeric" placeholder="detected"' : '') +
      `><ul class="problems"></ul></td>`).join('') +
    `<td class="image"><input type="file" aria-label="Image file of disk ${n}"><p class="facts"></p><ul class="problems"></ul></td>` +
    `<td>${n > 1 ? '<button type="button" class="remove" title="Remove this disk">×</button>' : ''}</td>`;
  for (const [k, v] of Object.entries(values)) tr.querySelector(`input[name="${k}"]`).value = v;
  tbody.append(tr);
  $('#add-disk').disabled = tbody.rows.length >= MAX_DISKS;
}

function renumber() {
  [...tbody.rows].forEach((tr, i) => {
    const n = i + 1;
    tr.querySelector('.n').textContent = n;
    tr.querySelectorAll('td.field').forEach((td) => {
      const f = td.dataset.param.split('.').pop();
      td.dataset.param = `DiskDeviceMapping.${n}.${f}`;
      td.querySelector('input').setAttribute('aria-label', td.dataset.param);
    });
  });
  $('#add-disk').disabled = tbody.rows.length >= MAX_DISKS;
}

/** The form as a request object in the flat API names; empty fields are left out. */
function request() {
  const req = {};
  for (const input of form.querySelectorAll('.field input')) {
    const param = input.closest('.field').dataset.param;
    if (input.value !== '') req[param] = input.value;
  }
  return req;
}

function esc(s) {
  return String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
}

function diagnosticItem(d) {
  const li = document.createElement('li');
  li.className = d.severity;
  li.innerHTML = `<span class="sev">${d.severity}</span> <span class="msg">${esc(d.message)}</span>` +
    (d.help ? `<div class="help">${esc(d.help)}</div>` : '') +
    `<div class="meta"><code>${esc(d.rule)}</code>${d.code ? ` · prevents <code>${esc(d.code)}</code>` : ''}` +
    `${d.param ? ` · <code>${esc(d.param)}</code>` : ''}</div>`;
  return li;
}

function render() {
  const profile = $('#profile').value;
  const report = lint(request(), { profile });
  // A finding that compares two fields shows under both.
  const byParam = diagnosticsByField(report);
  for (const field of form.querySelectorAll('.field')) {
    const list = field.querySelector('.problems');
    const ds = byParam.get(field.dataset.param) ?? [];
    list.replaceChildren(...ds.map((d) => {
      const li = document.createElement('li');
      li.className = d.severity;
      li.textContent = d.message;
      if (d.code) li.title = `prevents ${d.code}`;
      return li;
    }));
    field.classList.toggle('has-error', ds.some((d) => d.severity === 'error'));
    field.classList.toggle('has-warning', !ds.some((d) => d.severity === 'error') && ds.some((d) => d.severity === 'warning'));
  }
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = report.diagnostics.filter((d) => d.severity === 'warning').length;
  const verdict = $('#verdict');
  verdict.className = `verdict ${report.valid ? 'ok' : 'bad'}`;
  verdict.textContent = report.valid
    ? (warnings ? `Valid, with ${warnings} warning${warnings > 1 ? 's' : ''}` : 'Valid: the service would accept this request')
    : `${errors} error${errors > 1 ? 's' : ''}: the service would reject this request`;
  $('#report').replaceChildren(...report.diagnostics.map(diagnosticItem));
  $('#effective').replaceChildren(...Object.entries(report.effective).map(([k, v]) => {
    const tr = document.createElement('tr');
    tr.innerHTML = `<th>${esc(k)}</th><td>${v.value === null ? '<i>detected from the image</i>' : esc(v.value)}</td><td class="src ${v.source}">${v.source}</td>`;
    return tr;
  }));
}

/** Fills the lists, placeholders and limits of the form from the selected profile. */
function applyProfile() {
  const lists = { regions: table().regions, architectures: param('Architecture').values, ostypes: param('OSType').values,
    platforms: param('Platform').values, formats: param('DiskDeviceMapping.N.Format').values };
  for (const [id, values] of Object.entries(lists)) $(`#${id}`).replaceChildren(...values.map(option));
  for (const input of form.querySelectorAll('.grid .field input')) {
    const p = param(input.name);
    const hints = [];
    if (p?.default) hints.push(`default ${p.default}`);
    if (p?.kind === 'text') hints.push(`${p.min}–${p.max} characters`);
    input.placeholder = hints.join(', ');
  }
  const disks = table().families.find((f) => f.prefix === 'DiskDeviceMapping');
  MAX_DISKS = disks.max;
  const size = param('DiskDeviceMapping.N.DiskImageSize').ranges.map(([a, z, lo, hi]) => `N ${a === z ? a : `${a}–${z}`}: ${lo}–${hi} GiB`).join(', ');
  $('#disk-help').textContent = `DiskDeviceMapping.N: N = 1 is the system disk, up to ${disks.max} disks; ${size}`;
  $('#add-disk').disabled = tbody.rows.length >= MAX_DISKS;
}

await init();
PROFILES = profiles();
$('#profile').replaceChildren(...PROFILES.map((p) => {
  const o = option(p.id);
  o.textContent = p.id === PROFILES[0].id ? `${p.id} (API reference)` : p.id;
  return o;
}));
const formats = document.createElement('datalist');
formats.id = 'formats';
document.body.append(formats);
applyProfile();
addDisk({ OSSBucket: 'ecsimageos', OSSObject: 'centos/centos7-web.qcow2', Format: 'qcow2' });
$('#add-disk').addEventListener('click', () => { addDisk(); render(); });
tbody.addEventListener('click', (e) => {
  if (e.target.classList.contains('remove')) {
    e.target.closest('tr').remove();
    renumber();
    render();
  }
});
// An image file picked for a disk: its headers are read in the page (a few kilobytes,
// nothing is uploaded), Format and DiskImageSize are filled from what the file is, and the
// image rules' findings show under the picker.
tbody.addEventListener('change', async (e) => {
  if (e.target.type !== 'file' || !e.target.files[0]) return;
  const tr = e.target.closest('tr');
  const n = [...tbody.rows].indexOf(tr) + 1;
  const cell = tr.querySelector('td.image');
  const report = await inspectImage(e.target.files[0], request(), { profile: $('#profile').value, disk: n });
  const img = report.image;
  const formats = param('DiskDeviceMapping.N.Format').values;
  const spelling = formats.find((f) => f.toLowerCase() === img.format);
  if (spelling) tr.querySelector('input[name="Format"]').value = spelling;
  if (img.virtual_size !== null) tr.querySelector('input[name="DiskImageSize"]').value = String(Math.ceil(img.virtual_size / 2 ** 30));
  cell.querySelector('.facts').textContent = `${img.format}${img.variant ? ` (${img.variant})` : ''}, ${img.virtual_size ?? '?'} bytes, ${img.partition_table}`;
  // Judged again with the filled-in fields, so that only what remains is shown.
  const again = await inspectImage(e.target.files[0], request(), { profile: $('#profile').value, disk: n });
  cell.querySelector('.problems').replaceChildren(...again.diagnostics.map((d) => {
    const li = document.createElement('li');
    li.className = d.severity;
    li.textContent = d.message;
    return li;
  }));
  cell.dataset.checked = 'true';
  render();
});

form.addEventListener('input', (e) => { if (e.target.type !== 'file') render(); });
$('#profile').addEventListener('change', () => { applyProfile(); render(); });
$('#version').textContent = `v${version()} · ${rules().length} rules`;
render();
document.body.dataset.ready = 'true';
