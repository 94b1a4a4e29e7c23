import init, { lint, rules, version } from '../index.js';

const $ = (sel, root = document) => root.querySelector(sel);
const form = $('#form');
const tbody = $('#disks tbody');
const MAX_DISKS = 17;

const PLATFORMS = ['CentOS', 'Ubuntu', 'SUSE', 'OpenSUSE', 'Debian', 'CoreOS', 'Aliyun', 'Windows Server 2003',
  'Windows Server 2008', 'Windows Server 2012', 'Others Linux', 'Customized Linux', 'Rocky Linux', 'AlmaLinux',
  'Windows Server 2016', 'Windows Server 2019', 'Windows Server 2022'];
const REGIONS = ['cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'cn-hongkong', 'ap-southeast-1',
  'ap-northeast-1', 'eu-central-1', 'us-west-1', 'us-east-1'];

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
  const byParam = new Map();
  for (const d of report.diagnostics) {
    if (!byParam.has(d.param)) byParam.set(d.param, []);
    byParam.get(d.param).push(d);
  }
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

await init();
$('#regions').append(...REGIONS.map(option));
$('#platforms').append(...PLATFORMS.map(option));
const formats = document.createElement('datalist');
formats.id = 'formats';
formats.append(...['RAW', 'VHD', 'qcow2'].map(option));
document.body.append(formats);
addDisk({ OSSBucket: 'ecsimageos', OSSObject: 'centos/centos7-web.qcow2', Format: 'qcow2' });
$('#add-disk').addEventListener('click', () => { addDisk(); render(); });
tbody.addEventListener('click', (e) => {
  if (e.target.classList.contains('remove')) {
    e.target.closest('tr').remove();
    renumber();
    render();
  }
});
form.addEventListener('input', render);
$('#profile').addEventListener('change', render);
$('#version').textContent = `v${version()} · ${rules().length} rules`;
render();
document.body.dataset.ready = 'true';
