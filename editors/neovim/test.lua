-- Headless Neovim test of the shipped set-up: foment-ls.lua as a user installs it, Neovim's
-- own LSP client, the real foment-ls (test.sh runs it: nvim --headless -u NONE -c "luafile test.lua").
-- The project (test.sh makes it): proj/.git, proj/socket.scm with three mistakes, proj/a.scm,
-- proj/b.scm; other/c.scm in a second root.
local results = {}
local function check(name, ok, detail)
  table.insert(results, (ok and 'ok   ' or 'FAIL ') .. 'neovim: ' .. name .. (detail and (': ' .. tostring(detail):gsub('%s+', ' ')) or ''))
end
local function finish()
  local f = io.open(os.getenv('RESULTS'), 'w')
  f:write(table.concat(results, '\n') .. '\n')
  f:close()
  for _, c in ipairs(vim.lsp.get_active_clients()) do
    c.stop()
  end
  vim.wait(2000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
  vim.cmd('qa!')
end

local ok, err = xpcall(function()
  local here = os.getenv('HERE')
  vim.g.foment_ls_path = os.getenv('FOMENT_LS')
  vim.g.foment_ls_log = os.getenv('LOG')
  vim.cmd('filetype on')
  -- The shipped file, sourced twice: the second time replaces the first's autocommands.
  vim.cmd('luafile ' .. here .. '/foment-ls.lua')
  vim.cmd('luafile ' .. here .. '/foment-ls.lua')

  local function clients()
    return #vim.lsp.get_active_clients()
  end
  local function attached(buf)
    return vim.tbl_count(vim.lsp.buf_get_clients(buf))
  end

  vim.cmd('edit proj/socket.scm')
  local buf = vim.api.nvim_get_current_buf()
  check('filetype', vim.bo[buf].filetype == 'scheme', vim.bo[buf].filetype)
  check('client started', vim.wait(5000, function() return attached(buf) == 1 end, 20), attached(buf))

  -- Diagnostics arrive for the swapped arguments and the listen before bind.
  local got = vim.wait(10000, function() return #vim.diagnostic.get(buf) == 3 end, 50)
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(codes, tostring(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)))
  end
  table.sort(codes)
  check('diagnostics', got and table.concat(codes, ' ') == 'socket-kind socket-kind socket-lifecycle', table.concat(codes, ' '))

  -- The documented keymaps, on this buffer.
  for _, lhs in ipairs({ 'K', 'gd', 'gr', '<Leader>rn', '<Leader>ca', '<Leader>f' }) do
    local m = vim.fn.maparg(lhs, 'n', false, true)
    check('keymap ' .. lhs, m and m.buffer == 1, vim.inspect(m and m.desc))
  end

  -- Hover on make-socket.
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = 1, character = 12 } }
  local resp = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 5000)
  local text = ''
  for _, r in pairs(resp or {}) do
    if r.result and r.result.contents then text = r.result.contents.value or '' end
  end
  check('hover', text:find('make-socket family domain protocol', 1, true) ~= nil, text:sub(1, 60))

  -- Completion in the family position offers only families.
  params.position = { line = 1, character = 23 }
  resp = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, 5000)
  local labels = {}
  for _, r in pairs(resp or {}) do
    for _, it in ipairs((r.result and (r.result.items or r.result)) or {}) do table.insert(labels, it.label) end
  end
  local all = table.concat(labels, ' ')
  check('completion', all:find('*af-inet*', 1, true) ~= nil and not all:find('*sock-dgram*', 1, true), all)

  -- Three buffers of one project share one server; :edit! three times keeps it.
  vim.cmd('edit proj/a.scm')
  vim.cmd('edit proj/b.scm')
  local b = vim.api.nvim_get_current_buf()
  vim.wait(3000, function() return attached(b) == 1 end, 20)
  check('one server for three buffers', clients() == 1, clients())
  for _ = 1, 3 do
    vim.cmd('edit!')
  end
  vim.wait(500, function() return clients() > 1 end, 20)
  check(':edit! three times: still one server', clients() == 1 and attached(b) == 1, clients() .. ' servers, ' .. attached(b) .. ' on the buffer')
  -- Another root, another server.
  vim.cmd('edit other/c.scm')
  local c = vim.api.nvim_get_current_buf()
  vim.wait(3000, function() return attached(c) == 1 end, 20)
  check('a second root gets its own server', clients() == 2, clients())

  -- An edit: fix the arguments, only the listen-before-bind warning remains.
  vim.cmd('buffer ' .. buf)
  vim.api.nvim_buf_set_lines(buf, 1, 2, false, { '(define s (make-socket *af-inet* *sock-stream* 0))' })
  got = vim.wait(10000, function() return #vim.diagnostic.get(buf) == 1 end, 50)
  check('diagnostics after the edit', got, #vim.diagnostic.get(buf))

  -- The protocol trace that vim.g.foment_ls_log asked for.
  local log = io.open(os.getenv('LOG')):read('*a')
  check('protocol trace', log:find('method=textDocument/hover', 1, true) ~= nil, #log .. ' bytes')
end, debug.traceback)
if not ok then
  check('no Lua error', false, err)
end
finish()
