-- Headless Neovim test: Neovim's own LSP client talks to foment-ls.
--   nvim --headless -u NONE -c "luafile editors/neovim/test.lua" FILE
local results = {}
local function check(name, ok, detail)
  table.insert(results, (ok and 'ok   ' or 'FAIL ') .. name .. (detail and (': ' .. detail) or ''))
end

local bin = os.getenv('FOMENT_LS')
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = 'scheme'
local client_id = vim.lsp.start_client({
  name = 'foment-ls',
  cmd = { bin, 'lsp' },
  root_dir = vim.fn.getcwd(),
})
check('client started', client_id ~= nil)
vim.lsp.buf_attach_client(buf, client_id)

-- Diagnostics arrive for the swapped arguments.
local got = vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local diags = vim.diagnostic.get(buf)
check('diagnostics', got and #diags == 3, tostring(#diags))
local codes = {}
for _, d in ipairs(diags) do
  table.insert(codes, tostring(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)))
end
table.sort(codes)
check('diagnostic codes', table.concat(codes, ' ') == 'socket-kind socket-kind socket-lifecycle', table.concat(codes, ' '))

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
table.sort(labels)
check('completion', table.concat(labels, ' '):find('*af-inet*', 1, true) ~= nil and not table.concat(labels, ' '):find('*sock-dgram*', 1, true), table.concat(labels, ' '))

-- An edit: fix the arguments, the diagnostics go away.
vim.api.nvim_buf_set_lines(buf, 1, 2, false, { '(define s (make-socket *af-inet* *sock-stream* 0))' })
-- Only the listen-before-bind warning remains.
got = vim.wait(10000, function() return #vim.diagnostic.get(buf) == 1 end, 50)
check('diagnostics after the edit', got, tostring(#vim.diagnostic.get(buf)))

local f = io.open(os.getenv('RESULTS'), 'w')
f:write(table.concat(results, '\n') .. '\n')
f:close()
vim.lsp.stop_client(client_id)
vim.cmd('qa!')
