import init, { diagnosticsByField, inspectImage, lint, profiles, rules, version } from '../index.js';

const $ = (sel, root = document) => root.querySelector(sel);

// The page's own words per language; the findings come in the language from the linter.
// Parameter names, rule ids and API error codes never change.
const WORDS = {
  en: {
    intro: 'Check an Alibaba Cloud ECS <code>ImportImage</code> request before uploading gigabytes to OSS. Everything runs in your browser (WebAssembly); nothing is sent anywhere.',
    rules: 'Rules', image: 'Image', required: 'required', disks: 'Disks', sizeColumn: 'DiskImageSize (GiB)',
    imageFile: 'Image file', remove: 'Remove', addDisk: '+ Add data disk', report: 'Report',
    effective: 'Effective request', effectiveNote: 'as the service will see it',
    footer: 'Same rules as the <code>importimage-lint</code> CLI',
    apiReference: 'API reference', detected: 'detected', detectedFromImage: 'detected from the image',
    imageFileOf: (n) => `Image file of disk ${n}`, removeDisk: 'Remove this disk',
    prevents: (code) => `prevents ${code}`, ruleCount: (n) => `${n} rules`, bytes: 'bytes',
    severity: { error: 'error', warning: 'warning', info: 'info' },
    valid: 'Valid: the service would accept this request',
    validWarnings: (n) => `Valid, with ${n} warning${n > 1 ? 's' : ''}`,
    invalid: (n) => `${n} error${n > 1 ? 's' : ''}: the service would reject this request`,
    defaultHint: (v) => `default ${v}`, lengthHint: (a, z) => `${a}–${z} characters`,
    diskHelp: (max, sizes) => `DiskDeviceMapping.N: N = 1 is the system disk, up to ${max} disks; ${sizes}`,
    sizeRange: (n, lo, hi) => `N ${n}: ${lo}–${hi} GiB`,
  },
  'zh-CN': {
    intro: '在向 OSS 上传数 GB 的镜像之前，先检查阿里云 ECS <code>ImportImage</code> 请求。所有检查都在浏览器中运行（WebAssembly），不会发送任何数据。',
    rules: '版本', image: '镜像', required: '必填', disks: '磁盘', sizeColumn: 'DiskImageSize（GiB）',
    imageFile: '镜像文件', remove: '删除', addDisk: '+ 添加数据盘', report: '检查结果',
    effective: '生效的请求', effectiveNote: '服务端看到的参数',
    footer: '与 <code>importimage-lint</code> 命令行工具使用相同的规则',
    apiReference: 'API 参考', detected: '自动检测', detectedFromImage: '从镜像文件中检测',
    imageFileOf: (n) => `磁盘 ${n} 的镜像文件`, removeDisk: '删除此磁盘',
    prevents: (code) => `可避免的错误码：${code}`, ruleCount: (n) => `${n} 条规则`, bytes: '字节',
    severity: { error: '错误', warning: '警告', info: '提示' },
    valid: '有效：服务会接受此请求',
    validWarnings: (n) => `有效，有 ${n} 个警告`,
    invalid: (n) => `${n} 个错误：服务会拒绝此请求`,
    defaultHint: (v) => `默认值为 ${v}`, lengthHint: (a, z) => `长度为 ${a}~${z} 个字符`,
    diskHelp: (max, sizes) => `DiskDeviceMapping.N：N = 1 为系统盘，最多 ${max} 块磁盘；${sizes}`,
    sizeRange: (n, lo, hi) => `N = ${n} 时取值范围为 ${lo}~${hi} GiB`,
  },
};
const lang = () => $('#lang').value;
const t = () => WORDS[lang()];
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
      (f === 'Format' ? ` list="formats" placeholder="${t().detected}"` : f === 'DiskImageSize' ? ` inputmode="numeric" placeholder="${t().detected}"` : '') +
      `><ul class="problems"></ul></td>`).join('') +
    `<td class="image"><input type="file" aria-label="${t().imageFileOf(n)}"><p class="facts"></p><ul class="problems"></ul></td>` +
    `<td>${n > 1 ? `<button type="button" class="remove" title="${t().removeDisk}" aria-label="${t().removeDisk}">×</button>` : ''}</td>`;
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
    tr.querySelector('input[type="file"]').setAttribute('aria-label', t().imageFileOf(n));
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
  li.innerHTML = `<span class="sev">${t().severity[d.severity]}</span> <span class="msg">${esc(d.message)}</span>` +
    (d.help ? `<div class="help">${esc(d.help)}</div>` : '') +
    `<div class="meta"><code>${esc(d.rule)}</code>${d.code ? ` · ${t().prevents(`<code>${esc(d.code)}</code>`)}` : ''}` +
    `${d.param ? ` · <code>${esc(d.param)}</code>` : ''}</div>`;
  return li;
}

function render() {
  const profile = $('#profile').value;
  const report = lint(request(), { profile, lang: lang() });
  // A finding that compares two fields shows under both.
  const byParam = diagnosticsByField(report);
  for (const field of form.querySelectorAll('.field')) {
    const list = field.querySelector('.problems');
    const ds = byParam.get(field.dataset.param) ?? [];
    list.replaceChildren(...ds.map((d) => {
      const li = document.createElement('li');
      li.className = d.severity;
      li.textContent = d.message;
      if (d.code) li.title = t().prevents(d.code);
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
    ? (warnings ? t().validWarnings(warnings) : t().valid)
    : t().invalid(errors);
  $('#report').replaceChildren(...report.diagnostics.map(diagnosticItem));
  $('#effective').replaceChildren(...Object.entries(report.effective).map(([k, v]) => {
    const tr = document.createElement('tr');
    tr.innerHTML = `<th>${esc(k)}</th><td>${v.value === null ? `<i>${t().detectedFromImage}</i>` : esc(v.value)}</td><td class="src ${v.source}">${v.source}</td>`;
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
    if (p?.default) hints.push(t().defaultHint(p.default));
    if (p?.kind === 'text') hints.push(t().lengthHint(p.min, p.max));
    input.placeholder = hints.join(lang() === 'zh-CN' ? '，' : ', ');
  }
  const disks = table().families.find((f) => f.prefix === 'DiskDeviceMapping');
  MAX_DISKS = disks.max;
  const zh = lang() === 'zh-CN';
  const size = param('DiskDeviceMapping.N.DiskImageSize').ranges
    .map(([a, z, lo, hi]) => t().sizeRange(a === z ? a : `${a}${zh ? '~' : '–'}${z}`, lo, hi))
    .join(zh ? '，' : ', ');
  $('#disk-help').textContent = t().diskHelp(disks.max, size);
  $('#add-disk').disabled = tbody.rows.length >= MAX_DISKS;
}

/** Writes the page's own words in the chosen language and marks the page's language. */
function applyLang() {
  document.documentElement.lang = lang();
  for (const el of document.querySelectorAll('[data-t]')) el.innerHTML = t()[el.dataset.t];
  for (const o of $('#profile').options) {
    o.textContent = o.value === PROFILES[0].id ? `${o.value} (${t().apiReference})` : o.value;
  }
  for (const input of tbody.querySelectorAll('input[name="Format"], input[name="DiskImageSize"]')) input.placeholder = t().detected;
  for (const b of tbody.querySelectorAll('.remove')) {
    b.title = t().removeDisk;
    b.setAttribute('aria-label', t().removeDisk);
  }
  renumber();
  $('#version').textContent = `v${version()} · ${t().ruleCount(rules().length)}`;
}

await init();
PROFILES = profiles();
$('#profile').replaceChildren(...PROFILES.map((p) => option(p.id)));
// The language: ?lang=, else the browser's.
const asked = new URLSearchParams(location.search).get('lang') ?? (navigator.language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');
$('#lang').value = WORDS[asked] ? asked : 'en';
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
  const report = await inspectImage(e.target.files[0], request(), { profile: $('#profile').value, lang: lang(), disk: n });
  const img = report.image;
  const formats = param('DiskDeviceMapping.N.Format').values;
  const spelling = formats.find((f) => f.toLowerCase() === img.format);
  if (spelling) tr.querySelector('input[name="Format"]').value = spelling;
  if (img.virtual_size !== null) tr.querySelector('input[name="DiskImageSize"]').value = String(Math.ceil(img.virtual_size / 2 ** 30));
  cell.querySelector('.facts').textContent = `${img.format}${img.variant ? ` (${img.variant})` : ''}, ${img.virtual_size ?? '?'} ${t().bytes}, ${img.partition_table}`;
  // Judged again with the filled-in fields, so that only what remains is shown.
  const again = await inspectImage(e.target.files[0], request(), { profile: $('#profile').value, lang: lang(), disk: n });
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
$('#lang').addEventListener('change', () => { applyLang(); applyProfile(); render(); });
applyLang();
render();
document.body.dataset.ready = 'true';
