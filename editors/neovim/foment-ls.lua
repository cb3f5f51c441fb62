-- foment-ls for Neovim 0.7 and later, with the built-in LSP client.
--
-- Put this file in ~/.config/nvim/plugin/ (or :luafile it from init.lua). Scheme buffers
-- (.scm, .sld, .sls) then get `foment-ls lsp`: one server per project root (the nearest
-- directory above the file with a .git), shared by every buffer under it.
--
-- Options (set them before this file runs):
--   vim.g.foment_ls_path = '/path/to/foment-ls'  -- default: foment-ls on PATH
--   vim.g.foment_ls_log = '/tmp/foment-ls.log'   -- a protocol trace (foment-ls lsp --log)
--   vim.g.foment_ls_trace = 'verbose'            -- what the log gets: off, messages, verbose
--   vim.g.foment_ls_keymaps = false              -- no keymaps (default: the ones below)
--
-- Keymaps, in Scheme buffers the server is attached to (normal mode):
--   K           hover: the documentation of what is under the cursor
--   gd          go to its definition
--   gr          its references
--   <leader>rn  rename it everywhere
--   <leader>ca  code actions (quick fixes such as the missing import)
--   <leader>f   format the buffer
--   [d ]d       previous / next diagnostic
-- Sourcing this file again replaces its autocommands (the augroup "foment_ls") and keeps the
-- running servers.

local state = _G.__foment_ls or { clients = {} } -- root -> client id, across re-sourcing
_G.__foment_ls = state

local function root_of(fname)
  local dir = vim.fn.fnamemodify(fname, ':p:h')
  local git = vim.fn.finddir('.git', dir .. ';')
  if git == '' then
    git = vim.fn.findfile('.git', dir .. ';') -- a worktree's .git is a file
  end
  if git ~= '' then
    return vim.fn.fnamemodify(git, ':p:h:h'):gsub('/$', '')
  end
  return dir
end

local function cmd()
  local c = { vim.g.foment_ls_path or 'foment-ls', 'lsp' }
  if vim.g.foment_ls_log and vim.g.foment_ls_log ~= '' then
    vim.list_extend(c, { '--log', vim.g.foment_ls_log, '--trace', vim.g.foment_ls_trace or 'messages' })
  end
  return c
end

local function on_attach(client, bufnr)
  if vim.g.foment_ls_keymaps == false then
    return
  end
  local function map(lhs, rhs, desc)
    vim.keymap.set('n', lhs, rhs, { buffer = bufnr, silent = true, desc = 'foment-ls: ' .. desc })
  end
  map('K', vim.lsp.buf.hover, 'hover')
  map('gd', vim.lsp.buf.definition, 'definition')
  map('gr', vim.lsp.buf.references, 'references')
  map('<leader>rn', vim.lsp.buf.rename, 'rename')
  map('<leader>ca', vim.lsp.buf.code_action, 'code action')
  map('<leader>f', function()
    if vim.lsp.buf.format then
      vim.lsp.buf.format({ bufnr = bufnr })
    else
      vim.lsp.buf.formatting() -- Neovim 0.7
    end
  end, 'format')
  map('[d', vim.diagnostic.goto_prev, 'previous diagnostic')
  map(']d', vim.diagnostic.goto_next, 'next diagnostic')
end

-- attach gives a buffer the client of its root, starting it the first time.
local function attach(bufnr)
  local fname = vim.api.nvim_buf_get_name(bufnr)
  local root = root_of(fname ~= '' and fname or vim.fn.getcwd() .. '/x')
  local id = state.clients[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    local executable = cmd()[1]
    if vim.fn.executable(executable) ~= 1 then
      vim.notify('foment-ls: ' .. executable .. ' was not found: set vim.g.foment_ls_path, or put foment-ls on PATH', vim.log.levels.ERROR)
      return
    end
    id = vim.lsp.start_client({
      name = 'foment-ls',
      cmd = cmd(),
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
      on_attach = on_attach,
      on_exit = function()
        if state.clients[root] == id then
          state.clients[root] = nil
        end
      end,
    })
    if not id then
      return
    end
    state.clients[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id) -- nothing happens when it is attached already
end

local group = vim.api.nvim_create_augroup('foment_ls', { clear = true })
vim.api.nvim_create_autocmd('FileType', {
  group = group,
  pattern = 'scheme',
  callback = function(args)
    attach(args.buf)
  end,
})
-- .sld and .sls are Scheme too.
if vim.filetype and vim.filetype.add then
  vim.filetype.add({ extension = { sld = 'scheme', sls = 'scheme' } })
end
vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
  group = group,
  pattern = { '*.sld', '*.sls' },
  command = 'setfiletype scheme',
})
-- Buffers already open when this file is sourced.
for _, buf in ipairs(vim.api.nvim_list_bufs()) do
  if vim.api.nvim_buf_is_loaded(buf) and vim.bo[buf].filetype == 'scheme' then
    attach(buf)
  end
end
