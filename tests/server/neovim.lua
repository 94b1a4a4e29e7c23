-- One round of editing in Neovim 0.7 (its built-in LSP client), headless: the file named on
-- the command line is opened with `importimage-lint server` attached; the diagnostics are
-- read, the quick fix of the enum-letter-case finding is applied, the diagnostics are read
-- again and the file is saved. Every step is written to $ROUND_LOG; any failure exits 1.
local log = assert(io.open(os.getenv('ROUND_LOG'), 'w'))
local function say(fmt, ...)
  log:write(string.format(fmt, ...) .. '\n')
  log:flush()
end
local function fail(msg)
  say('FAILED: %s', msg)
  log:close()
  vim.cmd('cquit 1')
end

local ok, err = pcall(function()
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'json'
  local name = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':t')
  local client_id = vim.lsp.start_client({
    name = 'importimage-lint',
    cmd = { os.getenv('IMPORTIMAGE_LINT'), 'server' },
    root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':h'),
  })
  if not client_id then return fail('the server did not start') end
  vim.lsp.buf_attach_client(buf, client_id)
  say('opened %s (Neovim %s, client %d)', name, tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch), client_id)

  local function codes()
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(out, d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?')
    end
    return out
  end
  if not vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
    return fail('no diagnostics came')
  end
  local severities = { 'error', 'warning', 'info', 'hint' }
  local fixable
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    say('diagnostic %d:%d %s %s: %s', d.lnum + 1, d.col + 1, severities[d.severity], code, (d.message:gsub('\n.*', '')))
    if code == 'enum-letter-case' then fixable = d end
  end
  if not fixable then return fail('no enum-letter-case diagnostic') end

  -- As `:lua vim.lsp.buf.code_action()` asks in Neovim 0.7: the cursor on the finding, the
  -- line's diagnostics as context.
  vim.api.nvim_win_set_cursor(0, { fixable.lnum + 1, fixable.col })
  local params = vim.lsp.util.make_range_params()
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf) }
  local answers = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000)
  local action
  for _, answer in pairs(answers or {}) do
    if answer.err or answer.error then say('code action error: %s', vim.inspect(answer.err or answer.error)) end
  end
  for _, a in ipairs((answers and answers[client_id] and answers[client_id].result) or {}) do
    say('code action: %s (%s)', a.title, a.kind)
    if a.kind == 'quickfix' and not action then action = a end
  end
  if not action then return fail('no quick fix offered') end
  vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
  say('applied: %s', action.title)
  say('line 4 now: %s', vim.api.nvim_buf_get_lines(buf, 3, 4, false)[1])

  if not vim.wait(15000, function()
    return not vim.tbl_contains(codes(), 'enum-letter-case') and #codes() > 0
  end, 20) then
    return fail('the diagnostics did not follow the fix: ' .. table.concat(codes(), ', '))
  end
  say('after the fix: %s', table.concat(codes(), ', '))
  vim.cmd('write')
  say('saved %s', name)
  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.client_is_stopped(client_id) end, 20)
end)
if not ok then return fail(tostring(err)) end
log:close()
vim.cmd('qa!')
